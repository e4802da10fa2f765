// `eslint.config.ts`: a TypeScript config file (ESLint 9.18+ and 10, loaded through
// jiti on Node 20) that consumes the plugin's type declarations: it type-checks with
// `tsc`, loads, and — being a .ts file itself — is linted with type information,
// which is why the recipe's tsconfig includes it.
import { describe, expect, it } from 'vitest';

import { createCase, expectedKeys, lint, run, type Toolchain } from './helpers';

/** Other ways users write typed configs: each must type-check too. */
const CONFIG_SHAPES = `import type { ESLint, Linter } from 'eslint';
import { defineConfig } from 'eslint/config';
import asyncleak from 'eslint-plugin-asyncleak';

export const asPlugin: ESLint.Plugin = asyncleak;
export const asArray: Linter.Config[] = [asyncleak.configs['flat/recommended'], asyncleak.configs['flat/strict']];
export const viaExtends = defineConfig({
  files: ['**/*.ts'],
  plugins: { asyncleak },
  extends: ['asyncleak/recommended'],
});
export const viaObject = defineConfig({ extends: [asyncleak.configs['flat/strict']] });
`;

describe.each<Toolchain>(['eslint9', 'eslint10'])('eslint.config.ts on %s', (toolchain) => {
  it('type-checks against the plugin and ESLint types', () => {
    const dir = createCase(toolchain, 'ts-config-tsc', {
      recipes: ['typescript-config'],
      files: { 'src/config-shapes.ts': CONFIG_SHAPES },
    });
    const result = run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', '.', '--noEmit'], { cwd: dir });
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('a type error in the config is caught by tsc (the check above can fail)', () => {
    const dir = createCase(toolchain, 'ts-config-tsc-bad', {
      recipes: ['typescript-config'],
      files: { 'eslint.config.ts': "import asyncleak from 'eslint-plugin-asyncleak';\n\nexport default [asyncleak.configs['flat/recomended']];\n" },
    });
    const result = run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', '.', '--noEmit'], { cwd: dir });
    expect(result.stdout).toContain('flat/recomended');
    expect(result.status).not.toBe(0);
  });

  it('loads and lints: its rule override turns on the strict-only finding', () => {
    const dir = createCase(toolchain, 'ts-config', { recipes: ['typescript-config'] });
    const result = lint(dir);
    expect(result.fatal).toEqual([]);
    expect(result.files).toEqual(['eslint.config.ts', 'src/clean.ts', 'src/client.ts', 'src/poller.ts']);
    // The override (`evidence: 'possible'`) is the strict option of no-floating-timer.
    expect(result.keys).toEqual(expectedKeys(dir, 'strict'));
    expect(result.keys.length).toBeGreaterThan(expectedKeys(dir, 'recommended').length);
  });
});
