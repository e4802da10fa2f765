import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../../analysis/syntax/node-types';

import { getEnclosingFunction, getMemberName, getMethodCall, isInside, unwrapExpression, walk } from '../../analysis/syntax/ast';
import { isGlobalObject, isGlobalReference, type Place } from '../../analysis/syntax/references';
import { EVIDENCE_OPTION_SCHEMA, meetsEvidence, type Evidence } from '../../analysis/syntax/evidence';
import { getTypeInfo } from '../../analysis/types/type-info';
import type { CallLike } from '../../analysis/types/signatures';
import {
  getListenerRegistration,
  getListenerRemoval,
  isRemovalOfNewFunction,
  listenerRemovesItself,
  type ListenerCall,
} from '../../analysis/resources/listeners';
import {
  getObserverCallback,
  getObserverConstruction,
  getObserverUses,
  observerMethodCall,
  unobservesEveryTarget,
  type ObserverKind,
} from '../../analysis/resources/observers';
import {
  getSubscriptionCall,
  isInertRead,
  isReleasingRead,
  isSelfLimitingSubscription,
  maySubscribe,
  type SubscriptionRelease,
} from '../../analysis/resources/subscriptions';
import { getHeldReads, getValueDestination, isFieldUsedOutside } from '../../analysis/resources/handles';
import { ALLOW_OPTION_SCHEMA, isAllowed, type AllowList } from '../../analysis/resources/allow';
import { isSiblingOfCreator } from '../../analysis/resources/constructions';
import { getSignalController } from '../../analysis/resources/signals';
import {
  DEFAULT_TEARDOWN_METHODS,
  getEffectCleanups,
  getEffectOwner,
  getLifecycleOwner,
  getOwnerCode,
  getSetupFunction,
  runsOncePerInstance,
  teardownLabel,
  type LifecycleOwner,
} from '../../analysis/lifetimes/owners';
import {
  callbackEndsOwner,
  fieldLifetime,
  getAliasPlaces,
  getChainStorePlaces,
  getLifetime,
  memberFunctionOf,
  type LifetimeScope,
} from '../../analysis/lifetimes/lifetimes';
import { isRemovedInCode, releasesPlace } from '../../analysis/lifetimes/releases';
import { getMissingSignal } from '../../analysis/propagation/propagation';
import { getOwnController, getUncancelledRequest } from '../../analysis/propagation/effect-requests';
import { AUTOFIX_OPTION_SCHEMA, reportLeak } from '../../fixes';
import { createRule } from '../../util/create-rule';
import { listenerRemedies, observerRemedies, requestRemedies, subscriptionRemedies, type OwnedController, type RemedyIds } from './remedies';

type ReportIds =
  | 'listenerNotRemoved'
  | 'listenerNeverAborted'
  | 'observerNotDisconnected'
  | 'subscriptionDiscarded'
  | 'subscriptionNotReleased'
  | 'subscriptionDiscardedOutsideOwner'
  | 'requestNotCancellable'
  | 'requestNeverAborted';
type MessageIds = ReportIds | RemedyIds;
type Options = [{ checkOnce?: boolean; checkOutsideOwners?: boolean; evidence?: Evidence; teardownMethods?: string[]; allow?: AllowList; autofix?: boolean }];

/** `checkOnce` and `checkOutsideOwners` follow `evidence` unless set: both report witnesses whose end is only possible. */
const DEFAULTS = { evidence: 'proven' as Evidence, teardownMethods: [...DEFAULT_TEARDOWN_METHODS], allow: [] as AllowList, autofix: false };

const REGISTRATION_METHODS: ReadonlySet<string> = new Set(['addEventListener', 'on', 'once', 'addListener', 'prependListener', 'prependOnceListener']);

/** Long-lived objects on which a one-time event may never come; and events that always come. */
const HOST_SINGLETONS: ReadonlySet<string> = new Set(['document', 'process']);
/** When a listener the cleanup itself adds stays: after the end it was added at. */
const AFTER_CLEANUP = 'after the component unmounts (the cleanup adds it, and nothing of the component runs after the cleanup to remove it)';
const ALWAYS_COMES: ReadonlySet<string> = new Set(['exit', 'beforeExit', 'load', 'DOMContentLoaded', 'beforeunload', 'unload', 'pagehide']);

export default createRule<Options, MessageIds>({
  name: 'no-floating-subscription',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow listeners, observers and subscriptions that outlive their owner',
      recommended: true,
      requiresTypeChecking: true,
    },
    fixable: 'code',
    hasSuggestions: true,
    messages: {
      listenerNotRemoved: 'The {{event}} listener on `{{target}}` is never removed: it stays attached {{when}}.',
      listenerNeverAborted: 'The {{event}} listener on `{{target}}` goes with `{{controller}}.signal`, but nothing aborts `{{controller}}`: it stays attached {{when}}.',
      observerNotDisconnected: 'This {{observer}} is never disconnected: it keeps observing {{what}} {{when}}.',
      subscriptionDiscarded: 'The {{handle}} that `{{call}}` returns is discarded: the subscription stays active {{when}}.',
      subscriptionNotReleased: '`{{name}}` holds the {{handle}} that `{{call}}` returns, but nothing {{verb}}: the subscription stays active {{when}}.',
      subscriptionDiscardedOutsideOwner: 'The {{handle}} that `{{call}}` returns is discarded: nothing can ever end this subscription.',
      requestNotCancellable:
        '`{{call}}` runs in this effect, but the cleanup can neither abort it nor ignore its result: it keeps running, and its result is still used, {{when}}.',
      requestNeverAborted:
        '`{{call}}` gets the signal of `{{controller}}`, which this effect creates for it, but the cleanup never aborts `{{controller}}`: the request keeps running {{when}}.',
      removeInCleanup: "Remove the listener in the effect's cleanup.",
      nameAndRemoveInCleanup: "Name the listener `{{name}}` and remove it in the effect's cleanup.",
      abortInCleanup: "Register the listener with `{ signal: {{controller}}.signal }` and abort `{{controller}}` in the effect's cleanup.",
      abortControllerInCleanup: "Abort `{{controller}}` in the effect's cleanup.",
      abortControllerInTeardown: 'Abort `{{controller}}` in `{{method}}`.',
      removeInTeardown: 'Remove the listener in `{{method}}`.',
      disconnectInCleanup: "Disconnect the observer in the effect's cleanup.",
      disconnectInTeardown: 'Disconnect `{{field}}` in `{{method}}`.',
      releaseInCleanup: "Keep the {{handle}} and end the subscription in the effect's cleanup.",
      releaseInTeardown: 'Keep the {{handle}} in `{{field}}` and end the subscription in `{{method}}`.',
      abortRequestInCleanup: "Pass a new AbortController's signal to `{{call}}` and abort it in the effect's cleanup.",
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          checkOnce: {
            type: 'boolean',
            description:
              'Also report `{ once: true }` / `.once()` listeners on globals and `process` whose event may never come (not `exit`, `load`...): until it comes, the listener stays. Defaults to `evidence: "possible"`.',
          },
          checkOutsideOwners: {
            type: 'boolean',
            description:
              'Also report a discarded unsubscribe function or subscription object in a function that has no owner (no effect, no class with a teardown method). Defaults to `evidence: "possible"`.',
          },
          evidence: EVIDENCE_OPTION_SCHEMA,
          teardownMethods: {
            type: 'array',
            items: { type: 'string' },
            uniqueItems: true,
            description:
              "Method names that end an object's life (replaces the default list); `[Symbol.dispose]` and `[Symbol.asyncDispose]` always count.",
          },
          allow: ALLOW_OPTION_SCHEMA,
          autofix: AUTOFIX_OPTION_SCHEMA,
        },
      },
    ],
    defaultOptions: [DEFAULTS],
  },
  defaultOptions: [DEFAULTS],
  create(context, [options]) {
    const { evidence, teardownMethods, allow, autofix } = { ...DEFAULTS, ...options };
    // A `once` listener and an ownerless subscription have an end that is only possible (the event may come; no owner ends).
    const checkOnce = options.checkOnce ?? evidence === 'possible';
    const checkOutsideOwners = options.checkOutsideOwners ?? evidence === 'possible';

    /** require-signal-propagation reports this call at this config's evidence: one leak, one report. */
    function reportsMissingSignal(call: CallLike): boolean {
      const missing = getMissingSignal(context, call);
      return missing !== null && meetsEvidence(missing.witness, evidence);
    }
    // Listeners, observers, cleanups and requests are all recognised by type: without types nothing is certain.
    const info = getTypeInfo(context);
    if (!info) return {};
    const sourceCode = context.sourceCode;

    const ownerOf = (node: TSESTree.Node): LifecycleOwner | null => getLifecycleOwner(context, node, { teardownMethods });

    /** Where the owner's end happens, in words for the message. */
    const whenOf = (owner: LifecycleOwner): string =>
      owner.effect?.framework === 'react'
        ? 'when the component unmounts (or the effect re-runs)'
        : owner.teardown
          ? `after \`${teardownLabel(owner.teardown.method)}\``
          : 'when the component unmounts';

    /** The functions whose parameters come from outside the owner, and its class (see `getLifetime`). */
    const scopeOf = (node: TSESTree.Node, owner: LifecycleOwner): LifetimeScope => ({
      fn: owner.effect?.callback ?? (owner.teardown ? memberFunctionOf(node, owner.teardown.cls) : getSetupFunction(owner)),
      cls: owner.teardown?.cls ?? null,
    });

    /** The owner ends the target itself (`this.socket.destroy()` in `close()`): what is registered on it goes with it. */
    const isReleasedByOwner = (aliases: readonly Place[], owner: LifecycleOwner): boolean =>
      aliases.some((place) => releasesPlace(context, ownerCode(owner), place));

    const ownerCode = getOwnerCode;

    /** The node's text for a message, or its last name when that is too long (`a.b.c.onDidChange` → `onDidChange`). */
    const text = (node: TSESTree.Node): string => {
      const written = sourceCode.getText(node);
      if (written.length <= 40 && !written.includes('\n')) return written;
      const inner = unwrapExpression(node);
      return (inner.type === AST_NODE_TYPES.MemberExpression ? getMemberName(inner) : null) ?? 'it';
    };

    function checkListener(call: TSESTree.CallExpression): void {
      const method = getMethodCall(call, REGISTRATION_METHODS);
      const owner = method && ownerOf(call);
      // Syntax before types: what is registered on a target the owner created (or of unknown life) goes with it.
      if (!owner || getLifetime(context, method!.object, scopeOf(call, owner)) !== 'outlives') return;
      const registration = getListenerRegistration(context, call);
      if (!registration || registration.targetKind === 'abortSignal' || registration.signal === undefined) return;
      // Added by the cleanup itself (the owner's end): nothing of the owner runs after it to remove it.
      const atEnd = !!owner.effect && getEffectCleanups(context, owner.effect).some((cleanup) => isInside(call, cleanup));
      const code = removalCode(owner);
      if (registration.once !== false && !reportsOnce(registration) && !(registration.once === true && triesToRemove(registration, code))) return;
      if (owner.teardown && runsOncePerInstance(call, owner.teardown.cls)) return; // a setup latched on the owner's state
      const aliases = [...getAliasPlaces(context, registration.target), ...getChainStorePlaces(context, call, REGISTRATION_METHODS)];
      if (isReleasedByOwner(aliases, owner)) return;
      if (isAllowed(context, allow, { call, value: registration.target })) return;
      const data = { event: eventLabel(registration), target: text(registration.target), when: whenOf(owner) };
      if (registration.signal) {
        const controller = ownedController(registration.signal, owner);
        if (!controller || releasesPlace(context, ownerCode(owner), controller.place)) return;
        reportLeak(context, {
          node: call,
          messageId: 'listenerNeverAborted',
          data: { ...data, controller: controller.text },
          remedies: listenerRemedies(context, { owner, registration, controller }),
          autofix,
        });
        return;
      }
      if (listenerRemovesItself(context, registration) || (!atEnd && isRemovedInCode(context, registration, aliases, code))) return;
      if (registration.listener && !isSharedHostObject(registration.target) && callbackEndsOwner(context, registration.listener, owner, teardownMethods)) return;
      if (isSiblingTarget(registration.target, owner)) return;
      if (reportsMissingSignal(call)) return; // require-signal-propagation's report: one leak, one report
      // Added by the cleanup: no removal can follow it; the fix is not to add it there, which is the author's call.
      const remedies = atEnd ? [] : listenerRemedies(context, { owner, registration, controller: null });
      reportLeak(context, { node: call, messageId: 'listenerNotRemoved', data: atEnd ? { ...data, when: AFTER_CLEANUP } : data, remedies, autofix });
    }

    /**
     * Where a removal of a listener counts: the owner's code and, for a React effect, the
     * whole component (or hook) that runs it — another effect's cleanup, a handler: a
     * removal of the same listener anywhere there is the author's sign of intent.
     */
    function removalCode(owner: LifecycleOwner): TSESTree.Node {
      if (owner.effect?.framework !== 'react') return ownerCode(owner);
      return getEnclosingFunction(owner.effect.call) ?? ownerCode(owner);
    }

    /** The code removes this (`once`) listener from its target, but with a new function: the removal takes nothing off. */
    function triesToRemove(registration: ListenerCall, code: TSESTree.Node): boolean {
      let found = false;
      walk(code, (node) => {
        if (found) return false;
        if (node.type === AST_NODE_TYPES.CallExpression) {
          const removal = getListenerRemoval(context, node);
          if (removal && isRemovalOfNewFunction(context, registration, removal)) found = true;
        }
        return !found;
      });
      return found;
    }

    /**
     * The owner's own controller that a listener's `{ signal }` comes from: a local
     * `new AbortController()` of the effect or method, or a field the class creates.
     * Any other signal (a parameter, a field the class was handed) is someone else's to abort.
     */
    function ownedController(signal: TSESTree.Node, owner: LifecycleOwner): OwnedController | null {
      const local = getOwnController(context, signal, ownerCode(owner));
      if (local) return { place: { root: local, path: [], node: local.identifiers[0]! }, text: local.name };
      const cls = owner.teardown?.cls;
      const place = cls && getSignalController(context, signal);
      if (!cls || !place || place.root !== cls || place.path.length !== 1 || fieldLifetime(context, cls, place.path[0]!) !== 'owned') return null;
      return { place, text: `this.${place.path[0]}` };
    }

    /** `window`, `document`, `process`...: long-lived objects that every instance of an owner shares. */
    function isSharedHostObject(target: TSESTree.Node): boolean {
      const node = unwrapExpression(target);
      return isGlobalObject(context, node) || (node.type === AST_NODE_TYPES.Identifier && HOST_SINGLETONS.has(node.name) && isGlobalReference(context, node));
    }

    /**
     * A target the class was handed by a creator that keeps both (`this.thread = new
     * Thread(this.sources)` everywhere the class is built): the two end with that creator.
     */
    function isSiblingTarget(target: TSESTree.Node, owner: LifecycleOwner): boolean {
      return !!owner.teardown && !isSharedHostObject(target) && isSiblingOfCreator(context, target, owner.teardown.cls);
    }

    /** `{ once: true }` / `.once()`: reported only with `checkOnce`, on a global whose event may never come. */
    function reportsOnce(registration: ListenerCall): boolean {
      if (registration.once === null || !checkOnce) return false;
      return isSharedHostObject(registration.target) && registration.eventName !== null && !ALWAYS_COMES.has(registration.eventName);
    }

    function checkObserver(node: TSESTree.NewExpression): void {
      const owner = ownerOf(node);
      const kind = owner && getObserverConstruction(context, node);
      if (!owner || !kind) return;
      const destination = getValueDestination(context, node);
      const chained = destination.kind === 'other' ? observerMethodCall(node) : null;
      let observed: TSESTree.Node | null;
      if (chained) {
        if (chained.method !== 'observe') return;
        observed = chained.call.arguments[0] ?? null; // nothing holds it: nothing can disconnect it
      } else {
        const reads = getHeldReads(context, destination, owner.teardown?.cls ?? null);
        if (!reads) return;
        const uses = getObserverUses(context, reads, getObserverCallback(context, node));
        if (uses.escapes || uses.observed.length === 0 || uses.disconnected || unobservesEveryTarget(context, uses)) return;
        if (destination.kind === 'property' && isFieldUsedOutside(context, destination.place, (use) => observerMethodCall(use)?.method === 'disconnect')) return;
        observed = uses.observed[0]!;
      }
      if (isAllowed(context, allow, { call: node, value: node })) return;
      reportLeak(context, {
        node,
        messageId: 'observerNotDisconnected',
        data: { observer: kind, what: observedLabel(kind, observed), when: whenOf(owner) },
        remedies: observerRemedies(context, { owner, node, destination, chained: chained?.call ?? null }),
        autofix,
      });
    }

    function checkSubscription(call: TSESTree.CallExpression): void {
      if (!maySubscribe(call)) return;
      // Then the owner: asked once per function, it rules out most calls.
      const owner = ownerOf(call);
      if (!owner && (!checkOutsideOwners || !getEnclosingFunction(call))) return;
      // Vue stops what a setup starts in its effect scope (`watch`, Pinia's `$subscribe`, a composable's
      // `onScopeDispose`): by type, a handle dropped there cannot be told from a lost one.
      if (owner?.component?.framework === 'vue' && !owner.effect) return;
      const destination = getValueDestination(context, call);
      if (destination.kind !== 'discarded' && destination.kind !== 'variable' && destination.kind !== 'property') return;
      if (destination.kind === 'discarded' && destination.via !== null) return; // `x.subscribe(f).add(…)`: not dropped as such
      // Outside owners, only a discarded handle is lost: a kept one is someone's to end.
      if (!owner && destination.kind !== 'discarded') return;
      // A subscription to something the owner created (or of unknown life) goes with it.
      const source = getMethodCall(call)?.object;
      // Outside owners only a long-lived source (module-level, global, imported) is lost: whoever holds a parameter or a local can end it.
      const scope = owner ? scopeOf(call, owner) : { fn: null, cls: null };
      if (source && getLifetime(context, source, scope) !== 'outlives') return;
      // Syntax before types: a kept handle that the code calls, releases, hands on or reads is not lost.
      const reads = destination.kind === 'discarded' || !owner ? [] : getHeldReads(context, destination, owner.teardown?.cls ?? null);
      if (!reads || reads.some((read) => !isInertRead(context, read)) || (destination.kind === 'property' && isFieldUsedOutside(context, destination.place, isReleasingRead))) return;
      if (owner && call.arguments.some((argument) => callbackEndsOwner(context, argument, owner, teardownMethods))) return;
      const release = getSubscriptionCall(context, call);
      if (!release || isSelfLimitingSubscription(call)) return;
      // The owner ends the source itself (a walk of its code: after the type, which rules out most calls).
      if (source && owner && (isReleasedByOwner(getAliasPlaces(context, source), owner) || isSiblingTarget(source, owner))) return;
      if (isAllowed(context, allow, { call, value: call })) return;
      const data = { handle: handleLabel(release), call: text(call.callee) };
      if (!owner) {
        reportLeak(context, { node: call, messageId: 'subscriptionDiscardedOutsideOwner', data, autofix });
        return;
      }
      const remedies = subscriptionRemedies(context, { owner, call, destination, release });
      if (destination.kind === 'discarded') {
        reportLeak(context, { node: call, messageId: 'subscriptionDiscarded', data: { ...data, when: whenOf(owner) }, remedies, autofix });
        return;
      }
      const name = destination.kind === 'variable' ? destination.variable.name : `this.${destination.place.path.join('.')}`;
      const verb = release.kind === 'function' ? 'calls it' : `calls its \`${release.method}()\``;
      reportLeak(context, { node: call, messageId: 'subscriptionNotReleased', data: { ...data, name, verb, when: whenOf(owner) }, remedies, autofix });
    }

    function checkRequest(call: TSESTree.CallExpression): void {
      const owner = getEffectOwner(context, call);
      if (!owner) return;
      const request = getUncancelledRequest(context, call, owner.effect);
      if (!request || reportsMissingSignal(call) || isAllowed(context, allow, { call })) return;
      const data = { call: text(call.callee), when: whenOf(owner) };
      reportLeak(context, {
        node: call,
        messageId: request.kind === 'unguarded' ? 'requestNotCancellable' : 'requestNeverAborted',
        data: request.kind === 'unguarded' ? data : { ...data, controller: request.controller.name },
        remedies: requestRemedies(context, { effect: owner.effect, call, request, label: data.call }),
        autofix,
      });
    }

    function observedLabel(kind: ObserverKind, observed: TSESTree.Node | null): string {
      if (kind === 'PerformanceObserver') return 'performance entries';
      const written = observed && sourceCode.getText(observed);
      return written && written.length <= 40 && !written.includes('\n') ? `\`${written}\`` : 'its targets';
    }

    return {
      CallExpression(node) {
        checkListener(node);
        checkSubscription(node);
        checkRequest(node);
      },
      NewExpression: checkObserver,
    };
  },
});

/** `'resize'` for a literal event, `` `EVENT` `` for another expression. */
function eventLabel(registration: ListenerCall): string {
  return registration.eventName !== null ? `'${registration.eventName}'` : 'event';
}

function handleLabel(release: SubscriptionRelease): string {
  if (release.kind === 'function') return 'unsubscribe function';
  return release.method === 'dispose' ? 'disposable' : 'subscription';
}

