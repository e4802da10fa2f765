/**
 * Per-iteration resources released after the loop: `x = acquire()` in every
 * iteration of a loop, while the only releases of `x` run after it. One answer for
 * every rule that sees such an assignment: `no-loop-finally-leak` reports it, and
 * `no-cancel-overwrite` leaves the assignment to it (docs/rules/no-cancel-overwrite.md,
 * "Precedence"), so one leak gets one report.
 */
import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../syntax/node-types';

import { getEnclosingFunction, getMethodCall, getValueParent, isInside, unwrapExpression, walk } from '../syntax/ast';
import { getRepeatingLoop } from './activations';
import type { AnyContext } from '../syntax/context';
import { containsAwait, isLoopNode } from '../syntax/control-flow';
import { isCollectingUse, isExportedVariable } from '../resources/escape';
import { getLoopNode, isDeclaredInLoop, type Loop } from './loops';
import { isAwaitedUse } from '../resources/promises';
import { resolveVariable } from '../syntax/references';
import { getReleasingCall } from './releases';
import { getAcquiredResource, type Resource, type ResourceKind } from '../resources/resources';
import { getTypeInfo, typeOfNode } from '../types/type-info';
import { isThenableType } from '../types/types';

type Variable = TSESLint.Scope.Variable;

/** A resource acquired into `variable` in every iteration of `loop` and released only by `releases`, after it. */
export interface LoopLeak {
  readonly loop: Loop;
  readonly variable: Variable;
  readonly releases: readonly TSESTree.CallExpression[];
  readonly resource: Resource;
}

/**
 * Is `node` (`x = acquire()`) a per-iteration resource released only after the loop?
 * The variable lives outside the loop, nothing in the loop releases it, nothing
 * collects it, and a release of it can run after the loop. Not when the loop's own
 * test stops it once acquired (`while (!conn) conn = await connect()`), and not for a
 * controller whose work the iteration awaits (nothing is left to abort by the next
 * iteration: aborting the current one from outside is cancellation). With
 * `iterationCallbacks`, an array callback counts as a loop.
 */
export function getReleasedAfterLoop(
  context: AnyContext,
  node: TSESTree.AssignmentExpression,
  { iterationCallbacks = false }: { iterationCallbacks?: boolean } = {},
): LoopLeak | null {
  if (node.operator !== '=' || node.left.type !== AST_NODE_TYPES.Identifier) return null;
  const right = unwrapExpression(node.right);
  const call = right.type === AST_NODE_TYPES.AwaitExpression ? unwrapExpression(right.argument) : right;
  if (call.type !== AST_NODE_TYPES.CallExpression && call.type !== AST_NODE_TYPES.NewExpression) return null;
  const loop = getRepeatingLoop(context, node, { iterationCallbacks });
  if (!loop) return null;
  const variable = resolveVariable(context, node.left);
  if (!variable || variable.defs.length === 0 || isDeclaredInLoop(variable, loop) || isExportedVariable(variable)) return null;
  const loopNode = getLoopNode(loop);
  if (loop.type !== 'IterationCallback' && loop.type !== AST_NODE_TYPES.ForInStatement && loop.type !== AST_NODE_TYPES.ForOfStatement) {
    if (loop.test && referencesVariable(loop.test, variable)) return null;
  }
  const releases: TSESTree.CallExpression[] = [];
  for (const reference of variable.references) {
    if (!reference.isRead()) continue;
    const release = getReleasingCall(context, reference.identifier);
    if (release) {
      if (isInside(release, loopNode)) return null; // released in the iteration (or before re-acquiring)
      releases.push(release);
    } else if (isCollectingUse(context, reference.identifier)) {
      return null; // collected on purpose
    }
  }
  if (!releases.some((release) => runsAfterLoop(release, loopNode)) || isCollectingUse(context, node)) return null;
  const resource = getAcquiredResource(context, node.right);
  if (!resource) return null;
  if (resource.kind === 'abortController' && variable.references.some((r) => isInside(r.identifier, loopNode) && isAwaitedUse(r.identifier))) {
    return null;
  }
  return { loop, variable, releases, resource };
}

/**
 * Does the iteration wait for the work of the resource it acquired, so that releasing
 * it at the end of the iteration stops nothing still wanted? `rest` are the statements
 * of the iteration after the acquisition. No when a use hands it on to work that is
 * not awaited (`void fetch(u, { signal: ac.signal })`, `startWorker(ac.signal)`,
 * `fh.read()` un-awaited) or uses it in a function that may run later; yes when a use
 * is awaited, or the iteration awaits something while holding it (a timer or a
 * subscription runs during the wait), or, for a synchronous disposable, when every
 * use is synchronous (the iteration itself is the work). Else no: nothing waits, and
 * a release at the end of the iteration would stop the work as soon as it started.
 */
export function iterationWaitsFor(context: AnyContext, leak: LoopLeak, rest: readonly TSESTree.Statement[]): boolean {
  if (rest.length === 0) return false;
  const start = rest[0]!.range[0];
  const end = rest.at(-1)!.range[1];
  const fn = getEnclosingFunction(rest[0]!);
  let awaited = false;
  for (const reference of leak.variable.references) {
    const id = reference.identifier;
    if (id.range[0] < start || id.range[1] > end || !reference.isRead()) continue;
    if (getEnclosingFunction(id) !== fn) return false; // used by code that may run after the iteration
    if (isAwaitedUse(id)) {
      awaited = true;
      continue;
    }
    if (startsUnawaitedWork(context, id)) return false;
  }
  if (awaited || rest.some(containsAwait)) return true;
  return !RUNS_BY_ITSELF.has(leak.resource.kind);
}

/** Kinds whose work runs by itself once acquired (a timer's callback, a subscription's deliveries, an open socket), not only in what the code hands them to. */
const RUNS_BY_ITSELF: ReadonlySet<ResourceKind> = new Set<ResourceKind>(['timer', 'subscription', 'closeable', 'custom']);

/**
 * A use that starts work which goes on by itself: the value (or a property of it,
 * `ac.signal`) handed to a call, or a method of it called for a promise (or for an
 * unknown result without types).
 */
function startsUnawaitedWork(context: AnyContext, use: TSESTree.Node): boolean {
  let { node, parent } = getValueParent(use);
  if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === node) {
    const member = parent;
    ({ node, parent } = getValueParent(member));
    if (parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === node) {
      if (!getMethodCall(parent)) return true;
      const info = getTypeInfo(context);
      return !info || isThenableType(typeOfNode(info, parent));
    }
  }
  // Through an options object: `{ signal: ac.signal }`.
  while (parent?.type === AST_NODE_TYPES.Property && parent.value === node && parent.parent.type === AST_NODE_TYPES.ObjectExpression) {
    ({ node, parent } = getValueParent(parent.parent));
  }
  return (parent?.type === AST_NODE_TYPES.CallExpression || parent?.type === AST_NODE_TYPES.NewExpression) && parent.arguments.includes(node as TSESTree.CallExpressionArgument);
}

/**
 * Can this release (outside the loop) run after the loop? Code after it, a function
 * called later, or code before it inside a loop around both. A release before the
 * loop in straight-line code cannot release what the loop acquires.
 */
function runsAfterLoop(release: TSESTree.Node, loopNode: TSESTree.Node): boolean {
  if (release.range[0] > loopNode.range[1]) return true;
  const fn = getEnclosingFunction(loopNode);
  if (getEnclosingFunction(release) !== fn) return true;
  for (let current = loopNode.parent; current && current !== fn; current = current.parent) {
    if (isLoopNode(current) && isInside(release, current)) return true;
  }
  return false;
}

function referencesVariable(node: TSESTree.Node, variable: Variable): boolean {
  let found = false;
  walk(node, (inner) => {
    if (found) return false;
    if (inner.type === AST_NODE_TYPES.Identifier && variable.references.some((r) => r.identifier === inner)) found = true;
    return !found;
  });
  return found;
}
