import { type TSESLint } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../analysis/syntax/node-types';

import { isUndefinedLiteral, unwrapExpression } from '../analysis/syntax/ast';
import type { TypeInfo } from '../analysis/types/type-info';
import { getLiteralOptionKey, type CallLike, type SignalSlot } from '../analysis/types/signatures';
import { canSkipArgumentsBefore } from '../analysis/propagation/propagation';
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
  const key = slot.kind === 'options' ? slot.property : 'signal';
  const property = signal === key ? key : `${key}: ${signal}`;
  const value = slot.kind === 'positional' ? signal : `{ ${property} }`;
  const argument = args[slot.index];
  if (argument) {
    const inner = unwrapExpression(argument);
    if (isUndefinedLiteral(inner)) return { range: argument.range, text: value };
    if (slot.kind !== 'options') return null;
    if (inner.type === AST_NODE_TYPES.ObjectExpression) return objectPropertyEdit(sourceCode, inner, property);
    // `readFile(path, 'utf8')`: the options object's property that takes the literal (`{ encoding: 'utf8', signal }`).
    const isString = (inner.type === AST_NODE_TYPES.Literal && typeof inner.value === 'string') || (inner.type === AST_NODE_TYPES.TemplateLiteral && inner.expressions.length === 0);
    const literalKey = isString && info ? getLiteralOptionKey(info, call, slot, argument) : null;
    return literalKey ? { range: argument.range, text: `{ ${literalKey}: ${sourceCode.getText(argument)}, ${property} }` } : null;
  }
  const skipped = slot.index - args.length;
  if (skipped > 0) {
    const canSkip = slot.kind === 'options' ? slot.skippedAcceptUndefined : !!info && canSkipArgumentsBefore(info, call, slot.index);
    if (!canSkip) return null;
  }
  return appendArgumentsEdit(sourceCode, call, [...Array.from({ length: skipped }, () => 'undefined'), value]);
}
