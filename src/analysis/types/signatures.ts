import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../syntax/node-types';
import ts from 'typescript';

import { getPropertyName, isUndefinedLiteral, unwrapExpression } from '../syntax/ast';
import { getCallSignature, getResolvableCallee, tsNodeOf, typeOfNode, type TypeInfo } from './type-info';
import { acceptsAbortSignal, getSignalNamedProperties, isArrayType, nonNullableParts, SIGNAL_PROPERTY_NAME } from './types';

export type CallLike = TSESTree.CallExpression | TSESTree.NewExpression;

/** Where a call's resolved signature takes an AbortSignal. */
export type SignalSlot =
  | {
      /** `f(signal)`: a parameter of AbortSignal type at `index`. */
      readonly kind: 'positional';
      readonly index: number;
      readonly optional: boolean;
    }
  | {
      /** `f(x, { signal })`: an options parameter at `index` whose object type has a signal property. */
      readonly kind: 'options';
      readonly index: number;
      readonly optional: boolean;
      /** Whether `undefined` may stand in for the parameters before `index`. */
      readonly skippedAcceptUndefined: boolean;
      /** The options property that takes the signal: `signal`, `abortSignal`… */
      readonly property: string;
    };

const slotCache = new WeakMap<TSESTree.Node, SignalSlot | null>();

/**
 * Does this call's resolved signature (the overload the checker picked) take an
 * AbortSignal, positionally or as `options.signal`? The answer is cached per node.
 */
export function getSignalSlot(info: TypeInfo, node: CallLike): SignalSlot | null {
  if (slotCache.has(node)) return slotCache.get(node)!;
  const slot = computeSignalSlot(info, node);
  slotCache.set(node, slot);
  return slot;
}

function computeSignalSlot(info: TypeInfo, node: CallLike): SignalSlot | null {
  // Cheap filter first: the callee's declared signatures, before the checker resolves
  // this call's overload (inference, contextual typing: the costly part). A callee
  // with one signature and no type parameters of its own is the resolved one, as is
  // one whose type parameters leave the parameters' types closed.
  const declared = getDeclaredSignatures(info, node);
  if (!declared.some((signature) => mayTakeSignal(info, signature))) return null;
  const tsCall = tsNodeOf(info, node) as ts.CallExpression | ts.NewExpression;
  const single = declared.length === 1 ? declared[0]! : undefined;
  const only = single && (!single.getTypeParameters()?.length || !hasOpenParameters(info, single)) ? single : undefined;
  const signature = only ?? getCallSignature(info, node);
  if (!signature) return null;
  const parameters = signature.getParameters();
  for (let index = 0; index < parameters.length; index++) {
    const parameter = parameters[index]!;
    const declaration = parameter.valueDeclaration as ts.ParameterDeclaration | undefined;
    if (declaration?.dotDotDotToken) break;
    const type = info.checker.getTypeOfSymbolAtLocation(parameter, tsCall);
    const optional = isOptionalParameter(declaration, type);
    if (acceptsAbortSignal(info, type)) return { kind: 'positional', index, optional };
    const property = getOptionalSignalProperty(info, type, tsCall);
    if (property) {
      const skippedAcceptUndefined = parameters.slice(0, index).every((previous, i) => {
        if (i < node.arguments.length) return true;
        const previousType = info.checker.getTypeOfSymbolAtLocation(previous, tsCall);
        return isOptionalParameter(previous.valueDeclaration as ts.ParameterDeclaration | undefined, previousType);
      });
      return { kind: 'options', index, optional, skippedAcceptUndefined, property };
    }
  }
  return null;
}

/**
 * The type a call or `new` produces: from the callee's declared signature when it has
 * exactly one without type parameters and its return type is not `this` (then the
 * checker need not check the arguments to resolve it), else the checker's type of
 * the whole call.
 */
export function getCallResultType(info: TypeInfo, node: CallLike, declared: readonly ts.Signature[] = getDeclaredSignatures(info, node)): ts.Type {
  const only = declared.length === 1 && !declared[0]!.getTypeParameters()?.length ? declared[0] : undefined;
  const returned = only?.getReturnType();
  if (returned && !(returned.flags & ts.TypeFlags.TypeParameter)) return returned;
  return info.checker.getTypeAtLocation(tsNodeOf(info, node));
}

/**
 * What a call or `new` may produce, read from the callee's declared signatures
 * (`getDeclaredSignatures`) without resolving the call: each declared return type
 * (awaited, for `await f()`), or `null` when there is none or one of them is not
 * closed (`isUninstantiatedType`: open, or mapped, in any part). The overload the
 * checker picks returns one of these, instantiated, and instantiating a closed type
 * does not change which members it has: when none of them is what a question looks
 * for, neither is the call's type, and the costly part (inference over the arguments)
 * is spared.
 */
export function getDeclaredResultTypes(info: TypeInfo, declared: readonly ts.Signature[], { awaited }: { awaited: boolean }): readonly ts.Type[] | null {
  if (declared.length === 0) return null;
  const results: ts.Type[] = [];
  for (const signature of declared) {
    const returned = signature.getReturnType();
    const result = awaited ? info.checker.getAwaitedType(returned) : returned;
    if (!result || isUninstantiatedType(result)) return null;
    results.push(result);
  }
  return results;
}

/**
 * The callee's declared call (or construct) signatures: each part's, when it may be
 * `undefined` (`c?.get(…)`) or is a union of functions. None for a callee of unknown type.
 */
export function getDeclaredSignatures(info: TypeInfo, node: CallLike): readonly ts.Signature[] {
  const construct = node.type === AST_NODE_TYPES.NewExpression || node.callee.type === AST_NODE_TYPES.Super;
  const parts = nonNullableParts(typeOfNode(info, getResolvableCallee(info, node)));
  return parts.flatMap((part) => (construct ? part.getConstructSignatures() : part.getCallSignatures()));
}

/**
 * Whether a parameter's declared type is open: a type parameter (or built from one
 * at its top: an indexed access, a conditional type...) that only the call's
 * inference can fill in. Types that merely carry type arguments (`Options<T>`) are
 * not: their properties are known.
 */
function hasOpenParameters(info: TypeInfo, signature: ts.Signature): boolean {
  return signature.getParameters().some((parameter) => isOpenType(info.checker.getTypeOfSymbol(parameter)));
}

const OPEN_TYPE_FLAGS =
  ts.TypeFlags.TypeParameter | ts.TypeFlags.IndexedAccess | ts.TypeFlags.Conditional | ts.TypeFlags.Substitution | ts.TypeFlags.Index;

/**
 * Could this declared signature take a signal? A parameter (before a rest parameter)
 * that passes the slot test as declared, or whose declared type is open (a type
 * parameter, or built from one: only the resolved call can tell). A closed declared
 * type is the resolved one, so the filter asks the same question as the slot: a
 * required `signal` of an interface (`BaseQueryApi`) is no options slot here either,
 * and the costly overload resolution is skipped.
 */
function mayTakeSignal(info: TypeInfo, signature: ts.Signature): boolean {
  for (const parameter of signature.getParameters()) {
    const declaration = parameter.valueDeclaration as ts.ParameterDeclaration | undefined;
    if (declaration?.dotDotDotToken) return false;
    if (mayCarrySignal(info, info.checker.getTypeOfSymbol(parameter))) return true;
  }
  return false;
}

const carriesCache = new WeakMap<ts.Type, boolean>();

function mayCarrySignal(info: TypeInfo, type: ts.Type): boolean {
  let result = carriesCache.get(type);
  if (result === undefined) {
    result = computeMayCarrySignal(info, type);
    carriesCache.set(type, result);
  }
  return result;
}

function computeMayCarrySignal(info: TypeInfo, type: ts.Type): boolean {
  // A type parameter takes what its argument is (`<T>(o: T)`): only its constraint can ask for a signal.
  if (type.flags & ts.TypeFlags.TypeParameter) {
    const constraint = info.checker.getBaseConstraintOfType(type);
    return !!constraint && constraint !== type && !(constraint.flags & ts.TypeFlags.Unknown) && mayCarrySignal(info, constraint);
  }
  if (type.flags & OPEN_TYPE_FLAGS) return true;
  if (type.isUnionOrIntersection()) return type.types.some((part) => mayCarrySignal(info, part));
  if (!(type.flags & ts.TypeFlags.Object)) return false;
  // A generic type (`Options<T>`, a mapped type over a type parameter) may gain one when instantiated.
  if (isMappedType(type)) return true;
  return (
    acceptsAbortSignal(info, type) ||
    getSignalNamedProperties(type).some((property) => {
      const propertyType = info.checker.getTypeOfSymbol(property);
      return isOptionsSignalProperty(type, property) && (acceptsAbortSignal(info, propertyType) || isOpenType(propertyType));
    })
  );
}

/** A type the call's inference fills in: a type parameter or built from one at its top (an indexed access, a conditional type...). */
function isOpenType(type: ts.Type): boolean {
  return (type.flags & OPEN_TYPE_FLAGS) !== 0 || (type.isUnionOrIntersection() && type.types.some(isOpenType));
}

/** A signal property the caller may hand a signal to: optional (`signal?:`), or any of a type literal. */
function isOptionsSignalProperty(owner: ts.Type, property: ts.Symbol): boolean {
  return (property.flags & ts.SymbolFlags.Optional) !== 0 || ((owner.getSymbol()?.flags ?? 0) & ts.SymbolFlags.TypeLiteral) !== 0;
}

/**
 * An options bag: some object constituent (also of a union with a string, such as
 * `fs`'s `encoding | { encoding, signal }`) has a signal property (`signal`,
 * `abortSignal`…) that can take an AbortSignal and that the caller may leave out
 * (`signal?:`), or a type literal that requires one. A `Request`'s own `readonly
 * signal` does not make `fetch`'s first parameter an options bag. Its name, or `null`.
 */
function getOptionalSignalProperty(info: TypeInfo, type: ts.Type, location: ts.Node): string | null {
  for (const part of nonNullableParts(type)) {
    if (!(part.flags & ts.TypeFlags.Object) && !part.isIntersection()) continue;
    for (const property of getSignalNamedProperties(part)) {
      if (!acceptsAbortSignal(info, info.checker.getTypeOfSymbolAtLocation(property, location))) continue;
      if (isOptionsSignalProperty(part, property)) return property.getName();
    }
  }
  return null;
}

function isOptionalParameter(declaration: ts.ParameterDeclaration | undefined, type: ts.Type): boolean {
  if (declaration && (declaration.questionToken || declaration.initializer)) return true;
  const parts = type.isUnion() ? type.types : [type];
  const undefinedLike = ts.TypeFlags.Undefined | ts.TypeFlags.Void | ts.TypeFlags.Any | ts.TypeFlags.Unknown;
  return parts.some((part) => (part.flags & undefinedLike) !== 0);
}

/**
 * Was a signal passed in that slot? Yes when the argument is there and is not the
 * literal `undefined`; for options, an object literal with the signal property or a
 * spread, or any value that may carry one (a variable, a call, a capture flag: stay
 * quiet) — not a string (`readFile(path, 'utf8')` for `encoding | { encoding, signal }`).
 */
export function isSignalPassed(node: CallLike, slot: SignalSlot): boolean {
  const args = node.arguments;
  if (args.slice(0, slot.index + 1).some((arg) => arg.type === AST_NODE_TYPES.SpreadElement)) return true;
  const argument = args[slot.index];
  if (!argument) return false;
  const value = unwrapExpression(argument);
  if (isUndefinedLiteral(value)) return false;
  if (slot.kind === 'positional') return true;
  if ((value.type === AST_NODE_TYPES.Literal && typeof value.value === 'string') || (value.type === AST_NODE_TYPES.TemplateLiteral && value.expressions.length === 0)) {
    return false;
  }
  if (value.type !== AST_NODE_TYPES.ObjectExpression) return true;
  return value.properties.some(
    (property) => property.type === AST_NODE_TYPES.SpreadElement || property.computed || getPropertyName(property) === slot.property,
  );
}

/** The argument carrying the signal, when one was passed explicitly (`{ signal: X }` → X, positional → the argument). */
export function getPassedSignalExpression(node: CallLike, slot: SignalSlot): TSESTree.Node | null {
  const argument = node.arguments[slot.index];
  if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) return null;
  if (slot.kind === 'positional') return argument;
  const value = unwrapExpression(argument);
  if (value.type !== AST_NODE_TYPES.ObjectExpression) return null;
  for (const property of value.properties) {
    if (property.type === AST_NODE_TYPES.Property && getPropertyName(property) === slot.property) return property.value;
  }
  return null;
}

/**
 * For an options slot given a literal (`readFile(path, 'utf8')` for `encoding |
 * { encoding, signal }`): the one property of the options object type, besides the
 * signal's, whose type takes that literal (`encoding`), or `null`.
 */
export function getLiteralOptionKey(info: TypeInfo, call: CallLike, slot: SignalSlot, argument: TSESTree.Node): string | null {
  if (slot.kind !== 'options') return null;
  const tsCall = tsNodeOf(info, call) as ts.CallExpression | ts.NewExpression;
  const parameter = getCallSignature(info, call)?.getParameters()[slot.index];
  if (!parameter) return null;
  const literal = info.checker.getTypeAtLocation(tsNodeOf(info, argument));
  const assignable = (info.checker as { isTypeAssignableTo?: (a: ts.Type, b: ts.Type) => boolean }).isTypeAssignableTo;
  if (!assignable) return null;
  for (const part of nonNullableParts(info.checker.getTypeOfSymbolAtLocation(parameter, tsCall))) {
    if (!part.getProperty(slot.property)) continue;
    const takes = part
      .getProperties()
      .filter((property) => property.getName() !== slot.property)
      .map((property) => ({ name: property.getName(), type: info.checker.getTypeOfSymbolAtLocation(property, tsCall) }))
      .filter(({ type }) => assignable.call(info.checker, literal, type));
    // A property that takes any string (`flag: string | number`) takes the literal by accident.
    const stringType = (info.checker as { getStringType?: () => ts.Type }).getStringType?.();
    const narrow = stringType ? takes.filter(({ type }) => !assignable.call(info.checker, stringType, type)) : takes;
    return narrow.length === 1 ? narrow[0]!.name : null;
  }
  return null;
}

/**
 * The declaration the call resolves to, when it does not matter which overload the
 * checker picks: the one declaration `pick` gives every declared signature, else
 * the resolved signature's. Spares resolving a call (inference, contextual typing of
 * its callbacks) to learn where its callee was declared.
 */
export function getAgreedDeclaration<T>(info: TypeInfo, node: CallLike, pick: (declaration: ts.SignatureDeclaration | undefined) => T): T {
  const declared = getDeclaredSignatures(info, node);
  if (declared.length > 0) {
    const first = pick(declared[0]!.getDeclaration() as ts.SignatureDeclaration | undefined);
    if (declared.every((signature) => pick(signature.getDeclaration() as ts.SignatureDeclaration | undefined) === first)) return first;
  }
  return pick(getCallSignature(info, node)?.declaration as ts.SignatureDeclaration | undefined);
}

// ---------------------------------------------------------------- callbacks

/**
 * Could the checker type this parameter of a callback as a signal, or as an object
 * that carries one? Read from what the callee declares for the callback, before the
 * checker types the parameter: typing an unannotated callback parameter infers the
 * whole call around it (`query(async (opts) => …)`, `Effect.fn(function* (request)
 * { … })`), the costliest question of finding the signals in scope. `false` only when
 * every declared signature of the callee gives the parameter a closed type (no type
 * parameter, conditional or mapped type at its top) with no signal-named property and
 * that cannot take an AbortSignal: instantiating such a type cannot add one, so the
 * inferred type would not carry a signal either. `true` wherever only inference can tell.
 */
export function mayCallbackParameterCarrySignal(info: TypeInfo, fn: TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression, index: number): boolean {
  const slot = getCallbackSlot(fn);
  if (!slot) return true;
  const declared = getDeclaredSignatures(info, slot.call);
  if (declared.length === 0) return true;
  return declared.some((signature) => {
    // An overload that needs more arguments than the call has is never the one resolved.
    if (getRequiredArgumentCount(signature) > slot.call.arguments.length) return false;
    const uninferred = getUninferredParameterAnswer(info, signature, slot, fn, index);
    if (uninferred !== undefined) return uninferred;
    const argument = getParameterType(info, signature, slot.index);
    if (argument === undefined) return false;
    if (argument === null) return true;
    // A type parameter this argument alone fills is read through its constraint (below).
    const readable = (typeParameter: ts.Type): boolean => isFilledOnlyAt(signature, typeParameter, slot.index);
    let callback: readonly ts.Type[] | null = [argument];
    for (const key of slot.path) callback = callback && getDeclaredPropertyTypes(info, callback, key, readable);
    return !callback || callback.some((type) => mayParameterOfCarrySignal(info, type, index));
  });
}

function getRequiredArgumentCount(signature: ts.Signature): number {
  let count = 0;
  for (const [i, parameter] of getOwnParameters(signature).entries()) {
    if (!parameter.questionToken && !parameter.initializer && !parameter.dotDotDotToken) count = i + 1;
  }
  return count;
}

/** A signature declaration's parameters, without a `this` parameter. */
function getOwnParameters(signature: ts.Signature): readonly ts.ParameterDeclaration[] {
  const parameters = (signature.getDeclaration() as ts.SignatureDeclaration | undefined)?.parameters ?? [];
  const first = parameters[0];
  return first && ts.isIdentifier(first.name) && first.name.text === 'this' ? parameters.slice(1) : parameters;
}

/**
 * A callback parameter that only the callback could type: the signature declares it
 * as one of its own type parameters (`<Args extends any[]>(body: (...args: Args) => …)`,
 * as `Effect.fn` does), mentioned by no other parameter (`this` included) and by no other type
 * parameter's constraint, with no default; every parameter of the callback is
 * unannotated, and nothing gives the call a contextual type (it is a statement, or the
 * initialiser of an unannotated variable). Inference then has no candidate for it, and
 * the parameter gets the constraint (`any` for the elements of `any[]`), whose answer
 * this is. `undefined` where this does not apply.
 */
function getUninferredParameterAnswer(
  info: TypeInfo,
  signature: ts.Signature,
  slot: { call: CallLike; index: number; path: string[] },
  fn: TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression,
  index: number,
): boolean | undefined {
  if (slot.path.length > 0 || slot.call.typeArguments || fn.params.some((param) => param.type !== AST_NODE_TYPES.Identifier || param.typeAnnotation)) {
    return undefined;
  }
  const declaration = signature.getDeclaration() as ts.SignatureDeclaration | undefined;
  const typeParameters = signature.getTypeParameters();
  const outer = getOwnParameters(signature)[slot.index];
  let callbackType = outer && !outer.dotDotDotToken ? outer.type : undefined;
  while (callbackType && ts.isParenthesizedTypeNode(callbackType)) callbackType = callbackType.type;
  if (!declaration || !typeParameters?.length || !callbackType || !ts.isFunctionTypeNode(callbackType)) return undefined;
  // The callback's own `this` parameter (`(this: Self, ...args: Args) => …`) is not one of its arguments.
  const parameters = callbackType.parameters.filter((parameter) => !ts.isIdentifier(parameter.name) || parameter.name.text !== 'this');
  const last = parameters.at(-1);
  const rest = !!last?.dotDotDotToken && index >= parameters.length - 1;
  const target = rest ? last : index < parameters.length ? parameters[index] : undefined;
  const reference = target?.type;
  if (!reference || !ts.isTypeReferenceNode(reference) || reference.typeArguments || !ts.isIdentifier(reference.typeName)) return undefined;
  const name = reference.typeName.text;
  const typeParameter = typeParameters.find((candidate) => candidate.symbol?.getName() === name);
  const typeParameterDeclaration = typeParameter?.symbol?.declarations?.[0];
  if (!typeParameter || !typeParameterDeclaration || !ts.isTypeParameterDeclaration(typeParameterDeclaration) || typeParameterDeclaration.default) return undefined;
  // Named once, by the callback's type, and by no other parameter or constraint.
  if (!isFilledOnlyBy(declaration, typeParameters, typeParameterDeclaration, outer) || countTypeReferences(callbackType, new Set([name])) !== 1) return undefined;
  const fromConstraint = getConstraintAnswer(info, typeParameterDeclaration, rest);
  if (fromConstraint !== false || hasNoContextualType(slot.call)) return fromConstraint;
  // The call's contextual type (`addTool: Effect.fn(function* (options) …)` in an object the
  // checker types against `Service`) is where inference fills the type parameter from.
  const contextual = info.checker.getContextualType(tsNodeOf(info, slot.call) as ts.Expression);
  return !!contextual && mayParameterOfCarrySignal(info, contextual, index);
}

/**
 * Is this type parameter filled from the argument at `index` alone, so that an object
 * literal written there is typed against its constraint? Not when another parameter
 * (`this` included) mentions it, nor when its constraint names another type parameter
 * of the signature: inference from other arguments could then fill it. A type
 * parameter that is not the signature's own (an enclosing function's) is fixed.
 */
function isFilledOnlyAt(signature: ts.Signature, typeParameter: ts.Type, index: number): boolean {
  const own = signature.getTypeParameters() ?? [];
  if (!own.includes(typeParameter as ts.TypeParameter)) return true;
  const declaration = signature.getDeclaration() as ts.SignatureDeclaration | undefined;
  const typeParameterDeclaration = typeParameter.symbol?.declarations?.[0];
  const parameter = getOwnParameters(signature)[index];
  if (!declaration || !parameter?.type || !typeParameterDeclaration || !ts.isTypeParameterDeclaration(typeParameterDeclaration)) return false;
  return isFilledOnlyBy(declaration, own, typeParameterDeclaration, parameter);
}

/**
 * The one test of both: no parameter of the signature but `parameter` (`this`
 * included: `f<T>(this: T, cb: (o: T) => …)` infers T from the receiver) names the
 * type parameter, and its constraint names none of the signature's type parameters.
 */
function isFilledOnlyBy(
  declaration: ts.SignatureDeclaration,
  typeParameters: readonly ts.TypeParameter[],
  typeParameter: ts.TypeParameterDeclaration,
  parameter: ts.ParameterDeclaration,
): boolean {
  const own = new Set(typeParameters.map((candidate) => candidate.symbol?.getName()));
  if (typeParameter.constraint && countTypeReferences(typeParameter.constraint, own) > 0) return false;
  const name = new Set([typeParameter.name.text]);
  return declaration.parameters.every((other) => other === parameter || !other.type || countTypeReferences(other.type, name) === 0);
}

/** What the type parameter's constraint gives the callback parameter (`any` for the elements of `any[]`). */
function getConstraintAnswer(info: TypeInfo, declaration: ts.TypeParameterDeclaration, rest: boolean): boolean | undefined {
  const constraint = declaration.constraint ? info.checker.getTypeFromTypeNode(declaration.constraint) : undefined;
  if (!constraint) return false; // `unknown`
  if (!rest) return mayBeOrCarrySignal(info, constraint);
  if (!isArrayType(info, constraint)) return undefined;
  const element = info.checker.getTypeArguments(constraint as ts.TypeReference)[0];
  return !!element && mayBeOrCarrySignal(info, element);
}

/** Nothing around the call gives it a contextual type: it is a statement, or the initialiser of an unannotated variable. */
function hasNoContextualType(call: CallLike): boolean {
  const parent = call.parent;
  if (parent.type === AST_NODE_TYPES.ExpressionStatement) return true;
  return parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === call && parent.id.type === AST_NODE_TYPES.Identifier && !parent.id.typeAnnotation;
}

/** How many type references in this type node name one of `names`. */
function countTypeReferences(type: ts.Node, names: ReadonlySet<string | undefined>): number {
  let count = 0;
  const visit = (node: ts.Node): void => {
    if (ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName) && names.has(node.typeName.text)) count++;
    ts.forEachChild(node, visit);
  };
  visit(type);
  return count;
}

/** Where a callback is written: an argument of a call, or a property (at any depth) of an object literal argument. */
function getCallbackSlot(fn: TSESTree.Node): { call: CallLike; index: number; path: string[] } | null {
  const path: string[] = [];
  let node = fn;
  while (node.parent) {
    const parent = node.parent;
    if (parent.type === AST_NODE_TYPES.CallExpression || parent.type === AST_NODE_TYPES.NewExpression) {
      const index = parent.arguments.indexOf(node as TSESTree.CallExpressionArgument);
      if (index < 0 || parent.arguments.slice(0, index).some((argument) => argument.type === AST_NODE_TYPES.SpreadElement)) return null;
      return { call: parent, index, path };
    }
    if (parent.type !== AST_NODE_TYPES.Property || parent.value !== node || parent.kind !== 'init' || parent.parent.type !== AST_NODE_TYPES.ObjectExpression) return null;
    const key = getPropertyName(parent);
    if (key === null) return null;
    path.unshift(key);
    node = parent.parent;
  }
  return null;
}

/**
 * A declared signature's type for its parameter at `index` (a rest parameter's element
 * type); `undefined` where the signature has no such parameter (the callback's is then
 * untyped), `null` where only inference can tell (an open rest type, a tuple).
 */
function getParameterType(info: TypeInfo, signature: ts.Signature, index: number): ts.Type | null | undefined {
  const parameters = signature.getParameters();
  const last = parameters.at(-1);
  const rest = (last?.valueDeclaration as ts.ParameterDeclaration | undefined)?.dotDotDotToken !== undefined;
  if (index < parameters.length - (rest ? 1 : 0)) return info.checker.getTypeOfSymbol(parameters[index]!);
  if (!rest) return undefined;
  const restType = info.checker.getTypeOfSymbol(last!);
  if (isOpenType(restType) || !isArrayType(info, restType)) return null;
  return info.checker.getTypeArguments(restType as ts.TypeReference)[0] ?? null;
}

/**
 * The declared types of the property `key` of these types; `null` where only inference
 * can tell. A type parameter is read through its constraint, which is what the checker
 * gives an object literal written for it as its contextual type (`of<const H extends
 * HandlersFrom<Rpcs>>(handlers: H)`); a mapped type through the property it resolves to,
 * when it has one (a mapped type over an open type has none to read).
 */
function getDeclaredPropertyTypes(info: TypeInfo, types: readonly ts.Type[], key: string, readable: (typeParameter: ts.Type) => boolean): ts.Type[] | null {
  const found: ts.Type[] = [];
  const read = (type: ts.Type, depth: number): boolean => {
    for (const part of nonNullableParts(type)) {
      if (part.flags & ts.TypeFlags.TypeParameter) {
        if (!readable(part)) return false;
        const constraint = info.checker.getBaseConstraintOfType(part);
        if (!constraint || constraint === part || depth > 2 || !read(constraint, depth + 1)) return false;
        continue;
      }
      if (isOpenType(part)) return false;
      const property = part.getProperty(key);
      if (property) found.push(info.checker.getTypeOfSymbol(property));
      else if (isMappedType(part)) return false;
    }
    return true;
  };
  if (!types.every((type) => read(type, 0))) return null;
  return found.length > 0 ? found : null;
}

/** Could the parameter at `index` of a function of this declared type carry a signal? */
function mayParameterOfCarrySignal(info: TypeInfo, type: ts.Type, index: number): boolean {
  return nonNullableParts(type).some((part) => {
    if (isUninstantiatedType(part)) return true;
    return part.getCallSignatures().some((signature) => {
      const parameter = getParameterType(info, signature, index);
      return parameter === null || (parameter !== undefined && mayBeOrCarrySignal(info, parameter));
    });
  });
}

/**
 * A declared type that is, takes or carries a signal, or may once instantiated. A
 * mapped type is read through the properties it resolves to (a schema's `Struct<…>`);
 * one that resolves to none (over an open type, or an index signature) may carry one.
 */
function mayBeOrCarrySignal(info: TypeInfo, type: ts.Type): boolean {
  if (isOpenType(type) || (isMappedType(type) && type.getProperties().length === 0)) return true;
  if (type.isUnionOrIntersection()) return type.types.some((part) => mayBeOrCarrySignal(info, part));
  return acceptsAbortSignal(info, type) || ((type.flags & ts.TypeFlags.Object) !== 0 && getSignalNamedProperties(type).length > 0);
}

/**
 * A declared type whose members only instantiation tells: open (`isOpenType`) or a
 * mapped type, at its top or in a part of a union or intersection
 * (`Response | Partial<T>`). A closed type keeps its members when instantiated.
 */
function isUninstantiatedType(type: ts.Type): boolean {
  return isOpenType(type) || isMappedType(type) || (type.isUnionOrIntersection() && type.types.some(isUninstantiatedType));
}

function isMappedType(type: ts.Type): boolean {
  return (type.flags & ts.TypeFlags.Object) !== 0 && ((type as ts.ObjectType).objectFlags & ts.ObjectFlags.Mapped) !== 0;
}

// ---------------------------------------------------------------- annotations

/** Annotations that can neither be a signal nor carry one: primitives, literals, arrays, tuples, functions, `keyof …`, `object`. */
const NOT_A_SIGNAL_CARRIER: ReadonlySet<ts.SyntaxKind> = new Set([
  ts.SyntaxKind.StringKeyword,
  ts.SyntaxKind.NumberKeyword,
  ts.SyntaxKind.BooleanKeyword,
  ts.SyntaxKind.BigIntKeyword,
  ts.SyntaxKind.SymbolKeyword,
  ts.SyntaxKind.ObjectKeyword,
  ts.SyntaxKind.AnyKeyword,
  ts.SyntaxKind.UnknownKeyword,
  ts.SyntaxKind.NeverKeyword,
  ts.SyntaxKind.VoidKeyword,
  ts.SyntaxKind.UndefinedKeyword,
  ts.SyntaxKind.LiteralType,
  ts.SyntaxKind.TemplateLiteralType,
  ts.SyntaxKind.ArrayType,
  ts.SyntaxKind.TupleType,
  ts.SyntaxKind.TypeOperator,
  ts.SyntaxKind.FunctionType,
  ts.SyntaxKind.ConstructorType,
]);

/**
 * Syntax only: could a value of this annotated type be a signal or carry one? Not a
 * primitive, a literal, an array, a tuple, a function type, `keyof …`, `object`, or a
 * type literal without a signal-named (or `aborted`) member; a type reference, a
 * query, a mapped, indexed or conditional type may.
 */
export function annotationMayCarrySignal(type: ts.TypeNode): boolean {
  if (ts.isParenthesizedTypeNode(type)) return annotationMayCarrySignal(type.type);
  if (ts.isUnionTypeNode(type) || ts.isIntersectionTypeNode(type)) return type.types.some(annotationMayCarrySignal);
  if (ts.isTypeLiteralNode(type)) {
    return type.members.some((member) => {
      const name = member.name && (ts.isIdentifier(member.name) || ts.isStringLiteral(member.name)) ? member.name.text : null;
      return name !== null && (SIGNAL_PROPERTY_NAME.test(name) || name === 'aborted');
    });
  }
  return !NOT_A_SIGNAL_CARRIER.has(type.kind);
}
