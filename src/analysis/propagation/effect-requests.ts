/**
 * Requests a React effect starts (a `fetch`, any signal-accepting call that returns a
 * promise) and whether its cleanup can stop them: abort them (a controller of the
 * effect whose signal the request gets, aborted in the cleanup) or ignore their result
 * (React's documented `let ignore = false; … return () => { ignore = true; }`).
 */
import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../syntax/node-types';

import { getEnclosingFunctions, getMemberName, getPropertyName, getValueParent, isInside, unwrapExpression, walk, type FunctionNode } from '../syntax/ast';
import type { AnyContext } from '../syntax/context';
import { classifyUse } from '../resources/escape';
import { getCallSites } from '../lifetimes/functions';
import { getEffectCleanups, type EffectCallback } from '../lifetimes/owners';
import { getPlace, isGlobalReference, resolveVariable, samePlace, type Place } from '../syntax/references';
import { releasesPlace } from '../lifetimes/releases';
import { getSignalController } from '../resources/signals';
import { getCallResultType, getPassedSignalExpression, getSignalSlot, isSignalPassed, type CallLike, type SignalSlot } from '../types/signatures';
import { getTypeInfo } from '../types/type-info';
import { isThenableType } from '../types/types';

type Variable = TSESLint.Scope.Variable;

const CONTINUATIONS: ReadonlySet<string> = new Set(['then', 'catch', 'finally']);

/** A request an effect starts and uses the result of, which its cleanup cannot stop. */
export type UncancelledRequest =
  | { readonly kind: 'unguarded'; readonly slot: SignalSlot }
  | { readonly kind: 'neverAborted'; readonly slot: SignalSlot; readonly controller: Variable };

/**
 * Is `call` a request that `effect` (a React one) starts (in its body, or in an IIFE, a `then`
 * callback or a local function the effect calls) that the cleanup cannot stop?
 * `unguarded`: its result is used (awaited into a value, or `then`-chained) and there is
 * no signal and no ignore flag; `neverAborted`: it gets the signal of one of the effect's
 * own controllers (inline or through an options `const`) that nothing aborts, whether
 * or not its result is read (the `lostcancel` of effects). Quiet for a request whose
 * result nothing reads without such a controller (nothing is set after the unmount), a
 * signal from elsewhere (a parameter), and without types.
 */
export function getUncancelledRequest(context: AnyContext, call: CallLike, effect: EffectCallback): UncancelledRequest | null {
  // React's effects only: Svelte's `onMount(async () => { data = await fetch(…) })` is that framework's documented way to load.
  if (effect.framework !== 'react') return null;
  // Syntax first: a request whose result the code uses, or one in an effect that creates a controller.
  const used = isResultUsed(context, call, 0);
  if ((!used && !createsController(effect.callback)) || !runsWithEffect(context, call, effect)) return null;
  const info = getTypeInfo(context);
  if (!info) return null;
  const slot = getSignalSlot(info, call);
  if (!slot || !isThenableType(getCallResultType(info, call))) return null;
  if (isSignalPassed(call, slot)) {
    // The `lostcancel` of effects: a controller the effect creates for its request and never aborts,
    // whether or not anything reads the result (the request runs on after the unmount all the same).
    const signal = getPassedSignalExpression(call, slot) ?? getSignalOfOptionsConst(context, call, slot);
    const controller = signal && getOwnController(context, signal, effect.callback);
    if (!controller) return null;
    const place: Place = { root: controller, path: [], node: controller.identifiers[0]! };
    return releasesPlace(context, effect.callback, place) ? null : { kind: 'neverAborted', slot, controller };
  }
  // A request whose result nothing reads sets no state after the unmount: nothing to stop.
  if (!used) return null;
  return isIgnoredByCleanup(context, effect) ? null : { kind: 'unguarded', slot };
}

/**
 * The signal an options `const` of the effect carries (`const opts = { signal:
 * ctrl.signal }; fetch(url, opts)`): the property's value, or `null`.
 */
function getSignalOfOptionsConst(context: AnyContext, call: CallLike, slot: SignalSlot): TSESTree.Node | null {
  if (slot.kind !== 'options') return null;
  const argument = call.arguments[slot.index];
  const value = argument && unwrapExpression(argument);
  if (value?.type !== AST_NODE_TYPES.Identifier) return null;
  const def = resolveVariable(context, value)?.defs[0];
  const init = def?.type === 'Variable' && def.parent.kind === 'const' && def.node.init ? unwrapExpression(def.node.init) : null;
  if (init?.type !== AST_NODE_TYPES.ObjectExpression) return null;
  for (const property of init.properties) {
    if (property.type === AST_NODE_TYPES.Property && getPropertyName(property) === slot.property) return property.value;
  }
  return null;
}

const controllerMakers = new WeakMap<TSESTree.Node, boolean>();

/** Whether the effect's code writes `new AbortController()` anywhere (cached per effect). */
function createsController(callback: TSESTree.Node): boolean {
  let found = controllerMakers.get(callback);
  if (found === undefined) {
    found = false;
    walk(callback, (node) => {
      if (node.type === AST_NODE_TYPES.NewExpression && node.callee.type === AST_NODE_TYPES.Identifier && node.callee.name === 'AbortController') found = true;
      return !found;
    });
    controllerMakers.set(callback, found);
  }
  return found;
}

/**
 * The code waits for the result and goes on with it: `const r = await call`, `await
 * call` inside an expression, `call.then(…)` (through `.catch`/`.finally`), or a
 * variable holding the promise used so. A bare `await call;`, `void call`, a
 * returned or collected promise: not this code's continuation.
 */
function isResultUsed(context: AnyContext, value: TSESTree.Node, depth: number): boolean {
  if (depth > 2) return false;
  const { node, parent } = getValueParent(value);
  if (parent?.type === AST_NODE_TYPES.AwaitExpression) return getValueParent(parent).parent?.type !== AST_NODE_TYPES.ExpressionStatement;
  if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === node) {
    const method = getMemberName(parent);
    const call = getValueParent(parent);
    if (call.parent?.type !== AST_NODE_TYPES.CallExpression || call.parent.callee !== call.node || !method || !CONTINUATIONS.has(method)) return false;
    return method === 'then' || isResultUsed(context, call.parent, depth);
  }
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === node && parent.id.type === AST_NODE_TYPES.Identifier) {
    const variable = resolveVariable(context, parent.id);
    return !!variable?.references.some((reference) => reference.isRead() && isResultUsed(context, reference.identifier, depth + 1));
  }
  return false;
}

/**
 * Whether `node` runs when the effect does: directly in its body, or in functions the
 * effect runs — an IIFE, a `then`/`catch`/`finally` callback, or a local function that
 * code of the effect calls. Not in an event handler or a timer's callback.
 */
export function runsWithEffect(context: AnyContext, node: TSESTree.Node, effect: EffectCallback): boolean {
  for (const fn of getEnclosingFunctions(node)) {
    if (fn === effect.callback) return true;
    if (!isRunByEffect(context, fn, effect)) return false;
  }
  return false;
}

function isRunByEffect(context: AnyContext, fn: FunctionNode, effect: EffectCallback): boolean {
  const { node, parent } = getValueParent(fn);
  if (parent?.type === AST_NODE_TYPES.CallExpression) {
    if (parent.callee === node) return true; // an IIFE
    const callee = unwrapExpression(parent.callee);
    if (callee.type === AST_NODE_TYPES.MemberExpression && CONTINUATIONS.has(getMemberName(callee) ?? '')) return true;
  }
  if (fn.type !== AST_NODE_TYPES.FunctionDeclaration && parent?.type !== AST_NODE_TYPES.VariableDeclarator) return false;
  return getCallSites(context, fn).some((site) => isInside(site, effect.callback) && !isInside(site, fn));
}

/**
 * The effect's own controller whose signal `signal` is (see `getSignalController`): a
 * variable declared in the effect as `new AbortController()` and never reassigned.
 */
export function getOwnController(context: AnyContext, signal: TSESTree.Node, scope: TSESTree.Node): Variable | null {
  const place = getSignalController(context, signal);
  if (!place || !('defs' in place.root) || place.path.length > 0) return null;
  const variable = place.root;
  const def = variable.defs[0];
  if (variable.defs.length !== 1 || def?.type !== 'Variable' || !def.node.init || !isInside(def.node, scope)) return null;
  if (variable.references.some((reference) => reference.isWrite() && !reference.init)) return null;
  const init = unwrapExpression(def.node.init);
  const isController =
    init.type === AST_NODE_TYPES.NewExpression &&
    init.callee.type === AST_NODE_TYPES.Identifier &&
    init.callee.name === 'AbortController' &&
    isGlobalReference(context, init.callee);
  return isController ? variable : null;
}

/**
 * React's "ignore" flag: the cleanup sets a flag to a boolean (`ignore = true`, `active
 * = false`, `mounted.current = false`) that differs from the local's initial value, and
 * code of the effect outside the cleanup tests it (`if (!ignore)`, `active && set(…)`).
 */
export function isIgnoredByCleanup(context: AnyContext, effect: EffectCallback): boolean {
  const cleanups = getEffectCleanups(context, effect);
  const flags: Place[] = [];
  for (const cleanup of cleanups) {
    walk(cleanup.body, (node) => {
      if (node.type !== AST_NODE_TYPES.AssignmentExpression || node.operator !== '=') return true;
      const value = unwrapExpression(node.right);
      if (value.type !== AST_NODE_TYPES.Literal || typeof value.value !== 'boolean') return true;
      const place = getPlace(context, node.left);
      if (place && flipsFlag(place, value.value)) flags.push(place);
      return true;
    });
  }
  if (flags.length === 0) return false;
  let tested = false;
  walk(effect.callback.body, (node) => {
    if (tested || cleanups.includes(node as FunctionNode)) return false;
    if (node.type !== AST_NODE_TYPES.Identifier && node.type !== AST_NODE_TYPES.MemberExpression) return true;
    const place = getPlace(context, node);
    if (place && flags.some((flag) => samePlace(flag, place)) && classifyUse(context, node).kind === 'test') tested = true;
    return !tested;
  });
  return tested;
}

/** A local `let` initialised with the other boolean, or a ref's `.current`. */
function flipsFlag(place: Place, assigned: boolean): boolean {
  if (!('defs' in place.root)) return false;
  if (place.path.length === 1 && place.path[0] === 'current') return true;
  if (place.path.length > 0) return false;
  const def = place.root.defs[0];
  if (def?.type !== 'Variable' || def.parent.kind === 'const') return false;
  const init = def.node.init && unwrapExpression(def.node.init);
  return init?.type === AST_NODE_TYPES.Literal && typeof init.value === 'boolean' && init.value !== assigned;
}
