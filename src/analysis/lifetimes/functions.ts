import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../syntax/node-types';

import { getClassMemberName, getMemberName, getThisClass, isFunction, unwrapExpression, type FunctionNode } from '../syntax/ast';
import type { AnyContext } from '../syntax/context';
import { getFileCalls, perFile, sliceWithin } from '../syntax/file-index';
import { getReactHook } from '../types/packages';
import { resolveVariable } from '../syntax/references';

/** React hooks that return the function they are given (memoized): calling the result calls it. */
const MEMOIZING_HOOKS: ReadonlySet<string> = new Set(['useCallback', 'useEffectEvent', 'useEvent']);

/**
 * The function a callee names when it is written in this file: a local function
 * (`stop()`, `const stop = () => …`, `const stop = useCallback(() => …, deps)`), or a method of the class of `this`
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
        // `const clear = useCallback(() => clearTimeout(ref.current), [])`: the callback it memoizes.
        const memoized = init.type === AST_NODE_TYPES.CallExpression && getReactHook(context, init, MEMOIZING_HOOKS) ? init.arguments[0] : undefined;
        if (memoized && isFunction(memoized)) return memoized;
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

/** A call of a function written in this file (`getCalledFunction`), and that function. */
export interface HelperCall {
  readonly call: TSESTree.CallExpression;
  readonly helper: FunctionNode;
}

const helperCalls = perFile((context) => {
  const calls: HelperCall[] = [];
  for (const call of getFileCalls(context)) {
    const helper = getCalledFunction(context, call.callee);
    if (helper) calls.push({ call, helper });
  }
  return calls;
});

/** The calls inside `node` of functions written in this file, in source order. */
export function getHelperCallsWithin(context: AnyContext, node: TSESTree.Node): readonly HelperCall[] {
  return sliceWithin(helperCalls(context), node, (item) => item.call);
}

const callSites = perFile((context) => {
  const sites = new Map<FunctionNode, TSESTree.CallExpression[]>();
  for (const { call, helper } of helperCalls(context)) {
    const calls = sites.get(helper);
    if (calls) calls.push(call);
    else sites.set(helper, [call]);
  }
  return sites;
});

/** The calls of a local function or of a method of its class (`start()`, `this.start()`), as `getCalledFunction` resolves them. */
export function getCallSites(context: AnyContext, fn: FunctionNode): readonly TSESTree.CallExpression[] {
  return callSites(context).get(fn) ?? [];
}
