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
  return new Linter({ cwd: fixturesDir })
    .verify(code, configFor(rules), { filename: path.join(fixturesDir, filename) })
    .filter((m) => m.ruleId?.startsWith('asyncleak/') || m.fatal);
}

/** `eslint --fix` with several asyncleak rules at once: the fixed text (every pass) and what is left to report. */
export function fixTogether(code: string, rules: Record<string, object>, filename = 'file.ts'): { output: string; messages: Linter.LintMessage[] } {
  const result = new Linter({ cwd: fixturesDir }).verifyAndFix(code, configFor(rules), { filename: path.join(fixturesDir, filename) });
  return { output: result.output, messages: result.messages.filter((m) => m.ruleId?.startsWith('asyncleak/') || m.fatal) };
}

/** Every asyncleak rule that takes `autofix`, with `autofix: true`. */
export const EVERY_AUTOFIX: Record<string, object> = Object.fromEntries(
  Object.entries(plugin.rules)
    .filter(([, rule]) => {
      const schema = (rule as { meta?: { schema?: unknown } }).meta?.schema;
      return Array.isArray(schema) && !!(schema[0] as { properties?: Record<string, unknown> } | undefined)?.properties?.autofix;
    })
    .map(([name]) => [name, { autofix: true }]),
);

function configFor(rules: Record<string, object>): Linter.Config[] {
  return [
    {
      files: ['**/*.ts', '**/*.tsx'],
      plugins: { asyncleak: plugin as never },
      languageOptions: { parser, parserOptions: TYPED_PARSER_OPTIONS },
      rules: Object.fromEntries(Object.entries(rules).map(([name, options]) => [`asyncleak/${name}`, ['error', options]])),
    },
  ];
}
