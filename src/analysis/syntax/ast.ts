import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './node-types';
import { visitorKeys } from '@typescript-eslint/visitor-keys';

export type FunctionNode =
  | TSESTree.ArrowFunctionExpression
  | TSESTree.FunctionDeclaration
  | TSESTree.FunctionExpression;

export function isFunction(node: TSESTree.Node | undefined | null): node is FunctionNode {
  return (
    node?.type === AST_NODE_TYPES.ArrowFunctionExpression ||
    node?.type === AST_NODE_TYPES.FunctionDeclaration ||
    node?.type === AST_NODE_TYPES.FunctionExpression
  );
}

/** The nearest function that contains `node` (not `node` itself). */
export function getEnclosingFunction(node: TSESTree.Node): FunctionNode | null {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunction(current)) return current;
  }
  return null;
}

/** Every function around `node`, innermost first. */
export function getEnclosingFunctions(node: TSESTree.Node): FunctionNode[] {
  const result: FunctionNode[] = [];
  for (let fn = getEnclosingFunction(node); fn; fn = getEnclosingFunction(fn)) result.push(fn);
  return result;
}

/** Whether `inner` lies within `outer` (or is it). */
export function isInside(inner: TSESTree.Node, outer: TSESTree.Node): boolean {
  return inner.range[0] >= outer.range[0] && inner.range[1] <= outer.range[1];
}

/** Strips what does not change a value: `x!`, `x as T`, `<T>x`, `x satisfies T`, `(x)`. */
export function unwrapExpression(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  for (;;) {
    switch (current.type) {
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.ChainExpression:
        current = current.expression;
        break;
      default:
        return current;
    }
  }
}

/**
 * The node whose parent decides what happens to `node`'s value: climbs through
 * the wrappers `unwrapExpression` strips, and through a chain (`a?.b`).
 */
export function getValueParent(node: TSESTree.Node): { node: TSESTree.Node; parent: TSESTree.Node | undefined } {
  let current = node;
  while (
    current.parent &&
    (current.parent.type === AST_NODE_TYPES.TSNonNullExpression ||
      current.parent.type === AST_NODE_TYPES.TSAsExpression ||
      current.parent.type === AST_NODE_TYPES.TSTypeAssertion ||
      current.parent.type === AST_NODE_TYPES.TSSatisfiesExpression ||
      current.parent.type === AST_NODE_TYPES.ChainExpression)
  ) {
    current = current.parent;
  }
  return { node: current, parent: current.parent };
}

/**
 * The static name of a property key, one answer for member expressions, object
 * literal properties and class members: `a` and `'a'` (and a number, when not
 * computed), `#a` for a private name (distinct from a public `a`); `null` for a
 * computed key that is not a string literal (`[k]`, `[Symbol.dispose]`).
 */
export function getKeyName(key: TSESTree.Node, computed: boolean): string | null {
  if (key.type === AST_NODE_TYPES.Literal) {
    if (typeof key.value === 'string') return key.value;
    return !computed && typeof key.value === 'number' ? String(key.value) : null;
  }
  if (computed) return null;
  if (key.type === AST_NODE_TYPES.Identifier) return key.name;
  if (key.type === AST_NODE_TYPES.PrivateIdentifier) return `#${key.name}`;
  return null;
}

/** `a.b` / `a['b']` / `a?.b` → `"b"`; `null` for a computed, non-literal key and for a private name. */
export function getStaticPropertyName(node: TSESTree.MemberExpression): string | null {
  return node.property.type === AST_NODE_TYPES.PrivateIdentifier ? null : getKeyName(node.property, node.computed);
}

/** The member name of `a.b` / `a['b']` / `this.#b` (private names as `"#b"`); `null` for a computed, non-literal key. */
export function getMemberName(node: TSESTree.MemberExpression): string | null {
  return getKeyName(node.property, node.computed);
}

/** The key of an object literal property (`{ signal }`, `{ 'once': true }`), or `null` when computed. */
export function getPropertyName(property: TSESTree.Property): string | null {
  return property.computed ? null : getKeyName(property.key, false);
}

/**
 * The name of a class member (`a`, `'a'`, `#a`, `1`), with the well-known dispose
 * methods as `Symbol.dispose` / `Symbol.asyncDispose`; `null` for another computed key.
 */
export function getClassMemberName(member: { readonly key: TSESTree.Node; readonly computed: boolean }): string | null {
  const symbol = member.computed ? getWellKnownSymbolName(member.key) : null;
  return symbol ? `Symbol.${symbol}` : getKeyName(member.key, member.computed);
}

/** `Symbol.dispose` / `Symbol.asyncDispose` (the expression) → its name. */
export function getWellKnownSymbolName(node: TSESTree.Node): 'dispose' | 'asyncDispose' | null {
  if (
    node.type === AST_NODE_TYPES.MemberExpression &&
    node.object.type === AST_NODE_TYPES.Identifier &&
    node.object.name === 'Symbol' &&
    !node.computed &&
    node.property.type === AST_NODE_TYPES.Identifier &&
    (node.property.name === 'dispose' || node.property.name === 'asyncDispose')
  ) {
    return node.property.name;
  }
  return null;
}

/** `x[Symbol.dispose]` / `x[Symbol.asyncDispose]` → the symbol's name. */
export function getWellKnownSymbolKey(node: TSESTree.MemberExpression): 'dispose' | 'asyncDispose' | null {
  return node.computed ? getWellKnownSymbolName(node.property) : null;
}

/** `null`, `undefined` or `void …`. */
export function isNullishLiteral(node: TSESTree.Node): boolean {
  const value = unwrapExpression(node);
  return (
    (value.type === AST_NODE_TYPES.Literal && value.value === null && !('regex' in value)) ||
    isUndefinedLiteral(value)
  );
}

/** `undefined` or `void …`. */
export function isUndefinedLiteral(node: TSESTree.Node): boolean {
  return (
    (node.type === AST_NODE_TYPES.Identifier && node.name === 'undefined') ||
    (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === 'void')
  );
}

/** A string literal with this value. */
export function isStringLiteral(node: TSESTree.Node, value: string): boolean {
  return node.type === AST_NODE_TYPES.Literal && node.value === value;
}

/** The name a call is made by: `f()` → `f`, `a.b.f()` → `f`. */
export function getCalleeName(node: TSESTree.CallExpression | TSESTree.NewExpression): string | null {
  const callee = unwrapExpression(node.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name;
  if (callee.type === AST_NODE_TYPES.MemberExpression) return getStaticPropertyName(callee);
  return null;
}

/**
 * For `obj.method(...)` / `obj?.method(...)` (`obj[Symbol.dispose]()` as `dispose`):
 * the object and the method name; with `names`, only for a method of one of them.
 */
export function getMethodCall(
  node: TSESTree.CallExpression,
  names?: ReadonlySet<string>,
): { object: TSESTree.Expression; method: string } | null {
  const callee = unwrapExpression(node.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  const method = getStaticPropertyName(callee) ?? getWellKnownSymbolKey(callee);
  if (method === null || (names && !names.has(method))) return null;
  return { object: callee.object, method };
}

/** The statement that holds `node` directly inside a block/program body, if any. */
export function getContainingStatement(node: TSESTree.Node): TSESTree.Statement | null {
  for (let current: TSESTree.Node | undefined = node; current?.parent; current = current.parent) {
    const parent: TSESTree.Node = current.parent;
    if (
      parent.type === AST_NODE_TYPES.BlockStatement ||
      parent.type === AST_NODE_TYPES.Program ||
      parent.type === AST_NODE_TYPES.StaticBlock ||
      parent.type === AST_NODE_TYPES.SwitchCase
    ) {
      return current as TSESTree.Statement;
    }
    if (isFunction(parent)) return null;
  }
  return null;
}

/** The class whose `this` a node sees (arrow functions see through), if any. */
export function getThisClass(node: TSESTree.Node): TSESTree.ClassDeclaration | TSESTree.ClassExpression | null {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.ClassBody) return current.parent;
    if (current.type === AST_NODE_TYPES.FunctionDeclaration) return null;
    if (current.type === AST_NODE_TYPES.FunctionExpression && current.parent.type !== AST_NODE_TYPES.MethodDefinition) {
      return null;
    }
  }
  return null;
}

/** Whether the node sits at module level (no function around it). */
export function isModuleLevel(node: TSESTree.Node): boolean {
  return getEnclosingFunction(node) === null && getThisClass(node) === null;
}

/** Children that are types: annotations, type parameters and arguments, `implements`. No value lives there. */
const TYPE_KEYS = new Set(['typeAnnotation', 'typeParameters', 'returnType', 'typeArguments', 'superTypeArguments', 'implements']);
/** Declarations that are types through and through. */
const TYPE_DECLARATIONS = new Set<string>([AST_NODE_TYPES.TSInterfaceDeclaration, AST_NODE_TYPES.TSTypeAliasDeclaration, AST_NODE_TYPES.TSIndexSignature]);

/** The visitor keys of each node type that lead to code: every key but the types'. */
const VALUE_KEYS: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  Object.entries(visitorKeys).map(([type, keys]) => [type, TYPE_DECLARATIONS.has(type) ? [] : (keys ?? []).filter((key) => !TYPE_KEYS.has(key))]),
);

/**
 * Visits every node below `root` (`root` included) in source order, along the
 * ESTree visitor keys, skipping types (annotations, type arguments, interfaces and
 * type aliases: no call, value or reference at run time is there; half of a typed
 * file's nodes can be) as well as tokens and comments; `visit` returning false skips
 * the node's children.
 */
export function walk(root: TSESTree.Node, visit: (node: TSESTree.Node) => boolean | void): void {
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (visit(node) === false) continue;
    const keys = VALUE_KEYS[node.type] ?? [];
    for (let k = keys.length - 1; k >= 0; k--) {
      const value = (node as unknown as Record<string, unknown>)[keys[k]!];
      if (Array.isArray(value)) {
        for (let i = value.length - 1; i >= 0; i--) {
          const item = value[i] as TSESTree.Node | null;
          if (item) stack.push(item);
        }
      } else if (value && typeof value === 'object') {
        stack.push(value as TSESTree.Node);
      }
    }
  }
}

/** The `return` statements of a function itself (not of functions nested in it), in source order. */
export function getOwnReturnStatements(fn: FunctionNode): TSESTree.ReturnStatement[] {
  const result: TSESTree.ReturnStatement[] = [];
  walk(fn.body, (node) => {
    if (node !== fn.body && (isFunction(node) || node.type === AST_NODE_TYPES.ClassBody)) return false;
    if (node.type === AST_NODE_TYPES.ReturnStatement) result.push(node);
    return true;
  });
  return result;
}

/** A function's name as a report says it: a method's, a declaration's, the variable or property that holds it; `null` for an anonymous callback. */
export function getFunctionName(fn: FunctionNode): string | null {
  const parent = fn.parent;
  if (parent?.type === AST_NODE_TYPES.MethodDefinition || parent?.type === AST_NODE_TYPES.PropertyDefinition) return getClassMemberName(parent);
  if ((fn.type === AST_NODE_TYPES.FunctionDeclaration || fn.type === AST_NODE_TYPES.FunctionExpression) && fn.id) return fn.id.name;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) return parent.id.name;
  if (parent?.type === AST_NODE_TYPES.Property && !parent.computed) return getPropertyName(parent);
  return null;
}
