import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

export interface Remedy<MessageIds extends string> {
  readonly messageId: MessageIds;
  readonly data?: Record<string, unknown>;
  readonly fix: TSESLint.ReportFixFunction;
}

/**
 * Reports a leak with the plugin's fix policy (README, "Fixes"): every remedy is a suggestion; with
 * `autofix: true` the first one (the primary remedy) is also applied by `--fix`,
 * unless the rule says no remedy here is safe to apply in bulk (`noAutofix`).
 */
export function reportLeak<MessageIds extends string>(
  context: Readonly<TSESLint.RuleContext<MessageIds, readonly unknown[]>>,
  {
    node,
    loc,
    messageId,
    data,
    remedies = [],
    autofix,
    noAutofix = false,
  }: {
    node: TSESTree.Node;
    loc?: TSESTree.SourceLocation;
    messageId: MessageIds;
    data?: Record<string, unknown>;
    /** The remedies, the primary one first; `null` for one that does not apply here. */
    remedies?: readonly (Remedy<MessageIds> | null)[];
    autofix: boolean;
    noAutofix?: boolean;
  },
): void {
  const applicable = remedies.filter((remedy): remedy is Remedy<MessageIds> => remedy !== null);
  const primary = autofix && !noAutofix ? applicable[0] : undefined;
  context.report({
    node,
    ...(loc ? { loc } : {}),
    messageId,
    ...(data ? { data } : {}),
    ...(primary ? { fix: primary.fix } : {}),
    ...(applicable.length > 0
      ? { suggest: applicable.map((remedy) => ({ messageId: remedy.messageId, data: remedy.data, fix: remedy.fix })) }
      : {}),
  });
}

/** The `autofix` option every rule with fixers takes (README, "Fixes"). */
export const AUTOFIX_OPTION_SCHEMA = {
  type: 'boolean',
  description: 'Apply the primary remedy as a `--fix` fix instead of only offering it as a suggestion.',
} as const;
