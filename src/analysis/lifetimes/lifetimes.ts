/**
 * Does a value outlive an owner? A listener on a target that lives longer than the
 * effect or object that added it keeps the listener (and everything its closure holds)
 * alive after the owner is gone; a listener on a target the owner created dies with it.
 * Judged by syntax and scope analysis: where the value comes from, followed through
 * constants, fields and property reads.
 */
import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../syntax/node-types';

import {
  getEnclosingFunctions,
  getKeyName,
  getMemberName,
  getMethodCall,
  getPropertyName,
  getThisClass,
  getValueParent,
  isFunction,
  isInside,
  unwrapExpression,
  type FunctionNode,
} from '../syntax/ast';
import type { AnyContext } from '../syntax/context';
import { getMembersNamed } from '../syntax/file-index';
import { getCallSites } from './functions';
import { getListenerFunction } from '../resources/listeners';
import { getCachedTeardownMethods, type LifecycleOwner } from './owners';
import { getPlace, isGlobalReference, resolveVariable, type Place } from '../syntax/references';
import { someCallThroughHelpers } from './releases';
import { getTeardownMethodNames } from '../syntax/settings';

type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/**
 * - `outlives`: lives longer than the owner: a global (`window`, `document`, `process`),
 *   a module-level variable or import, a parameter or prop of the owner (or of a function
 *   around it), a field the class was handed, `ref.current`, something read from one
 *   of those (`document.body`, `props.target`, `el.ownerDocument`, `document.querySelector(…)`),
 *   or what a function around the owner got from a call before the owner ran (a
 *   component's `const store = useStore()`, seen from its effect);
 * - `owned`: created by the owner (`new WebSocket(…)`, `document.createElement(…)`), or
 *   the owner object itself (`this`);
 * - `unknown`: anything else (a call's result, a callback's parameter): rules stay quiet.
 */
export type Lifetime = 'outlives' | 'owned' | 'unknown';

/**
 * The owner a lifetime is judged against: the functions whose parameters the owner was
 * handed (the effect callback and the component around it; a class member function),
 * and its class, if any.
 */
export interface LifetimeScope {
  /** The innermost function whose parameters come from outside the owner (the effect callback, a method). */
  readonly fn: FunctionNode | null;
  readonly cls: ClassNode | null;
}

/** Methods that look something up from a long-lived object rather than create something. */
const LOOKUP_METHODS: ReadonlySet<string> = new Set([
  'querySelector',
  'querySelectorAll',
  'getElementById',
  'getElementsByClassName',
  'getElementsByTagName',
  'getElementsByName',
  'closest',
  'getRootNode',
  'matchMedia',
  'item',
]);

/** `createElement`, `createServer`, `cloneNode`...: methods that make a new object. */
const CREATING_METHOD = /^(?:create[A-Z]\w*|cloneNode)$/;

export function getLifetime(context: AnyContext, expression: TSESTree.Node, scope: LifetimeScope, depth = 0): Lifetime {
  if (depth > 6) return 'unknown';
  const node = unwrapExpression(expression);
  switch (node.type) {
    case AST_NODE_TYPES.ThisExpression:
      return 'owned';
    case AST_NODE_TYPES.Identifier:
      return identifierLifetime(context, node, scope, depth);
    case AST_NODE_TYPES.MemberExpression: {
      if (!node.computed && getMemberName(node) === 'current') return 'outlives'; // a React ref's element
      const object = unwrapExpression(node.object);
      if (object.type === AST_NODE_TYPES.ThisExpression) {
        const name = getMemberName(node);
        const cls = getThisClass(object);
        if (name === null || !cls) return 'unknown';
        return name === 'props' ? 'outlives' : fieldLifetime(context, cls, name, depth);
      }
      return getLifetime(context, object, scope, depth + 1);
    }
    case AST_NODE_TYPES.NewExpression:
      return 'owned';
    case AST_NODE_TYPES.CallExpression: {
      const method = getMethodCall(node);
      if (!method) return 'unknown';
      if (CREATING_METHOD.test(method.method)) return 'owned';
      if (!LOOKUP_METHODS.has(method.method)) return 'unknown';
      return getLifetime(context, method.object, scope, depth + 1) === 'outlives' ? 'outlives' : 'unknown';
    }
    case AST_NODE_TYPES.LogicalExpression:
    case AST_NODE_TYPES.ConditionalExpression: {
      const parts = node.type === AST_NODE_TYPES.LogicalExpression ? [node.left, node.right] : [node.consequent, node.alternate];
      return parts.every((part) => getLifetime(context, part, scope, depth + 1) === 'outlives') ? 'outlives' : 'unknown';
    }
    default:
      return 'unknown';
  }
}

function identifierLifetime(context: AnyContext, identifier: TSESTree.Identifier, scope: LifetimeScope, depth: number): Lifetime {
  if (isGlobalReference(context, identifier)) return identifier.name === 'undefined' ? 'unknown' : 'outlives';
  const variable = resolveVariable(context, identifier)!;
  const def = variable.defs[0];
  if (!def || variable.defs.length !== 1) return 'unknown';
  const kind = variable.scope.type;
  if (def.type === 'ImportBinding' || kind === 'module' || kind === 'global') return 'outlives';
  if (def.type === 'Parameter') {
    const fn = def.node as FunctionNode;
    // The owner's own parameters (and those of the functions around it) come from outside;
    // a callback's parameters inside the owner are handed over per call.
    if (!scope.fn || !isInside(scope.fn, fn)) return 'unknown';
    // A private helper (`#attach(socket)`) is handed what its class's callers pass.
    return isPrivateMethod(fn) ? argumentsLifetime(context, fn, def.name as TSESTree.Identifier, depth) : 'outlives';
  }
  if (def.type !== 'Variable' || def.node.id.type !== AST_NODE_TYPES.Identifier || !def.node.init) return 'unknown';
  const reassigned = variable.references.some((reference) => reference.isWrite() && !reference.init);
  if (reassigned) return 'unknown';
  const lifetime = getLifetime(context, def.node.init, scope, depth + 1);
  if (lifetime !== 'unknown' || !scope.fn || isInside(def.node, scope.fn)) return lifetime;
  // Computed by a function around the owner before the owner ran (a component's render:
  // `const store = useStore()`): it was there before the effect and stays after it.
  return getEnclosingFunctions(scope.fn).some((fn) => isInside(def.node, fn)) && isCallResult(def.node.init) ? 'outlives' : 'unknown';
}

function isCallResult(node: TSESTree.Node): boolean {
  const value = unwrapExpression(node);
  return value.type === AST_NODE_TYPES.CallExpression || (value.type === AST_NODE_TYPES.AwaitExpression && isCallResult(value.argument));
}

function isPrivateMethod(fn: FunctionNode): boolean {
  const member = fn.parent;
  return (
    (member?.type === AST_NODE_TYPES.MethodDefinition || member?.type === AST_NODE_TYPES.PropertyDefinition) &&
    (member.accessibility === 'private' || member.key.type === AST_NODE_TYPES.PrivateIdentifier)
  );
}

/** What every call of a private method passes for one of its parameters: owned by one of them, or outliving in all. */
function argumentsLifetime(context: AnyContext, fn: FunctionNode, name: TSESTree.Identifier, depth: number): Lifetime {
  const index = fn.params.findIndex((param) => param === name || (param.type === AST_NODE_TYPES.AssignmentPattern && param.left === name));
  const cls = getThisClass(fn);
  const sites = getCallSites(context, fn);
  if (index === -1 || !cls || sites.length === 0) return 'unknown';
  const lifetimes = sites.map((site) => {
    const argument = site.arguments[index];
    if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) return 'unknown';
    return getLifetime(context, argument, { fn: memberFunctionOf(site, cls), cls }, depth + 1);
  });
  return lifetimes.includes('owned') ? 'owned' : lifetimes.every((l) => l === 'outlives') ? 'outlives' : 'unknown';
}

/**
 * The places that hold the same object as `expression`: its own, the field a
 * constructor parameter property is (`server` is `this.server`), the places of a const
 * it was read from (`const el = this.el`), and both sides of `a || b`.
 */
export function getAliasPlaces(context: AnyContext, expression: TSESTree.Node, depth = 0): Place[] {
  const node = unwrapExpression(expression);
  const places: Place[] = [];
  const own = getPlace(context, node);
  if (own) places.push(own);
  if (depth > 3) return places;
  if (node.type === AST_NODE_TYPES.LogicalExpression) {
    places.push(...getAliasPlaces(context, node.left, depth + 1), ...getAliasPlaces(context, node.right, depth + 1));
  }
  if (node.type !== AST_NODE_TYPES.Identifier) return places;
  const def = resolveVariable(context, node)?.defs[0];
  if (def?.type === 'Parameter' && isParameterProperty(def.name)) {
    const cls = getThisClass(def.name);
    if (cls) places.push({ root: cls, path: [node.name], node });
  } else if (def?.type === 'Variable' && def.parent.kind === 'const' && def.node.id.type === AST_NODE_TYPES.Identifier && def.node.init) {
    places.push(...getAliasPlaces(context, def.node.init, depth + 1));
  }
  return places;
}

/**
 * Where the object that a fluent chain of its own methods returns ends up:
 * `this.streams = { write: pipe.on('end', f).on('error', g) }` keeps `pipe` in
 * `this.streams.write`. `methods` are the chain's methods (they return their receiver).
 */
export function getChainStorePlaces(context: AnyContext, call: TSESTree.CallExpression, methods: ReadonlySet<string>): Place[] {
  let node: TSESTree.Node = call;
  for (;;) {
    const { node: outer, parent } = getValueParent(node);
    if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== outer || !methods.has(getMemberName(parent) ?? '')) break;
    const callee = getValueParent(parent);
    if (callee.parent?.type !== AST_NODE_TYPES.CallExpression || callee.parent.callee !== callee.node) break;
    node = callee.parent;
  }
  const path: string[] = [];
  let { node: value, parent } = getValueParent(node);
  while (parent?.type === AST_NODE_TYPES.Property && parent.value === value && parent.parent.type === AST_NODE_TYPES.ObjectExpression) {
    const key = getPropertyName(parent);
    if (key === null) return [];
    path.unshift(key);
    ({ node: value, parent } = getValueParent(parent.parent));
  }
  let target: Place | null = null;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === value) target = getPlace(context, parent.id);
  else if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === value) target = getPlace(context, parent.left);
  return target ? [{ ...target, path: [...target.path, ...path] }] : [];
}

/** `constructor(private server: Server)`: the parameter is also `this.server`. */
export function isParameterProperty(name: TSESTree.Node): boolean {
  const parent = name.parent;
  return parent?.type === AST_NODE_TYPES.TSParameterProperty || (parent?.type === AST_NODE_TYPES.AssignmentPattern && parent.parent?.type === AST_NODE_TYPES.TSParameterProperty);
}

const fieldCache = new WeakMap<ClassNode, Map<string, Lifetime>>();

/**
 * The lifetime of what a class keeps in field `name`, from every value it writes there
 * (an initializer, `this.name = …`, a constructor parameter property): created by one
 * of them, the object owns it; handed all of them from outside, it outlives the object.
 * Never written in the class: unknown.
 */
export function fieldLifetime(context: AnyContext, cls: ClassNode, name: string, depth = 0): Lifetime {
  let cache = fieldCache.get(cls);
  if (!cache) fieldCache.set(cls, (cache = new Map()));
  const cached = cache.get(name);
  if (cached !== undefined) return cached;
  cache.set(name, 'unknown'); // a cycle (`this.a = this.b`, `this.b = this.a`) stays unknown
  const lifetimes: Lifetime[] = [];
  for (const member of cls.body.body) {
    if (member.type === AST_NODE_TYPES.PropertyDefinition && !member.static && member.value && getKeyName(member.key, member.computed) === name) {
      lifetimes.push(getLifetime(context, member.value, { fn: null, cls }, depth + 1));
    }
    if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor') {
      for (const param of member.value.params) {
        if (param.type !== AST_NODE_TYPES.TSParameterProperty) continue;
        const binding = param.parameter.type === AST_NODE_TYPES.AssignmentPattern ? param.parameter.left : param.parameter;
        if (binding.type === AST_NODE_TYPES.Identifier && binding.name === name) lifetimes.push('outlives');
      }
    }
  }
  // `this.name = …` in the class: from the file's members by name, not a walk of the class per field.
  for (const member of getMembersNamed(context, name)) {
    if (member.range[0] < cls.body.range[0] || member.range[1] > cls.body.range[1]) continue;
    const { node: left, parent } = getValueParent(member);
    if (
      parent?.type === AST_NODE_TYPES.AssignmentExpression &&
      parent.operator === '=' &&
      parent.left === left &&
      unwrapExpression(member.object).type === AST_NODE_TYPES.ThisExpression &&
      getThisClass(member) === cls
    ) {
      lifetimes.push(getLifetime(context, parent.right, { fn: memberFunctionOf(parent, cls), cls }, depth + 1));
    }
  }
  const result: Lifetime =
    lifetimes.length === 0 ? 'unknown' : lifetimes.includes('owned') ? 'owned' : lifetimes.every((l) => l === 'outlives') ? 'outlives' : 'unknown';
  cache.set(name, result);
  return result;
}

/** The member function of `cls` (method, constructor, arrow-function field) that `node` is in, if any. */
export function memberFunctionOf(node: TSESTree.Node, cls: ClassNode): FunctionNode | null {
  for (const fn of getEnclosingFunctions(node)) {
    const parent = fn.parent;
    if (
      (parent?.type === AST_NODE_TYPES.MethodDefinition || parent?.type === AST_NODE_TYPES.PropertyDefinition) &&
      parent.parent.parent === cls &&
      isFunction(fn)
    ) {
      return fn;
    }
  }
  return null;
}

/**
 * Does the callback end its class owner (`connection.onDisconnected(() => this.dispose())`,
 * directly or through one helper)? Then the event is how the object ends, not
 * something that outlives it.
 */
export function callbackEndsOwner(context: AnyContext, callback: TSESTree.Node, owner: LifecycleOwner, teardownMethods: readonly string[]): boolean {
  const fn = owner.teardown && getListenerFunction(context, callback);
  if (!fn) return false;
  const names = new Set(getCachedTeardownMethods(owner.teardown!.cls, getTeardownMethodNames(context, teardownMethods)).map((method) => method.name));
  return someCallThroughHelpers(
    context,
    fn.body,
    (call) => {
      const method = getMethodCall(call);
      return !!method && unwrapExpression(method.object).type === AST_NODE_TYPES.ThisExpression && names.has(method.method);
    },
    { helperDepth: 1 },
  );
}
