/**
 * "Does the user allow this?" for every rule: an `allow` option (or a setting such as
 * `cleanupRegistrars`) in typescript-eslint's `TypeOrValueSpecifier` format, matched
 * by the checker's symbols and declaration files through `@typescript-eslint/type-utils`,
 * the way typescript-eslint's own `allow` options match. Where type-utils is looser
 * than its documentation, this module is stricter (see `isAllowedCall`). Without type
 * information only plain names apply. Docs: the README's "Configuration" section.
 */
import * as path from 'node:path';

import { typeMatchesSpecifier, valueMatchesSpecifier, type TypeOrValueSpecifier } from '@typescript-eslint/type-utils';
import { type JSONSchema, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../syntax/node-types';
import ts from 'typescript';

import { getCalleeName, getKeyName, unwrapExpression } from '../syntax/ast';
import type { AnyContext } from '../syntax/context';
import { getChainRootCall } from './promises';
import { resolveVariable } from '../syntax/references';
import { getSettings, readSpecifiers, type AllowSpecifier } from '../syntax/settings';
import { getTypeInfo, tsNodeOf, typeOfNode, type TypeInfo } from '../types/type-info';
import { nonNullableParts } from '../types/types';

/** An `allow` option's value: what a rule's options hold (never modified). */
export type AllowList = readonly AllowSpecifier[];

type ObjectSpecifier = Exclude<TypeOrValueSpecifier, string>;

const NAME_SCHEMA: JSONSchema.JSONSchema4MultiSchema = {
  type: ['string', 'array'],
  items: { type: 'string' },
  minItems: 1,
  uniqueItems: true,
  description: 'The declared name, or a list of names.',
};

/**
 * `{ from: '<from>', … }` takes only `keys` and needs `required`: each wrong key is
 * named in the error. `if`/`then`/`propertyNames` are draft-06/07 keywords that ESLint's
 * Ajv knows and typescript-eslint's `JSONSchema4` type lacks, hence the cast. The test
 * reads `from` through `patternProperties`: eslint-doc-generator lists every
 * `properties` key anywhere in a rule's schema as an option of the rule.
 */
function shape(from: 'file' | 'lib' | 'package', keys: string[], required: string[]): JSONSchema.JSONSchema4 {
  const conditional = {
    if: { required: ['from'], patternProperties: { '^from$': { enum: [from] } } },
    then: { required, propertyNames: { enum: keys } },
  };
  return conditional as unknown as JSONSchema.JSONSchema4;
}

/**
 * The JSON schema of an `allow` option: a list of specifiers in typescript-eslint's
 * format. It accepts exactly what type-utils' `typeOrValueSpecifiersSchema` accepts,
 * but says what is wrong in one or two lines on every ESLint version (an unknown or
 * misplaced key by its name, a missing `package`, an unknown `from`) instead of an
 * error per `oneOf` branch ("should be string", three times "should be object"...).
 */
export const ALLOW_OPTION_SCHEMA: JSONSchema.JSONSchema4ArraySchema = {
  type: 'array',
  description:
    'Calls (by their callee) and types this rule never reports, in typescript-eslint\'s specifier format: a name (`"sleep"`, or a written callee path with a dot: `"this._register"`), `{ "from": "file", "name", "path"? }`, `{ "from": "lib", "name" }` or `{ "from": "package", "name", "package" }`. Object entries need type information.',
  items: {
    type: ['string', 'object'],
    required: ['from', 'name'],
    // `patternProperties`, not `properties`: eslint-doc-generator would list each key as a rule option.
    patternProperties: {
      '^from$': { type: 'string', enum: ['file', 'lib', 'package'], description: 'Where the name is declared.' },
      '^name$': NAME_SCHEMA,
      '^path$': { type: 'string', description: 'For `from: "file"`: the declaring file, relative to the project root.' },
      '^package$': { type: 'string', description: 'For `from: "package"`: the package that declares it.' },
    },
    allOf: [
      shape('file', ['from', 'name', 'path'], []),
      shape('lib', ['from', 'name'], []),
      shape('package', ['from', 'name', 'package'], ['package']),
    ],
  },
};

/** An allow list, read once: plain names, written paths, and the entries for the checker. */
interface Matcher {
  /** Plain names without a dot: the written callee name (also the declared one, with types). */
  readonly names: ReadonlySet<string>;
  /** Plain strings with a dot: written callee paths (`context.subscriptions.push`). */
  readonly paths: ReadonlySet<string>;
  /** Plain names and object entries, mutable copies for type-utils. */
  readonly specifiers: TypeOrValueSpecifier[];
  readonly objects: readonly ObjectSpecifier[];
}

const matchers = new WeakMap<AllowList, Matcher>();

function getMatcher(allow: AllowList): Matcher {
  let matcher = matchers.get(allow);
  if (!matcher) {
    const names = new Set<string>();
    const paths = new Set<string>();
    const specifiers: TypeOrValueSpecifier[] = [];
    const objects: ObjectSpecifier[] = [];
    // A copy, well-formed entries only (the option's schema checked them; settings are not checked).
    for (const specifier of readSpecifiers(allow)) {
      if (typeof specifier === 'string') {
        if (specifier.includes('.')) {
          paths.add(specifier);
          continue;
        }
        names.add(specifier);
      } else {
        objects.push(specifier);
      }
      specifiers.push(specifier);
    }
    matcher = { names, paths, specifiers, objects };
    matchers.set(allow, matcher);
  }
  return matcher;
}

const callResults = new WeakMap<Matcher, WeakMap<TSESTree.Node, boolean>>();
const typeResults = new WeakMap<Matcher, WeakMap<TSESTree.Node, boolean>>();

function cached(results: WeakMap<Matcher, WeakMap<TSESTree.Node, boolean>>, matcher: Matcher, node: TSESTree.Node, compute: () => boolean): boolean {
  let byNode = results.get(matcher);
  if (!byNode) results.set(matcher, (byNode = new WeakMap()));
  let result = byNode.get(node);
  if (result === undefined) byNode.set(node, (result = compute()));
  return result;
}

/**
 * Does an entry of `allow` name this call's callee (`f()`, `a.b.f()`, `new F()`)?
 *
 * - A plain name matches the written callee name (`sleep` in `sleep()` and in
 *   `timers.sleep()`) and, with types, the name the callee's type was declared with
 *   (`import { setTimeout as sleep }` matches `"setTimeout"`). A plain string with a
 *   dot matches the written callee path: `"this._register"`, `"context.subscriptions.push"`.
 * - An object entry needs type information. It matches the callee's own symbol
 *   (through import aliases and re-exports) by its written or declared name and where
 *   that symbol is declared, or the callee's type the way type-utils'
 *   `typeMatchesSomeSpecifier` matches it. `from: 'package'` is checked where the
 *   callee's type is declared (type-utils' rule), so a same-named local function never
 *   matches it. Stricter than type-utils: `from: 'file'`/`from: 'lib'` check where the
 *   callee is declared (type-utils checks only its name), and `from: 'file'` without
 *   `path` means a file of the project, never a dependency or TypeScript's libs
 *   (typescript-eslint#6819). A member callee (`Effect.sleep()`) is matched by its
 *   property (typescript-eslint#10740).
 *
 * Cheap and cached per call, but it may ask the checker: ask it just before reporting.
 */
export function isAllowedCall(context: AnyContext, call: TSESTree.CallExpression | TSESTree.NewExpression, allow: AllowList): boolean {
  if (allow.length === 0) return false;
  const matcher = getMatcher(allow);
  return cached(callResults, matcher, call, () => matchCall(context, call, matcher));
}

/**
 * Does an entry of `settings.asyncleak.cleanupRegistrars` name this call's callee:
 * does it take ownership of the disposable or cleanup function handed to it?
 */
export function isCleanupRegistrarCall(context: AnyContext, call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  return isAllowedCall(context, call, getSettings(context).cleanupRegistrars);
}

/**
 * Does an entry of `allow` name the type of this value? Its non-nullable parts must
 * each match an entry (`Lease | undefined` matches `Lease`), by type-utils'
 * `typeMatchesSomeSpecifier` (with `from: 'file'` as strict as in `isAllowedCall`);
 * a type parameter by its constraint, a class or interface also by the classes and
 * interfaces it extends. Without type information, a plain name matches the
 * identifier itself, the class of `new X()`, and the types written for it (`let t:
 * Lease | undefined`, `x as Lease`).
 */
export function isAllowedType(context: AnyContext, node: TSESTree.Node, allow: AllowList): boolean {
  if (allow.length === 0) return false;
  const matcher = getMatcher(allow);
  return cached(typeResults, matcher, node, () => {
    if (matcher.specifiers.length === 0) return false;
    const info = getTypeInfo(context);
    if (!info) return matcher.names.size > 0 && writtenTypeNamesMatch(context, node, matcher.names);
    try {
      let type = typeOfNode(info, node);
      if (type.isTypeParameter()) type = info.checker.getBaseConstraintOfType(type) ?? type;
      const parts = nonNullableParts(type);
      return parts.length > 0 && parts.every((part) => typeOrBaseMatches(info, part, matcher.specifiers, 0));
    } catch {
      return false; // an unexpected checker state: keep reporting rather than crash the lint run
    }
  });
}

/** What a report is about, for `isAllowed`: the call it names and the value (a handle) it is about. */
export interface AllowSubject {
  /** The call that starts, misses or registers something (`await` and promise chains are looked through). */
  readonly call?: TSESTree.Node | null;
  /** The value or handle whose type decides (`t` in `t = setInterval(…)`, the call itself for its result). */
  readonly value?: TSESTree.Node | null;
}

/**
 * The one question every rule asks just before it reports: does the rule's `allow`
 * option name this report's call (its callee, or the root call of `f().then(…)`) or
 * the type of its value? Free when `allow` is empty (the default): a rule calls it in
 * one line right before `reportLeak`, after its own checks, so specifiers are only
 * resolved for what would otherwise be reported (docs/architecture.md, "A rule").
 */
export function isAllowed(context: AnyContext, allow: AllowList | undefined, { call, value }: AllowSubject): boolean {
  if (!allow || allow.length === 0) return false;
  if (call) {
    const unwrapped = unwrapExpression(call);
    const node = unwrapped.type === AST_NODE_TYPES.AwaitExpression ? unwrapExpression(unwrapped.argument) : unwrapped;
    if (node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.NewExpression) {
      if (isAllowedCall(context, node, allow)) return true;
      const root = getChainRootCall(node);
      if (root && root !== node && isAllowedCall(context, root, allow)) return true;
    }
  }
  return !!value && isAllowedType(context, value, allow);
}

function matchCall(context: AnyContext, call: TSESTree.CallExpression | TSESTree.NewExpression, matcher: Matcher): boolean {
  const callee = unwrapCallee(call.callee);
  const nameNode = getNameNode(callee);
  const written = nameNode ? getStaticName(nameNode) : null;
  if (written !== null && matcher.names.has(written)) return true;
  if (matcher.paths.size > 0) {
    const calleePath = getWrittenPath(callee);
    if (calleePath !== null && matcher.paths.has(calleePath)) return true;
  }
  if (matcher.specifiers.length === 0) return false;
  const info = getTypeInfo(context);
  if (!info) return false;
  try {
    const calleeType = typeOfNode(info, callee);
    if (nameNode && matcher.objects.length > 0) {
      const symbol = getValueSymbol(info, nameNode);
      const names = new Set([...(written === null ? [] : [written]), ...(symbol ? declaredNames(symbol) : [])]);
      if (matcher.objects.some((specifier) => valueMatches(info, specifier, nameNode, written, names, symbol, calleeType))) return true;
    }
    return matcher.specifiers.some((specifier) => typeMatches(info, calleeType, specifier));
  } catch {
    return false; // an unexpected checker state: keep reporting rather than crash the lint run
  }
}

/** `(0, f)` → `f`, and the wrappers `unwrapExpression` strips. */
function unwrapCallee(node: TSESTree.Node): TSESTree.Node {
  let current = unwrapExpression(node);
  while (current.type === AST_NODE_TYPES.SequenceExpression) current = unwrapExpression(current.expressions[current.expressions.length - 1]!);
  return current;
}

/** The node that names the callee: `f` in `f()`, `m` in `a.m()` / `a['m']()` / `this.#m()`. */
function getNameNode(callee: TSESTree.Node): TSESTree.Identifier | TSESTree.PrivateIdentifier | TSESTree.StringLiteral | null {
  if (callee.type === AST_NODE_TYPES.Identifier) return callee;
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  const property = callee.property;
  if (!callee.computed && (property.type === AST_NODE_TYPES.Identifier || property.type === AST_NODE_TYPES.PrivateIdentifier)) return property;
  return property.type === AST_NODE_TYPES.Literal && typeof property.value === 'string' ? (property as TSESTree.StringLiteral) : null;
}

/** The name as type-utils reads it (a private name without its `#`). */
function getStaticName(node: TSESTree.Identifier | TSESTree.PrivateIdentifier | TSESTree.StringLiteral): string {
  return node.type === AST_NODE_TYPES.Literal ? node.value : node.name;
}

/** `a.b.c` for `a.b.c`, `a?.b['c']`, `this.#x` as `this.#x`; `null` for anything computed or called. */
function getWrittenPath(node: TSESTree.Node): string | null {
  const current = unwrapExpression(node);
  switch (current.type) {
    case AST_NODE_TYPES.Identifier:
      return current.name;
    case AST_NODE_TYPES.ThisExpression:
      return 'this';
    case AST_NODE_TYPES.Super:
      return 'super';
    case AST_NODE_TYPES.MemberExpression: {
      const object = getWrittenPath(current.object);
      const key = getKeyName(current.property, current.computed);
      return object === null || key === null ? null : `${object}.${key}`;
    }
    default:
      return null;
  }
}

/** The symbol a callee name stands for, through import aliases and re-exports. */
function getValueSymbol(info: TypeInfo, nameNode: TSESTree.Node): ts.Symbol | undefined {
  let symbol = info.checker.getSymbolAtLocation(tsNodeOf(info, nameNode));
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = info.checker.getAliasedSymbol(symbol);
  return symbol && symbol.flags & ts.SymbolFlags.Alias ? undefined : symbol; // an unresolved alias
}

/** A symbol's name, and for a default export (`default`) the names of its declarations. */
function declaredNames(symbol: ts.Symbol): string[] {
  const name = symbol.getName();
  if (name !== 'default') return [name];
  return (symbol.getDeclarations() ?? []).flatMap((declaration) => {
    const id = ts.getNameOfDeclaration(declaration);
    return id && ts.isIdentifier(id) ? [id.text] : [];
  });
}

function specifierNames(specifier: ObjectSpecifier): readonly string[] {
  return typeof specifier.name === 'string' ? [specifier.name] : specifier.name;
}

/** The value path: the callee's symbol by its written or declared name, and where it is declared. */
function valueMatches(
  info: TypeInfo,
  specifier: ObjectSpecifier,
  nameNode: TSESTree.Node,
  written: string | null,
  names: ReadonlySet<string>,
  symbol: ts.Symbol | undefined,
  calleeType: ts.Type,
): boolean {
  const name = specifierNames(specifier).find((n) => names.has(n));
  if (name === undefined) return false;
  if (specifier.from === 'package') {
    // type-utils checks the package where the callee's type is declared; it reads the name off the node.
    const named = name === written ? nameNode : ({ type: AST_NODE_TYPES.Identifier, name } as TSESTree.Identifier);
    return valueMatchesSpecifier(named, specifier, info.program, calleeType);
  }
  const files = (symbol?.getDeclarations() ?? []).map((declaration) => declaration.getSourceFile());
  return specifier.from === 'lib' ? files.some((file) => isDefaultLibFile(info, file)) : files.some((file) => isInFile(info, specifier.path, file));
}

/** The type path: type-utils' `typeMatchesSpecifier`, with `from: 'file'` without `path` kept to the project's files. */
function typeMatches(info: TypeInfo, type: ts.Type, specifier: TypeOrValueSpecifier): boolean {
  if (typeof specifier === 'string' || specifier.from !== 'file' || specifier.path !== undefined) {
    return typeMatchesSpecifier(type, specifier, info.program);
  }
  if (type.isUnion()) return type.types.every((part) => typeMatches(info, part, specifier));
  const symbol = type.getSymbol() ?? type.aliasSymbol;
  if (
    typeMatchesSpecifier(type, specifier, info.program) &&
    (symbol?.getDeclarations() ?? []).some((declaration) => isInFile(info, undefined, declaration.getSourceFile()))
  ) {
    return true;
  }
  return type.isIntersection() && type.types.some((part) => typeMatches(info, part, specifier));
}

/** A type, or a class or interface it extends (through at most a few levels), matches an entry. */
function typeOrBaseMatches(info: TypeInfo, type: ts.Type, specifiers: readonly TypeOrValueSpecifier[], depth: number): boolean {
  if (specifiers.some((specifier) => typeMatches(info, type, specifier))) return true;
  if (depth >= 5) return false;
  const target = (type as ts.TypeReference).target ?? type;
  if (!target.isClassOrInterface()) return false;
  return (info.checker.getBaseTypes(target) ?? []).some((base) => typeOrBaseMatches(info, base, specifiers, depth + 1));
}

function isDefaultLibFile(info: TypeInfo, file: ts.SourceFile): boolean {
  return info.program.isSourceFileDefaultLibrary(file) || /\/typescript\/lib\/lib\.[^/]*\.d\.ts$/.test(file.fileName.replace(/\\/g, '/'));
}

/**
 * `from: 'file'`: with `path`, that file (relative to the program's current
 * directory, as type-utils resolves it); without, any file of the project: not a
 * default lib, not a dependency's declarations.
 */
function isInFile(info: TypeInfo, relativePath: string | undefined, file: ts.SourceFile): boolean {
  if (relativePath === undefined) {
    return !isDefaultLibFile(info, file) && !info.program.isSourceFileFromExternalLibrary(file);
  }
  const wanted = path.resolve(info.program.getCurrentDirectory(), relativePath);
  const actual = path.resolve(file.fileName);
  return ts.sys.useCaseSensitiveFileNames ? wanted === actual : wanted.toLowerCase() === actual.toLowerCase();
}

/** Without type information: the identifier, `new X()`'s class, and the type names written for the value. */
function writtenTypeNamesMatch(context: AnyContext, node: TSESTree.Node, names: ReadonlySet<string>): boolean {
  if (node.type === AST_NODE_TYPES.TSAsExpression || node.type === AST_NODE_TYPES.TSTypeAssertion || node.type === AST_NODE_TYPES.TSSatisfiesExpression) {
    if (typeNodeMatches(node.typeAnnotation, names)) return true;
  }
  const value = unwrapExpression(node);
  if (value.type === AST_NODE_TYPES.NewExpression) {
    const name = getCalleeName(value);
    return name !== null && names.has(name);
  }
  if (value.type !== AST_NODE_TYPES.Identifier) return false;
  if (names.has(value.name)) return true;
  const variable = resolveVariable(context, value);
  return (variable?.defs ?? []).some((def) => {
    const annotation = (def.name as TSESTree.Identifier).typeAnnotation?.typeAnnotation;
    return annotation !== undefined && typeNodeMatches(annotation, names);
  });
}

/** A written type whose non-nullable parts are each named in `names` (`Lease`, `ns.Lease`, `Lease | null`). */
function typeNodeMatches(type: TSESTree.TypeNode, names: ReadonlySet<string>): boolean {
  if (type.type === AST_NODE_TYPES.TSUnionType) {
    const parts = type.types.filter(
      (part) => part.type !== AST_NODE_TYPES.TSNullKeyword && part.type !== AST_NODE_TYPES.TSUndefinedKeyword && part.type !== AST_NODE_TYPES.TSVoidKeyword,
    );
    return parts.length > 0 && parts.every((part) => typeNodeMatches(part, names));
  }
  if (type.type !== AST_NODE_TYPES.TSTypeReference) return false;
  const name = type.typeName;
  if (name.type === AST_NODE_TYPES.Identifier) return names.has(name.name);
  return name.type === AST_NODE_TYPES.TSQualifiedName && names.has(name.right.name);
}
