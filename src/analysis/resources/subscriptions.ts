/**
 * Subscriptions: calls that take a callback and hand back the way to end what they
 * started — an unsubscribe function (`store.subscribe(render)` → `() => void`) or an
 * object with a zero-argument `unsubscribe()`/`dispose()`/`remove()` (RxJS, VS Code
 * events, React Native listeners). Recognised by the callee's declared signatures,
 * never by its name; and how the code uses a subscription handle it holds.
 */
import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../syntax/node-types';
import ts from 'typescript';

import { getCalleeName, getMemberName, getMethodCall, getValueParent, isFunction, unwrapExpression } from '../syntax/ast';
import type { AnyContext } from '../syntax/context';
import { classifyUse } from './escape';
import { getTypeInfo, tsNodeOf, typeOfNode, type TypeInfo } from '../types/type-info';
import { hasZeroArgMethod, isArrayType, isHostDeclarationFile, isThenableType, isUnknownType, nonNullableParts } from '../types/types';

/** How a subscription is ended: calling the function it returned, or that method of the object. */
export type SubscriptionRelease = { readonly kind: 'function' } | { readonly kind: 'method'; readonly method: 'unsubscribe' | 'dispose' | 'remove' };

const RELEASE_METHODS = ['unsubscribe', 'dispose', 'remove'] as const;

/**
 * Callees that take callbacks but never return a cleanup, by name, skipped before any
 * type is asked (promise continuations, array iteration, timers, scheduling).
 */
const NEVER_SUBSCRIPTIONS: ReadonlySet<string> = new Set([
  'then', 'catch', 'finally',
  'forEach', 'map', 'filter', 'reduce', 'reduceRight', 'some', 'every', 'find', 'findIndex', 'findLast', 'findLastIndex', 'flatMap', 'sort', 'replace', 'replaceAll',
  'setTimeout', 'setInterval', 'setImmediate', 'queueMicrotask', 'requestAnimationFrame', 'requestIdleCallback', 'nextTick',
  'call', 'apply', 'bind', 'push', 'emit', 'resolve', 'reject', 'removeEventListener', 'removeListener', 'off',
]);

/** A React hook by React's naming rule (`useCallback`, `useSyncExternalStore`...): never a subscription call. */
const HOOK_NAME = /^use[A-Z0-9]/;

/**
 * Syntax only, before any type: could an argument be a callback? An inline function,
 * or a reference (`render`, `this.onChange`, `this.onChange.bind(this)`).
 */
function mayTakeCallback(call: TSESTree.CallExpression): boolean {
  return call.arguments.some((argument) => {
    const value = unwrapExpression(argument);
    if (isFunction(value)) return true;
    if (value.type === AST_NODE_TYPES.Identifier) return value.name !== 'undefined';
    if (value.type === AST_NODE_TYPES.MemberExpression) return true;
    return value.type === AST_NODE_TYPES.CallExpression && getMethodCall(value)?.method === 'bind';
  });
}

const cache = new WeakMap<TSESTree.CallExpression, SubscriptionRelease | null>();

/**
 * Is this call a subscription: does it take a callback and return (by its declared
 * signature) a cleanup — a function with no required parameters that returns
 * `void`/`undefined`, or an object with a zero-argument `unsubscribe()`, `dispose()` or
 * `remove()` that is not the host's (an element's `remove()`) and not the receiver
 * itself (a fluent `selection.on(…)`)? Not: thenables, React hooks, calls handed an
 * array to put the handle in (`event(f, this, disposables)`), generic wrappers
 * whose declared return type is (or is built from) a type parameter of a callback
 * (`useCallback`, `once`, `debounce`, `memoize`, `vi.fn`) or is the declared type of
 * one of its parameters, and anything typed `any`/`unknown`. `null` without types.
 */
export function getSubscriptionCall(context: AnyContext, call: TSESTree.CallExpression): SubscriptionRelease | null {
  if (cache.has(call)) return cache.get(call)!;
  const result = computeSubscriptionCall(context, call);
  cache.set(call, result);
  return result;
}

/**
 * Syntax only, before any type: could this call be a subscription? It may take a
 * callback (`mayTakeCallback`), and its callee is neither a React hook nor one of
 * the callback-taking calls that never subscribe (`then`, `map`, `setTimeout`...).
 */
export function maySubscribe(call: TSESTree.CallExpression): boolean {
  if (!mayTakeCallback(call)) return false;
  const name = getCalleeName(call);
  return name === null || !(HOOK_NAME.test(name) || NEVER_SUBSCRIPTIONS.has(name));
}

function computeSubscriptionCall(context: AnyContext, call: TSESTree.CallExpression): SubscriptionRelease | null {
  if (!maySubscribe(call)) return null;
  const info = getTypeInfo(context);
  if (!info) return null;
  const calleeType = info.checker.getTypeAtLocation(tsNodeOf(info, call.callee));
  if (isUnknownType(calleeType)) return null;
  const signatures = nonNullableParts(calleeType).flatMap((part) => part.getCallSignatures());
  if (signatures.length === 0) return null;
  const location = tsNodeOf(info, call);
  let releases = signatures.map((signature) => releaseOfSignature(info, signature, location));
  if (releases.every((release) => release === null)) return null;
  if (signatures.length > 1 && !releases.every((release) => sameRelease(release, releases[0]!))) {
    // Overloads disagree: the one the checker picks decides.
    const resolved = info.checker.getResolvedSignature(location as ts.CallExpression);
    releases = resolved ? [releaseOfSignature(info, resolved, location)] : [null];
  }
  const release = releases[0]!;
  if (!release || !takesCallback(info, call) || collectsHandle(info, call)) return null;
  if (release.kind === 'method' && isFluent(info, call)) return null;
  return release;
}

function sameRelease(a: SubscriptionRelease | null, b: SubscriptionRelease | null): boolean {
  if (!a || !b) return a === b;
  return a.kind === b.kind && (a.kind === 'function' || a.method === (b as typeof a).method);
}

/** The cleanup a signature returns, judged on its declaration (generic wrappers) and its instantiated return type. */
function releaseOfSignature(info: TypeInfo, signature: ts.Signature, location: ts.Node): SubscriptionRelease | null {
  const declaration = signature.getDeclaration() as ts.SignatureDeclaration | undefined;
  if (!declaration || ts.isJSDocSignature(declaration)) return null;
  // The returned type first: most callback-taking calls return nothing that ends anything.
  const release = releaseOfType(info, signature.getReturnType(), location);
  if (!release) return null;
  const declared = info.checker.getSignatureFromDeclaration(declaration);
  return !declared || isWrapperSignature(info, declared) ? null : release;
}

/**
 * `<F>(fn: F) => F`, `<T>(cb: T, deps) => T`, `<F>(f: F, ms) => F & { cancel(): void }`,
 * `<T>(impl?: T) => Mock<T>`, `(h: Handler) => Handler`: what comes back is (made from)
 * what went in, not a cleanup of something started.
 */
function isWrapperSignature(info: TypeInfo, declared: ts.Signature): boolean {
  const returned = declared.getReturnType();
  const topParts = returned.isUnionOrIntersection() ? returned.types : [returned];
  if (topParts.some((part) => (part.flags & ts.TypeFlags.TypeParameter) !== 0)) return true;
  const parameterTypes = declared.getParameters().map((parameter) => info.checker.getTypeOfSymbol(parameter));
  if (parameterTypes.some((type) => type === returned)) return true;
  const mentioned = new Set<ts.Type>();
  collectTypeParameters(info, returned, mentioned, 0);
  if (mentioned.size === 0) return false;
  return parameterTypes.some((type) => {
    const inParameter = new Set<ts.Type>();
    collectTypeParameters(info, type, inParameter, 0);
    return [...inParameter].some((parameter) => mentioned.has(parameter));
  });
}

function collectTypeParameters(info: TypeInfo, type: ts.Type, out: Set<ts.Type>, depth: number): void {
  if (depth > 3) return;
  if (type.flags & ts.TypeFlags.TypeParameter) {
    out.add(type);
    return;
  }
  if (type.isUnionOrIntersection()) {
    for (const part of type.types) collectTypeParameters(info, part, out, depth + 1);
    return;
  }
  for (const argument of type.aliasTypeArguments ?? []) collectTypeParameters(info, argument, out, depth + 1);
  if (type.flags & ts.TypeFlags.Object && ((type as ts.ObjectType).objectFlags & ts.ObjectFlags.Reference) !== 0) {
    for (const argument of info.checker.getTypeArguments(type as ts.TypeReference)) collectTypeParameters(info, argument, out, depth + 1);
  }
  for (const signature of type.getCallSignatures()) {
    collectTypeParameters(info, signature.getReturnType(), out, depth + 1);
    for (const parameter of signature.getParameters()) collectTypeParameters(info, info.checker.getTypeOfSymbol(parameter), out, depth + 1);
  }
}

/** The cleanup a value of this type is: a zero-argument void function, or an object with a release method. */
export function releaseOfType(info: TypeInfo, type: ts.Type, location: ts.Node): SubscriptionRelease | null {
  if (isUnknownType(type) || isThenableType(type)) return null;
  const parts = nonNullableParts(type);
  if (parts.length === 0) return null;
  if (parts.every(isCleanupFunctionType)) return { kind: 'function' };
  if (parts.some((part) => part.getCallSignatures().length > 0)) return null;
  for (const method of RELEASE_METHODS) {
    if (!hasZeroArgMethod(info, type, method, location)) continue;
    const hostDeclared = parts.some((part) =>
      part.getProperty(method)?.getDeclarations()?.some((d) => isHostDeclarationFile(info, d.getSourceFile())),
    );
    return hostDeclared ? null : { kind: 'method', method };
  }
  return null;
}

/** `() => void`, `VoidFunction`, `(force?: boolean) => undefined`: callable with no arguments, returning nothing. */
function isCleanupFunctionType(type: ts.Type): boolean {
  const signatures = type.getCallSignatures();
  if (signatures.length === 0 || type.getConstructSignatures().length > 0) return false;
  return signatures.every((signature) => {
    const returned = signature.getReturnType();
    const voidLike = (returned.isUnion() ? returned.types : [returned]).every(
      (part) => (part.flags & (ts.TypeFlags.Void | ts.TypeFlags.Undefined)) !== 0,
    );
    return (
      voidLike &&
      signature.getParameters().every((parameter) => {
        const declaration = parameter.valueDeclaration as ts.ParameterDeclaration | undefined;
        return !declaration || !!declaration.questionToken || !!declaration.initializer || !!declaration.dotDotDotToken;
      })
    );
  });
}

/** Some argument is a callback: an inline function, or a value of a callable type. */
function takesCallback(info: TypeInfo, call: TSESTree.CallExpression): boolean {
  return call.arguments.some((argument) => {
    const value = unwrapExpression(argument);
    if (isFunction(value)) return true;
    if (argument.type === AST_NODE_TYPES.SpreadElement) return false;
    const type = typeOfNode(info, argument);
    return !isUnknownType(type) && nonNullableParts(type).some((part) => part.getCallSignatures().length > 0);
  });
}

/**
 * `event(listener, thisArgs, this.disposables)`: an argument is an array that the call
 * puts the handle into (VS Code's `Event` signature), so the owner of that array ends it.
 */
function collectsHandle(info: TypeInfo, call: TSESTree.CallExpression): boolean {
  return call.arguments.some((argument) => {
    const value = unwrapExpression(argument);
    if (isFunction(value) || argument.type === AST_NODE_TYPES.SpreadElement || value.type === AST_NODE_TYPES.ArrayExpression) return false;
    const type = typeOfNode(info, argument);
    return !isUnknownType(type) && nonNullableParts(type).some((part) => isArrayType(info, part));
  });
}

/** `selection.on('x', f)` returning `selection` (or its type): a fluent API, not a handle of its own. */
function isFluent(info: TypeInfo, call: TSESTree.CallExpression): boolean {
  const method = getMethodCall(call);
  if (!method) return false;
  const receiver = typeOfNode(info, method.object);
  const result = typeOfNode(info, call);
  if (receiver === result) return true;
  const symbol = (type: ts.Type) => type.aliasSymbol ?? type.getSymbol();
  return !!symbol(result) && symbol(result) === symbol(receiver);
}

/**
 * Operators that end a subscription by themselves or by another's signal
 * (`source.pipe(take(1)).subscribe(f)`, `takeUntil(this.destroyed$)`): the code chose
 * how it ends.
 */
const LIMITING_OPERATORS: ReadonlySet<string> = new Set([
  'take',
  'first',
  'last',
  'single',
  'takeUntil',
  'takeWhile',
  'takeUntilDestroyed',
  'find',
  'findIndex',
  'elementAt',
]);

/** `x.pipe(…, take(1), …).subscribe(f)`: the subscription ends itself (see `LIMITING_OPERATORS`). */
export function isSelfLimitingSubscription(call: TSESTree.CallExpression): boolean {
  const method = getMethodCall(call);
  const source = method && unwrapExpression(method.object);
  if (source?.type !== AST_NODE_TYPES.CallExpression || getMethodCall(source)?.method !== 'pipe') return false;
  return source.arguments.some((argument) => {
    const operator = unwrapExpression(argument);
    return operator.type === AST_NODE_TYPES.CallExpression && LIMITING_OPERATORS.has(getCalleeName(operator) ?? '');
  });
}

/**
 * A read of a held handle that neither ends it nor hands it on nor uses it for
 * something else: a test (`if (sub)`, `sub == null`). A handle whose every read is
 * inert (or that is never read) is lost; any other read (a call, `sub.unsubscribe()`,
 * `return sub`, `list.push(sub)`, `sub.closed`) means the code does something with it.
 */
export function isInertRead(context: AnyContext, read: TSESTree.Node): boolean {
  return classifyUse(context, read).kind === 'test';
}

/** `h()`, `h?.()`, `h.unsubscribe()`, `h?.dispose()`, `h.remove()`, `h.call(…)`. */
export function isReleasingRead(read: TSESTree.Node): boolean {
  const { node, parent } = getValueParent(read);
  if (parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === node) return true;
  if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== node) return false;
  const method = getMemberName(parent);
  const callee = getValueParent(parent);
  return (
    method !== null &&
    [...RELEASE_METHODS, 'call', 'apply'].includes(method) &&
    callee.parent?.type === AST_NODE_TYPES.CallExpression &&
    callee.parent.callee === callee.node
  );
}
