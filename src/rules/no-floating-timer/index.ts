import type { TSESTree } from '@typescript-eslint/utils';

import { getEnclosingFunction, isModuleLevel } from '../../analysis/syntax/ast';
import { EVIDENCE_OPTION_SCHEMA, meetsEvidence, type Evidence, type WitnessLink } from '../../analysis/syntax/evidence';
import { getTypeInfo } from '../../analysis/types/type-info';
import { getTimerCall, isDeferral, isShortTimeout, type TimerFunction } from '../../analysis/resources/timers';
import { timerResource } from '../../analysis/resources/resources';
import { getExecutorPromise, getSleep } from '../../analysis/resources/promises';
import { getThisPlaceUses, getValueDestination, getVariableUses, type ValueDestination } from '../../analysis/resources/handles';
import { isExportedVariable } from '../../analysis/resources/escape';
import { ALLOW_OPTION_SCHEMA, isAllowed, type AllowList } from '../../analysis/resources/allow';
import { referencesSignal, type SignalInScope } from '../../analysis/resources/signals';
import { DEFAULT_TEARDOWN_METHODS, getOwner, hasOwner, isInTeardown, type Owner } from '../../analysis/lifetimes/owners';
import { isReleaseOnlyCallback } from '../../analysis/lifetimes/releases';
import { getAbortCost, getSignalBelonging } from '../../analysis/propagation/operations';
import { describeWeakLink, getLostTimerWitness, getSleepCost } from '../../analysis/witnesses/timer-costs';
import { AUTOFIX_OPTION_SCHEMA, reportLeak } from '../../fixes';
import { createRule } from '../../util/create-rule';
import { timerRemedies, useAbortableSleep, type RemedyIds } from './remedies';

type Options = [
  {
    timeouts: 'always' | 'owned-scope' | 'never';
    allowUnref: boolean;
    minTimeoutMs: number;
    teardownMethods: string[];
    evidence: Evidence;
    allow: AllowList;
    autofix: boolean;
  },
];

type LostHandle = 'discarded' | 'unreadHandle' | 'neverCleared' | 'fieldNeverCleared';
type MessageIds = LostHandle | 'sleepWithoutSignal' | RemedyIds;

export default createRule<Options, MessageIds>({
  name: 'no-floating-timer',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow timers whose handle is discarded or kept where nothing clears it',
      recommended: true,
      requiresTypeChecking: true,
    },
    fixable: 'code',
    hasSuggestions: true,
    messages: {
      discarded: "This {{resource}}'s handle is discarded, so nothing can stop it: {{cost}}{{evidence}}.",
      unreadHandle: "This {{resource}}'s handle is stored in `{{name}}` but never read, so nothing can stop it: {{cost}}{{evidence}}.",
      neverCleared: '`{{name}}` holds this {{resource}} but nothing ever clears it: {{cost}}{{evidence}}.',
      fieldNeverCleared: '`{{name}}` holds this {{resource}} but nothing in the class clears it: {{cost}}{{evidence}}.',
      sleepWithoutSignal:
        'This sleep ignores `{{signal}}`: an abort cannot cut it short, so the cancelled caller still waits out the whole delay. Use `setTimeout` from `node:timers/promises` with `{ signal }`.',
      clearOnAbort: 'Keep the handle and clear it when `{{signal}}` aborts.',
      clearInEffectCleanup: "Keep the handle and clear it in the effect's cleanup.",
      clearInTeardown: 'Keep the handle in `{{field}}` and clear it in `{{method}}`.',
      useAbortableSleep: 'Sleep with `setTimeout` from `node:timers/promises`, passing `{{signal}}`.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          timeouts: {
            type: 'string',
            enum: ['always', 'owned-scope', 'never'],
            description:
              'Which lost `setTimeout` handles may be reported: every one (`evidence` decides: one with no owner is only a possible leak), only those with an owner whose end should stop them (a signal in scope, a class with a teardown method, a React effect), or none. `setInterval` is always checked.',
          },
          allowUnref: {
            type: 'boolean',
            description:
              'Never report an interval that is `.unref()`-ed at module scope, even with `evidence: "possible"` (without it, such a background job is only a possible leak).',
          },
          minTimeoutMs: {
            type: 'number',
            minimum: 0,
            description:
              'Do not report a timeout (or a sleep) whose delay is a number literal below this many milliseconds: it settles before its owner can end (`recommended` sets 100).',
          },
          teardownMethods: {
            type: 'array',
            items: { type: 'string' },
            uniqueItems: true,
            description:
              'Method names that end an object\'s life (replaces the default list; `settings.asyncleak.teardownMethods` is added to it); `[Symbol.dispose]` and `[Symbol.asyncDispose]` always count.',
          },
          evidence: EVIDENCE_OPTION_SCHEMA,
          allow: ALLOW_OPTION_SCHEMA,
          autofix: AUTOFIX_OPTION_SCHEMA,
        },
      },
    ],
    defaultOptions: [
      { timeouts: 'always', allowUnref: false, minTimeoutMs: 0, teardownMethods: [...DEFAULT_TEARDOWN_METHODS], evidence: 'proven', allow: [], autofix: false },
    ],
  },
  create(context, [options]) {
    /** A timer whose handle is lost; a sleep that ignores the signal in scope. */
    function check(call: TSESTree.CallExpression, timer: TimerFunction): void {
      const destination = getValueDestination(context, call);
      const sleep = timer === 'setTimeout' ? getSleep(context, call) : null;
      if (sleep === 'race') return; // a timeout raced against work: await-in-select-without-abort's case
      if (timer === 'setTimeout' && (isShortTimeout(call, options.minTimeoutMs, context) || (!sleep && isLetGoTimeout(call)))) return;
      // A timeout started by the owner's end (a grace period in `dispose()`, in an effect's cleanup): nothing
      // later to stop it. An interval started there still runs forever.
      if (timer === 'setTimeout' && isInTeardown(context, call, { teardownMethods: options.teardownMethods })) return;

      // A sleep's handle goes nowhere (a promise executor's return value is ignored).
      const lost = sleep ? { messageId: 'discarded' as const, name: '' } : describeLostHandle(destination, call);
      if (!lost) return;
      const owner = getTimerOwner(call);

      if (sleep) {
        // The sleep's witness: the signal belongs to the operation that waits, and the wait costs it something.
        const info = getTypeInfo(context);
        let belonging: { signal: SignalInScope; belongs: WitnessLink } | null = null;
        for (const signal of owner.signals) {
          const belongs = getSignalBelonging(context, signal, sleep.promise);
          if (belongs) {
            belonging = { signal, belongs };
            break;
          }
        }
        if (belonging && info) {
          const { signal, belongs } = belonging;
          const links = [belongs, getAbortCost(context, info, signal, sleep.promise, call.arguments.slice(1, 2))];
          if (!meetsEvidence({ links }, options.evidence) || isAllowed(context, options.allow, { call, value: sleep.promise })) return;
          reportLeak(context, {
            node: sleep.promise,
            messageId: 'sleepWithoutSignal',
            data: { signal: signal.text },
            remedies: [useAbortableSleep(context.sourceCode, sleep, call, signal)],
            autofix: options.autofix,
          });
          return;
        }
        // A sleep with no signal to listen to has no owner whose end it outlives: a possible leak only.
        // With a signal in scope that is not the operation's (a local kill-switch), there is no witness.
        if (owner.signals.length > 0 || options.timeouts !== 'always' || options.evidence !== 'possible') return;
        if (isAllowed(context, options.allow, { call, value: call })) return;
        reportLeak(context, {
          node: call,
          messageId: 'discarded',
          data: { resource: timerResource(timer).label, cost: getSleepCost(context, call), evidence: '' },
          remedies: [],
          autofix: options.autofix,
        });
        return;
      }

      // A timeout with no owner to outlive: with `owned-scope`, or `.unref()`-ed (a shutdown
      // or grace timer that holds nothing), there is no witness at all.
      const unrefed = isUnrefed(destination);
      if (timer === 'setTimeout' && !hasOwner(owner) && (options.timeouts === 'owned-scope' || unrefed)) return;
      const witness = getLostTimerWitness(context, { timer, call, owner, unrefed, moduleLevel: isModuleLevel(call) });
      if (!meetsEvidence(witness, options.evidence)) return;

      if (isAllowed(context, options.allow, { call, value: call })) return;
      reportLeak(context, {
        node: call,
        messageId: lost.messageId,
        data: {
          resource: witness.resource,
          ...(lost.messageId === 'discarded' ? {} : { name: lost.name }),
          cost: witness.cost,
          evidence: describeWeakLink(witness),
        },
        remedies: timerRemedies(context, { owner, report: lost.messageId, destination, timer, call }),
        autofix: options.autofix,
      });
    }

    /** Which report a destination makes, or `null` when the handle is kept by someone who can clear it. */
    function describeLostHandle(destination: ValueDestination, call: TSESTree.CallExpression): { messageId: LostHandle; name: string } | null {
      switch (destination.kind) {
        case 'discarded':
          if (options.allowUnref && destination.via === 'unref' && isModuleLevel(call)) return null;
          return { messageId: 'discarded', name: '' };
        case 'variable': {
          const { variable } = destination;
          if (isExportedVariable(variable)) return null;
          const uses = getVariableUses(context, variable);
          if (uses.released || uses.escapes) return null;
          if (options.allowUnref && isModuleLevel(call) && (destination.via === 'unref' || uses.ownMethods.includes('unref'))) return null;
          return { messageId: uses.inertReads === 0 ? 'unreadHandle' : 'neverCleared', name: variable.name };
        }
        case 'property': {
          const uses = getThisPlaceUses(context, destination.place);
          if (uses.released || uses.escapes) return null;
          return { messageId: 'fieldNeverCleared', name: `this.${destination.place.path.join('.')}` };
        }
        default:
          return null;
      }
    }

    /** The timer's owner; a timer whose callback uses a signal watches it already (or is its deadline). */
    function getTimerOwner(call: TSESTree.CallExpression): Owner {
      const owner = getOwner(context, call, { teardownMethods: options.teardownMethods });
      const callback = call.arguments[0];
      return callback ? { ...owner, signals: owner.signals.filter((signal) => !referencesSignal(context, callback, signal)) } : owner;
    }

    /**
     * A timeout nobody needs to stop: in a promise executor (it settles the promise), or
     * whose callback only releases or restores something (cancelling it would create the leak).
     */
    function isLetGoTimeout(call: TSESTree.CallExpression): boolean {
      const fn = getEnclosingFunction(call);
      if (fn && getExecutorPromise(context, fn) !== null) return true;
      return !!call.arguments[0] && isReleaseOnlyCallback(context, call.arguments[0]);
    }

    /** `.unref()`-ed: with no owner to outlive, a shutdown or grace timer that holds nothing. */
    function isUnrefed(destination: ValueDestination): boolean {
      return destination.via === 'unref' || (destination.kind === 'variable' && getVariableUses(context, destination.variable).ownMethods.includes('unref'));
    }

    return {
      CallExpression(node) {
        const timer = getTimerCall(context, node);
        if (!timer || (timer === 'setTimeout' && (options.timeouts === 'never' || isDeferral(node, context)))) return;
        check(node, timer);
      },
    };
  },
});
