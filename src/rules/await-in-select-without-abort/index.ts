import { getEnclosingFunction } from '../../analysis/syntax/ast';
import { EVIDENCE_OPTION_SCHEMA, meetsEvidence, type Evidence } from '../../analysis/syntax/evidence';
import { getTypeInfo } from '../../analysis/types/type-info';
import { getSelectCall, type SelectCall } from '../../analysis/resources/promises';
import { ALLOW_OPTION_SCHEMA, isAllowed, type AllowList } from '../../analysis/resources/allow';
import { getSignalsInScope, isDescribedValueSignal, mayDependOnSignal } from '../../analysis/resources/signals';
import { runsAfterAbort } from '../../analysis/propagation/propagation';
import { describeWeakLink, getRaceTimerWitness } from '../../analysis/witnesses/timer-costs';
import { AUTOFIX_OPTION_SCHEMA, reportLeak } from '../../fixes';
import { createRule } from '../../util/create-rule';
import { classifyContender, describeContender } from './contenders';
import { abortLosers, rejectOnAbort, useTimeoutSignal, type RemedyIds } from './remedies';

export type Options = [{ allow?: AllowList; autofix?: boolean; evidence?: Evidence }];
export type MessageIds = 'ignoresSignal' | 'timerLoser' | 'operationLoser' | RemedyIds;

const DEFAULTS = { allow: [] as AllowList, autofix: false, evidence: 'proven' as Evidence };

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
          evidence: EVIDENCE_OPTION_SCHEMA,
          allow: ALLOW_OPTION_SCHEMA,
          autofix: AUTOFIX_OPTION_SCHEMA,
        },
      },
    ],
    defaultOptions: [DEFAULTS],
    messages: {
      ignoresSignal:
        '`{{signal}}` is in scope but no contender of this `Promise.{{method}}` listens to it: when it aborts, this await keeps waiting until a contender settles.',
      timerLoser:
        'When {{winner}} wins this `Promise.{{method}}`, {{timer}} keeps running{{duration}}, holding the event loop open and its callback in memory{{evidence}}.',
      operationLoser:
        'When {{winner}} wins this `Promise.{{method}}`, `{{operation}}` keeps running ({{reason}}): its request or work goes on, holding sockets and memory until it finishes.',
      abortLosers: 'Stop the losers once the race settles: `{{release}}` in a `finally`.',
      useTimeoutSignal: 'Replace the race with `{{signal}}` on the call (it then rejects with a `TimeoutError` `DOMException`).',
      rejectOnAbort: 'Add a contender that rejects when `{{signal}}` aborts, removed in a `finally`.',
    },
  },
  defaultOptions: [DEFAULTS],
  create(context, [options]) {
    const { allow, autofix, evidence } = { ...DEFAULTS, ...options };
    const info = getTypeInfo(context);

    function checkSelect(select: SelectCall): void {
      const inScope = info && getEnclosingFunction(select.node) ? getSignalsInScope(context, select.node) : [];
      const contenders = select.contenders.map((contender) => classifyContender(context, info, inScope, contender));
      const losers = contenders.flatMap((c) => (c.kind === 'loser' ? [c.loser] : []));

      // Ignores the signal: nothing in the race is tied to the caller's signal, and no
      // contender is require-signal-propagation's to report. The signal must be the
      // operation's: not that of a value the function only describes (a `Request` passed
      // for an error's context).
      const callerSignals = inScope.filter((s) => s.source !== 'controller' && s.source !== 'local' && !isDescribedValueSignal(s));
      if (
        callerSignals.length > 0 &&
        !runsAfterAbort(context, select.node) &&
        !contenders.some((c) => c.kind === 'missingSignal' || c.kind === 'passesSignal') &&
        !mayDependOnSignal(context, select.node.arguments[0]!, inScope) &&
        !isAllowed(context, allow, { call: select.node })
      ) {
        const signal = callerSignals[0]!;
        reportLeak(context, {
          node: select.node.callee,
          messageId: 'ignoresSignal',
          data: { signal: signal.text, method: select.method },
          remedies: [info && rejectOnAbort(context, info, select, signal)],
          autofix,
          noAutofix: true,
        });
      }

      // Losers: only a race of two or more contenders has one.
      if (losers.length === 0 || (select.contenders.length < 2 && !select.hasSpread)) return;
      const controllerRemedy = abortLosers(context, select, losers);
      const timeoutRemedy = useTimeoutSignal(context, info, select, contenders, callerSignals);
      for (const loser of losers) {
        // A losing timer's witness: what it holds once the race has settled.
        const witness = loser.timer ? getRaceTimerWitness(context, select.node, loser.timer.call, loser.timer.executor) : null;
        if (witness && !meetsEvidence(witness, evidence)) continue;
        if (isAllowed(context, allow, { call: loser.contender, value: loser.contender })) continue;
        const other = select.contenders.length === 2 && !select.hasSpread ? select.contenders.find((c) => c !== loser.contender)! : null;
        reportLeak(context, {
          node: loser.contender,
          messageId: loser.kind === 'timer' ? 'timerLoser' : 'operationLoser',
          data: {
            ...loser.data,
            winner: other ? describeContender(context, other) : 'another contender',
            method: select.method,
            evidence: witness ? describeWeakLink(witness) : '',
          },
          remedies: [controllerRemedy, timeoutRemedy],
          autofix,
          // Only the AbortController rewrite may become `--fix`; the timeout signal changes the error type.
          noAutofix: !controllerRemedy,
        });
      }
    }

    return {
      CallExpression(node) {
        const select = getSelectCall(context, node);
        if (select) checkSelect(select);
      },
    };
  },
});
