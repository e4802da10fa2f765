// Flat configs: `configs["flat/recommended"]` and `["flat/strict"]` on ESLint 8.57
// (flat mode: only `eslint.config.js`, here CommonJS), 9.x and 10.x (`eslint.config.mjs`).
// The root config file is JavaScript outside every tsconfig: it must not break `eslint .`.
import { describe, expect, it } from 'vitest';

import { createCase, expectedKeys, lint, type Toolchain } from './helpers';

const STRICT_CJS = `const asyncleak = require('eslint-plugin-asyncleak');

module.exports = [asyncleak.configs['flat/strict']];
`;

const cases: { toolchain: Toolchain; recommended: string; strict: string | Record<string, string>; configFile: string }[] = [
  { toolchain: 'eslint8', recommended: 'flat-cjs', strict: { 'eslint.config.js': STRICT_CJS }, configFile: 'eslint.config.js' },
  { toolchain: 'eslint9', recommended: 'flat', strict: 'flat-strict', configFile: 'eslint.config.mjs' },
  { toolchain: 'eslint10', recommended: 'flat', strict: 'flat-strict', configFile: 'eslint.config.mjs' },
];

describe.each(cases)('flat configs on $toolchain', ({ toolchain, recommended, strict, configFile }) => {
  it('flat/recommended: `eslint .` finds the leak; the root config file is linted as plain JavaScript', () => {
    const dir = createCase(toolchain, 'flat', { recipes: [recommended] });
    const result = lint(dir);
    expect(result.fatal).toEqual([]);
    expect(result.files).toEqual([configFile, 'src/clean.ts', 'src/client.ts', 'src/poller.ts']);
    expect(result.keys).toEqual(expectedKeys(dir, 'recommended'));
    expect(result.keys.length).toBeGreaterThan(0);
    expect(result.status).toBe(1);
  });

  it('flat/strict reports the strict-only findings too', () => {
    const dir = createCase(toolchain, 'flat-strict', typeof strict === 'string' ? { recipes: [strict] } : { files: strict });
    const result = lint(dir);
    expect(result.fatal).toEqual([]);
    expect(result.keys).toEqual(expectedKeys(dir, 'strict'));
    expect(result.keys.length).toBeGreaterThan(expectedKeys(dir, 'recommended').length);
  });
});
