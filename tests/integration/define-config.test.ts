// `defineConfig({ plugins: { asyncleak }, extends: ["asyncleak/recommended"] })` on
// ESLint 9.37+ and 10: the eslintrc `recommended` is recognised as legacy and its
// `flat/recommended` twin is used.
import { describe, expect, it } from 'vitest';

import { createCase, expectedKeys, lint, type Toolchain } from './helpers';

describe.each<Toolchain>(['eslint9.37', 'eslint9', 'eslint10'])('defineConfig extends on %s', (toolchain) => {
  it('extends "asyncleak/recommended" finds the leak', () => {
    const dir = createCase(toolchain, 'define-config', { recipes: ['define-config'] });
    const result = lint(dir);
    expect(result.fatal).toEqual([]);
    expect(result.files).toEqual(['eslint.config.mjs', 'src/clean.ts', 'src/client.ts', 'src/poller.ts']);
    expect(result.keys).toEqual(expectedKeys(dir, 'recommended'));
    expect(result.keys.length).toBeGreaterThan(0);
  });
});
