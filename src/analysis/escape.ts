import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { getValueParent } from './ast';
import { getReleasedExpression } from './resources';

type AnyContext = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;
type Variable = TSESLint.Scope.Variable;

/** Methods a handle may be called through without escaping: its own release and ref/unref methods. */
const OWN_METHODS: ReadonlySet<string> = new Set(['ref', 'unref', 'hasRef', 'refresh']);

/**
 * Does this use of a value hand it to someone else? Returned, yielded, thrown,
 * stored in a field, array, map or object, passed to a call other than its own
 * release/ref/unref methods, assigned to another variable, spread, or exported.
 */
export function isEscapingUse(context: AnyContext, use: TSESTree.Node): boolean {
  const { node, parent } = getValueParent(use);
  if (!parent) return false;
  switch (parent.type) {
    case AST_NODE_TYPES.ReturnStatement:
    case AST_NODE_TYPES.YieldExpression:
    case AST_NODE_TYPES.ThrowStatement:
    case AST_NODE_TYPES.ArrayExpression:
    case AST_NODE_TYPES.SpreadElement:
    case AST_NODE_TYPES.ExportSpecifier:
    case AST_NODE_TYPES.ExportDefaultDeclaration:
    case AST_NODE_TYPES.TemplateLiteral:
    case AST_NODE_TYPES.TaggedTemplateExpression:
    case AST_NODE_TYPES.JSXExpressionContainer:
      return true;
    case AST_NODE_TYPES.ArrowFunctionExpression:
      return parent.body === node;
    case AST_NODE_TYPES.Property:
      return parent.value === node && parent.parent.type === AST_NODE_TYPES.ObjectExpression;
    case AST_NODE_TYPES.VariableDeclarator:
      return parent.init === node;
    case AST_NODE_TYPES.AssignmentExpression:
      return parent.right === node;
    case AST_NODE_TYPES.ConditionalExpression:
    case AST_NODE_TYPES.LogicalExpression:
    case AST_NODE_TYPES.AwaitExpression:
    case AST_NODE_TYPES.SequenceExpression:
      // The value flows on: decide by what happens to the whole expression.
      return (parent.type !== AST_NODE_TYPES.ConditionalExpression || parent.test !== node) &&
        (parent.type !== AST_NODE_TYPES.SequenceExpression || parent.expressions.at(-1) === node) &&
        isEscapingUse(context, parent);
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression:
      if (!parent.arguments.includes(node as TSESTree.CallExpressionArgument)) return false;
      return !(parent.type === AST_NODE_TYPES.CallExpression && getReleasedExpression(context, parent) === node);
    case AST_NODE_TYPES.MemberExpression:
      return false;
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
  return variable.references.some(
    (reference) => reference.isRead() && isEscapingUse(context, reference.identifier),
  );
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
