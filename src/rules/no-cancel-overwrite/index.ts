import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../../analysis/syntax/node-types';

import {
  getClassMemberName,
  getEnclosingFunction,
  getMemberName,
  getPropertyName,
  getFunctionName,
  getThisClass,
  getValueParent,
  isFunction,
  isInside,
  unwrapExpression,
} from '../../analysis/syntax/ast';
import {
  getAssignmentsBefore,
  getPlace,
  isGlobalReference,
  isInheritedMember,
  resolveVariable,
  type Place,
} from '../../analysis/syntax/references';
import { isLoopNode } from '../../analysis/syntax/control-flow';
import {
  EVIDENCE_OPTION_SCHEMA,
  getWeakestLink,
  lineOf,
  link,
  meetsEvidence,
  possible,
  proven,
  type Evidence,
  type WitnessLink,
} from '../../analysis/syntax/evidence';
import { getTypeInfo, typeOfNode } from '../../analysis/types/type-info';
import { isAbortControllerType, isRequiredSignalSlot } from '../../analysis/types/types';
import { isShortTimeout } from '../../analysis/resources/timers';
import { getAcquiredResource, getAcquisition, type Resource, type ResourceKind } from '../../analysis/resources/resources';
import { getAlternatingListeners } from '../../analysis/resources/listeners';
import { isEmptiedAfterWork, isPlaceHandedOn, isUnrefed } from '../../analysis/resources/handles';
import { isEscapingUse } from '../../analysis/resources/escape';
import { ALLOW_OPTION_SCHEMA, isAllowed, type AllowList } from '../../analysis/resources/allow';
import { isCalledOncePerConstruction } from '../../analysis/resources/constructions';
import { getSignalsInScope, isNeverAborted, isPlaceholderSignal } from '../../analysis/resources/signals';
import {
  getActivation,
  getRepeater,
  getRepeatingLoop,
  getEarlierAcquisition,
  isAwaitedByEveryCaller,
  isRearmedTimeout,
} from '../../analysis/lifetimes/activations';
import {
  isReleasedBeforeCallback,
  isReleasedByCallers,
  isReleasedInFile,
  releasesPlace,
} from '../../analysis/lifetimes/releases';
import { getReentryGuard, isEmptiedBefore, isGuardedEmpty, isGuardResetElsewhere } from '../../analysis/lifetimes/guards';
import { getLoopNode } from '../../analysis/lifetimes/loops';
import { getReleasedAfterLoop } from '../../analysis/lifetimes/loop-leaks';
import { AUTOFIX_OPTION_SCHEMA, reportLeak } from '../../fixes';
import { createRule } from '../../util/create-rule';
import { keepController, releaseFirst, type RemedyIds } from './remedies';

type MessageIds = 'overwrite' | 'discardedController' | 'neverAborted' | RemedyIds;
type Options = [{ checkNeverAborted?: boolean; minTimeoutMs?: number; evidence?: Evidence; allow?: AllowList; autofix?: boolean }];

const DEFAULTS = { checkNeverAborted: false, minTimeoutMs: 0, evidence: 'proven' as Evidence, allow: [] as AllowList, autofix: false };

/** The kinds whose handle is the only way to cancel what they run. */
const CANCELLABLE_KINDS: ReadonlySet<ResourceKind> = new Set(['timer', 'abortController', 'disposable', 'subscription', 'custom']);

/**
 * Methods that run once per object life by convention, like a constructor: the
 * first assignment there is not an overwrite (their counterpart tears down).
 */
const ONCE_PER_LIFE_METHODS: readonly string[] = [
  'componentDidMount',
  'UNSAFE_componentWillMount',
  'componentWillMount',
  'connectedCallback',
  'ngOnInit',
  'ngAfterViewInit',
  'firstUpdated',
];

export default createRule<Options, MessageIds>({
  name: 'no-cancel-overwrite',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Disallow overwriting a live timer, AbortController, subscription or disposable, and throwing an AbortController away',
      recommended: true,
      requiresTypeChecking: true,
    },
    fixable: 'code',
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        properties: {
          checkNeverAborted: {
            type: 'boolean',
            description:
              'Also report a local `AbortController` whose `abort` is never referenced and which is never handed on: its signal can never fire.',
          },
          minTimeoutMs: {
            type: 'number',
            minimum: 0,
            description:
              'Do not report overwriting a timeout whose delay is a number literal below this many milliseconds: it fires before the code can run again (`recommended` sets 100).',
          },
          evidence: EVIDENCE_OPTION_SCHEMA,
          allow: ALLOW_OPTION_SCHEMA,
          autofix: AUTOFIX_OPTION_SCHEMA,
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [DEFAULTS],
    messages: {
      overwrite: '`{{name}}` is overwritten on line {{line}} while the {{label}} {{start}} may still {{state}}: {{why}}nothing {{release}} the old one first{{weak}}.',
      discardedController:
        'This AbortController is thrown away, so nothing can ever call `abort()` and its signal never fires: keep it in a variable and abort it when the work should stop.',
      neverAborted:
        '`{{name}}` is never aborted and never handed on, so its signal can never fire and the work it is passed to can never be cancelled: call `{{name}}.abort()` when that work should stop.',
      releaseFirst: 'Release the previous {{label}} first: `{{release}}`.',
      keepController: 'Keep the AbortController in `const {{name}}` so it can be aborted.',
    },
  },
  defaultOptions: [DEFAULTS],
  create(context, [options]) {
    const { checkNeverAborted, minTimeoutMs, evidence, allow, autofix } = { ...DEFAULTS, ...options };
    const sourceCode = context.sourceCode;
    const info = getTypeInfo(context);

    /**
     * `x = acquire()` while the previous value of `x` may still be live: the witness is
     * what runs the assignment again (or the earlier acquisition on the same path), with
     * the old value not released, not proven empty, not anyone else's, and its work not
     * over. Its links are proven or only possible (README, "Evidence").
     */
    function checkOverwrite(assignment: TSESTree.AssignmentExpression): void {
      // Cheap syntactic filter: only a fresh acquisition can overwrite a live handle.
      const acquired = getAcquisition(context, assignment.right);
      if (!acquired) return;
      const target = unwrapExpression(assignment.left);
      if (target.type !== AST_NODE_TYPES.Identifier && target.type !== AST_NODE_TYPES.MemberExpression) return;

      const place = getPlace(context, target);
      if (!place || !isTrackedRoot(place) || isInheritedMember(place)) return;
      // `a = this.t = setTimeout(…)`: the new value is handed on too; someone else may own the old one.
      if (isEscapingUse(context, assignment)) return;
      // The syntactic questions first, the types last (every check must hold).
      // A callback that stores a value made outside it (`server.listen(port, () => { active = server })`)
      // stores the same one each time it runs: only what runs the acquisition again makes a new one.
      const scope = placeScope(place);
      const from = isInside(acquired, assignment) || !isInside(acquired, scope) ? assignment : acquired;
      const repeater = getRepeater(context, from, scope, { onceMethods: ONCE_PER_LIFE_METHODS, store: assignment });
      const earlier = repeater ? null : getEarlierValue(assignment, place);
      if (!repeater && !earlier) return;
      if (isReleasedOrGuarded(assignment, place) || isPlaceHandedOn(context, place)) return;
      const guard = repeater ? getReentryGuard(context, assignment, getActivation(context, assignment)) : null;
      // The author keeps one at a time; only a reset of the guard's flag elsewhere (strict) lets a run past it.
      if (guard && !isGuardResetElsewhere(context, guard, place, getActivation(context, assignment))) return;
      if (repeater && keepsOneAtATime(place, assignment)) return;
      const resource = getCancellableResource(acquired);
      if (!resource || !mayStillBeLive(assignment, place, resource, !!repeater) || isLetGo(assignment, place, resource)) return;
      // A per-iteration resource released after the loop is no-loop-finally-leak's (docs, "Precedence").
      if (getReleasedAfterLoop(context, assignment)) return;

      const links: WitnessLink[] = [];
      if (guard) links.push(possible('reentry', `something else resets the test before ${lineOf(assignment)} without releasing the old one`));
      else if (repeater) links.push(reentryLink(assignment, repeater, resource));
      links.push(costLink(place, resource));
      if (!meetsEvidence({ links }, evidence)) return;
      if (isAllowed(context, allow, { call: acquired, value: assignment.left })) return;

      const name = sourceCode.getText(target);
      const previous = getEarlierAcquisition(context, assignment, place, (value) => getCancellableResource(value) !== null);
      const start = previous && (previous.sameRun || !repeater) ? previous.node : null;
      const weakest = getWeakestLink({ links });
      reportLeak(context, {
        node: assignment.left,
        messageId: 'overwrite',
        data: {
          name,
          line: String(assignment.loc.start.line),
          label: resource.label,
          start: start ? `started on ${lineOf(start)}` : 'it started on an earlier run',
          ...describeOverwrite(resource),
          why: repeater ? `${describeRepeater(repeater)} and ` : '',
          weak: weakest ? ` (only possibly a leak: ${weakest.because})` : '',
        },
        remedies: [releaseFirst(context, assignment, place, resource, name)],
        autofix,
      });
    }

    /**
     * Signs that the author keeps one handle at a time, so a second run does not find
     * the first one's handle live (beside a re-entry guard): the place emptied in a
     * `finally` once the awaited work is over, or released before the callback that
     * stores it is built.
     */
    function keepsOneAtATime(place: Place, assignment: TSESTree.AssignmentExpression): boolean {
      return isEmptiedAfterWork(context, place) || isReleasedBeforeCallback(context, assignment, place);
    }

    /**
     * Re-entry: proven for a loop, a callback or a method that can run again; only
     * possible when every creator of the class calls the method once per object, or
     * when a controller's function is a local one that each caller waits for (the old
     * controller's work is over when the next call starts).
     */
    function reentryLink(assignment: TSESTree.AssignmentExpression, repeater: TSESTree.Node, resource: Resource): WitnessLink {
      if (isLoopNode(repeater) || !isFunction(repeater)) return proven('reentry');
      const member = repeater.parent;
      if (member?.type === AST_NODE_TYPES.MethodDefinition || member?.type === AST_NODE_TYPES.PropertyDefinition) {
        const name = getClassMemberName(member);
        const cls = getThisClass(assignment);
        if (name && cls && !member.static && isCalledOncePerConstruction(context, cls, name)) {
          return possible('reentry', `every creator of \`${cls.id?.name ?? 'the class'}\` calls \`${name}()\` once`);
        }
        return proven('reentry');
      }
      if (resource.kind === 'abortController' && repeater.async && isAwaitedByEveryCaller(context, repeater)) {
        return possible('reentry', `each caller waits for \`${getFunctionName(repeater) ?? 'it'}\` to finish`);
      }
      return proven('reentry');
    }

    /** A controller nothing ever aborts loses no cancellation when it is overwritten. */
    function costLink(place: Place, resource: Resource): WitnessLink {
      if (resource.kind !== 'abortController') return proven('cost');
      return link('cost', isReleasedInFile(context, place) || releasesPlace(context, placeScope(place), place), 'nothing ever aborts it');
    }

    /** What runs the assignment again, in a report's words. */
    function describeRepeater(repeater: TSESTree.Node): string {
      if (!isFunction(repeater)) return `the loop on ${lineOf(repeater)} runs it again`;
      const name = getFunctionName(repeater);
      return `${name ? `\`${name}()\`` : `the callback on ${lineOf(repeater)}`} can run again`;
    }


    function getCancellableResource(expression: TSESTree.Node): Resource | null {
      const resource = getAcquiredResource(context, expression);
      return resource && CANCELLABLE_KINDS.has(resource.kind) ? resource : null;
    }

    /** Variables declared in the code (not implicit globals) and `this` of a class. */
    function isTrackedRoot(place: Place): boolean {
      return !('defs' in place.root) || place.root.defs.length > 0;
    }

    /**
     * The previous value may still be live: the assignment can run again while the
     * place holds it (a loop, or a callback/method that can run repeatedly, inside the
     * place's scope), or an earlier acquisition into the same place runs before it.
     * A timeout re-armed from its own callback replaces a handle that has fired.
     */
    function mayStillBeLive(assignment: TSESTree.AssignmentExpression, place: Place, resource: Resource, runsAgain: boolean): boolean {
      if (resource.kind === 'timer' && isRearmedTimeout(context, assignment)) return false;
      return runsAgain || getEarlierAcquisition(context, assignment, place, (value) => getCancellableResource(value) !== null) !== null;
    }

    /**
     * The old value does not matter: a short timeout (it has fired before the code can
     * run again), or a process, socket or server the code `unref()`s on purpose (a
     * detached daemon: nothing is meant to stop it).
     */
    function isLetGo(assignment: TSESTree.AssignmentExpression, place: Place, resource: Resource): boolean {
      if (resource.kind === 'timer') {
        const call = unwrapExpression(assignment.right);
        return resource.label === 'timeout' && call.type === AST_NODE_TYPES.CallExpression && isShortTimeout(call, minTimeoutMs);
      }
      return isUnrefed(context, place);
    }

    /**
     * Syntax only: something was assigned to the place before (an initialiser, a class
     * field before the constructor, an earlier assignment in the same activation): the
     * node that assigned it, or `null`.
     */
    function getEarlierValue(assignment: TSESTree.AssignmentExpression, place: Place): TSESTree.Node | null {
      const root = place.root;
      if ('defs' in root && place.path.length === 0) {
        const def = root.defs.find((d) => d.node.type === AST_NODE_TYPES.VariableDeclarator && !!d.node.init);
        if (def) return def.node;
      }
      if (!('defs' in root) && place.path.length === 1) {
        const fn = getEnclosingFunction(assignment);
        const inConstructor = fn?.parent?.type === AST_NODE_TYPES.MethodDefinition && fn.parent.kind === 'constructor';
        const initialised = root.body.body.find(
          (member) => member.type === AST_NODE_TYPES.PropertyDefinition && !!member.value && getClassMemberName(member) === place.path[0],
        );
        if (inConstructor && initialised) return initialised;
      }
      return getAssignmentsBefore(context, getActivation(context, assignment), assignment, place).at(-1) ?? null;
    }

    /** Where the place lives: the class of `this`, or the variable's scope. */
    function placeScope(place: Place): TSESTree.Node {
      return 'defs' in place.root ? place.root.scope.block : place.root;
    }

    /**
     * The activation releases the place first (itself or through a helper it calls),
     * proves it empty (`if (!x)`, `x == null`, `x ??= …`, `x = undefined` before), or
     * its callers release it; for a local that a callback reassigns, the code that owns
     * it releases it. In a loop, only a release inside the loop frees the previous
     * iteration's value.
     */
    function isReleasedOrGuarded(assignment: TSESTree.AssignmentExpression, place: Place): boolean {
      const activation = getActivation(context, assignment);
      const loop = getRepeatingLoop(context, assignment, { within: activation });
      if (releasesPlace(context, loop ? getLoopNode(loop) : activation, place)) return true;
      if (isGuardedEmpty(context, assignment, place, activation)) return true;
      if (isEmptiedBefore(context, assignment, place, activation)) return true;
      if (loop) return false;
      if (isReleasedByCallers(context, activation, place)) return true;
      // Armed on `pointerleave`, cleared on `pointerenter` of the same target: the events alternate.
      if (isFunction(activation) && getAlternatingListeners(context, activation).some((listener) => releasesPlace(context, listener, place))) {
        return true;
      }
      const root = place.root;
      return 'defs' in root && root.scope.block.type !== AST_NODE_TYPES.Program && releasesPlace(context, root.scope.block, place, { helperDepth: 0, nested: false });
    }

    /** `new AbortController().signal` or a destructuring without `abort`: nothing can abort it. */
    function checkDiscarded(node: TSESTree.NewExpression): void {
      const { node: outer, parent } = getValueParent(node);
      if (!parent) return;
      let discarded = false;
      if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === outer) {
        discarded = getMemberName(parent) === 'signal' && !isPlaceholderSignal(parent);
      } else if (
        (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === outer && parent.id.type === AST_NODE_TYPES.ObjectPattern) ||
        (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.right === outer && parent.left.type === AST_NODE_TYPES.ObjectPattern)
      ) {
        const pattern = (parent.type === AST_NODE_TYPES.VariableDeclarator ? parent.id : parent.left) as TSESTree.ObjectPattern;
        discarded = pattern.properties.every(
          (property) => property.type === AST_NODE_TYPES.Property && !property.computed && getPropertyName(property) !== 'abort',
        );
      }
      if (!discarded || !isAbortControllerConstruction(node)) return;
      // A placeholder where a signal is required stands for "no cancellation" (Go's
      // `context.Background()`): a leak only where a caller's signal was there to pass.
      if (parent.type === AST_NODE_TYPES.MemberExpression && info && isRequiredSignalSlot(info, parent)) {
        const callers = getSignalsInScope(context, node).filter((signal) => signal.source !== 'controller' && signal.source !== 'local');
        const belongs = callers.length > 0 ? possible('belongs', 'a signal is required here') : null;
        if (!belongs || !meetsEvidence({ links: [belongs] }, evidence)) return;
      }
      if (isAllowed(context, allow, { call: node })) return;
      // Lifting is not the remedy a bulk fix can apply: the controller still has to be aborted somewhere.
      reportLeak(context, { node, messageId: 'discardedController', remedies: [keepController(sourceCode, node)], autofix, noAutofix: true });
    }

    function isAbortControllerConstruction(node: TSESTree.NewExpression): boolean {
      if (info) return isAbortControllerType(info, typeOfNode(info, node));
      const callee = unwrapExpression(node.callee);
      return callee.type === AST_NODE_TYPES.Identifier && callee.name === 'AbortController' && isGlobalReference(context, callee);
    }

    /** `const c = new AbortController()` in a function that nothing aborts and nothing hands on. */
    function checkNeverAbortedController(declarator: TSESTree.VariableDeclarator): void {
      if (declarator.id.type !== AST_NODE_TYPES.Identifier || !declarator.init) return;
      const init = unwrapExpression(declarator.init);
      if (init.type !== AST_NODE_TYPES.NewExpression || !getEnclosingFunction(declarator)) return;
      const variable = resolveVariable(context, declarator.id);
      if (!variable || !isNeverAborted(context, variable, { onlyForSignal: true }) || !isAbortControllerConstruction(init)) return;
      if (isAllowed(context, allow, { call: init, value: declarator.id })) return;
      context.report({ node: declarator.id, messageId: 'neverAborted', data: { name: declarator.id.name } });
    }

    return {
      AssignmentExpression(node) {
        if (node.operator === '=') checkOverwrite(node);
      },
      NewExpression: checkDiscarded,
      ...(checkNeverAborted ? { VariableDeclarator: checkNeverAbortedController } : {}),
    };
  },
});

/** The words of an overwrite message for each kind: what the old one may still do, and what nothing does to it. */
function describeOverwrite(resource: Resource): { state: string; release: string } {
  switch (resource.kind) {
    case 'timer':
      return resource.label === 'interval' ? { state: 'run', release: 'clears' } : { state: 'fire', release: 'clears' };
    case 'abortController':
      return { state: 'be in use', release: 'aborts' };
    case 'subscription':
      return resource.release.type === 'method' && resource.release.name === 'unsubscribe'
        ? { state: 'deliver values', release: 'unsubscribes' }
        : { state: 'be active', release: 'disposes of' };
    default:
      return { state: 'be open', release: 'releases' };
  }
}
