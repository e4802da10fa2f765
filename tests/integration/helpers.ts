// Shared machinery of the integration tests: real installs from the npm registry
// into temp projects (one per toolchain, reused by every test of that toolchain),
// the packed plugin tarball, and "cases" — small user projects that link a
// toolchain's node_modules and copy a README recipe verbatim.
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';

import { inject } from 'vitest';

export const INTEGRATION_DIR = __dirname;
export const RECIPES_DIR = path.join(__dirname, 'projects/recipes');
export const FIXTURE_DIR = path.join(__dirname, 'projects/leaky');

/** The toolchains the matrix installs. Exact versions: a run is reproducible. */
export const TOOLCHAINS = {
  /** ESLint 8.57 (eslintrc and flat mode) with TypeScript 5. */
  eslint8: { eslint: '8.57.1', typescript: '5.9.3', '@typescript-eslint/parser': '8.72.0' },
  /** The oldest supported pair: ESLint 8.57 and the oldest TypeScript typescript-eslint 8 and the peer range allow. */
  oldest: { eslint: '8.57.1', typescript: '4.8.4', '@typescript-eslint/parser': '8.72.0' },
  /** The newest ESLint 9 (eslintrc via ESLINT_USE_FLAT_CONFIG=false, flat, defineConfig, concurrency). */
  eslint9: { eslint: '9.39.5', typescript: '5.9.3', '@typescript-eslint/parser': '8.72.0', jiti: '2.7.0' },
  /** The first ESLint whose `defineConfig` takes `extends: ["plugin/config"]` with eslintrc twins. */
  'eslint9.37': { eslint: '9.37.0', typescript: '5.9.3', '@typescript-eslint/parser': '8.72.0' },
  /** ESLint 10 with the newest TypeScript, plus the pre-commit and CI tools of the recipes. */
  eslint10: {
    eslint: '10.15.0',
    typescript: '6.0.3',
    '@typescript-eslint/parser': '8.72.0',
    jiti: '2.7.0',
    husky: '9.1.7',
    'lint-staged': '16.3.4',
    '@microsoft/eslint-formatter-sarif': '3.1.0',
  },
} as const;
export type Toolchain = keyof typeof TOOLCHAINS;

const context = () => inject('asyncleakIt');

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The environment of a user's shell: none of this test runner's or npm's variables. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(VITEST|NODE_OPTIONS$|ESLINT_|npm_|TS_NODE|GIT_|HUSKY)/i.test(key)) continue;
    env[key] = value;
  }
  return { ...env, NO_COLOR: '1', FORCE_COLOR: '0', ...extra };
}

export function run(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: Record<string, string>; timeoutMs?: number },
): RunResult {
  const result = spawnSync(command, args, {
    cwd: options.cwd,
    env: cleanEnv(options.env),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: options.timeoutMs ?? 300_000,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs a shell command line exactly as written in a recipe. */
export function sh(line: string, options: { cwd: string; env?: Record<string, string> }): RunResult {
  return run('bash', ['-c', line], options);
}

/**
 * The directory of an installed toolchain, installing it on first use: real packages
 * from the registry (npm's shared cache keeps repeats fast) plus the packed plugin.
 */
export function toolchain(name: Toolchain): string {
  const dir = path.join(context().root, 'toolchains', name);
  const marker = path.join(dir, '.installed');
  if (existsSync(marker)) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, 'package.json'),
    `${JSON.stringify(
      {
        name: `asyncleak-it-${name.toLowerCase().replace(/[^a-z0-9-]/g, '-')}`,
        private: true,
        devDependencies: { ...TOOLCHAINS[name], 'eslint-plugin-asyncleak': `file:${context().tarball}` },
      },
      null,
      2,
    )}\n`,
  );
  const started = Date.now();
  const result = run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], {
    cwd: dir,
    timeoutMs: 600_000,
  });
  if (result.status !== 0) {
    throw new Error(`npm install for ${name} failed:\n${result.stdout}\n${result.stderr}`);
  }
  console.log(`installed toolchain ${name} in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  writeFileSync(marker, '');
  return dir;
}

export function copyRecipe(recipe: string, into: string): void {
  cpSync(path.join(RECIPES_DIR, recipe), into, { recursive: true });
}

/**
 * A fresh user project: the leaky fixture, a package.json, `node_modules` linked to the
 * toolchain's, and the files of the given recipe directories copied verbatim.
 */
export function createCase(
  name: Toolchain,
  caseName: string,
  options: { recipes?: string[]; files?: Record<string, string>; fixture?: boolean } = {},
): string {
  const modules = path.join(toolchain(name), 'node_modules');
  const dir = path.join(context().root, 'cases', `${name}-${caseName}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  if (options.fixture !== false) cpSync(FIXTURE_DIR, dir, { recursive: true });
  writeFileSync(
    path.join(dir, 'package.json'),
    `${JSON.stringify({ name: 'leaky-app', version: '1.0.0', private: true }, null, 2)}\n`,
  );
  symlinkSync(modules, path.join(dir, 'node_modules'), 'dir');
  for (const recipe of options.recipes ?? []) copyRecipe(recipe, dir);
  for (const [file, text] of Object.entries(options.files ?? {})) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

export interface Finding {
  /** `src/poller.ts:11 asyncleak/no-floating-timer` */
  key: string;
  severity: number;
  message: string;
}

export interface LintRun extends RunResult {
  findings: Finding[];
  /** The sorted `file:line ruleId` keys of the findings. */
  keys: string[];
  /** Parse errors and crashes (no rule id). */
  fatal: string[];
  /** Every file ESLint linted, relative, sorted. */
  files: string[];
}

/** Runs the case's own ESLint (`node_modules/.bin/eslint`) with the JSON formatter. */
export function lint(
  dir: string,
  args: readonly string[] = ['.'],
  env: Record<string, string> = {},
): LintRun {
  const eslintBin = path.join(dir, 'node_modules/eslint/bin/eslint.js');
  const result = run(process.execPath, [eslintBin, '--format', 'json', ...args], { cwd: dir, env });
  let parsed: { filePath: string; messages: { ruleId: string | null; line: number; severity: number; message: string; fatal?: boolean }[] }[];
  try {
    parsed = JSON.parse(result.stdout);
  } catch {
    throw new Error(`ESLint did not print JSON (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
  const findings: Finding[] = [];
  const fatal: string[] = [];
  const files: string[] = [];
  for (const file of parsed) {
    const rel = path.relative(dir, file.filePath).split(path.sep).join('/');
    files.push(rel);
    for (const m of file.messages) {
      if (m.fatal || !m.ruleId) fatal.push(`${rel}:${m.line} ${m.message}`);
      else findings.push({ key: `${rel}:${m.line} ${m.ruleId}`, severity: m.severity, message: m.message });
    }
  }
  return { ...result, findings, fatal, files: files.sort(), keys: findings.map((f) => f.key).sort() };
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...sourceFiles(full));
    else if (/\.[cm]?tsx?$/.test(entry)) out.push(full);
  }
  return out;
}

/**
 * The findings a case's sources mark: `// expect: asyncleak/<rule>` on a line every
 * config reports, `// expect-strict: asyncleak/<rule>` on a line only `strict` reports.
 */
export function expectedKeys(dir: string, config: 'recommended' | 'strict'): string[] {
  const keys: string[] = [];
  for (const file of sourceFiles(path.join(dir, 'src'))) {
    const rel = path.relative(dir, file).split(path.sep).join('/');
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((text, i) => {
        for (const m of text.matchAll(/\/\/ expect(-strict)?: (asyncleak\/[\w-]+)/g)) {
          if (m[1] && config !== 'strict') continue;
          keys.push(`${rel}:${i + 1} ${m[2]}`);
        }
      });
  }
  return keys.sort();
}

/** The rules the built plugin ships (what the findings tests can expect). */
export function pluginRuleNames(dir: string): string[] {
  const result = run(process.execPath, ['-e', "console.log(JSON.stringify(Object.keys(require('eslint-plugin-asyncleak').rules)))"], { cwd: dir });
  return JSON.parse(result.stdout) as string[];
}

/** A JavaScript file at a project's root, outside every tsconfig. */
export const JS_CONFIG = `module.exports = { testEnvironment: 'node' };
`;
