/**
 * Owner ends: which end of its owner stops what some code starts — a teardown method
 * of the class (`stop()` clears `this.timer`), an effect's cleanup (removes the
 * listener), a signal's abort listener (clears the interval) — and which state that
 * end changes, so that code which starts after a wait can re-check it
 * (`if (this.disposed) return`, `signal.throwIfAborted()`, `if (cancelled) return`).
 */
import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../syntax/node-types';

import { getClassMemberName, getEnclosingFunctions, getMemberName, getMethodCall, isFunction, isInside, unwrapExpression, walk, type FunctionNode } from '../syntax/ast';
import type { AnyContext } from '../syntax/context';
import { mentionsAnyOf } from '../syntax/file-index';
import { getCalledFunction } from './functions';
import { getListenerFunction, getListenerRegistration, type ListenerCall } from '../resources/listeners';
import { getCachedTeardownMethods, getEffectCleanups, getLifecycleOwner, teardownLabel, type TeardownMethod } from './owners';
import { isAtPlace, placeKey, referencesVariable, resolveVariable, type Place } from '../syntax/references';
import { isRemovedInCode, someCallThroughHelpers } from './releases';
import { getReleasedExpression } from '../resources/resources';
import { getTeardownMethodNames } from '../syntax/settings';
import { getSignalsInScope, type SignalInScope } from '../resources/signals';

type Variable = TSESLint.Scope.Variable;
type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/** What a start leaves behind for the end to stop: a value kept in a place, or a listener. */
export type Started = { readonly kind: 'place'; readonly place: Place } | { readonly kind: 'listener'; readonly registration: ListenerCall };

/** A flag the end sets, for a re-check: `this.disposed` is `true` once it ran (`ended`). */
export interface EndFlag {
  readonly text: string;
  readonly ended: boolean;
}

/** An end of the owner that stops what was started, if it runs after the start. */
export interface OwnerEnd {
  readonly kind: 'teardown' | 'cleanup' | 'abort';
  /** Where the end's code is: the teardown method, the cleanup, the abort listener. */
  readonly fn: FunctionNode;
  /** In a report's words: `` `stop()` ``, `the effect's cleanup`, `` `signal`'s abort ``. */
  readonly label: string;
  /** The node to point at for "line N": the teardown method's key, the cleanup, the abort listener's registration. */
  readonly at: TSESTree.Node;
  /** Does an expression read the state the end changes (`this.disposed`, `signal`, `cancelled`)? Fields in `except` do not count. */
  readonly isState: (node: TSESTree.Node, except?: ReadonlySet<string>) => boolean;
  /** The state a re-check reads, in a report's words (`` `this.running` ``, `` `signal.aborted` ``). */
  readonly stateLabel: string;
  /** Flags the end sets that a re-check can test (the first is what a fix inserts). */
  readonly flags: readonly EndFlag[];
  /** The signal, for an abort. */
  readonly signal: SignalInScope | null;
  /** The class, for a teardown. */
  readonly cls: ClassNode | null;
  readonly method: TeardownMethod | null;
}

/**
 * The end of the owner around `node` that stops `started`: a teardown method of the
 * class of `this` that releases the place or removes the listener (not when `node`
 * is in a teardown method itself), the cleanup of the effect around it, or an
 * `abort` listener of a signal in scope. `null` when no end stops it: then whatever
 * it leaves running is no question of timing (other rules ask whether it is lost).
 */
export function getStoppingEnd(context: AnyContext, node: TSESTree.Node, started: Started, { teardownMethods }: { teardownMethods: readonly string[] }): OwnerEnd | null {
  const owner = getLifecycleOwner(context, node, { teardownMethods });
  if (owner?.teardown) {
    const { cls } = owner.teardown;
    for (const method of getCachedTeardownMethods(cls, getTeardownMethodNames(context, teardownMethods))) {
      if (stops(context, method.fn, started)) return teardownEnd(context, cls, method);
    }
  }
  if (owner?.effect) {
    for (const cleanup of getEffectCleanups(context, owner.effect)) {
      if (stops(context, cleanup, started)) return cleanupEnd(context, cleanup);
    }
  }
  return getAbortEnd(context, node, started);
}

function stops(context: AnyContext, fn: FunctionNode, started: Started): boolean {
  if (started.kind === 'place') return stopsPlace(context, fn, started.place);
  return isRemovedInCode(context, started.registration, [], fn);
}

/** Does the function release the place with a call (`clearInterval(this.timer)`, `this.socket.close()`), itself or through helpers two deep? Not a loop over it. */
export function stopsPlace(context: AnyContext, fn: FunctionNode, place: Place): boolean {
  let byPlace = stopsCache.get(fn);
  if (!byPlace) stopsCache.set(fn, (byPlace = new Map()));
  const key = placeKey(place);
  let stopped = byPlace.get(key);
  if (stopped === undefined) byPlace.set(key, (stopped = computeStopsPlace(context, fn, place)));
  return stopped;
}

const stopsCache = new WeakMap<FunctionNode, Map<string, boolean>>();

function computeStopsPlace(context: AnyContext, fn: FunctionNode, place: Place): boolean {
  return someCallThroughHelpers(
    context,
    fn.body,
    (call) => {
      const released = getReleasedExpression(context, call);
      return !!released && isAtPlace(context, released, place);
    },
    { helperDepth: 2 },
  );
}

// ---------------------------------------------------------------- teardown methods

const fieldsCache = new WeakMap<FunctionNode, Map<string, FieldWrite[]>>();

interface FieldWrite {
  readonly value: TSESTree.Node | null;
  readonly node: TSESTree.Node;
}

/** The fields of `this` a function (and the same-class methods it calls, two deep) writes or calls a method of, by first path segment. */
function getTouchedFields(context: AnyContext, fn: FunctionNode): Map<string, FieldWrite[]> {
  let fields = fieldsCache.get(fn);
  if (fields) return fields;
  fields = new Map();
  const add = (name: string, write: FieldWrite): void => {
    const list = fields!.get(name);
    if (list) list.push(write);
    else fields!.set(name, [write]);
  };
  const seen = new Set<FunctionNode>();
  const visit = (code: FunctionNode, depth: number): void => {
    if (seen.has(code)) return;
    seen.add(code);
    walk(code.body, (inner) => {
      if (inner !== code.body && isFunction(inner)) return true;
      if (inner.type === AST_NODE_TYPES.AssignmentExpression) {
        const name = thisFieldOf(inner.left);
        if (name !== null) add(name, { value: inner.operator === '=' ? unwrapExpression(inner.right) : null, node: inner });
      } else if (inner.type === AST_NODE_TYPES.UpdateExpression || (inner.type === AST_NODE_TYPES.UnaryExpression && inner.operator === 'delete')) {
        const name = thisFieldOf(inner.argument);
        if (name !== null) add(name, { value: null, node: inner });
      } else if (inner.type === AST_NODE_TYPES.CallExpression) {
        // `this.ac.abort()`, `this.cts.cancel()`: a call that ends what the field holds changes it.
        const method = getMethodCall(inner, ENDING_METHODS);
        const name = method ? thisFieldOf(method.object) : null;
        if (name !== null) add(name, { value: null, node: inner });
        const helper = depth < 2 ? getCalledFunction(context, inner.callee) : null;
        if (helper && unwrapExpression(inner.callee).type === AST_NODE_TYPES.MemberExpression) visit(helper, depth + 1);
      }
      return true;
    });
  };
  visit(fn, 0);
  fieldsCache.set(fn, fields);
  return fields;
}

/** Methods that end what an object holds: a call of one changes the state a re-check can read. */
const ENDING_METHODS: ReadonlySet<string> = new Set([
  'abort', 'cancel', 'dispose', 'asyncDispose', 'close', 'destroy', 'stop', 'end', 'terminate', 'kill', 'disconnect', 'unsubscribe', 'clear', 'delete', 'set', 'reject', 'resolve',
]);

/** `this.x`, `this.x.y` → `x`. */
function thisFieldOf(node: TSESTree.Node): string | null {
  let current = unwrapExpression(node);
  while (current.type === AST_NODE_TYPES.MemberExpression) {
    const object = unwrapExpression(current.object);
    if (object.type === AST_NODE_TYPES.ThisExpression) return getMemberName(current);
    current = object;
  }
  return null;
}

function teardownEnd(context: AnyContext, cls: ClassNode, method: TeardownMethod): OwnerEnd {
  const touched = getTouchedFields(context, method.fn);
  const readsTouched = (node: TSESTree.Node, except: ReadonlySet<string> | undefined, depth = 0): boolean => {
    let found = false;
    walk(node, (inner) => {
      if (found) return false;
      if (inner.type === AST_NODE_TYPES.MemberExpression && unwrapExpression(inner.object).type === AST_NODE_TYPES.ThisExpression) {
        const name = getMemberName(inner);
        if (name !== null && touched.has(name) && !except?.has(name)) found = true;
      } else if (inner.type === AST_NODE_TYPES.CallExpression && depth < 1) {
        // `this.isDisposed()`, `this.assertOpen()`: a method of the class that reads the state.
        const helper = getCalledFunction(context, inner.callee);
        if (helper && isInside(helper, cls) && helper !== method.fn && readsTouched(helper.body, except, depth + 1)) found = true;
      }
      return !found;
    });
    return found;
  };
  const flags: EndFlag[] = [];
  for (const [name, writes] of touched) {
    for (const write of writes) {
      if (write.value?.type === AST_NODE_TYPES.Literal && typeof write.value.value === 'boolean' && /^#?[A-Za-z_$][\w$]*$/.test(name)) {
        flags.push({ text: `this.${name}`, ended: write.value.value });
        break;
      }
    }
  }
  const label = teardownLabel(method);
  return {
    kind: 'teardown',
    fn: method.fn,
    label: `\`${label}\``,
    at: method.member,
    isState: (node, except) => readsTouched(node, except),
    stateLabel: flags[0] ? `\`${flags[0].text}\`` : "the owner's state",
    flags,
    signal: null,
    cls,
    method,
  };
}

/**
 * The flags of `end` that another method of the class sets back to the value it had
 * before the end (`start()` sets `this.running = true` again): a re-check of them
 * passes after the end and a restart during the wait.
 */
export function getRestartingWrites(context: AnyContext, end: OwnerEnd, flag: EndFlag): { method: string; node: TSESTree.Node } | null {
  if (!end.cls) return null;
  const name = flag.text.slice('this.'.length);
  for (const member of end.cls.body.body) {
    if (member.type !== AST_NODE_TYPES.MethodDefinition || member.kind !== 'method' || member.static || member.value === end.fn) continue;
    if (member.accessibility === 'private' || member.key.type === AST_NODE_TYPES.PrivateIdentifier || !isFunction(member.value)) continue;
    const writes = getTouchedFields(context, member.value).get(name) ?? [];
    const write = writes.find((w) => w.value?.type === AST_NODE_TYPES.Literal && w.value.value === !flag.ended);
    if (write) return { method: `${getClassMemberName(member) ?? 'start'}()`, node: write.node };
  }
  return null;
}

// ---------------------------------------------------------------- effect cleanups

function cleanupEnd(context: AnyContext, cleanup: FunctionNode): OwnerEnd {
  const changed = new Set<Variable>();
  const flags: EndFlag[] = [];
  walk(cleanup.body, (inner) => {
    let target: TSESTree.Node | null = null;
    if (inner.type === AST_NODE_TYPES.AssignmentExpression) target = inner.left;
    else if (inner.type === AST_NODE_TYPES.CallExpression) target = getMethodCall(inner)?.object ?? null;
    const root = target && rootIdentifier(target);
    const variable = root && resolveVariable(context, root);
    if (variable && variable.defs.length > 0 && !isInside(variable.defs[0]!.name, cleanup)) {
      changed.add(variable);
      if (
        inner.type === AST_NODE_TYPES.AssignmentExpression &&
        inner.operator === '=' &&
        target?.type === AST_NODE_TYPES.Identifier &&
        inner.right.type === AST_NODE_TYPES.Literal &&
        typeof inner.right.value === 'boolean'
      ) {
        flags.push({ text: target.name, ended: inner.right.value });
      }
    }
    return true;
  });
  const isState = (node: TSESTree.Node): boolean => {
    let found = false;
    walk(node, (inner) => {
      if (found) return false;
      if (inner.type === AST_NODE_TYPES.Identifier) {
        const variable = resolveVariable(context, inner);
        if (variable && changed.has(variable)) found = true;
      }
      return !found;
    });
    return found;
  };
  return {
    kind: 'cleanup',
    fn: cleanup,
    label: "the effect's cleanup",
    at: cleanup,
    isState,
    stateLabel: flags[0] ? `\`${flags[0].text}\`` : "whether the effect was cleaned up",
    flags,
    signal: null,
    cls: null,
    method: null,
  };
}

function rootIdentifier(node: TSESTree.Node): TSESTree.Identifier | null {
  let current = unwrapExpression(node);
  while (current.type === AST_NODE_TYPES.MemberExpression) current = unwrapExpression(current.object);
  return current.type === AST_NODE_TYPES.Identifier ? current : null;
}

// ---------------------------------------------------------------- abort listeners

/** An `abort` listener is registered by the event's name (`'abort'`, `onabort`): a file that never names it has none. */
const mayNameAbort = mentionsAnyOf(['abort']);

/**
 * An `abort` listener of a signal in scope at `node` (registered in the signal's
 * function) that releases the place or removes the listener.
 */
function getAbortEnd(context: AnyContext, node: TSESTree.Node, started: Started): OwnerEnd | null {
  // Cheap filter before typing signals in scope: the file registers no `abort` listener at all.
  if (!mayNameAbort(context)) return null;
  const signals = getSignalsInScope(context, node);
  for (const signal of signals) {
    for (const registration of getAbortRegistrations(context, signal)) {
      const listener = registration.listener && getListenerFunction(context, registration.listener);
      if (listener && stops(context, listener, started)) return abortEnd(context, signal, listener, registration.call);
    }
  }
  return null;
}

/** The `abort` listener registrations on a signal in its function, cached per signal variable. */
const registrationsCache = new WeakMap<Variable, ListenerCall[]>();

export function getAbortRegistrations(context: AnyContext, signal: SignalInScope): readonly ListenerCall[] {
  let registrations = registrationsCache.get(signal.variable);
  if (registrations) return registrations;
  registrations = [];
  for (const reference of signal.variable.references) {
    let use: TSESTree.Node = reference.identifier;
    // `signal.addEventListener`, `opts.signal.addEventListener`, `controller.signal.addEventListener`
    while (use.parent?.type === AST_NODE_TYPES.MemberExpression && use.parent.object === use && getMemberName(use.parent) !== 'addEventListener') use = use.parent;
    const member = use.parent;
    const call = member?.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== member) continue;
    const registration = getListenerRegistration(context, call);
    if (registration?.targetKind === 'abortSignal' && registration.eventName === 'abort') registrations.push(registration);
  }
  registrationsCache.set(signal.variable, registrations);
  return registrations;
}

export function abortEnd(context: AnyContext, signal: SignalInScope, listener: FunctionNode, at: TSESTree.Node): OwnerEnd {
  const text = signal.text.replace('?.', '.');
  return {
    kind: 'abort',
    fn: listener,
    label: `\`${signal.text}\`'s abort`,
    at,
    isState: (node) => referencesVariable(context, node, signal.variable),
    stateLabel: `\`${text}.aborted\``,
    flags: [],
    signal,
    cls: null,
    method: null,
  };
}


/** Does a function around `node` (up to the owner's code) belong to the end itself? */
export function isInEnd(node: TSESTree.Node, end: OwnerEnd): boolean {
  return getEnclosingFunctions(node).includes(end.fn);
}

