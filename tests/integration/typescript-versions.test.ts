// The TypeScript range the peer dependency allows (>=4.8.4 <6.1.0, the same as
// typescript-eslint 8's): the oldest, 4.8.4, with the oldest ESLint (8.57), and the
// newest, 6.0.x, with ESLint 10.
import { describe, expect, it } from 'vitest';

import { createCase, expectedKeys, JS_CONFIG, lint, run, TOOLCHAINS } from './helpers';

function installedVersion(dir: string, pkg: string): string {
  return run(process.execPath, ['-p', `require('${pkg}/package.json').version`], { cwd: dir }).stdout.trim();
}

describe('oldest TypeScript (4.8.4) on ESLint 8.57', () => {
  it('flat/recommended finds the leak', () => {
    const dir = createCase('oldest', 'flat', { recipes: ['flat-cjs'] });
    expect(installedVersion(dir, 'typescript')).toBe('4.8.4');
    const result = lint(dir);
    expect(result.fatal).toEqual([]);
    expect(result.keys).toEqual(expectedKeys(dir, 'recommended'));
    expect(result.keys.length).toBeGreaterThan(0);
  });

  it('eslintrc plugin:asyncleak/recommended finds the leak', () => {
    const dir = createCase('oldest', 'eslintrc', { recipes: ['eslintrc'], files: { 'jest.config.js': JS_CONFIG } });
    const result = lint(dir, ['.'], { ESLINT_USE_FLAT_CONFIG: 'false' });
    expect(result.fatal).toEqual([]);
    expect(result.keys).toEqual(expectedKeys(dir, 'recommended'));
    expect(result.keys.length).toBeGreaterThan(0);
  });
});

describe(`newest TypeScript (${TOOLCHAINS.eslint10.typescript}) on ESLint 10`, () => {
  it('flat/strict finds every marked leak', () => {
    const dir = createCase('eslint10', 'ts-newest', { recipes: ['flat-strict'] });
    expect(installedVersion(dir, 'typescript')).toBe(TOOLCHAINS.eslint10.typescript);
    expect(TOOLCHAINS.eslint10.typescript).toMatch(/^6\.0\./);
    const result = lint(dir);
    expect(result.fatal).toEqual([]);
    expect(result.keys).toEqual(expectedKeys(dir, 'strict'));
    expect(result.keys.length).toBeGreaterThan(0);
  });
});
