import { ESLintUtils } from '@typescript-eslint/utils';

export interface AsyncleakRuleDocs {
  /** Whether the rule is in the `recommended` config (all rules are in `strict`). */
  recommended?: boolean;
  /** Every rule uses type information when it is there, and degrades without it. */
  requiresTypeChecking?: boolean;
}

export const REPO_URL = 'https://github.com/eslint-plugin-asyncleak/eslint-plugin-asyncleak';

export const createRule = ESLintUtils.RuleCreator<AsyncleakRuleDocs>(
  (name) => `${REPO_URL}/blob/main/docs/rules/${name}.md`,
);
