/**
 * Giving an inline function a name (`const onResize = (event: UIEvent) => …;` before the
 * statement that passed it): out of its call, the function loses the parameter types
 * its position gave it, so each parameter gets the type the checker inferred there.
 */
import { AST_NODE_TYPES } from '../analysis/syntax/node-types';
import ts from 'typescript';

import type { FunctionNode } from '../analysis/syntax/ast';
import type { AnyContext } from '../analysis/syntax/context';
import { getTypeInfo, typeOfNode } from '../analysis/types/type-info';
import { applyEdits, type Edit } from './edits';

/** A type that can be written where the function moves: a (qualified) name, maybe with simple type arguments. */
const WRITABLE_TYPE = /^[A-Za-z_$][\w$.]*(?:<[\w$.,\s<>[\]|]*>)?(?:\[\])?$/;

/**
 * The function's text with every parameter annotated (`(e) => f(e)` → `(e: MouseEvent)
 * => f(e)`), or `null` when a parameter is a pattern, has a default or a rest, or its
 * type cannot be written by name (`import(…)` types, anonymous object types).
 */
export function annotatedFunctionText(context: AnyContext, fn: FunctionNode): string | null {
  const sourceCode = context.sourceCode;
  const info = getTypeInfo(context);
  const edits: Edit[] = [];
  const first = fn.params[0];
  const parenthesised = !first || fn.type !== AST_NODE_TYPES.ArrowFunctionExpression || sourceCode.getTokenBefore(first)?.value === '(';
  for (const param of fn.params) {
    if (param.type !== AST_NODE_TYPES.Identifier) return null;
    if (param.typeAnnotation) continue;
    if (!info) return null;
    const type = info.checker.typeToString(typeOfNode(info, param), undefined, ts.TypeFormatFlags.NoTruncation);
    if (!WRITABLE_TYPE.test(type)) return null;
    const annotated = `${param.name}: ${type}`;
    edits.push({ range: param.range, text: parenthesised ? annotated : `(${annotated})` });
  }
  return applyEdits(sourceCode.getText(fn), fn.range[0], edits);
}

/** `onResize` for `'resize'`, `onKeyDown` for `'key-down'`, `onSigterm` for `'SIGTERM'`; `listener` for anything else. */
export function listenerNameFor(event: string | null): string {
  if (event === null || !/^[A-Za-z][\w:-]*$/.test(event)) return 'listener';
  const words = event.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return `on${words.map((word) => (word === word.toUpperCase() ? word.toLowerCase() : word).replace(/^./, (c) => c.toUpperCase())).join('')}`;
}
