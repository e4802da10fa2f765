import type { TSESTree } from '@typescript-eslint/utils';

import {
  ALLOW_OPTION_SCHEMA,
  DEFAULT_TEARDOWN_METHODS,
  getEnclosingFunction,
  getExecutorPromise,
  getOwner,
  getSleep,
  getThisPlaceUses,
  getTimerCall,
  getValueDestination,
  getVariableUses,
  hasOwner,
  isAllowed,
  isDeferral,
  isInTeardown,
  isReleaseOnlyCallback,
  isShortTimeout,
  isExportedVariable,
  isModuleLevel,
  referencesSignal,
  runsInBrowser,
  timerResource,
  type AllowList,
  type Owner,
  type TimerFunction,
  type ValueDestination,
} from '../../analysis';
import { AUTOFIX_OPTION_SCHEMA, reportLeak } from '../../fixes';
import { createRule } from '../../util/create-rule';
import { timerRemedies, useAbortableSleep, type RemedyIds } from './remedies';

type Options = [
  {
    timeouts: 'always' | 'owned-scope' | 'never';
    allowUnref: boolean;
    minTimeoutMs: number;
    teardownMethods: string[];
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
      discarded: "This {{resource}}'s handle is discarded, so nothing can stop it: {{cost}}.",
      unreadHandle: "This {{resource}}'s handle is stored in `{{name}}` but never read, so nothing can stop it: {{cost}}.",
      neverCleared: '`{{name}}` holds this {{resource}} but nothing ever clears it: {{cost}}.',
      fieldNeverCleared: '`{{name}}` holds this {{resource}} but nothing in the class clears it: {{cost}}.',
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
              'Which lost `setTimeout` handles to report: every one, only those with an owner whose end should stop them (a signal in scope, a class with a teardown method, a React effect), or none. `setInterval` is always checked.',
          },
          allowUnref: {
            type: 'boolean',
            description: 'Allow an interval that is `.unref()`-ed at module scope and never cleared: a deliberate background job.',
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
          allow: ALLOW_OPTION_SCHEMA,
          autofix: AUTOFIX_OPTION_SCHEMA,
        },
      },
    ],
    defaultOptions: [{ timeouts: 'owned-scope', allowUnref: true, minTimeoutMs: 0, teardownMethods: [...DEFAULT_TEARDOWN_METHODS], allow: [], autofix: false }],
  },
  create(context, [options]) {
    /** A timer whose handle is lost; a sleep that ignores the signal in scope. */
    function check(call: TSESTree.CallExpression, timer: TimerFunction): void {
      const destination = getValueDestination(context, call);
      const sleep = timer === 'setTimeout' ? getSleep(context, call) : null;
      if (sleep === 'race') return; // a timeout raced against work: await-in-select-without-abort's case
      if (timer === 'setTimeout' && (isShortTimeout(call, options.minTimeoutMs) || (!sleep && isLetGoTimeout(call)))) return;
      // A timeout started by the owner's end (a grace period in `dispose()`, in an effect's cleanup): nothing
      // later to stop it. An interval started there still runs forever.
      if (timer === 'setTimeout' && isInTeardown(context, call, { teardownMethods: options.teardownMethods })) return;

      // A sleep's handle goes nowhere (a promise executor's return value is ignored).
      const lost = sleep ? { messageId: 'discarded' as const, name: '' } : describeLostHandle(destination, call);
      if (!lost) return;
      const owner = getTimerOwner(call);

      if (sleep) {
        const signal = owner.signals[0];
        if (signal) {
          if (isAllowed(context, options.allow, { call, value: sleep.promise })) return;
          reportLeak(context, {
            node: sleep.promise,
            messageId: 'sleepWithoutSignal',
            data: { signal: signal.text },
            remedies: [useAbortableSleep(context.sourceCode, sleep, call, signal)],
            autofix: options.autofix,
          });
          return;
        }
        if (options.timeouts !== 'always') return;
      } else if (timer === 'setTimeout' && !hasOwner(owner) && (options.timeouts === 'owned-scope' || isUnrefed(destination))) {
        return;
      }

      const resource = timerResource(timer);
      if (isAllowed(context, options.allow, { call, value: call })) return;
      reportLeak(context, {
        node: call,
        messageId: lost.messageId,
        data: {
          resource: resource.label,
          ...(lost.messageId === 'discarded' ? {} : { name: lost.name }),
          cost: costOf(timer, owner, !!sleep, runsInBrowser(context, call)),
        },
        remedies: sleep ? [] : timerRemedies(context, { owner, report: lost.messageId, destination, timer, call }),
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
        if (!timer || (timer === 'setTimeout' && (options.timeouts === 'never' || isDeferral(node)))) return;
        check(node, timer);
      },
    };
  },
});

/** The cost of a lost timer, in words true where the message is shown (a browser has no process to keep alive). */
function costOf(timer: TimerFunction, owner: Owner, sleep: boolean, browser: boolean): string {
  if (timer === 'setInterval') {
    if (owner.effect) return 'it keeps running after the component unmounts';
    return browser ? 'it runs until the page is closed' : 'it runs until the process exits';
  }
  if (!sleep && owner.signals[0]) return `it still fires after \`${owner.signals[0].text}\` aborts`;
  if (!sleep && owner.effect) return 'it still fires after the component unmounts';
  if (!sleep && owner.teardown) {
    const name = owner.teardown.method.name;
    return `it still fires after \`${name.startsWith('Symbol.') ? `[${name}]` : name}()\``;
  }
  return browser ? 'it still fires later and cannot be cancelled' : 'it keeps the process alive until it fires and cannot be cancelled';
}
