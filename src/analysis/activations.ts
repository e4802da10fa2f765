/**
 * Does this code run again? An *activation* is one run of a function's body (or of
 * the module), seen through the callbacks that run at most once per run of it (an
 * IIFE, a promise executor, a `then` callback, a timeout's callback). Code runs
 * again when a loop repeats it within an activation, or when the function it belongs
 * to can be activated again while what it started is still live.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { getClassMemberName, getEnclosingFunction, getMemberName, getValueParent, isFunction, unwrapExpression, walk, type FunctionNode } from './ast';
import type { AnyContext } from './context';
import { exitsLoopAfter, isLoopNode } from './control-flow';
import { getCalledFunction } from './functions';
import { isArrayIterationCall, isInRepeatedPart, runsAtMostOnce, type Loop } from './loops';
import { getExecutorPromise } from './promises';
import { getTimerCall } from './timers';

/** Callback-taking methods of a promise: their callback runs at most once. */
const PROMISE_METHODS: ReadonlySet<string> = new Set(['then', 'catch', 'finally']);

/**
 * Does this function run at most once each time the code around it runs? A
 * constructor (and the methods named in `onceMethods`, e.g. once-per-mount lifecycle
 * hooks), an immediately-invoked function, the executor of a host `new Promise`, a
 * `then`/`catch`/`finally` callback, a host `setTimeout` callback. Other methods,
 * function declarations and callbacks may run any number of times.
 */
export function runsOncePerActivation(
  context: AnyContext,
  fn: FunctionNode,
  { onceMethods = [] }: { onceMethods?: readonly string[] } = {},
): boolean {
  const parent = fn.parent;
  if (parent?.type === AST_NODE_TYPES.MethodDefinition || parent?.type === AST_NODE_TYPES.PropertyDefinition) {
    if (parent.type === AST_NODE_TYPES.MethodDefinition && parent.kind === 'constructor') return true;
    const name = getClassMemberName(parent);
    return name !== null && onceMethods.includes(name);
  }
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) return false;
  const { node, parent: user } = getValueParent(fn);
  if (user?.type === AST_NODE_TYPES.CallExpression && user.callee === node) return true;
  if (user?.type === AST_NODE_TYPES.NewExpression) return getExecutorPromise(context, fn) !== null;
  if (user?.type === AST_NODE_TYPES.CallExpression && user.arguments.includes(node as TSESTree.CallExpressionArgument)) {
    const callee = unwrapExpression(user.callee);
    if (callee.type === AST_NODE_TYPES.MemberExpression && PROMISE_METHODS.has(getMemberName(callee) ?? '')) return true;
    return user.arguments[0] === node && getTimerCall(context, user) === 'setTimeout';
  }
  return false;
}

/** A callback (not a method or a declaration) that runs at most once per run of the code around it. */
function isOnceCallback(context: AnyContext, fn: FunctionNode): boolean {
  const parent = fn.parent;
  return (
    parent?.type !== AST_NODE_TYPES.MethodDefinition &&
    parent?.type !== AST_NODE_TYPES.PropertyDefinition &&
    fn.type !== AST_NODE_TYPES.FunctionDeclaration &&
    runsOncePerActivation(context, fn)
  );
}

/**
 * The function whose activation `node` belongs to, seen through once-callbacks: a
 * release or guard around `new Promise(r => { t = setTimeout(r) })` counts for the
 * assignment inside it. The program for module-level code.
 */
export function getActivation(context: AnyContext, node: TSESTree.Node): TSESTree.Node {
  let fn = getEnclosingFunction(node);
  while (fn && isOnceCallback(context, fn)) fn = getEnclosingFunction(fn);
  return fn ?? context.sourceCode.ast;
}

/**
 * Can `node` run again while `scope` (the class, function or module that holds what
 * it starts) lives? A loop that repeats it, or a function that may be called more
 * than once (see `runsOncePerActivation`), between the two.
 */
export function runsRepeatedly(
  context: AnyContext,
  node: TSESTree.Node,
  scope: TSESTree.Node,
  { onceMethods = [] }: { onceMethods?: readonly string[] } = {},
): boolean {
  let child: TSESTree.Node = node;
  for (let current = node.parent; current && current !== scope; child = current, current = current.parent) {
    if (isLoopNode(current) && isInRepeatedPart(child, current) && !runsAtMostOnce(current) && !exitsLoopAfter(node, current)) return true;
    if (isFunction(current) && !runsOncePerActivation(context, current, { onceMethods })) return true;
  }
  return false;
}

export interface RepeatingLoopOptions {
  /** Look for the loop up to this node (an activation: the once-callbacks in between are crossed). */
  readonly within?: TSESTree.Node;
  /** A callback of `forEach`/`map`/`flatMap`/`reduce` on an array counts as a loop. */
  readonly iterationCallbacks?: boolean;
  /** Cross the executor of a host `new Promise` (it runs in the iteration that creates the promise). */
  readonly throughExecutors?: boolean;
}

/**
 * The innermost loop that runs `node` again: its repeated part holds `node`, it may
 * run its body more than once, and `node` is not followed by an exit of it (a loop
 * that runs `node` once per run leaves the question to the loops around it).
 * Without `within`, the search stops at the enclosing function.
 */
export function getRepeatingLoop(context: AnyContext, node: TSESTree.Node, options: RepeatingLoopOptions = {}): Loop | null {
  let child: TSESTree.Node = node;
  for (let current = node.parent; current && current !== options.within; child = current, current = current.parent) {
    if (isLoopNode(current)) {
      if (isInRepeatedPart(child, current) && !runsAtMostOnce(current) && !exitsLoopAfter(node, current)) return current;
      continue;
    }
    if (!isFunction(current)) continue;
    if (options.within) continue;
    if (options.iterationCallbacks && current.type !== AST_NODE_TYPES.FunctionDeclaration) {
      const call = current.parent;
      if (call?.type === AST_NODE_TYPES.CallExpression && call.arguments[0] === current && isArrayIterationCall(context, call)) {
        return { type: 'IterationCallback', callback: current, call };
      }
    }
    if (options.throughExecutors && getExecutorPromise(context, current)) continue;
    return null;
  }
  return null;
}

/**
 * A timeout re-armed from a timeout's own callback (`setTimeout(() => { …; this.t =
 * setTimeout(…) })`, or a method `poll` doing `this.t = setTimeout(() => this.poll())`):
 * the handle it replaces belongs to the timeout that just fired.
 */
export function isRearmedTimeout(context: AnyContext, assignment: TSESTree.AssignmentExpression): boolean {
  for (let fn = getEnclosingFunction(assignment); fn; fn = getEnclosingFunction(fn)) {
    const { node, parent } = getValueParent(fn);
    if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === node && getTimerCall(context, parent) === 'setTimeout') {
      return true;
    }
  }
  const call = unwrapExpression(assignment.right);
  if (call.type !== AST_NODE_TYPES.CallExpression || getTimerCall(context, call) !== 'setTimeout') return false;
  const callback = call.arguments[0];
  if (!callback) return false;
  // `function attempt() { … t = setTimeout(() => attempt(n + 1)) … }`, also from a callback inside it.
  for (let fn = getEnclosingFunction(assignment); fn; fn = getEnclosingFunction(fn)) {
    if (callsFunction(context, callback, fn)) return true;
  }
  return false;
}

/** Whether `callback` is, binds or calls the function `fn` (by its variable or its method name). */
function callsFunction(context: AnyContext, callback: TSESTree.Node, fn: FunctionNode): boolean {
  let found = false;
  walk(callback, (node) => {
    if (found) return false;
    const target = unwrapExpression(node);
    if (target.type === AST_NODE_TYPES.Identifier || target.type === AST_NODE_TYPES.MemberExpression) {
      if (getCalledFunction(context, target) === fn) found = true;
    }
    return true;
  });
  return found;
}
