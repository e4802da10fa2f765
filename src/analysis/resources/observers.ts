/**
 * Host observers (`ResizeObserver`, `MutationObserver`, `IntersectionObserver`,
 * `PerformanceObserver`): which `new` makes one, and how the code uses the observer it
 * holds (what it observes, whether it disconnects it or unobserves every target).
 */
import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../syntax/node-types';

import { getMemberName, getStaticPropertyName, getValueParent, isInside, unwrapExpression } from '../syntax/ast';
import type { AnyContext } from '../syntax/context';
import { classifyUse, isEscapingUse } from './escape';
import { getListenerFunction, isRepeatedLookup } from './listeners';
import { isGlobalObject, isSameObject } from '../syntax/references';
import { getTypeInfo, typeOfNode } from '../types/type-info';
import { isHostDeclarationFile } from '../types/types';

export type ObserverKind = 'ResizeObserver' | 'MutationObserver' | 'IntersectionObserver' | 'PerformanceObserver';

const OBSERVER_NAMES: ReadonlySet<string> = new Set<ObserverKind>([
  'ResizeObserver',
  'MutationObserver',
  'IntersectionObserver',
  'PerformanceObserver',
]);
/**
 * Does this `new` construct a host observer? By syntax first (`new ResizeObserver(…)`,
 * `new window.MutationObserver(…)`), then by type: the instance type must be the DOM
 * lib's interface of that name. `null` without type information.
 */
export function getObserverConstruction(context: AnyContext, node: TSESTree.NewExpression): ObserverKind | null {
  const callee = unwrapExpression(node.callee);
  let name: string | null = null;
  if (callee.type === AST_NODE_TYPES.Identifier) name = callee.name;
  else if (callee.type === AST_NODE_TYPES.MemberExpression) {
    const object = unwrapExpression(callee.object);
    if (isGlobalObject(context, object)) {
      name = getStaticPropertyName(callee);
    }
  }
  if (name === null || !OBSERVER_NAMES.has(name)) return null;
  const info = getTypeInfo(context);
  if (!info) return null;
  const symbol = typeOfNode(info, node).getSymbol();
  if (symbol?.getName() !== name) return null;
  const hostDeclared = symbol.getDeclarations()?.some((d) => isHostDeclarationFile(info, d.getSourceFile()));
  return hostDeclared ? (name as ObserverKind) : null;
}

/** How the code uses an observer it holds, over the reads of the variable or field. */
export interface ObserverUses {
  /** The targets of `observe(target, …)` (the options object for a `PerformanceObserver`). */
  readonly observed: readonly TSESTree.Node[];
  /** The targets of `unobserve(target)`. */
  readonly unobserved: readonly TSESTree.Node[];
  /** Some read calls `disconnect()`. */
  readonly disconnected: boolean;
  /** Some read hands the observer on (returned, stored, passed, aliased): it is someone else's. */
  readonly escapes: boolean;
}

/**
 * Classifies the reads of an observer (identifiers or `this.x` member expressions). A
 * `disconnect()` or `unobserve()` inside `callback` (the observer's own callback) does
 * not end it: the callback runs only when what it observes changes (an intersection, a
 * resize), which may come after its owner's end or never (a detached element neither
 * intersects nor resizes again), and until then the observer keeps its targets and its
 * callback alive.
 */
export function getObserverUses(context: AnyContext, reads: readonly TSESTree.Node[], callback: TSESTree.Node | null = null): ObserverUses {
  const observed: TSESTree.Node[] = [];
  const unobserved: TSESTree.Node[] = [];
  let disconnected = false;
  let escapes = false;
  for (const read of reads) {
    const call = observerMethodCall(read);
    if (call) {
      if (callback && call.method !== 'observe' && isInside(read, callback)) continue;
      const argument = call.call.arguments[0];
      if (call.method === 'disconnect') disconnected = true;
      else if (call.method === 'observe' && argument) observed.push(argument);
      else if (call.method === 'unobserve' && argument) unobserved.push(argument);
      continue;
    }
    if (isEscapingUse(context, read) && classifyUse(context, read).kind !== 'test') escapes = true;
  }
  return { observed, unobserved, disconnected, escapes };
}

/**
 * Whether every observed target is unobserved again: the same object (compared by
 * symbol), or the same call of the code's own function (`getEl()`, see `isRepeatedLookup`).
 */
export function unobservesEveryTarget(context: AnyContext, uses: ObserverUses): boolean {
  return (
    uses.observed.length > 0 &&
    uses.observed.every((target) => uses.unobserved.some((other) => isSameObject(context, target, other) || isRepeatedLookup(context, target, other)))
  );
}

/**
 * The observer's own callback: the function written in `new ResizeObserver(…)`, or the
 * local function it names.
 */
export function getObserverCallback(context: AnyContext, node: TSESTree.NewExpression): TSESTree.Node | null {
  const argument = node.arguments[0];
  return argument && argument.type !== AST_NODE_TYPES.SpreadElement ? getListenerFunction(context, argument) : null;
}

/** `x.observe(…)`, `x.disconnect()`, `x?.unobserve(…)`, `x.disconnect?.()` on the read `use`. */
export function observerMethodCall(use: TSESTree.Node): { method: string; call: TSESTree.CallExpression } | null {
  const { node, parent } = getValueParent(use);
  if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== node) return null;
  const method = getMemberName(parent);
  const callee = getValueParent(parent);
  if (method === null || callee.parent?.type !== AST_NODE_TYPES.CallExpression || callee.parent.callee !== callee.node) return null;
  return { method, call: callee.parent };
}
