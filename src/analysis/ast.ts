import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

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

/** `a.b` / `a['b']` / `a?.b` → `"b"`; `null` for a computed, non-literal key. */
export function getStaticPropertyName(node: TSESTree.MemberExpression): string | null {
  if (!node.computed && node.property.type === AST_NODE_TYPES.Identifier) return node.property.name;
  if (node.computed && node.property.type === AST_NODE_TYPES.Literal && typeof node.property.value === 'string') {
    return node.property.value;
  }
  return null;
}

/**
 * The member name of `a.b` / `a['b']` / `this.#b`: like `getStaticPropertyName`,
 * plus private names as `"#b"` (distinct from a public `b`). `null` for a computed,
 * non-literal key.
 */
export function getMemberName(node: TSESTree.MemberExpression): string | null {
  if (!node.computed && node.property.type === AST_NODE_TYPES.PrivateIdentifier) return `#${node.property.name}`;
  return getStaticPropertyName(node);
}

/** `Symbol.dispose` / `Symbol.asyncDispose` as a computed key → its name. */
export function getWellKnownSymbolKey(node: TSESTree.MemberExpression): 'dispose' | 'asyncDispose' | null {
  if (!node.computed) return null;
  const key = node.property;
  if (
    key.type === AST_NODE_TYPES.MemberExpression &&
    key.object.type === AST_NODE_TYPES.Identifier &&
    key.object.name === 'Symbol' &&
    !key.computed &&
    key.property.type === AST_NODE_TYPES.Identifier &&
    (key.property.name === 'dispose' || key.property.name === 'asyncDispose')
  ) {
    return key.property.name;
  }
  return null;
}

/** The name a call is made by: `f()` → `f`, `a.b.f()` → `f`. */
export function getCalleeName(node: TSESTree.CallExpression | TSESTree.NewExpression): string | null {
  const callee = unwrapExpression(node.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name;
  if (callee.type === AST_NODE_TYPES.MemberExpression) return getStaticPropertyName(callee);
  return null;
}

/** For `obj.method(...)` / `obj?.method(...)`: the object and the method name. */
export function getMethodCall(
  node: TSESTree.CallExpression,
): { object: TSESTree.Expression; method: string } | null {
  const callee = unwrapExpression(node.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  const method = getStaticPropertyName(callee) ?? getWellKnownSymbolKey(callee);
  if (method === null) return null;
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

/** Visits every node below `root` (`root` included) in source order; `visit` returning false skips children. */
export function walk(root: TSESTree.Node, visit: (node: TSESTree.Node) => boolean | void): void {
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (visit(node) === false) continue;
    const children: TSESTree.Node[] = [];
    for (const key of Object.keys(node)) {
      if (key === 'parent' || key === 'range' || key === 'loc') continue;
      const value = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(value)) {
        for (const item of value) if (isNode(item)) children.push(item);
      } else if (isNode(value)) {
        children.push(value);
      }
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
}

function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
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
