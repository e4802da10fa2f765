import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../syntax/node-types';
import ts from 'typescript';

import { getPropertyName, getValueParent } from '../syntax/ast';
import type { TypeInfo } from './type-info';

/** `any`, `unknown`, or an unresolved type: the checker cannot say, so rules stay quiet. */
export function isUnknownType(type: ts.Type): boolean {
  return (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) !== 0;
}

/** The constituents of a type with `null`/`undefined`/`void` removed. */
export function nonNullableParts(type: ts.Type): ts.Type[] {
  const parts = type.isUnion() ? type.types : [type];
  return parts.filter((part) => (part.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined | ts.TypeFlags.Void)) === 0);
}

/** Whether a type admits `null` or `undefined` (so a fix must use `?.`). */
export function isNullableType(type: ts.Type): boolean {
  if (isUnknownType(type)) return true;
  const parts = type.isUnion() ? type.types : [type];
  return parts.some((part) => (part.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined | ts.TypeFlags.Void)) !== 0);
}

/** Whether a value of this type may be `null` (a timer ref `useRef<number | null>`): host clear functions take `undefined`, not `null`. */
export function mayBeNull(type: ts.Type): boolean {
  const parts = type.isUnion() ? type.types : [type];
  return parts.some((part) => (part.flags & ts.TypeFlags.Null) !== 0);
}

/** An array type (`T[]`, `Array<T>`, `ReadonlyArray<T>`): by the checker, or by the type's name where it does not say. */
export function isArrayType(info: TypeInfo, type: ts.Type): boolean {
  const checker = info.checker as { isArrayType?: (type: ts.Type) => boolean };
  if (checker.isArrayType) return checker.isArrayType(type);
  const name = type.getSymbol()?.getName();
  return name === 'Array' || name === 'ReadonlyArray';
}

/**
 * Is a declaration file the host's: TypeScript's default libs (DOM, ES) or
 * `@types/node` (but not its promise-based `timers/promises`)?
 */
export function isHostDeclarationFile(info: TypeInfo, file: ts.SourceFile): boolean {
  if (info.program.isSourceFileDefaultLibrary(file)) return true;
  const name = file.fileName.replace(/\\/g, '/');
  return /\/typescript\/lib\/lib\.[^/]*\.d\.ts$/.test(name) || (name.includes('/@types/node/') && !name.includes('/timers/promises.d.ts'));
}

/** Whether a type is declared by the host (DOM lib / `@types/node`) under one of `names`, or extends one. */
function isHostNamedType(info: TypeInfo, type: ts.Type, names: ReadonlySet<string>): boolean {
  let answers = hostNamed.get(names);
  if (!answers) hostNamed.set(names, (answers = new WeakMap()));
  let answer = answers.get(type);
  if (answer === undefined) answers.set(type, (answer = isHostNamedTypeOrBase(info, type, names, 0)));
  return answer;
}

/** `isHostNamedType`'s answers for each set of names, by type: a class's bases are read once (the rules ask about the same types). */
const hostNamed = new Map<ReadonlySet<string>, WeakMap<ts.Type, boolean>>();

function isHostNamedTypeOrBase(info: TypeInfo, type: ts.Type, names: ReadonlySet<string>, depth: number): boolean {
  if (depth > 5) return false;
  if (type.isIntersection()) return type.types.some((part) => isHostNamedTypeOrBase(info, part, names, depth + 1));
  const symbol = type.getSymbol() ?? type.aliasSymbol;
  if (!symbol) return false;
  if (names.has(symbol.getName()) && symbol.getDeclarations()?.some((d) => isHostDeclarationFile(info, d.getSourceFile()))) {
    return true;
  }
  if (type.isClassOrInterface()) {
    return (info.checker.getBaseTypes(type) ?? []).some((base) => isHostNamedTypeOrBase(info, base, names, depth + 1));
  }
  return false;
}

const SIGNAL_NAMES: ReadonlySet<string> = new Set(['AbortSignal']);
const CONTROLLER_NAMES: ReadonlySet<string> = new Set(['AbortController']);

/**
 * Is this the type of an AbortSignal (unions with `null`/`undefined` included)?
 * `any`/`unknown` are not: a rule cannot know.
 */
export function isAbortSignalType(info: TypeInfo, type: ts.Type): boolean {
  return isHostTypeInEveryPart(info, type, SIGNAL_NAMES);
}

/** Is this the type of an AbortController (or a subclass; nullable unions included)? */
export function isAbortControllerType(info: TypeInfo, type: ts.Type): boolean {
  return isHostTypeInEveryPart(info, type, CONTROLLER_NAMES);
}

/** Every non-nullable part of the type is the host's type of one of `names` (`any`/`unknown`: no). */
function isHostTypeInEveryPart(info: TypeInfo, type: ts.Type, names: ReadonlySet<string>): boolean {
  if (isUnknownType(type)) return false;
  const parts = nonNullableParts(type);
  return parts.length > 0 && parts.every((part) => isHostNamedType(info, part, names));
}

/**
 * Can a slot of this type take an AbortSignal? True for `AbortSignal`, `AbortSignal
 * | undefined`, and look-alike interfaces that clients declare (axios's
 * `GenericAbortSignal`): an object type with an `aborted` property that an
 * AbortSignal is assignable to. `any`, `unknown`, `object`, `never` are not.
 */
export function acceptsAbortSignal(info: TypeInfo, type: ts.Type): boolean {
  if (isUnknownType(type)) return false;
  return nonNullableParts(type).some((part) => {
    if (isHostNamedType(info, part, SIGNAL_NAMES)) return true;
    if (!(part.flags & ts.TypeFlags.Object) || !part.getProperty('aborted')) return false;
    const signalType = getGlobalAbortSignalType(info);
    const assignable = (info.checker as { isTypeAssignableTo?: (a: ts.Type, b: ts.Type) => boolean }).isTypeAssignableTo;
    if (signalType && assignable) return assignable.call(info.checker, signalType, part);
    return /AbortSignal$/.test(part.getSymbol()?.getName() ?? '');
  });
}

const globalSignalTypes = new WeakMap<ts.Program, ts.Type | null>();

/** The host's `AbortSignal` interface type, looked up once per program. */
function getGlobalAbortSignalType(info: TypeInfo): ts.Type | null {
  if (globalSignalTypes.has(info.program)) return globalSignalTypes.get(info.program)!;
  let result: ts.Type | null = null;
  const file = info.program.getSourceFiles().find((f) => !f.isDeclarationFile) ?? info.program.getSourceFiles()[0];
  if (file) {
    const symbol = info.checker
      .getSymbolsInScope(file, ts.SymbolFlags.Interface | ts.SymbolFlags.Class)
      .find((s) => s.getName() === 'AbortSignal');
    if (symbol) result = info.checker.getDeclaredTypeOfSymbol(symbol);
  }
  globalSignalTypes.set(info.program, result);
  return result;
}

/** The type of property `name` of `type` as seen at `location`, over every non-nullable object constituent. */
export function getPropertyTypes(info: TypeInfo, type: ts.Type, name: string, location: ts.Node): ts.Type[] {
  const result: ts.Type[] = [];
  for (const part of nonNullableParts(type)) {
    if (!(part.flags & ts.TypeFlags.Object) && !part.isIntersection()) continue;
    const property = part.getProperty(name);
    if (property) result.push(info.checker.getTypeOfSymbolAtLocation(property, location));
  }
  return result;
}

/** Whether a type has a method called `name` that can be called with no arguments. */
export function hasZeroArgMethod(info: TypeInfo, type: ts.Type, name: string, location: ts.Node): boolean {
  return getPropertyTypes(info, type, name, location).some((propertyType) =>
    propertyType.getCallSignatures().some((signature) =>
      signature.getParameters().every((parameter) => {
        const declaration = parameter.valueDeclaration as ts.ParameterDeclaration | undefined;
        return !declaration || !!declaration.questionToken || !!declaration.initializer || !!declaration.dotDotDotToken;
      }),
    ),
  );
}

/** The well-known-symbol method a type carries: `[Symbol.dispose]` / `[Symbol.asyncDispose]`. */
export function getDisposeMethod(type: ts.Type): 'dispose' | 'asyncDispose' | null {
  let found: 'dispose' | 'asyncDispose' | null = null;
  for (const part of nonNullableParts(type)) {
    for (const property of part.getProperties()) {
      const name = String(property.escapedName);
      if (name.startsWith('__@asyncDispose@')) found ??= 'asyncDispose';
      else if (name.startsWith('__@dispose@')) return 'dispose';
    }
  }
  return found;
}

/** Whether a type is promise-like (has a `then`), over its non-nullable constituents. */
export function isThenableType(type: ts.Type): boolean {
  return nonNullableParts(type).some((part) => !!part.getProperty('then'));
}

/** The names an options property holding a signal has: `signal`, `abortSignal`, `cancelSignal`… (its type decides). */
export const SIGNAL_PROPERTY_NAME = /signal$/i;

/** The properties of an object type whose name says signal, `signal` first. */
export function getSignalNamedProperties(type: ts.Type): ts.Symbol[] {
  const found = type.getProperties().filter((property) => SIGNAL_PROPERTY_NAME.test(property.getName()));
  return found.sort((a, b) => Number(b.getName() === 'signal') - Number(a.getName() === 'signal'));
}

/** Whether code outside the declaring class can read the property (not `private`, `protected` or `#private`). */
export function isPublicProperty(property: ts.Symbol): boolean {
  if (property.getName().startsWith('#')) return false;
  const declaration = property.valueDeclaration;
  return !declaration || (ts.getCombinedModifierFlags(declaration) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) === 0;
}

/**
 * The property through which a value of this type hands out a signal: a public
 * property of AbortSignal type named like one (`signal`, `abortSignal`) that every
 * non-nullable part has. `null` when there is none (`url: Request | string` has no
 * `url.signal` to pass, a `protected signal` cannot be read from outside).
 */
export function findSignalProperty(info: TypeInfo, type: ts.Type, location: ts.Node): string | null {
  let property = signalProperties.get(type);
  if (property === undefined) signalProperties.set(type, (property = computeSignalProperty(info, type, location)));
  return property;
}

/** `findSignalProperty`'s answer by type: many parameters share one (`req: Request`, `ctx: Context`). A property's type does not depend on where it is read. */
const signalProperties = new WeakMap<ts.Type, string | null>();

function computeSignalProperty(info: TypeInfo, type: ts.Type, location: ts.Node): string | null {
  const parts = nonNullableParts(type);
  const first = parts[0];
  if (!first || parts.some((part) => !(part.flags & ts.TypeFlags.Object) && !part.isIntersection())) return null;
  for (const candidate of getSignalNamedProperties(first)) {
    const name = candidate.getName();
    const ok = parts.every((part) => {
      const property = part.getProperty(name);
      return !!property && isPublicProperty(property) && isAbortSignalType(info, info.checker.getTypeOfSymbolAtLocation(property, location));
    });
    if (ok) return name;
  }
  return null;
}

/**
 * Is the signal at `node` handed where one is required: a property the contextual type
 * declares without `?` (`{ abortSignal: … }` for `abortSignal: AbortSignal`), or a
 * parameter the resolved signature declares without `?` or a default? A placeholder
 * there (`new AbortController().signal`) stands for "no cancellation", as Go's
 * `context.Background()` does. Where the checker cannot say (the callee is `any`, the
 * object has no contextual type), it may be required: callers stay quiet.
 */
export function isRequiredSignalSlot(info: TypeInfo, node: TSESTree.Node): boolean {
  const { node: outer, parent } = getValueParent(node);
  if (parent?.type === AST_NODE_TYPES.Property && parent.value === outer && parent.parent.type === AST_NODE_TYPES.ObjectExpression) {
    const name = getPropertyName(parent);
    const literal = info.services.esTreeNodeToTSNodeMap.get(parent.parent) as ts.Expression | undefined;
    const contextual = literal && info.checker.getContextualType(literal);
    if (!name) return false;
    if (!contextual || isUnknownType(contextual)) return true;
    const properties = (contextual.isUnion() ? contextual.types : [contextual]).map((part) => part.getProperty(name)).filter((p) => !!p);
    return properties.length > 0 && properties.every((property) => !(property.flags & ts.SymbolFlags.Optional));
  }
  if ((parent?.type === AST_NODE_TYPES.CallExpression || parent?.type === AST_NODE_TYPES.NewExpression) && parent.arguments.includes(outer as TSESTree.CallExpressionArgument)) {
    const call = info.services.esTreeNodeToTSNodeMap.get(parent) as ts.CallExpression | ts.NewExpression | undefined;
    const signature = call && info.checker.getResolvedSignature(call);
    if (call && isUnknownType(info.checker.getTypeAtLocation(call.expression))) return true;
    const declaration = signature?.parameters[parent.arguments.indexOf(outer as TSESTree.CallExpressionArgument)]?.valueDeclaration;
    return !!declaration && ts.isParameter(declaration) && !declaration.questionToken && !declaration.initializer && !declaration.dotDotDotToken;
  }
  return false;
}
