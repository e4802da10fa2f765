/**
 * Waits: is there an `await`, a `yield` or a later callback between the last check
 * of some state and this node, in the activation that runs it? The question
 * `no-start-after-teardown` asks of every start: the owner's end can run during the
 * wait, so what the code starts afterwards without re-checking the owner's state
 * outlives it.
 */
import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../syntax/node-types';

import { getCalleeName, getMethodCall, getValueParent, isFunction, isInside, walk, type FunctionNode } from '../syntax/ast';
import type { AnyContext } from '../syntax/context';
import { isOnTheWay } from '../syntax/control-flow';
import { mentionsAnyOf } from '../syntax/file-index';
import { getCallSites } from './functions';
import { CHAIN_METHODS } from '../resources/promises';

/** Where the code waits: an `await`, a `yield`, a `for await` loop, or the `.then()` whose callback holds the code. */
export interface Wait {
  readonly node: TSESTree.Node;
  readonly kind: 'await' | 'yield' | 'for await' | 'callback';
  /**
   * The calls through which the code is reached after the wait, the one in the
   * waiting function first (`this.scheduleNext()` after `await this.callback()`);
   * empty when the wait is in the function that holds the code.
   */
  readonly via: readonly TSESTree.CallExpression[];
}

export interface WaitQuestion {
  /** Does this test (an `if`, a loop condition, a `?:`, a `&&`) or call (`signal.throwIfAborted()`) read the state that matters? */
  readonly isCheck: (node: TSESTree.Node) => boolean;
  /** A wait that does not count (the owner's own end awaited: `await this.stop()` before a restart). */
  readonly ignore?: (wait: TSESTree.Node) => boolean;
  /** The store that makes the start take effect, when it is not the node itself (`this.c = await connect()`). */
  readonly store?: TSESTree.Node;
  /** Does this awaited call fail once the state changed (`await sleep(ms, { signal })`): no wait after which to re-check. */
  readonly failsOnEnd?: (awaited: TSESTree.Node) => boolean;
}

/**
 * The last wait before `node` after which nothing checks the state (`isCheck`)
 * before `node` runs, in the function that holds it; else, when that function
 * checks nothing before `node` either, the same question at its call sites (a local
 * function or a method of the class, up to two calls deep). A `.then()`/`.catch()`/
 * `.finally()` callback runs after the promise settles: the chain is its wait. `null`
 * when every wait is followed by a check, or there is none.
 */
export function getUncheckedWait(context: AnyContext, node: TSESTree.Node, question: WaitQuestion): Wait | null {
  return mayWaitInFile(context) ? findWait(context, node, question, 0, new Set()) : null;
}

/**
 * Can any code of this file wait? A wait is an `await` (also `for await`), a `yield`
 * or a `.then()`/`.catch()`/`.finally()` callback, and the call sites searched for one
 * are the file's own: a file that names none of these (`mentionsAnyOf`: most files of
 * an application) has no wait to find. Keywords cannot be escaped; a method name can.
 */
export const mayWaitInFile = mentionsAnyOf(['await', 'yield', ...CHAIN_METHODS]);

function findWait(context: AnyContext, node: TSESTree.Node, question: WaitQuestion, depth: number, seen: Set<FunctionNode>): Wait | null {
  const fn = getHoldingFunction(node);
  if (!fn || seen.has(fn)) return null;
  seen.add(fn);
  const point = question.store && depth === 0 ? question.store : node;
  const checks = collectChecks(fn, question.isCheck);
  let last: { wait: TSESTree.Node; kind: Wait['kind'] } | null = null;
  for (const wait of collectWaits(fn)) {
    if (question.ignore?.(wait.node)) continue;
    if (!isWaitBefore(wait.node, point, node)) continue;
    if (wait.node.type === AST_NODE_TYPES.AwaitExpression && question.failsOnEnd?.(wait.node.argument)) continue;
    if (isCheckedAfter(wait.node, node, checks)) continue;
    // The last wait before `node`: its own (inside the store) first, then the latest in the code.
    const own = isInside(node, wait.node);
    if (!last || (own && !isInside(node, last.wait)) || (!isInside(node, last.wait) && wait.node.range[0] > last.wait.range[0])) last = { wait: wait.node, kind: wait.kind };
  }
  if (last) return { node: last.wait, kind: last.kind, via: [] };
  // Nothing waits in this function: does it check the state before `node` at all?
  if (checks.some((check) => guards(check, node))) return null;
  const chain = getChainCall(fn);
  if (chain) return { node: chain, kind: 'callback', via: [] };
  if (depth >= 2) return null;
  for (const site of getCallSites(context, fn).slice(0, 8)) {
    const outer = findWait(context, site, { ...question, store: undefined }, depth + 1, seen);
    if (outer) return { ...outer, via: [site, ...outer.via] };
  }
  return null;
}

/** The function whose activation runs `node`; class field initialisers and the module have none. */
function getHoldingFunction(node: TSESTree.Node): FunctionNode | null {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunction(current)) return current;
    if (current.type === AST_NODE_TYPES.ClassBody) return null;
  }
  return null;
}

/** `promise.then(fn)`, `.catch(fn)`, `.finally(fn)`: the chain call whose callback `fn` is. */
function getChainCall(fn: FunctionNode): TSESTree.CallExpression | null {
  const call = fn.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(fn as TSESTree.CallExpressionArgument)) return null;
  return getMethodCall(call, CHAIN_METHODS) ? call : null;
}

/** The waits of a function's own body (not of the functions inside it), in source order. */
function collectWaits(fn: FunctionNode): { node: TSESTree.Node; kind: Wait['kind'] }[] {
  const waits: { node: TSESTree.Node; kind: Wait['kind'] }[] = [];
  if (!fn.async && !fn.generator) return waits;
  walk(fn.body, (inner) => {
    if (inner !== fn.body && (isFunction(inner) || inner.type === AST_NODE_TYPES.ClassBody)) return false;
    if (inner.type === AST_NODE_TYPES.AwaitExpression) waits.push({ node: inner, kind: 'await' });
    else if (inner.type === AST_NODE_TYPES.YieldExpression) waits.push({ node: inner, kind: 'yield' });
    else if (inner.type === AST_NODE_TYPES.ForOfStatement && inner.await) waits.push({ node: inner, kind: 'for await' });
    return true;
  });
  return waits;
}

/**
 * Can `wait` finish before `node` runs, in one activation: earlier on the way to it
 * (or inside the store that makes it take effect), a `for await` around it, or later
 * in a loop body that holds both (the next iteration comes after it).
 */
function isWaitBefore(wait: TSESTree.Node, point: TSESTree.Node, node: TSESTree.Node): boolean {
  if (wait.type === AST_NODE_TYPES.ForOfStatement) return isInside(node, wait.body);
  // `this.c = await connect()`: the store comes after the start's own await, and the end may run during it.
  if (point !== node && isInside(wait, point)) return true;
  if (isInside(node, wait)) return false; // `await start()`: the start runs before its own await
  if (wait.range[1] <= point.range[1] && (isInside(wait, point) || isOnTheWay(wait, node))) return wait.range[1] <= node.range[0] || isInside(wait, point);
  // Later in a loop body that holds both: the next pass comes after it.
  return wait.range[0] > node.range[1] && getSharedLoop(wait, node) !== null;
}

/** The innermost loop (in one function) whose body holds both nodes. */
function getSharedLoop(a: TSESTree.Node, b: TSESTree.Node): TSESTree.Node | null {
  for (let current = b.parent; current; current = current.parent) {
    if (isFunction(current)) return null;
    if (
      (current.type === AST_NODE_TYPES.WhileStatement ||
        current.type === AST_NODE_TYPES.DoWhileStatement ||
        current.type === AST_NODE_TYPES.ForStatement ||
        current.type === AST_NODE_TYPES.ForOfStatement ||
        current.type === AST_NODE_TYPES.ForInStatement) &&
      isInside(a, current.body) &&
      isInside(b, current.body)
    ) {
      return current;
    }
  }
  return null;
}

/** Calls by the name of an assertion: they throw when the state is wrong. */
const ASSERTION = /^(?:throwIf|assert|ensure|check|verify)/i;

/** A check of the state: a test (with the node that holds it) or a call statement that throws on it. */
interface Check {
  /** The `if`, loop, `?:`, `&&`/`||`, or the call. */
  readonly holder: TSESTree.Node;
  /** The test itself (the call, for `throwIfAborted()`). */
  readonly test: TSESTree.Node;
}

/** The checks of the state in a function's own body. */
function collectChecks(fn: FunctionNode, isCheck: (node: TSESTree.Node) => boolean): Check[] {
  const checks: Check[] = [];
  walk(fn.body, (inner) => {
    if (inner !== fn.body && (isFunction(inner) || inner.type === AST_NODE_TYPES.ClassBody)) return false;
    switch (inner.type) {
      case AST_NODE_TYPES.IfStatement:
      case AST_NODE_TYPES.ConditionalExpression:
      case AST_NODE_TYPES.WhileStatement:
      case AST_NODE_TYPES.DoWhileStatement:
        if (isCheck(inner.test)) checks.push({ holder: inner, test: inner.test });
        break;
      case AST_NODE_TYPES.ForStatement:
        if (inner.test && isCheck(inner.test)) checks.push({ holder: inner, test: inner.test });
        break;
      case AST_NODE_TYPES.LogicalExpression:
        if (isCheck(inner.left)) checks.push({ holder: inner, test: inner.left });
        break;
      case AST_NODE_TYPES.CallExpression: {
        // `signal.throwIfAborted()`, `this.assertOpen()`: a call that throws on the state.
        const parent = getValueParent(inner).parent;
        if ((parent?.type === AST_NODE_TYPES.ExpressionStatement || parent?.type === AST_NODE_TYPES.AwaitExpression) && ASSERTION.test(getCalleeName(inner) ?? '')) {
          if (isCheck(inner)) checks.push({ holder: inner, test: inner });
        }
        break;
      }
      default:
        break;
    }
    return true;
  });
  return checks;
}

/** Is some check evaluated after `wait` finishes and before `node` runs? */
function isCheckedAfter(wait: TSESTree.Node, node: TSESTree.Node, checks: readonly Check[]): boolean {
  const loop = wait.type === AST_NODE_TYPES.ForOfStatement ? wait : wait.range[0] > node.range[0] ? getSharedLoop(wait, node) : null;
  const from = loop ? (loop as TSESTree.ForOfStatement).body.range[0] : wait.range[1];
  return checks.some((check) => {
    // A loop around both whose condition reads the state: checked before every iteration.
    if (loop && check.holder === loop) return true;
    if (check.holder !== loop && isLoopWithTest(check.holder) && isInside(node, check.holder) && isLoopTestBetween(check.holder, wait, node)) return true;
    return check.test.range[0] >= from && guards(check, node);
  });
}

/**
 * Is the loop's condition evaluated after `wait` and before `node` (which the loop
 * holds)? When the wait comes later in the body (the next iteration), or before a
 * `while`/`for` loop; not when it comes earlier in the same iteration.
 */
function isLoopTestBetween(loop: TSESTree.Node, wait: TSESTree.Node, node: TSESTree.Node): boolean {
  if (isInside(wait, loop)) return wait.range[0] > node.range[0];
  return loop.type !== AST_NODE_TYPES.DoWhileStatement && wait.range[1] <= loop.range[0];
}

function isLoopWithTest(node: TSESTree.Node): boolean {
  return node.type === AST_NODE_TYPES.WhileStatement || node.type === AST_NODE_TYPES.DoWhileStatement || node.type === AST_NODE_TYPES.ForStatement;
}

/**
 * Does the check stand between its function's start and `node`: `node` inside the
 * `if`/loop/`?:`/`&&` it tests (either branch: the author decides there), or an
 * earlier `if` that can leave (`if (this.disposed) return;`) or a call that throws,
 * on the way to `node`?
 */
function guards(check: Check, node: TSESTree.Node): boolean {
  if (check.test.range[1] > node.range[0]) return false;
  if (isInside(node, check.holder)) return !isInside(node, check.test);
  if (check.holder.type === AST_NODE_TYPES.CallExpression) return isOnTheWay(check.holder, node);
  if (check.holder.type !== AST_NODE_TYPES.IfStatement) return false;
  return (leaves(check.holder.consequent) || (!!check.holder.alternate && leaves(check.holder.alternate))) && isOnTheWay(check.holder, node);
}

/** A branch that can leave the code: it holds a `return`, `throw`, `break` or `continue` (not in a nested function). */
function leaves(branch: TSESTree.Statement): boolean {
  let found = false;
  walk(branch, (inner) => {
    if (found || isFunction(inner)) return false;
    if (
      inner.type === AST_NODE_TYPES.ReturnStatement ||
      inner.type === AST_NODE_TYPES.ThrowStatement ||
      inner.type === AST_NODE_TYPES.BreakStatement ||
      inner.type === AST_NODE_TYPES.ContinueStatement
    ) {
      found = true;
    }
    return !found;
  });
  return found;
}

/** `wait on line 170`, in a report's words: `` the `await` on line 170 ``, `the \`.then()\` callback`. */
export function describeWait(wait: Wait): string {
  const line = wait.node.loc.start.line;
  switch (wait.kind) {
    case 'await':
      return `the \`await\` on line ${line}`;
    case 'yield':
      return `the \`yield\` on line ${line}`;
    case 'for await':
      return `each pass of the \`for await\` on line ${line}`;
    default:
      return `the promise it waits for on line ${line}`;
  }
}
