import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import {
  ALLOW_OPTION_SCHEMA,
  getAcquiredResource,
  getAcquisition,
  getActivation,
  getAlternatingListeners,
  getAssignmentsBefore,
  getClassMemberName,
  getEnclosingFunction,
  getLoopNode,
  getMemberName,
  getPlace,
  getPropertyName,
  getReleasedAfterLoop,
  getRepeatingLoop,
  getTypeInfo,
  getValueParent,
  isAbortControllerType,
  isAllowed,
  isEmptiedBefore,
  isEscapingUse,
  isFunction,
  isGlobalReference,
  isGuardedByCompanion,
  isGuardedEmpty,
  isInheritedMember,
  isNeverAborted,
  isOnTheWay,
  isPlaceholderSignal,
  isPlaceHandedOn,
  isRearmedTimeout,
  isReleasedByCallers,
  isShortTimeout,
  isUnrefed,
  releasesPlace,
  resolveVariable,
  runsRepeatedly,
  typeOfNode,
  unwrapExpression,
  type AllowList,
  type Place,
  type Resource,
  type ResourceKind,
} from '../../analysis';
import { AUTOFIX_OPTION_SCHEMA, reportLeak } from '../../fixes';
import { createRule } from '../../util/create-rule';
import { keepController, releaseFirst, type RemedyIds } from './remedies';

type MessageIds = 'overwrite' | 'discardedController' | 'neverAborted' | RemedyIds;
type Options = [{ checkNeverAborted?: boolean; minTimeoutMs?: number; allow?: AllowList; autofix?: boolean }];

const DEFAULTS = { checkNeverAborted: false, minTimeoutMs: 0, allow: [] as AllowList, autofix: false };

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
          allow: ALLOW_OPTION_SCHEMA,
          autofix: AUTOFIX_OPTION_SCHEMA,
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [DEFAULTS],
    messages: {
      overwrite: '`{{name}}` is overwritten while the previous {{label}} may still be {{state}}: {{action}} first or {{cost}}.',
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
    const { checkNeverAborted, minTimeoutMs, allow, autofix } = { ...DEFAULTS, ...options };
    const sourceCode = context.sourceCode;
    const info = getTypeInfo(context);

    /** `x = acquire()` while the previous value of `x` may still be live and nothing releases it first. */
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
      const runsAgain = runsRepeatedly(context, assignment, placeScope(place), { onceMethods: ONCE_PER_LIFE_METHODS });
      if (!runsAgain && !mayHoldEarlierValue(assignment, place)) return;
      if (isReleasedOrGuarded(assignment, place) || isPlaceHandedOn(context, place)) return;
      const resource = getCancellableResource(acquired);
      if (!resource || !mayStillBeLive(assignment, place, resource, runsAgain) || isLetGo(assignment, place, resource)) return;
      // A per-iteration resource released after the loop is no-loop-finally-leak's (docs, "Precedence").
      if (getReleasedAfterLoop(context, assignment)) return;
      if (isAllowed(context, allow, { call: acquired, value: assignment.left })) return;

      const name = sourceCode.getText(target);
      reportLeak(context, {
        node: assignment.left,
        messageId: 'overwrite',
        data: { name, label: resource.label, ...describeOverwrite(resource) },
        remedies: [releaseFirst(context, assignment, place, resource, name)],
        autofix,
      });
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
      return runsAgain || hasInitialAcquisition(assignment, place) || hasEarlierAcquisition(assignment, place);
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

    /** Syntax only: something was assigned to the place before (an initialiser, a field, an earlier assignment). */
    function mayHoldEarlierValue(assignment: TSESTree.AssignmentExpression, place: Place): boolean {
      const root = place.root;
      if ('defs' in root && place.path.length === 0 && root.defs.some((def) => def.node.type === AST_NODE_TYPES.VariableDeclarator && !!def.node.init)) {
        return true;
      }
      if (!('defs' in root) && place.path.length === 1) {
        const fn = getEnclosingFunction(assignment);
        const inConstructor = fn?.parent?.type === AST_NODE_TYPES.MethodDefinition && fn.parent.kind === 'constructor';
        const initialised = root.body.body.some(
          (member) => member.type === AST_NODE_TYPES.PropertyDefinition && !!member.value && getClassMemberName(member) === place.path[0],
        );
        if (inConstructor && initialised) return true;
      }
      return getAssignmentsBefore(context, getActivation(context, assignment), assignment, place).length > 0;
    }

    /** Where the place lives: the class of `this`, or the variable's scope. */
    function placeScope(place: Place): TSESTree.Node {
      return 'defs' in place.root ? place.root.scope.block : place.root;
    }

    /** `let x = setInterval(…)` / a class field `t = setInterval(…)` before an assignment in the constructor. */
    function hasInitialAcquisition(assignment: TSESTree.AssignmentExpression, place: Place): boolean {
      const root = place.root;
      if ('defs' in root) {
        return (
          place.path.length === 0 &&
          root.defs.some(
            (def) =>
              def.node.type === AST_NODE_TYPES.VariableDeclarator &&
              !!def.node.init &&
              def.node.init.range[1] <= assignment.range[0] &&
              getCancellableResource(def.node.init) !== null,
          )
        );
      }
      const fn = getEnclosingFunction(assignment);
      if (place.path.length !== 1 || fn?.parent?.type !== AST_NODE_TYPES.MethodDefinition || fn.parent.kind !== 'constructor') return false;
      return root.body.body.some(
        (member) =>
          member.type === AST_NODE_TYPES.PropertyDefinition &&
          !member.static &&
          getClassMemberName(member) === place.path[0] &&
          !!member.value &&
          getCancellableResource(member.value) !== null,
      );
    }

    /** An acquisition into the same place earlier in the same activation, on the way to this one. */
    function hasEarlierAcquisition(assignment: TSESTree.AssignmentExpression, place: Place): boolean {
      const activation = getActivation(context, assignment);
      return getAssignmentsBefore(context, activation, assignment, place).some(
        (earlier) =>
          getActivation(context, earlier) === activation && getCancellableResource(getAcquisition(context, earlier.right) ?? earlier.right) !== null && isOnTheWay(earlier, assignment),
      );
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
      if (isGuardedByCompanion(context, assignment, place, activation)) return true;
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
      if (!discarded || !isAbortControllerConstruction(node) || isAllowed(context, allow, { call: node })) return;
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

/** The words of an overwrite message for each kind: what the old one is doing, what to do, what it costs. */
function describeOverwrite(resource: Resource): { state: string; action: string; cost: string } {
  switch (resource.kind) {
    case 'timer':
      return resource.label === 'interval'
        ? { state: 'running', action: 'clear it', cost: 'the old callback keeps running forever' }
        : { state: 'pending', action: 'clear it', cost: 'the old callback still runs' };
    case 'abortController':
      return { state: 'in use', action: 'abort it', cost: 'the work it controls can never be cancelled' };
    case 'subscription':
      return resource.release.type === 'method' && resource.release.name === 'unsubscribe'
        ? { state: 'active', action: 'unsubscribe it', cost: 'it keeps delivering values and holding memory' }
        : { state: 'active', action: 'dispose of it', cost: 'it is never released' };
    default:
      return { state: 'open', action: 'release it', cost: 'it is never released' };
  }
}
