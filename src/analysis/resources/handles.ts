import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../syntax/node-types';
import ts from 'typescript';

import {
  getKeyName,
  getPropertyName,
  getStaticPropertyName,
  getThisClass,
  getValueParent,
  isFunction as isFunctionNode,
  isNullishLiteral,
  unwrapExpression,
  walk,
} from '../syntax/ast';
import type { AnyContext } from '../syntax/context';
import { classifyUse, doesVariableEscape, isEscapingUse, isExportedVariable, isOwnMethodUse } from './escape';
import { getDestructuringsWithin, getMembersNamed } from '../syntax/file-index';
import { getAssignmentTo, getPlace, getPlaceExpressionsWithin, placeKey, resolveVariable, type Place } from '../syntax/references';
import { getTypeInfo, tsNodeOf, typeOfNode, type TypeInfo } from '../types/type-info';
import { isUnknownType, nonNullableParts } from '../types/types';

type Variable = TSESLint.Scope.Variable;
type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/** Own methods that return the handle itself (`setInterval(f, 1).unref()` is still the timer). */
const SELF_RETURNING_METHODS: ReadonlySet<string> = new Set(['ref', 'unref', 'refresh']);

/**
 * Where the value an expression produces ends up:
 * - `discarded`: dropped on the floor (an expression statement, `void x`, a
 *   non-final sequence item, `x.hasRef()`), `via` says through which own method;
 * - `variable`: stored in a variable (`const t = x`, `t = x`);
 * - `property`: stored in a place of `this` (`this.t = x`, a class field `t = x`);
 * - `escapes`: handed to someone else (returned, passed, stored in an object...);
 * - `other`: anything else (a condition, an operand...): callers stay quiet.
 * `outer` is the expression that carries the value, after self-returning own
 * method calls (`x.unref()` returns `x`).
 */
export type ValueDestination =
  | { readonly kind: 'discarded'; readonly outer: TSESTree.Node; readonly via: string | null }
  | { readonly kind: 'variable'; readonly outer: TSESTree.Node; readonly variable: Variable; readonly via: string | null }
  | { readonly kind: 'property'; readonly outer: TSESTree.Node; readonly place: Place; readonly via: string | null }
  | { readonly kind: 'escapes' | 'other'; readonly outer: TSESTree.Node; readonly via: string | null };

export function getValueDestination(context: AnyContext, expression: TSESTree.Node): ValueDestination {
  let { node, parent } = getValueParent(expression);
  let via: string | null = null;
  // Follow `x.unref()` / `x.ref()` / `x.refresh()`, which hand back `x` itself.
  while (
    parent?.type === AST_NODE_TYPES.MemberExpression &&
    parent.object === node &&
    parent.parent.type === AST_NODE_TYPES.CallExpression &&
    parent.parent.callee === parent &&
    isOwnMethodUse(node)
  ) {
    const method = getStaticPropertyName(parent)!;
    via = method;
    if (!SELF_RETURNING_METHODS.has(method)) return { kind: 'discarded', outer: parent.parent, via };
    ({ node, parent } = getValueParent(parent.parent));
  }
  if (!parent) return { kind: 'other', outer: node, via };
  switch (parent.type) {
    case AST_NODE_TYPES.ExpressionStatement:
      return { kind: 'discarded', outer: node, via };
    case AST_NODE_TYPES.UnaryExpression:
      return { kind: parent.operator === 'void' ? 'discarded' : 'other', outer: node, via };
    case AST_NODE_TYPES.SequenceExpression:
      if (parent.expressions.at(-1) !== node) return { kind: 'discarded', outer: node, via };
      break;
    case AST_NODE_TYPES.VariableDeclarator:
      if (parent.init === node && parent.id.type === AST_NODE_TYPES.Identifier) {
        const declaration = parent.parent;
        // `using t = …` releases it at the end of the scope: the value is owned.
        if (declaration.kind === 'using' || declaration.kind === 'await using') return { kind: 'other', outer: node, via };
        const variable = resolveVariable(context, parent.id);
        if (variable) return { kind: 'variable', outer: node, variable, via };
      }
      break;
    case AST_NODE_TYPES.AssignmentExpression:
      if (parent.right === node && parent.operator === '=') {
        const target = unwrapExpression(parent.left);
        if (target.type === AST_NODE_TYPES.Identifier) {
          const variable = resolveVariable(context, target);
          if (variable) return { kind: 'variable', outer: node, variable, via };
        } else if (target.type === AST_NODE_TYPES.MemberExpression) {
          const place = getPlace(context, target);
          if (place && place.path.length > 0 && !('defs' in place.root)) return { kind: 'property', outer: node, place, via };
        }
      }
      break;
    case AST_NODE_TYPES.PropertyDefinition:
      if (parent.value === node && !parent.static && !parent.computed) {
        const name = getKeyName(parent.key, false);
        const cls = parent.parent.parent;
        if (name !== null) return { kind: 'property', outer: node, place: { root: cls, path: [name], node: parent.key }, via };
      }
      return { kind: 'other', outer: node, via };
    default:
      break;
  }
  return { kind: isEscapingUse(context, node) ? 'escapes' : 'other', outer: node, via };
}

/** How the code uses a value it holds in a variable or a place of `this`. */
export interface HeldValueUses {
  /** Some use releases it (`clearTimeout(t)`, `t.close()`, `t[Symbol.dispose]()`...). */
  readonly released: boolean;
  /** Some use hands it to someone else, or does something the analysis cannot follow. */
  readonly escapes: boolean;
  /** Reads that neither release nor escape: own methods (`t.unref()`), tests (`if (t)`, `t == null`). */
  readonly inertReads: number;
  /** The own methods called on it (`unref`, `ref`, `hasRef`, `refresh`). */
  readonly ownMethods: readonly string[];
}

/**
 * Every read of a variable, classified (writes are not reads). A read that is
 * neither a release nor clearly inert (an own method, a truthiness test, a
 * comparison with `null`/`undefined`) counts as an escape: stay quiet about it.
 */
export function getVariableUses(context: AnyContext, variable: Variable): HeldValueUses {
  const reads = variable.references.filter((reference) => reference.isRead()).map((reference) => reference.identifier);
  return classifyUses(context, reads, false);
}

/** The reads of a place of `this` inside its class, in source order: every use but a plain write (`this.timer = …`). */
function getThisPlaceReads(context: AnyContext, cls: ClassNode, place: Place): TSESTree.Node[] {
  return getPlaceExpressionsWithin(context, cls.body, place).filter((node) => getThisClass(node) === cls && getAssignmentTo(node)?.operator !== '=');
}

/**
 * Every read of a place of `this` inside its class (`this.timer`, a class field),
 * classified like `getVariableUses`. A public member can also be released from
 * outside the class: a release of `something.<name>` anywhere in the file counts
 * as `released` too (erring on the quiet side).
 */
export function getThisPlaceUses(context: AnyContext, place: Place): HeldValueUses {
  const cls = place.root as TSESTree.ClassDeclaration | TSESTree.ClassExpression;
  const uses = classifyUses(context, getThisPlaceReads(context, cls, place), true);
  if (uses.released || uses.escapes) return uses;
  return { ...uses, released: isMemberUsedOutside(context, cls, place.path.at(-1)!, { escapes: false }) };
}

function classifyUses(context: AnyContext, reads: readonly TSESTree.Node[], inClass: boolean): HeldValueUses {
  let released = false;
  let escapes = false;
  let inertReads = 0;
  const ownMethods: string[] = [];
  for (const read of reads) {
    const { kind } = classifyUse(context, read, { inClass });
    if (kind === 'release') released = true;
    else if (kind === 'ownMethod') {
      inertReads++;
      ownMethods.push(getStaticPropertyName(getValueParent(read).parent as TSESTree.MemberExpression)!);
    } else if (kind === 'test') inertReads++;
    else escapes = true;
  }
  return { released, escapes, inertReads, ownMethods };
}

/**
 * May the value held in a place belong to someone else? A read of it escapes
 * (`const prev = this.controller`, `list.push(this.sub)`, `return this.timer`), it is
 * copied out by a destructuring (`const { timer } = this`), the variable is exported,
 * or the same member is released or handed on through another object that may be an
 * instance of the class (`clearTimeout(q.timer)`, `keep(q.timer)`).
 */
export function isPlaceHandedOn(context: AnyContext, place: Place): boolean {
  const cache = handedOn.get(context.sourceCode) ?? new Map<string, boolean>();
  handedOn.set(context.sourceCode, cache);
  const key = placeKey(place);
  let result = cache.get(key);
  if (result === undefined) {
    result = computeHandedOn(context, place);
    cache.set(key, result);
  }
  return result;
}

const handedOn = new WeakMap<object, Map<string, boolean>>();

function computeHandedOn(context: AnyContext, place: Place): boolean {
  const root = place.root;
  if ('defs' in root && place.path.length === 0) return doesVariableEscape(context, root);
  const scope = 'defs' in root ? root.scope.block : root;
  if (getPlaceExpressionsWithin(context, scope, place).some((use) => use.type === AST_NODE_TYPES.MemberExpression && !isWrite(use) && isEscapingUse(context, use))) return true;
  if (getDestructuringsWithin(context, scope).some((node) => destructuresPlace(context, node, place))) return true;
  return !('defs' in root) && place.path.length === 1 && isMemberUsedOutside(context, root, place.path[0]!, { escapes: true });
}

/** `const { timer } = this` / `({ timer } = this)`: the value is copied out of the place. */
function destructuresPlace(context: AnyContext, node: TSESTree.Node, place: Place): boolean {
  let pattern: TSESTree.Node | null = null;
  let source: TSESTree.Node | null = null;
  if (node.type === AST_NODE_TYPES.VariableDeclarator && node.init) [pattern, source] = [node.id, node.init];
  else if (node.type === AST_NODE_TYPES.AssignmentExpression) [pattern, source] = [node.left, node.right];
  if (pattern?.type !== AST_NODE_TYPES.ObjectPattern || !source) return false;
  const base = getPlace(context, source);
  if (!base || base.root !== place.root || base.path.length !== place.path.length - 1) return false;
  if (!base.path.every((segment, i) => segment === place.path[i])) return false;
  return pattern.properties.some(
    (property) => property.type === AST_NODE_TYPES.RestElement || getPropertyName(property) === place.path.at(-1),
  );
}

/**
 * Is member `name` of `cls` released (and, with `escapes`, handed on) through another
 * object in the file that may be an instance of the class (`clearInterval(pool.timer)`)?
 * A public member can be released from outside its class.
 */
export function isMemberUsedOutside(context: AnyContext, cls: ClassNode, name: string, { escapes }: { escapes: boolean }): boolean {
  return getMembersNamed(context, name).some((member) => {
    if (getPlace(context, member)?.root === cls || isWrite(member)) return false;
    const { kind } = classifyUse(context, member);
    if (kind !== 'release' && !(escapes && isEscapingUse(context, member))) return false;
    return mayBeInstanceOf(context, member.object, cls);
  });
}

/** The target of an assignment (`x.t = …`), not a read. */
function isWrite(node: TSESTree.Node): boolean {
  const { node: outer, parent } = getValueParent(node);
  return parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === outer;
}

/**
 * May `object` be an instance of `cls` (or `cls` an instance of its class)? By type
 * when there is type information (unknown and structural types may), else anything
 * but `this` of an unrelated class without `extends`.
 */
function mayBeInstanceOf(context: AnyContext, object: TSESTree.Node, cls: ClassNode): boolean {
  const target = unwrapExpression(object);
  const info = getTypeInfo(context);
  if (!info) {
    if (target.type !== AST_NODE_TYPES.ThisExpression) return true;
    const other = getThisClass(target);
    return !other || !!other.superClass || !!cls.superClass;
  }
  const classSymbol = (tsNodeOf(info, cls) as ts.ClassLikeDeclaration & { symbol?: ts.Symbol }).symbol;
  const type = typeOfNode(info, target);
  if (!classSymbol || isUnknownType(type)) return true;
  return nonNullableParts(type).some((thisOrPart) => {
    // `this` is a type parameter constrained by its class.
    const part = thisOrPart.isTypeParameter() ? info.checker.getApparentType(thisOrPart) : thisOrPart;
    const symbol = part.getSymbol();
    if (!symbol || !(symbol.flags & ts.SymbolFlags.Class)) return true;
    const declared = (of: ts.Symbol) => info.checker.getDeclaredTypeOfSymbol(of);
    return symbol === classSymbol || derivesFrom(info, declared(symbol), classSymbol) || derivesFrom(info, declared(classSymbol), symbol);
  });
}

function derivesFrom(info: TypeInfo, type: ts.Type, base: ts.Symbol, depth = 0): boolean {
  if (depth > 8 || !type.isClassOrInterface()) return false;
  return (info.checker.getBaseTypes(type) ?? []).some((b) => b.getSymbol() === base || derivesFrom(info, b, base, depth + 1));
}

/** Whether the code calls `unref()` on the value held in the place (`this.child.unref()`): it lets it go on purpose. */
export function isUnrefed(context: AnyContext, place: Place): boolean {
  const root = place.root;
  if ('defs' in root) return place.path.length === 0 && getVariableUses(context, root).ownMethods.includes('unref');
  return getThisPlaceUses(context, place).ownMethods.includes('unref');
}

/**
 * The reads of the variable or `this` field of `cls` that holds a handle (writes with
 * `=` are not reads), or `null` when the code cannot follow them: an exported
 * variable, a field of something other than `this` of `cls`.
 */
export function getHeldReads(context: AnyContext, destination: ValueDestination, cls: ClassNode | null): TSESTree.Node[] | null {
  if (destination.kind === 'variable') {
    if (isExportedVariable(destination.variable)) return null;
    return destination.variable.references.filter((reference) => reference.isRead()).map((reference) => reference.identifier);
  }
  if (destination.kind !== 'property' || !cls || destination.place.root !== cls) return null;
  return getThisPlaceReads(context, cls, destination.place);
}

/**
 * A use of a class's public field (`this.x` of `place`) from outside the class that
 * passes `test` (`pool.observer.disconnect()`, `store.sub.unsubscribe()`): its user ends it.
 */
export function isFieldUsedOutside(context: AnyContext, place: Place, test: (use: TSESTree.MemberExpression) => boolean): boolean {
  const cls = place.root as ClassNode;
  return getMembersNamed(context, place.path.at(-1)!).some((member) => getThisClass(member) !== cls && test(member));
}

/**
 * Is the place emptied (`x = undefined`, `this.c = null`, also behind a test: `if
 * (this.c === c) this.c = undefined`) in a `finally` whose `try` waits for work (an
 * `await`, a `yield`, a `for await`)? The handle then lives only while that work runs:
 * the author keeps one at a time (a single-flight request). A `finally` after a release
 * alone (`try { c.abort() } finally { c = null }`) waits for nothing and does not count.
 */
export function isEmptiedAfterWork(context: AnyContext, place: Place): boolean {
  const scope = 'defs' in place.root ? place.root.scope.block : place.root;
  return getPlaceExpressionsWithin(context, scope, place).some((target) => {
    const assignment = getAssignmentTo(target);
    return assignment?.operator === '=' && isNullishLiteral(assignment.right) && isInFinallyAfterWork(assignment);
  });
}

/** Is `node` in a `finally` (not in a function of its own there) whose `try` block suspends? */
function isInFinallyAfterWork(node: TSESTree.Node): boolean {
  for (let child = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (isFunctionNode(parent)) return false;
    if (parent.type === AST_NODE_TYPES.TryStatement && parent.finalizer === child && containsSuspension(parent.block)) return true;
  }
  return false;
}

/** An `await`, `yield` or `for await` in `node`, not inside a function of its own. */
function containsSuspension(node: TSESTree.Node): boolean {
  let found = false;
  walk(node, (inner) => {
    if (found || (inner !== node && isFunctionNode(inner))) return false;
    if (inner.type === AST_NODE_TYPES.AwaitExpression || inner.type === AST_NODE_TYPES.YieldExpression) found = true;
    if (inner.type === AST_NODE_TYPES.ForOfStatement && inner.await) found = true;
    return !found;
  });
  return found;
}
