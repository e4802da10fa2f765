import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../syntax/node-types';
import ts from 'typescript';

import {
  getEnclosingFunction,
  getEnclosingFunctions,
  getMethodCall,
  isFunction,
  isInside,
  getPropertyName,
  getStaticPropertyName,
  getValueParent,
  unwrapExpression,
  walk,
  type FunctionNode,
} from '../syntax/ast';
import type { AnyContext } from '../syntax/context';
import { mentions } from '../syntax/file-index';
import { isInFinallyBlock } from '../syntax/control-flow';
import { getListenerTargetKind, registersAbortListener, runsInAbortListener } from '../resources/listeners';
import type { Witness, WitnessLink } from '../syntax/evidence';
import { isGuardedEmpty } from '../lifetimes/guards';
import { getAbortCost, getCallWork, getNumericArguments, getSignalBelonging } from './operations';
import { getPlace, isAtPlace, isGlobalReference, resolveVariable, type Place } from '../syntax/references';
import { getResourceOfType } from '../resources/resources';
import { getSignalsInScope, type SignalInScope } from '../resources/signals';
import { getPassedSignalExpression, getSignalSlot, isSignalPassed, type CallLike, type SignalSlot } from '../types/signatures';
import { getCallSignature, getTypeInfo, tsNodeOf, typeOfNode, type TypeInfo } from '../types/type-info';
import { getSignalNamedProperties, isAbortControllerType, isAbortSignalType, isThenableType, isUnknownType, nonNullableParts, SIGNAL_PROPERTY_NAME } from '../types/types';

/** A signal-accepting call that does not get the signal its function has in scope. */
export interface MissingSignal {
  readonly slot: SignalSlot;
  /** The signals in scope at the call, nearest first, that the call could be handed as written there and that belong to its operation. */
  readonly signals: readonly SignalInScope[];
  /** The leak's witness: the call's work outlives the abort of the nearest signal's operation. */
  readonly witness: Witness;
}

/**
 * Is `call` a signal-accepting call (its resolved signature takes an AbortSignal)
 * made where a signal is in scope, that does not pass any signal? The one answer
 * to "does this call miss the in-scope signal", shared by every rule that must
 * not report such a call twice. Quiet (null) for:
 * calls on a signal or controller themselves (`signal.addEventListener('abort', …)`,
 * `controller.abort()`, `AbortSignal.any(…)`); calls that run after abort on purpose
 * (inside an `'abort'` listener or `onabort` handler, or in a `finally` block: cleanup);
 * `addEventListener` on a target the function created itself (`new WebSocket(…)`) or
 * whose listener the function removes itself; and without type information.
 * Cheap first: the signals in scope (cached per function) and which of them the call
 * could be handed as written there (syntax), then the callee's declared signatures,
 * before the call's resolved signature and the types of its arguments.
 */
export function getMissingSignal(context: AnyContext, call: CallLike): MissingSignal | null {
  const info = getTypeInfo(context);
  if (!info || !getEnclosingFunction(call)) return null;
  const inScope = getSignalsInScope(context, call);
  if (inScope.length === 0) return null;
  if (runsAfterAbort(context, call) || handsOverSignal(context, call, inScope)) return null;
  const signals = usableSignals(context, call, inScope);
  if (signals.length === 0) return null;
  const slot = getSignalSlot(info, call);
  if (!slot || isSignalPassed(call, slot) || isCallOnSignalOrController(context, info, call)) return null;
  if (carriesSignal(info, call, slot) || isManagedListener(context, call) || isStoppedByHand(context, call)) return null;
  if (!mayKeepRunning(context, info, call) || needsMoreThanSignal(info, call, slot)) return null;
  return getMissingSignalWitness(context, info, call, slot, signals);
}

/**
 * The witness of a missing signal (README, "Evidence"): the work the call starts
 * keeps running after the abort of the operation the signal belongs to. No witness
 * when the slot means another signal than those in scope (`requestSignal` is not the
 * handler's `signal`), when no signal in scope belongs to the operation that makes
 * the call, when the function hands the signal to the same callee elsewhere (the
 * author chose where it goes), or when the call does no work a signal could stop.
 */
function getMissingSignalWitness(
  context: AnyContext,
  info: TypeInfo,
  call: CallLike,
  slot: SignalSlot,
  inScope: readonly SignalInScope[],
): MissingSignal | null {
  const slotName = getSlotName(info, call, slot);
  const belonging = new Map<SignalInScope, WitnessLink>();
  for (const signal of inScope) {
    if (!slotMeans(slotName, signal)) continue;
    const belongs = getSignalBelonging(context, signal, call);
    if (belongs) belonging.set(signal, belongs);
  }
  const signals = inScope.filter((signal) => belonging.has(signal));
  const nearest = signals[0];
  if (!nearest || handsSameCalleeTheSignal(context, call, nearest)) return null;
  const work = getCallWork(info, call, slot);
  if (!work) return null;
  const witness: Witness = {
    resource: 'call',
    start: call,
    end: nearest.source === 'controller' || nearest.source === 'local' ? `\`${nearest.text}\` aborts` : "the caller's abort",
    links: [belonging.get(nearest)!, work, getAbortCost(context, info, nearest, call, getNumericArguments(info, call))],
  };
  return { slot, signals, witness };
}

/** A signal slot's name: the options property (`signal`, `requestSignal`) or the parameter's name. */
function getSlotName(info: TypeInfo, call: CallLike, slot: SignalSlot): string {
  if (slot.kind === 'options') return slot.property;
  return getCallSignature(info, call)?.getParameters()[slot.index]?.getName() ?? 'signal';
}

/**
 * Does a slot of this name take this signal? `signal` and `abortSignal` take the
 * operation's signal, whatever its name; a slot named for another signal
 * (`requestSignal`, `idleSignal`) takes only the signal of that name.
 */
function slotMeans(slotName: string, signal: SignalInScope): boolean {
  if (!/^\w+Signal$/.test(slotName) || /^(?:abort)?signal$/i.test(slotName)) return true;
  const name = signal.source === 'property' ? signal.property : signal.source === 'controller' ? 'signal' : signal.variable.name;
  return name === slotName;
}

/**
 * Elsewhere in the signal's function the same callee gets the signal: the author
 * decided which call carries it (`signal ? send(m, { signal }) : send(m)` in another spelling).
 */
function handsSameCalleeTheSignal(context: AnyContext, call: CallLike, signal: SignalInScope): boolean {
  const callee = context.sourceCode.getText(call.callee);
  let found = false;
  walk(signal.fn, (node) => {
    if (found) return false;
    if ((node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.NewExpression) && node !== call) {
      if (
        context.sourceCode.getText(node.callee) === callee &&
        areAlternatives(call, node) &&
        node.arguments.some((argument) => mentionsSignal(context, argument, signal))
      ) {
        found = true;
      }
    }
    return !found;
  });
  return found;
}

/** `a` and `b` sit in the two branches of one `if`/`else` or `?:`: at most one of them runs. */
function areAlternatives(a: TSESTree.Node, b: TSESTree.Node): boolean {
  for (let current = a.parent; current; current = current.parent) {
    if (!isInside(b, current)) continue;
    if (current.type !== AST_NODE_TYPES.IfStatement && current.type !== AST_NODE_TYPES.ConditionalExpression) return false;
    const branches = [current.consequent, current.alternate];
    return branches.some((x) => x && isInside(a, x)) && branches.some((x) => x && isInside(b, x)) && !branches.some((x) => x && isInside(a, x) && isInside(b, x));
  }
  return false;
}

/** The expression mentions the signal (or its options object), directly or through a local const made from it. */
function mentionsSignal(context: AnyContext, expression: TSESTree.Node, signal: SignalInScope, depth = 0): boolean {
  let found = false;
  walk(expression, (node) => {
    if (found || isFunction(node)) return false;
    if (node.type !== AST_NODE_TYPES.Identifier) return true;
    const variable = resolveVariable(context, node);
    if (variable === signal.variable) found = true;
    else if (variable && depth < 2) {
      const def = variable.defs[0];
      if (def?.type === 'Variable' && def.parent.kind === 'const' && def.node.init && !isInside(node, def.node)) {
        found = mentionsSignal(context, def.node.init, signal, depth + 1);
      }
    }
    return !found;
  });
  return found;
}

/** A signal passed to a call that is new and not linked to the caller's signal in scope. */
export interface UnlinkedSignal {
  readonly slot: SignalSlot;
  /** The argument (or `signal:` value) that holds the new signal. */
  readonly expression: TSESTree.Node;
  /** The caller's signals in scope (parameters, destructured options, `opts.signal`), nearest first. */
  readonly signals: readonly SignalInScope[];
}

/**
 * Does `call` pass a *fresh* signal (`AbortSignal.timeout(ms)`, `new
 * AbortController().signal`, or a local const holding one) where the function was
 * handed a signal by its caller, without deriving it from that signal? Only the
 * caller's signals count (parameters, destructured options, `opts.signal`): a
 * function's own controller is its own business.
 */
export function getUnlinkedSignal(context: AnyContext, call: CallLike): UnlinkedSignal | null {
  const info = getTypeInfo(context);
  if (!info || !namesSignalGlobals(context) || !getEnclosingFunction(call) || !mentionsFreshSignal(context, call)) return null;
  const callerSignals = getSignalsInScope(context, call).filter(
    (signal) => signal.source === 'parameter' || signal.source === 'destructured' || signal.source === 'property',
  );
  if (callerSignals.length === 0) return null;
  const slot = getSignalSlot(info, call);
  const expression = slot && getPassedSignalExpression(call, slot);
  if (!slot || !expression || !isFreshSignal(context, info, expression)) return null;
  if (runsAfterAbort(context, call) || isCallOnSignalOrController(context, info, call)) return null;
  const signals = usableSignals(context, call, callerSignals);
  if (signals.length === 0) return null;
  return { slot, expression, signals };
}

/** `AbortSignal.timeout(ms)`, `new AbortController().signal`, or a local const initialised with one of them. */
function isFreshSignal(context: AnyContext, info: TypeInfo, expression: TSESTree.Node): boolean {
  const value = freshSignalShape(context, expression);
  return value !== null && isAbortSignalType(info, typeOfNode(info, value));
}

/**
 * Syntax only: `AbortSignal.timeout(…)`, `new AbortController().signal` on the unshadowed
 * globals, or a local const initialised with one of them; the expression that makes it.
 */
function freshSignalShape(context: AnyContext, expression: TSESTree.Node): TSESTree.Node | null {
  let value = unwrapExpression(expression);
  if (value.type === AST_NODE_TYPES.Identifier) {
    const variable = resolveVariable(context, value);
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (def?.type !== 'Variable' || def.parent.kind !== 'const' || def.node.id.type !== AST_NODE_TYPES.Identifier || !def.node.init) return null;
    value = unwrapExpression(def.node.init);
  }
  const isGlobal = (node: TSESTree.Node, name: string) =>
    node.type === AST_NODE_TYPES.Identifier && node.name === name && isGlobalReference(context, node);
  if (value.type === AST_NODE_TYPES.CallExpression) {
    const callee = unwrapExpression(value.callee);
    const isTimeout = callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && getStaticPropertyName(callee) === 'timeout' && isGlobal(callee.object, 'AbortSignal');
    return isTimeout ? value : null;
  }
  if (value.type === AST_NODE_TYPES.MemberExpression) {
    const object = unwrapExpression(value.object);
    return object.type === AST_NODE_TYPES.NewExpression && isGlobal(object.callee, 'AbortController') ? value : null;
  }
  return null;
}

/** A fresh signal's shape names the global `AbortSignal` or `AbortController`: a file whose text names neither has none. */
const namesSignalGlobals = mentions(/\bAbort(?:Signal|Controller)\b/);

/** Syntax only: some argument (or property of an object literal argument) is a fresh signal. */
function mentionsFreshSignal(context: AnyContext, call: CallLike): boolean {
  return call.arguments.some((argument) => {
    const value = unwrapExpression(argument);
    if (value.type !== AST_NODE_TYPES.ObjectExpression) return freshSignalShape(context, value) !== null;
    return value.properties.some((property) => property.type === AST_NODE_TYPES.Property && freshSignalShape(context, property.value) !== null);
  });
}

/**
 * `signal.addEventListener(…)`, `opts.signal?.throwIfAborted()`, `controller.abort()`,
 * `AbortSignal.any([...])`, `AbortSignal.timeout(ms)`: calls on a signal or controller
 * (or on the host's `AbortSignal`/`AbortController` constructors) are how signals are
 * handled, not calls that should get one.
 */
export function isCallOnSignalOrController(context: AnyContext, info: TypeInfo, call: CallLike): boolean {
  if (call.type !== AST_NODE_TYPES.CallExpression) return false;
  const method = getMethodCall(call);
  if (!method) return false;
  const object = unwrapExpression(method.object);
  if (
    object.type === AST_NODE_TYPES.Identifier &&
    (object.name === 'AbortSignal' || object.name === 'AbortController') &&
    isGlobalReference(context, object)
  ) {
    return true;
  }
  const type = typeOfNode(info, method.object);
  return isAbortSignalType(info, type) || isAbortControllerType(info, type);
}

/**
 * Code that runs after abort on purpose, so handing it the signal would defeat it:
 * an `'abort'` listener (inline, or a named handler registered as one), an
 * `onabort = …` handler, or a `finally` block (cleanup).
 */
export function runsAfterAbort(context: AnyContext, node: TSESTree.Node): boolean {
  if (runsInAbortListener(context, node) || isInFinallyBlock(node)) return true;
  return getEnclosingFunctions(node).some((fn) => isCleanupFunction(fn));
}

/** Names of functions that tear work down (`cancel()` of a ReadableStream source, `dispose`, `onAbort`...). */
const CLEANUP_NAMES = /^(?:cancel|abort|close|destroy|dispose|cleanup|cleanUp|teardown|tearDown|unsubscribe|stop|on[Aa]bort|on[Cc]ancel|on[Cc]lose)$/;

/** A method, property function or named function whose name says it tears down (`cancel() {…}`). */
function isCleanupFunction(fn: FunctionNode): boolean {
  const parent = fn.parent;
  let key: TSESTree.Node | null = null;
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) key = fn.id;
  else if (parent?.type === AST_NODE_TYPES.MethodDefinition || parent?.type === AST_NODE_TYPES.Property) {
    key = parent.computed ? null : parent.key;
  } else if (parent?.type === AST_NODE_TYPES.VariableDeclarator) key = parent.id;
  return key?.type === AST_NODE_TYPES.Identifier && CLEANUP_NAMES.test(key.name);
}

/**
 * Syntax only, before any type: an argument hands a signal in scope over, so the call
 * gets it in its slot or carries it in another argument (see `carriesSignal`): a
 * spread, the signal (`signal`, `opts.signal`, `ac.signal`), the object it comes from
 * (`opts`, `ac`), an object literal that spreads it or has it as `signal` (also when
 * kept in a const first), or what a call that got it produced (the body of a `fetch`
 * that was given the signal).
 */
function handsOverSignal(context: AnyContext, call: CallLike, signals: readonly SignalInScope[], depth = 0): boolean {
  const isSignalVariable = (node: TSESTree.Node): boolean => {
    const value = unwrapExpression(node);
    const root =
      value.type === AST_NODE_TYPES.MemberExpression && SIGNAL_PROPERTY_NAME.test(getStaticPropertyName(value) ?? '') ? unwrapExpression(value.object) : value;
    if (root.type !== AST_NODE_TYPES.Identifier) return false;
    const variable = resolveVariable(context, root);
    return !!variable && signals.some((signal) => signal.variable === variable);
  };
  // `pipeline(res.body, out)` after `const res = await fetch(url, { signal })`: already bound to it.
  const isFromSignalledCall = (node: TSESTree.Node): boolean => {
    let root = unwrapExpression(node);
    while (root.type === AST_NODE_TYPES.MemberExpression) root = unwrapExpression(root.object);
    if (root.type !== AST_NODE_TYPES.Identifier || depth > 0) return false;
    const def = resolveVariable(context, root)?.defs[0];
    if (def?.type !== 'Variable' || def.parent.kind !== 'const' || !def.node.init) return false;
    let init = unwrapExpression(def.node.init);
    if (init.type === AST_NODE_TYPES.AwaitExpression) init = unwrapExpression(init.argument);
    return (init.type === AST_NODE_TYPES.CallExpression || init.type === AST_NODE_TYPES.NewExpression) && handsOverSignal(context, init, signals, depth + 1);
  };
  const isCarryingObject = (node: TSESTree.Node): boolean =>
    node.type === AST_NODE_TYPES.ObjectExpression &&
    node.properties.some((property) =>
      property.type === AST_NODE_TYPES.SpreadElement
        ? isSignalVariable(property.argument)
        : SIGNAL_PROPERTY_NAME.test(getPropertyName(property) ?? '') && isSignalVariable(property.value),
    );
  // `const merged = { ...defaults, ...options }; send(args, merged)`: the options, merged first.
  const isMergedOptions = (node: TSESTree.Node): boolean => {
    if (node.type !== AST_NODE_TYPES.Identifier) return false;
    const def = resolveVariable(context, node)?.defs[0];
    return def?.type === 'Variable' && def.parent.kind === 'const' && !!def.node.init && isCarryingObject(unwrapExpression(def.node.init));
  };
  return call.arguments.some((argument) => {
    if (argument.type === AST_NODE_TYPES.SpreadElement || isSignalVariable(argument) || isFromSignalledCall(argument)) return true;
    const value = unwrapExpression(argument);
    return isCarryingObject(value) || isMergedOptions(value);
  });
}

/**
 * An argument that carries a signal of its own: a `Request` (`fetchFn(request)`),
 * an options object typed with a `signal`, or a signal in another position.
 */
function carriesSignal(info: TypeInfo, call: CallLike, slot: SignalSlot): boolean {
  return call.arguments.some((argument, index) => {
    if (index === slot.index) return false;
    if (argument.type === AST_NODE_TYPES.SpreadElement) return true;
    const type = typeOfNode(info, argument);
    if (isAbortSignalType(info, type)) return true;
    return nonNullableParts(type).some((part) =>
      getSignalNamedProperties(part).some((property) => isAbortSignalType(info, info.checker.getTypeOfSymbolAtLocation(property, tsNodeOf(info, argument)))),
    );
  });
}

/**
 * The call's result is kept in a variable that code running on abort (an `'abort'`
 * listener, an `onabort` handler) or in a `finally` block stops by hand:
 * `const child = spawn(…); signal.addEventListener('abort', () => child.kill())`.
 */
function isStoppedByHand(context: AnyContext, call: CallLike): boolean {
  const { node, parent } = getValueParent(call);
  let id: TSESTree.Node | null = null;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === node) id = parent.id;
  else if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === node) id = parent.left;
  else if (parent?.type === AST_NODE_TYPES.AwaitExpression) return false;
  if (id?.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = resolveVariable(context, id);
  if (!variable) return false;
  if (variable.references.some((reference) => reference.isRead() && runsAfterAbort(context, reference.identifier))) {
    return true;
  }
  // `let child = spawn(…)` stopped by a helper (`const stop = () => child.kill()`) that the
  // function wires to an `'abort'` event somewhere: abort is handled by hand.
  const stopped = variable.references.some((reference) => {
    const member = getValueParent(reference.identifier).parent;
    return (
      member?.type === AST_NODE_TYPES.MemberExpression &&
      !member.computed &&
      member.property.type === AST_NODE_TYPES.Identifier &&
      STOP_METHODS.has(member.property.name) &&
      member.parent.type === AST_NODE_TYPES.CallExpression &&
      member.parent.callee === member
    );
  });
  return stopped && registersAbortListener(getEnclosingFunctions(call).at(-1)!);
}

const STOP_METHODS: ReadonlySet<string> = new Set(['kill', 'abort', 'destroy', 'close', 'cancel', 'terminate', 'dispose', 'unsubscribe']);

/**
 * Can the call's work outlive the function's interest in it? Host APIs (DOM lib,
 * `@types/node`) are taken at their word. Other functions must return something
 * that runs or lives on: a promise, an async iterable, a resource (timer,
 * disposable, closeable...), or nothing at all (registration-style, like
 * `subscribe(handler, { signal })`). A synchronous helper that takes a
 * request-options bag and returns plain data (`formatOf({ body })`) does not.
 * A synchronous result stored into an object (`init.body = toStream(…)`,
 * `this.collection = new Collection(…)`) belongs to that object.
 */
function mayKeepRunning(context: AnyContext, info: TypeInfo, call: CallLike): boolean {
  const tsCall = tsNodeOf(info, call) as ts.CallExpression | ts.NewExpression;
  const type = typeOfNode(info, call);
  const thenable = isThenableType(type);
  if (!thenable) {
    const { node, parent } = getValueParent(call);
    if (
      parent?.type === AST_NODE_TYPES.AssignmentExpression &&
      parent.right === node &&
      parent.left.type === AST_NODE_TYPES.MemberExpression
    ) {
      return false;
    }
    if (parent?.type === AST_NODE_TYPES.Property && parent.value === node) return false;
  }
  const file = getCallSignature(info, call)?.declaration?.getSourceFile();
  if (file && (info.program.isSourceFileDefaultLibrary(file) || file.fileName.replace(/\\/g, '/').includes('/@types/node/'))) {
    // A host value made only to read it (`new Request(url).url`, `new URL(…).href`) does no work.
    const { node, parent } = getValueParent(call);
    const onlyRead = call.type === AST_NODE_TYPES.NewExpression && parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === node;
    return !onlyRead || thenable || getListenerTargetKind(info, type) !== null || getResourceOfType(context, info, type, tsCall, { acquired: true }) !== null;
  }
  if (isUnknownType(type)) return false;
  if (thenable || (type.flags & (ts.TypeFlags.Void | ts.TypeFlags.Undefined)) !== 0) return true;
  const asyncIterable = nonNullableParts(type).some((part) =>
    part.getProperties().some((property) => String(property.escapedName).startsWith('__@asyncIterator@')),
  );
  return asyncIterable || getResourceOfType(context, info, type, tsCall, { acquired: true }) !== null;
}

/**
 * With no argument in the options slot, a signal alone must make a valid options
 * object: a bag that also requires other properties (a full request description)
 * is not one the caller can hand a signal to.
 */
function needsMoreThanSignal(info: TypeInfo, call: CallLike, slot: SignalSlot): boolean {
  if (slot.kind !== 'options' || call.arguments[slot.index]) return false;
  const tsCall = tsNodeOf(info, call) as ts.CallExpression | ts.NewExpression;
  const parameter = getCallSignature(info, call)?.getParameters()[slot.index];
  if (!parameter) return false;
  const type = info.checker.getNonNullableType(info.checker.getTypeOfSymbolAtLocation(parameter, tsCall));
  const parts = type.isUnion() ? type.types : [type];
  return !parts.some(
    (part) =>
      !!part.getProperty(slot.property) &&
      part.getProperties().every((property) => property.getName() === slot.property || (property.flags & ts.SymbolFlags.Optional) !== 0),
  );
}

/**
 * `target.addEventListener(type, listener)` where the listener's life is already
 * managed without a signal: the target was created by this function (`const ws =
 * new WebSocket(url)`: the listener lives as long as the object), or the function
 * removes the same listener from the same target itself.
 */
function isManagedListener(context: AnyContext, call: CallLike): boolean {
  if (call.type !== AST_NODE_TYPES.CallExpression) return false;
  const method = getMethodCall(call);
  if (method?.method !== 'addEventListener') return false;
  const target = unwrapExpression(method.object);
  if (target.type === AST_NODE_TYPES.Identifier) {
    const def = resolveVariable(context, target)?.defs[0];
    if (def?.type === 'Variable' && def.node.init && unwrapExpression(def.node.init).type === AST_NODE_TYPES.NewExpression) {
      return true;
    }
  }
  const listener = call.arguments[1];
  const listenerPlace = listener && getPlace(context, listener);
  const targetPlace = getPlace(context, target);
  if (!listenerPlace || !targetPlace) return false;
  const functions = getEnclosingFunctions(call);
  const root = functions.at(-1)!;
  let removed = false;
  walk(root, (node) => {
    if (removed) return false;
    if (node.type !== AST_NODE_TYPES.CallExpression) return true;
    const other = getMethodCall(node);
    if (
      other?.method === 'removeEventListener' &&
      node.arguments[1] &&
      isAtPlace(context, other.object, targetPlace) &&
      isAtPlace(context, node.arguments[1], listenerPlace)
    ) {
      removed = true;
    }
    return !removed;
  });
  return removed;
}

/**
 * The signals whose text means the same variable at the call (not shadowed there)
 * and whose declaration is complete before it (a call in `const s = f(...)` cannot
 * pass `s`).
 */
function usableSignals(context: AnyContext, call: CallLike, signals: readonly SignalInScope[]): SignalInScope[] {
  const scope = context.sourceCode.getScope(call);
  return signals.filter((signal) => {
    const def = signal.variable.defs[0];
    if ((signal.source === 'controller' || signal.source === 'local') && def && def.node.range[1] > call.range[0]) {
      return false;
    }
    if (signal.source === 'controller' && abortsControllerHere(signal, call)) return false;
    // A local controller or signal already handed to another call is that call's (a deadline): not this one's.
    if ((signal.source === 'controller' || signal.source === 'local') && isHandedToAnotherCall(signal, call)) return false;
    if (isWhereSignalMissing(context, call, signal)) return false;
    for (let s: typeof scope | null = scope; s; s = s.upper) {
      const found = s.set.get(signal.variable.name);
      if (found) return found === signal.variable;
    }
    return false;
  });
}

/**
 * The call sits where the signal is known to be missing, by a guard on the signal, on
 * the object it comes from, or on a local derived from it: the `else` of `if (signal)`,
 * `options == null ? f(x) : f(x, options)`, after `if (opts) return`. Passing it there
 * passes `undefined`.
 */
function isWhereSignalMissing(context: AnyContext, call: CallLike, signal: SignalInScope): boolean {
  const places: Place[] = [{ root: signal.variable, path: [], node: call }];
  if (signal.source === 'property' || signal.source === 'controller') places.push({ root: signal.variable, path: [signal.property ?? 'signal'], node: call });
  for (const local of derivedLocals(context, signal)) places.push({ root: local, path: [], node: call });
  return places.some((place) => isGuardedEmpty(context, call, place, signal.fn));
}

/** Locals of the signal's function initialised from it (`const opts = signal ? { signal } : undefined`). */
function derivedLocals(context: AnyContext, signal: SignalInScope): TSESLint.Scope.Variable[] {
  const locals: TSESLint.Scope.Variable[] = [];
  for (const reference of signal.variable.references) {
    const declarator = reference.identifier.parent && findDeclarator(reference.identifier);
    if (!declarator || declarator.id.type !== AST_NODE_TYPES.Identifier || declarator.parent.kind !== 'const') continue;
    const variable = resolveVariable(context, declarator.id);
    if (variable && getEnclosingFunction(declarator) === signal.fn) locals.push(variable);
  }
  return locals;
}

function findDeclarator(node: TSESTree.Node): TSESTree.VariableDeclarator | null {
  for (let current: TSESTree.Node | undefined = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.VariableDeclarator) return current;
    if (isFunction(current) || current.type.endsWith('Statement')) return null;
  }
  return null;
}

/** The local signal (or the controller's) is an argument of some other call: `fetch(url, { signal: ac.signal })`. */
function isHandedToAnotherCall(signal: SignalInScope, call: CallLike): boolean {
  return signal.variable.references.some((reference) => {
    if (reference.init) return false;
    let use: TSESTree.Node = reference.identifier;
    const { node, parent } = getValueParent(use);
    if (signal.source === 'controller') {
      if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== node || getStaticPropertyName(parent) !== 'signal') return false;
      use = parent;
    }
    const holder = getValueParent(use);
    const argumentOf =
      holder.parent?.type === AST_NODE_TYPES.Property && holder.parent.value === holder.node ? getValueParent(holder.parent.parent).parent : holder.parent;
    return (argumentOf?.type === AST_NODE_TYPES.CallExpression || argumentOf?.type === AST_NODE_TYPES.NewExpression) && argumentOf !== call && !isInside(argumentOf, call);
  });
}

/**
 * The function around the call aborts this controller itself (a cleanup such as
 * React's `return () => { ac.abort(); … }`): its other calls run on the abort path
 * and must not get the signal being aborted.
 */
function abortsControllerHere(signal: SignalInScope, call: CallLike): boolean {
  const here = getEnclosingFunction(call);
  return signal.variable.references.some((reference) => {
    const member = reference.identifier.parent;
    return (
      member?.type === AST_NODE_TYPES.MemberExpression &&
      member.object === reference.identifier &&
      !member.computed &&
      member.property.type === AST_NODE_TYPES.Identifier &&
      member.property.name === 'abort' &&
      member.parent.type === AST_NODE_TYPES.CallExpression &&
      member.parent.callee === member &&
      getEnclosingFunction(member) === here
    );
  });
}

/** Whether the value of a signal in scope may be `undefined` / `null` (`opts?.signal`, `signal?: AbortSignal`, `RequestInit.signal`). */
export function getSignalNullability(info: TypeInfo, signal: SignalInScope): { undefined: boolean; null: boolean } {
  if (signal.source === 'controller') return { undefined: false, null: false };
  const name = signal.variable.defs[0]?.name;
  if (!name) return { undefined: true, null: true };
  let type = typeOfNode(info, name);
  const result = { undefined: false, null: false };
  if (signal.source === 'property') {
    if (signal.text.includes('?.')) result.undefined = true;
    const owner = info.checker.getNonNullableType(type);
    const property = owner.getProperty(signal.property ?? 'signal');
    if (!property) return { undefined: true, null: true };
    type = info.checker.getTypeOfSymbolAtLocation(property, tsNodeOf(info, name));
  }
  const flags = nullishFlags(type);
  return { undefined: result.undefined || flags.undefined, null: flags.null };
}

/** Which nullish values a type admits (`any`/`unknown` admit both). */
export function nullishFlags(type: ts.Type): { undefined: boolean; null: boolean } {
  if (isUnknownType(type)) return { undefined: true, null: true };
  const parts = type.isUnion() ? type.types : [type];
  return {
    undefined: parts.some((part) => (part.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Void)) !== 0),
    null: parts.some((part) => (part.flags & ts.TypeFlags.Null) !== 0),
  };
}

/**
 * Which nullish values the call's signal slot admits: the parameter (positional,
 * `undefined` also when optional) or the options' `signal` property (`undefined`
 * also when optional; over every member of an options union). Null when the
 * checker cannot say.
 */
export function getSignalSlotNullability(info: TypeInfo, call: CallLike, slot: SignalSlot): { undefined: boolean; null: boolean } | null {
  const tsCall = tsNodeOf(info, call) as ts.CallExpression | ts.NewExpression;
  const parameter = getCallSignature(info, call)?.getParameters()[slot.index];
  if (!parameter) return null;
  const declaration = parameter.valueDeclaration as ts.ParameterDeclaration | undefined;
  const type = info.checker.getTypeOfSymbolAtLocation(parameter, tsCall);
  if (slot.kind === 'positional') {
    const flags = nullishFlags(type);
    return { undefined: flags.undefined || !!declaration?.questionToken || !!declaration?.initializer, null: flags.null };
  }
  let found = false;
  const result = { undefined: false, null: false };
  const options = info.checker.getNonNullableType(type);
  for (const part of options.isUnion() ? options.types : [options]) {
    const property = part.getProperty(slot.property);
    if (!property) continue;
    found = true;
    const flags = nullishFlags(info.checker.getTypeOfSymbolAtLocation(property, tsCall));
    result.undefined ||= flags.undefined || (property.flags & ts.SymbolFlags.Optional) !== 0;
    result.null ||= flags.null;
  }
  return found ? result : null;
}

/** Whether `signal` as written can go into the call's slot without a new type error (nullability is what differs). */
export function canPassSignal(info: TypeInfo, call: CallLike, slot: SignalSlot, signal: SignalInScope): boolean {
  const accepts = getSignalSlotNullability(info, call, slot);
  if (!accepts) return false;
  const value = getSignalNullability(info, signal);
  return (!value.undefined || accepts.undefined) && (!value.null || accepts.null);
}

/** Whether `undefined` may be passed for each missing parameter before `index` of the call's resolved signature. */
export function canSkipArgumentsBefore(info: TypeInfo, call: CallLike, index: number): boolean {
  const tsCall = tsNodeOf(info, call) as ts.CallExpression | ts.NewExpression;
  const parameters = getCallSignature(info, call)?.getParameters() ?? [];
  for (let i = call.arguments.length; i < index; i++) {
    const parameter = parameters[i];
    if (!parameter) return false;
    const declaration = parameter.valueDeclaration as ts.ParameterDeclaration | undefined;
    if (declaration?.questionToken || declaration?.initializer) continue;
    if (!nullishFlags(info.checker.getTypeOfSymbolAtLocation(parameter, tsCall)).undefined) return false;
  }
  return true;
}
