import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../syntax/node-types';

import { getEnclosingFunction, getMemberName, getValueParent, isFunction, isInside, isNullishLiteral, isStringLiteral, isUndefinedLiteral, unwrapExpression, walk, type FunctionNode } from '../syntax/ast';
import type { AnyContext } from '../syntax/context';
import { isExit, statementList } from '../syntax/control-flow';
import { getAssignmentsBefore, getAssignmentTo, getPlace, getPlaceExpressionsWithin, isAtPlace, placeKey, resolveVariable, samePlace, type Place } from '../syntax/references';
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
        if (current.operator === '??' && isAtPlace(context, current.left, place)) return true;
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
  if (isAtPlace(context, node, place)) return !whenTrue;
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
          return isAtPlace(context, inner.argument, place) && isStringLiteral(other, 'undefined');
        }
        return isAtPlace(context, inner, place) && isNullishLiteral(other);
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
    isAtPlace(context, signal.object, place)
  );
}

/**
 * A test that the place holds something: `x`, `!!x`, `x != null`, `x !== undefined`
 * (what guards a release: `if (x) x.close()`).
 */
export function isPresenceTest(context: AnyContext, test: TSESTree.Node, place: Place): boolean {
  const node = unwrapExpression(test);
  if (isAtPlace(context, node, place)) return true;
  if (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === '!') {
    const inner = unwrapExpression(node.argument);
    return inner.type === AST_NODE_TYPES.UnaryExpression && inner.operator === '!' && isPresenceTest(context, inner.argument, place);
  }
  if (node.type === AST_NODE_TYPES.BinaryExpression && (node.operator === '!=' || node.operator === '!==')) {
    const [a, b] = [unwrapExpression(node.left), unwrapExpression(node.right)];
    const nullish = (n: TSESTree.Node) =>
      (n.type === AST_NODE_TYPES.Literal && n.value === null) || (n.type === AST_NODE_TYPES.Identifier && n.name === 'undefined');
    return (isAtPlace(context, a, place) && nullish(b)) || (isAtPlace(context, b, place) && nullish(a));
  }
  return false;
}

/** `x = undefined` / `x = null` / `delete this.x` in `scope` before `node`: the old value is gone. */
export function isEmptiedBefore(context: AnyContext, node: TSESTree.Node, place: Place, scope: TSESTree.Node): boolean {
  if (getAssignmentsBefore(context, scope, node, place).some((assignment) => isNullishLiteral(assignment.right))) return true;
  return getPlaceExpressionsWithin(context, scope, place).some((target) => {
    const { node: argument, parent } = getValueParent(target);
    return target.range[0] < node.range[0] && parent?.type === AST_NODE_TYPES.UnaryExpression && parent.operator === 'delete' && parent.argument === argument;
  });
}

/**
 * A test of the owner's state that stops the next run: before `node`, on the same
 * synchronous path of `fn` (no `await`/`yield` between the test and `node`), `fn`
 * leaves when the test holds (`if (this.running) return`, `if (this.state.status ===
 * 'running') throw …`, `if (this.log) return`, `if (next === this.manager) return`), or
 * reaches `node` only when it fails (`if (!this.running) { … }`), and the writes this
 * run makes before it next suspends (`this.running = true`, `this.log = log`) make the
 * test stop a second run. That run cannot overwrite what this one stores: a sign the
 * author keeps one at a time. A test the run's own writes do not decide (`if
 * (this.disposed) throw`, `if (!this.running) return`) is no such guard.
 */
export function getReentryGuard(context: AnyContext, node: TSESTree.Node, fn: TSESTree.Node): ReentryGuard | null {
  if (!isFunction(fn)) return null;
  let child: TSESTree.Node = node;
  for (let current: TSESTree.Node | undefined = node.parent; current && child !== fn; child = current, current = current.parent) {
    if (current.type === AST_NODE_TYPES.IfStatement && (child === current.consequent || child === current.alternate)) {
      // Reached when the test fails (consequent) or holds (alternate): a second run must get the other answer.
      const flags = stopsNextRun(context, current.test, current, node, fn, child === current.consequent ? false : true);
      if (flags) return { guard: current, flags };
      continue;
    }
    const list = statementList(current);
    if (!list) continue;
    const index = list.indexOf(child as TSESTree.Statement);
    for (const statement of list.slice(0, Math.max(index, 0))) {
      if (statement.type !== AST_NODE_TYPES.IfStatement || statement.alternate || !isExit(statement.consequent)) continue;
      const flags = stopsNextRun(context, statement.test, statement, node, fn, true);
      if (flags) return { guard: statement, flags };
    }
  }
  return null;
}

/** A re-entry guard and the places (flags) whose writes by the run make it stop the next one. */
export interface ReentryGuard {
  readonly guard: TSESTree.Node;
  readonly flags: readonly Place[];
  /** The writes of the flags by the run itself (between the guard and its next suspension). */
  readonly writes?: readonly TSESTree.AssignmentExpression[];
}

/**
 * Does `test`, under the writes `fn` makes between `guard` and its next suspension,
 * take the value `exitsWhen` (so a second run leaves)? The flags it reads that the run
 * writes, or `null`.
 */
function stopsNextRun(
  context: AnyContext,
  test: TSESTree.Node,
  guard: TSESTree.Node,
  node: TSESTree.Node,
  fn: FunctionNode,
  exitsWhen: boolean,
): Place[] | null {
  const suspension = firstSuspensionAfter(fn, guard.range[0]);
  if (suspension !== null && suspension < node.range[0]) return null;
  const writes = new Map<string, TSESTree.Node>();
  walk(fn.body, (inner) => {
    if (inner !== fn.body && isFunction(inner)) return false;
    if (inner.range[1] <= guard.range[0] || (suspension !== null && inner.range[0] >= suspension)) return inner.range[1] > guard.range[0];
    if (inner.type === AST_NODE_TYPES.AssignmentExpression && inner.operator === '=' && !isInside(inner, test)) {
      const place = getPlace(context, inner.left);
      if (place) writes.set(placeKey(place), inner.right);
    }
    return true;
  });
  if (writes.size === 0 || evaluateTest(context, test, (inner) => writtenValue(context, inner, writes)) !== exitsWhen) return null;
  const flags: Place[] = [];
  walk(test, (inner) => {
    const place = inner.type === AST_NODE_TYPES.Identifier || inner.type === AST_NODE_TYPES.MemberExpression ? getPlace(context, inner) : null;
    if (place && writes.has(placeKey(place))) {
      flags.push(place);
      return false;
    }
    return true;
  });
  return flags;
}

/**
 * Does some code set a guard's flag back (`pause() { this.state = 'idle' }`, `restart() {
 * this.started = false; … }`) without releasing or emptying `place` in the same function?
 * Then a later run passes the guard while the handle is still live. Writes inside the
 * guarded function itself do not count.
 */
export function isGuardResetElsewhere(context: AnyContext, guard: ReentryGuard, place: Place, fn: TSESTree.Node): boolean {
  return guard.flags.some((flag) => {
    const scope = 'defs' in flag.root ? flag.root.scope.block : flag.root;
    let reset = false;
    walk(scope, (inner) => {
      if (reset) return false;
      if (inner.type !== AST_NODE_TYPES.AssignmentExpression || !isAtPlace(context, inner.left, flag)) return true;
      const owner = getEnclosingFunction(inner);
      if (!owner || owner === fn || isInside(owner, fn)) return true;
      if (releasesPlace(context, owner, place) || emptiesIn(context, owner, place)) return true;
      reset = true;
      return false;
    });
    return reset;
  });
}

/** `place = undefined` anywhere in `fn`. */
function emptiesIn(context: AnyContext, fn: TSESTree.Node, place: Place): boolean {
  return getPlaceExpressionsWithin(context, fn, place).some((target) => {
    const assignment = getAssignmentTo(target);
    return !!assignment && isNullishLiteral(assignment.right);
  });
}

/** Where `fn` first suspends (`await`, `yield`, `for await`) after `from`, or `null`. */
function firstSuspensionAfter(fn: FunctionNode, from: number): number | null {
  let first: number | null = null;
  walk(fn.body, (inner) => {
    if (inner !== fn.body && isFunction(inner)) return false;
    const suspends =
      inner.type === AST_NODE_TYPES.AwaitExpression ||
      inner.type === AST_NODE_TYPES.YieldExpression ||
      (inner.type === AST_NODE_TYPES.ForOfStatement && inner.await);
    if (suspends && inner.range[0] >= from && (first === null || inner.range[0] < first)) first = inner.range[0];
    return true;
  });
  return first;
}

/**
 * The value of a test when some of what it reads is known: `lookup` gives the value
 * written to a read (`this.running` → `true`), or `null`. `true`, `false`, or `null`
 * when what is known does not decide it. `!`, `&&`, `||`, `===`/`!==` with literals or
 * the very value written, and truthiness (literals, new objects, `undefined`).
 */
export function evaluateTest(context: AnyContext, test: TSESTree.Node, lookup: (node: TSESTree.Node) => TSESTree.Node | null): boolean | null {
  const node = unwrapExpression(test);
  switch (node.type) {
    case AST_NODE_TYPES.UnaryExpression: {
      if (node.operator !== '!') return null;
      const inner = evaluateTest(context, node.argument, lookup);
      return inner === null ? null : !inner;
    }
    case AST_NODE_TYPES.LogicalExpression: {
      const left = evaluateTest(context, node.left, lookup);
      const right = evaluateTest(context, node.right, lookup);
      if (node.operator === '||') return left === true || right === true ? true : left === false && right === false ? false : null;
      if (node.operator === '&&') return left === false || right === false ? false : left === true && right === true ? true : null;
      return null;
    }
    case AST_NODE_TYPES.BinaryExpression: {
      const negated = node.operator === '!==' || node.operator === '!=';
      if (!negated && node.operator !== '===' && node.operator !== '==') return null;
      const equal = evaluateEquality(context, node.left, node.right, lookup) ?? evaluateEquality(context, node.right, node.left, lookup);
      return equal === null ? null : equal !== negated;
    }
    default: {
      const written = lookup(node);
      return written ? truthiness(context, written) : null;
    }
  }
}

function writtenValue(context: AnyContext, node: TSESTree.Node, writes: ReadonlyMap<string, TSESTree.Node>): TSESTree.Node | null {
  const place = getPlace(context, node);
  return (place && writes.get(placeKey(place))) ?? null;
}

/** `subject === other` where `subject`'s value is known: a literal compared with a literal, or the very value written. */
function evaluateEquality(
  context: AnyContext,
  subject: TSESTree.Node,
  other: TSESTree.Node,
  lookup: (node: TSESTree.Node) => TSESTree.Node | null,
): boolean | null {
  const written = lookup(unwrapExpression(subject));
  if (!written) return null;
  const value = unwrapExpression(written);
  const compared = unwrapExpression(other);
  if (value.type === AST_NODE_TYPES.Literal && compared.type === AST_NODE_TYPES.Literal) return value.value === compared.value;
  if (isUndefinedLiteral(value) && isUndefinedLiteral(compared)) return true;
  const a = getPlace(context, value);
  return a && samePlace(a, getPlace(context, compared)) ? true : null;
}

/** Whether a written value is truthy: a literal's value, or a new object (also through the `const` that holds one). */
function truthiness(context: AnyContext, value: TSESTree.Node, depth = 0): boolean | null {
  const node = unwrapExpression(value);
  switch (node.type) {
    case AST_NODE_TYPES.Literal:
      return !!node.value;
    case AST_NODE_TYPES.NewExpression:
    case AST_NODE_TYPES.ObjectExpression:
    case AST_NODE_TYPES.ArrayExpression:
    case AST_NODE_TYPES.ArrowFunctionExpression:
    case AST_NODE_TYPES.FunctionExpression:
      return true;
    case AST_NODE_TYPES.Identifier: {
      if (node.name === 'undefined') return false;
      const def = depth < 2 ? resolveVariable(context, node)?.defs[0] : undefined;
      return def?.type === 'Variable' && def.parent.kind === 'const' && def.node.init ? truthiness(context, def.node.init, depth + 1) : null;
    }
    default:
      return null;
  }
}
