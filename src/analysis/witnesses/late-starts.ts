/**
 * Late starts: is this work started after a wait during which its owner may have
 * ended, without re-checking the owner's state? The witness (README, "Evidence") of
 * `no-start-after-teardown`: what starts and where, the end that would have stopped
 * it had it run later (`stop()` clears the interval, the effect's cleanup removes the
 * listener, the abort listener clears the timer), and the wait after which it starts.
 */
import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../syntax/node-types';

import { getCalleeName, getContainingStatement, getEnclosingFunction, getMemberName, getMethodCall, getValueParent, isFunction, isInside, unwrapExpression, walk } from '../syntax/ast';
import type { AnyContext } from '../syntax/context';
import { link, possible, proven, type Witness, type WitnessLink } from '../syntax/evidence';
import { getListenerFunction, getListenerRegistration } from '../resources/listeners';
import { getTeardownMethodNames } from '../syntax/settings';
import { getCachedTeardownMethods, isStateOnlyCallback } from '../lifetimes/owners';
import { abortEnd, getRestartingWrites, getStoppingEnd, stopsPlace, type EndFlag, type OwnerEnd, type Started } from '../lifetimes/owner-ends';
import { getCalledFunction } from '../lifetimes/functions';
import { getPlace, isAtPlace, resolveVariable } from '../syntax/references';
import { getReleasedExpression } from '../resources/resources';
import { getSignalsInScope, referencesSignal, type SignalInScope } from '../resources/signals';
import { getTimerCall } from '../resources/timers';
import { getTypeInfo, typeOfNode } from '../types/type-info';
import { isAbortControllerType } from '../types/types';
import { getUncheckedWait, mayWaitInFile, type Wait } from '../lifetimes/waits';

/** A start after a wait, with the end it may outlive. */
export interface LateStart {
  readonly witness: Witness;
  /** The call or `new` that starts the work (or the abort listener's registration). */
  readonly start: TSESTree.CallExpression | TSESTree.NewExpression;
  /** What is started, in a report's words: `` `setInterval` ``. */
  readonly label: string;
  readonly wait: Wait;
  readonly end: OwnerEnd;
  /** The statement before which a re-check goes (in the function that holds the start). */
  readonly statement: TSESTree.Node;
  /** The shape of the report. */
  readonly shape: 'start' | 'restart' | 'abortListener';
  /** For `restart`: the flag the re-check reads and the method that sets it back. */
  readonly restart: { readonly flag: EndFlag; readonly method: string } | null;
  /** The flag a re-check can read: one the end sets and no other public method sets back. */
  readonly recheckFlag: EndFlag | null;
}

const LISTENER_METHODS: ReadonlySet<string> = new Set(['addEventListener', 'on', 'once', 'addListener', 'prependListener', 'prependOnceListener']);

/**
 * `this.timer = setInterval(…)`, `t = setTimeout(…)`, `this.socket = await connect()`:
 * a start whose value goes to a place, after a wait, that an end of the owner releases.
 */
export function getLateStoreStart(
  context: AnyContext,
  assignment: TSESTree.AssignmentExpression,
  { teardownMethods }: { teardownMethods: readonly string[] },
): LateStart | null {
  if (assignment.operator !== '=' || !mayRunLate(context, assignment)) return null;
  const value = unwrapExpression(assignment.right);
  const inner = value.type === AST_NODE_TYPES.AwaitExpression ? unwrapExpression(value.argument) : value;
  if (inner.type !== AST_NODE_TYPES.CallExpression && inner.type !== AST_NODE_TYPES.NewExpression) return null;
  const place = getPlace(context, assignment.left);
  if (!place) return null;
  const end = getStoppingEnd(context, assignment, { kind: 'place', place }, { teardownMethods });
  if (!end) return null;
  return buildLateStart(context, { start: inner, store: assignment, end, teardownMethods, started: { kind: 'place', place } });
}

/** `target.addEventListener(…)` after a wait, that an end of the owner removes. */
export function getLateListenerStart(
  context: AnyContext,
  call: TSESTree.CallExpression,
  { teardownMethods }: { teardownMethods: readonly string[] },
): LateStart | null {
  if (!getMethodCall(call, LISTENER_METHODS) || !mayRunLate(context, call)) return null;
  const registration = getListenerRegistration(context, call);
  if (!registration || registration.targetKind === 'abortSignal') return null;
  if (registration.signal) return null; // `{ signal }`: an aborted signal never adds it
  const end = getStoppingEnd(context, call, { kind: 'listener', registration }, { teardownMethods });
  if (!end) return null;
  return buildLateStart(context, { start: call, store: null, end, teardownMethods, started: { kind: 'listener', registration } });
}

/**
 * `signal.addEventListener('abort', () => clearInterval(t))` after a wait: if the
 * signal aborted during the wait, the listener never runs and what it stops keeps
 * running.
 */
export function getLateAbortListener(context: AnyContext, call: TSESTree.CallExpression): LateStart | null {
  if (!getMethodCall(call, LISTENER_METHODS) || !mayRunLate(context, call)) return null;
  const first = call.arguments[0];
  if (first?.type !== AST_NODE_TYPES.Literal || first.value !== 'abort') return null;
  const registration = getListenerRegistration(context, call);
  if (!registration || registration.targetKind !== 'abortSignal' || !registration.listener) return null;
  const listener = getListenerFunction(context, registration.listener);
  if (!listener || !stopsSomething(context, listener)) return null;
  const signal = getSignalsInScope(context, call).find((candidate) => referencesSignal(context, registration.target, candidate));
  if (!signal) return null;
  const end = abortEnd(context, signal, listener, call);
  const wait = getUncheckedWait(context, call, { isCheck: (node) => end.isState(node) && !isInside(node, call), failsOnEnd: (awaited) => end.isState(awaited) });
  if (!wait || isCheckedRightAfter(call, end)) return null;
  // The listener's stop also runs on the way out (`teardown()` after the reply): only an abort during the wait, on the other path, leaves it.
  const alsoCalled = isCalledAfter(context, registration.listener, call);
  const links: WitnessLink[] = [
    belongsLink(signal),
    proven('end'),
    proven('work'),
    link('cost', !alsoCalled, 'what the listener stops is also stopped on the way out: only an abort during the wait on another path leaves it'),
  ];
  return {
    witness: { resource: 'abort listener', start: call, end: end.label, links },
    start: call,
    label: '`abort` listener',
    wait,
    end,
    statement: call,
    shape: 'abortListener',
    restart: null,
    recheckFlag: null,
  };
}

function buildLateStart(
  context: AnyContext,
  { start, store, end, teardownMethods, started }: {
    start: TSESTree.CallExpression | TSESTree.NewExpression;
    store: TSESTree.AssignmentExpression | null;
    end: OwnerEnd;
    teardownMethods: readonly string[];
    started: Started;
  },
): LateStart | null {
  // Tied to the end: the start is given its state (`{ signal: this.ac.signal }`), or the end waits for it.
  if (start.arguments.some((argument) => carriesEndState(argument, end))) return null;
  if (end.kind === 'teardown' && awaitsBeforeStopping(end)) return null;
  // A part of what the end stops (`this.page = await this.browser.newPage()` when it closes the browser): it goes with it.
  if (isPartOfStopped(context, start, end)) return null;
  // An abort listener registered after the wait is the report (`getLateAbortListener`).
  const ignore = (wait: TSESTree.Node): boolean => isOwnEndAwaited(context, wait, end, teardownMethods);
  const failsOnEnd = end.kind === 'abort' ? (awaited: TSESTree.Node) => end.isState(awaited) : (awaited: TSESTree.Node) => passesEndState(context, awaited, end, 0);
  let wait = getUncheckedWait(context, start, { isCheck: (node) => end.isState(node), ignore, store: store ?? undefined, failsOnEnd });
  let restart: LateStart['restart'] = null;
  const restarting = end.kind === 'teardown' ? end.flags.map((flag) => ({ flag, by: getRestartingWrites(context, end, flag) })).filter((r) => r.by) : [];
  const recheckFlag = end.flags.find((flag) => !restarting.some((r) => r.flag === flag)) ?? null;
  if (!wait && end.kind === 'teardown') {
    // A re-check of a flag that a public method sets back passes after `stop()` + `start()` during the wait.
    if (restarting.length === 0) return null;
    const except = new Set(restarting.map((r) => r.flag.text.slice('this.'.length)));
    wait = getUncheckedWait(context, start, { isCheck: (node) => end.isState(node, except), ignore, store: store ?? undefined, failsOnEnd });
    if (!wait) return null;
    restart = { flag: restarting[0]!.flag, method: restarting[0]!.by!.method };
  }
  if (!wait) return null;
  if (end.kind === 'abort' && end.at.range[0] > wait.node.range[0] && !wait.via.length) return null;
  const statement = store ?? start;
  const links: WitnessLink[] = [
    end.signal ? belongsLink(end.signal) : proven('belongs'),
    restart
      ? possible('end', `${restart.method} sets ${restart.flag.text} back: ${end.label} then ${restart.method} during the wait pass the re-check`)
      : proven('end'),
    workLink(context, start),
    costLink(context, start, end, teardownMethods),
  ];
  return {
    witness: { resource: startLabel(context, start, started), start, end: end.label, links },
    start,
    label: startLabel(context, start, started),
    wait,
    end,
    statement,
    shape: restart ? 'restart' : 'start',
    restart,
    recheckFlag,
  };
}

/**
 * Is the awaited call given the state the end changes (`create(url, this.cts.token)`
 * when the end cancels `this.cts`, `fetch(url, { signal: controller.signal })` when the
 * cleanup aborts it), itself or in an awaited call of the method it calls? Then the end
 * makes it fail, and nothing runs after it.
 */
function passesEndState(context: AnyContext, awaited: TSESTree.Node, end: OwnerEnd, depth: number): boolean {
  const call = unwrapExpression(awaited);
  if (call.type !== AST_NODE_TYPES.CallExpression && call.type !== AST_NODE_TYPES.NewExpression) return false;
  if (call.arguments.some((argument) => carriesEndState(argument, end))) return true;
  const helper = depth < 1 && call.type === AST_NODE_TYPES.CallExpression ? getCalledFunction(context, call.callee) : null;
  if (!helper) return false;
  let found = false;
  walk(helper.body, (inner) => {
    if (found || (inner !== helper.body && isFunction(inner))) return false;
    if (inner.type === AST_NODE_TYPES.AwaitExpression && passesEndState(context, inner.argument, end, depth + 1)) found = true;
    return !found;
  });
  return found;
}

/** Does a value hand on the end's state itself (`this.cts.token`, `{ signal: controller.signal }`), not through a callback or a call? */
function carriesEndState(value: TSESTree.Node, end: OwnerEnd): boolean {
  let found = false;
  walk(value, (inner) => {
    if (found || isFunction(inner) || inner.type === AST_NODE_TYPES.CallExpression || inner.type === AST_NODE_TYPES.NewExpression) return false;
    if (inner.type === AST_NODE_TYPES.MemberExpression || inner.type === AST_NODE_TYPES.Identifier) {
      if (end.isState(inner)) found = true;
      return false;
    }
    return true;
  });
  return found;
}

/** `signal.addEventListener('abort', f); if (signal.aborted) f();`: the registration is followed by the check, in its block. */
function isCheckedRightAfter(call: TSESTree.CallExpression, end: OwnerEnd): boolean {
  const statement = getContainingStatement(call);
  const list = statement?.parent && 'body' in statement.parent && Array.isArray(statement.parent.body) ? (statement.parent.body as TSESTree.Node[]) : null;
  if (!statement || !list) return false;
  return list.slice(list.indexOf(statement) + 1, list.indexOf(statement) + 4).some((next) => next.type === AST_NODE_TYPES.IfStatement && end.isState(next.test));
}

/** Is the listener (a local function by name) also called directly after the registration, in the same function? */
function isCalledAfter(context: AnyContext, listener: TSESTree.Node, registration: TSESTree.CallExpression): boolean {
  const value = unwrapExpression(listener);
  if (value.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = resolveVariable(context, value);
  const fn = getEnclosingFunction(registration);
  return !!variable?.references.some((reference) => {
    const parent = reference.identifier.parent;
    return parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === reference.identifier && reference.identifier.range[0] > registration.range[1] && getEnclosingFunction(parent) === fn;
  });
}

/** Cheap syntactic filter: code in a function (not a class field or the module), in a file that can wait. */
function mayRunLate(context: AnyContext, node: TSESTree.Node): boolean {
  return mayWaitInFile(context) && getEnclosingFunction(node) !== null;
}

/** A caller's signal ends the operation; a controller the function makes itself only ends when it aborts it. */
function belongsLink(signal: SignalInScope): WitnessLink {
  return link('belongs', signal.source === 'parameter' || signal.source === 'destructured' || signal.source === 'property', 'a signal of the function itself: only it aborts it');
}

/** A one-shot timeout whose callback only sets state, a controller: no work of their own. */
function workLink(context: AnyContext, start: TSESTree.CallExpression | TSESTree.NewExpression): WitnessLink {
  if (start.type === AST_NODE_TYPES.CallExpression && getTimerCall(context, start) === 'setTimeout') {
    const callback = start.arguments[0];
    if (callback && isStateOnlyCallback(callback)) return possible('work', "a one-shot timeout that only sets its owner's state");
  }
  if (start.type === AST_NODE_TYPES.NewExpression && isCancellationSource(context, start) && !handsOnItsSignal(context, start)) {
    return possible('work', 'a controller is no work itself');
  }
  return proven('work');
}

/**
 * The function reads the new controller's `signal` (or `token`) after making it: the
 * work it then starts runs under that controller, and is what outlives the end.
 */
function handsOnItsSignal(context: AnyContext, start: TSESTree.NewExpression): boolean {
  const { node, parent } = getValueParent(start);
  const target =
    parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === node
      ? parent.left
      : parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === node
        ? parent.id
        : null;
  const place = target && getPlace(context, target);
  const fn = getEnclosingFunction(start);
  if (!place || !fn) return false;
  let found = false;
  walk(fn, (inner) => {
    if (found) return false;
    if (inner.type === AST_NODE_TYPES.MemberExpression && inner.range[0] > start.range[1] && /^(?:signal|token)$/.test(getMemberName(inner) ?? '')) {
      found = isAtPlace(context, inner.object, place);
    }
    return !found;
  });
  return found;
}

/**
 * What a late timer costs: nothing that matters when it is the cleanup itself (its
 * callback runs the owner's teardown) or a one-shot timeout that fires within a second.
 */
function costLink(context: AnyContext, start: TSESTree.CallExpression | TSESTree.NewExpression, end: OwnerEnd, teardownMethods: readonly string[]): WitnessLink {
  const timer = start.type === AST_NODE_TYPES.CallExpression ? getTimerCall(context, start) : null;
  if (!timer) return proven('cost');
  const callback = start.arguments[0];
  if (callback && end.cls && callsTeardown(context, callback, end, teardownMethods)) return possible('cost', 'its callback runs the teardown: it is the cleanup');
  const delay = start.arguments[1] && unwrapExpression(start.arguments[1]);
  if (timer === 'setTimeout' && delay?.type === AST_NODE_TYPES.Literal && typeof delay.value === 'number' && delay.value < 1000) {
    return possible('cost', 'a one-shot timeout that fires within a second');
  }
  return proven('cost');
}

function callsTeardown(context: AnyContext, callback: TSESTree.Node, end: OwnerEnd, teardownMethods: readonly string[]): boolean {
  const methods = getCachedTeardownMethods(end.cls!, getTeardownMethodNames(context, teardownMethods));
  let found = false;
  walk(callback, (inner) => {
    if (found) return false;
    if (inner.type === AST_NODE_TYPES.CallExpression) {
      const called = getCalledFunction(context, inner.callee);
      if (called && methods.some((method) => method.fn === called)) found = true;
    }
    return !found;
  });
  return found;
}

/** Cancellation sources: their abort stops work, they do none. */
const CONTROLLERS = /^(?:AbortController|CancellationTokenSource)$/;

/**
 * `new AbortController()` by its type; VS Code's `CancellationTokenSource` by name, since
 * an extension's `vscode` import is often unresolved. The name alone only without types.
 */
function isCancellationSource(context: AnyContext, start: TSESTree.NewExpression): boolean {
  const name = getCalleeName(start) ?? '';
  if (!CONTROLLERS.test(name)) return false;
  const info = getTypeInfo(context);
  return !info || name === 'CancellationTokenSource' || isAbortControllerType(info, typeOfNode(info, start));
}

/** The start is a method of something the end releases: `this.browser.newPage()`. */
function isPartOfStopped(context: AnyContext, start: TSESTree.CallExpression | TSESTree.NewExpression, end: OwnerEnd): boolean {
  if (start.type !== AST_NODE_TYPES.CallExpression) return false;
  const method = getMethodCall(start);
  const place = method && getPlace(context, method.object);
  return !!place && place.path.length > 0 && stopsPlace(context, end.fn, place);
}

/** `` `setInterval` ``, `` `new WebSocket` ``, `` `addEventListener('resize')` ``. */
function startLabel(context: AnyContext, start: TSESTree.CallExpression | TSESTree.NewExpression, started: Started): string {
  const text = context.sourceCode.getText(start.callee);
  const callee = text.length <= 40 && !/\s/.test(text) ? text : (getCalleeName(start) ?? 'this call');
  if (started.kind === 'listener' && started.registration.eventName) return `\`${callee}('${started.registration.eventName}')\``;
  return start.type === AST_NODE_TYPES.NewExpression ? `\`new ${callee}\`` : `\`${callee}\``;
}

/** `await this.stop()` before starting again: the wait is the owner's own end. */
function isOwnEndAwaited(context: AnyContext, wait: TSESTree.Node, end: OwnerEnd, teardownMethods: readonly string[]): boolean {
  if (wait.type !== AST_NODE_TYPES.AwaitExpression || !end.cls) return false;
  const value = unwrapExpression(wait.argument);
  if (value.type !== AST_NODE_TYPES.CallExpression) return false;
  const called = getCalledFunction(context, value.callee);
  return !!called && getCachedTeardownMethods(end.cls, getTeardownMethodNames(context, teardownMethods)).some((method) => method.fn === called);
}

/**
 * A teardown that awaits work the object holds before it releases (`await this.starting`,
 * `await Promise.all([this.connecting])`): it waits for the start to finish first.
 */
function awaitsBeforeStopping(end: OwnerEnd): boolean {
  let found = false;
  walk(end.fn.body, (inner) => {
    if (found || (inner !== end.fn.body && isFunction(inner))) return false;
    if (inner.type === AST_NODE_TYPES.AwaitExpression) found = isHeldWork(inner.argument);
    return !found;
  });
  return found;
}

/** `this.x`, `this.x?.promise`, `Promise.all([this.x, this.y])`: promises the object holds. */
function isHeldWork(node: TSESTree.Node): boolean {
  const value = unwrapExpression(node);
  if (value.type === AST_NODE_TYPES.MemberExpression) {
    let object: TSESTree.Node = value;
    while (object.type === AST_NODE_TYPES.MemberExpression) object = unwrapExpression(object.object);
    return object.type === AST_NODE_TYPES.ThisExpression;
  }
  if (value.type === AST_NODE_TYPES.ArrayExpression) return value.elements.some((element) => !!element && isHeldWork(element));
  if (value.type === AST_NODE_TYPES.CallExpression && getMethodCall(value, COMBINATORS)) return value.arguments.some((argument) => isHeldWork(argument));
  return false;
}

const COMBINATORS: ReadonlySet<string> = new Set(['all', 'allSettled']);

/** Does the listener stop something: a release, a listener's removal, `clearTimeout`? */
function stopsSomething(context: AnyContext, listener: TSESTree.Node): boolean {
  let found = false;
  walk(listener, (inner) => {
    if (found) return false;
    if (inner.type === AST_NODE_TYPES.CallExpression) {
      if (getReleasedExpression(context, inner)) found = true;
      else if (getMethodCall(inner, REMOVALS)) found = true;
    }
    return !found;
  });
  return found;
}

const REMOVALS: ReadonlySet<string> = new Set(['removeEventListener', 'removeListener', 'off', 'kill', 'disconnect', 'unobserve', 'terminate']);


