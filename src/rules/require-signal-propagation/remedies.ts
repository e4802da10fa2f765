import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import ts from 'typescript';

import { tsNodeOf, type TypeInfo } from '../../analysis/types/type-info';
import type { CallLike, SignalSlot } from '../../analysis/types/signatures';
import type { SignalInScope } from '../../analysis/resources/signals';
import { canPassSignal, getSignalNullability } from '../../analysis/propagation/propagation';
import { applyEdit, passSignalEdit, type Remedy } from '../../fixes';

export type RemedyIds = 'passSignal' | 'linkSignal';

/** Pass `signal` to the call, where it goes in without a new type error. */
export function passSignal(
  sourceCode: Readonly<TSESLint.SourceCode>,
  info: TypeInfo,
  call: CallLike,
  slot: SignalSlot,
  signal: SignalInScope,
  label: string,
): Remedy<RemedyIds> | null {
  if (!canPassSignal(info, call, slot, signal)) return null;
  const edit = passSignalEdit(sourceCode, info, call, slot, signal.text);
  return edit && { messageId: 'passSignal', data: { signal: signal.text, call: label }, fix: (fixer) => applyEdit(fixer, edit) };
}

/**
 * Link the fresh signal to the caller's: `AbortSignal.any([signal, fresh])` (only when
 * the signal is there, if it may be missing), where `AbortSignal.any` exists and is
 * not shadowed.
 */
export function linkSignal(
  sourceCode: Readonly<TSESLint.SourceCode>,
  info: TypeInfo,
  call: CallLike,
  expression: TSESTree.Node,
  signal: SignalInScope,
): Remedy<RemedyIds> | null {
  if (!canUseAbortSignalAny(sourceCode, info, call)) return null;
  const fresh = sourceCode.getText(expression);
  const nullability = getSignalNullability(info, signal);
  const linked =
    nullability.undefined || nullability.null
      ? `${signal.text} ? AbortSignal.any([${signal.text.replace('?.', '.')}, ${fresh}]) : ${fresh}`
      : `AbortSignal.any([${signal.text}, ${fresh}])`;
  return { messageId: 'linkSignal', data: { signal: signal.text }, fix: (fixer) => fixer.replaceText(expression, linked) };
}

/** `AbortSignal.any` exists in this program and `AbortSignal` is not shadowed at the call. */
function canUseAbortSignalAny(sourceCode: Readonly<TSESLint.SourceCode>, info: TypeInfo, call: CallLike): boolean {
  for (let scope: TSESLint.Scope.Scope | null = sourceCode.getScope(call); scope; scope = scope.upper) {
    const variable = scope.set.get('AbortSignal');
    if (variable && variable.defs.length > 0) return false;
  }
  const location = tsNodeOf(info, call);
  const symbol = info.checker.getSymbolsInScope(location, ts.SymbolFlags.Value).find((candidate) => candidate.getName() === 'AbortSignal');
  return !!symbol && !!info.checker.getTypeOfSymbolAtLocation(symbol, location).getProperty('any');
}
