import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../../analysis/syntax/node-types';

import { getContainingStatement, getEnclosingFunction } from '../../analysis/syntax/ast';
import type { AnyContext } from '../../analysis/syntax/context';
import type { Place } from '../../analysis/syntax/references';
import { isLoopNode } from '../../analysis/syntax/control-flow';
import { getTypeInfo, typeOfNode } from '../../analysis/types/type-info';
import { isNullableType, mayBeNull } from '../../analysis/types/types';
import { releaseText, type Resource } from '../../analysis/resources/resources';
import { allocateName, insertStatementBefore, type Remedy } from '../../fixes';

export type RemedyIds = 'releaseFirst' | 'keepController';

/**
 * Release the previous value before the assignment: `clearTimeout(this.t);`, `c?.abort();`.
 * Not when the assignment is not a statement of its own, when the release must be
 * awaited outside an async function, or when the variable may be unassigned there.
 */
export function releaseFirst(
  context: AnyContext,
  assignment: TSESTree.AssignmentExpression,
  place: Place,
  resource: Resource,
  name: string,
): Remedy<RemedyIds> | null {
  const statement = assignment.parent;
  if (statement?.type !== AST_NODE_TYPES.ExpressionStatement || getContainingStatement(assignment) !== statement) return null;
  const fn = getEnclosingFunction(assignment);
  if (resource.release.type === 'method' && resource.release.async && !fn?.async) return null;
  const info = getTypeInfo(context);
  const type = info && typeOfNode(info, assignment.left);
  const nullable = type ? isNullableType(type) : true;
  if ('defs' in place.root && place.path.length === 0 && !nullable) {
    // `let t: Timeout; … t = setTimeout()` in the same function: reading `t` first would not compile.
    const declaredWithoutValue = place.root.defs.some(
      (def) => def.node.type === AST_NODE_TYPES.VariableDeclarator && !def.node.init && getEnclosingFunction(def.node) === fn,
    );
    if (declaredWithoutValue) return null;
  }
  const release = releaseText(resource, name, { optional: nullable, nullArgument: !!type && mayBeNull(type) });
  return {
    messageId: 'releaseFirst',
    data: { label: resource.label, release },
    fix: (fixer) => insertStatementBefore(fixer, context.sourceCode, statement, release),
  };
}

/**
 * Keep a thrown-away controller in a `const` declared before the statement, where
 * declaring it there does not change how often it is created (not in a loop or a
 * class body between the two).
 */
export function keepController(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.NewExpression): Remedy<RemedyIds> | null {
  const statement = getContainingStatement(node);
  if (!statement) return null;
  for (let current: TSESTree.Node | undefined = node.parent; current; current = current.parent) {
    if (isLoopNode(current) || current.type === AST_NODE_TYPES.ClassBody) return null;
    if (current === statement) break;
  }
  const name = allocateName(sourceCode, 'controller');
  return {
    messageId: 'keepController',
    data: { name },
    fix: (fixer) => [insertStatementBefore(fixer, sourceCode, statement, `const ${name} = ${sourceCode.getText(node)}`), fixer.replaceText(node, name)],
  };
}
