/**
 * Does this code run again? An *activation* is one run of a function's body (or of
 * the module), seen through the callbacks that run at most once per run of it (an
 * IIFE, a promise executor, a `then` callback, a timeout's callback). Code runs
 * again when a loop repeats it within an activation, or when the function it belongs
 * to can be activated again while what it started is still live.
 */
import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../syntax/node-types';

import { getClassMemberName, getEnclosingFunction, getMemberName, getPropertyName, getValueParent, isFunction, isInside, unwrapExpression, walk, type FunctionNode } from '../syntax/ast';
import type { AnyContext } from '../syntax/context';
import { containsAwait, exitsLoopAfter, isExit, isLoopNode, isOnTheWay, type LoopNode } from '../syntax/control-flow';
import { evaluateTest } from './guards';
import { isExportedVariable } from '../resources/escape';
import { isOneShotHandler } from '../resources/listeners';
import { getCallSites, getCalledFunction } from './functions';
import { getAssignmentsBefore, getPlace, isAtPlace, isGlobalReference, resolveVariable as resolveVariableOf, samePlace, type Place } from '../syntax/references';
import { isArrayIterationCall, isInRepeatedPart, runsAtMostOnce, type Loop } from './loops';
import { getExecutorPromise } from '../resources/promises';
import { getAcquisition } from '../resources/resources';
import { getLiteralDelay, getTimerCall } from '../resources/timers';

/** Callback-taking methods of a promise: their callback runs at most once. */
const PROMISE_METHODS: ReadonlySet<string> = new Set(['then', 'catch', 'finally']);

/**
 * Does this function run at most once each time the code around it runs? A
 * constructor (and the methods named in `onceMethods`, e.g. once-per-mount lifecycle
 * hooks), an immediately-invoked function, the executor of a host `new Promise`, a
 * `then`/`catch`/`finally` callback, a host `setTimeout` callback, a one-shot listener
 * (`once`, `{ once: true }`, a WebSocket's `onopen`). Other methods,
 * function declarations and callbacks may run any number of times.
 */
export function runsOncePerActivation(
  context: AnyContext,
  fn: FunctionNode,
  { onceMethods = [], at }: { onceMethods?: readonly string[]; at?: TSESTree.Node } = {},
): boolean {
  const parent = fn.parent;
  if (parent?.type === AST_NODE_TYPES.MethodDefinition || parent?.type === AST_NODE_TYPES.PropertyDefinition) {
    if (parent.type === AST_NODE_TYPES.MethodDefinition && parent.kind === 'constructor') return true;
    const name = getClassMemberName(parent);
    if (name !== null && onceMethods.includes(name)) return true;
    return isConstructorOnlyMethod(context, fn, parent) || isLatched(context, fn, at);
  }
  if (isStreamStart(context, fn) || isLatched(context, fn, at)) return true;
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) return false;
  if (isOneShotHandler(context, fn)) return true;
  const { node, parent: user } = getValueParent(fn);
  if (user?.type === AST_NODE_TYPES.CallExpression && user.callee === node) return true;
  if (user?.type === AST_NODE_TYPES.NewExpression) return getExecutorPromise(context, fn) !== null;
  if (user?.type === AST_NODE_TYPES.CallExpression && user.arguments.includes(node as TSESTree.CallExpressionArgument)) {
    const callee = unwrapExpression(user.callee);
    if (callee.type === AST_NODE_TYPES.MemberExpression && PROMISE_METHODS.has(getMemberName(callee) ?? '')) return true;
    return user.arguments[0] === node && getTimerCall(context, user) === 'setTimeout';
  }
  return false;
}

/** The underlying-source methods a stream calls once, when it is constructed. */
const STREAM_CONSTRUCTORS: ReadonlySet<string> = new Set(['ReadableStream', 'WritableStream', 'TransformStream']);

/** `new ReadableStream({ start(controller) { … } })`: the stream calls `start` once, when it is made. */
function isStreamStart(context: AnyContext, fn: FunctionNode): boolean {
  const property = fn.parent;
  if (property?.type !== AST_NODE_TYPES.Property || getPropertyName(property) !== 'start') return false;
  const source = property.parent;
  const stream = source.type === AST_NODE_TYPES.ObjectExpression ? source.parent : null;
  if (stream?.type !== AST_NODE_TYPES.NewExpression || stream.arguments[0] !== source) return false;
  const callee = unwrapExpression(stream.callee);
  return callee.type === AST_NODE_TYPES.Identifier && STREAM_CONSTRUCTORS.has(callee.name) && isGlobalReference(context, callee);
}

/**
 * A private method (`private`, `#name`) whose every call is made by the constructor,
 * directly or from callbacks of it that run once (`this.connect().then(() =>
 * this.start())`): it runs once per instance.
 */
function isConstructorOnlyMethod(
  context: AnyContext,
  fn: FunctionNode,
  member: TSESTree.MethodDefinition | TSESTree.PropertyDefinition,
): boolean {
  const isPrivate = member.accessibility === 'private' || member.key.type === AST_NODE_TYPES.PrivateIdentifier;
  if (!isPrivate || member.static) return false;
  const constructor = member.parent.body.find(
    (other): other is TSESTree.MethodDefinition => other.type === AST_NODE_TYPES.MethodDefinition && other.kind === 'constructor',
  );
  const sites = getCallSites(context, fn);
  if (!constructor || sites.length === 0) return false;
  return sites.every((site) => {
    if (!isInside(site, constructor.value)) return false;
    for (let around = getEnclosingFunction(site); around && around !== constructor.value; around = getEnclosingFunction(around)) {
      if (!runsOncePerActivation(context, around)) return false;
    }
    return true;
  });
}

/**
 * A one-way latch: the function leaves on `if (this.started) return;` and sets
 * `this.started = true` before anything can run in between (no `await`), and nothing
 * ever resets the flag. It runs (past the latch) once per object or module. Without
 * `at` the latch must be the body's first statement; with it, any statement of the
 * body before the one that holds `at` (`if (this.disposed) throw …` may come first).
 */
function isLatched(context: AnyContext, fn: FunctionNode, at?: TSESTree.Node): boolean {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return false;
  const body = fn.body.body;
  const end = at ? body.findIndex((statement) => isInside(at, statement)) : 1;
  return body.slice(0, Math.max(end, 0)).some((statement, i) => isLatch(context, statement, body.slice(i + 1)));
}

function isLatch(context: AnyContext, guard: TSESTree.Statement, rest: readonly TSESTree.Statement[]): boolean {
  if (guard.type !== AST_NODE_TYPES.IfStatement || guard.alternate || !isExit(guard.consequent)) return false;
  const flag = getPlace(context, unwrapExpression(guard.test));
  if (!flag) return false;
  const setAt = rest.findIndex((statement) => isFlagWrite(context, statement, flag, true));
  if (setAt < 0 || rest.slice(0, setAt).some((statement) => containsAwait(statement))) return false;
  // Never reset: no other write of the flag anywhere it can be reached.
  const scope = 'defs' in flag.root ? flag.root.scope.block : flag.root;
  let reset = false;
  walk(scope, (node) => {
    if (reset) return false;
    if (node.type === AST_NODE_TYPES.AssignmentExpression && isAtPlace(context, node.left, flag) && !isTrueLiteral(node.right)) reset = true;
    if (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === 'delete' && isAtPlace(context, node.argument, flag)) reset = true;
    return !reset;
  });
  return !reset;
}

function isFlagWrite(context: AnyContext, statement: TSESTree.Statement, flag: Place, value: boolean): boolean {
  if (statement.type !== AST_NODE_TYPES.ExpressionStatement || statement.expression.type !== AST_NODE_TYPES.AssignmentExpression) return false;
  const { left, right } = statement.expression;
  return isAtPlace(context, left, flag) && (value ? isTrueLiteral(right) : !isTrueLiteral(right));
}

function isTrueLiteral(node: TSESTree.Node): boolean {
  const value = unwrapExpression(node);
  return value.type === AST_NODE_TYPES.Literal && value.value === true;
}


/** A callback (not a method or a declaration) that runs at most once per run of the code around it. */
function isOnceCallback(context: AnyContext, fn: FunctionNode): boolean {
  const parent = fn.parent;
  return (
    parent?.type !== AST_NODE_TYPES.MethodDefinition &&
    parent?.type !== AST_NODE_TYPES.PropertyDefinition &&
    fn.type !== AST_NODE_TYPES.FunctionDeclaration &&
    runsOncePerActivation(context, fn)
  );
}

/**
 * The function whose activation `node` belongs to, seen through once-callbacks: a
 * release or guard around `new Promise(r => { t = setTimeout(r) })` counts for the
 * assignment inside it. The program for module-level code.
 */
export function getActivation(context: AnyContext, node: TSESTree.Node): TSESTree.Node {
  let fn = getEnclosingFunction(node);
  while (fn && isOnceCallback(context, fn)) fn = getEnclosingFunction(fn);
  return fn ?? context.sourceCode.ast;
}

/**
 * Where the value a place holds before `assignment` was acquired, when the code shows
 * it: an earlier assignment of one in the same activation, on the way (`sameRun`), or
 * the place's initialiser before it (`let c = new AbortController()`, a class field's
 * initialiser before an assignment in the constructor). `isAcquisition` says which
 * values count (the rule's resource kinds).
 */
export function getEarlierAcquisition(
  context: AnyContext,
  assignment: TSESTree.AssignmentExpression,
  place: Place,
  isAcquisition: (value: TSESTree.Node) => boolean,
): { readonly node: TSESTree.Node; readonly sameRun: boolean } | null {
  const activation = getActivation(context, assignment);
  const earlier = getAssignmentsBefore(context, activation, assignment, place).filter(
    (before) => getActivation(context, before) === activation && isOnTheWay(before, assignment) && isAcquisition(getAcquisition(context, before.right) ?? before.right),
  );
  if (earlier.length > 0) return { node: earlier.at(-1)!, sameRun: true };
  const root = place.root;
  if ('defs' in root) {
    if (place.path.length > 0) return null;
    const def = root.defs.find(
      (d) => d.node.type === AST_NODE_TYPES.VariableDeclarator && !!d.node.init && d.node.init.range[1] <= assignment.range[0] && isAcquisition(d.node.init),
    );
    return def ? { node: def.node, sameRun: false } : null;
  }
  const fn = getEnclosingFunction(assignment);
  if (place.path.length !== 1 || fn?.parent?.type !== AST_NODE_TYPES.MethodDefinition || fn.parent.kind !== 'constructor') return null;
  const field = root.body.body.find(
    (member) => member.type === AST_NODE_TYPES.PropertyDefinition && !member.static && getClassMemberName(member) === place.path[0] && !!member.value && isAcquisition(member.value),
  );
  return field ? { node: field, sameRun: false } : null;
}

/**
 * Can `node` run again while `scope` (the class, function or module that holds what
 * it starts) lives? A loop that repeats it, or a function that may be called more
 * than once (see `runsOncePerActivation`), between the two.
 */
export function runsRepeatedly(
  context: AnyContext,
  node: TSESTree.Node,
  scope: TSESTree.Node,
  { onceMethods = [] }: { onceMethods?: readonly string[] } = {},
): boolean {
  return getRepeater(context, node, scope, { onceMethods }) !== null;
}

/**
 * What runs `node` again while `scope` lives (see `runsRepeatedly`): the innermost
 * loop that repeats it, or function that may be called more than once; `null` when
 * nothing between the two does.
 */
export function getRepeater(
  context: AnyContext,
  node: TSESTree.Node,
  scope: TSESTree.Node,
  { onceMethods = [], store }: { onceMethods?: readonly string[]; store?: TSESTree.Node } = {},
): TSESTree.Node | null {
  let child: TSESTree.Node = node;
  for (let current = node.parent; current && current !== scope; child = current, current = current.parent) {
    if (isLoopNode(current) && isInRepeatedPart(child, current) && !runsAtMostOnce(current) && !exitsLoopAfter(node, current)) {
      if (store && leavesLoopAfterStore(context, store, current)) continue;
      return current;
    }
    if (isFunction(current) && !runsOncePerActivation(context, current, { onceMethods, at: node })) return current;
  }
  return null;
}

/**
 * Does the iteration that stores a value from a promise's callback leave `loop`? The
 * callback stores it and settles the promise with an object (`active = server;
 * resolve({ bound: true })`), the iteration awaits that promise into a `const`, and the
 * tests after it, read with that object's values, reach an exit of the loop before the
 * next iteration (`if (r.error) { … continue }` is false, `if (r.bound) { …; return }`
 * true): only iterations that did not store it go on.
 */
export function leavesLoopAfterStore(context: AnyContext, store: TSESTree.Node, loop: LoopNode): boolean {
  const callback = getEnclosingFunction(store);
  let executor: FunctionNode | null = null;
  for (let fn = callback; fn && isInside(fn, loop); fn = getEnclosingFunction(fn)) {
    if (getExecutorPromise(context, fn)) {
      executor = fn;
      break;
    }
  }
  const resolve = executor?.params[0];
  if (!executor || !callback || callback === executor || resolve?.type !== AST_NODE_TYPES.Identifier || callback.body.type !== AST_NODE_TYPES.BlockStatement) return false;
  // `resolve({ … })` after the store, in the callback's own statements.
  const statements = callback.body.body;
  const at = statements.findIndex((statement) => isInside(store, statement));
  let settled: TSESTree.ObjectExpression | null = null;
  for (const statement of statements.slice(at + 1)) {
    const call = statement.type === AST_NODE_TYPES.ExpressionStatement ? unwrapExpression(statement.expression) : null;
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee.type !== AST_NODE_TYPES.Identifier || call.callee.name !== resolve.name) continue;
    const value = call.arguments[0] && unwrapExpression(call.arguments[0]);
    if (value?.type === AST_NODE_TYPES.ObjectExpression) settled = value;
    break;
  }
  // `const r = await new Promise(executor)`, a statement of the loop's body.
  const promise = getValueParent(getExecutorPromise(context, executor)!);
  const awaited = promise.parent?.type === AST_NODE_TYPES.AwaitExpression ? getValueParent(promise.parent) : null;
  const declarator = awaited?.parent;
  const body = loop.body.type === AST_NODE_TYPES.BlockStatement ? loop.body.body : null;
  if (!settled || !body || declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.id.type !== AST_NODE_TYPES.Identifier) return false;
  const holder = resolveVariableOf(context, declarator.id);
  const index = body.indexOf(declarator.parent as TSESTree.Statement);
  if (!holder || index < 0) return false;
  const properties = settled.properties;
  const lookup = (node: TSESTree.Node): TSESTree.Node | null => {
    if (node.type !== AST_NODE_TYPES.MemberExpression || node.object.type !== AST_NODE_TYPES.Identifier || resolveVariableOf(context, node.object) !== holder) return null;
    const name = getMemberName(node);
    const property = properties.find((p): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property && getPropertyName(p) === name);
    // A property the object does not have reads as `undefined`.
    return property ? property.value : UNDEFINED;
  };
  for (const statement of body.slice(index + 1)) {
    if (statement.type === AST_NODE_TYPES.ReturnStatement || statement.type === AST_NODE_TYPES.ThrowStatement) return true;
    if (statement.type !== AST_NODE_TYPES.IfStatement) {
      if (containsLoopJump(statement)) return false;
      continue;
    }
    const value = evaluateTest(context, statement.test, lookup);
    if (value === null) return false;
    const taken = value ? statement.consequent : statement.alternate;
    if (!taken) continue;
    const last = taken.type === AST_NODE_TYPES.BlockStatement ? taken.body.at(-1) : taken;
    return last?.type === AST_NODE_TYPES.ReturnStatement || last?.type === AST_NODE_TYPES.ThrowStatement;
  }
  return false;
}

const UNDEFINED = { type: AST_NODE_TYPES.Identifier, name: 'undefined' } as TSESTree.Identifier;

function containsLoopJump(statement: TSESTree.Statement): boolean {
  let found = false;
  walk(statement, (node) => {
    if (found || isFunction(node)) return false;
    if (node.type === AST_NODE_TYPES.ContinueStatement || node.type === AST_NODE_TYPES.BreakStatement || node.type === AST_NODE_TYPES.ReturnStatement) found = true;
    return !found;
  });
  return found;
}

export interface RepeatingLoopOptions {
  /** Look for the loop up to this node (an activation: the once-callbacks in between are crossed). */
  readonly within?: TSESTree.Node;
  /** A callback of `forEach`/`map`/`flatMap`/`reduce` on an array counts as a loop. */
  readonly iterationCallbacks?: boolean;
  /** Cross the executor of a host `new Promise` (it runs in the iteration that creates the promise). */
  readonly throughExecutors?: boolean;
}

/**
 * The innermost loop that runs `node` again: its repeated part holds `node`, it may
 * run its body more than once, and `node` is not followed by an exit of it (a loop
 * that runs `node` once per run leaves the question to the loops around it).
 * Without `within`, the search stops at the enclosing function.
 */
export function getRepeatingLoop(context: AnyContext, node: TSESTree.Node, options: RepeatingLoopOptions = {}): Loop | null {
  let child: TSESTree.Node = node;
  for (let current = node.parent; current && current !== options.within; child = current, current = current.parent) {
    if (isLoopNode(current)) {
      if (isInRepeatedPart(child, current) && !runsAtMostOnce(current) && !exitsLoopAfter(node, current)) return current;
      continue;
    }
    if (!isFunction(current)) continue;
    if (options.within) continue;
    if (options.iterationCallbacks && current.type !== AST_NODE_TYPES.FunctionDeclaration) {
      const call = current.parent;
      if (call?.type === AST_NODE_TYPES.CallExpression && call.arguments[0] === current && isArrayIterationCall(context, call)) {
        return { type: 'IterationCallback', callback: current, call };
      }
    }
    if (options.throughExecutors && getExecutorPromise(context, current)) continue;
    return null;
  }
  return null;
}

/**
 * A timeout re-armed from a timer's own callback: the handle it replaces belongs to
 * the timer that just fired (or is firing). Directly (`setTimeout(() => { …; this.t =
 * setTimeout(…) })`, a method `poll` doing `this.t = setTimeout(() => this.poll())`), or
 * through a chain of calls the new timeout's callback starts (`() => this.ping()`, whose
 * `.then` calls the method that re-arms), when every way into the re-arming function
 * comes from a timeout stored in the same place: a chain also entered from elsewhere
 * (`start()` calling the method the callback calls) may run twice. From an interval's
 * tick (its callback, or a function only timers run), a timeout due no later than the
 * interval's delay (the same place, or known numbers: `300` under `8000`) has fired
 * before the next tick.
 */
export function isRearmedTimeout(context: AnyContext, assignment: TSESTree.AssignmentExpression): boolean {
  const call = unwrapExpression(assignment.right);
  const timeout = call.type === AST_NODE_TYPES.CallExpression && getTimerCall(context, call) === 'setTimeout' ? call : null;
  for (let fn = getEnclosingFunction(assignment); fn; fn = getEnclosingFunction(fn)) {
    const timers = getTimerCallsRunning(context, fn);
    if (!timers) continue;
    if (timers.every((timer) => getTimerCall(context, timer) === 'setTimeout')) return true;
    if (timeout && timers.every((timer) => getTimerCall(context, timer) === 'setTimeout' || isDueBefore(context, timeout, timer))) return true;
  }
  const callback = timeout?.arguments[0];
  const place = getPlace(context, assignment.left);
  if (!callback || !place) return false;
  const reached = reachedFunctions(context, callback);
  for (let fn = getEnclosingFunction(assignment); fn; fn = getEnclosingFunction(fn)) {
    // `function attempt() { … t = setTimeout(() => attempt(n + 1)) … }`: called by the callback itself.
    if (callsFunction(context, callback, fn)) return true;
    if (reached.has(fn) && isEnteredOnlyFromTimeouts(context, fn, place, new Set())) return true;
  }
  return false;
}

/**
 * The timer calls that run `fn` as their callback: `setInterval(() => …)`, or through
 * the `const` that holds it (also memoized: `const tick = useCallback(() => …, [])`)
 * when every read of it is a timer's callback or a dependency list. `null` otherwise.
 */
function getTimerCallsRunning(context: AnyContext, fn: FunctionNode): TSESTree.CallExpression[] | null {
  const { node, parent } = getValueParent(fn);
  if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === node) {
    if (getTimerCall(context, parent)) return [parent];
    // `useCallback(() => …, deps)`: the memoized function is the const that holds the call.
    const holder = parent.parent;
    if (holder?.type !== AST_NODE_TYPES.VariableDeclarator || holder.init !== parent || getCalledFunction(context, parent.callee) !== null) return null;
    return holder.id.type === AST_NODE_TYPES.Identifier && isFunction(getCalledFunction(context, holder.id)) && getCalledFunction(context, holder.id) === fn
      ? timerReads(context, holder.id)
      : null;
  }
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === node && parent.id.type === AST_NODE_TYPES.Identifier) return timerReads(context, parent.id);
  return null;
}

function timerReads(context: AnyContext, id: TSESTree.Identifier): TSESTree.CallExpression[] | null {
  const variable = resolveVariableOf(context, id);
  if (!variable) return null;
  const timers: TSESTree.CallExpression[] = [];
  for (const reference of variable.references) {
    if (!reference.isRead()) continue;
    const { node, parent } = getValueParent(reference.identifier);
    if (parent?.type === AST_NODE_TYPES.ArrayExpression) continue;
    if (parent?.type !== AST_NODE_TYPES.CallExpression || parent.arguments[0] !== node || !getTimerCall(context, parent)) return null;
    timers.push(parent);
  }
  return timers.length > 0 ? timers : null;
}

/** The timeout is due no later than the interval ticks: the same delay place, or known delays. */
function isDueBefore(context: AnyContext, timeout: TSESTree.CallExpression, interval: TSESTree.CallExpression): boolean {
  if (isSameDelay(context, timeout.arguments[1], interval.arguments[1])) return true;
  const [due, tick] = [getLiteralDelay(timeout, context), getLiteralDelay(interval, context)];
  return due !== null && tick !== null && due <= tick;
}

/**
 * Is every call of `fn` made from code a timeout stored in `place` runs (its callback,
 * or a function only such code calls, also from a callback that code registers), or
 * behind a generation test that stops a stale chain (`if (this.lastParams === params)
 * this.schedule(params)`)? Then the timeout that `place` held has fired.
 */
function isEnteredOnlyFromTimeouts(context: AnyContext, fn: FunctionNode, place: Place, seen: Set<FunctionNode>): boolean {
  if (seen.has(fn)) return true;
  seen.add(fn);
  if (seen.size > 8) return false;
  const sites = getCallSites(context, fn);
  return (
    sites.length > 0 &&
    sites.every((site) => {
      if (isBehindGenerationTest(context, site)) return true;
      for (let around = getEnclosingFunction(site); around; around = getEnclosingFunction(around)) {
        if (isTimeoutCallbackStoredIn(context, around, place)) return true;
        // A callback that runs within the run of the function around it (`.then(() => …)`), or one
        // that code registers (`connection.onDisconnected(() => …)`): look further out.
        if (isOnceCallback(context, around) || isCallbackArgument(around)) continue;
        return around !== fn && isEnteredOnlyFromTimeouts(context, around, place, seen);
      }
      return false;
    })
  );
}

/** `f(() => …)`, `f({ onX: () => … })`: a function handed to a call, which runs it when it likes. */
function isCallbackArgument(fn: FunctionNode): boolean {
  let { node, parent } = getValueParent(fn);
  if (parent?.type === AST_NODE_TYPES.Property && parent.value === node && parent.parent.type === AST_NODE_TYPES.ObjectExpression) {
    ({ node, parent } = getValueParent(parent.parent));
  }
  return (parent?.type === AST_NODE_TYPES.CallExpression || parent?.type === AST_NODE_TYPES.NewExpression) && parent.arguments.includes(node as TSESTree.CallExpressionArgument);
}

/**
 * Is `node` reached only when the owner's state still equals this run's own token: an
 * enclosing `if (this.lastParams === params …)`, or an early `if (this.gen !== gen)
 * return`, where the token is a parameter or `const` of a function around `node`? A
 * chain a newer run has replaced stops there.
 */
function isBehindGenerationTest(context: AnyContext, node: TSESTree.Node): boolean {
  let child: TSESTree.Node = node;
  for (let current = node.parent; current && !isFunction(current); child = current, current = current.parent) {
    if (current.type === AST_NODE_TYPES.IfStatement && child === current.consequent && isGenerationTest(context, current.test, node, true)) return true;
    if (current.type !== AST_NODE_TYPES.BlockStatement) continue;
    const index = current.body.indexOf(child as TSESTree.Statement);
    for (const statement of current.body.slice(0, Math.max(index, 0))) {
      if (statement.type === AST_NODE_TYPES.IfStatement && !statement.alternate && isExit(statement.consequent) && isGenerationTest(context, statement.test, node, false)) {
        return true;
      }
    }
  }
  return false;
}

/** A test that holds (`whenTrue`) only when owner state equals a token of the functions around `node`. */
function isGenerationTest(context: AnyContext, test: TSESTree.Node, node: TSESTree.Node, whenTrue: boolean): boolean {
  const inner = unwrapExpression(test);
  if (inner.type === AST_NODE_TYPES.LogicalExpression) {
    const parts = [inner.left, inner.right];
    if (inner.operator === '&&' && whenTrue) return parts.some((part) => isGenerationTest(context, part, node, true));
    if (inner.operator === '||' && !whenTrue) return parts.some((part) => isGenerationTest(context, part, node, false));
    return false;
  }
  if (inner.type !== AST_NODE_TYPES.BinaryExpression) return false;
  const equality = inner.operator === '===' || inner.operator === '==';
  if (equality !== whenTrue && (equality || (inner.operator !== '!==' && inner.operator !== '!='))) return false;
  const isToken = (side: TSESTree.Node): boolean => {
    const value = unwrapExpression(side);
    const def = value.type === AST_NODE_TYPES.Identifier ? resolveVariableOf(context, value)?.defs[0] : undefined;
    if (!def || (def.type !== 'Parameter' && !(def.type === 'Variable' && def.parent.kind === 'const'))) return false;
    const owner = def.type === 'Parameter' ? def.node : getEnclosingFunction(def.node);
    return !!owner && isFunction(owner) && isInside(node, owner);
  };
  const isOwnerState = (side: TSESTree.Node): boolean => {
    const place = getPlace(context, unwrapExpression(side));
    return !!place && !('defs' in place.root) && place.path.length > 0;
  };
  return (isToken(inner.left) && isOwnerState(inner.right)) || (isToken(inner.right) && isOwnerState(inner.left));
}

/** `place = setTimeout(fn, …)`: `fn` runs when the timeout `place` holds fires. */
function isTimeoutCallbackStoredIn(context: AnyContext, fn: FunctionNode, place: Place): boolean {
  const { node, parent } = getValueParent(fn);
  if (parent?.type !== AST_NODE_TYPES.CallExpression || parent.arguments[0] !== node || getTimerCall(context, parent) !== 'setTimeout') return false;
  const holder = getValueParent(parent).parent;
  return holder?.type === AST_NODE_TYPES.AssignmentExpression && isAtPlace(context, holder.left, place);
}

/** The same delay: equal number literals, or the same place (`keepAlive`, `this.options.interval`). */
function isSameDelay(context: AnyContext, a: TSESTree.Node | undefined, b: TSESTree.Node | undefined): boolean {
  if (!a || !b) return false;
  const [x, y] = [unwrapExpression(a), unwrapExpression(b)];
  if (x.type === AST_NODE_TYPES.Literal && y.type === AST_NODE_TYPES.Literal) return typeof x.value === 'number' && x.value === y.value;
  return samePlace(getPlace(context, x), getPlace(context, y));
}

/** The local functions and same-class methods a callback calls, and those they call, a few calls deep (the callback included). */
function reachedFunctions(context: AnyContext, callback: TSESTree.Node, depth = 4): Set<TSESTree.Node> {
  const reached = new Set<TSESTree.Node>([callback]);
  let frontier: TSESTree.Node[] = [callback];
  for (let level = 0; level < depth && frontier.length > 0; level++) {
    const next: TSESTree.Node[] = [];
    for (const root of frontier) {
      walk(root, (node) => {
        if (node.type !== AST_NODE_TYPES.CallExpression) return true;
        const callee = getCalledFunction(context, node.callee);
        if (callee && !reached.has(callee)) {
          reached.add(callee);
          next.push(callee);
        }
        return true;
      });
    }
    frontier = next;
  }
  return reached;
}

/** Whether `callback` is, binds or calls the function `fn` (by its variable or its method name). */
function callsFunction(context: AnyContext, callback: TSESTree.Node, fn: FunctionNode): boolean {
  let found = false;
  walk(callback, (node) => {
    if (found) return false;
    const target = unwrapExpression(node);
    if (target.type === AST_NODE_TYPES.Identifier || target.type === AST_NODE_TYPES.MemberExpression) {
      if (getCalledFunction(context, target) === fn) found = true;
    }
    return true;
  });
  return found;
}

/**
 * Does every caller wait for `fn` to finish? A local function (not exported) whose
 * every call is awaited, returned, or the body of an arrow that hands it on (`() =>
 * generate(x)` passed to `withProgress`). A new call then starts after the previous
 * one's awaited work is over, unless the callers themselves overlap.
 */
export function isAwaitedByEveryCaller(context: AnyContext, fn: FunctionNode): boolean {
  const id = fn.type === AST_NODE_TYPES.FunctionDeclaration ? fn.id : fn.parent?.type === AST_NODE_TYPES.VariableDeclarator ? fn.parent.id : null;
  if (id?.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = resolveVariableOf(context, id);
  if (!variable || isExportedVariable(variable)) return false;
  const calls = variable.references.filter((reference) => !reference.init);
  return (
    calls.length > 0 &&
    calls.every((reference) => {
      const { node, parent } = getValueParent(reference.identifier);
      if (parent?.type !== AST_NODE_TYPES.CallExpression || parent.callee !== node) return false;
      const use = getValueParent(parent);
      return (
        use.parent?.type === AST_NODE_TYPES.AwaitExpression ||
        use.parent?.type === AST_NODE_TYPES.ReturnStatement ||
        (use.parent?.type === AST_NODE_TYPES.ArrowFunctionExpression && use.parent.body === use.node)
      );
    })
  );
}
