import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './node-types';

import { isFunction, isInside, walk } from './ast';

/** The statements of a block-like node (a block, a static block, the program, a `case`), or `null`. */
export function statementList(node: TSESTree.Node): readonly TSESTree.Statement[] | null {
  switch (node.type) {
    case AST_NODE_TYPES.BlockStatement:
    case AST_NODE_TYPES.StaticBlock:
      return node.body;
    case AST_NODE_TYPES.Program:
      return node.body as TSESTree.Statement[];
    case AST_NODE_TYPES.SwitchCase:
      return node.consequent;
    default:
      return null;
  }
}

/** `return`/`throw`/`break`/`continue`, or a block that ends in one. */
export function isExit(statement: TSESTree.Statement): boolean {
  switch (statement.type) {
    case AST_NODE_TYPES.ReturnStatement:
    case AST_NODE_TYPES.ThrowStatement:
    case AST_NODE_TYPES.BreakStatement:
    case AST_NODE_TYPES.ContinueStatement:
      return true;
    case AST_NODE_TYPES.BlockStatement: {
      const last = statement.body.at(-1);
      return !!last && isExit(last);
    }
    default:
      return false;
  }
}

/** Whether an exit follows `child` in the statement list of `parent`. */
function followedByExit(child: TSESTree.Node, parent: TSESTree.Node): boolean {
  const list = statementList(parent);
  if (!list) return false;
  const index = list.indexOf(child as TSESTree.Statement);
  return index >= 0 && list.slice(index + 1).some(isExit);
}

/**
 * Can `earlier` run before `later` in one pass of the code? Not when they sit in
 * different branches of an `if`/`?:`/`switch`/`try`, in different functions, or when
 * an exit (`return`, `throw`...) follows `earlier` in its own block or comes between
 * the two.
 */
export function isOnTheWay(earlier: TSESTree.Node, later: TSESTree.Node): boolean {
  const ancestors = new Set<TSESTree.Node>();
  for (let node: TSESTree.Node | undefined = later; node; node = node.parent) ancestors.add(node);
  let child: TSESTree.Node = earlier;
  let current = earlier.parent;
  for (; current && !ancestors.has(current); child = current, current = current.parent) {
    if (isFunction(current)) return false;
    if (followedByExit(child, current)) return false;
  }
  if (!current) return false;
  switch (current.type) {
    case AST_NODE_TYPES.IfStatement:
    case AST_NODE_TYPES.ConditionalExpression:
    case AST_NODE_TYPES.SwitchStatement:
    case AST_NODE_TYPES.TryStatement:
      return false;
    default:
      break;
  }
  // In the common statement list: an exit between the two ends the way.
  const list = statementList(current);
  if (list) {
    const from = list.indexOf(child as TSESTree.Statement);
    const to = list.findIndex((statement) => isInside(later, statement));
    if (from >= 0 && list.slice(from + 1, Math.max(to, from + 1)).some(isExit)) return false;
  }
  return true;
}

export type LoopNode =
  | TSESTree.DoWhileStatement
  | TSESTree.ForInStatement
  | TSESTree.ForOfStatement
  | TSESTree.ForStatement
  | TSESTree.WhileStatement;

export function isLoopNode(node: TSESTree.Node): node is LoopNode {
  return (
    node.type === AST_NODE_TYPES.ForStatement ||
    node.type === AST_NODE_TYPES.ForInStatement ||
    node.type === AST_NODE_TYPES.ForOfStatement ||
    node.type === AST_NODE_TYPES.WhileStatement ||
    node.type === AST_NODE_TYPES.DoWhileStatement
  );
}

/**
 * Whether `node` holds a `continue` of `loop`: an unlabelled one that is not inside
 * a nested loop, or a labelled one (which may name `loop` or a loop around it).
 */
export function continuesLoop(node: TSESTree.Node, loop: LoopNode): boolean {
  let found = false;
  const visit = (root: TSESTree.Node, nested: boolean): void => {
    walk(root, (inner) => {
      if (found || isFunction(inner)) return false;
      if (inner !== root && inner !== loop && isLoopNode(inner)) {
        visit(inner.body, true);
        return false;
      }
      if (inner.type === AST_NODE_TYPES.ContinueStatement && (!nested || inner.label)) found = true;
      return !found;
    });
  };
  visit(node, false);
  return found;
}

/** Whether a `break` leaves `loop`: a label on the loop or around it, or an unlabelled one not inside a nested loop or `switch`. */
export function breakLeaves(statement: TSESTree.BreakStatement, loop: LoopNode): boolean {
  if (statement.label) {
    for (let current: TSESTree.Node | undefined = loop.parent; current; current = current.parent) {
      if (current.type === AST_NODE_TYPES.LabeledStatement && current.label.name === statement.label.name) return true;
      if (isFunction(current)) break;
    }
    return false;
  }
  for (let current: TSESTree.Node | undefined = statement.parent; current && current !== loop; current = current.parent) {
    if (current.type === AST_NODE_TYPES.SwitchStatement || isLoopNode(current)) return false;
  }
  return true;
}

/**
 * Does the code after `node` in its statement lists always leave `loop` before the
 * next iteration (a `break` or `return` that follows it, with no `continue` of the
 * loop in between)? Then `node` runs at most once per run of the loop.
 */
export function exitsLoopAfter(node: TSESTree.Node, loop: LoopNode): boolean {
  let child: TSESTree.Node = node;
  for (let current = node.parent; current && current !== loop; child = current, current = current.parent) {
    if (isFunction(current)) return false;
    const list = current.type === AST_NODE_TYPES.BlockStatement || current.type === AST_NODE_TYPES.SwitchCase ? statementList(current) : null;
    if (!list) continue;
    const index = list.indexOf(child as TSESTree.Statement);
    for (const sibling of list.slice(index + 1)) {
      if (sibling.type === AST_NODE_TYPES.ReturnStatement) return true;
      if (sibling.type === AST_NODE_TYPES.BreakStatement && breakLeaves(sibling, loop)) return true;
      if (continuesLoop(sibling, loop)) return false;
    }
  }
  return false;
}

/**
 * A loop that runs its body at most once: the body ends in an unconditional
 * `break`/`return`/`throw` and has no `continue` for this loop.
 */
export function runsBodyAtMostOnce(loop: LoopNode): boolean {
  const body = loop.body;
  const last = body.type === AST_NODE_TYPES.BlockStatement ? body.body.at(-1) : body;
  if (
    !last ||
    (last.type !== AST_NODE_TYPES.BreakStatement &&
      last.type !== AST_NODE_TYPES.ReturnStatement &&
      last.type !== AST_NODE_TYPES.ThrowStatement) ||
    (last.type === AST_NODE_TYPES.BreakStatement && last.label !== null)
  ) {
    return false;
  }
  return !continuesLoop(body, loop);
}

/** Whether `node` sits in a `finally` block of its own function (cleanup code). */
export function isInFinallyBlock(node: TSESTree.Node): boolean {
  for (let current: TSESTree.Node = node; current.parent; current = current.parent) {
    const parent: TSESTree.Node = current.parent;
    if (isFunction(parent)) return false;
    if (parent.type === AST_NODE_TYPES.TryStatement && parent.finalizer === current) return true;
  }
  return false;
}

/** Whether the code (not the functions inside it) can suspend: an `await` or a `yield`. */
export function containsAwait(node: TSESTree.Node): boolean {
  let found = false;
  walk(node, (inner) => {
    if (found || (inner !== node && isFunction(inner))) return false;
    if (inner.type === AST_NODE_TYPES.AwaitExpression || inner.type === AST_NODE_TYPES.YieldExpression) found = true;
    return !found;
  });
  return found;
}
