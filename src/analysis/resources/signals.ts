import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../syntax/node-types';
import type * as ts from 'typescript';

import { getEnclosingFunction, getEnclosingFunctions, getMemberName, getPropertyName, getStaticPropertyName, getValueParent, isInside, unwrapExpression, walk, type FunctionNode } from '../syntax/ast';
import type { AnyContext } from '../syntax/context';
import { doesVariableEscape, isExportedVariable } from './escape';
import { mentions } from '../syntax/file-index';
import { getPlace, referencesVariable, resolveVariable, type Place } from '../syntax/references';
import { annotationMayCarrySignal, mayCallbackParameterCarrySignal } from '../types/signatures';
import { getTypeInfo, tsNodeOf, typeOfNode, type TypeInfo } from '../types/type-info';
import { findSignalProperty, getPropertyTypes, isAbortControllerType, isAbortSignalType, isNullableType, SIGNAL_PROPERTY_NAME } from '../types/types';

type Variable = TSESLint.Scope.Variable;

/** An AbortSignal that code at some node could pass on. */
export interface SignalInScope {
  /** The expression to pass: `signal`, `opts.signal`, `opts?.signal`, `controller.signal`. */
  readonly text: string;
  /** The variable the expression starts from (`opts` for `opts.signal`). */
  readonly variable: Variable;
  /** How the code got it. */
  readonly source: 'parameter' | 'destructured' | 'property' | 'controller' | 'local';
  /** For `property`: the options property that holds it (`signal`, `abortSignal`). */
  readonly property?: string;
  /** The function whose parameter or local it is. */
  readonly fn: FunctionNode;
}

const perChain = new WeakMap<FunctionNode, readonly SignalInScope[]>();

/**
 * The signals in scope at `node`, nearest first: the enclosing function's own
 * (parameters, destructured options, `opts.signal`, local controllers and local
 * signal consts declared before `node`), then each enclosing function's. A
 * parameter named `_…` is deliberately unused and does not count. Empty without
 * type information: a signal is a type (README, "Without type information").
 */
export function getSignalsInScope(context: AnyContext, node: TSESTree.Node): SignalInScope[] {
  const info = getTypeInfo(context);
  const fn = info && getEnclosingFunction(node);
  if (!fn) return [];
  const chain = getChainSignals(context, info, fn);
  if (chain.length === 0) return [];
  return chain.filter((signal) => {
    if (signal.source !== 'controller' && signal.source !== 'local') return true;
    const declared = signal.variable.defs[0]?.name;
    return !!declared && declared.range[1] <= node.range[0];
  });
}

/** The signals of `fn` and of every function around it, nearest first: kept per function, for every node inside it. */
function getChainSignals(context: AnyContext, info: TypeInfo, fn: FunctionNode): readonly SignalInScope[] {
  let chain = perChain.get(fn);
  if (!chain) {
    const own = collectFunctionSignals(context, info, fn);
    const outer = getEnclosingFunction(fn);
    const rest = outer ? getChainSignals(context, info, outer) : [];
    chain = own.length === 0 ? rest : rest.length === 0 ? own : [...own, ...rest];
    perChain.set(fn, chain);
  }
  return chain;
}

function collectFunctionSignals(context: AnyContext, info: TypeInfo, fn: FunctionNode): SignalInScope[] {
  const signals: SignalInScope[] = [];
  for (const param of fn.params) collectParameterSignals(context, info, fn, param, signals);
  if (fn.body.type === AST_NODE_TYPES.BlockStatement && mayDeclareSignalLocals(context)) collectLocalSignals(context, info, fn, signals);
  return signals;
}

function collectParameterSignals(
  context: AnyContext,
  info: TypeInfo,
  fn: FunctionNode,
  param: TSESTree.Parameter,
  out: SignalInScope[],
): void {
  let binding: TSESTree.Node = param;
  if (binding.type === AST_NODE_TYPES.TSParameterProperty) binding = binding.parameter;
  if (binding.type === AST_NODE_TYPES.AssignmentPattern) binding = binding.left;
  if (binding.type === AST_NODE_TYPES.Identifier) {
    if (binding.name.startsWith('_') || binding.name === 'this' || !mayBeSignalParameter(info, binding)) return;
    if (binding === param && !binding.typeAnnotation && !mayInferredParameterCarrySignal(info, fn, param)) return;
    const type = typeOfNode(info, binding);
    if (isAbortSignalType(info, type)) {
      const variable = resolveVariable(context, binding);
      if (variable) out.push({ text: binding.name, variable, source: 'parameter', fn });
      return;
    }
    // Every constituent must have it, readable from here (`url: RequestInfo`, `Request | string`,
    // has no `url.signal` to pass; a `protected signal` of a domain object cannot be read).
    const property = findSignalProperty(info, type, tsNodeOf(info, binding));
    const variable = property && resolveVariable(context, binding);
    if (variable) {
      const access = isNullableType(type) ? '?.' : '.';
      out.push({ text: `${binding.name}${access}${property}`, variable, source: 'property', property, fn });
    }
    return;
  }
  if (binding.type === AST_NODE_TYPES.ObjectPattern) {
    for (const property of binding.properties) {
      if (property.type !== AST_NODE_TYPES.Property || !SIGNAL_PROPERTY_NAME.test(getPropertyName(property) ?? '')) continue;
      const value = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
      if (value.type !== AST_NODE_TYPES.Identifier || value.name.startsWith('_')) continue;
      const variable = resolveVariable(context, value);
      if (variable && isAbortSignalType(info, typeOfNode(info, value))) {
        out.push({ text: value.name, variable, source: 'destructured', fn });
      }
    }
  }
}

/**
 * An unannotated parameter without a default is typed by inference when its function
 * is a callback: ask first what the callee declares for it, which is cheap
 * (`mayCallbackParameterCarrySignal`), and type it only where that may be a signal.
 */
function mayInferredParameterCarrySignal(info: TypeInfo, fn: FunctionNode, param: TSESTree.Identifier): boolean {
  if (fn.type !== AST_NODE_TYPES.ArrowFunctionExpression && fn.type !== AST_NODE_TYPES.FunctionExpression) return true;
  const index = fn.params.filter((p) => p.type !== AST_NODE_TYPES.Identifier || p.name !== 'this').indexOf(param);
  return index < 0 || mayCallbackParameterCarrySignal(info, fn, index);
}

/**
 * An annotation the checker must compute rather than look up: a generic
 * instantiation (`Result<T>`), a conditional, mapped or indexed access type, a
 * `typeof` query. Utility-type results can cost more than the rest of a file.
 */
function isComputedAnnotation(annotation: TSESTree.TypeNode): boolean {
  switch (annotation.type) {
    case AST_NODE_TYPES.TSUnionType:
    case AST_NODE_TYPES.TSIntersectionType:
      return annotation.types.some(isComputedAnnotation);
    case AST_NODE_TYPES.TSTypeReference:
      return !!annotation.typeArguments;
    case AST_NODE_TYPES.TSIndexedAccessType:
    case AST_NODE_TYPES.TSTypeQuery:
    case AST_NODE_TYPES.TSConditionalType:
    case AST_NODE_TYPES.TSMappedType:
    case AST_NODE_TYPES.TSImportType:
      return true;
    default:
      return false;
  }
}

/** A name, or its last camel-case word, that says signal or options: `signal`, `opts`, `fetchOptions`, `reqInit`, `ctx`. */
const OPTIONS_LIKE = /(?:signal|abort\w*|opts?|options?|init|config|conf|cfg|ctx|context|params|settings?|req|request|args)$/i;

/**
 * Syntactic filter before asking the checker about a parameter. One whose
 * annotation cannot be or carry a signal (`annotationMayCarrySignal`: a primitive, a
 * literal, an array, a tuple, a function type, `keyof …`, a type literal without a
 * signal) is skipped. One with a plain annotation (`opts: RequestOptions`, `signal?:
 * AbortSignal`) is typed: that is a cheap lookup. One whose type the checker must
 * compute (an unannotated callback parameter, typed from its call by inference; a
 * generic instantiation, conditional or indexed access type) is only typed when its
 * name says it is a signal or an options/context object (`signal`, `opts`,
 * `requestOptions`, `ctx`, `init`...).
 */
function mayBeSignalParameter(info: TypeInfo, binding: TSESTree.Identifier): boolean {
  const annotation = binding.typeAnnotation?.typeAnnotation;
  if (annotation && !annotationMayCarrySignal(tsNodeOf(info, annotation) as ts.TypeNode)) return false;
  // A plain annotation (`opts: RequestOptions`) is cheap to type; a computed one, or none, only for a telling name.
  return (annotation && !isComputedAnnotation(annotation)) || OPTIONS_LIKE.test(binding.name);
}

/**
 * Syntactic filter before asking the checker about a local: could it hold a
 * controller or a signal? A `new …Controller()`/`new …Abort…()`, a name that says
 * so, `x.signal`, or a call that mentions signals (`AbortSignal.any(…)`,
 * `getSignal()`). Typing every local initialised by a call is what made signal
 * lookup expensive on generic-heavy code (inferring `createSlice({...})`).
 */
const SIGNAL_WORDS = 'signal|abort|controller|ctrl';
const SIGNALISH = new RegExp(`${SIGNAL_WORDS}|^ac$`, 'i');

/**
 * Could any `const` of this file hold a controller or a signal (`mayHoldSignal`)? Only
 * if the file's text has one of the words `SIGNALISH` looks for (`ac` as a word), or may
 * spell one with an escape: most files have none, and their functions' consts are not read.
 */
const SIGNALISH_TEXT = new RegExp(`${SIGNAL_WORDS}|\\bac\\b`, 'i');
const mayDeclareSignalLocals = mentions(SIGNALISH_TEXT);

function mayHoldSignal(declarator: TSESTree.VariableDeclarator): boolean {
  const init = declarator.init;
  if (!init || declarator.id.type !== AST_NODE_TYPES.Identifier) return false;
  if (SIGNALISH.test(declarator.id.name)) return true;
  const value = unwrapExpression(init);
  if (value.type === AST_NODE_TYPES.NewExpression || value.type === AST_NODE_TYPES.CallExpression) {
    const callee = unwrapExpression(value.callee);
    const name =
      callee.type === AST_NODE_TYPES.Identifier
        ? callee.name
        : callee.type === AST_NODE_TYPES.MemberExpression
          ? `${callee.object.type === AST_NODE_TYPES.Identifier ? callee.object.name : ''}.${getStaticPropertyName(callee) ?? ''}`
          : '';
    return SIGNALISH.test(name);
  }
  return value.type === AST_NODE_TYPES.MemberExpression && getStaticPropertyName(value) === 'signal';
}

function collectLocalSignals(context: AnyContext, info: TypeInfo, fn: FunctionNode, out: SignalInScope[]): void {
  for (const { declarator, variable } of getOwnConsts(context, fn)) {
    if (!mayHoldSignal(declarator)) continue;
    const id = declarator.id as TSESTree.Identifier;
    const type = typeOfNode(info, id);
    if (isAbortControllerType(info, type)) {
      out.push({ text: `${id.name}.signal`, variable, source: 'controller', fn });
    } else if (isAbortSignalType(info, type) && !id.name.startsWith('_')) {
      out.push({ text: id.name, variable, source: 'local', fn });
    }
  }
}

/** The scopes inside a function that are still its own body: not those of nested functions or classes. */
const OWN_BODY_SCOPES: ReadonlySet<string> = new Set(['block', 'for', 'switch', 'catch', 'with']);

/**
 * The `const`s a function's own body declares (not those of the functions or classes
 * nested in it), in source order: read from the scope analysis, the function's scope
 * and its blocks', without walking the body.
 */
function getOwnConsts(context: AnyContext, fn: FunctionNode): { declarator: TSESTree.VariableDeclarator; variable: Variable }[] {
  const consts: { declarator: TSESTree.VariableDeclarator; variable: Variable }[] = [];
  const visit = (scope: TSESLint.Scope.Scope): void => {
    for (const variable of scope.variables) {
      const def = variable.defs[0];
      if (def?.type === 'Variable' && def.parent.kind === 'const' && def.node.id === def.name) consts.push({ declarator: def.node, variable });
    }
    for (const child of scope.childScopes) if (OWN_BODY_SCOPES.has(child.type)) visit(child);
  };
  const scope = context.sourceCode.scopeManager?.acquire(fn, true);
  if (scope) visit(scope);
  return consts.sort((a, b) => a.declarator.range[0] - b.declarator.range[0]);
}

/** Whether an expression mentions the signal (or the object it comes from): `signal`, `opts`, `{ ...opts }`. */
export function referencesSignal(context: AnyContext, expression: TSESTree.Node, signal: SignalInScope): boolean {
  return referencesVariable(context, expression, signal.variable);
}

/** Whether an expression is (a derivation of) any signal in scope. */
export function referencesAnySignal(context: AnyContext, expression: TSESTree.Node, signals: readonly SignalInScope[]): boolean {
  return signals.some((signal) => referencesSignal(context, expression, signal));
}

/**
 * Whether a signal in scope may be missing at run time (`signal?: AbortSignal`,
 * `opts?.signal`, `opts: { signal?: AbortSignal }`), so code that uses it needs `?.`.
 * Without type information: yes.
 */
export function isOptionalSignal(context: AnyContext, signal: SignalInScope): boolean {
  const info = getTypeInfo(context);
  const id = signal.variable.defs[0]?.name;
  if (!info || !id) return true;
  const type = typeOfNode(info, id);
  if (isNullableType(type)) return true;
  if (signal.source !== 'property') return false;
  return getPropertyTypes(info, type, signal.property ?? 'signal', tsNodeOf(info, id)).some((t) => isNullableType(t));
}

/**
 * Could this expression be tied to one of the signals? It mentions one, or it
 * reads a local of the enclosing functions (a promise built earlier, a closure)
 * whose value or body mentions one, followed a few steps deep: `const aborted =
 * waitForAbort().then(...)` where `waitForAbort` listens to `signal`. For rules
 * that must stay quiet when a value may already listen to the signal.
 */
export function mayDependOnSignal(
  context: AnyContext,
  expression: TSESTree.Node,
  signals: readonly SignalInScope[],
): boolean {
  const outermost = getEnclosingFunctions(expression).at(-1);
  if (!outermost) return referencesAnySignal(context, expression, signals);
  const seen = new Set<Variable>();
  const visit = (node: TSESTree.Node, depth: number): boolean => {
    if (referencesAnySignal(context, node, signals)) return true;
    if (depth >= 4) return false;
    const locals: Variable[] = [];
    walk(node, (child) => {
      if (child.type === AST_NODE_TYPES.Identifier) {
        const variable = resolveVariable(context, child);
        if (variable && !seen.has(variable) && variable.defs.some((def) => isInside(def.node, outermost))) {
          seen.add(variable);
          locals.push(variable);
        }
      }
      return true;
    });
    return locals.some((variable) => {
      const sources: TSESTree.Node[] = [];
      for (const def of variable.defs) {
        if (def.type === 'Variable' && def.node.init) sources.push(def.node.init);
        if (def.type === 'FunctionName') sources.push(def.node);
        // A deferred (`const { promise, reject } = Promise.withResolvers()`): the promise
        // settles when code that uses its resolvers runs, so follow those uses too.
        if (def.type === 'Variable' && def.node.id.type !== AST_NODE_TYPES.Identifier) {
          for (const sibling of context.sourceCode.getDeclaredVariables(def.node)) {
            if (sibling === variable || seen.has(sibling)) continue;
            seen.add(sibling);
            for (const reference of sibling.references) {
              if (!reference.init) sources.push(reachingCall(reference.identifier, sibling.scope.block));
            }
          }
        }
      }
      for (const reference of variable.references) {
        if (!reference.isWrite() || reference.init) continue;
        // Written from another function (`interrupt = resolve` in an executor, called
        // later by an abort handler): too indirect to follow, so it may be tied.
        if (reference.from.variableScope !== variable.scope.variableScope) return true;
        const parent = reference.identifier.parent;
        if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === reference.identifier) {
          sources.push(parent.right);
        }
      }
      return sources.some((source) => visit(source, depth + 1));
    });
  };
  return visit(expression, 0);
}

/**
 * The outermost call around a use, up to the statement of `scope` that holds it
 * (`addAbortListener(signal, function () { reject(this.reason) })` for `reject`).
 */
function reachingCall(use: TSESTree.Node, scope: TSESTree.Node): TSESTree.Node {
  let reached: TSESTree.Node = use;
  for (let current = use.parent; current && current !== scope; current = current.parent) {
    if (current.type === AST_NODE_TYPES.CallExpression || current.type === AST_NODE_TYPES.NewExpression || current.type === AST_NODE_TYPES.ConditionalExpression) {
      reached = current;
    }
  }
  return reached;
}


/**
 * A local controller whose signal can never fire: its `abort` is never read, it is
 * never reassigned, and it never escapes (nobody else can abort it). With
 * `onlyForSignal`, it must also be used for nothing but its `.signal`.
 */
export function isNeverAborted(context: AnyContext, controller: Variable, { onlyForSignal = false } = {}): boolean {
  const member = (reference: TSESLint.Scope.Reference): string | null => {
    const { node, parent } = getValueParent(reference.identifier);
    return parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === node ? getMemberName(parent) : null;
  };
  const reads = controller.references.filter((reference) => !reference.init);
  if (reads.some((reference) => reference.isWrite() || member(reference) === 'abort')) return false;
  if (onlyForSignal && !reads.every((reference) => member(reference) === 'signal')) return false;
  return !isExportedVariable(controller) && !doesVariableEscape(context, controller);
}

/**
 * A never-aborting signal on purpose: the fallback of `??`/`||`/`?:`
 * (`opts.signal ?? new AbortController().signal`), a default value
 * (`signal = new AbortController().signal`), or only inspected (`.aborted`).
 */
export function isPlaceholderSignal(member: TSESTree.MemberExpression): boolean {
  const { node, parent } = getValueParent(member);
  if (!parent) return false;
  switch (parent.type) {
    case AST_NODE_TYPES.LogicalExpression:
      return parent.right === node && (parent.operator === '??' || parent.operator === '||');
    case AST_NODE_TYPES.ConditionalExpression:
      return parent.test !== node;
    case AST_NODE_TYPES.AssignmentPattern:
      return parent.right === node;
    case AST_NODE_TYPES.MemberExpression:
      return parent.object === node;
    default:
      return false;
  }
}

/**
 * The controller an AbortSignal expression comes from, as a place: `c.signal` → `c`,
 * `this.controller.signal` → `this.controller`, through consts that hold it (`const
 * signal = c.signal`, `const { signal } = c`, `const s = signal`). `null` for any other
 * signal (a parameter, `AbortSignal.timeout(ms)`, an options object).
 */
export function getSignalController(context: AnyContext, signal: TSESTree.Node, depth = 0): Place | null {
  if (depth > 3) return null;
  const value = unwrapExpression(signal);
  if (value.type === AST_NODE_TYPES.MemberExpression && getMemberName(value) === 'signal') return getPlace(context, value.object);
  if (value.type !== AST_NODE_TYPES.Identifier) return null;
  const def = resolveVariable(context, value)?.defs[0];
  if (def?.type !== 'Variable' || def.parent.kind !== 'const' || !def.node.init) return null;
  if (def.node.id.type === AST_NODE_TYPES.Identifier) return getSignalController(context, def.node.init, depth + 1);
  const destructured =
    def.node.id.type === AST_NODE_TYPES.ObjectPattern &&
    def.node.id.properties.some((p) => p.type === AST_NODE_TYPES.Property && getPropertyName(p) === 'signal' && p.value === def.name);
  return destructured ? getPlace(context, def.node.init) : null;
}

/**
 * Is this the signal of a value the function only describes (spec README, "Signal in
 * scope"): `request.signal` where every other use of `request` is an argument to a
 * constructor (`new TimeoutError(request)`), a value passed for an error's context, not
 * an operation the function runs? Its abort is not this function's cancellation.
 */
export function isDescribedValueSignal(signal: SignalInScope): boolean {
  if (signal.source !== 'property') return false;
  const uses = signal.variable.references.filter((r) => !r.init);
  return (
    uses.length > 0 &&
    uses.every((r) => {
      const parent = r.identifier.parent;
      return parent?.type === AST_NODE_TYPES.NewExpression && parent.arguments.includes(r.identifier as TSESTree.Expression);
    })
  );
}
