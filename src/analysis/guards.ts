import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { getEnclosingFunction, getMemberName, isFunction, isInside, isNullishLiteral, isStringLiteral, unwrapExpression, walk } from './ast';
import type { AnyContext } from './context';
import { containsAwait, isExit, statementList } from './control-flow';
import { getAssignmentsBefore, getPlace, samePlace, type Place } from './references';
import { releasesPlace } from './releases';

/**
 * Is the place provably empty at `node`, by a guard on the way from the start of
 * `scope` (a function, or the activation the node belongs to)? `if (!x) …`, `x == null
 * ? … : …`, `x || (x = …)`, `x ?? (x = …)`, `x && …` in the other branch, or an early
 * exit before `node` (`if (x) return;`).
 */
export function isGuardedEmpty(context: AnyContext, node: TSESTree.Node, place: Place, scope: TSESTree.Node): boolean {
  let child: TSESTree.Node = node;
  for (let current: TSESTree.Node | undefined = node.parent; current && child !== scope; child = current, current = current.parent) {
    switch (current.type) {
      case AST_NODE_TYPES.IfStatement:
      case AST_NODE_TYPES.ConditionalExpression:
        if (child === current.consequent && provesEmpty(context, current.test, place, true)) return true;
        if (child === current.alternate && provesEmpty(context, current.test, place, false)) return true;
        break;
      case AST_NODE_TYPES.LogicalExpression:
        if (child !== current.right) break;
        if (current.operator === '&&' && provesEmpty(context, current.left, place, true)) return true;
        if (current.operator === '||' && provesEmpty(context, current.left, place, false)) return true;
        if (current.operator === '??' && samePlace(getPlace(context, current.left), place)) return true;
        break;
      default: {
        const list = statementList(current);
        if (!list) break;
        const index = list.indexOf(child as TSESTree.Statement);
        for (const statement of list.slice(0, Math.max(index, 0))) {
          if (
            statement.type === AST_NODE_TYPES.IfStatement &&
            !statement.alternate &&
            isExit(statement.consequent) &&
            provesEmpty(context, statement.test, place, false)
          ) {
            return true;
          }
        }
      }
    }
  }
  return false;
}

/**
 * Whether `test` having the value `whenTrue` proves the place empty: `!x`, `x ==
 * null`, `typeof x === 'undefined'`, `a && !x`... and, for a controller, `x.signal.aborted`
 * (the old controller is spent).
 */
export function provesEmpty(context: AnyContext, test: TSESTree.Node, place: Place, whenTrue: boolean): boolean {
  const node = unwrapExpression(test);
  if (samePlace(getPlace(context, node), place)) return !whenTrue;
  if (whenTrue && isAbortedCheck(context, node, place)) return true;
  switch (node.type) {
    case AST_NODE_TYPES.UnaryExpression:
      return node.operator === '!' && provesEmpty(context, node.argument, place, !whenTrue);
    case AST_NODE_TYPES.LogicalExpression:
      if (node.operator === '&&' && whenTrue) {
        return provesEmpty(context, node.left, place, true) || provesEmpty(context, node.right, place, true);
      }
      if (node.operator === '||' && !whenTrue) {
        return provesEmpty(context, node.left, place, false) || provesEmpty(context, node.right, place, false);
      }
      return false;
    case AST_NODE_TYPES.BinaryExpression: {
      const equality = node.operator === '==' || node.operator === '===';
      if (!equality && node.operator !== '!=' && node.operator !== '!==') return false;
      const sides: [TSESTree.Node, TSESTree.Node][] = [
        [node.left, node.right],
        [node.right, node.left],
      ];
      const matches = sides.some(([subject, other]) => {
        const inner = unwrapExpression(subject);
        if (inner.type === AST_NODE_TYPES.UnaryExpression && inner.operator === 'typeof') {
          return samePlace(getPlace(context, inner.argument), place) && isStringLiteral(other, 'undefined');
        }
        return samePlace(getPlace(context, inner), place) && isNullishLiteral(other);
      });
      return matches && (equality ? whenTrue : !whenTrue);
    }
    default:
      return false;
  }
}

/** `x.signal.aborted` for the controller in `place`. */
function isAbortedCheck(context: AnyContext, node: TSESTree.Node, place: Place): boolean {
  if (node.type !== AST_NODE_TYPES.MemberExpression || getMemberName(node) !== 'aborted') return false;
  const signal = unwrapExpression(node.object);
  return (
    signal.type === AST_NODE_TYPES.MemberExpression &&
    getMemberName(signal) === 'signal' &&
    samePlace(getPlace(context, signal.object), place)
  );
}

/**
 * A test that the place holds something: `x`, `!!x`, `x != null`, `x !== undefined`
 * (what guards a release: `if (x) x.close()`).
 */
export function isPresenceTest(context: AnyContext, test: TSESTree.Node, place: Place): boolean {
  const node = unwrapExpression(test);
  if (samePlace(getPlace(context, node), place)) return true;
  if (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === '!') {
    const inner = unwrapExpression(node.argument);
    return inner.type === AST_NODE_TYPES.UnaryExpression && inner.operator === '!' && isPresenceTest(context, inner.argument, place);
  }
  if (node.type === AST_NODE_TYPES.BinaryExpression && (node.operator === '!=' || node.operator === '!==')) {
    const [a, b] = [unwrapExpression(node.left), unwrapExpression(node.right)];
    const nullish = (n: TSESTree.Node) =>
      (n.type === AST_NODE_TYPES.Literal && n.value === null) || (n.type === AST_NODE_TYPES.Identifier && n.name === 'undefined');
    return (samePlace(getPlace(context, a), place) && nullish(b)) || (samePlace(getPlace(context, b), place) && nullish(a));
  }
  return false;
}

/** `x = undefined` / `x = null` / `delete this.x` in `scope` before `node`: the old value is gone. */
export function isEmptiedBefore(context: AnyContext, node: TSESTree.Node, place: Place, scope: TSESTree.Node): boolean {
  if (getAssignmentsBefore(context, scope, node, place).some((assignment) => isNullishLiteral(assignment.right))) return true;
  let deleted = false;
  walk(scope, (inner) => {
    if (deleted || inner.range[0] >= node.range[0]) return false;
    if (inner.type === AST_NODE_TYPES.UnaryExpression && inner.operator === 'delete' && samePlace(getPlace(context, inner.argument), place)) {
      deleted = true;
    }
    return !deleted;
  });
  return deleted;
}

/**
 * A companion flag proves the place empty: before the assignment the function leaves
 * when the flag says the work runs (`if (this.state === 'running') throw …`, `if
 * (this.running) return`), it sets the flag (`this.state = 'running'`) with no `await`
 * between that guard and the write, and every other write of the flag (a stop, a
 * teardown) also releases the place. Then the place holds nothing live here.
 */
export function isGuardedByCompanion(context: AnyContext, node: TSESTree.Node, place: Place, fn: TSESTree.Node): boolean {
  if (!isFunction(fn) || fn.body.type !== AST_NODE_TYPES.BlockStatement) return false;
  const statements = fn.body.body;
  const at = statements.findIndex((statement) => isInside(node, statement));
  for (let g = 0; g < at; g++) {
    const guard = statements[g]!;
    if (guard.type !== AST_NODE_TYPES.IfStatement || guard.alternate || !isExit(guard.consequent)) continue;
    const live = liveState(context, guard.test);
    if (!live || samePlace(live.flag, place)) continue;
    // The flag is set to its live state after the guard, nothing awaited in between.
    const setAt = statements.findIndex((statement, i) => i > g && writesFlag(context, statement, live.flag, live.value));
    if (setAt < 0 || statements.slice(g + 1, Math.max(setAt, at)).some(containsAwait)) continue;
    const scope = 'defs' in live.flag.root ? live.flag.root.scope.block : live.flag.root;
    let unguarded = false;
    walk(scope, (inner) => {
      if (unguarded) return false;
      if (inner.type !== AST_NODE_TYPES.AssignmentExpression || !samePlace(getPlace(context, inner.left), live.flag)) return true;
      if (isInside(inner, statements[setAt]!)) return true;
      const owner = getEnclosingFunction(inner);
      if (!owner || !releasesPlace(context, owner, place)) unguarded = true;
      return true;
    });
    if (!unguarded) return true;
  }
  return false;
}

/** The flag and the value a test checks for: `this.running` → truthy, `this.state === 'running'` → that literal. */
function liveState(context: AnyContext, test: TSESTree.Node): { flag: Place; value: unknown } | null {
  const node = unwrapExpression(test);
  const direct = getPlace(context, node);
  if (direct) return { flag: direct, value: true };
  if (node.type !== AST_NODE_TYPES.BinaryExpression || (node.operator !== '===' && node.operator !== '==')) return null;
  for (const [subject, other] of [
    [node.left, node.right],
    [node.right, node.left],
  ] as const) {
    const flag = getPlace(context, unwrapExpression(subject));
    const literal = unwrapExpression(other);
    if (flag && literal.type === AST_NODE_TYPES.Literal && literal.value !== null) return { flag, value: literal.value };
  }
  return null;
}

function writesFlag(context: AnyContext, statement: TSESTree.Statement, flag: Place, value: unknown): boolean {
  if (statement.type !== AST_NODE_TYPES.ExpressionStatement || statement.expression.type !== AST_NODE_TYPES.AssignmentExpression) return false;
  const { left, right } = statement.expression;
  const written = unwrapExpression(right);
  return samePlace(getPlace(context, left), flag) && written.type === AST_NODE_TYPES.Literal && written.value === value;
}
