import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { getStaticPropertyName, isFunction, isInside, unwrapExpression } from './ast';
import { isLoopNode, runsBodyAtMostOnce, type LoopNode } from './control-flow';
import { getTypeInfo, typeOfNode } from './type-info';
import type { AnyContext } from './context';

/** An iteration callback: `items.forEach(cb)`, `map`, `flatMap`, `reduce` on an array. */
export interface IterationCallback {
  readonly type: 'IterationCallback';
  readonly callback: TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression;
  readonly call: TSESTree.CallExpression;
}

export type Loop = LoopNode | IterationCallback;

const ITERATION_METHODS: ReadonlySet<string> = new Set(['forEach', 'map', 'flatMap', 'reduce']);

/** The part of a loop that runs on every iteration (the body, plus a `for`'s test and update). */
export function isInRepeatedPart(node: TSESTree.Node, loop: LoopNode): boolean {
  if (isInside(node, loop.body)) return true;
  if (loop.type === AST_NODE_TYPES.ForStatement) {
    return (!!loop.test && isInside(node, loop.test)) || (!!loop.update && isInside(node, loop.update));
  }
  if (loop.type === AST_NODE_TYPES.WhileStatement || loop.type === AST_NODE_TYPES.DoWhileStatement) {
    return isInside(node, loop.test);
  }
  return false;
}

/**
 * The innermost loop whose repeated part holds `node`, without crossing a function
 * boundary. With `iterationCallbacks`, a callback of `forEach`/`map`/`flatMap`/`reduce`
 * on an array (type-aware; syntax-only without types) counts as a loop.
 */
export function getEnclosingLoop(
  context: AnyContext,
  node: TSESTree.Node,
  { iterationCallbacks = false }: { iterationCallbacks?: boolean } = {},
): Loop | null {
  let child: TSESTree.Node = node;
  for (let current = node.parent; current; child = current, current = current.parent) {
    if (isLoopNode(current) && isInRepeatedPart(child, current)) return current;
    if (isFunction(current)) {
      if (!iterationCallbacks || current.type === AST_NODE_TYPES.FunctionDeclaration) return null;
      const call = current.parent;
      if (call?.type === AST_NODE_TYPES.CallExpression && call.arguments[0] === current && isArrayIterationCall(context, call)) {
        return { type: 'IterationCallback', callback: current, call };
      }
      return null;
    }
  }
  return null;
}

/** `array.forEach(...)` and friends, the receiver being an array or tuple (any array without types). */
export function isArrayIterationCall(context: AnyContext, call: TSESTree.CallExpression): boolean {
  const callee = unwrapExpression(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const name = getStaticPropertyName(callee);
  if (name === null || !ITERATION_METHODS.has(name)) return false;
  const info = getTypeInfo(context);
  if (!info) return false;
  const type = info.checker.getApparentType(typeOfNode(info, callee.object));
  return info.checker.isArrayType(type) || info.checker.isTupleType(type);
}

/** The node that holds a loop's repeated code (its body, or the callback's body). */
export function getLoopBody(loop: Loop): TSESTree.Node {
  return loop.type === 'IterationCallback' ? loop.callback.body : loop.body;
}

/** The node that spans the whole loop (the loop statement, or the iteration call). */
export function getLoopNode(loop: Loop): TSESTree.Node {
  return loop.type === 'IterationCallback' ? loop.call : loop;
}

/** A loop that runs its body at most once (see `runsBodyAtMostOnce`); an iteration callback never does. */
export function runsAtMostOnce(loop: Loop): boolean {
  return loop.type !== 'IterationCallback' && runsBodyAtMostOnce(loop);
}
