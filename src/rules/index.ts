import type { TSESLint } from '@typescript-eslint/utils';

/**
 * Every rule of the plugin, by name. Each rule issue adds its rule here and its
 * settings to `src/configs/rule-settings.ts`.
 */
export const rules: Record<string, TSESLint.RuleModule<string, readonly unknown[]>> = {};
