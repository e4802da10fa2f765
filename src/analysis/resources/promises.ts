import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../syntax/node-types';
import ts from 'typescript';

import { getEnclosingFunction, getMethodCall, getStaticPropertyName, getValueParent, isFunction, unwrapExpression, type FunctionNode } from '../syntax/ast';
import type { AnyContext } from '../syntax/context';
import { isGlobalReference, resolveVariable } from '../syntax/references';
import { getAgreedDeclaration } from '../types/signatures';
import { isTimersPromisesFile } from './timers';
import { getCallSignature, getTypeInfo, type TypeInfo } from '../types/type-info';
import { isHostDeclarationFile } from '../types/types';

export type PromiseCombinator = 'all' | 'allSettled' | 'any' | 'race';

const COMBINATORS: ReadonlySet<string> = new Set<PromiseCombinator>(['all', 'allSettled', 'any', 'race']);
export const CHAIN_METHODS: ReadonlySet<string> = new Set(['then', 'catch', 'finally']);
const SELECT_METHODS: ReadonlySet<string> = new Set(['race', 'any']);
const TIMERS_PROMISES_MODULES: ReadonlySet<string> = new Set(['timers/promises', 'node:timers/promises']);

/**
 * Is this call the host's `Promise.all/allSettled/any/race`? Type-aware: the checker
 * must resolve it to a method of the lib's `PromiseConstructor` (so Bluebird's or a
 * user's `race` is not one). Without type information: a member call on the
 * unshadowed global `Promise`.
 */
export function getPromiseCombinator(context: AnyContext, node: TSESTree.CallExpression): PromiseCombinator | null {
  const call = getMethodCall(node, COMBINATORS);
  if (!call) return null;
  const name = call.method;
  const info = getTypeInfo(context);
  if (!info) {
    const object = unwrapExpression(call.object);
    return object.type === AST_NODE_TYPES.Identifier && object.name === 'Promise' && isGlobalReference(context, object)
      ? (name as PromiseCombinator)
      : null;
  }
  return isPromiseConstructorMember(info, node) ? (name as PromiseCombinator) : null;
}

/** Is this `new Promise(executor)` the host's `Promise` (type-aware; the unshadowed global without types)? */
export function isHostPromiseConstruction(context: AnyContext, node: TSESTree.NewExpression): boolean {
  const callee = unwrapExpression(node.callee);
  if (callee.type !== AST_NODE_TYPES.Identifier || callee.name !== 'Promise') return false;
  const info = getTypeInfo(context);
  if (!info) return isGlobalReference(context, callee);
  return isPromiseConstructorMember(info, node);
}

function isPromiseConstructorMember(info: TypeInfo, node: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  return getAgreedDeclaration(info, node, (declaration) => {
    const owner = declaration?.parent;
    return (
      !!owner &&
      ts.isInterfaceDeclaration(owner) &&
      owner.name.text === 'PromiseConstructor' &&
      isHostDeclarationFile(info, declaration.getSourceFile())
    );
  });
}

/** How the code waits for a promise-valued expression, or `null` when it does not. */
export type PromiseConsumption = 'await' | 'return' | 'yield' | 'chain';

/**
 * Does the code wait for this promise? Awaited, returned from an async function
 * (also an async arrow's expression body), yielded, or chained with
 * `.then/.catch/.finally` (a chained call is judged as a whole: its own consumer
 * does not matter, someone attached a continuation).
 */
export function getPromiseConsumption(node: TSESTree.Node): PromiseConsumption | null {
  const { node: value, parent } = getValueParent(node);
  if (!parent) return null;
  switch (parent.type) {
    case AST_NODE_TYPES.AwaitExpression:
      return 'await';
    case AST_NODE_TYPES.YieldExpression:
      return parent.delegate ? null : 'yield';
    case AST_NODE_TYPES.ReturnStatement:
      return getEnclosingFunction(parent)?.async ? 'return' : null;
    case AST_NODE_TYPES.ArrowFunctionExpression:
      return parent.body === value && parent.async ? 'return' : null;
    case AST_NODE_TYPES.MemberExpression: {
      const name = parent.object === value ? getStaticPropertyName(parent) : null;
      const call = getValueParent(parent).parent;
      return name !== null && CHAIN_METHODS.has(name) && call?.type === AST_NODE_TYPES.CallExpression && call.callee === getValueParent(parent).node
        ? 'chain'
        : null;
    }
    default:
      return null;
  }
}

/** A `Promise.race`/`Promise.any` whose contenders are written out and whose result the code waits for. */
export interface SelectCall {
  readonly node: TSESTree.CallExpression;
  readonly method: 'race' | 'any';
  readonly array: TSESTree.ArrayExpression;
  /** The written-out contenders (holes and spreads left out). */
  readonly contenders: readonly TSESTree.Expression[];
  /** Whether some contenders are hidden behind a spread. */
  readonly hasSpread: boolean;
  readonly consumption: PromiseConsumption;
}

/**
 * Is this call a *select*: `Promise.race([...])`/`Promise.any([...])` on the host
 * `Promise`, with an array literal of contenders, whose result is awaited, returned
 * from an async function, yielded or chained? Cheap syntactic checks come first.
 */
export function getSelectCall(context: AnyContext, node: TSESTree.CallExpression): SelectCall | null {
  const name = getMethodCall(node, SELECT_METHODS)?.method as 'race' | 'any' | undefined;
  if (!name) return null;
  const argument = node.arguments[0];
  if (!argument) return null;
  const array = unwrapExpression(argument);
  if (array.type !== AST_NODE_TYPES.ArrayExpression) return null;
  const consumption = getPromiseConsumption(node);
  if (!consumption) return null;
  if (getPromiseCombinator(context, node) !== name) return null;
  const contenders: TSESTree.Expression[] = [];
  let hasSpread = false;
  for (const element of array.elements) {
    if (!element) continue;
    if (element.type === AST_NODE_TYPES.SpreadElement) hasSpread = true;
    else contenders.push(element);
  }
  return { node, method: name, array, contenders, hasSpread, consumption };
}

/**
 * The call at the root of a promise chain: `fetch(u).then(f).catch(g)` → `fetch(u)`.
 * `null` when the root is not a call or `new`.
 */
export function getChainRootCall(expression: TSESTree.Node): TSESTree.CallExpression | TSESTree.NewExpression | null {
  let current = unwrapExpression(expression);
  for (;;) {
    if (current.type === AST_NODE_TYPES.NewExpression) return current;
    if (current.type !== AST_NODE_TYPES.CallExpression) return null;
    const callee = unwrapExpression(current.callee);
    if (callee.type === AST_NODE_TYPES.MemberExpression) {
      const name = getStaticPropertyName(callee);
      const object = unwrapExpression(callee.object);
      if (name !== null && CHAIN_METHODS.has(name) && (object.type === AST_NODE_TYPES.CallExpression || object.type === AST_NODE_TYPES.NewExpression)) {
        current = object;
        continue;
      }
    }
    return current;
  }
}

/** The executor of an inline `new Promise(executor)` on the host `Promise`, when it is written out. */
export function getInlinePromiseExecutor(context: AnyContext, node: TSESTree.Node): FunctionNode | null {
  const expression = unwrapExpression(node);
  if (expression.type !== AST_NODE_TYPES.NewExpression) return null;
  const executor = expression.arguments[0];
  if (!executor || !isFunction(executor)) return null;
  return isHostPromiseConstruction(context, expression) ? executor : null;
}

/** When `fn` is the executor of a host `new Promise(fn)` (which runs at once), that `new Promise`. */
export function getExecutorPromise(context: AnyContext, fn: FunctionNode): TSESTree.NewExpression | null {
  const promise = fn.parent;
  if (promise?.type !== AST_NODE_TYPES.NewExpression || promise.arguments[0] !== fn) return null;
  return isHostPromiseConstruction(context, promise) ? promise : null;
}

/**
 * Is this call `node:timers/promises`'s `setTimeout` (also imported under another
 * name, e.g. `sleep`, or through a namespace import)? Type-aware: the resolved
 * declaration is `@types/node`'s `timers/promises`. Without type information: an
 * import from `timers/promises`/`node:timers/promises`, judged by syntax.
 */
export function isPromiseTimeoutCall(context: AnyContext, node: TSESTree.CallExpression): boolean {
  if (!syntacticTimersPromisesCandidate(context, node)) return false;
  const info = getTypeInfo(context);
  if (!info) return true;
  const declaration = getCallSignature(info, node)?.declaration;
  if (!declaration || !isTimersPromisesFile(declaration.getSourceFile())) return false;
  const name = (declaration as ts.SignatureDeclaration).name;
  return !!name && name.getText(declaration.getSourceFile()) === 'setTimeout';
}

/** Could this callee be `timers/promises`' `setTimeout`: an import of it, or a namespace's member. */
function syntacticTimersPromisesCandidate(context: AnyContext, node: TSESTree.CallExpression): boolean {
  const callee = unwrapExpression(node.callee);
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    const object = unwrapExpression(callee.object);
    if (getStaticPropertyName(callee) !== 'setTimeout' || object.type !== AST_NODE_TYPES.Identifier) return false;
    const variable = resolveVariable(context, object);
    return !!variable?.defs.some(
      (def) =>
        def.type === 'ImportBinding' &&
        (def.node.type === AST_NODE_TYPES.ImportNamespaceSpecifier || def.node.type === AST_NODE_TYPES.ImportDefaultSpecifier) &&
        def.parent.type === AST_NODE_TYPES.ImportDeclaration &&
        TIMERS_PROMISES_MODULES.has(def.parent.source.value),
    );
  }
  if (callee.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = resolveVariable(context, callee);
  return !!variable?.defs.some((def) => {
    if (def.type !== 'ImportBinding' || def.node.type !== AST_NODE_TYPES.ImportSpecifier) return false;
    if (def.parent.type !== AST_NODE_TYPES.ImportDeclaration || !TIMERS_PROMISES_MODULES.has(def.parent.source.value)) return false;
    const imported = def.node.imported;
    return (imported.type === AST_NODE_TYPES.Identifier ? imported.name : imported.value) === 'setTimeout';
  });
}

/** A sleep: `new Promise(r => setTimeout(r, ms))`, a promise whose executor only starts a timeout that resolves it. */
export interface Sleep {
  readonly promise: TSESTree.NewExpression;
  /** Whether it has the exact shape that `setTimeout(ms, undefined, { signal })` of `node:timers/promises` replaces. */
  readonly rewritable: boolean;
}

/**
 * Is this `setTimeout` call the whole body of a promise executor whose only job is
 * to resolve it (`new Promise(r => setTimeout(r, ms))`, `new Promise((r) => {
 * setTimeout(() => r(), ms); })`)? `'race'` when that promise is a contender in an
 * array (`Promise.race([work, sleep])`).
 */
export function getSleep(context: AnyContext, call: TSESTree.CallExpression): Sleep | 'race' | null {
  const executor = getEnclosingFunction(call);
  const promise = executor && getExecutorPromise(context, executor);
  if (!executor || !promise) return null;
  const resolve = executor.params[0];
  if (resolve?.type !== AST_NODE_TYPES.Identifier) return null;
  const isConciseBody = executor.body === call;
  const isOnlyStatement =
    executor.body.type === AST_NODE_TYPES.BlockStatement &&
    executor.body.body.length === 1 &&
    call.parent.type === AST_NODE_TYPES.ExpressionStatement &&
    call.parent.parent === executor.body;
  if (!isConciseBody && !isOnlyStatement) return null;
  const [callback, ms, ...rest] = call.arguments;
  if (!callback || !callsOnly(context, callback, resolve)) return null;
  if (promise.parent.type === AST_NODE_TYPES.ArrayExpression) return 'race';
  const rewritable = !!ms && ms.type !== AST_NODE_TYPES.SpreadElement && rest.length === 0;
  return { promise, rewritable };
}

/** `r` itself, or `() => r()` / `() => { r(); }`. */
function callsOnly(context: AnyContext, callback: TSESTree.CallExpressionArgument, resolve: TSESTree.Identifier): boolean {
  const isResolve = (node: TSESTree.Node) =>
    node.type === AST_NODE_TYPES.Identifier && resolveVariable(context, node)?.defs[0]?.name === resolve;
  if (isResolve(callback)) return true;
  if (!isFunction(callback) || callback.params.length > 0) return false;
  let body: TSESTree.Node = callback.body;
  if (body.type === AST_NODE_TYPES.BlockStatement) {
    const [only] = body.body;
    if (body.body.length !== 1 || only?.type !== AST_NODE_TYPES.ExpressionStatement) return false;
    body = only.expression;
  }
  return body.type === AST_NODE_TYPES.CallExpression && body.arguments.length === 0 && isResolve(body.callee);
}

/** Whether a use sits in an awaited expression (`await fetch(u, { signal: ac.signal })`, `for await (… of f(ac.signal))`). */
export function isAwaitedUse(use: TSESTree.Node): boolean {
  for (let child = use, current = use.parent; current; child = current, current = current.parent) {
    if (current.type === AST_NODE_TYPES.AwaitExpression) return true;
    if (current.type === AST_NODE_TYPES.ForOfStatement) return current.await && current.right === child;
    if (isFunction(current) || current.type.endsWith('Statement') || current.type === AST_NODE_TYPES.VariableDeclaration) return false;
  }
  return false;
}
