import { AST_NODE_TYPES, type TSESLint } from '@typescript-eslint/utils';

import { canSkipArgumentsBefore, isUndefinedLiteral, unwrapExpression, type CallLike, type SignalSlot, type TypeInfo } from '../analysis';
import { appendArgumentsEdit, objectPropertyEdit, type Edit } from './edits';

/**
 * The edit that hands `signal` (an expression's text) to a call in its signal slot:
 * the positional argument, `{ signal: X }` (`{ signal }` for a variable of that name),
 * a property added to an options object literal, or a new argument after `undefined`
 * for each skipped optional parameter. `null` when no edit is safe: a spread before
 * the slot, an options value that is not an object literal, or a skipped parameter
 * that cannot take `undefined`.
 */
export function passSignalEdit(
  sourceCode: Readonly<TSESLint.SourceCode>,
  info: TypeInfo | null,
  call: CallLike,
  slot: SignalSlot,
  signal: string,
): Edit | null {
  const args = call.arguments;
  if (args.slice(0, slot.index + 1).some((arg) => arg.type === AST_NODE_TYPES.SpreadElement)) return null;
  const property = signal === 'signal' ? 'signal' : `signal: ${signal}`;
  const value = slot.kind === 'positional' ? signal : `{ ${property} }`;
  const argument = args[slot.index];
  if (argument) {
    const inner = unwrapExpression(argument);
    if (isUndefinedLiteral(inner)) return { range: argument.range, text: value };
    if (slot.kind !== 'options' || inner.type !== AST_NODE_TYPES.ObjectExpression) return null;
    return objectPropertyEdit(sourceCode, inner, property);
  }
  const skipped = slot.index - args.length;
  if (skipped > 0) {
    const canSkip = slot.kind === 'options' ? slot.skippedAcceptUndefined : !!info && canSkipArgumentsBefore(info, call, slot.index);
    if (!canSkip) return null;
  }
  return appendArgumentsEdit(sourceCode, call, [...Array.from({ length: skipped }, () => 'undefined'), value]);
}
