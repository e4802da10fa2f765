import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../syntax/node-types';
import ts from 'typescript';

import { getEnclosingFunction, getMemberName, getMethodCall, getPropertyName, getStaticPropertyName, getValueParent, isFunction, unwrapExpression, walk, type FunctionNode } from '../syntax/ast';
import type { AnyContext } from '../syntax/context';
import { isSameObject, resolveVariable } from '../syntax/references';
import { getAgreedDeclaration } from '../types/signatures';
import { getTypeInfo, tsNodeOf, typeOfNode, type TypeInfo } from '../types/type-info';
import { isAbortSignalType, isHostDeclarationFile, isUnknownType, nonNullableParts } from '../types/types';

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
  const read = unreadable ? UNREADABLE : readListenerOptions(context, options);
  return {
    call, action, method, target: object, targetKind, event, eventName, listener,
    options, once: read.once, signal: read.signal, capture: read.capture,
  };
}

const UNREADABLE = { once: null, signal: undefined, capture: null } as const;

/**
 * `true`, `{ once: true, signal, capture }`... as far as the code fixes them: literals,
 * and `const`s the code declares with one (`const options = { capture: true }`, `{
 * capture: options.capture }`, a computed key `[key]` of a `const key = 'once'`).
 */
function readListenerOptions(
  context: AnyContext,
  options: TSESTree.Expression | null,
): {
  once: boolean | null;
  signal: TSESTree.Expression | null | undefined;
  capture: boolean | null;
} {
  if (!options) return { once: false, signal: null, capture: false };
  const value = resolveConstValue(context, options, 0);
  if (value.type === AST_NODE_TYPES.Literal && typeof value.value === 'boolean') {
    return { once: false, signal: null, capture: value.value };
  }
  if (value.type === AST_NODE_TYPES.Identifier && value.name === 'undefined') return { once: false, signal: null, capture: false };
  if (value.type !== AST_NODE_TYPES.ObjectExpression) return UNREADABLE;
  let once: boolean | null = false;
  let signal: TSESTree.Expression | null | undefined = null;
  let capture: boolean | null = false;
  for (const property of value.properties) {
    if (property.type === AST_NODE_TYPES.SpreadElement) return UNREADABLE;
    const key = property.computed ? constString(context, property.key) : getPropertyName(property);
    if (key === null) return UNREADABLE;
    const propertyValue = unwrapExpression(property.value);
    if (key === 'once') once = constBoolean(context, propertyValue);
    else if (key === 'capture') capture = constBoolean(context, propertyValue);
    else if (key === 'signal') {
      signal = propertyValue.type === AST_NODE_TYPES.Identifier && propertyValue.name === 'undefined' ? null : (property.value as TSESTree.Expression);
    }
  }
  return { once, signal, capture };
}

/**
 * The expression a value comes from, through `const` declarations the code wrote and
 * never reassigns (`options` → `{ capture: true }`, `options.capture` → `true`); the
 * value itself otherwise.
 */
function resolveConstValue(context: AnyContext, expression: TSESTree.Node, depth: number): TSESTree.Node {
  const value = unwrapExpression(expression);
  if (depth > 3) return value;
  if (value.type === AST_NODE_TYPES.Identifier) {
    const variable = resolveVariable(context, value);
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (def?.type !== 'Variable' || def.parent.kind !== 'const' || def.node.id.type !== AST_NODE_TYPES.Identifier || !def.node.init) return value;
    return resolveConstValue(context, def.node.init, depth + 1);
  }
  if (value.type === AST_NODE_TYPES.MemberExpression) {
    const name = getStaticPropertyName(value);
    const object = name === null ? null : resolveConstValue(context, value.object, depth + 1);
    if (object?.type !== AST_NODE_TYPES.ObjectExpression) return value;
    const property = object.properties.find(
      (p): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property && !p.computed && getPropertyName(p) === name,
    );
    // A spread may define the key too: only a literal object without one is certain.
    if (!property || object.properties.some((p) => p.type === AST_NODE_TYPES.SpreadElement)) return value;
    return resolveConstValue(context, property.value, depth + 1);
  }
  return value;
}

/** A boolean literal, or a `const` the code declares with one; `null` when unknown. */
function constBoolean(context: AnyContext, expression: TSESTree.Node): boolean | null {
  const value = resolveConstValue(context, expression, 0);
  if (value.type === AST_NODE_TYPES.Literal && typeof value.value === 'boolean') return value.value;
  return null;
}

/** A string literal (or a template without substitutions), or a `const` the code declares with one. */
function constString(context: AnyContext, expression: TSESTree.Node): string | null {
  const value = resolveConstValue(context, expression, 0);
  if (value.type === AST_NODE_TYPES.Literal && typeof value.value === 'string') return value.value;
  if (value.type === AST_NODE_TYPES.TemplateLiteral && value.expressions.length === 0) return value.quasis[0]?.value.cooked ?? null;
  return null;
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

/**
 * Two calls of the code's own function with the same arguments (`getEl()` and
 * `getEl()`): they may return the same object, and an author who observes one and
 * unobserves (or adds to one and removes from) the other means them to be one, so
 * nothing proves the contrary. Not the host's functions, which may make a new object
 * on every call (`matchMedia(q)`, `createElement(tag)`).
 */
export function isRepeatedLookup(context: AnyContext, a: TSESTree.Node, b: TSESTree.Node): boolean {
  const first = unwrapExpression(a);
  const second = unwrapExpression(b);
  if (first.type !== AST_NODE_TYPES.CallExpression || second.type !== AST_NODE_TYPES.CallExpression) return false;
  if (first.arguments.length !== second.arguments.length || !isSameObject(context, first.callee, second.callee)) return false;
  const sameArguments = first.arguments.every((argument, index) => {
    const other = second.arguments[index]!;
    const x = unwrapExpression(argument);
    const y = unwrapExpression(other);
    if (x.type === AST_NODE_TYPES.Literal && y.type === AST_NODE_TYPES.Literal) return x.value === y.value;
    return isSameObject(context, x, y);
  });
  const info = sameArguments ? getTypeInfo(context) : null;
  return !!info && !getAgreedDeclaration(info, first, (declaration) => !declaration || isHostDeclarationFile(info, declaration.getSourceFile()));
}

/** Whether two event arguments name the same event: equal string literals, or the same constant. */
export function isSameEvent(context: AnyContext, a: ListenerCall, b: ListenerCall): boolean {
  if (a.eventName !== null || b.eventName !== null) return a.eventName === b.eventName;
  return !!a.event && !!b.event && isSameValue(context, a.event, b.event);
}

/**
 * Do two expressions denote the same value? The same object (by symbol), or the same
 * element of one list in two loops over it: `for (const [event, handler] of events)
 * add(event, handler)` and `events.forEach(([e, h]) => remove(e, h))` add and remove
 * each element's pair.
 */
function isSameValue(context: AnyContext, a: TSESTree.Node, b: TSESTree.Node): boolean {
  if (isSameObject(context, a, b)) return true;
  if (isStoredIn(context, a, b) || isStoredIn(context, b, a)) return true;
  const elementA = getIterationElement(context, a);
  const elementB = elementA && getIterationElement(context, b);
  return !!elementB && elementA!.path === elementB.path && isSameObject(context, elementA!.list, elementB.list);
}

/**
 * Is `stored` (a `const` the code declares) kept in the property that `read` reads,
 * compared by the property's declared symbol (type-aware)? `state.listeners.onMove =
 * onMove` in one method, `remove(…, state.listeners.onMove)` in another, through a
 * parameter of the same type: the removal takes off the listener the code stored there.
 */
function isStoredIn(context: AnyContext, stored: TSESTree.Node, read: TSESTree.Node): boolean {
  const value = unwrapExpression(stored);
  const member = unwrapExpression(read);
  if (value.type !== AST_NODE_TYPES.Identifier || member.type !== AST_NODE_TYPES.MemberExpression || member.computed) return false;
  const variable = resolveVariable(context, value);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (!variable || def?.type !== 'Variable' || def.parent.kind !== 'const') return false;
  const info = getTypeInfo(context);
  const symbol = info && info.checker.getSymbolAtLocation(tsNodeOf(info, member.property));
  if (!info || !symbol) return false;
  return variable.references.some((reference) => {
    const { node, parent } = getValueParent(reference.identifier);
    if (parent?.type !== AST_NODE_TYPES.AssignmentExpression || parent.right !== node || parent.operator !== '=') return false;
    const left = parent.left;
    return left.type === AST_NODE_TYPES.MemberExpression && !left.computed && info.checker.getSymbolAtLocation(tsNodeOf(info, left.property)) === symbol;
  });
}

/**
 * The list and the position in its element that a loop variable stands for: `event` in
 * `for (const event of events)` or `events.forEach((event) => …)` is `events`' element
 * (path `''`), `handler` in `for (const [event, handler] of events)` its `1`. `null` for
 * anything else, and for a loop variable the loop body reassigns.
 */
function getIterationElement(context: AnyContext, expression: TSESTree.Node): { list: TSESTree.Node; path: string } | null {
  const node = unwrapExpression(expression);
  if (node.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = resolveVariable(context, node);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (!variable || !def || variable.references.some((reference) => reference.isWrite() && !reference.init)) return null;
  let pattern: TSESTree.Node | undefined;
  let list: TSESTree.Node | null = null;
  if (def.type === 'Variable' && def.parent.parent?.type === AST_NODE_TYPES.ForOfStatement && def.parent.parent.left === def.parent && !def.parent.parent.await) {
    pattern = def.node.id;
    list = def.parent.parent.right;
  } else if (def.type === 'Parameter' && isFunction(def.node) && def.node.params[0]) {
    const call = def.node.parent;
    const callee = call?.type === AST_NODE_TYPES.CallExpression && call.arguments[0] === def.node ? unwrapExpression(call.callee) : null;
    if (callee?.type === AST_NODE_TYPES.MemberExpression && getMemberName(callee) === 'forEach') {
      pattern = def.node.params[0];
      list = callee.object;
    }
  }
  const path = pattern && list ? pathTo(pattern, def.name) : null;
  return path === null ? null : { list: list!, path };
}

/** Where `name` sits in a binding pattern: `''` for the pattern itself, `1` for `[, name]`, `k` for `{ k: name }`. */
function pathTo(pattern: TSESTree.Node, name: TSESTree.Node): string | null {
  if (pattern === name) return '';
  if (pattern.type === AST_NODE_TYPES.ArrayPattern) {
    for (const [index, element] of pattern.elements.entries()) {
      const inner = element && pathTo(element, name);
      if (inner !== null && inner !== undefined) return `${index}${inner ? `.${inner}` : ''}`;
    }
  } else if (pattern.type === AST_NODE_TYPES.ObjectPattern) {
    for (const property of pattern.properties) {
      if (property.type !== AST_NODE_TYPES.Property) continue;
      const key = getPropertyName(property);
      const inner = key === null ? null : pathTo(property.value, name);
      if (inner !== null) return `${key}${inner ? `.${inner}` : ''}`;
    }
  }
  return null;
}

/**
 * Does `removal` take off the listener `registration` added? Same target, same
 * event, same listener reference (compared by symbol) and, for an `EventTarget`,
 * the same capture flag. `removeAllListeners(event)` / `removeAllListeners()`
 * remove every listener of that event / of every event.
 */
export function removesRegistration(context: AnyContext, registration: ListenerCall, removal: ListenerCall): boolean {
  if (registration.action !== 'add' || removal.action !== 'remove') return false;
  if (!isSameObject(context, registration.target, removal.target) && !isRepeatedLookup(context, registration.target, removal.target)) return false;
  if (removal.method === 'removeAllListeners') {
    return removal.call.arguments.length === 0 || isSameEvent(context, registration, removal);
  }
  if (!isSameEvent(context, registration, removal)) return false;
  if (!registration.listener || !removal.listener || !isSameValue(context, registration.listener, removal.listener)) {
    return false;
  }
  if (registration.targetKind === 'emitter') return true;
  // An unknown capture flag on either side: assume the code matches them.
  return registration.capture === null || removal.capture === null || registration.capture === removal.capture;
}

/**
 * Does the code try to remove this listener and fail? A removal from the same target
 * for the same event whose listener is a function written in the call: a new function,
 * which was never added, so the removal takes nothing off.
 */
export function isRemovalOfNewFunction(context: AnyContext, registration: ListenerCall, removal: ListenerCall): boolean {
  if (registration.action !== 'add' || removal.action !== 'remove' || removal.method === 'removeAllListeners' || !removal.listener) return false;
  return isFunction(unwrapExpression(removal.listener)) && isSameObject(context, registration.target, removal.target) && isSameEvent(context, registration, removal);
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
