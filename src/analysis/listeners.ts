import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import * as ts from 'typescript';

import { getEnclosingFunction, getMethodCall, getPropertyName, getStaticPropertyName, getValueParent, isFunction, unwrapExpression, walk, type FunctionNode } from './ast';
import type { AnyContext } from './context';
import { isSameObject, resolveVariable } from './references';
import { isHostDeclarationFile } from './timers';
import { getAgreedDeclaration } from './signatures';
import { getTypeInfo, typeOfNode, type TypeInfo } from './type-info';
import { isAbortSignalType, isUnknownType, nonNullableParts } from './types';

/** What a listener is registered on: an `AbortSignal`, another `EventTarget`, or a Node `EventEmitter`. */
export type ListenerTargetKind = 'abortSignal' | 'eventTarget' | 'emitter';

/** A call that adds or removes an event listener, as the checker resolved it. */
export interface ListenerCall {
  readonly call: TSESTree.CallExpression;
  readonly action: 'add' | 'remove';
  /** `addEventListener`, `on`, `once`, `removeListener`, `removeAllListeners`... */
  readonly method: string;
  /** The receiver (`signal` in `signal.addEventListener(...)`). */
  readonly target: TSESTree.Expression;
  readonly targetKind: ListenerTargetKind;
  /** The event argument, or `null` (`removeAllListeners()`, a spread). */
  readonly event: TSESTree.Expression | null;
  /** The event's static name (`'abort'`), or `null` when it is not a string literal. */
  readonly eventName: string | null;
  /** The listener argument, or `null` (`removeAllListeners(event)`, a spread). */
  readonly listener: TSESTree.Expression | null;
  /** The options argument of `add/removeEventListener`, or `null`. */
  readonly options: TSESTree.Expression | null;
  /**
   * Whether the listener goes after its first call: `once`/`prependOnceListener`,
   * `{ once: true }`. `null` when the options cannot be read (a variable, a spread).
   */
  readonly once: boolean | null;
  /**
   * The `{ signal }` that removes the listener: the expression, `null` when there is
   * none, `undefined` when the options cannot be read.
   */
  readonly signal: TSESTree.Expression | null | undefined;
  /** Capture phase (`true` or `{ capture: true }`), `null` when unknown; always `false` for emitters. */
  readonly capture: boolean | null;
}

const EVENT_TARGET_ADD: ReadonlySet<string> = new Set(['addEventListener']);
const EVENT_TARGET_REMOVE: ReadonlySet<string> = new Set(['removeEventListener']);
const EMITTER_ADD: ReadonlySet<string> = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener']);
const EMITTER_REMOVE: ReadonlySet<string> = new Set(['off', 'removeListener', 'removeAllListeners']);
const ALL_METHODS: ReadonlySet<string> = new Set([...EVENT_TARGET_ADD, ...EVENT_TARGET_REMOVE, ...EMITTER_ADD, ...EMITTER_REMOVE]);

const cache = new WeakMap<TSESTree.CallExpression, ListenerCall | null>();

/**
 * Is this call an event-listener registration or removal on a host `EventTarget`
 * (DOM lib / `@types/node`), an `AbortSignal` or a Node `EventEmitter` (or a
 * subclass)? Type-aware: the method must resolve to the host's declaration and
 * the receiver's type must be one of those. `null` without type information, for
 * `any` receivers and for look-alikes (a user's own `on()`, `events.on(emitter, …)`).
 */
export function getListenerCall(context: AnyContext, call: TSESTree.CallExpression): ListenerCall | null {
  if (cache.has(call)) return cache.get(call)!;
  const result = computeListenerCall(context, call);
  cache.set(call, result);
  return result;
}

/** `getListenerCall` restricted to registrations (`addEventListener`, `on`, `once`...). */
export function getListenerRegistration(context: AnyContext, call: TSESTree.CallExpression): ListenerCall | null {
  const result = getListenerCall(context, call);
  return result?.action === 'add' ? result : null;
}

/** `getListenerCall` restricted to removals (`removeEventListener`, `off`, `removeListener`, `removeAllListeners`). */
export function getListenerRemoval(context: AnyContext, call: TSESTree.CallExpression): ListenerCall | null {
  const result = getListenerCall(context, call);
  return result?.action === 'remove' ? result : null;
}

function computeListenerCall(context: AnyContext, call: TSESTree.CallExpression): ListenerCall | null {
  // Cheap syntactic filter first.
  const methodCall = getMethodCall(call, ALL_METHODS);
  const info = methodCall && getTypeInfo(context);
  if (!info) return null;
  const { object, method } = methodCall;
  const targetKind = getListenerTargetKind(info, typeOfNode(info, object));
  if (!targetKind) return null;
  const isEventTargetMethod = EVENT_TARGET_ADD.has(method) || EVENT_TARGET_REMOVE.has(method);
  if (isEventTargetMethod === (targetKind === 'emitter')) return null;
  if (!resolvesToHostDeclaration(info, call)) return null;

  const args = call.arguments;
  const spreadAt = args.findIndex((arg) => arg.type === AST_NODE_TYPES.SpreadElement);
  const argument = (index: number): TSESTree.Expression | null =>
    spreadAt !== -1 && spreadAt <= index ? null : ((args[index] as TSESTree.Expression | undefined) ?? null);
  const event = argument(0);
  const eventValue = event ? unwrapExpression(event) : null;
  const eventName =
    eventValue?.type === AST_NODE_TYPES.Literal && typeof eventValue.value === 'string'
      ? eventValue.value
      : eventValue?.type === AST_NODE_TYPES.TemplateLiteral && eventValue.expressions.length === 0
        ? (eventValue.quasis[0]?.value.cooked ?? null)
        : null;
  const listener = argument(1);
  const action = EVENT_TARGET_ADD.has(method) || EMITTER_ADD.has(method) ? 'add' : 'remove';
  const unreadable = spreadAt !== -1;
  if (!isEventTargetMethod) {
    const once = method === 'once' || method === 'prependOnceListener';
    return {
      call, action, method, target: object, targetKind, event, eventName, listener,
      options: null, once: unreadable ? null : once, signal: unreadable ? undefined : null, capture: false,
    };
  }
  const options = argument(2);
  const read = unreadable ? UNREADABLE : readListenerOptions(options);
  return {
    call, action, method, target: object, targetKind, event, eventName, listener,
    options, once: read.once, signal: read.signal, capture: read.capture,
  };
}

const UNREADABLE = { once: null, signal: undefined, capture: null } as const;

/** `true`, `{ once: true, signal, capture }`... as far as a literal can be read. */
function readListenerOptions(options: TSESTree.Expression | null): {
  once: boolean | null;
  signal: TSESTree.Expression | null | undefined;
  capture: boolean | null;
} {
  if (!options) return { once: false, signal: null, capture: false };
  const value = unwrapExpression(options);
  if (value.type === AST_NODE_TYPES.Literal && typeof value.value === 'boolean') {
    return { once: false, signal: null, capture: value.value };
  }
  if (value.type === AST_NODE_TYPES.Identifier && value.name === 'undefined') return { once: false, signal: null, capture: false };
  if (value.type !== AST_NODE_TYPES.ObjectExpression) return UNREADABLE;
  let once: boolean | null = false;
  let signal: TSESTree.Expression | null | undefined = null;
  let capture: boolean | null = false;
  for (const property of value.properties) {
    if (property.type === AST_NODE_TYPES.SpreadElement || property.computed) return UNREADABLE;
    const key = getPropertyName(property);
    const propertyValue = unwrapExpression(property.value);
    const literal =
      propertyValue.type === AST_NODE_TYPES.Literal && typeof propertyValue.value === 'boolean' ? propertyValue.value : null;
    if (key === 'once') once = literal;
    else if (key === 'capture') capture = literal;
    else if (key === 'signal') {
      signal = propertyValue.type === AST_NODE_TYPES.Identifier && propertyValue.name === 'undefined' ? null : (property.value as TSESTree.Expression);
    }
  }
  return { once, signal, capture };
}

/**
 * What kind of listener target a type is: an `AbortSignal`, a host `EventTarget`
 * (or a subtype: `Window`, `HTMLElement`, `WebSocket`, `MessagePort`...), a Node
 * `EventEmitter` (or a subclass: streams, servers, `process`). `null` otherwise,
 * and for `any`/`unknown`. Every non-nullable part of a union must agree.
 */
export function getListenerTargetKind(info: TypeInfo, type: ts.Type): ListenerTargetKind | null {
  if (isUnknownType(type)) return null;
  if (isAbortSignalType(info, type)) return 'abortSignal';
  const parts = nonNullableParts(type);
  if (parts.length === 0) return null;
  if (parts.every((part) => extendsHostType(info, part, EVENT_TARGET_NAMES, new Set()))) return 'eventTarget';
  if (parts.every((part) => extendsHostType(info, part, EMITTER_NAMES, new Set()))) return 'emitter';
  return null;
}

const EVENT_TARGET_NAMES: ReadonlySet<string> = new Set(['EventTarget']);
const EMITTER_NAMES: ReadonlySet<string> = new Set(['EventEmitter']);

function extendsHostType(info: TypeInfo, type: ts.Type, names: ReadonlySet<string>, seen: Set<ts.Type>): boolean {
  if (seen.has(type) || seen.size > 30) return false;
  seen.add(type);
  if (type.isIntersection()) return type.types.some((part) => extendsHostType(info, part, names, seen));
  if (type.isUnion()) return type.types.length > 0 && type.types.every((part) => extendsHostType(info, part, names, seen));
  if ((type.flags & ts.TypeFlags.TypeParameter) !== 0) {
    const constraint = info.checker.getBaseConstraintOfType(type);
    return !!constraint && constraint !== type && extendsHostType(info, constraint, names, seen);
  }
  const symbol = type.getSymbol() ?? type.aliasSymbol;
  // `typeof EventEmitter` (the class itself, for `EventEmitter.on(emitter, …)`) is not an instance.
  if (!symbol || type.getConstructSignatures().length > 0) return false;
  if (names.has(symbol.getName()) && symbol.getDeclarations()?.some((d) => isHostDeclarationFile(info, d.getSourceFile()))) {
    return true;
  }
  const target =
    ((type as ts.ObjectType).objectFlags & ts.ObjectFlags.Reference) !== 0 ? ((type as ts.TypeReference).target as ts.Type) : type;
  if (target.isClassOrInterface()) {
    return (info.checker.getBaseTypes(target) ?? []).some((base) => extendsHostType(info, base, names, seen));
  }
  return false;
}

/** The method the call resolves to is declared by the host (not a user's own `on()`), whichever overload it picks. */
function resolvesToHostDeclaration(info: TypeInfo, call: TSESTree.CallExpression): boolean {
  return getAgreedDeclaration(info, call, (declaration) => !!declaration && !ts.isJSDocSignature(declaration) && isHostDeclarationFile(info, declaration.getSourceFile()));
}

/** Whether two event arguments name the same event: equal string literals, or the same constant. */
export function isSameEvent(context: AnyContext, a: ListenerCall, b: ListenerCall): boolean {
  if (a.eventName !== null || b.eventName !== null) return a.eventName === b.eventName;
  return !!a.event && !!b.event && isSameObject(context, a.event, b.event);
}

/**
 * Does `removal` take off the listener `registration` added? Same target, same
 * event, same listener reference (compared by symbol) and, for an `EventTarget`,
 * the same capture flag. `removeAllListeners(event)` / `removeAllListeners()`
 * remove every listener of that event / of every event.
 */
export function removesRegistration(context: AnyContext, registration: ListenerCall, removal: ListenerCall): boolean {
  if (registration.action !== 'add' || removal.action !== 'remove') return false;
  if (!isSameObject(context, registration.target, removal.target)) return false;
  if (removal.method === 'removeAllListeners') {
    return removal.call.arguments.length === 0 || isSameEvent(context, registration, removal);
  }
  if (!isSameEvent(context, registration, removal)) return false;
  if (!registration.listener || !removal.listener || !isSameObject(context, registration.listener, removal.listener)) {
    return false;
  }
  if (registration.targetKind === 'emitter') return true;
  // An unknown capture flag on either side: assume the code matches them.
  return registration.capture === null || removal.capture === null || registration.capture === removal.capture;
}

/** The method that removes a registration's listener: `removeEventListener` or `removeListener`. */
export function removalMethodFor(registration: ListenerCall): 'removeEventListener' | 'removeListener' {
  return registration.targetKind === 'emitter' ? 'removeListener' : 'removeEventListener';
}

/**
 * The function a listener argument is: an inline function, or a function
 * declaration / `const f = () => …` / `const f = function …` it names.
 */
export function getListenerFunction(
  context: AnyContext,
  listener: TSESTree.Node,
): TSESTree.ArrowFunctionExpression | TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | null {
  const node = unwrapExpression(listener);
  if (isFunction(node)) return node;
  if (node.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = resolveVariable(context, node);
  if (!variable || variable.defs.length !== 1) return null;
  const def = variable.defs[0]!;
  if (def.type === 'FunctionName' && def.node.type === AST_NODE_TYPES.FunctionDeclaration) return def.node;
  if (def.type === 'Variable' && def.parent.kind === 'const' && def.node.init) {
    const init = unwrapExpression(def.node.init);
    if (isFunction(init)) return init;
  }
  return null;
}

/**
 * Does the listener take itself off when it runs (its body removes the same
 * listener from the same target for the same event)? Such a listener behaves like
 * `{ once: true }`.
 */
export function listenerRemovesItself(context: AnyContext, registration: ListenerCall): boolean {
  if (!registration.listener) return false;
  const fn = getListenerFunction(context, registration.listener);
  if (!fn) return false;
  let found = false;
  walk(fn.body, (node) => {
    if (found) return false;
    if (node.type === AST_NODE_TYPES.CallExpression) {
      const removal = getListenerRemoval(context, node);
      if (removal && removesRegistration(context, registration, removal)) found = true;
    }
    return !found;
  });
  return found;
}

// ---------------------------------------------------------------- abort listeners

const ADD_METHODS: ReadonlySet<string> = new Set([...EVENT_TARGET_ADD, ...EMITTER_ADD]);

/**
 * A registration for the `'abort'` event (`signal.addEventListener('abort', f)`,
 * `x.once('abort', f)`), by syntax: the event name is what matters, also on a
 * target whose type is unknown. The listener argument, or `null` when it is not one.
 */
function abortRegistrationListener(call: TSESTree.CallExpression): TSESTree.Node | null {
  if (!getMethodCall(call, ADD_METHODS)) return null;
  const [event, listener] = call.arguments;
  if (!event || !listener || event.type !== AST_NODE_TYPES.Literal || event.value !== 'abort') return null;
  return listener;
}

/** `x.onabort = …`: the assignment's target is an `onabort` property. */
function isOnabortTarget(node: TSESTree.Node): boolean {
  return node.type === AST_NODE_TYPES.MemberExpression && getStaticPropertyName(node) === 'onabort';
}

/**
 * Does `fn` run when a signal aborts? It is passed to an `'abort'` registration
 * (inline, or by the name of a function declaration or `const f = () => …`), or
 * assigned to an `onabort` handler.
 */
export function isAbortListener(context: AnyContext, fn: FunctionNode): boolean {
  let result = abortListeners.get(fn);
  if (result === undefined) {
    result = computeIsAbortListener(context, fn);
    abortListeners.set(fn, result);
  }
  return result;
}

const abortListeners = new WeakMap<FunctionNode, boolean>();

function computeIsAbortListener(context: AnyContext, fn: FunctionNode): boolean {
  const { node, parent } = getValueParent(fn);
  if (parent?.type === AST_NODE_TYPES.CallExpression && abortRegistrationListener(parent) === node) return true;
  if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === node && isOnabortTarget(parent.left)) return true;
  let id: TSESTree.Identifier | null = null;
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) id = fn.id;
  else if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) id = parent.id;
  const variable = id && resolveVariable(context, id);
  return !!variable?.references.some((reference) => {
    const use = reference.identifier;
    return use.parent?.type === AST_NODE_TYPES.CallExpression && abortRegistrationListener(use.parent) === use;
  });
}

/** Whether `node` runs inside an abort listener (some function around it is one). */
export function runsInAbortListener(context: AnyContext, node: TSESTree.Node): boolean {
  for (let fn = getEnclosingFunction(node); fn; fn = getEnclosingFunction(fn)) {
    if (isAbortListener(context, fn)) return true;
  }
  return false;
}

/** Whether the code in `root` registers an abort listener or sets an `onabort` handler anywhere. */
export function registersAbortListener(root: TSESTree.Node): boolean {
  let found = false;
  walk(root, (node) => {
    if (found) return false;
    if (node.type === AST_NODE_TYPES.CallExpression && abortRegistrationListener(node)) found = true;
    else if (node.type === AST_NODE_TYPES.AssignmentExpression && isOnabortTarget(node.left)) found = true;
    return !found;
  });
  return found;
}

// ---------------------------------------------------------------- one-shot handlers

/** Events a target fires at most once in its life, per handler property: a WebSocket opens once. */
const ONE_SHOT_HANDLERS: ReadonlyMap<string, ReadonlySet<string>> = new Map([['WebSocket', new Set(['onopen'])]]);

/**
 * Does `fn` run at most once per registration? A `once`/`prependOnceListener`
 * listener, an `addEventListener(…, { once: true })` listener, or the handler of an
 * event the target fires once (`socket.onopen = …` on a host `WebSocket`).
 */
export function isOneShotHandler(context: AnyContext, fn: FunctionNode): boolean {
  const { node, parent } = getValueParent(fn);
  if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments[1] === node) {
    const method = getMethodCall(parent)?.method;
    if (method === 'once' || method === 'prependOnceListener') return true;
    return getListenerRegistration(context, parent)?.once === true;
  }
  if (parent?.type !== AST_NODE_TYPES.AssignmentExpression || parent.right !== node || parent.left.type !== AST_NODE_TYPES.MemberExpression) return false;
  const handler = getStaticPropertyName(parent.left);
  const info = handler && getTypeInfo(context);
  if (!info) return false;
  return nonNullableParts(typeOfNode(info, parent.left.object)).some((part) => {
    const symbol = part.getSymbol();
    const handlers = symbol && ONE_SHOT_HANDLERS.get(symbol.getName());
    return !!handlers?.has(handler) && !!symbol?.getDeclarations()?.some((d) => isHostDeclarationFile(info, d.getSourceFile()));
  });
}

// ---------------------------------------------------------------- alternating events

/** Events that alternate on one target for one pointer, key or focus: an `enter` comes between two `leave`s. */
const ALTERNATING: ReadonlyMap<string, string> = new Map(
  [
    ['pointerenter', 'pointerleave'],
    ['pointerover', 'pointerout'],
    ['mouseenter', 'mouseleave'],
    ['mouseover', 'mouseout'],
    ['focus', 'blur'],
    ['focusin', 'focusout'],
    ['dragenter', 'dragleave'],
    ['pointerdown', 'pointerup'],
    ['mousedown', 'mouseup'],
    ['touchstart', 'touchend'],
    ['keydown', 'keyup'],
  ].flatMap(([a, b]) => [
    [a!, b!],
    [b!, a!],
  ]),
);

/** `target.addEventListener('event', listener)` by syntax (also on a target of unknown type): target, event and listener. */
function addedListener(call: TSESTree.CallExpression): { target: TSESTree.Node; event: string; listener: TSESTree.Node } | null {
  const method = getMethodCall(call, EVENT_TARGET_ADD);
  const [event, listener] = call.arguments;
  if (!method || !listener || event?.type !== AST_NODE_TYPES.Literal || typeof event.value !== 'string') return null;
  return { target: method.object, event: event.value, listener };
}

/**
 * The listeners that run between two runs of `fn`: `fn` is registered on a target
 * for one of two alternating events (`pointerleave`), and these are registered on the
 * same target for the other (`pointerenter`). A release there frees what `fn` stored.
 */
export function getAlternatingListeners(context: AnyContext, fn: FunctionNode): FunctionNode[] {
  const registrations: { target: TSESTree.Node; event: string }[] = [];
  const { node, parent } = getValueParent(fn);
  const own = parent?.type === AST_NODE_TYPES.CallExpression ? addedListener(parent) : null;
  if (own?.listener === node) registrations.push(own);
  const id = parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier ? parent.id : null;
  for (const reference of (id && resolveVariable(context, id)?.references) ?? []) {
    if (reference.init) continue;
    const use = reference.identifier;
    const call = use.parent?.type === AST_NODE_TYPES.CallExpression ? use.parent : null;
    const added = call ? addedListener(call) : null;
    if (added?.listener === use) registrations.push(added);
    // Any other use (called directly, passed on) may run it outside the alternation.
    else if (!(call && call.arguments[1] === use && getMethodCall(call, EVENT_TARGET_REMOVE))) return [];
  }
  if (registrations.length === 0 || registrations.some((r) => !ALTERNATING.has(r.event))) return [];
  const partners: FunctionNode[] = [];
  walk(context.sourceCode.ast, (inner) => {
    if (inner.type !== AST_NODE_TYPES.CallExpression) return true;
    const added = addedListener(inner);
    if (!added) return true;
    const pairs = registrations.some((r) => ALTERNATING.get(r.event) === added.event && isSameObject(context, r.target, added.target));
    const listener = pairs ? getListenerFunction(context, added.listener) : null;
    if (listener) partners.push(listener);
    return true;
  });
  return partners;
}
