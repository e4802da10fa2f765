import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../syntax/node-types';

import { getMethodCall, isFunction, isInside, unwrapExpression, walk } from '../syntax/ast';
import type { AnyContext } from '../syntax/context';
import { isLoopNode, runsBodyAtMostOnce, type LoopNode } from '../syntax/control-flow';
import { getPlace, objectKey } from '../syntax/references';
import { getTypeInfo, typeOfNode } from '../types/type-info';

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
  const method = getMethodCall(call, ITERATION_METHODS);
  const info = method && getTypeInfo(context);
  if (!info) return false;
  const type = info.checker.getApparentType(typeOfNode(info, method.object));
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

/** Whether a variable is declared inside the loop (once per iteration); `for (let i = 0, x = …; …)` declares once. */
export function isDeclaredInLoop(variable: TSESLint.Scope.Variable, loop: Loop): boolean {
  const loopNode = getLoopNode(loop);
  return variable.defs.some(
    (def) => isInside(def.name, loopNode) && !(loop.type === AST_NODE_TYPES.ForStatement && loop.init && isInside(def.name, loop.init)),
  );
}

/**
 * Is an expression's value the same in every iteration: a place or global path
 * whose root is declared outside the loop and that is not assigned in it?
 * Calls, `new` and anything else are per-iteration (or unknown): `false`.
 */
export function isSameInEveryIteration(context: AnyContext, expression: TSESTree.Node, loop: Loop): boolean {
  if (objectKey(context, expression) === null) return false;
  const place = getPlace(context, expression);
  if (place && 'references' in place.root && isDeclaredInLoop(place.root, loop)) return false;
  // Any assignment in the loop to the value or to an object on its path.
  const keys = new Set<string>();
  for (let current = unwrapExpression(expression); ; ) {
    const key = objectKey(context, current);
    if (key) keys.add(key);
    if (current.type !== AST_NODE_TYPES.MemberExpression) break;
    current = unwrapExpression(current.object);
  }
  let assigned = false;
  walk(getLoopNode(loop), (inner) => {
    if (assigned) return false;
    if (inner.type === AST_NODE_TYPES.AssignmentExpression) {
      const key = objectKey(context, inner.left);
      if (key && keys.has(key)) assigned = true;
    }
    return !assigned;
  });
  return !assigned;
}
