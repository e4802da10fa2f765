import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../syntax/node-types';
import type * as ts from 'typescript';

import { getEnclosingFunction, getMethodCall, unwrapExpression } from '../syntax/ast';
import { resolveVariable } from '../syntax/references';
import type { AnyContext } from '../syntax/context';
import { getSettings } from '../syntax/settings';
import { getCallResultType, getDeclaredResultTypes, getDeclaredSignatures } from '../types/signatures';
import { getClearedTimerHandle, getTimerCall, type TimerFunction } from './timers';
import { getTypeInfo, tsNodeOf, type TypeInfo } from '../types/type-info';
import {
  getDisposeMethod,
  hasZeroArgMethod,
  isAbortControllerType,
  isThenableType,
  isUnknownType,
  nonNullableParts,
} from '../types/types';

export type ResourceKind = 'timer' | 'abortController' | 'disposable' | 'subscription' | 'closeable' | 'custom';

/** A resource: what it is, and how it is released. */
export interface Resource {
  readonly kind: ResourceKind;
  /** Human name for messages: "interval", "timeout", "AbortController", "file handle"... */
  readonly label: string;
  /**
   * How to release it: `clearTimeout`/`clearInterval` (a function taking the handle) or
   * a method name; `Symbol.dispose`/`Symbol.asyncDispose` mean `[Symbol.dispose]()`/`[Symbol.asyncDispose]()`.
   */
  readonly release:
    | { readonly type: 'function'; readonly name: 'clearTimeout' | 'clearInterval' }
    | { readonly type: 'method'; readonly name: string; readonly async: boolean };
}

const TIMER_TYPE_NAMES: ReadonlySet<string> = new Set(['Timeout', 'Timer', 'Immediate']);

/** Timer resource for a timer function. */
export function timerResource(fn: TimerFunction): Resource {
  return {
    kind: 'timer',
    label: fn === 'setInterval' ? 'interval' : 'timeout',
    release: { type: 'function', name: fn === 'setInterval' ? 'clearInterval' : 'clearTimeout' },
  };
}

/**
 * Which resource does this expression acquire? Timer calls are recognised by their
 * resolution (DOM timers return plain numbers); everything else by its type
 * (awaited, for `await open(p)`). `closeable` only counts for a value acquired by a
 * call or `new` here (`acquired: true`). `null` when not a resource, or unknown.
 */
export function getAcquiredResource(context: AnyContext, expression: TSESTree.Node): Resource | null {
  const node = unwrapExpression(expression);
  const inner = node.type === AST_NODE_TYPES.AwaitExpression ? unwrapExpression(node.argument) : node;
  if (inner.type === AST_NODE_TYPES.CallExpression) {
    const timer = getTimerCall(context, inner);
    if (timer) return timerResource(timer);
  }
  if (inner.type !== AST_NODE_TYPES.CallExpression && inner.type !== AST_NODE_TYPES.NewExpression) return null;
  const info = getTypeInfo(context);
  if (!info) return syntacticResource(inner);
  const awaited = node.type === AST_NODE_TYPES.AwaitExpression;
  const location = tsNodeOf(info, inner);
  const ofType = (type: ts.Type): Resource | null =>
    // An un-awaited promise is not the resource itself.
    !awaited && isThenableType(type) ? null : getResourceOfType(context, info, type, location, { acquired: true });
  // What the callee declares first: when no declared result can be a resource, no overload makes one.
  const signatures = getDeclaredSignatures(info, inner);
  const declared = getDeclaredResultTypes(info, signatures, { awaited });
  if (declared && declared.every((type) => ofType(type) === null)) return null;
  const type = getCallResultType(info, inner, signatures);
  return ofType(awaited ? (info.checker.getAwaitedType(type) ?? type) : type);
}

/** Without type information only `new AbortController()` is certain from syntax. */
function syntacticResource(node: TSESTree.CallExpression | TSESTree.NewExpression): Resource | null {
  if (
    node.type === AST_NODE_TYPES.NewExpression &&
    node.callee.type === AST_NODE_TYPES.Identifier &&
    node.callee.name === 'AbortController'
  ) {
    return CONTROLLER;
  }
  return null;
}

const CONTROLLER: Resource = {
  kind: 'abortController',
  label: 'AbortController',
  release: { type: 'method', name: 'abort', async: false },
};

/**
 * The resource kind of a type (README, "Custom resource kinds", and each rule's docs), or `null`. `acquired` says
 * whether the value was acquired here; only then does a `close()`/`destroy()`
 * method make it a resource.
 */
export function getResourceOfType(
  context: AnyContext,
  info: TypeInfo,
  type: ts.Type,
  location: ts.Node,
  { acquired }: { acquired: boolean },
): Resource | null {
  if (isUnknownType(type)) return null;
  const parts = nonNullableParts(type);
  if (parts.length === 0) return null;
  for (const custom of getSettings(context).resources) {
    if (parts.some((part) => matchesTypeName(part, custom.types))) {
      return { kind: 'custom', label: typeName(parts[0]!) ?? 'resource', release: { type: 'method', name: custom.release, async: false } };
    }
  }
  if (isAbortControllerType(info, type)) return CONTROLLER;
  if (parts.every((part) => TIMER_TYPE_NAMES.has(typeName(part) ?? '') && isNodeTimersType(part))) {
    return { kind: 'timer', label: 'timer', release: { type: 'function', name: 'clearTimeout' } };
  }
  if (hasZeroArgMethod(info, type, 'unsubscribe', location)) {
    return { kind: 'subscription', label: 'subscription', release: { type: 'method', name: 'unsubscribe', async: false } };
  }
  const dispose = getDisposeMethod(type);
  if (dispose) {
    return {
      kind: 'disposable',
      label: describe(parts[0]!, 'disposable'),
      release: { type: 'method', name: `Symbol.${dispose}`, async: dispose === 'asyncDispose' },
    };
  }
  if (hasZeroArgMethod(info, type, 'dispose', location)) {
    return { kind: 'subscription', label: describe(parts[0]!, 'disposable'), release: { type: 'method', name: 'dispose', async: false } };
  }
  if (acquired) {
    for (const method of ['close', 'destroy']) {
      if (hasZeroArgMethod(info, type, method, location)) {
        const methodTypes = parts.map((part) => part.getProperty(method)).filter((s) => !!s);
        const async = methodTypes.some((symbol) =>
          info.checker.getTypeOfSymbolAtLocation(symbol!, location).getCallSignatures().some((s) => isThenableType(s.getReturnType())),
        );
        return { kind: 'closeable', label: describe(parts[0]!, 'handle'), release: { type: 'method', name: method, async } };
      }
    }
  }
  return null;
}

function typeName(type: ts.Type): string | undefined {
  return (type.aliasSymbol ?? type.getSymbol())?.getName();
}

function matchesTypeName(type: ts.Type, names: readonly string[]): boolean {
  const candidates = [type.aliasSymbol?.getName(), type.getSymbol()?.getName()];
  return candidates.some((name) => name !== undefined && names.includes(name));
}

function isNodeTimersType(type: ts.Type): boolean {
  return (type.getSymbol()?.getDeclarations() ?? []).some((d) =>
    d.getSourceFile().fileName.replace(/\\/g, '/').includes('/@types/node/'),
  );
}

/** "FileHandle" → "file handle"; anonymous types get the fallback. */
function describe(type: ts.Type, fallback: string): string {
  const name = typeName(type);
  if (!name || name.startsWith('__')) return fallback;
  // What the value is, not every detail of its type: `ChildProcessWithoutNullStreams` → "child process".
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').split(' ');
  const qualifier = words.findIndex((word, i) => i > 0 && QUALIFIERS.has(word));
  return words.slice(0, qualifier > 0 ? qualifier : 3).join(' ').toLowerCase();
}

/** Words after which a type name only qualifies what it names. */
const QUALIFIERS: ReadonlySet<string> = new Set(['With', 'Without', 'For', 'Of', 'Default', 'Impl', 'Like']);

/**
 * If `node` releases a resource, the expression released: `clearTimeout(x)` → `x`,
 * `x.abort()`, `x?.unsubscribe()`, `x.dispose()`, `x[Symbol.dispose]()`, `x.close()`,
 * `x.destroy()`, or a custom kind's release method. Syntactic apart from the timer
 * functions (resolved like timers): a release counts wherever it is found.
 */
export function getReleasedExpression(context: AnyContext, node: TSESTree.CallExpression): TSESTree.Node | null {
  const handle = getClearedTimerHandle(context, node);
  if (handle) return handle;
  const call = getMethodCall(node);
  if (!call) return null;
  if (RELEASE_METHODS.has(call.method) || getSettings(context).resources.some((r) => r.release === call.method)) {
    return call.object;
  }
  return null;
}

const RELEASE_METHODS: ReadonlySet<string> = new Set([
  'abort',
  'unsubscribe',
  'dispose',
  'asyncDispose',
  'close',
  'destroy',
]);

/** The statement text that releases `target` (`clearInterval(this.t)`, `this.ac?.abort()`). */
export function releaseText(resource: Resource, target: string, { optional, nullArgument = false }: { optional: boolean; nullArgument?: boolean }): string {
  const { release } = resource;
  // `clearTimeout(ref.current ?? undefined)`: the host's clear functions do not take `null`.
  if (release.type === 'function') return `${release.name}(${nullArgument ? `${target} ?? undefined` : target})`;
  const access = optional ? '?.' : '.';
  const call = release.name.startsWith('Symbol.')
    ? `${target}${optional ? '?.' : ''}[${release.name}]()`
    : `${target}${access}${release.name}()`;
  return release.async ? `await ${call}` : call;
}

/**
 * The acquisition an assigned value comes from: a call or `new` (awaited or not), or
 * a local const holding one (`const c = new AbortController(); this.ctrl = c`). `null`
 * for anything else.
 */
export function getAcquisition(context: AnyContext, expression: TSESTree.Node): TSESTree.Node | null {
  const value = unwrapExpression(expression);
  const inner = value.type === AST_NODE_TYPES.AwaitExpression ? unwrapExpression(value.argument) : value;
  if (inner.type === AST_NODE_TYPES.CallExpression || inner.type === AST_NODE_TYPES.NewExpression) return expression;
  if (inner.type !== AST_NODE_TYPES.Identifier) return null;
  const defs = resolveVariable(context, inner)?.defs ?? [];
  const def = defs.length === 1 ? defs[0] : undefined;
  if (def?.type !== 'Variable' || def.parent.kind !== 'const' || !def.node.init || !getEnclosingFunction(def.node)) return null;
  return getAcquisition(context, def.node.init);
}
