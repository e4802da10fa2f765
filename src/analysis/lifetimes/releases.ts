/**
 * Is a resource released, and where? Releases are recognised by `getReleasedExpression`
 * (resources.ts); these questions look for one in some code, through the
 * helpers it calls, at the callers of a function, or anywhere in the file.
 */
import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../syntax/node-types';

import { getEnclosingFunction, getMethodCall, getValueParent, isFunction, isInside, unwrapExpression, walk } from '../syntax/ast';
import type { AnyContext } from '../syntax/context';
import { isOnTheWay } from '../syntax/control-flow';
import { getCallsWithin, getFileCalls, getForOfsWithin, perFile, sliceWithin } from '../syntax/file-index';
import { getCallSites, getCalledFunction, getHelperCallsWithin } from './functions';
import { getListenerRemoval, removesRegistration, type ListenerCall } from '../resources/listeners';
import { getPlace, isAtPlace, isSameObject, placeKey, resolveVariable, samePlace, type Place } from '../syntax/references';
import { getReleasedExpression } from '../resources/resources';

/**
 * Does the code in `code` release the resource held in `place` (`clearTimeout(this.t)`,
 * `c?.abort()`, `this.sub.unsubscribe()`…), itself or through the local functions and
 * same-class methods it calls (`this.clearStaleTimeout()`), up to `helperDepth` calls deep?
 * A `for…of` over the place finishes the iterator or generator it holds.
 * With `nested: false`, the callbacks and functions declared inside `code` do not count.
 */
export function releasesPlace(
  context: AnyContext,
  code: TSESTree.Node,
  place: Place,
  { helperDepth = 3, nested = true }: { helperDepth?: number; nested?: boolean } = {},
): boolean {
  // From the file's lists of loops and releases by position: the calls that are neither are not looked at.
  return someCodeThroughHelpers(
    context,
    code,
    (root, reached) =>
      // `for await (const m of this.events)`: the loop finishes the iterator (`return()`) when it exits.
      getForOfsWithin(context, root).some((loop) => reached(loop) && isAtPlace(context, loop.right, place)) ||
      getReleasesWithin(context, root).some((release) => reached(release.call) && isAtPlace(context, release.released, place)),
    { helperDepth, nested },
  );
}

/**
 * Is `fn` only called from places that release the place first (`function reset() {
 * clearTimeout(t); start(); }`), possibly through callers of callers? The author
 * releases at the call sites.
 */
export function isReleasedByCallers(
  context: AnyContext,
  fn: TSESTree.Node,
  place: Place,
  { depth = 3 }: { depth?: number } = {},
): boolean {
  const seen = new Set<TSESTree.Node>();
  const visit = (target: TSESTree.Node, level: number): boolean => {
    if (level >= depth || !isFunction(target) || seen.has(target)) return false;
    seen.add(target);
    for (const call of getCallSites(context, target)) {
      for (let caller = getEnclosingFunction(call); caller; caller = getEnclosingFunction(caller)) {
        if (releasesPlace(context, caller, place, { helperDepth: 0 })) return true;
        if (visit(caller, level + 1)) return true;
      }
    }
    return false;
  };
  return visit(fn, 0);
}

/** A call that releases a resource, and the expression it releases (`clearTimeout(x)` → `x`). */
export interface ReleaseCall {
  readonly call: TSESTree.CallExpression;
  readonly released: TSESTree.Node;
}

const fileReleases = perFile((context) => {
  const releases: ReleaseCall[] = [];
  for (const call of getFileCalls(context)) {
    const released = getReleasedExpression(context, call);
    if (released) releases.push({ call, released: unwrapExpression(released) });
  }
  return releases;
});

/** The releases inside `node`, in source order. */
function getReleasesWithin(context: AnyContext, node: TSESTree.Node): readonly ReleaseCall[] {
  return sliceWithin(fileReleases(context), node, (release) => release.call);
}

/** Every release in the file (`clearTimeout(x)`, `x.abort()`, `x?.dispose()`...), in source order. */
export function getFileReleases(context: AnyContext): readonly ReleaseCall[] {
  return fileReleases(context);
}

/** Is the place released anywhere in the file? */
export function isReleasedInFile(context: AnyContext, place: Place): boolean {
  const key = placeKey(place);
  return getFileReleases(context).some((release) => {
    const released = getPlace(context, release.released);
    return released !== null && placeKey(released) === key;
  });
}

/** When the value at `use` is released right there (`clearTimeout(x)`, `x.close()`, `x?.abort()`), the releasing call. */
export function getReleasingCall(context: AnyContext, use: TSESTree.Node): TSESTree.CallExpression | null {
  let { node, parent } = getValueParent(use);
  if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === node) {
    ({ node, parent } = getValueParent(parent));
    if (parent?.type !== AST_NODE_TYPES.CallExpression || parent.callee !== node) return null;
  } else if (parent?.type !== AST_NODE_TYPES.CallExpression || parent.arguments[0] !== node) {
    return null;
  }
  const released = getReleasedExpression(context, parent);
  return released && unwrapExpression(released) === unwrapExpression(use) ? parent : null;
}

const REMOVAL_METHODS: ReadonlySet<string> = new Set(['removeEventListener', 'removeListener', 'off', 'removeAllListeners', 'disconnect', 'unobserve']);

/**
 * Is this callback only a release or a restore, so that cancelling the timer that runs
 * it would create the leak instead? Every statement releases something (`clearInterval(t)`,
 * `ac.abort()`, `socket.destroy()`), removes a listener or observer, ends the process
 * (`process.exit()`), or puts back a saved value (`window.onerror = previous`).
 */
export function isReleaseOnlyCallback(context: AnyContext, callback: TSESTree.Node): boolean {
  const fn = unwrapExpression(callback);
  if (!isFunction(fn)) return false;
  const statements = fn.body.type === AST_NODE_TYPES.BlockStatement ? fn.body.body : [fn.body];
  return (
    statements.length > 0 &&
    statements.every((statement) => {
      const expression = unwrapExpression(statement.type === AST_NODE_TYPES.ExpressionStatement ? statement.expression : statement);
      if (expression.type === AST_NODE_TYPES.AssignmentExpression) return isRestore(context, expression);
      if (expression.type !== AST_NODE_TYPES.CallExpression) return false;
      if (getReleasedExpression(context, expression)) return true;
      const method = getMethodCall(expression);
      if (!method) return false;
      if (REMOVAL_METHODS.has(method.method)) return true;
      const object = unwrapExpression(method.object);
      return method.method === 'exit' && object.type === AST_NODE_TYPES.Identifier && object.name === 'process';
    })
  );
}

/** `target.x = saved` where `saved` is a const read from `target.x` before: the old value put back. */
function isRestore(context: AnyContext, assignment: TSESTree.AssignmentExpression): boolean {
  const value = unwrapExpression(assignment.right);
  if (value.type !== AST_NODE_TYPES.Identifier) return false;
  const def = resolveVariable(context, value)?.defs[0];
  if (def?.type !== 'Variable' || def.parent.kind !== 'const' || !def.node.init) return false;
  // Also on a global (`window.onerror = previous`): the same object by its global path.
  return isSameObject(context, def.node.init, assignment.left);
}

/**
 * Does some call in `code` (nested functions included), or in the local functions and
 * same-class methods it calls up to `helperDepth` calls deep, pass `test`? The search
 * `releasesPlace` makes, for releases that are not a place's own (a listener's
 * removal, an observer's `disconnect()`, a call of an unsubscribe function).
 */
export function someCallThroughHelpers(
  context: AnyContext,
  code: TSESTree.Node,
  test: (call: TSESTree.CallExpression) => boolean,
  { helperDepth = 3 }: { helperDepth?: number } = {},
): boolean {
  return someCodeThroughHelpers(context, code, (root) => getCallsWithin(context, root).some(test), { helperDepth, helpersInside: false });
}

/**
 * The one search both ask: does `code`, or a local function or same-class method its
 * calls reach (up to `helperDepth` calls deep), hold in its own code what `holds` looks
 * for? `holds` is given each searched code and whether a node of it counts (with
 * `nested: false`, the functions declared inside it do not); with `helpersInside:
 * false` a helper declared inside `code` is not searched twice. What `holds` asks and
 * the helper calls come from the file's lists by position, so no code is walked.
 */
function someCodeThroughHelpers(
  context: AnyContext,
  code: TSESTree.Node,
  holds: (root: TSESTree.Node, reached: (node: TSESTree.Node) => boolean) => boolean,
  { helperDepth, nested = true, helpersInside = true }: { helperDepth: number; nested?: boolean; helpersInside?: boolean },
): boolean {
  const seen = new Set<TSESTree.Node>();
  const visit = (root: TSESTree.Node, depth: number): boolean => {
    if (seen.has(root)) return false;
    seen.add(root);
    const reached = (node: TSESTree.Node): boolean => nested || isOwnCode(node, root);
    if (holds(root, reached)) return true;
    return (
      depth < helperDepth &&
      getHelperCallsWithin(context, root).some(({ call, helper }) => reached(call) && (helpersInside || !isInside(helper, code)) && visit(helper.body ?? helper, depth + 1))
    );
  };
  return visit(code, 0);
}

/** `node` lies in `root` outside the functions declared inside it (`root` itself may be one). */
function isOwnCode(node: TSESTree.Node, root: TSESTree.Node): boolean {
  for (let current: TSESTree.Node | undefined = node; current && current !== root; current = current.parent) {
    if (isFunction(current)) return false;
  }
  return true;
}

/**
 * Is the listener of `registration` removed anywhere in `code` or in the helpers it
 * calls, also through a place in `aliases` that holds the same target (`this.server`
 * for the parameter property `server`)?
 */
export function isRemovedInCode(context: AnyContext, registration: ListenerCall, aliases: readonly Place[], code: TSESTree.Node): boolean {
  return someCallThroughHelpers(context, code, (call) => {
    const removal = getListenerRemoval(context, call);
    if (!removal) return false;
    if (removesRegistration(context, registration, removal)) return true;
    const target = getPlace(context, removal.target);
    return aliases.some((alias) => samePlace(alias, target)) && removesRegistration(context, { ...registration, target: removal.target }, removal);
  });
}

/**
 * Is the place released, on the way, before the callback that holds `node` is built
 * (`clearTimeout(ref.current); await copy(text, { onSuccess: () => { ref.current =
 * setTimeout(…) } })`, `if (auth.server) auth.server.close(); … server.listen(port, () =>
 * { auth.server = server })`), directly or through a helper, in a function around it?
 * Each run of that function starts from an empty place: the author releases the
 * previous one where the new one is set up.
 */
export function isReleasedBeforeCallback(context: AnyContext, node: TSESTree.Node, place: Place): boolean {
  for (let inner = getEnclosingFunction(node); inner; inner = getEnclosingFunction(inner)) {
    const outer = getEnclosingFunction(inner);
    if (!outer) return false;
    const callback = inner;
    let found = false;
    walk(outer.body, (candidate) => {
      if (found || candidate.range[0] >= callback.range[0]) return false;
      if (candidate !== outer.body && isFunction(candidate)) return false;
      if (candidate.type !== AST_NODE_TYPES.CallExpression || candidate.range[1] > callback.range[0] || !isOnTheWay(candidate, callback)) return true;
      const released = getReleasedExpression(context, candidate);
      if (released ? isAtPlace(context, released, place) : releasesThroughHelper(context, candidate, place)) found = true;
      return !found;
    });
    if (found) return true;
  }
  return false;
}

/** A call of a local function or same-class method that releases the place (`this.closeServer()`). */
function releasesThroughHelper(context: AnyContext, call: TSESTree.CallExpression, place: Place): boolean {
  const helper = getCalledFunction(context, call.callee);
  return !!helper && releasesPlace(context, helper.body ?? helper, place, { helperDepth: 2 });
}
