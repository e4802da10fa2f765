import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../../analysis/syntax/node-types';

import { getContainingStatement, getValueParent, isInside } from '../../analysis/syntax/ast';
import type { AnyContext } from '../../analysis/syntax/context';
import { isLoopNode } from '../../analysis/syntax/control-flow';
import { getTypeInfo, type TypeInfo } from '../../analysis/types/type-info';
import type { CallLike, SignalSlot } from '../../analysis/types/signatures';
import type { SelectCall } from '../../analysis/resources/promises';
import type { SignalInScope } from '../../analysis/resources/signals';
import { getSignalNullability } from '../../analysis/propagation/propagation';
import { allocateName, applyEdits, getFileStyle, getIndent, passSignalEdit, quoted, wrapInTryFinally, type Edit, type Remedy } from '../../fixes';
import type { Contender, Loser, Wiring } from './contenders';

export type RemedyIds = 'abortLosers' | 'useTimeoutSignal' | 'rejectOnAbort';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** The AbortController rewrite: one controller for the race, aborted once it settles. */
export function abortLosers(context: AnyContext, select: SelectCall, losers: readonly Loser[]): Remedy<RemedyIds> | null {
  if (losers.some((loser) => !loser.wiring)) return null;
  const plan = planStatement(context, select);
  if (!plan) return null;
  const sourceCode = context.sourceCode;
  const info = getTypeInfo(context);
  const finallyStatements = new Set<string>();
  for (const { wiring } of losers) {
    if (wiring!.type !== 'finally') continue;
    if (!isVisibleAt(context, wiring!.variable, plan.statement)) return null;
    finallyStatements.add(wiring!.statement);
  }
  const controller = losers.some((loser) => loser.wiring!.type !== 'finally') ? allocateName(sourceCode, 'ac') : null;
  const edits: Edit[] = [];
  for (const { wiring } of losers) {
    if (wiring!.type === 'finally') continue;
    const edit =
      wiring!.type === 'signal'
        ? passSignalEdit(sourceCode, info, wiring!.call, wiring!.slot, `${controller}.signal`)
        : timerListenerEdit(sourceCode, wiring!, controller!);
    if (!edit) return null;
    edits.push(edit);
  }
  const statements = [...(controller ? [`${controller}.abort()`] : []), ...finallyStatements];
  const fix = statementFix(context, select, plan, { prelude: controller ? `const ${controller} = new AbortController()` : null, edits, finallyStatements: statements });
  return { messageId: 'abortLosers', data: { release: statements.join('; ') }, fix };
}

/** `Promise.race([fetch(url), timeout])` → `fetch(url, { signal: AbortSignal.timeout(ms) })`. */
export function useTimeoutSignal(
  context: AnyContext,
  info: TypeInfo | null,
  select: SelectCall,
  contenders: readonly Contender[],
  callerSignals: readonly SignalInScope[],
): Remedy<RemedyIds> | null {
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
  const edit = passSignalEdit(sourceCode, info, call, slot, signalText);
  if (!edit) return null;
  const text = applyEdits(sourceCode.getText(operation), operation.range[0], [edit]);
  return { messageId: 'useTimeoutSignal', data: { signal: signalText }, fix: (fixer) => fixer.replaceText(select.node, text) };
}

/** Ignores the signal: add a contender that rejects when it aborts, its listener removed in a `finally`. */
export function rejectOnAbort(context: AnyContext, info: TypeInfo, select: SelectCall, signal: SignalInScope): Remedy<RemedyIds> | null {
  const nullability = getSignalNullability(info, signal);
  if (nullability.null || nullability.undefined || signal.text.includes('?.')) return null;
  if (['reject', '_'].includes(signal.variable.name)) return null;
  const plan = planStatement(context, select);
  const last = select.array.elements.at(-1);
  if (!plan || !last) return null;
  const sourceCode = context.sourceCode;
  const controller = allocateName(sourceCode, 'ac');
  const s = signal.text;
  const contender =
    `new Promise<never>((_, reject) => { ${s}.throwIfAborted(); ` +
    `${s}.addEventListener(${quoted(sourceCode, 'abort')}, () => reject(${s}.reason), { once: true, signal: ${controller}.signal }); })`;
  const fix = statementFix(context, select, plan, {
    prelude: `const ${controller} = new AbortController()`,
    edits: [{ range: [last.range[1], last.range[1]], text: `, ${contender}` }],
    finallyStatements: [`${controller}.abort()`],
  });
  return { messageId: 'rejectOnAbort', data: { signal: s }, fix };
}

interface StatementPlan {
  readonly statement: TSESTree.Statement;
  /** `wrap`: `try { statement } finally { … }`; `chain`: `race.finally(() => …)`. */
  readonly mode: 'wrap' | 'chain';
  /** `return Promise.race(...)` must become `return await` inside a `try`. */
  readonly addAwait: boolean;
}

/** How to make "after the race settles" explicit for this select, or `null` when no safe rewrite exists. */
function planStatement(context: AnyContext, select: SelectCall): StatementPlan | null {
  const statement = getContainingStatement(select.node);
  if (!statement) return null;
  // Evaluated once per run of the statement: no loop between the race and it.
  for (let current: TSESTree.Node | undefined = select.node.parent; current; current = current.parent) {
    if (isLoopNode(current)) return null;
    if (current === statement) break;
  }
  const { node: raceValue, parent } = getValueParent(select.node);
  const awaited = parent?.type === AST_NODE_TYPES.AwaitExpression ? getValueParent(parent) : null;
  if (statement.type === AST_NODE_TYPES.ExpressionStatement && awaited?.parent === statement) return { statement, mode: 'wrap', addAwait: false };
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

/** The statement rewritten so that `finallyStatements` run once the race settles. */
function statementFix(
  context: AnyContext,
  select: SelectCall,
  plan: StatementPlan,
  { prelude, edits, finallyStatements }: { prelude: string | null; edits: readonly Edit[]; finallyStatements: readonly string[] },
): TSESLint.ReportFixFunction {
  const sourceCode = context.sourceCode;
  const all = [...edits];
  if (plan.addAwait) all.push({ range: [select.node.range[0], select.node.range[0]], text: 'await ' });
  if (plan.mode === 'chain') {
    const body = finallyStatements.length === 1 ? finallyStatements[0]! : `{ ${finallyStatements.map((s) => `${s};`).join(' ')} }`;
    all.push({ range: [select.node.range[1], select.node.range[1]], text: `.finally(() => ${body})` });
  }
  const text = applyEdits(sourceCode.getText(plan.statement), plan.statement.range[0], all);
  const replacement = wrapInTryFinally(sourceCode, plan.statement, { text, prelude, finallyStatements, wrap: plan.mode === 'wrap' });
  return (fixer) => fixer.replaceText(plan.statement, replacement);
}

/** Clears an inline timeout's timer when the controller aborts: `ac.signal.addEventListener('abort', () => clearTimeout(t), { once: true })`. */
function timerListenerEdit(sourceCode: SourceCode, wiring: Extract<Wiring, { type: 'timerListener' }>, controller: string): Edit | null {
  const { semi } = getFileStyle(sourceCode);
  const { timer, executor } = wiring;
  const listener = (handle: string) =>
    `${controller}.signal.addEventListener(${quoted(sourceCode, 'abort')}, () => clearTimeout(${handle}), { once: true })`;
  if (wiring.handle) {
    const declaration = getValueParent(timer).parent!.parent!;
    return { range: [declaration.range[1], declaration.range[1]], text: `\n${getIndent(sourceCode, declaration)}${listener(wiring.handle)}${semi}` };
  }
  const timerText = sourceCode.getText(timer);
  if (executor.body === timer) {
    if (sourceCode.getTokenBefore(timer)?.value !== '=>') return null;
    const handle = allocateName(sourceCode, 'timer');
    return { range: timer.range, text: `{ const ${handle} = ${timerText}; ${listener(handle)}; }` };
  }
  const statement = getValueParent(timer).parent!;
  if (statement.type !== AST_NODE_TYPES.ExpressionStatement) return null;
  const handle = allocateName(sourceCode, 'timer');
  return { range: statement.range, text: `const ${handle} = ${timerText}${semi}\n${getIndent(sourceCode, statement)}${listener(handle)}${semi}` };
}

/** Whether a variable is the one its name means at `node` (not shadowed there). */
function isVisibleAt(context: AnyContext, variable: TSESLint.Scope.Variable, node: TSESTree.Node): boolean {
  for (let scope: TSESLint.Scope.Scope | null = context.sourceCode.getScope(node); scope; scope = scope.upper) {
    const found = scope.set.get(variable.name);
    if (found) return found === variable;
  }
  return false;
}
