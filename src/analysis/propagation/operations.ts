/**
 * Operations: the activation of a function that received a signal, and the work that
 * activation starts. The links of a signal's witness (README, "Evidence") that
 * `require-signal-propagation` and `no-floating-timer`'s sleeps ask alike: does the
 * signal belong to the operation that starts this work, is the work real, and does
 * what is left running after the abort cost anything that matters?
 */
import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../syntax/node-types';
import ts from 'typescript';

import { getEnclosingFunctions, getMemberName, getValueParent, isFunction, isInside, unwrapExpression, walk, type FunctionNode } from '../syntax/ast';
import type { AnyContext } from '../syntax/context';
import { doesVariableEscape } from '../resources/escape';
import { link, possible, proven, type WitnessLink } from '../syntax/evidence';
import { getEnclosingLoop, getLoopBody, getLoopNode } from '../lifetimes/loops';
import { CHAIN_METHODS } from '../resources/promises';
import { resolveVariable } from '../syntax/references';
import { getSignalController, type SignalInScope } from '../resources/signals';
import type { CallLike, SignalSlot } from '../types/signatures';
import { getKnownNumber } from '../resources/timers';
import { getCallSignature, getTypeInfo, tsNodeOf, typeOfNode, type TypeInfo } from '../types/type-info';
import { isAbortControllerType, isThenableType } from '../types/types';

/**
 * Does code at `node` (inside `outer`) run during an activation of `outer`? Through
 * the functions between them: an inline callback handed to a call (an iteration
 * callback, an executor, `queueMicrotask`), an IIFE, or a local function whose every
 * use is such a call made during the activation. A closure stored for later (an
 * object's method, a field, a returned function, a class member) runs when someone
 * else calls it: not part of this activation.
 */
export function runsDuringActivation(context: AnyContext, node: TSESTree.Node, outer: FunctionNode, depth = 0): boolean {
  for (const fn of getEnclosingFunctions(node)) {
    if (fn === outer) return true;
    if (!isCalledInPlace(context, fn, outer, depth)) return false;
  }
  return true;
}

function isCalledInPlace(context: AnyContext, fn: FunctionNode, outer: FunctionNode, depth: number): boolean {
  const { node, parent } = getValueParent(fn);
  if (isCallWith(parent, node)) return true;
  let id: TSESTree.Node | null = null;
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) id = fn.id;
  else if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === node) id = parent.id;
  if (id?.type !== AST_NODE_TYPES.Identifier || depth > 3) return false;
  const variable = resolveVariable(context, id);
  const uses = variable?.references.filter((reference) => !reference.init) ?? [];
  return (
    uses.length > 0 &&
    uses.every((reference) => {
      const use = getValueParent(reference.identifier);
      return isCallWith(use.parent, use.node) && runsDuringActivation(context, use.parent!, outer, depth + 1);
    })
  );
}

/** `node` is the callee or an argument of a call or `new`. */
function isCallWith(parent: TSESTree.Node | undefined, node: TSESTree.Node): boolean {
  return (
    (parent?.type === AST_NODE_TYPES.CallExpression || parent?.type === AST_NODE_TYPES.NewExpression) &&
    (parent.callee === node || parent.arguments.includes(node as TSESTree.CallExpressionArgument))
  );
}

/**
 * The link "the signal belongs to the operation that starts the work at `node`":
 * `null` when it does not (no witness at all), else proven or only possible.
 * - The work must run during an activation of the function that has the signal, not
 *   in a closure it stores for later (a `stop()` that runs after the start-up signal's
 *   operation is over).
 * - A function's own controller must be able to abort while the work runs: a
 *   kill-switch the function aborts itself, after its waits, on its own path, or one
 *   nothing ever aborts, cuts nothing short.
 * - A promise the code lets go (`void p`, `p.catch(log)` as a statement) is work the
 *   function deliberately did not make part of its operation: only possible.
 */
export function getSignalBelonging(context: AnyContext, signal: SignalInScope, node: TSESTree.Node): WitnessLink | null {
  if (!runsDuringActivation(context, node, signal.fn)) return null;
  if ((signal.source === 'controller' || signal.source === 'local') && !canAbortDuring(context, signal)) return null;
  const letGo = getLetGo(context, node);
  if (letGo === 'handled') return null;
  return link('belongs', letGo === null, 'the work is let go: its promise is neither awaited nor returned');
}

/**
 * Can the function's own controller (or the controller of its local signal) abort
 * while its work runs? Yes when its `abort()` sits in a callback (a listener, a
 * timer, a cleanup) or when the controller is handed on; not when every `abort()`
 * is a step of the function's own path, or there is none.
 */
function canAbortDuring(context: AnyContext, signal: SignalInScope): boolean {
  let controller: TSESLint.Scope.Variable | null = signal.source === 'controller' ? signal.variable : null;
  if (signal.source === 'local') {
    const def = signal.variable.defs[0];
    const place = def?.type === 'Variable' && def.node.init ? getSignalController(context, def.node.init) : null;
    // A signal of another origin (`AbortSignal.timeout(ms)`, a call's result) can fire by itself.
    if (!place) return true;
    if (place.path.length > 0 || !('references' in place.root)) return true;
    // `const signal = options.signal`: the caller's signal under a local name, not a controller's.
    const info = getTypeInfo(context);
    const name = place.root.defs[0]?.name;
    if (!info || !name || !isAbortControllerType(info, typeOfNode(info, name))) return true;
    controller = place.root;
  }
  if (!controller) return true;
  if (doesVariableEscape(context, controller)) return true;
  return controller.references.some((reference) => {
    const { node, parent } = getValueParent(reference.identifier);
    if (reference.isWrite() && !reference.init) return true;
    const aborts = parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === node && getMemberName(parent) === 'abort';
    return aborts && getEnclosingFunctions(parent)[0] !== signal.fn;
  });
}

/**
 * A promise the code lets go: the call (or the `.then/.catch/.finally` chain on it) is
 * `void`-ed (`void`), or the chain gives it an error path of its own and is a statement
 * or `void`-ed (`start().catch(report)`: `handled`, work run on its own on purpose,
 * outside the operation). A bare floating call is neither: it is still the operation's.
 */
function getLetGo(context: AnyContext, node: TSESTree.Node): 'handled' | 'void' | null {
  const info = getTypeInfo(context);
  if (!info || !isThenableType(typeOfNode(info, node))) return null;
  let end: TSESTree.Node = node;
  let handled = false;
  for (;;) {
    const { node: value, parent } = getValueParent(end);
    const method = parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === value ? getMemberName(parent) : null;
    if (method !== null && CHAIN_METHODS.has(method)) {
      const call = getValueParent(parent!);
      if (call.parent?.type !== AST_NODE_TYPES.CallExpression || call.parent.callee !== call.node) return null;
      handled ||= method === 'catch' || (method === 'then' && call.parent.arguments.length > 1);
      end = call.parent;
      continue;
    }
    // `p.catch(report);` is run on its own on purpose; `void p` lets it go knowingly; a bare `p;` is only floating.
    if (parent?.type === AST_NODE_TYPES.UnaryExpression && parent.operator === 'void') return handled ? 'handled' : 'void';
    return parent?.type === AST_NODE_TYPES.ExpressionStatement && handled ? 'handled' : null;
  }
}

/**
 * The link "the abort costs something that matters" for work at `node` that waits
 * `durations` (a sleep's delay, a poll call's numeric arguments): only possible when the
 * work is a pass of a poll that checks the signal on every pass
 * (`while (…) { if (signal.aborted) return; await delay(25); }`) and each pass waits a
 * known, short time: an abort then waits out one short pass at most. A pass of unknown
 * or long length (`config.interval ?? 3000`) is a wait the abort should cut short.
 */
export function getAbortCost(
  context: AnyContext,
  info: TypeInfo,
  signal: SignalInScope,
  node: TSESTree.Node,
  durations: readonly TSESTree.Node[],
): WitnessLink {
  const longest = durations.length > 0 ? getLongestKnownDuration(context, durations) : null;
  const shortPoll = longest !== null && longest <= SHORT_POLL_MS && isPolledEveryPass(context, info, signal, node);
  return link('cost', !shortPoll, `the loop checks \`${signal.text}\` on every pass of at most ${longest} ms`);
}

/** A pass an abort may wait out: a poll of up to a second checks often enough. */
const SHORT_POLL_MS = 1000;

/**
 * The longest of these durations when each is known: a number literal, a constant of
 * a number literal type (`const POLL_MS = 25`), a parameter's number default
 * (`pollIntervalMs = 20`). `null` when one is not known.
 */
function getLongestKnownDuration(context: AnyContext, durations: readonly TSESTree.Node[]): number | null {
  let longest = 0;
  for (const duration of durations) {
    const known = getKnownNumber(duration, context) ?? getParameterDefault(context, duration);
    if (known === null) return null;
    longest = Math.max(longest, known);
  }
  return longest;
}

/** `pollIntervalMs` for a parameter declared `pollIntervalMs = 20`: its number default. */
function getParameterDefault(context: AnyContext, node: TSESTree.Node): number | null {
  const value = unwrapExpression(node);
  if (value.type !== AST_NODE_TYPES.Identifier) return null;
  const def = resolveVariable(context, value)?.defs[0];
  const pattern = def?.type === 'Parameter' ? def.name.parent : null;
  return pattern?.type === AST_NODE_TYPES.AssignmentPattern ? getKnownNumber(pattern.right) : null;
}

/** The numeric arguments of a call: what a poll's wait (`delay(25)`) is measured by. */
export function getNumericArguments(info: TypeInfo, call: CallLike): TSESTree.Node[] {
  return call.arguments.filter((argument) => {
    if (argument.type === AST_NODE_TYPES.SpreadElement) return false;
    const type = typeOfNode(info, argument);
    return (type.flags & ts.TypeFlags.NumberLike) !== 0;
  });
}

function isPolledEveryPass(context: AnyContext, info: TypeInfo, signal: SignalInScope, node: TSESTree.Node): boolean {
  const loop = getEnclosingLoop(context, node);
  if (!loop) return false;
  const loopNode = getLoopNode(loop);
  const body = unwrapExpression(getLoopBody(loop));
  // Every pass runs the loop's test and the statements of its body's own block.
  const everyPass: TSESTree.Node[] = [];
  if ((loopNode.type === AST_NODE_TYPES.WhileStatement || loopNode.type === AST_NODE_TYPES.DoWhileStatement || loopNode.type === AST_NODE_TYPES.ForStatement) && loopNode.test) {
    everyPass.push(loopNode.test);
  }
  const statements = body.type === AST_NODE_TYPES.BlockStatement ? body.body : [body];
  // Before the wait or after it (the next pass runs it before the next wait).
  for (const statement of statements) {
    if (isInside(node, statement)) continue;
    everyPass.push(statement.type === AST_NODE_TYPES.IfStatement ? statement.test : statement);
  }
  return everyPass.some((part) => checksSignal(context, info, signal, part));
}

/**
 * Does `root` test the signal: read `.aborted`, call `throwIfAborted()`, or hand it
 * to a synchronous call (a `checkAbort(signal)` helper can only look at it)?
 */
function checksSignal(context: AnyContext, info: TypeInfo, signal: SignalInScope, root: TSESTree.Node): boolean {
  let found = false;
  walk(root, (node) => {
    if (found || isFunction(node)) return false;
    if (node.type !== AST_NODE_TYPES.Identifier || resolveVariable(context, node) !== signal.variable) return true;
    let use: TSESTree.Node = node;
    // `opts.signal` stands for the signal of an options parameter.
    for (let parent = use.parent; parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === use; parent = use.parent) {
      const name = getMemberName(parent);
      if (name === 'aborted' || name === 'throwIfAborted') {
        found = true;
        return false;
      }
      use = parent;
    }
    const { node: value, parent } = getValueParent(use);
    if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(value as TSESTree.CallExpressionArgument)) {
      const type = typeOfNode(info, parent);
      found = (type.flags & (ts.TypeFlags.Void | ts.TypeFlags.Undefined)) !== 0 || (type.flags & ts.TypeFlags.Boolean) !== 0;
    }
    return !found;
  });
  return found;
}

/**
 * The link "the call does real work" (I/O, timers, processes, streams fed by I/O):
 * `null` for a call that does none the signal could stop (an in-memory stream stage:
 * `pipeThrough`, a Node stream constructed from options, whose own work starts when
 * its source feeds it), else proven, or possible for a local file operation (it ends
 * by itself, soon).
 */
export function getCallWork(info: TypeInfo, call: CallLike, slot: SignalSlot): WitnessLink | null {
  const declaration = getCallSignature(info, call)?.getDeclaration();
  const file = declaration?.getSourceFile();
  if (!declaration || !file) return proven('work');
  const host = info.program.isSourceFileDefaultLibrary(file);
  const fileName = file.fileName.replace(/\\/g, '/');
  const node = fileName.includes('/@types/node/');
  if (host && declaredName(declaration) === 'pipeThrough') return null;
  if (node && slot.kind === 'options' && isStreamOptionsSlot(info, call, slot)) return null;
  if (node && /\/@types\/node\/fs(?:\/promises)?\.d\.ts$/.test(fileName)) {
    const type = typeOfNode(info, call);
    if (isThenableType(type)) return possible('work', 'a local file operation ends by itself');
  }
  return proven('work');
}

function declaredName(declaration: ts.Declaration): string | null {
  const name = (declaration as { name?: ts.Node }).name;
  return name && ts.isIdentifier(name) ? name.text : null;
}

/** The slot is the `signal` of a Node stream's construction options (`StreamOptions`): the stream's work starts when it is fed. */
function isStreamOptionsSlot(info: TypeInfo, call: CallLike, slot: Extract<SignalSlot, { kind: 'options' }>): boolean {
  const tsCall = tsNodeOf(info, call);
  const parameter = getCallSignature(info, call)?.getParameters()[slot.index];
  if (!parameter) return false;
  const type = info.checker.getNonNullableType(info.checker.getTypeOfSymbolAtLocation(parameter, tsCall));
  // The options are a stream's when they have the members Node's `StreamOptions` declares (`signal` itself comes from `Abortable`).
  return (type.isUnion() ? type.types : [type]).some((part) => {
    const property = part.getProperty(slot.property) && part.getProperty('autoDestroy');
    return !!property?.declarations?.some((d) => {
      const owner = d.parent;
      return (
        ts.isInterfaceDeclaration(owner) &&
        owner.name.text === 'StreamOptions' &&
        owner.getSourceFile().fileName.replace(/\\/g, '/').endsWith('/@types/node/stream.d.ts')
      );
    });
  });
}
