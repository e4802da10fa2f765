/**
 * What a timer left running costs once its owner has ended: the witness of a lost timer
 * (README, "Evidence"). Asked by `no-floating-timer` for a handle nobody can clear and by
 * `await-in-select-without-abort` for a race's losing timer.
 */
import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../syntax/node-types';

import { getRepeatingLoop } from '../lifetimes/activations';
import { isFunction, unwrapExpression, walk, type FunctionNode } from '../syntax/ast';
import type { AnyContext } from '../syntax/context';
import { lineOf, link, possible, proven, type Witness, type WitnessLink } from '../syntax/evidence';
import { isStateOnlyCallback, teardownLabel, usesLifecycleOwner, type Owner } from '../lifetimes/owners';
import { resolveVariable } from '../syntax/references';
import type { SignalInScope } from '../resources/signals';
import { getLiteralDelay, getTimerHost, type TimerFunction, type TimerHost } from '../resources/timers';

/**
 * Below this delay (a number literal, or a constant of literal type) a timeout is a short
 * deferral: it settles about when its owner ends, so what it holds after that end is
 * only possibly worth a report.
 */
export const SHORT_DEFERRAL_MS = 1000;

/** Signals that stand for the caller's cancellation (not a local controller's). */
export function getCallerSignals(owner: Owner): readonly SignalInScope[] {
  return owner.signals.filter((signal) => signal.source !== 'controller' && signal.source !== 'local');
}

export interface LostTimer {
  readonly timer: TimerFunction;
  readonly call: TSESTree.CallExpression;
  readonly owner: Owner;
  /** `.unref()`-ed: it does not keep a process alive. */
  readonly unrefed: boolean;
  /** Started at module scope: once per process, not per call. */
  readonly moduleLevel: boolean;
}

/** A lost timer's witness, and the words a report uses for its end and its cost. */
export interface TimerWitness extends Witness {
  readonly host: TimerHost;
  /** What the timer does after its end, true where it is shown: `it still fires after \`close()\` (line 40)`. */
  readonly cost: string;
}

/**
 * The witness of a timer whose handle nobody can clear. An interval never ends: it is
 * proven unless it is a module's `.unref()`-ed background job. A timeout needs an owner
 * whose end it outlives (the caller's signal, a class's teardown, an effect's unmount)
 * and a cost that matters after that end: not a short deferral, not a callback that only
 * sets its owner's state; in Node a pending timeout keeps the process alive, elsewhere
 * (a browser, a VS Code extension host) only a callback that does its owner's work costs
 * anything.
 */
export function getLostTimerWitness(context: AnyContext, lost: LostTimer): TimerWitness {
  const { timer, call, owner } = lost;
  const host = getTimerHost(context, call);
  const signal = getCallerSignals(owner)[0] ?? null;
  const end = signal ? `\`${signal.text}\` aborts` : owner.effect ? 'the component unmounts' : owner.teardown ? `\`${teardownLabel(owner.teardown.method)}\` (${lineOf(owner.teardown.method.member)})` : '';
  if (timer === 'setInterval') {
    const links = [proven('end'), link('cost', !(lost.moduleLevel && lost.unrefed), "it is a module's `.unref()`-ed background job, which holds no process open")];
    return { resource: 'interval', start: call, end: end || 'the process', links, host, cost: intervalCost(end, host, lost.unrefed) };
  }
  const links: WitnessLink[] = [
    end ? proven('end') : possible('end', owner.signals.length > 0 ? "its only signal is a local controller's" : 'it has no owner whose end it outlives'),
    timeoutCostLink(context, lost, host, !!signal),
  ];
  return { resource: 'timeout', start: call, end: end || 'none', links, host, cost: timeoutCost(end, host, lost.unrefed) };
}

function timeoutCostLink(context: AnyContext, lost: LostTimer, host: TimerHost, callerSignal: boolean): WitnessLink {
  const { call, owner } = lost;
  const delay = getLiteralDelay(call, context);
  if (delay !== null && delay < SHORT_DEFERRAL_MS) return possible('cost', `it is a short deferral of ${delay} ms`);
  const callback = call.arguments[0];
  if (callback && isStateOnlyCallback(callback)) return possible('cost', "its callback only sets its owner's state, a no-op once the owner has ended");
  if (host === 'node' && !lost.unrefed) return proven('cost');
  // No process held open: only the callback's work after the end costs anything.
  if (callerSignal || (callback && usesLifecycleOwner(context, callback, owner))) return proven('cost');
  return possible('cost', lost.unrefed ? 'it is `.unref()`-ed and its callback uses nothing of its owner' : 'its callback uses nothing of its owner');
}

function intervalCost(end: string, host: TimerHost, unrefed: boolean): string {
  if (end) return `it keeps running after ${end}`;
  if (host === 'browser') return 'it runs until the page is closed';
  if (host === 'extension-host') return 'it runs until the extension host shuts down';
  return unrefed ? 'it runs until the process exits, though `.unref()` lets it exit' : 'it runs until the process exits';
}

function timeoutCost(end: string, host: TimerHost, unrefed: boolean): string {
  if (end) return `it still fires after ${end}`;
  return host === 'node' && !unrefed ? 'it keeps the process alive until it fires and cannot be cancelled' : 'it still fires later and cannot be cancelled';
}

/** What a sleep with no signal to listen to costs, in words true where it is shown. */
export function getSleepCost(context: AnyContext, call: TSESTree.CallExpression): string {
  return timeoutCost('', getTimerHost(context, call), false);
}

/** `; a possible leak: its callback only sets its owner's state` for a witness with a link that is only possible, else `''`. */
export function describeWeakLink(witness: Pick<Witness, 'links'>): string {
  const weak = witness.links.find((l) => l.evidence === 'possible');
  return weak ? `; a possible leak: ${weak.because ?? weak.name}` : '';
}

/**
 * The witness of a race's losing timer (`Promise.race([work, new Promise((_, reject) =>
 * setTimeout(reject, ms))])`, or `node:timers/promises`' `setTimeout(ms)`): it outlives
 * the race once another contender wins. What that costs is proven when the race runs
 * again while the timer is pending (a loop: the timers pile up, each pinning its closure)
 * or when its callback does more than settle the lost promise; a one-shot race whose
 * timer only settles a promise nobody reads any more holds the event loop for at most
 * its delay: a possible leak only.
 */
export function getRaceTimerWitness(
  context: AnyContext,
  race: TSESTree.CallExpression,
  timer: TSESTree.CallExpression,
  executor: FunctionNode | null,
): Witness {
  const repeated = getRepeatingLoop(context, race) !== null;
  const callback = executor ? timer.arguments[0] : undefined;
  const settlesOnly = !callback || onlySettles(context, callback, executor!);
  const cost = repeated || !settlesOnly
    ? proven('cost')
    : possible('cost', 'its callback only settles the lost promise, so it holds the event loop for at most its delay, once per race');
  return { resource: 'timeout', start: timer, end: 'the race settles', links: [proven('end'), cost] };
}

/** A timer callback that only resolves or rejects the executor's promise: `reject`, `() => reject(new Error('timeout'))`. */
function onlySettles(context: AnyContext, callback: TSESTree.Node, executor: FunctionNode): boolean {
  const settlers = executor.params.flatMap((p) => (p.type === AST_NODE_TYPES.Identifier ? [p.name] : []));
  const isSettler = (node: TSESTree.Node): boolean => {
    const value = unwrapExpression(node);
    return value.type === AST_NODE_TYPES.Identifier && settlers.includes(value.name) && resolveVariable(context, value)?.defs[0]?.node === executor;
  };
  if (isSettler(callback)) return true;
  const fn = unwrapExpression(callback);
  if (!isFunction(fn)) return false;
  const statements = fn.body.type === AST_NODE_TYPES.BlockStatement ? fn.body.body : [fn.body];
  return statements.length > 0 && statements.every((statement) => {
    const expression = unwrapExpression(statement.type === AST_NODE_TYPES.ExpressionStatement ? statement.expression : statement);
    // `timedOut = true`: a flag of the race's own function, read once the race is over.
    if (expression.type === AST_NODE_TYPES.AssignmentExpression) return expression.left.type === AST_NODE_TYPES.Identifier && !callsAnything(expression.right);
    if (expression.type !== AST_NODE_TYPES.CallExpression || !isSettler(expression.callee)) return false;
    // Its argument builds a value (`new Error('timeout')`, a sentinel), it calls nothing.
    return !expression.arguments.some(callsAnything);
  });
}

function callsAnything(code: TSESTree.Node): boolean {
  let calls = false;
  walk(code, (node) => {
    if (node.type === AST_NODE_TYPES.CallExpression || isFunction(node)) calls = true;
    return !calls;
  });
  return calls;
}
