// Fixes that compose: files where several findings meet (several per block and per class,
// several rules on one node, nested loops, races and effects; .ts and .tsx), linted with
// every rule of `flat/strict` at `autofix: true`, as `eslint --fix` runs them. Every
// suggestion alone and all autofixes together must parse, add no type error, and a
// second --fix pass must change nothing: the checks of `npm run fix-check`, on these files.
import { cpSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import * as path from 'node:path';

import parser from '@typescript-eslint/parser';
import { ESLint, type Linter } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';

import { checkTarget, withAutofix, type FixCheckCounts } from '../scripts/lib/fix-check.mjs';
import plugin from '../src';

const source = path.join(__dirname, 'fixtures', 'compose');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'asyncleak-compose-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('fixes that compose (tests/fixtures/compose)', () => {
  let counts: FixCheckCounts | undefined;
  const failures: string[] = [];

  it('every suggestion alone and every autofix together parse, type-check as before and are stable', async () => {
    // A copy (--fix writes the files), with node_modules reachable for @types/node and @types/react.
    cpSync(source, tmp, { recursive: true });
    symlinkSync(path.join(__dirname, '..', 'node_modules'), path.join(tmp, 'node_modules'), 'dir');
    const files = readdirSync(tmp)
      .filter((f) => /\.tsx?$/.test(f))
      .map((f) => path.join(tmp, f))
      .sort();
    const strict = plugin.configs['flat/strict'] as Linter.Config;
    const rules = withAutofix(plugin, strict.rules ?? {});
    const eslintFor = (fix: boolean) =>
      new ESLint({
        cwd: tmp,
        overrideConfigFile: true,
        fix,
        overrideConfig: [
          { ...strict, rules },
          { files: ['**/*.ts', '**/*.tsx'], languageOptions: { parser, parserOptions: { projectService: true, tsconfigRootDir: tmp } } },
        ],
      });
    counts = await checkTarget(
      { name: 'compose', dir: tmp, tsconfig: path.join(tmp, 'tsconfig.json'), files },
      { eslintFor, failures, rel: (file) => path.relative(tmp, file), typecheck: 'service' },
    );
    expect(failures).toEqual([]);
  }, 120_000);

  it('has findings that meet: enough reports, fixes and suggestions for the check to mean something', () => {
    expect(counts).toBeDefined();
    expect(counts!.crashes).toBe(0);
    expect(counts!.fixes).toBeGreaterThanOrEqual(30);
    expect(counts!.suggestions).toBeGreaterThanOrEqual(30);
    expect(counts!.fixedFiles).toBe(6);
  });
});
