import type { TSESLint } from '@typescript-eslint/utils';

type RulesRecord = Record<string, TSESLint.Linter.RuleEntry>;

/** `recommended`: every rule as an error with its low-noise defaults. */
export const recommendedRules: RulesRecord = {
  'asyncleak/await-in-select-without-abort': ['error', { autofix: false }],
  'asyncleak/no-cancel-overwrite': ['error', { checkNeverAborted: false, minTimeoutMs: 100 }],
  'asyncleak/no-floating-subscription': ['error', { evidence: 'proven' }],
  'asyncleak/no-floating-timer': ['error', { minTimeoutMs: 100 }],
  'asyncleak/no-loop-finally-leak': ['error', { evidence: 'proven' }],
  'asyncleak/no-start-after-teardown': ['error', { evidence: 'proven' }],
  'asyncleak/require-signal-propagation': ['error', { checkUnlinked: false }],
};

/** `strict`: every rule with its stricter options. */
export const strictRules: RulesRecord = {
  'asyncleak/await-in-select-without-abort': ['error', { autofix: false, evidence: 'possible' }],
  'asyncleak/no-cancel-overwrite': ['error', { checkNeverAborted: true, minTimeoutMs: 0, evidence: 'possible' }],
  'asyncleak/no-floating-subscription': ['error', { evidence: 'possible' }],
  'asyncleak/no-floating-timer': ['error', { evidence: 'possible' }],
  'asyncleak/no-loop-finally-leak': ['error', { evidence: 'possible' }],
  'asyncleak/no-start-after-teardown': ['error', { evidence: 'possible' }],
  'asyncleak/require-signal-propagation': ['error', { checkUnlinked: true, evidence: 'possible' }],
};
