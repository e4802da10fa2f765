import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import {
  getChainRootCall,
  getClearedTimerHandle,
  getContainingStatement,
  getEnclosingFunction,
  getInlinePromiseExecutor,
  getMissingSignal,
  getPassedSignalExpression,
  getPlace,
  getReleasedExpression,
  getSelectCall,
  getSignalNullability,
  getSignalSlot,
  getSignalsInScope,
  getStaticPropertyName,
  getTimerCall,
  getTypeInfo,
  getValueParent,
  isFunction,
  isGlobalReference,
  isInside,
  isLoopNode,
  isPromiseTimeoutCall,
  isSignalPassed,
  isThenableType,
  isUndefinedLiteral,
  mayDependOnSignal,
  referencesAnySignal,
  resolveVariable,
  runsAfterAbort,
  samePlace,
  typeOfNode,
  unwrapExpression,
  walk,
  canSkipArgumentsBefore,
  doesVariableEscape,
  type CallLike,
  type FunctionNode,
  type SelectCall,
  type SignalInScope,
  type SignalSlot,
  type TypeInfo,
} from '../analysis';
import { AUTOFIX_OPTION_SCHEMA, getFileStyle, getIndent, getIndentUnit, quoted, reportLeak, type Remedy } from '../fixes';
import { createRule } from '../util/create-rule';

export type Options = [{ autofix?: boolean }];
export type MessageIds =
  | 'ignoresSignal'
  | 'timerLoser'
  | 'operationLoser'
  | 'abortLosers'
  | 'useTimeoutSignal'
  | 'rejectOnAbort';

type Context = Readonly<TSESLint.RuleContext<MessageIds, Options>>;
type SourceCode = Readonly<TSESLint.SourceCode>;

/** A text edit inside the statement a fix rewrites. */
interface Edit {
  readonly range: readonly [number, number];
  readonly text: string;
}

/**
 * How a loser is wired to the new controller: a signal argument, an abort listener
 * that clears the timer, or a release statement for the `finally` block.
 */
type Wiring =
  | { readonly type: 'signal'; readonly call: CallLike; readonly slot: SignalSlot }
  | { readonly type: 'timerListener'; readonly timer: TSESTree.CallExpression; readonly executor: FunctionNode; readonly handle: string | null }
  | { readonly type: 'finally'; readonly statement: string; readonly variable: TSESLint.Scope.Variable };

interface Loser {
  readonly kind: 'timer' | 'operation';
  readonly contender: TSESTree.Expression;
  /** What the message names: the timer's delay, or the operation's call. */
  readonly data: Record<string, string>;
  /** How the AbortController rewrite stops it, or `null` when it cannot. */
  readonly wiring: Wiring | null;
  /** For an inline rejecting timeout: the delay expression (for `AbortSignal.timeout(ms)`). */
  readonly rejectingDelay?: TSESTree.Node;
}

/** What the rule learned about one contender. */
type Contender =
  | { readonly kind: 'loser'; readonly loser: Loser }
  /** A signal-accepting call missing the in-scope signal: `require-signal-propagation` reports it. */
  | { readonly kind: 'missingSignal'; readonly call: CallLike; readonly slot: SignalSlot }
  /** A signal-accepting call without a signal, where no signal is in scope (not a loser when it is alone). */
  | { readonly kind: 'passesSignal' }
  | { readonly kind: 'other' };

const TIMERS_PROMISES_SLOT: SignalSlot = { kind: 'options', index: 2, optional: true, skippedAcceptUndefined: true };

export default createRule<Options, MessageIds>({
  name: 'await-in-select-without-abort',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Require `Promise.race`/`Promise.any` selects to listen to the in-scope signal and to stop their losing timers and requests',
      recommended: true,
      requiresTypeChecking: true,
    },
    fixable: 'code',
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          autofix: AUTOFIX_OPTION_SCHEMA,
        },
      },
    ],
    defaultOptions: [{ autofix: false }],
    messages: {
      ignoresSignal:
        '`{{signal}}` is in scope but no contender of this `Promise.{{method}}` listens to it: when it aborts, this await keeps waiting until a contender settles.',
      timerLoser:
        'When {{winner}} wins this `Promise.{{method}}`, {{timer}} keeps running{{duration}}, holding the event loop open and its callback in memory.',
      operationLoser:
        'When {{winner}} wins this `Promise.{{method}}`, `{{operation}}` keeps running ({{reason}}): its request or work goes on, holding sockets and memory until it finishes.',
      abortLosers: 'Stop the losers once the race settles: `{{release}}` in a `finally`.',
      useTimeoutSignal: 'Replace the race with `{{signal}}` on the call (it then rejects with a `TimeoutError` `DOMException`).',
      rejectOnAbort: 'Add a contender that rejects when `{{signal}}` aborts, removed in a `finally`.',
    },
  },
  defaultOptions: [{ autofix: false }],
  create(context, [options]) {
    const autofix = options.autofix === true;
    const sourceCode = context.sourceCode;
    const reserved = new Set<string>();
    let taken: Set<string> | null = null;

    /** A name no binding of the file uses, and that no earlier fix of this run took. */
    function freshName(base: string): string {
      if (!taken) {
        taken = new Set<string>();
        for (const scope of sourceCode.scopeManager?.scopes ?? []) {
          for (const variable of scope.variables) taken.add(variable.name);
          for (const reference of scope.through) taken.add(reference.identifier.name);
        }
      }
      let name = base;
      for (let i = 2; taken.has(name) || reserved.has(name); i++) name = `${base}${i}`;
      reserved.add(name);
      return name;
    }

    return {
      CallExpression(node) {
        const select = getSelectCall(context, node);
        if (!select) return;
        checkSelect(context, select, autofix, freshName);
      },
    };
  },
});

function checkSelect(context: Context, select: SelectCall, autofix: boolean, freshName: (base: string) => string): void {
  const info = getTypeInfo(context);
  const inScope = info && getEnclosingFunction(select.node) ? getSignalsInScope(context, select.node) : [];
  const contenders = select.contenders.map((contender) => classifyContender(context, info, inScope, contender));
  const losers = contenders.flatMap((c) => (c.kind === 'loser' ? [c.loser] : []));

  // Ignores the signal: nothing in the race is tied to any signal, and no contender is require-signal-propagation's.
  const callerSignals = inScope.filter((s) => s.source !== 'controller' && s.source !== 'local');
  if (
    callerSignals.length > 0 &&
    !runsAfterAbort(context, select.node) &&
    !contenders.some((c) => c.kind === 'missingSignal' || c.kind === 'passesSignal') &&
    !mayDependOnSignal(context, select.node.arguments[0]!, inScope)
  ) {
    const signal = callerSignals[0]!;
    const remedy = info ? rejectOnAbortRemedy(context, info, select, signal, freshName) : null;
    reportLeak(context, {
      node: select.node.callee,
      messageId: 'ignoresSignal',
      data: { signal: signal.text, method: select.method },
      remedies: remedy ? [remedy] : [],
      autofix,
      noAutofix: true,
    });
  }

  // Losers: only a race of two or more contenders has one.
  if (losers.length === 0 || (select.contenders.length < 2 && !select.hasSpread)) return;
  const controllerRemedy = abortControllerRemedy(context, select, losers, freshName);
  const timeoutRemedy = timeoutSignalRemedy(context, info, select, contenders, callerSignals);
  for (const loser of losers) {
    const other = select.contenders.length === 2 && !select.hasSpread ? select.contenders.find((c) => c !== loser.contender)! : null;
    const winner = other ? describeContender(context, other) : 'another contender';
    const remedies: Remedy<MessageIds>[] = [];
    if (controllerRemedy) remedies.push(controllerRemedy);
    if (timeoutRemedy) remedies.push(timeoutRemedy);
    reportLeak(context, {
      node: loser.contender,
      messageId: loser.kind === 'timer' ? 'timerLoser' : 'operationLoser',
      data: { ...loser.data, winner, method: select.method },
      remedies,
      autofix,
      // Only the AbortController rewrite may become `--fix`; the timeout signal changes the error type.
      noAutofix: !controllerRemedy,
    });
  }
}

// ---------------------------------------------------------------------------
// Contenders

function classifyContender(
  context: Context,
  info: TypeInfo | null,
  inScope: readonly SignalInScope[],
  contender: TSESTree.Expression,
): Contender {
  const timer = inlineTimerLoser(context, contender);
  if (timer) return timer === 'quiet' ? { kind: 'other' } : { kind: 'loser', loser: timer };
  const root = getChainRootCall(contender);
  if (!root) return { kind: 'other' };
  if (root.type === AST_NODE_TYPES.CallExpression && isPromiseTimeoutCall(context, root)) {
    const slot = (info && getSignalSlot(info, root)) ?? TIMERS_PROMISES_SLOT;
    const data = { timer: `\`${shortText(context.sourceCode, root)}\``, duration: describeDelay(context.sourceCode, root.arguments[0]) };
    if (isSignalPassed(root, slot)) {
      // Its signal comes from a local controller that nothing aborts: still a loser.
      const passed = info && getPassedSignalExpression(root, slot);
      const controller = passed && unabortedController(context, info, passed, inScope);
      if (!controller) return { kind: 'passesSignal' };
      return { kind: 'loser', loser: { kind: 'timer', contender, data, wiring: controllerWiring(controller) } };
    }
    if (info && getMissingSignal(context, root)) return { kind: 'missingSignal', call: root, slot };
    if (inScope.length > 0) return { kind: 'other' };
    return { kind: 'loser', loser: { kind: 'timer', contender, data, wiring: { type: 'signal', call: root, slot } } };
  }
  if (!info) return { kind: 'other' };
  if (root.type === AST_NODE_TYPES.NewExpression && getInlinePromiseExecutor(context, root)) return { kind: 'other' };
  const slot = getSignalSlot(info, root);
  if (!slot || !isThenableType(typeOfNode(info, root))) return { kind: 'other' };
  if (getMissingSignal(context, root)) return { kind: 'missingSignal', call: root, slot };
  const operation = shortText(context.sourceCode, root);
  if (!isSignalPassed(root, slot)) {
    // In scope but not "missing" (e.g. in a `finally`): require-signal-propagation's territory; stay quiet.
    if (inScope.length > 0) return { kind: 'passesSignal' };
    return {
      kind: 'loser',
      loser: {
        kind: 'operation',
        contender,
        data: { operation, reason: 'it is given no AbortSignal' },
        wiring: { type: 'signal', call: root, slot },
      },
    };
  }
  const passed = getPassedSignalExpression(root, slot);
  if (!passed) return { kind: 'passesSignal' };
  const controller = unabortedController(context, info, passed, inScope);
  if (!controller) return { kind: 'passesSignal' };
  return {
    kind: 'loser',
    loser: {
      kind: 'operation',
      contender,
      data: { operation, reason: controller.variable ? `\`${controller.text}\` is never aborted` : 'its controller is never aborted' },
      wiring: controllerWiring(controller),
    },
  };
}

/** Abort a local controller that nothing aborts in the `finally` (not possible for `new AbortController().signal`). */
function controllerWiring(controller: { text: string; variable: TSESLint.Scope.Variable | null }): Wiring | null {
  return controller.variable ? { type: 'finally', statement: `${controller.text}.abort()`, variable: controller.variable } : null;
}

/**
 * A signal that nothing aborts after the race: `ac.signal` of a local controller that
 * is never aborted and never handed on, or `new AbortController().signal`. Signals
 * from `AbortSignal.timeout`, the caller, or anything the rule cannot follow are
 * bounded or unknown: `null`.
 */
function unabortedController(
  context: Context,
  info: TypeInfo,
  expression: TSESTree.Node,
  inScope: readonly SignalInScope[],
  depth = 0,
): { text: string; variable: TSESLint.Scope.Variable | null } | null {
  if (depth > 3 || referencesAnySignal(context, expression, inScope.filter((s) => s.source !== 'controller'))) return null;
  const value = unwrapExpression(expression);
  if (value.type === AST_NODE_TYPES.Identifier) {
    const variable = resolveVariable(context, value);
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (def?.type !== 'Variable' || def.parent.kind !== 'const' || !def.node.init) return null;
    return unabortedController(context, info, def.node.init, inScope, depth + 1);
  }
  if (value.type !== AST_NODE_TYPES.MemberExpression || getStaticPropertyName(value) !== 'signal') return null;
  const object = unwrapExpression(value.object);
  if (object.type === AST_NODE_TYPES.NewExpression) {
    const callee = unwrapExpression(object.callee);
    return callee.type === AST_NODE_TYPES.Identifier && callee.name === 'AbortController' && isGlobalReference(context, callee)
      ? { text: 'new AbortController()', variable: null }
      : null;
  }
  if (object.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = resolveVariable(context, object);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (!variable || def?.type !== 'Variable' || !def.node.init || !getEnclosingFunction(def.node)) return null;
  const init = unwrapExpression(def.node.init);
  if (init.type !== AST_NODE_TYPES.NewExpression) return null;
  const callee = unwrapExpression(init.callee);
  if (callee.type !== AST_NODE_TYPES.Identifier || callee.name !== 'AbortController' || !isGlobalReference(context, callee)) return null;
  const aborted = variable.references.some((reference) => {
    const member = reference.identifier.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== reference.identifier) return false;
    if (getStaticPropertyName(member) === 'abort') return true;
    return false;
  });
  if (aborted || doesVariableEscape(context, variable)) return null;
  // Reassigned (`let ac = …; ac = new …`): too dynamic to follow.
  if (variable.references.some((reference) => reference.isWrite() && reference.identifier !== def.name)) return null;
  return { text: object.name, variable };
}

/**
 * An inline `new Promise(executor)` whose executor starts a host `setTimeout`, when
 * its timer is not stopped once the race settles; `'quiet'` for a timer promise the
 * code does clear (or unrefs, or hands on); `null` when the contender is not one.
 */
function inlineTimerLoser(context: Context, contender: TSESTree.Expression): Loser | 'quiet' | null {
  const expression = unwrapExpression(contender);
  if (expression.type !== AST_NODE_TYPES.NewExpression) return null;
  const executor = getInlinePromiseExecutor(context, expression);
  if (!executor) return null;
  const timers: TSESTree.CallExpression[] = [];
  walk(executor.body, (node) => {
    if (node !== executor.body && isFunction(node)) return false;
    if (node.type === AST_NODE_TYPES.CallExpression && getTimerCall(context, node) === 'setTimeout') timers.push(node);
    return true;
  });
  const timer = timers[0];
  if (!timer) return null;
  if (timers.length > 1) return 'quiet';
  const handle = timerHandle(context, timer, executor);
  if (handle === 'quiet') return 'quiet';
  const sourceCode = context.sourceCode;
  const data = { timer: "the timeout's timer", duration: describeDelay(sourceCode, timer.arguments[1]) };
  let wiring: Wiring | null = null;
  if (handle.type === 'discarded' || handle.type === 'local') {
    wiring = { type: 'timerListener', timer, executor, handle: handle.type === 'local' ? handle.name : null };
  } else if (handle.type === 'outer') {
    wiring = { type: 'finally', statement: `clearTimeout(${handle.variable.name})`, variable: handle.variable };
  }
  return { kind: 'timer', contender, data, wiring, rejectingDelay: rejectingDelay(context, executor, timer) ?? undefined };
}

type TimerHandle =
  | { readonly type: 'discarded' }
  | { readonly type: 'local'; readonly name: string }
  | { readonly type: 'outer'; readonly variable: TSESLint.Scope.Variable }
  | { readonly type: 'unknown' };

/** Where the timer's handle goes, and `'quiet'` when something clears it, unrefs it or hands it on. */
function timerHandle(context: Context, timer: TSESTree.CallExpression, executor: FunctionNode): TimerHandle | 'quiet' {
  const { node, parent } = getValueParent(timer);
  if (!parent) return 'quiet';
  if (parent.type === AST_NODE_TYPES.ExpressionStatement) {
    return parent.parent === executor.body ? { type: 'discarded' } : { type: 'unknown' };
  }
  if (parent === executor && executor.body === node) return { type: 'discarded' };
  let id: TSESTree.Node | null = null;
  if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === node) id = parent.id;
  else if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.right === node && parent.operator === '=') id = parent.left;
  if (!id) return 'quiet'; // `.unref()`, returned, passed on: not ours to judge
  const place = getPlace(context, id);
  if (!place) return 'quiet';
  if (isClearedAnywhere(context, place)) return 'quiet';
  if (id.type !== AST_NODE_TYPES.Identifier) return { type: 'unknown' };
  const variable = resolveVariable(context, id);
  if (!variable) return 'quiet';
  if (variable.references.some((r) => r.isRead() && isHandleHandedOn(r.identifier))) return 'quiet';
  const declaredInside = variable.defs.some((def) => isInside(def.name, executor));
  if (declaredInside) {
    return parent.type === AST_NODE_TYPES.VariableDeclarator && parent.parent.parent === executor.body
      ? { type: 'local', name: id.name }
      : { type: 'unknown' };
  }
  return { type: 'outer', variable };
}

/** A handle read that is not a plain comparison: `t.unref()`, passed to a call, stored... */
function isHandleHandedOn(use: TSESTree.Node): boolean {
  const { parent } = getValueParent(use);
  return !!parent && parent.type !== AST_NODE_TYPES.BinaryExpression && parent.type !== AST_NODE_TYPES.UnaryExpression &&
    parent.type !== AST_NODE_TYPES.IfStatement && parent.type !== AST_NODE_TYPES.LogicalExpression;
}

/** Is there a `clearTimeout(x)`/`clearInterval(x)` of this place anywhere in the file? */
function isClearedAnywhere(context: Context, place: ReturnType<typeof getPlace>): boolean {
  let cleared = false;
  walk(context.sourceCode.ast, (node) => {
    if (cleared) return false;
    if (node.type === AST_NODE_TYPES.CallExpression) {
      const handle = getClearedTimerHandle(context, node) ?? getReleasedExpression(context, node);
      if (handle && samePlace(getPlace(context, handle), place)) cleared = true;
    }
    return !cleared;
  });
  return cleared;
}

/**
 * The delay of a timeout that only rejects (`setTimeout(() => reject(e), ms)` /
 * `setTimeout(reject, ms)`, the executor never resolving): what
 * `AbortSignal.timeout(ms)` can stand in for. `null` otherwise.
 */
function rejectingDelay(context: Context, executor: FunctionNode, timer: TSESTree.CallExpression): TSESTree.Node | null {
  const [resolve, reject] = executor.params;
  if (reject?.type !== AST_NODE_TYPES.Identifier) return null;
  if (resolve?.type === AST_NODE_TYPES.Identifier) {
    const variable = resolveVariable(context, resolve);
    if (!variable || variable.references.length > 0) return null;
  } else if (resolve) return null;
  const rejectVariable = resolveVariable(context, reject);
  const callback = timer.arguments[0];
  const delay = timer.arguments[1];
  if (!rejectVariable || !callback || !delay || delay.type === AST_NODE_TYPES.SpreadElement) return null;
  if (!rejectVariable.references.some((r) => isInside(r.identifier, callback))) return null;
  // The delay must mean the same outside the executor.
  let local = false;
  walk(delay, (node) => {
    if (node.type === AST_NODE_TYPES.Identifier) {
      const variable = resolveVariable(context, node);
      if (variable?.defs.some((def) => isInside(def.name, executor))) local = true;
    }
    return !local;
  });
  return local ? null : delay;
}

// ---------------------------------------------------------------------------
// Fixes

/** The AbortController rewrite: one controller for the race, aborted once it settles. */
function abortControllerRemedy(
  context: Context,
  select: SelectCall,
  losers: readonly Loser[],
  freshName: (base: string) => string,
): Remedy<MessageIds> | null {
  if (losers.some((loser) => !loser.wiring)) return null;
  const plan = planStatement(context, select);
  if (!plan) return null;
  const sourceCode = context.sourceCode;
  const info = getTypeInfo(context);
  const needsController = losers.some((loser) => loser.wiring!.type !== 'finally');
  const finallyStatements = new Set<string>();
  for (const loser of losers) {
    const wiring = loser.wiring!;
    if (wiring.type === 'finally') {
      if (!isVisibleAt(context, wiring.variable, plan.statement)) return null;
      finallyStatements.add(wiring.statement);
    }
  }
  const controller = needsController ? freshName('ac') : null;
  const edits: Edit[] = [];
  for (const loser of losers) {
    const wiring = loser.wiring!;
    if (wiring.type === 'signal') {
      const edit = signalArgumentEdit(sourceCode, info, wiring.call, wiring.slot, `${controller}.signal`);
      if (!edit) return null;
      edits.push(edit);
    } else if (wiring.type === 'timerListener') {
      const edit = timerListenerEdit(sourceCode, wiring, controller!, wiring.handle ?? freshName('timer'));
      if (!edit) return null;
      edits.push(edit);
    }
  }
  const statements = [...(controller ? [`${controller}.abort()`] : []), ...finallyStatements];
  const fix = buildStatementFix(context, select, plan, {
    prelude: controller ? `const ${controller} = new AbortController()` : null,
    edits,
    finallyStatements: statements,
  });
  if (!fix) return null;
  return { messageId: 'abortLosers', data: { release: statements.join('; ') }, fix };
}

/** `Promise.race([fetch(url), timeout])` → `fetch(url, { signal: AbortSignal.timeout(ms) })`. */
function timeoutSignalRemedy(
  context: Context,
  info: TypeInfo | null,
  select: SelectCall,
  contenders: readonly Contender[],
  callerSignals: readonly SignalInScope[],
): Remedy<MessageIds> | null {
  if (!info || select.method !== 'race' || select.hasSpread || select.contenders.length !== 2) return null;
  const timerIndex = contenders.findIndex((c) => c.kind === 'loser' && c.loser.kind === 'timer' && !!c.loser.rejectingDelay);
  if (timerIndex < 0) return null;
  const delay = (contenders[timerIndex] as { loser: Loser }).loser.rejectingDelay!;
  const other = contenders[1 - timerIndex]!;
  const operation = select.contenders[1 - timerIndex]!;
  let call: CallLike;
  let slot: SignalSlot;
  if (other.kind === 'missingSignal') ({ call, slot } = other);
  else if (other.kind === 'loser' && other.loser.kind === 'operation' && other.loser.wiring?.type === 'signal') ({ call, slot } = other.loser.wiring);
  else return null;
  if (isInside(call, select.contenders[timerIndex]!)) return null;
  const sourceCode = context.sourceCode;
  // The rewrite drops the timeout contender: never drop a comment with it.
  if (sourceCode.getCommentsInside(select.node).some((comment) => !isInside(comment as never, operation))) return null;
  const timeout = `AbortSignal.timeout(${sourceCode.getText(delay)})`;
  let signalText = timeout;
  if (callerSignals.length > 0) {
    const signal = callerSignals[0]!;
    const nullability = getSignalNullability(info, signal);
    if (nullability.null || nullability.undefined || signal.text.includes('?.')) return null;
    signalText = `AbortSignal.any([${signal.text}, ${timeout}])`;
  }
  const edit = signalArgumentEdit(sourceCode, info, call, slot, signalText);
  if (!edit) return null;
  const text = applyEdits(sourceCode.getText(operation), operation.range[0], [edit]);
  return {
    messageId: 'useTimeoutSignal',
    data: { signal: signalText },
    fix: (fixer) => fixer.replaceText(select.node, text),
  };
}

/** Ignores the signal: add a contender that rejects when it aborts, its listener removed in a `finally`. */
function rejectOnAbortRemedy(
  context: Context,
  info: TypeInfo,
  select: SelectCall,
  signal: SignalInScope,
  freshName: (base: string) => string,
): Remedy<MessageIds> | null {
  const nullability = getSignalNullability(info, signal);
  if (nullability.null || nullability.undefined || signal.text.includes('?.')) return null;
  if (['reject', '_'].includes(signal.variable.name)) return null;
  const plan = planStatement(context, select);
  if (!plan) return null;
  const sourceCode = context.sourceCode;
  const last = select.array.elements.at(-1);
  if (!last) return null;
  const controller = freshName('ac');
  const abort = quoted(sourceCode, 'abort');
  const s = signal.text;
  const contender =
    `new Promise<never>((_, reject) => { ${s}.throwIfAborted(); ` +
    `${s}.addEventListener(${abort}, () => reject(${s}.reason), { once: true, signal: ${controller}.signal }); })`;
  const fix = buildStatementFix(context, select, plan, {
    prelude: `const ${controller} = new AbortController()`,
    edits: [{ range: [last.range[1], last.range[1]], text: `, ${contender}` }],
    finallyStatements: [`${controller}.abort()`],
  });
  return fix ? { messageId: 'rejectOnAbort', data: { signal: s }, fix } : null;
}

interface StatementPlan {
  readonly statement: TSESTree.Statement;
  /** `wrap`: `try { statement } finally { … }`; `chain`: `race.finally(() => …)`. */
  readonly mode: 'wrap' | 'chain';
  /** `return Promise.race(...)` must become `return await` inside a `try`. */
  readonly addAwait: boolean;
}

/** How to make "after the race settles" explicit for this select, or `null` when no safe rewrite exists. */
function planStatement(context: Context, select: SelectCall): StatementPlan | null {
  const statement = getContainingStatement(select.node);
  if (!statement) return null;
  // Evaluated once per run of the statement: no loop between the race and it.
  for (let current: TSESTree.Node | undefined = select.node.parent; current; current = current.parent) {
    if (isLoopNode(current)) return null;
    if (current === statement) break;
  }
  const { node: raceValue, parent } = getValueParent(select.node);
  const awaited = parent?.type === AST_NODE_TYPES.AwaitExpression ? getValueParent(parent) : null;
  if (statement.type === AST_NODE_TYPES.ExpressionStatement && awaited?.parent === statement) {
    return { statement, mode: 'wrap', addAwait: false };
  }
  if (statement.type === AST_NODE_TYPES.ReturnStatement) {
    if (awaited?.parent === statement) return { statement, mode: 'wrap', addAwait: false };
    if (parent === statement && raceValue === statement.argument) return { statement, mode: 'wrap', addAwait: true };
  }
  if (
    statement.type === AST_NODE_TYPES.VariableDeclaration &&
    statement.declarations.length === 1 &&
    awaited?.parent === statement.declarations[0] &&
    statement.declarations[0]!.init === awaited.node
  ) {
    // `using` bindings are disposed at the end of their block: a `try` would move that.
    if (statement.kind === 'using' || statement.kind === 'await using') return { statement, mode: 'chain', addAwait: false };
    const usedLater = context.sourceCode
      .getDeclaredVariables(statement)
      .some((variable) => variable.references.some((r) => !isInside(r.identifier, statement)));
    return { statement, mode: usedLater ? 'chain' : 'wrap', addAwait: false };
  }
  return { statement, mode: 'chain', addAwait: false };
}

function buildStatementFix(
  context: Context,
  select: SelectCall,
  plan: StatementPlan,
  { prelude, edits, finallyStatements }: { prelude: string | null; edits: readonly Edit[]; finallyStatements: readonly string[] },
): TSESLint.ReportFixFunction | null {
  const sourceCode = context.sourceCode;
  const { semi } = getFileStyle(sourceCode);
  const { statement } = plan;
  const indent = getIndent(sourceCode, statement);
  const unit = getIndentUnit(sourceCode);
  const all = [...edits];
  if (plan.addAwait) all.push({ range: [select.node.range[0], select.node.range[0]], text: 'await ' });
  if (plan.mode === 'chain') {
    const body =
      finallyStatements.length === 1 ? finallyStatements[0]! : `{ ${finallyStatements.map((s) => `${s};`).join(' ')} }`;
    all.push({ range: [select.node.range[1], select.node.range[1]], text: `.finally(() => ${body})` });
  }
  let text = applyEdits(sourceCode.getText(statement), statement.range[0], all);
  // A statement that shares its line (`{ return race; }`) is rewritten on that line.
  const line = sourceCode.lines[statement.loc.start.line - 1]!;
  const inline = !/^\s*$/.test(line.slice(0, statement.loc.start.column)) && statement.loc.start.line === statement.loc.end.line;
  const head = prelude ? `${prelude}${semi}${inline ? ' ' : `\n${indent}`}` : '';
  if (plan.mode === 'wrap' && inline) {
    text = `try { ${text} } finally { ${finallyStatements.map((s) => `${s}${semi}`).join(' ')} }`;
  } else if (plan.mode === 'wrap') {
    if (!hasMultilineTemplate(statement)) text = text.replace(/\n(?=[^\n])/g, `\n${unit}`);
    text =
      `try {\n${indent}${unit}${text}\n${indent}} finally {\n` +
      finallyStatements.map((s) => `${indent}${unit}${s}${semi}\n`).join('') +
      `${indent}}`;
  }
  const replacement = head + text;
  return (fixer) => fixer.replaceText(statement, replacement);
}

function hasMultilineTemplate(node: TSESTree.Node): boolean {
  let found = false;
  walk(node, (child) => {
    if (child.type === AST_NODE_TYPES.TemplateLiteral && child.loc.start.line !== child.loc.end.line) found = true;
    return !found;
  });
  return found;
}

/** Hands `signalText` to a call in its signal slot: `{ signal: X }`, a new property, or a new argument. */
function signalArgumentEdit(
  sourceCode: SourceCode,
  info: TypeInfo | null,
  call: CallLike,
  slot: SignalSlot,
  signalText: string,
): Edit | null {
  const args = call.arguments;
  if (args.slice(0, slot.index + 1).some((arg) => arg.type === AST_NODE_TYPES.SpreadElement)) return null;
  const value = slot.kind === 'positional' ? signalText : `{ signal: ${signalText} }`;
  const argument = args[slot.index];
  if (argument) {
    const inner = unwrapExpression(argument);
    if (isUndefinedLiteral(inner)) return { range: argument.range, text: value };
    if (slot.kind !== 'options' || inner.type !== AST_NODE_TYPES.ObjectExpression) return null;
    const last = inner.properties.at(-1);
    if (!last) return { range: inner.range, text: value };
    const after = sourceCode.getTokenAfter(last)!;
    return after.value === ','
      ? { range: [after.range[1], after.range[1]], text: ` signal: ${signalText},` }
      : { range: [last.range[1], last.range[1]], text: `, signal: ${signalText}` };
  }
  const missing = slot.index - args.length;
  if (missing > 0) {
    const canSkip = slot.kind === 'options' ? slot.skippedAcceptUndefined : !!info && canSkipArgumentsBefore(info, call, slot.index);
    if (!canSkip) return null;
  }
  const texts = [...Array.from({ length: missing }, () => 'undefined'), value];
  const last = args.at(-1);
  if (last) return { range: [last.range[1], last.range[1]], text: `, ${texts.join(', ')}` };
  const closing = sourceCode.getLastToken(call)!;
  if (closing.value !== ')') return { range: [call.range[1], call.range[1]], text: `(${texts.join(', ')})` };
  return { range: [closing.range[0], closing.range[0]], text: texts.join(', ') };
}

/** Clears an inline timeout's timer when the controller aborts: `ac.signal.addEventListener('abort', () => clearTimeout(t), { once: true })`. */
function timerListenerEdit(
  sourceCode: SourceCode,
  wiring: Extract<Wiring, { type: 'timerListener' }>,
  controller: string,
  handle: string,
): Edit | null {
  const { semi } = getFileStyle(sourceCode);
  const listener = `${controller}.signal.addEventListener(${quoted(sourceCode, 'abort')}, () => clearTimeout(${handle}), { once: true })`;
  const { timer, executor } = wiring;
  if (wiring.handle) {
    const declaration = getValueParent(timer).parent!.parent!;
    return { range: [declaration.range[1], declaration.range[1]], text: `\n${getIndent(sourceCode, declaration)}${listener}${semi}` };
  }
  const timerText = sourceCode.getText(timer);
  if (executor.body === timer) {
    if (sourceCode.getTokenBefore(timer)?.value !== '=>') return null;
    return { range: timer.range, text: `{ const ${handle} = ${timerText}; ${listener}; }` };
  }
  const statement = getValueParent(timer).parent!;
  if (statement.type !== AST_NODE_TYPES.ExpressionStatement) return null;
  return {
    range: statement.range,
    text: `const ${handle} = ${timerText}${semi}\n${getIndent(sourceCode, statement)}${listener}${semi}`,
  };
}

function applyEdits(text: string, base: number, edits: readonly Edit[]): string {
  const sorted = [...edits].sort((a, b) => b.range[0] - a.range[0]);
  let result = text;
  for (const edit of sorted) {
    result = result.slice(0, edit.range[0] - base) + edit.text + result.slice(edit.range[1] - base);
  }
  return result;
}

/** Whether a variable is the one its name means at `node` (not shadowed there). */
function isVisibleAt(context: Context, variable: TSESLint.Scope.Variable, node: TSESTree.Node): boolean {
  for (let scope: TSESLint.Scope.Scope | null = context.sourceCode.getScope(node); scope; scope = scope.upper) {
    const found = scope.set.get(variable.name);
    if (found) return found === variable;
  }
  return false;
}

// ---------------------------------------------------------------------------
// Messages

/** How a message names a contender: "the timeout", "the other promise", or its code. */
function describeContender(context: Context, contender: TSESTree.Expression): string {
  const executor = getInlinePromiseExecutor(context, contender);
  const root = getChainRootCall(contender);
  let timer = !!root && root.type === AST_NODE_TYPES.CallExpression && isPromiseTimeoutCall(context, root);
  if (executor) {
    walk(executor.body, (node) => {
      if (node.type === AST_NODE_TYPES.CallExpression && getTimerCall(context, node)) timer = true;
      return !timer;
    });
    if (!timer) return 'the other promise';
  }
  return timer ? 'the timeout' : `\`${shortText(context.sourceCode, contender)}\``;
}

/** `fetch(url)`; long or multi-line calls shortened to `client.get(…)`. */
function shortText(sourceCode: SourceCode, node: TSESTree.Node): string {
  const text = sourceCode.getText(node);
  if (text.length <= 40 && !/[\n`]/.test(text)) return text;
  const root = unwrapExpression(node);
  if (root.type === AST_NODE_TYPES.CallExpression || root.type === AST_NODE_TYPES.NewExpression) {
    const callee = sourceCode.getText(root.callee);
    if (callee.length <= 40 && !/[\n`]/.test(callee)) return `${callee}(…)`;
  }
  return `${text.slice(0, 37).replace(/\s+/g, ' ').replace(/`/g, "'")}…`;
}

/** ` for 5000 ms`, `` for `ms` ms``, or ` until it fires`. */
function describeDelay(sourceCode: SourceCode, delay: TSESTree.Node | undefined): string {
  if (!delay || delay.type === AST_NODE_TYPES.SpreadElement) return ' until it fires';
  const value = unwrapExpression(delay);
  if (value.type === AST_NODE_TYPES.Literal && typeof value.value === 'number') return ` for ${value.value} ms`;
  return ` for \`${shortText(sourceCode, delay)}\` ms`;
}
