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
import { resolveVariable } from '../syntax/references';
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
export function mayTakeCallback(call: TSESTree.CallExpression): boolean {
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

function computeSubscriptionCall(context: AnyContext, call: TSESTree.CallExpression): SubscriptionRelease | null {
  if (!mayTakeCallback(call)) return null;
  const name = getCalleeName(call);
  if (name !== null && (HOOK_NAME.test(name) || NEVER_SUBSCRIPTIONS.has(name))) return null;
  const info = getTypeInfo(context);
  if (!info || !mayReturnCleanup(context, info, call)) return null;
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

// ---------------------------------------------------------------- names that may return a cleanup

/**
 * Syntax of the program's declarations, before any type of the call is asked: is the
 * callee's name declared somewhere (a function, a method, a property or variable of a
 * function type) with a parameter that may take a callback and a return type that may
 * be a cleanup? Declarations returning
 * `void`, `boolean`, `this`, a promise, an array, a primitive or a type parameter are
 * not; unannotated functions (inferred) and type references may be. The callee is named
 * by its property (`store.subscribe` → `subscribe`) or its imported name; a default or
 * namespace import, or a computed callee, is always asked. TypeScript's default libs
 * (the DOM, ES) declare no such call and are not read.
 */
function mayReturnCleanup(context: AnyContext, info: TypeInfo, call: TSESTree.CallExpression): boolean {
  const callee = unwrapExpression(call.callee);
  let name: string | null = null;
  if (callee.type === AST_NODE_TYPES.MemberExpression) name = callee.computed ? null : getMemberName(callee);
  else if (callee.type === AST_NODE_TYPES.Identifier) {
    const def = resolveVariable(context, callee)?.defs[0];
    if (def?.type === 'ImportBinding') {
      if (def.node.type !== AST_NODE_TYPES.ImportSpecifier) return true;
      name = def.node.imported.type === AST_NODE_TYPES.Identifier ? def.node.imported.name : def.node.imported.value;
    } else name = callee.name;
  }
  return name === null || declaresCleanupName(info.program, name);
}

/**
 * Does the program declare `name` in a way that may return a cleanup? Each file's
 * names are read once (for every program it is in, while it is unchanged), and the
 * files that declare each name are indexed by file name, so a program's answer for a
 * name looks only at those files, not at a union of every file's names.
 */
function declaresCleanupName(program: ts.Program, name: string): boolean {
  let answers = programAnswers.get(program);
  if (!answers) {
    for (const file of program.getSourceFiles()) {
      // The host's own libs declare no call that takes a callback and returns a cleanup.
      if (!program.isSourceFileDefaultLibrary(file)) getFileCleanupNames(file);
    }
    programAnswers.set(program, (answers = new Map()));
  }
  let answer = answers.get(name);
  if (answer === undefined) {
    answer = false;
    // A file name may point at an older version of the file: its program's version decides.
    for (const fileName of filesDeclaring.get(name) ?? []) {
      const file = program.getSourceFile(fileName);
      if (file && !program.isSourceFileDefaultLibrary(file) && getFileCleanupNames(file).has(name)) {
        answer = true;
        break;
      }
    }
    answers.set(name, answer);
  }
  return answer;
}

const programAnswers = new WeakMap<ts.Program, Map<string, boolean>>();
const fileNames = new WeakMap<ts.SourceFile, ReadonlySet<string>>();
/** For each name, the files (by name, of any version read) that declare it as a possible cleanup. */
const filesDeclaring = new Map<string, Set<string>>();

function getFileCleanupNames(file: ts.SourceFile): ReadonlySet<string> {
  let names = fileNames.get(file);
  if (!names) {
    names = collectCleanupNames(file);
    fileNames.set(file, names);
    for (const name of names) {
      let files = filesDeclaring.get(name);
      if (!files) filesDeclaring.set(name, (files = new Set()));
      files.add(file.fileName);
    }
  }
  return names;
}

function collectCleanupNames(file: ts.SourceFile): ReadonlySet<string> {
  const names = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (IS_DECLARATION_KIND[node.kind] === 1) {
      const name = (node as { name?: ts.Node }).name;
      if (name && (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isPrivateIdentifier(name)) && declaresPossibleCleanup(file, node)) {
        names.add(name.text);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return names;
}

const DECLARATION_KINDS: ReadonlySet<ts.SyntaxKind> = new Set([
  ts.SyntaxKind.FunctionDeclaration,
  ts.SyntaxKind.MethodDeclaration,
  ts.SyntaxKind.MethodSignature,
  ts.SyntaxKind.FunctionExpression,
  ts.SyntaxKind.PropertySignature,
  ts.SyntaxKind.PropertyDeclaration,
  ts.SyntaxKind.VariableDeclaration,
  ts.SyntaxKind.Parameter,
  ts.SyntaxKind.PropertyAssignment,
]);

/** `DECLARATION_KINDS` by kind, for the visit of every node of every file of a program. */
const IS_DECLARATION_KIND = new Uint8Array(Math.max(...DECLARATION_KINDS) + 1);
for (const kind of DECLARATION_KINDS) IS_DECLARATION_KIND[kind] = 1;

function declaresPossibleCleanup(file: ts.SourceFile, node: ts.Node): boolean {
  if (ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isMethodSignature(node) || ts.isFunctionExpression(node)) {
    return mayTakeCallbackParameter(node.parameters, file) && (node.type ? mayBeCleanupType(node.type, node) : !file.isDeclarationFile);
  }
  if (ts.isPropertySignature(node) || ts.isPropertyDeclaration(node) || ts.isVariableDeclaration(node) || ts.isParameter(node) || ts.isPropertyAssignment(node)) {
    const annotation = (node as { type?: ts.TypeNode }).type;
    if (annotation) {
      return ts.isFunctionTypeNode(annotation)
        ? mayTakeCallbackParameter(annotation.parameters, file) && mayBeCleanupType(annotation.type, annotation)
        : mayBeCallable(annotation);
    }
    const init = (node as { initializer?: ts.Expression }).initializer;
    if (!init) return !file.isDeclarationFile;
    if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) {
      return mayTakeCallbackParameter(init.parameters, file) && (init.type ? mayBeCleanupType(init.type, init) : true);
    }
    return !(ts.isLiteralExpression(init) || ts.isObjectLiteralExpression(init) || ts.isArrayLiteralExpression(init) || ts.isNewExpression(init) || ts.isTemplateExpression(init));
  }
  return false;
}

/** Could one of these parameters take a callback? Unannotated (in a source file), a function type, a reference, a type with a call signature. */
function mayTakeCallbackParameter(parameters: ts.NodeArray<ts.ParameterDeclaration>, file: ts.SourceFile): boolean {
  return parameters.some((parameter) => {
    if (!parameter.type) return !file.isDeclarationFile && !parameter.dotDotDotToken;
    return !parameter.dotDotDotToken && mayBeFunctionType(parameter.type);
  });
}

function mayBeFunctionType(type: ts.TypeNode): boolean {
  if (ts.isParenthesizedTypeNode(type)) return mayBeFunctionType(type.type);
  if (ts.isUnionTypeNode(type) || ts.isIntersectionTypeNode(type)) return type.types.some(mayBeFunctionType);
  if (ts.isFunctionTypeNode(type)) return true;
  if (ts.isTypeLiteralNode(type)) return type.members.some((member) => ts.isCallSignatureDeclaration(member));
  if (ts.isTypeReferenceNode(type)) {
    const name = type.typeName;
    return !NOT_CLEANUP_TYPES.has(ts.isIdentifier(name) ? name.text : name.right.text);
  }
  return ts.isTypeQueryNode(type) || ts.isIndexedAccessTypeNode(type) || ts.isImportTypeNode(type) || ts.isConditionalTypeNode(type) || ts.isMappedTypeNode(type);
}

/** Type references that are never a cleanup. */
const NOT_CLEANUP_TYPES: ReadonlySet<string> = new Set([
  'Promise', 'PromiseLike', 'Array', 'ReadonlyArray', 'Map', 'Set', 'WeakMap', 'WeakSet', 'ReadonlyMap', 'ReadonlySet', 'Record', 'Date', 'RegExp', 'Error',
  'Iterable', 'IterableIterator', 'Iterator', 'AsyncIterable', 'AsyncIterableIterator', 'AsyncIterator', 'Generator', 'AsyncGenerator', 'Buffer', 'Uint8Array', 'ArrayBuffer',
]);

/** Could a value of this declared type (a return type) be a cleanup? */
function mayBeCleanupType(type: ts.TypeNode, declaration: ts.Node): boolean {
  switch (type.kind) {
    case ts.SyntaxKind.ParenthesizedType:
      return mayBeCleanupType((type as ts.ParenthesizedTypeNode).type, declaration);
    case ts.SyntaxKind.UnionType:
    case ts.SyntaxKind.IntersectionType:
      return (type as ts.UnionTypeNode).types.some((part) => mayBeCleanupType(part, declaration));
    case ts.SyntaxKind.FunctionType: {
      const fn = type as ts.FunctionTypeNode;
      return fn.parameters.every((p) => !!p.questionToken || !!p.initializer || !!p.dotDotDotToken) && mayBeVoid(fn.type);
    }
    case ts.SyntaxKind.TypeLiteral:
      return (type as ts.TypeLiteralNode).members.some((member) => {
        const name = member.name && ts.isIdentifier(member.name) ? member.name.text : '';
        return (RELEASE_METHODS as readonly string[]).includes(name) || ts.isCallSignatureDeclaration(member);
      });
    case ts.SyntaxKind.TypeReference: {
      const name = (type as ts.TypeReferenceNode).typeName;
      const text = ts.isIdentifier(name) ? name.text : name.right.text;
      return !NOT_CLEANUP_TYPES.has(text) && !isTypeParameterName(text, declaration);
    }
    case ts.SyntaxKind.TypeQuery:
    case ts.SyntaxKind.ConditionalType:
    case ts.SyntaxKind.IndexedAccessType:
    case ts.SyntaxKind.MappedType:
    case ts.SyntaxKind.ImportType:
    case ts.SyntaxKind.ExpressionWithTypeArguments:
      return true;
    default:
      return false; // keywords, literals, arrays, tuples, `this`, type predicates
  }
}

function mayBeVoid(type: ts.TypeNode): boolean {
  return type.kind === ts.SyntaxKind.VoidKeyword || type.kind === ts.SyntaxKind.UndefinedKeyword || ts.isTypeReferenceNode(type) || ts.isUnionTypeNode(type);
}

/** A property of a callable type: a function type or a type reference (`onDidChange: Event<T>`). */
function mayBeCallable(type: ts.TypeNode): boolean {
  if (ts.isParenthesizedTypeNode(type)) return mayBeCallable(type.type);
  if (ts.isUnionTypeNode(type) || ts.isIntersectionTypeNode(type)) return type.types.some(mayBeCallable);
  if (ts.isTypeLiteralNode(type)) return type.members.some((member) => ts.isCallSignatureDeclaration(member));
  return ts.isTypeReferenceNode(type) || ts.isTypeQueryNode(type) || ts.isIndexedAccessTypeNode(type) || ts.isImportTypeNode(type);
}

/** A type parameter of the declaration or of a declaration around it (`<T>(f: T) => T`, `Array<T>.find`). */
function isTypeParameterName(name: string, declaration: ts.Node): boolean {
  for (let node: ts.Node | undefined = declaration; node; node = node.parent) {
    const parameters = (node as { typeParameters?: ts.NodeArray<ts.TypeParameterDeclaration> }).typeParameters;
    if (parameters?.some((parameter) => parameter.name.text === name)) return true;
  }
  return false;
}
