/**
 * What one contender of a `Promise.race`/`Promise.any` is: a loser that keeps running
 * once another contender wins (a timer, an operation without a signal or with one
 * that nothing aborts), a call that misses the in-scope signal, or something else.
 */
import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../../analysis/syntax/node-types';

import {
  getEnclosingFunction,
  getStaticPropertyName,
  getValueParent,
  isFunction,
  isInside,
  unwrapExpression,
  walk,
  type FunctionNode,
} from '../../analysis/syntax/ast';
import type { AnyContext } from '../../analysis/syntax/context';
import { getPlace, isGlobalReference, resolveVariable } from '../../analysis/syntax/references';
import { typeOfNode, type TypeInfo } from '../../analysis/types/type-info';
import { isThenableType } from '../../analysis/types/types';
import {
  getPassedSignalExpression,
  getSignalSlot,
  isSignalPassed,
  type CallLike,
  type SignalSlot,
} from '../../analysis/types/signatures';
import { getTimerCall } from '../../analysis/resources/timers';
import { getChainRootCall, getInlinePromiseExecutor, isPromiseTimeoutCall } from '../../analysis/resources/promises';
import { classifyUse } from '../../analysis/resources/escape';
import { isNeverAborted, referencesAnySignal, type SignalInScope } from '../../analysis/resources/signals';
import { isReleasedInFile } from '../../analysis/lifetimes/releases';
import { getMissingSignal } from '../../analysis/propagation/propagation';

type Variable = TSESLint.Scope.Variable;

/**
 * How a loser is wired to the new controller: a signal argument, an abort listener
 * that clears the timer, or a release statement for the `finally` block.
 */
export type Wiring =
  | { readonly type: 'signal'; readonly call: CallLike; readonly slot: SignalSlot }
  | { readonly type: 'timerListener'; readonly timer: TSESTree.CallExpression; readonly executor: FunctionNode; readonly handle: string | null }
  | { readonly type: 'finally'; readonly statement: string; readonly variable: Variable };

export interface Loser {
  readonly kind: 'timer' | 'operation';
  readonly contender: TSESTree.Expression;
  /** What the message names: the timer's delay, or the operation's call. */
  readonly data: Record<string, string>;
  /** How the AbortController rewrite stops it, or `null` when it cannot. */
  readonly wiring: Wiring | null;
  /** For an inline rejecting timeout: the delay expression (for `AbortSignal.timeout(ms)`). */
  readonly rejectingDelay?: TSESTree.Node;
  /** For a timer loser: the timer call, and the executor whose promise it settles (none for `node:timers/promises`). */
  readonly timer?: { readonly call: TSESTree.CallExpression; readonly executor: FunctionNode | null };
}

export type Contender =
  | { readonly kind: 'loser'; readonly loser: Loser }
  /** A signal-accepting call missing the in-scope signal: `require-signal-propagation` reports it. */
  | { readonly kind: 'missingSignal'; readonly call: CallLike; readonly slot: SignalSlot }
  /** A call that gets a signal, or that is require-signal-propagation's to judge. */
  | { readonly kind: 'passesSignal' }
  | { readonly kind: 'other' };

const TIMERS_PROMISES_SLOT: SignalSlot = { kind: 'options', index: 2, optional: true, skippedAcceptUndefined: true, property: 'signal' };

export function classifyContender(
  context: AnyContext,
  info: TypeInfo | null,
  inScope: readonly SignalInScope[],
  contender: TSESTree.Expression,
): Contender {
  const timer = inlineTimerLoser(context, contender);
  if (timer) return timer === 'quiet' ? { kind: 'other' } : { kind: 'loser', loser: timer };
  const root = getChainRootCall(contender);
  if (!root) return { kind: 'other' };
  if (root.type === AST_NODE_TYPES.CallExpression && isPromiseTimeoutCall(context, root)) {
    const slot = (info && getSignalSlot(info, root)) ?? TIMERS_PROMISES_SLOT;
    const data = { timer: `\`${shortText(context.sourceCode, root)}\``, duration: describeDelay(context.sourceCode, root.arguments[0]) };
    if (isSignalPassed(root, slot)) {
      // Its signal comes from a local controller that nothing aborts: still a loser.
      const passed = info && getPassedSignalExpression(root, slot);
      const controller = passed && unabortedController(context, passed, inScope);
      if (!controller) return { kind: 'passesSignal' };
      return { kind: 'loser', loser: { kind: 'timer', contender, data, wiring: controllerWiring(controller), timer: { call: root, executor: null } } };
    }
    if (info && getMissingSignal(context, root)) return { kind: 'missingSignal', call: root, slot };
    if (inScope.length > 0) return { kind: 'other' };
    return { kind: 'loser', loser: { kind: 'timer', contender, data, wiring: { type: 'signal', call: root, slot }, timer: { call: root, executor: null } } };
  }
  if (!info) return { kind: 'other' };
  if (root.type === AST_NODE_TYPES.NewExpression && getInlinePromiseExecutor(context, root)) return { kind: 'other' };
  const slot = getSignalSlot(info, root);
  if (!slot || !isThenableType(typeOfNode(info, root))) return { kind: 'other' };
  if (getMissingSignal(context, root)) return { kind: 'missingSignal', call: root, slot };
  const operation = shortText(context.sourceCode, root);
  if (!isSignalPassed(root, slot)) {
    // In scope but not "missing" (e.g. in a `finally`): require-signal-propagation's territory; stay quiet.
    if (inScope.length > 0) return { kind: 'passesSignal' };
    const data = { operation, reason: 'it is given no AbortSignal' };
    return { kind: 'loser', loser: { kind: 'operation', contender, data, wiring: { type: 'signal', call: root, slot } } };
  }
  const passed = getPassedSignalExpression(root, slot);
  const controller = passed && unabortedController(context, passed, inScope);
  if (!controller) return { kind: 'passesSignal' };
  const reason = controller.variable ? `\`${controller.text}\` is never aborted` : 'its controller is never aborted';
  return { kind: 'loser', loser: { kind: 'operation', contender, data: { operation, reason }, wiring: controllerWiring(controller) } };
}

/** Abort a local controller that nothing aborts in the `finally` (not possible for `new AbortController().signal`). */
function controllerWiring(controller: { text: string; variable: Variable | null }): Wiring | null {
  return controller.variable ? { type: 'finally', statement: `${controller.text}.abort()`, variable: controller.variable } : null;
}

/**
 * A signal that nothing aborts after the race: `ac.signal` of a local controller that
 * is never aborted and never handed on, or `new AbortController().signal`. Signals
 * from `AbortSignal.timeout`, the caller, or anything the rule cannot follow are
 * bounded or unknown: `null`.
 */
function unabortedController(
  context: AnyContext,
  expression: TSESTree.Node,
  inScope: readonly SignalInScope[],
  depth = 0,
): { text: string; variable: Variable | null } | null {
  if (depth > 3 || referencesAnySignal(context, expression, inScope.filter((s) => s.source !== 'controller'))) return null;
  const value = unwrapExpression(expression);
  if (value.type === AST_NODE_TYPES.Identifier) {
    const def = singleDefinition(context, value);
    if (def?.type !== 'Variable' || def.parent.kind !== 'const' || !def.node.init) return null;
    return unabortedController(context, def.node.init, inScope, depth + 1);
  }
  if (value.type !== AST_NODE_TYPES.MemberExpression || getStaticPropertyName(value) !== 'signal') return null;
  const object = unwrapExpression(value.object);
  if (object.type === AST_NODE_TYPES.NewExpression) return isNewAbortController(context, object) ? { text: 'new AbortController()', variable: null } : null;
  if (object.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = resolveVariable(context, object);
  const def = singleDefinition(context, object);
  if (!variable || def?.type !== 'Variable' || !def.node.init || !getEnclosingFunction(def.node)) return null;
  const init = unwrapExpression(def.node.init);
  if (init.type !== AST_NODE_TYPES.NewExpression || !isNewAbortController(context, init)) return null;
  return isNeverAborted(context, variable) ? { text: object.name, variable } : null;
}

function singleDefinition(context: AnyContext, identifier: TSESTree.Identifier): TSESLint.Scope.Definition | undefined {
  const variable = resolveVariable(context, identifier);
  return variable?.defs.length === 1 ? variable.defs[0] : undefined;
}

function isNewAbortController(context: AnyContext, node: TSESTree.NewExpression): boolean {
  const callee = unwrapExpression(node.callee);
  return callee.type === AST_NODE_TYPES.Identifier && callee.name === 'AbortController' && isGlobalReference(context, callee);
}

/**
 * An inline `new Promise(executor)` whose executor starts a host `setTimeout`, when
 * its timer is not stopped once the race settles; `'quiet'` for a timer promise the
 * code does clear (or unrefs, or hands on); `null` when the contender is not one.
 */
function inlineTimerLoser(context: AnyContext, contender: TSESTree.Expression): Loser | 'quiet' | null {
  const executor = getInlinePromiseExecutor(context, contender);
  if (!executor) return null;
  const timers: TSESTree.CallExpression[] = [];
  walk(executor.body, (node) => {
    if (node !== executor.body && isFunction(node)) return false;
    if (node.type === AST_NODE_TYPES.CallExpression && getTimerCall(context, node) === 'setTimeout') timers.push(node);
    return true;
  });
  const timer = timers[0];
  if (!timer) return null;
  if (timers.length > 1) return 'quiet';
  const handle = timerHandle(context, timer, executor);
  if (handle === 'quiet') return 'quiet';
  const data = { timer: "the timeout's timer", duration: describeDelay(context.sourceCode, timer.arguments[1]) };
  let wiring: Wiring | null = null;
  if (handle.type === 'discarded' || handle.type === 'local') {
    wiring = { type: 'timerListener', timer, executor, handle: handle.type === 'local' ? handle.name : null };
  } else if (handle.type === 'outer') {
    wiring = { type: 'finally', statement: `clearTimeout(${handle.variable.name})`, variable: handle.variable };
  }
  return { kind: 'timer', contender, data, wiring, rejectingDelay: rejectingDelay(context, executor, timer) ?? undefined, timer: { call: timer, executor } };
}

type TimerHandle =
  | { readonly type: 'discarded' }
  | { readonly type: 'local'; readonly name: string }
  | { readonly type: 'outer'; readonly variable: Variable }
  | { readonly type: 'unknown' };

/** Where the timer's handle goes, and `'quiet'` when something clears it, unrefs it or hands it on. */
function timerHandle(context: AnyContext, timer: TSESTree.CallExpression, executor: FunctionNode): TimerHandle | 'quiet' {
  const { node, parent } = getValueParent(timer);
  if (!parent) return 'quiet';
  if (parent.type === AST_NODE_TYPES.ExpressionStatement) return parent.parent === executor.body ? { type: 'discarded' } : { type: 'unknown' };
  if (parent === executor && executor.body === node) return { type: 'discarded' };
  let id: TSESTree.Node | null = null;
  if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === node) id = parent.id;
  else if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.right === node && parent.operator === '=') id = parent.left;
  if (!id) return 'quiet'; // `.unref()`, returned, passed on: not ours to judge
  const place = getPlace(context, id);
  if (!place || isReleasedInFile(context, place)) return 'quiet';
  if (id.type !== AST_NODE_TYPES.Identifier) return { type: 'unknown' };
  const variable = resolveVariable(context, id);
  if (!variable) return 'quiet';
  // Any read but a test (`if (t)`) lets the handle go where the rule cannot follow it.
  if (variable.references.some((r) => r.isRead() && classifyUse(context, r.identifier).kind !== 'test')) return 'quiet';
  if (variable.defs.some((def) => isInside(def.name, executor))) {
    return parent.type === AST_NODE_TYPES.VariableDeclarator && parent.parent.parent === executor.body
      ? { type: 'local', name: id.name }
      : { type: 'unknown' };
  }
  return { type: 'outer', variable };
}

/**
 * The delay of a timeout that only rejects (`setTimeout(() => reject(e), ms)` /
 * `setTimeout(reject, ms)`, the executor never resolving): what
 * `AbortSignal.timeout(ms)` can stand in for. `null` otherwise.
 */
function rejectingDelay(context: AnyContext, executor: FunctionNode, timer: TSESTree.CallExpression): TSESTree.Node | null {
  const [resolve, reject] = executor.params;
  if (reject?.type !== AST_NODE_TYPES.Identifier) return null;
  if (resolve?.type === AST_NODE_TYPES.Identifier) {
    const variable = resolveVariable(context, resolve);
    if (!variable || variable.references.length > 0) return null;
  } else if (resolve) return null;
  const rejectVariable = resolveVariable(context, reject);
  const callback = timer.arguments[0];
  const delay = timer.arguments[1];
  if (!rejectVariable || !callback || !delay || delay.type === AST_NODE_TYPES.SpreadElement) return null;
  if (!rejectVariable.references.some((r) => isInside(r.identifier, callback))) return null;
  // The delay must mean the same outside the executor.
  let local = false;
  walk(delay, (node) => {
    if (node.type === AST_NODE_TYPES.Identifier && resolveVariable(context, node)?.defs.some((def) => isInside(def.name, executor))) local = true;
    return !local;
  });
  return local ? null : delay;
}

/** How a message names a contender: "the timeout", "the other promise", or its code. */
export function describeContender(context: AnyContext, contender: TSESTree.Expression): string {
  const executor = getInlinePromiseExecutor(context, contender);
  const root = getChainRootCall(contender);
  let timer = !!root && root.type === AST_NODE_TYPES.CallExpression && isPromiseTimeoutCall(context, root);
  if (executor) {
    walk(executor.body, (node) => {
      if (node.type === AST_NODE_TYPES.CallExpression && getTimerCall(context, node)) timer = true;
      return !timer;
    });
    if (!timer) return 'the other promise';
  }
  return timer ? 'the timeout' : `\`${shortText(context.sourceCode, contender)}\``;
}

/** `fetch(url)`; long or multi-line calls shortened to `client.get(…)`. */
function shortText(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): string {
  const text = sourceCode.getText(node);
  if (text.length <= 40 && !/[\n`]/.test(text)) return text;
  const root = unwrapExpression(node);
  if (root.type === AST_NODE_TYPES.CallExpression || root.type === AST_NODE_TYPES.NewExpression) {
    const callee = sourceCode.getText(root.callee);
    if (callee.length <= 40 && !/[\n`]/.test(callee)) return `${callee}(…)`;
  }
  return `${text.slice(0, 37).replace(/\s+/g, ' ').replace(/`/g, "'")}…`;
}

/** ` for 5000 ms`, `` for `ms` ms``, or ` until it fires`. */
function describeDelay(sourceCode: Readonly<TSESLint.SourceCode>, delay: TSESTree.Node | undefined): string {
  if (!delay || delay.type === AST_NODE_TYPES.SpreadElement) return ' until it fires';
  const value = unwrapExpression(delay);
  if (value.type === AST_NODE_TYPES.Literal && typeof value.value === 'number') return ` for ${value.value} ms`;
  return ` for \`${shortText(sourceCode, delay)}\` ms`;
}
