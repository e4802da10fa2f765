import type { TSESLint } from '@typescript-eslint/utils';

/** A rule's context, whatever its message ids and options: what the shared analysis reads. */
export type AnyContext = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;
