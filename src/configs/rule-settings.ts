import type { TSESLint } from '@typescript-eslint/utils';

type RulesRecord = Record<string, TSESLint.Linter.RuleEntry>;

/** `recommended`: every rule as an error with its low-noise defaults. */
export const recommendedRules: RulesRecord = {};

/** `strict`: every rule with its stricter options. */
export const strictRules: RulesRecord = {};
