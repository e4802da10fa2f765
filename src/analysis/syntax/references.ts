import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './node-types';

import { getClassMemberName, getMemberName, getStaticPropertyName, getThisClass, getValueParent, isInside, unwrapExpression, walk } from './ast';
import type { AnyContext } from './context';
import { getMembersNamedWithin } from './file-index';

type Variable = TSESLint.Scope.Variable;

/** Each identifier's variable, once: the rules ask about the same identifiers (on `apps`, 38k questions about 21k identifiers). */
const resolved = new WeakMap<TSESTree.Identifier, Variable | null>();

/**
 * The variable an identifier resolves to through scope analysis (`null` for an
 * undeclared global): the nearest scope, from the identifier's own outwards, that
 * declares its name. `sourceCode.getScope` already gives the innermost scope at the
 * identifier; `ASTUtils.findVariable` would search that scope's children for a
 * narrower one first, which costs a pass over every function of a module for each
 * module-level name.
 */
export function resolveVariable(context: AnyContext, identifier: TSESTree.Identifier): Variable | null {
  // A stand-in the analysis made (a property an object lacks reads as `undefined`) is in no file's scopes.
  if (!identifier.parent) return null;
  let variable = resolved.get(identifier);
  if (variable === undefined) {
    variable = null;
    for (let scope: TSESLint.Scope.Scope | null = context.sourceCode.getScope(identifier); scope; scope = scope.upper) {
      const found = scope.set.get(identifier.name);
      if (found) {
        variable = found;
        break;
      }
    }
    resolved.set(identifier, variable);
  }
  return variable;
}

/** Whether an identifier names the global of that name (not shadowed, not imported). */
export function isGlobalReference(context: AnyContext, identifier: TSESTree.Identifier): boolean {
  const variable = resolveVariable(context, identifier);
  return variable === null || variable.defs.length === 0;
}

const GLOBAL_OBJECT_NAMES: ReadonlySet<string> = new Set(['window', 'globalThis', 'self', 'global']);

/** The host's global object (`window`, `globalThis`, `self`, `global`), not shadowed by a declaration. */
export function isGlobalObject(context: AnyContext, node: TSESTree.Node): boolean {
  return node.type === AST_NODE_TYPES.Identifier && GLOBAL_OBJECT_NAMES.has(node.name) && isGlobalReference(context, node);
}

/**
 * Where a value lives, compared by symbol and never by text: a variable, or a
 * property path on a variable or on `this` of one class. Two expressions hold the
 * same thing when their places are `samePlace`.
 */
export interface Place {
  /** The variable at the root, or the class whose `this` is the root. */
  readonly root: Variable | TSESTree.ClassDeclaration | TSESTree.ClassExpression;
  /** Property names after the root (`this.a.b` → `['a', 'b']`). */
  readonly path: readonly string[];
  /** The expression itself. */
  readonly node: TSESTree.Node;
}

/** The place an expression denotes, or `null` if it is not a stable place (a call, a computed key...). */
export function getPlace(context: AnyContext, expression: TSESTree.Node): Place | null {
  const node = unwrapExpression(expression);
  if (node.type === AST_NODE_TYPES.Identifier) {
    const variable = resolveVariable(context, node);
    return variable ? { root: variable, path: [], node } : null;
  }
  if (node.type === AST_NODE_TYPES.ThisExpression) {
    const cls = getThisClass(node);
    return cls ? { root: cls, path: [], node } : null;
  }
  if (node.type === AST_NODE_TYPES.MemberExpression) {
    const name = getMemberName(node);
    if (name === null) return null;
    const base = getPlace(context, node.object);
    return base ? { root: base.root, path: [...base.path, name], node } : null;
  }
  return null;
}

/**
 * Is `expression` the place (`samePlace(getPlace(context, expression), place)`), asked
 * without building its place: from the last member name back to the root.
 */
export function isAtPlace(context: AnyContext, expression: TSESTree.Node, place: Place | null): boolean {
  if (!place) return false;
  let node = unwrapExpression(expression);
  for (let i = place.path.length - 1; i >= 0; i--) {
    if (node.type !== AST_NODE_TYPES.MemberExpression || getMemberName(node) !== place.path[i]) return false;
    node = unwrapExpression(node.object);
  }
  if (node.type === AST_NODE_TYPES.Identifier) return 'defs' in place.root && resolveVariable(context, node) === place.root;
  if (node.type === AST_NODE_TYPES.ThisExpression) return !('defs' in place.root) && getThisClass(node) === place.root;
  return false;
}

/**
 * The expressions inside `scope` that are `place` (`this.timer`, `o.timer`, `timer`), in
 * source order: found among the file's member expressions of the place's last name, or
 * the variable's references, without walking `scope`. `this` itself is none.
 */
export function getPlaceExpressionsWithin(context: AnyContext, scope: TSESTree.Node, place: Place): TSESTree.Node[] {
  if (place.path.length > 0) return getMembersNamedWithin(context, place.path.at(-1)!, scope).filter((member) => isAtPlace(context, member, place));
  if (!('defs' in place.root)) return [];
  return place.root.references
    .map((reference) => reference.identifier as TSESTree.Node)
    .filter((identifier) => isInside(identifier, scope))
    .sort((a, b) => a.range[0] - b.range[0]);
}

/**
 * The assignment (`=` or another operator) whose target is `expression`, through the
 * wrappers that do not change it (`(this.t as T) = …`, `this.t! = …`), or `null`.
 */
export function getAssignmentTo(expression: TSESTree.Node): TSESTree.AssignmentExpression | null {
  const { node: target, parent } = getValueParent(expression);
  return parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === target ? parent : null;
}

export function samePlace(a: Place | null, b: Place | null): boolean {
  if (!a || !b || a.root !== b.root || a.path.length !== b.path.length) return false;
  return a.path.every((segment, i) => segment === b.path[i]);
}

/** A string key for a place, unique per root object (for maps keyed by place). */
export function placeKey(place: Place): string {
  let id = rootIds.get(place.root);
  if (id === undefined) {
    id = nextRootId++;
    rootIds.set(place.root, id);
  }
  return [id, ...place.path].join('.');
}
const rootIds = new WeakMap<object, number>();
let nextRootId = 1;

/**
 * Whether two expressions denote the same object, compared by symbol: the same
 * place (`x`, `this.emitter`, `opts.signal`), or the same unshadowed global path
 * (`window`, `process`, `document.body`).
 */
export function isSameObject(context: AnyContext, a: TSESTree.Node, b: TSESTree.Node): boolean {
  const keyA = objectKey(context, a);
  return keyA !== null && keyA === objectKey(context, b);
}

/** A string identifying what an expression denotes (see `isSameObject`), or `null` when it is not stable. */
export function objectKey(context: AnyContext, expression: TSESTree.Node): string | null {
  const place = getPlace(context, expression);
  if (place) return `place:${placeKey(place)}`;
  const path: string[] = [];
  let node = unwrapExpression(expression);
  while (node.type === AST_NODE_TYPES.MemberExpression) {
    const name = getStaticPropertyName(node);
    if (name === null) return null;
    path.unshift(name);
    node = unwrapExpression(node.object);
  }
  if (node.type !== AST_NODE_TYPES.Identifier || !isGlobalReference(context, node)) return null;
  return `global:${[node.name, ...path].join('.')}`;
}

/** The plain assignments to `place` (`x = …`, `this.t = …`) in `scope` that end before `node` starts, in source order. */
export function getAssignmentsBefore(
  context: AnyContext,
  scope: TSESTree.Node,
  node: TSESTree.Node,
  place: Place,
): TSESTree.AssignmentExpression[] {
  const found: TSESTree.AssignmentExpression[] = [];
  for (const target of getPlaceExpressionsWithin(context, scope, place)) {
    if (target.range[0] >= node.range[0]) break;
    const assignment = getAssignmentTo(target);
    if (assignment?.operator === '=' && assignment.range[1] <= node.range[0]) found.push(assignment);
  }
  return found;
}

/**
 * `this.x` of a subclass that does not declare `x` (a field, an accessor, a constructor
 * parameter property): the base class, maybe in another file, owns the member.
 */
export function isInheritedMember(place: Place): boolean {
  const cls = place.root;
  if ('defs' in cls || !cls.superClass || place.path.length === 0) return false;
  const name = place.path[0];
  return !cls.body.body.some((member) => {
    if (member.type === AST_NODE_TYPES.PropertyDefinition || member.type === AST_NODE_TYPES.AccessorProperty) {
      return getClassMemberName(member) === name;
    }
    return (
      member.type === AST_NODE_TYPES.MethodDefinition &&
      member.kind === 'constructor' &&
      member.value.params.some(
        (param) =>
          param.type === AST_NODE_TYPES.TSParameterProperty &&
          param.parameter.type === AST_NODE_TYPES.Identifier &&
          param.parameter.name === name,
      )
    );
  });
}

/** Does `node` mention `variable` anywhere (by scope analysis, not by name)? */
export function referencesVariable(context: AnyContext, node: TSESTree.Node, variable: Variable): boolean {
  let found = false;
  walk(node, (inner) => {
    if (found) return false;
    if (inner.type === AST_NODE_TYPES.Identifier && resolveVariable(context, inner) === variable) found = true;
    return !found;
  });
  return found;
}
