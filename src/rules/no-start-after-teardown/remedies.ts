import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../../analysis/syntax/node-types';

import {
  getContainingStatement,
  getEnclosingFunction,
  getOwnReturnStatements,
  getMethodCall,
  unwrapExpression,
  walk,
  type FunctionNode,
} from '../../analysis/syntax/ast';
import type { AnyContext } from '../../analysis/syntax/context';
import { containsAwait } from '../../analysis/syntax/control-flow';
import { getTypeInfo, typeOfNode } from '../../analysis/types/type-info';
import { getSignalSlot } from '../../analysis/types/signatures';
import { isOptionalSignal } from '../../analysis/resources/signals';
import type { LateStart } from '../../analysis/witnesses/late-starts';
import { applyEdit, insertStatementBefore, passSignalEdit, type Remedy } from '../../fixes';

export type RemedyIds = 'recheck' | 'passSignal';

/**
 * Re-check the owner's state right before the start, after the last wait: the flag
 * the end sets (`if (this.disposed) return;`, `if (cancelled) return;`), or the
 * signal (`signal.throwIfAborted();`, `if (signal.aborted) return;`). Only where the
 * start's statement is in the function that holds it, and a bare `return;` keeps the
 * function's type.
 */
export function recheck(context: AnyContext, late: LateStart): Remedy<RemedyIds> | null {
  const statement = getContainingStatement(late.statement);
  const fn = getEnclosingFunction(late.statement);
  if (!statement || !fn || getEnclosingFunction(statement) !== fn) return null;
  // `this.socket = await connect()`: a re-check before the statement comes before its own wait.
  if (containsAwait(statement)) return null;
  const canReturn = canReturnNothing(fn);
  const text = recheckText(context, late, canReturn);
  if (!text) return null;
  return {
    messageId: 'recheck',
    data: { check: text },
    fix: (fixer: TSESLint.RuleFixer) => insertStatementBefore(fixer, context.sourceCode, statement, text),
  };
}

function recheckText(context: AnyContext, late: LateStart, canReturn: boolean): string | null {
  const { end } = late;
  if (end.signal) {
    const optional = isOptionalSignal(context, end.signal);
    const base = end.signal.text;
    if (hasThrowIfAborted(context, end.signal.variable.defs[0]?.name ?? null, end.signal.text)) return `${base}${optional ? '?.' : '.'}throwIfAborted()`;
    return canReturn ? `if (${base}${optional ? '?.' : '.'}aborted) return` : null;
  }
  if (late.shape === 'restart' || !canReturn) return null;
  const flag = late.recheckFlag;
  if (!flag) return null;
  return `if (${flag.ended ? '' : '!'}${flag.text}) return`;
}

/** Does the signal's type have `throwIfAborted()` (lib ES2022 / `@types/node` 17.3+)? */
function hasThrowIfAborted(context: AnyContext, declared: TSESTree.Node | null, text: string): boolean {
  const info = getTypeInfo(context);
  if (!info || !declared) return false;
  let type = typeOfNode(info, declared);
  // `opts.signal`: the property's type.
  const property = text.split(/\??\./).slice(1);
  for (const name of property) {
    const symbol = info.checker.getApparentType(info.checker.getNonNullableType(type)).getProperty(name);
    if (!symbol) return false;
    type = info.checker.getTypeOfSymbol(symbol);
  }
  return !!info.checker.getApparentType(info.checker.getNonNullableType(type)).getProperty('throwIfAborted');
}

/** A bare `return;` keeps the function's type: it returns nothing (or a `Promise<void>`) and no `return` gives a value. */
function canReturnNothing(fn: FunctionNode): boolean {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return false;
  if (getOwnReturnStatements(fn).some((statement) => statement.argument)) return false;
  const annotation = fn.returnType?.typeAnnotation;
  if (!annotation) return true;
  if (annotation.type === AST_NODE_TYPES.TSVoidKeyword || annotation.type === AST_NODE_TYPES.TSUndefinedKeyword) return true;
  return (
    annotation.type === AST_NODE_TYPES.TSTypeReference &&
    annotation.typeName.type === AST_NODE_TYPES.Identifier &&
    annotation.typeName.name === 'Promise' &&
    annotation.typeArguments?.params.length === 1 &&
    annotation.typeArguments.params[0]!.type === AST_NODE_TYPES.TSVoidKeyword
  );
}

/**
 * Pass the owner's signal to the start (`addEventListener(type, f, { signal:
 * this.controller.signal })`): a signal that has aborted never adds the listener. The
 * signal in scope whose abort is the end, or the controller the end aborts
 * (`this.controller.abort()`, `controller.abort()` in the cleanup), where the start's
 * resolved signature takes one.
 */
export function passSignal(context: AnyContext, late: LateStart): Remedy<RemedyIds> | null {
  const info = getTypeInfo(context);
  if (!info || late.shape === 'abortListener' || late.start.type !== AST_NODE_TYPES.CallExpression) return null;
  const signal = late.end.signal?.text ?? abortedControllerSignal(context, late);
  const slot = signal ? getSignalSlot(info, late.start) : null;
  const edit = slot && signal ? passSignalEdit(context.sourceCode, info, late.start, slot, signal) : null;
  return edit && signal ? { messageId: 'passSignal', data: { signal }, fix: (fixer: TSESLint.RuleFixer) => applyEdit(fixer, edit) } : null;
}

/** `this.controller.signal` when the end calls `this.controller.abort()` (or `controller.signal` for a cleanup's local). */
function abortedControllerSignal(context: AnyContext, late: LateStart): string | null {
  let text: string | null = null;
  walk(late.end.fn.body, (node) => {
    if (text !== null) return false;
    if (node.type === AST_NODE_TYPES.CallExpression) {
      const method = getMethodCall(node);
      const object = method?.method === 'abort' ? unwrapExpression(method.object) : null;
      if (object && /^(?:this(?:\.#?[A-Za-z_$][\w$]*)+|[A-Za-z_$][\w$]*)$/.test(context.sourceCode.getText(object))) text = `${context.sourceCode.getText(object)}.signal`;
    }
    return text === null;
  });
  return text;
}
