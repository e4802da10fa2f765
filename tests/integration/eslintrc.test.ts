// eslintrc: `.eslintrc.json` with `extends: ["plugin:asyncleak/recommended"]` (the
// README recipe, copied verbatim) on ESLint 8.57 and on 9.x with ESLINT_USE_FLAT_CONFIG=false.
import { describe, expect, it } from 'vitest';

import { createCase, expectedKeys, JS_CONFIG, lint, type Toolchain } from './helpers';

describe.each<Toolchain>(['eslint8', 'eslint9'])('eslintrc on %s', (toolchain) => {
  it('extends plugin:asyncleak/recommended: `eslint .` lints the TypeScript files and finds the leak', () => {
    const dir = createCase(toolchain, 'eslintrc', { recipes: ['eslintrc'], files: { 'jest.config.js': JS_CONFIG } });
    const result = lint(dir, ['.'], { ESLINT_USE_FLAT_CONFIG: 'false' });
    expect(result.fatal).toEqual([]);
    // No `--ext .ts` needed; the root .js file outside the tsconfig is linted without type information.
    expect(result.files).toEqual(['jest.config.js', 'src/clean.ts', 'src/client.ts', 'src/poller.ts']);
    expect(result.keys).toEqual(expectedKeys(dir, 'recommended'));
    expect(result.keys.length).toBeGreaterThan(0);
    expect(result.status).toBe(1);
  });

  it('extends plugin:asyncleak/strict reports the strict-only findings too', () => {
    const dir = createCase(toolchain, 'eslintrc-strict', {
      files: { '.eslintrc.json': '{ "extends": ["plugin:asyncleak/strict"] }\n' },
    });
    const result = lint(dir, ['.'], { ESLINT_USE_FLAT_CONFIG: 'false' });
    expect(result.fatal).toEqual([]);
    expect(result.keys).toEqual(expectedKeys(dir, 'strict'));
    expect(result.keys.length).toBeGreaterThan(expectedKeys(dir, 'recommended').length);
  });
});
