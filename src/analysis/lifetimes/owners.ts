import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../syntax/node-types';
import ts from 'typescript';

import { getCalleeName, getClassMemberName, getEnclosingFunction, getEnclosingFunctions, getOwnReturnStatements, getThisClass, getValueParent, isInside, isFunction, unwrapExpression, walk, type FunctionNode } from '../syntax/ast';
import type { AnyContext } from '../syntax/context';
import { anyOfPattern, mayMention, perFile } from '../syntax/file-index';
import { getCalledFunction } from './functions';
import { runsInAbortListener } from '../resources/listeners';
import { COMPONENT_NAMES, getComponentHook, getReactHook, getSvelteFunction, REACT_MODULES, type ComponentFramework } from '../types/packages';
import { resolveVariable } from '../syntax/references';
import { getSettings, getTeardownMethodNames } from '../syntax/settings';
import { getSignalsInScope, type SignalInScope } from '../resources/signals';
import { getTypeInfo, tsNodeOf } from '../types/type-info';

type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/**
 * Method names that end an object's life, by convention. `[Symbol.dispose]` and
 * `[Symbol.asyncDispose]` always count on top of whatever list a rule is given.
 */
export const DEFAULT_TEARDOWN_METHODS: readonly string[] = [
  'dispose',
  'close',
  'destroy',
  'stop',
  'disconnect',
  'unmount',
  'componentWillUnmount',
];

/** A teardown method of a class: `close() {}`, `[Symbol.dispose]() {}`, `stop = () => {}`. */
export interface TeardownMethod {
  /** The method name, `Symbol.dispose`/`Symbol.asyncDispose` for the well-known ones. */
  readonly name: string;
  readonly member: TSESTree.MethodDefinition | TSESTree.PropertyDefinition;
  readonly fn: FunctionNode;
}

/**
 * The instance methods of a class (its own body, not inherited) whose name is one
 * of `names` or a well-known dispose symbol, in source order.
 */
export function getTeardownMethods(cls: ClassNode, names: readonly string[]): TeardownMethod[] {
  const result: TeardownMethod[] = [];
  for (const member of cls.body.body) {
    if (member.type !== AST_NODE_TYPES.MethodDefinition && member.type !== AST_NODE_TYPES.PropertyDefinition) continue;
    if (member.static || (member.type === AST_NODE_TYPES.MethodDefinition && member.kind !== 'method')) continue;
    const fn = member.value && unwrapExpression(member.value);
    if (!isFunction(fn)) continue;
    const name = getClassMemberName(member);
    if (name !== null && (names.includes(name) || name === 'Symbol.dispose' || name === 'Symbol.asyncDispose')) {
      result.push({ name, member, fn });
    }
  }
  return result;
}

const EFFECT_HOOKS: ReadonlySet<string> = new Set(['useEffect', 'useLayoutEffect', 'useInsertionEffect']);

/** Svelte's `onMount`: an effect whose (synchronously) returned function is its cleanup. */
const SVELTE_EFFECT_HOOKS: ReadonlySet<string> = new Set(['onMount']);

/**
 * An effect callback: React's `useEffect(() => { … }, deps)` (and the project's
 * `effectHooks`), or Svelte's `onMount(() => { … })`: the function it returns is its cleanup.
 */
export interface EffectCallback {
  readonly hook: string;
  readonly framework: 'react' | 'svelte';
  readonly call: TSESTree.CallExpression;
  readonly callback: TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression;
}

/** The innermost effect callback around `node` (through nested functions), if any. */
export function getEnclosingEffect(context: AnyContext, node: TSESTree.Node): EffectCallback | null {
  for (const fn of getEnclosingFunctions(node)) {
    const call = fn.parent;
    if (
      fn.type !== AST_NODE_TYPES.FunctionDeclaration &&
      call?.type === AST_NODE_TYPES.CallExpression &&
      call.arguments[0] === fn
    ) {
      const effect = resolveEffectHook(context, call);
      if (effect) return { ...effect, call, callback: fn };
    }
  }
  return null;
}

/**
 * Could the file have an effect or a component lifecycle at all? Each is found by its
 * hook's name at the call (`useEffect`, `onMount`, `onUnmounted`, an effect hook named in
 * the settings), so a file whose text names none, and spells none with an escape, has
 * neither: most files, whose every call is asked for its owner.
 */
const mayHaveLifecycles = perFile((context) => mayMention(context, getLifecyclePattern(getSettings(context).effectHooks)));

const lifecyclePatterns = new WeakMap<readonly string[], RegExp>();

/** The pattern of every hook name, built once for the project's `effectHooks` (the settings keep the same array). */
function getLifecyclePattern(effectHooks: readonly string[]): RegExp {
  let pattern = lifecyclePatterns.get(effectHooks);
  if (!pattern) lifecyclePatterns.set(effectHooks, (pattern = anyOfPattern([...EFFECT_HOOKS, ...SVELTE_EFFECT_HOOKS, ...COMPONENT_NAMES, ...effectHooks])));
  return pattern;
}

/**
 * Is this call an effect hook: React's `useEffect`/`useLayoutEffect`/`useInsertionEffect`
 * (also `React.useEffect`, and Preact's), Svelte's `onMount`, or one of the project's
 * own effect hooks named in `settings.asyncleak.effectHooks` (`useMountEffect(() => {
 * …; return cleanup; })`), matched by the callee's name?
 */
export function getEffectHook(context: AnyContext, call: TSESTree.CallExpression): string | null {
  return resolveEffectHook(context, call)?.hook ?? null;
}

function resolveEffectHook(context: AnyContext, call: TSESTree.CallExpression): Pick<EffectCallback, 'hook' | 'framework'> | null {
  if (!mayHaveLifecycles(context)) return null;
  const { effectHooks } = getSettings(context);
  if (effectHooks.length > 0) {
    const name = getCalleeName(call);
    if (name !== null && effectHooks.includes(name)) return { hook: name, framework: 'react' };
  }
  const react = getReactHook(context, call, EFFECT_HOOKS);
  if (react) return { hook: react, framework: 'react' };
  const svelte = getSvelteFunction(context, call, SVELTE_EFFECT_HOOKS);
  return svelte ? { hook: svelte, framework: 'svelte' } : null;
}

/**
 * A Vue or Svelte component being set up: the function that registers lifecycle
 * callbacks in its own body (a component's `setup()`, a composable, a helper a Svelte
 * component calls while it initialises; or, for Svelte, the module: a component's
 * script), with the calls that run code when the component unmounts
 * (`onUnmounted`/`onBeforeUnmount`, `onDestroy`).
 */
export interface ComponentLifecycle {
  readonly framework: ComponentFramework;
  readonly scope: FunctionNode | TSESTree.Program;
  readonly unmounts: readonly TSESTree.CallExpression[];
}

const componentLifecycles = new WeakMap<FunctionNode | TSESTree.Program, ComponentLifecycle | null>();

/**
 * The component lifecycle that `scope` sets up: the lifecycle hooks called by the
 * statements of its own body (not nested in a block: hooks run synchronously while
 * the component is set up), all of one framework. Cached per function.
 */
export function getComponentLifecycle(context: AnyContext, scope: FunctionNode | TSESTree.Program): ComponentLifecycle | null {
  if (!mayHaveLifecycles(context)) return null;
  let lifecycle = componentLifecycles.get(scope);
  if (lifecycle !== undefined) return lifecycle;
  lifecycle = null;
  const statements = scope.type === AST_NODE_TYPES.Program ? scope.body : scope.body.type === AST_NODE_TYPES.BlockStatement ? scope.body.body : [];
  let framework: ComponentFramework | null = null;
  const unmounts: TSESTree.CallExpression[] = [];
  for (const statement of statements) {
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement) continue;
    const call = unwrapExpression(statement.expression);
    if (call.type !== AST_NODE_TYPES.CallExpression) continue;
    const hook = getComponentHook(context, call);
    if (!hook || (framework !== null && hook.framework !== framework)) continue;
    framework = hook.framework;
    if (hook.phase === 'unmount') unmounts.push(call);
  }
  if (framework) lifecycle = { framework, scope, unmounts };
  componentLifecycles.set(scope, lifecycle);
  return lifecycle;
}

/**
 * The lifecycle hook (`onMounted`, `onDestroy`…) whose callback `fn` is, with the
 * component it belongs to (the function or module around the call), if any.
 */
function componentHookOfCallback(context: AnyContext, fn: FunctionNode): { phase: 'mount' | 'unmount'; lifecycle: ComponentLifecycle } | null {
  const call = fn.parent;
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration || call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== fn) return null;
  const statement = call.parent;
  if (statement.type !== AST_NODE_TYPES.ExpressionStatement) return null;
  const scope = getEnclosingFunctions(statement)[0] ?? getProgram(statement);
  const lifecycle = scope && getComponentLifecycle(context, scope);
  const hook = lifecycle && getComponentHook(context, call);
  return hook && lifecycle ? { phase: hook.phase, lifecycle } : null;
}

function getProgram(node: TSESTree.Node): TSESTree.Program | null {
  let current: TSESTree.Node = node;
  while (current.parent) current = current.parent;
  return current.type === AST_NODE_TYPES.Program ? current : null;
}

/**
 * Who should stop what `node` starts when its own life ends: the signals in scope
 * (their abort), the React effect around it (its cleanup), and the class around it
 * with a teardown method (`dispose()`...). Code in an abort listener has no signal
 * to wait for; code in a static member or in the teardown method itself has no
 * later teardown to wait for.
 */
export interface Owner {
  /** The signals in scope at `node`, nearest first (none inside an abort listener). */
  readonly signals: readonly SignalInScope[];
  readonly effect: EffectCallback | null;
  readonly teardown: { readonly cls: ClassNode; readonly method: TeardownMethod } | null;
}

/**
 * The teardown method names a rule asks with: its own list (`DEFAULT_TEARDOWN_METHODS`
 * unless a rule option replaced it) plus `settings.asyncleak.teardownMethods`.
 */
export interface TeardownOptions {
  readonly teardownMethods?: readonly string[];
}

export function getOwner(context: AnyContext, node: TSESTree.Node, { teardownMethods = DEFAULT_TEARDOWN_METHODS }: TeardownOptions = {}): Owner {
  const signals = runsInAbortListener(context, node) ? [] : getSignalsInScope(context, node);
  const cls = getThisClass(node);
  let teardown: Owner['teardown'] = null;
  if (cls && !isInStaticMember(node, cls)) {
    const methods = getTeardownMethods(cls, getTeardownMethodNames(context, teardownMethods));
    // Started by teardown itself (a grace period): there is no later end to wait for.
    if (methods.length > 0 && !methods.some((m) => isInside(node, m.fn))) teardown = { cls, method: methods[0]! };
  }
  return { signals, effect: getEnclosingEffect(context, node), teardown };
}

/** Whether an owner is there at all. */
export function hasOwner(owner: Owner): boolean {
  return owner.signals.length > 0 || owner.effect !== null || owner.teardown !== null;
}

function isInStaticMember(node: TSESTree.Node, cls: ClassNode): boolean {
  // The member of `cls` that holds the node: the ancestor whose parent is the class body.
  let member: TSESTree.Node = node;
  while (member.parent && member.parent !== cls.body) member = member.parent;
  if (member.parent !== cls.body) return false;
  return (
    member.type === AST_NODE_TYPES.StaticBlock ||
    ((member.type === AST_NODE_TYPES.MethodDefinition || member.type === AST_NODE_TYPES.PropertyDefinition) && member.static)
  );
}

/**
 * Does `node` run when its owner ends? Inside a class's teardown method (`dispose()`
 * starting a grace-period timer), inside the cleanup an effect returns, or inside a
 * component's unmount callback (Vue's `onUnmounted`/`onBeforeUnmount`, Svelte's
 * `onDestroy`): there is no later end to wait for.
 */
export function isInTeardown(context: AnyContext, node: TSESTree.Node, { teardownMethods = DEFAULT_TEARDOWN_METHODS }: TeardownOptions = {}): boolean {
  const cls = getThisClass(node);
  if (cls && getTeardownMethods(cls, getTeardownMethodNames(context, teardownMethods)).some((method) => isInside(node, method.fn))) return true;
  for (const fn of getEnclosingFunctions(node)) {
    const { node: value, parent } = getValueParent(fn);
    const returned = parent?.type === AST_NODE_TYPES.ReturnStatement ? getEnclosingFunctions(parent)[0] : parent?.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body === value ? parent : null;
    const call = returned?.parent;
    if (returned && call?.type === AST_NODE_TYPES.CallExpression && call.arguments[0] === returned && getEffectHook(context, call)) return true;
    if (componentHookOfCallback(context, fn)?.phase === 'unmount') return true;
  }
  return false;
}

/**
 * The owners whose end must stop what `node` starts, when only lifecycles count (not
 * signals, which `getOwner` also computes at a cost): the innermost effect around it
 * (React's, or Svelte's `onMount`, with the Svelte component it belongs to, whose
 * `onDestroy` callbacks end it too), else the innermost Vue or Svelte component set up
 * by a function around it (`setup()`, a composable: through its `onMounted` callbacks
 * and nested functions, not from its unmount callbacks, which are its end), else the
 * class around it with a teardown method (as in `getOwner`). The answers are cached per
 * function and per class, for the many nodes of one owner.
 */
export interface LifecycleOwner {
  readonly effect: EffectCallback | null;
  readonly teardown: Owner['teardown'];
  /** The Vue/Svelte component whose unmount ends the owner (with an `effect`, Svelte's only). */
  readonly component: ComponentLifecycle | null;
}

export function getLifecycleOwner(
  context: AnyContext,
  node: TSESTree.Node,
  { teardownMethods }: { teardownMethods: readonly string[] },
): LifecycleOwner | null {
  const decided = decideByFunctionsAround(context, node);
  if (decided !== UNDECIDED) return decided;
  const cls = getThisClass(node);
  if (!cls || isInStaticMember(node, cls)) return null;
  const methods = getCachedTeardownMethods(cls, getTeardownMethodNames(context, teardownMethods));
  if (methods.length === 0 || methods.some((m) => isInside(node, m.fn))) return null;
  return { effect: null, teardown: { cls, method: methods[0]! }, component: null };
}

/**
 * The effect that owns `node` (`getLifecycleOwner`, when that owner is an effect): what
 * the functions around it decide, and nothing in a file that names no hook.
 */
export function getEffectOwner(context: AnyContext, node: TSESTree.Node): (LifecycleOwner & { readonly effect: EffectCallback }) | null {
  const decided = decideByFunctionsAround(context, node);
  return decided !== UNDECIDED && decided?.effect ? (decided as LifecycleOwner & { readonly effect: EffectCallback }) : null;
}

/** No function around the node decides its owner: the class around it may. */
const UNDECIDED = Symbol('undecided');

/**
 * What the functions around `node` decide of its owner. They decide alike for every node
 * of the innermost one, so it is asked once per function; a file that names no hook has
 * no effect and no component, and they decide nothing there.
 */
function decideByFunctionsAround(context: AnyContext, node: TSESTree.Node): LifecycleOwner | null | typeof UNDECIDED {
  const innermost = mayHaveLifecycles(context) ? getEnclosingFunction(node) : null;
  if (!innermost) return UNDECIDED;
  let decided = functionOwners.get(innermost);
  if (decided === undefined) {
    decided = decideByFunctions(context, innermost);
    functionOwners.set(innermost, decided);
  }
  return decided;
}

const functionOwners = new WeakMap<FunctionNode, LifecycleOwner | null | typeof UNDECIDED>();

/** The owner the functions from `innermost` outwards decide: an effect, a component, none (an unmount callback), or `UNDECIDED`. */
function decideByFunctions(context: AnyContext, innermost: FunctionNode): LifecycleOwner | null | typeof UNDECIDED {
  for (let fn: FunctionNode | null = innermost; fn; fn = getEnclosingFunction(fn)) {
    const effect = effectOfCallback(context, fn);
    if (effect) {
      const component = effect.framework === 'svelte' ? (componentHookOfCallback(context, fn)?.lifecycle ?? null) : null;
      return { effect, teardown: null, component };
    }
    const hook = componentHookOfCallback(context, fn);
    if (hook?.phase === 'unmount') return null; // the component's end itself
    if (hook) continue; // Vue's `onMounted`: the component around it owns what it starts
    const component = getComponentLifecycle(context, fn);
    if (component) return { effect: null, teardown: null, component };
  }
  return UNDECIDED;
}

/**
 * The code in which a release ends what the owner started: the component's setup (its
 * unmount callbacks, a stop function it returns, and an effect's own cleanup), the
 * effect (its cleanup and what it calls), or the whole class.
 */
export function getOwnerCode(owner: LifecycleOwner): TSESTree.Node {
  return owner.component?.scope ?? owner.effect?.callback ?? owner.teardown!.cls.body;
}

/** The function that sets up a component owner (`setup()`, a composable), if the owner is one. */
export function getSetupFunction(owner: LifecycleOwner): FunctionNode | null {
  const scope = owner.component?.scope;
  return scope && scope.type !== AST_NODE_TYPES.Program ? scope : null;
}

const effectCallbacks = new WeakMap<FunctionNode, EffectCallback | null>();

/** The effect `fn` is the callback of (`useEffect(fn, deps)`, `onMount(fn)`), cached per function. */
function effectOfCallback(context: AnyContext, fn: FunctionNode): EffectCallback | null {
  let effect = effectCallbacks.get(fn);
  if (effect === undefined) {
    effect = null;
    const call = fn.parent;
    if (fn.type !== AST_NODE_TYPES.FunctionDeclaration && call?.type === AST_NODE_TYPES.CallExpression && call.arguments[0] === fn) {
      const resolved = resolveEffectHook(context, call);
      const hook = resolved ? null : getUnresolvedEffectHook(context, call);
      if (resolved) effect = { ...resolved, call, callback: fn };
      else if (hook) effect = { hook, framework: 'react', call, callback: fn };
    }
    effectCallbacks.set(fn, effect);
  }
  return effect;
}

/**
 * An effect hook imported from `react`/`preact` that the checker cannot resolve (the
 * package's types are not installed: the import is `any`): the import decides, as
 * without type information.
 */
function getUnresolvedEffectHook(context: AnyContext, call: TSESTree.CallExpression): string | null {
  const name = getCalleeName(call);
  const info = getTypeInfo(context);
  if (name === null || !EFFECT_HOOKS.has(name) || !info) return null;
  const callee = unwrapExpression(call.callee);
  const root = callee.type === AST_NODE_TYPES.MemberExpression ? unwrapExpression(callee.object) : callee;
  if (root.type !== AST_NODE_TYPES.Identifier) return null;
  const def = resolveVariable(context, root)?.defs[0];
  const imported =
    def?.type === 'ImportBinding' && def.parent.type === AST_NODE_TYPES.ImportDeclaration && REACT_MODULES.has(def.parent.source.value);
  return imported && (info.checker.getTypeAtLocation(tsNodeOf(info, root)).flags & ts.TypeFlags.Any) !== 0 ? name : null;
}

const teardownCache = new WeakMap<ClassNode, { names: readonly string[]; methods: TeardownMethod[] }>();

/**
 * `getTeardownMethods`, computed once per class for a list of names (the same array:
 * `getTeardownMethodNames` gives the same one for the same inputs).
 */
export function getCachedTeardownMethods(cls: ClassNode, names: readonly string[]): TeardownMethod[] {
  const cached = teardownCache.get(cls);
  if (cached?.names === names) return cached.methods;
  const methods = getTeardownMethods(cls, names);
  teardownCache.set(cls, { names, methods });
  return methods;
}

/**
 * The functions a React effect returns as its cleanup: written out (`return () => …`,
 * an expression body that is a function), or a local function it names (`return stop`).
 */
export function getEffectCleanups(context: AnyContext, effect: EffectCallback): FunctionNode[] {
  const body = effect.callback.body;
  const values: TSESTree.Node[] = [];
  if (body.type !== AST_NODE_TYPES.BlockStatement) values.push(body);
  else for (const statement of getOwnReturnStatements(effect.callback)) if (statement.argument) values.push(statement.argument);
  const cleanups: FunctionNode[] = [];
  for (const value of values) {
    const inner = unwrapExpression(value);
    if (isFunction(inner)) cleanups.push(inner);
    else if (inner.type === AST_NODE_TYPES.Identifier) {
      const named = getCalledFunction(context, inner);
      if (named) cleanups.push(named);
    }
  }
  return cleanups;
}

/** A label for a teardown method in messages: `dispose()`, `[Symbol.dispose]()`. */
export function teardownLabel(method: TeardownMethod): string {
  return method.name.startsWith('Symbol.') ? `[${method.name}]()` : `${method.name}()`;
}

/**
 * Does `node` run at most once per instance of the class `cls`: after a test of the
 * owner's own state that leaves the method (`if (this.started) throw …;`, `if
 * (this.original || …) return;`) on a field the same method then sets (`this.started =
 * …`)? The author made the setup a latch: it does not pile up per call.
 */
export function runsOncePerInstance(node: TSESTree.Node, cls: ClassNode): boolean {
  let method: FunctionNode | null = null;
  for (const fn of getEnclosingFunctions(node)) {
    const parent = fn.parent;
    if ((parent?.type === AST_NODE_TYPES.MethodDefinition || parent?.type === AST_NODE_TYPES.PropertyDefinition) && parent.parent.parent === cls) {
      method = fn;
      break;
    }
  }
  const body = method?.body;
  if (body?.type !== AST_NODE_TYPES.BlockStatement) return false;
  const at = body.body.findIndex((statement) => isInside(node, statement));
  if (at === -1) return false;
  return body.body.slice(0, at).some((statement) => {
    if (statement.type !== AST_NODE_TYPES.IfStatement || statement.alternate || !exitsAlways(statement.consequent)) return false;
    const fields = thisFieldsRead(statement.test);
    return fields.size > 0 && body.body.slice(body.body.indexOf(statement) + 1).some((later) => setsThisField(later, fields));
  });
}

/** A `return`/`throw`, or a block that ends with one. */
function exitsAlways(statement: TSESTree.Statement): boolean {
  if (statement.type === AST_NODE_TYPES.ReturnStatement || statement.type === AST_NODE_TYPES.ThrowStatement) return true;
  if (statement.type !== AST_NODE_TYPES.BlockStatement) return false;
  const last = statement.body.at(-1);
  return !!last && exitsAlways(last);
}

/** The `this.x` fields a test reads (`this.x`, `!this.x`, `this.x || …`, `this.x !== undefined`). */
function thisFieldsRead(test: TSESTree.Node): Set<string> {
  const fields = new Set<string>();
  const visit = (node: TSESTree.Node): void => {
    const value = unwrapExpression(node);
    if (value.type === AST_NODE_TYPES.MemberExpression && value.object.type === AST_NODE_TYPES.ThisExpression && !value.computed && value.property.type === AST_NODE_TYPES.Identifier) {
      fields.add(value.property.name);
    } else if (value.type === AST_NODE_TYPES.LogicalExpression || value.type === AST_NODE_TYPES.BinaryExpression) {
      visit(value.left);
      visit(value.right);
    } else if (value.type === AST_NODE_TYPES.UnaryExpression) visit(value.argument);
  };
  visit(test);
  return fields;
}

/** Whether a statement (not a nested function) assigns one of `fields` of `this`. */
function setsThisField(statement: TSESTree.Statement, fields: ReadonlySet<string>): boolean {
  if (statement.type !== AST_NODE_TYPES.ExpressionStatement) return false;
  const expression = statement.expression;
  if (expression.type !== AST_NODE_TYPES.AssignmentExpression || expression.operator !== '=') return false;
  const left = expression.left;
  return left.type === AST_NODE_TYPES.MemberExpression && left.object.type === AST_NODE_TYPES.ThisExpression && !left.computed && left.property.type === AST_NODE_TYPES.Identifier && fields.has(left.property.name);
}

/**
 * Does `code` (a timer's callback, a callback passed by name) use its lifecycle owner:
 * `this` of the owning class, or a binding of the component around the effect (its
 * props, state, refs, the effect's locals)? A callback that uses nothing of its owner
 * (`trackEvent(…)`, a module's function) does the same work whether the owner has
 * ended or not. For a signal owner, whose abort ends the operation itself, it is not asked.
 */
export function usesLifecycleOwner(context: AnyContext, code: TSESTree.Node, owner: Owner): boolean {
  const scopes: TSESTree.Node[] = [];
  if (owner.teardown) scopes.push(owner.teardown.cls);
  if (owner.effect) scopes.push(getEnclosingFunctions(owner.effect.call)[0] ?? owner.effect.callback);
  if (scopes.length === 0) return false;
  let uses = false;
  walk(code, (node) => {
    if (uses) return false;
    if (node.type === AST_NODE_TYPES.ThisExpression && owner.teardown) uses = true;
    else if (node.type === AST_NODE_TYPES.Identifier && !isPropertyName(node)) {
      const def = resolveVariable(context, node)?.defs[0];
      if (def && !isInside(def.name, code) && scopes.some((scope) => isInside(def.name, scope))) uses = true;
    }
    return !uses;
  });
  return uses;
}

/** `x.name`, `{ name: v }`: an identifier that names a property, not a binding. */
function isPropertyName(node: TSESTree.Identifier): boolean {
  const parent = node.parent;
  if (parent?.type === AST_NODE_TYPES.MemberExpression) return parent.property === node && !parent.computed;
  if (parent?.type === AST_NODE_TYPES.Property) return parent.key === node && !parent.computed && !parent.shorthand;
  return false;
}

const STATE_CLASS_METHODS: ReadonlySet<string> = new Set(['add', 'remove', 'toggle', 'replace']);

/**
 * Does a callback only set its owner's state, so that running it after the owner ended
 * is a no-op: a React state setter (`setOpen(false)`, `this.setState(…)`), a ref reset
 * (`ref.current = null`), a field of `this`, a CSS class (`el.classList.remove('x')`)
 * or an inline style? Statements may be guarded by a test (`if (ref.current) …`).
 */
export function isStateOnlyCallback(callback: TSESTree.Node): boolean {
  const fn = unwrapExpression(callback);
  if (!isFunction(fn)) return false;
  const statements = fn.body.type === AST_NODE_TYPES.BlockStatement ? fn.body.body : [fn.body];
  return statements.length > 0 && statements.every(isStateOnlyStatement);
}

function isStateOnlyStatement(statement: TSESTree.Node): boolean {
  if (statement.type === AST_NODE_TYPES.BlockStatement) return statement.body.every(isStateOnlyStatement);
  if (statement.type === AST_NODE_TYPES.IfStatement) {
    return isStateOnlyStatement(statement.consequent) && (!statement.alternate || isStateOnlyStatement(statement.alternate));
  }
  if (statement.type === AST_NODE_TYPES.ReturnStatement) return !statement.argument;
  const expression = unwrapExpression(statement.type === AST_NODE_TYPES.ExpressionStatement ? statement.expression : statement);
  if (expression.type === AST_NODE_TYPES.SequenceExpression) return expression.expressions.every(isStateOnlyStatement);
  if (expression.type === AST_NODE_TYPES.AssignmentExpression) return isStateTarget(unwrapExpression(expression.left));
  if (expression.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = unwrapExpression(expression.callee);
  // `setOpen(false)`: a state setter by React's naming convention.
  if (callee.type === AST_NODE_TYPES.Identifier) return /^set[A-Z]/.test(callee.name) && !/^set(?:Timeout|Interval|Immediate)$/.test(callee.name);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || callee.property.type !== AST_NODE_TYPES.Identifier) return false;
  const object = unwrapExpression(callee.object);
  if (callee.property.name === 'setState') return object.type === AST_NODE_TYPES.ThisExpression;
  // `el.classList.remove('copied')`
  return STATE_CLASS_METHODS.has(callee.property.name) && object.type === AST_NODE_TYPES.MemberExpression && !object.computed && object.property.type === AST_NODE_TYPES.Identifier && object.property.name === 'classList';
}

/** `ref.current`, `this.x`, `el.style.x`, `el.className`: state of the owner or of its element. */
function isStateTarget(target: TSESTree.Node): boolean {
  if (target.type !== AST_NODE_TYPES.MemberExpression || target.computed || target.property.type !== AST_NODE_TYPES.Identifier) return false;
  const object = unwrapExpression(target.object);
  if (target.property.name === 'current' || target.property.name === 'className') return true;
  if (object.type === AST_NODE_TYPES.ThisExpression) return true;
  return object.type === AST_NODE_TYPES.MemberExpression && !object.computed && object.property.type === AST_NODE_TYPES.Identifier && object.property.name === 'style';
}
