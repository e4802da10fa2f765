import * as path from 'node:path';

import parser from '@typescript-eslint/parser';
import { Linter } from 'eslint';

import plugin from '../src';
import { fixturesDir, TYPED_PARSER_OPTIONS } from './rule-tester';

/**
 * Lints `code` as a file of the fixtures project with several asyncleak rules at once
 * (the plugin from src), the way a user's config runs them: `rules` maps a rule name
 * (without `asyncleak/`) to its options. Returns the asyncleak messages.
 */
export function lintTogether(code: string, rules: Record<string, object>, filename = 'file.ts'): Linter.LintMessage[] {
  const linter = new Linter({ cwd: fixturesDir });
  const config: Linter.Config[] = [
    {
      files: ['**/*.ts', '**/*.tsx'],
      plugins: { asyncleak: plugin as never },
      languageOptions: { parser, parserOptions: TYPED_PARSER_OPTIONS },
      rules: Object.fromEntries(Object.entries(rules).map(([name, options]) => [`asyncleak/${name}`, ['error', options]])),
    },
  ];
  return linter.verify(code, config, { filename: path.join(fixturesDir, filename) }).filter((m) => m.ruleId?.startsWith('asyncleak/') || m.fatal);
}
