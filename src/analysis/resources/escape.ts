/**
 * What happens to a value at one of its uses, answered once: `classifyUse` says what
 * kind of use it is, and each policy below says which kinds hand the value to someone
 * else. Rules differ on purpose only in the policy they ask (see each function).
 */
import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../syntax/node-types';

import { isCleanupRegistrarCall } from './allow';
import { getMethodCall, getStaticPropertyName, getValueParent, isNullishLiteral, unwrapExpression } from '../syntax/ast';
import type { AnyContext } from '../syntax/context';
import { resolveVariable } from '../syntax/references';
import { getReleasedExpression } from './resources';

type Variable = TSESLint.Scope.Variable;

/**
 * - `release`: the value's own release (`clearTimeout(t)`, `t.close()`, `t[Symbol.dispose]()`);
 * - `ownMethod`: one of its own ref methods (`t.unref()`, `t.ref()`, `t.hasRef()`, `t.refresh()`);
 * - `test`: a test of it (`if (t)`, `!t`, `t == null`, `typeof t`, `t && x` in a test);
 * - `returned`: returned, yielded, thrown, an arrow function's body, exported;
 * - `stored`: put in an array, an object, a field (`o.f = t`), spread, a template, JSX;
 * - `collected`: passed to a collection's method (`push`, `add`, `set`...), or to a
 *   cleanup registrar of `settings.asyncleak.cleanupRegistrars` (`this._register(d)`):
 *   its owner keeps it and ends it;
 * - `argument`: passed to another call; `constructorArgument`: passed to `new`;
 * - `aliased`: assigned to a variable (`const u = t`, `u = t`, a destructuring);
 * - `other`: anything else (a property read, an operand, a statement of its own...).
 */
export type UseKind =
  | 'release'
  | 'ownMethod'
  | 'test'
  | 'returned'
  | 'stored'
  | 'collected'
  | 'argument'
  | 'constructorArgument'
  | 'aliased'
  | 'other';

export interface Use {
  readonly kind: UseKind;
  /** For `aliased`: the binding the value is assigned to (an identifier, or a pattern). */
  readonly alias?: TSESTree.Node;
}

/** A handle's own methods: calling them neither releases nor hands it on. */
const OWN_METHODS: ReadonlySet<string> = new Set(['ref', 'unref', 'hasRef', 'refresh']);

/** Methods through which a value is put into a collection. */
const COLLECTING_METHODS: ReadonlySet<string> = new Set(['push', 'unshift', 'add', 'set', 'splice', 'concat', 'fill']);

/**
 * What kind of use `use` (an expression that yields the value) is. Climbs through
 * what lets the value flow on (`a ? t : b`, `t || b`, `await t`, the last item of a
 * sequence). `inClass`: a `this.t ??= …` read only decides whether to write (a test).
 * Rules ask it through a policy: `isEscapingUse`, `isCollectingUse`, or (for a handle
 * the code must release itself) anything but a release, an own method or a test.
 */
export function classifyUse(context: AnyContext, use: TSESTree.Node, { inClass = false }: { inClass?: boolean } = {}): Use {
  const { node, parent } = getValueParent(use);
  if (!parent) return { kind: 'other' };
  if (isTestPosition(node, parent, inClass)) return { kind: 'test' };
  switch (parent.type) {
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression: {
      if (!parent.arguments.includes(node as TSESTree.CallExpressionArgument)) return { kind: 'other' };
      if (parent.type === AST_NODE_TYPES.NewExpression) return { kind: 'constructorArgument' };
      if (getReleasedExpression(context, parent) === node) return { kind: 'release' };
      const method = getMethodCall(parent);
      if (method && COLLECTING_METHODS.has(method.method)) return { kind: 'collected' };
      return { kind: isCleanupRegistrarCall(context, parent) ? 'collected' : 'argument' };
    }
    case AST_NODE_TYPES.MemberExpression: {
      if (parent.object !== node) return { kind: 'other' };
      const call = getValueParent(parent);
      if (call.parent?.type !== AST_NODE_TYPES.CallExpression || call.parent.callee !== call.node) return { kind: 'other' };
      if (getReleasedExpression(context, call.parent) === node) return { kind: 'release' };
      return { kind: !parent.computed && OWN_METHODS.has(getStaticPropertyName(parent) ?? '') ? 'ownMethod' : 'other' };
    }
    case AST_NODE_TYPES.ReturnStatement:
    case AST_NODE_TYPES.YieldExpression:
    case AST_NODE_TYPES.ThrowStatement:
    case AST_NODE_TYPES.ExportSpecifier:
    case AST_NODE_TYPES.ExportDefaultDeclaration:
      return { kind: 'returned' };
    case AST_NODE_TYPES.ArrowFunctionExpression:
      return { kind: parent.body === node ? 'returned' : 'other' };
    case AST_NODE_TYPES.ArrayExpression:
    case AST_NODE_TYPES.SpreadElement:
    case AST_NODE_TYPES.TemplateLiteral:
    case AST_NODE_TYPES.TaggedTemplateExpression:
    case AST_NODE_TYPES.JSXExpressionContainer:
      return { kind: 'stored' };
    case AST_NODE_TYPES.Property:
      return { kind: parent.value === node && parent.parent.type === AST_NODE_TYPES.ObjectExpression ? 'stored' : 'other' };
    case AST_NODE_TYPES.VariableDeclarator:
      return parent.init === node ? { kind: 'aliased', alias: parent.id } : { kind: 'other' };
    case AST_NODE_TYPES.AssignmentExpression: {
      if (parent.right !== node) return { kind: 'other' };
      const target = unwrapExpression(parent.left);
      return target.type === AST_NODE_TYPES.Identifier || target.type === AST_NODE_TYPES.ObjectPattern || target.type === AST_NODE_TYPES.ArrayPattern
        ? { kind: 'aliased', alias: target }
        : { kind: 'stored' };
    }
    case AST_NODE_TYPES.ConditionalExpression:
    case AST_NODE_TYPES.LogicalExpression:
    case AST_NODE_TYPES.AwaitExpression:
      return classifyUse(context, parent, { inClass });
    case AST_NODE_TYPES.SequenceExpression:
      return parent.expressions.at(-1) === node ? classifyUse(context, parent, { inClass }) : { kind: 'other' };
    default:
      return { kind: 'other' };
  }
}

/** `if (t)`, `!t`, `t ? a : b`, `t && x` in a test or on its own, `t == null`, `typeof t`, `this.t ??= …`. */
function isTestPosition(node: TSESTree.Node, parent: TSESTree.Node, inClass: boolean): boolean {
  switch (parent.type) {
    case AST_NODE_TYPES.IfStatement:
    case AST_NODE_TYPES.WhileStatement:
    case AST_NODE_TYPES.DoWhileStatement:
    case AST_NODE_TYPES.ConditionalExpression:
    case AST_NODE_TYPES.ForStatement:
      return parent.test === node;
    case AST_NODE_TYPES.UnaryExpression:
      return parent.operator === '!' || parent.operator === 'typeof';
    case AST_NODE_TYPES.LogicalExpression:
      // The operand itself only flows on when it is the last one.
      return (
        (!!parent.parent && isTestPosition(parent, parent.parent, inClass)) ||
        (parent.left === node && parent.parent.type === AST_NODE_TYPES.ExpressionStatement)
      );
    case AST_NODE_TYPES.BinaryExpression: {
      if (!['==', '!=', '===', '!=='].includes(parent.operator)) return false;
      const other = parent.left === node ? parent.right : parent.left;
      return isNullishLiteral(other) && other.type !== AST_NODE_TYPES.UnaryExpression;
    }
    case AST_NODE_TYPES.AssignmentExpression:
      // `this.timer ??= setInterval(…)`: the read only decides whether to write.
      return inClass && parent.left === node && (parent.operator === '??=' || parent.operator === '||=');
    default:
      return false;
  }
}

/** Kinds of use that hand the value to someone else (what the rules' docs call "handed on"). */
const ESCAPING: ReadonlySet<UseKind> = new Set(['returned', 'stored', 'collected', 'argument', 'constructorArgument', 'aliased']);

/**
 * Does this use hand the value to someone else? Returned, yielded, thrown, stored
 * in a field, array, map or object, passed to a call other than its own release,
 * assigned to another variable, spread, or exported. The value then belongs to
 * someone else: rules stay quiet about it.
 */
export function isEscapingUse(context: AnyContext, use: TSESTree.Node): boolean {
  return ESCAPING.has(classifyUse(context, use).kind);
}

/**
 * Is this use the code collecting the value on purpose (one per iteration, kept
 * together)? Returned, stored (a field, an array, an object), put in a collection,
 * given to a constructor, or assigned to a variable that is collected in turn.
 * Passing it to an ordinary function only uses it: the code still owns it.
 */
export function isCollectingUse(context: AnyContext, use: TSESTree.Node, depth = 0): boolean {
  if (depth > 3) return false;
  const { kind, alias } = classifyUse(context, use);
  switch (kind) {
    case 'returned':
    case 'stored':
    case 'collected':
    case 'constructorArgument':
      return true;
    case 'aliased': {
      if (alias?.type !== AST_NODE_TYPES.Identifier) return true;
      const variable = resolveVariable(context, alias);
      if (!variable || isExportedVariable(variable)) return true;
      if (variable.references.some((reference) => reference.isRead() && isCollectingUse(context, reference.identifier, depth + 1))) return true;
      // `a = b = x`: the assignment's own value flows on too.
      const assignment = alias.parent;
      return assignment?.type === AST_NODE_TYPES.AssignmentExpression && isCollectingUse(context, assignment, depth + 1);
    }
    default:
      return false;
  }
}

/** Whether a method call on the value is one of its own (`t.unref()`, `t.refresh()`). */
export function isOwnMethodUse(use: TSESTree.Node): boolean {
  const { node, parent } = getValueParent(use);
  return (
    parent?.type === AST_NODE_TYPES.MemberExpression &&
    parent.object === node &&
    !parent.computed &&
    parent.property.type === AST_NODE_TYPES.Identifier &&
    OWN_METHODS.has(parent.property.name)
  );
}

/** Whether a variable's value escapes (see `isEscapingUse`), or the variable itself is exported. */
export function doesVariableEscape(context: AnyContext, variable: Variable): boolean {
  if (isExportedVariable(variable)) return true;
  return variable.references.some((reference) => reference.isRead() && isEscapingUse(context, reference.identifier));
}

/**
 * `export const x`, `export let x`, `export function x`, `export { x }`. Only the
 * declaration itself counts: a parameter of an exported function is not exported.
 */
export function isExportedVariable(variable: Variable): boolean {
  for (const def of variable.defs) {
    if (def.type !== 'Variable' && def.type !== 'FunctionName' && def.type !== 'ClassName') continue;
    // Variable: declarator → declaration → export; function/class: declaration → export.
    const declaration = def.type === 'Variable' ? def.parent : def.node;
    const parent = declaration?.parent;
    if (parent?.type === AST_NODE_TYPES.ExportNamedDeclaration || parent?.type === AST_NODE_TYPES.ExportDefaultDeclaration) {
      return true;
    }
  }
  return variable.references.some((reference) => reference.identifier.parent?.type === AST_NODE_TYPES.ExportSpecifier);
}
