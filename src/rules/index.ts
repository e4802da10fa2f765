import type { TSESLint } from '@typescript-eslint/utils';

import awaitInSelectWithoutAbort from './await-in-select-without-abort';
import noCancelOverwrite from './no-cancel-overwrite';
import noFloatingSubscription from './no-floating-subscription';
import noFloatingTimer from './no-floating-timer';
import noLoopFinallyLeak from './no-loop-finally-leak';
import noStartAfterTeardown from './no-start-after-teardown';
import requireSignalPropagation from './require-signal-propagation';

/**
 * Every rule of the plugin, by name. Each rule issue adds its rule here and its
 * settings to `src/configs/rule-settings.ts`.
 */
export const rules: Record<string, TSESLint.RuleModule<string, readonly unknown[]>> = {
  'await-in-select-without-abort': awaitInSelectWithoutAbort as unknown as TSESLint.RuleModule<string, readonly unknown[]>,
  'no-cancel-overwrite': noCancelOverwrite as unknown as TSESLint.RuleModule<string, readonly unknown[]>,
  'no-floating-subscription': noFloatingSubscription as unknown as TSESLint.RuleModule<string, readonly unknown[]>,
  'no-floating-timer': noFloatingTimer as unknown as TSESLint.RuleModule<string, readonly unknown[]>,
  'no-loop-finally-leak': noLoopFinallyLeak as unknown as TSESLint.RuleModule<string, readonly unknown[]>,
  'no-start-after-teardown': noStartAfterTeardown as unknown as TSESLint.RuleModule<string, readonly unknown[]>,
  'require-signal-propagation': requireSignalPropagation as unknown as TSESLint.RuleModule<string, readonly unknown[]>,
};
