import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { getMemberName, getThisClass, getValueParent, isFunction, unwrapExpression, walk, type FunctionNode } from './ast';
import { isHostPromiseConstruction } from './promises';
import { getPlace, resolveVariable, samePlace, type Place } from './references';
import { getReleasedExpression } from './resources';
import { getTimerCall } from './timers';

type AnyContext = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** The name of a class member: `a`, `'a'`, `#a` (private names keep their `#`); `null` for a computed key. */
export function getClassMemberName(
  member: TSESTree.MethodDefinition | TSESTree.PropertyDefinition | TSESTree.AccessorProperty,
): string | null {
  const key = member.key;
  if (member.computed) return key.type === AST_NODE_TYPES.Literal && typeof key.value === 'string' ? key.value : null;
  if (key.type === AST_NODE_TYPES.PrivateIdentifier) return `#${key.name}`;
  if (key.type === AST_NODE_TYPES.Identifier) return key.name;
  if (key.type === AST_NODE_TYPES.Literal && (typeof key.value === 'string' || typeof key.value === 'number')) return String(key.value);
  return null;
}

/**
 * The function a callee names when it is written in this file: a local function
 * (`stop()`, `const stop = () => …`), or a method of the class of `this`
 * (`this.clearTimer()`, `this.#stop()`, `this.stop.bind(this)`, an arrow-function field).
 * `null` for anything else (imported, inherited, computed).
 */
export function getCalledFunction(context: AnyContext, calleeNode: TSESTree.Node): FunctionNode | null {
  const callee = unwrapExpression(calleeNode);
  if (callee.type === AST_NODE_TYPES.Identifier) {
    const variable = resolveVariable(context, callee);
    for (const def of variable?.defs ?? []) {
      if (def.type === 'FunctionName' && isFunction(def.node)) return def.node;
      if (def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.init) {
        const init = unwrapExpression(def.node.init);
        if (isFunction(init)) return init;
      }
    }
    return null;
  }
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  let object = unwrapExpression(callee.object);
  let name = getMemberName(callee);
  if (name === 'bind' && object.type === AST_NODE_TYPES.MemberExpression) {
    name = getMemberName(object);
    object = unwrapExpression(object.object);
  }
  if (object.type !== AST_NODE_TYPES.ThisExpression || name === null) return null;
  const cls = getThisClass(object);
  if (!cls) return null;
  for (const member of cls.body.body) {
    if (member.type !== AST_NODE_TYPES.MethodDefinition && member.type !== AST_NODE_TYPES.PropertyDefinition) continue;
    if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind !== 'method') continue;
    if (getClassMemberName(member) !== name || !member.value) continue;
    const value = unwrapExpression(member.value);
    if (isFunction(value)) return value;
  }
  return null;
}

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
  if (user?.type === AST_NODE_TYPES.NewExpression && user.arguments[0] === node) return isHostPromiseConstruction(context, user);
  if (user?.type === AST_NODE_TYPES.CallExpression && user.arguments.includes(node as TSESTree.CallExpressionArgument)) {
    const callee = unwrapExpression(user.callee);
    if (callee.type === AST_NODE_TYPES.MemberExpression && PROMISE_METHODS.has(getMemberName(callee) ?? '')) return true;
    return user.arguments[0] === node && getTimerCall(context, user) === 'setTimeout';
  }
  return false;
}

/**
 * Does the code in `region` release the resource held in `place` (`clearTimeout(this.t)`,
 * `c?.abort()`, `this.sub.unsubscribe()`…), itself or through the local functions and
 * same-class methods it calls (`this.clearStaleTimeout()`), up to `helperDepth` calls deep?
 */
export function releasesPlace(
  context: AnyContext,
  region: TSESTree.Node,
  place: Place,
  { helperDepth = 3 }: { helperDepth?: number } = {},
): boolean {
  const seen = new Set<TSESTree.Node>();
  const visit = (root: TSESTree.Node, depth: number): boolean => {
    if (seen.has(root)) return false;
    seen.add(root);
    let found = false;
    walk(root, (node) => {
      if (found) return false;
      if (node.type !== AST_NODE_TYPES.CallExpression) return true;
      const released = getReleasedExpression(context, node);
      if (released && samePlace(getPlace(context, released), place)) {
        found = true;
        return false;
      }
      if (depth < helperDepth) {
        const helper = getCalledFunction(context, node.callee);
        if (helper && visit(helper.body ?? helper, depth + 1)) found = true;
      }
      return true;
    });
    return found;
  };
  return visit(region, 0);
}
