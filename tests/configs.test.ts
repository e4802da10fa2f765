// Smoke test of the built plugin's shape (`npm run build` first; `npm test` does):
// what ESLint's eslintrc and flat loaders and `defineConfig` rely on.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import { defineConfig } from 'eslint/config';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..');
const requireFromRoot = createRequire(path.join(root, 'package.json'));
const packageJson = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  main: string;
};

function loadPlugin() {
  if (!existsSync(path.join(root, packageJson.main))) {
    throw new Error(`${packageJson.main} is missing: run \`npm run build\` first`);
  }
  // Through the package entry point, as ESLint loads it.
  return requireFromRoot(root);
}

const plugin = loadPlugin();
const ruleIds = Object.keys(plugin.rules).map((name) => `asyncleak/${name}`).sort();
const TS_FILES = ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'];
const TS_GLOBS = ['*.ts', '*.tsx', '*.mts', '*.cts'];

describe('plugin object', () => {
  it('is CommonJS: module.exports is the plugin itself, with no `.default`', () => {
    const source = readFileSync(path.join(root, packageJson.main), 'utf8');
    expect(source).toMatch(/module\.exports\s*=/);
    expect(plugin.default).toBeUndefined();
    expect(Object.keys(plugin).sort()).toEqual(['configs', 'meta', 'rules']);
  });

  it('carries meta: the package name and version, namespace asyncleak', () => {
    expect(plugin.meta).toEqual({ name: packageJson.name, version: packageJson.version, namespace: 'asyncleak' });
  });

  it('has the four configs', () => {
    expect(Object.keys(plugin.configs).sort()).toEqual(['flat/recommended', 'flat/strict', 'recommended', 'strict']);
  });

  it('every rule is a rule module with docs', () => {
    for (const [name, rule] of Object.entries<{ meta: { docs?: { url?: string } }; create: unknown }>(plugin.rules)) {
      expect(typeof rule.create, name).toBe('function');
      expect(rule.meta.docs?.url, name).toContain(`docs/rules/${name}.md`);
    }
  });
});

describe.each(['recommended', 'strict'] as const)('configs.%s (eslintrc)', (name) => {
  const config = plugin.configs[name];

  it('names the plugin by string and scopes parser, project service and rules to TypeScript files', () => {
    expect(config.plugins).toEqual(['asyncleak']);
    expect(config.overrides).toHaveLength(1);
    const [override] = config.overrides;
    expect(override.files).toEqual(TS_GLOBS);
    expect(override.parser).toBe('@typescript-eslint/parser');
    expect(override.parserOptions.projectService).toBe(true);
    // No top-level typed parser: it would fail on every .js file outside the tsconfig.
    expect(config.parser).toBeUndefined();
  });

  it('enables exactly the rules of the plugin, as errors', () => {
    const rules = config.overrides[0].rules as Record<string, unknown>;
    expect(Object.keys(rules).sort()).toEqual(ruleIds);
    for (const entry of Object.values(rules)) expect(Array.isArray(entry) ? entry[0] : entry).toBe('error');
  });

  it('is plain data (eslintrc configs are JSON-like)', () => {
    expect(JSON.parse(JSON.stringify(config))).toEqual(config);
  });

  it('lets short timeouts go in recommended only (minTimeoutMs: 100 there, 0 in strict)', () => {
    const rules = config.overrides[0].rules as Record<string, [string, { minTimeoutMs?: number }]>;
    const expected = name === 'recommended' ? 100 : 0;
    expect(rules['asyncleak/no-cancel-overwrite']?.[1].minTimeoutMs).toBe(expected);
    expect(rules['asyncleak/no-floating-timer']?.[1].minTimeoutMs ?? 0).toBe(expected); // strict: the default
  });
});

describe.each(['flat/recommended', 'flat/strict'] as const)('configs["%s"] (flat)', (name) => {
  const config = plugin.configs[name];

  it('carries the plugin object itself, the typed parser and the project service', () => {
    expect(config.name).toBe(`asyncleak/${name.slice('flat/'.length)}`);
    expect(config.plugins.asyncleak).toBe(plugin);
    expect(config.files).toEqual(TS_FILES);
    expect(typeof config.languageOptions.parser.parseForESLint).toBe('function');
    expect(config.languageOptions.parser).toBe(requireFromRoot('@typescript-eslint/parser'));
    expect(config.languageOptions.parserOptions.projectService).toBe(true);
  });

  it('has no eslintrc-only keys', () => {
    for (const key of ['env', 'extends', 'globals', 'overrides', 'parser', 'parserOptions', 'root']) {
      expect(config).not.toHaveProperty(key);
    }
  });

  it('enables the same rules and options as its eslintrc twin', () => {
    const twin = plugin.configs[name.slice('flat/'.length)];
    expect(Object.keys(config.rules).sort()).toEqual(ruleIds);
    expect(config.rules).toEqual(twin.overrides[0].rules);
  });
});

describe('defineConfig extends', () => {
  it.each(['recommended', 'strict'] as const)('"asyncleak/%s" resolves to the flat twin', (name) => {
    const [config] = defineConfig({ plugins: { asyncleak: plugin }, extends: [`asyncleak/${name}`] });
    expect(config.rules).toEqual(plugin.configs[`flat/${name}`].rules);
    expect(config.languageOptions?.parser).toBe(plugin.configs[`flat/${name}`].languageOptions.parser);
  });
});

describe('rule sources', () => {
  // A rule's remedies live beside it, where eslint-plugin's no-unused-message-ids cannot see them.
  it.each(Object.keys(plugin.rules))('%s uses every message id it declares', (name) => {
    const folder = path.join(root, 'src', 'rules', name);
    const source = readdirSync(folder)
      .filter((file) => file.endsWith('.ts'))
      .map((file) => readFileSync(path.join(folder, file), 'utf8'))
      .join('\n')
      // Naming an id in a type (`type MessageIds = 'a' | 'b'`) is not using it.
      .replace(/^(?:export )?type [^;]*;/gms, '');
    const unused = Object.keys(plugin.rules[name].meta.messages).filter((id) => !new RegExp(`['"]${id}['"]`).test(source));
    expect(unused).toEqual([]);
  });
});
