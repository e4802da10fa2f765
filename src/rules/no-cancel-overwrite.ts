import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import * as ts from 'typescript';

import {
  getAcquiredResource,
  getCalledFunction,
  getClassMemberName,
  getContainingStatement,
  getEnclosingFunction,
  getMemberName,
  getPlace,
  getPropertyName,
  getReleasedExpression,
  getThisClass,
  getTimerCall,
  getTypeInfo,
  getValueParent,
  isAbortControllerType,
  isEscapingUse,
  isExportedVariable,
  isFunction,
  isGlobalReference,
  isInRepeatedPart,
  isInside,
  isLoopNode,
  isNullableType,
  isUnknownType,
  nonNullableParts,
  placeKey,
  releasesPlace,
  releaseText,
  resolveVariable,
  runsAtMostOnce,
  runsOncePerActivation,
  samePlace,
  tsNodeOf,
  typeOfNode,
  unwrapExpression,
  walk,
  type FunctionNode,
  type Place,
  type Resource,
  type ResourceKind,
} from '../analysis';
import { AUTOFIX_OPTION_SCHEMA, getUniqueName, insertStatementBefore, reportLeak, type Remedy } from '../fixes';
import { createRule } from '../util/create-rule';

type MessageIds = 'overwrite' | 'discardedController' | 'neverAborted' | 'releaseFirst' | 'keepController';
type Options = [{ checkNeverAborted?: boolean; autofix?: boolean }];

type Variable = TSESLint.Scope.Variable;
type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/** The kinds whose handle is the only way to cancel what they run (spec: cancellable kinds). */
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

const HELPER_DEPTH = 3;

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
          autofix: AUTOFIX_OPTION_SCHEMA,
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ checkNeverAborted: false, autofix: false }],
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
  defaultOptions: [{ checkNeverAborted: false, autofix: false }],
  create(context, [{ checkNeverAborted = false, autofix = false }]) {
    const sourceCode = context.sourceCode;
    const info = getTypeInfo(context);

    // ---------------------------------------------------------------- overwrite

    function checkOverwrite(assignment: TSESTree.AssignmentExpression): void {
      // Cheap syntactic filter: only a fresh acquisition can overwrite a live handle.
      const value = unwrapExpression(assignment.right);
      const acquired = value.type === AST_NODE_TYPES.AwaitExpression ? unwrapExpression(value.argument) : value;
      if (acquired.type !== AST_NODE_TYPES.CallExpression && acquired.type !== AST_NODE_TYPES.NewExpression) return;
      const target = unwrapExpression(assignment.left);
      if (target.type !== AST_NODE_TYPES.Identifier && target.type !== AST_NODE_TYPES.MemberExpression) return;

      const resource = getCancellableResource(assignment.right);
      if (!resource) return;
      const place = getPlace(context, target);
      if (!place || !isTrackedRoot(place) || isInheritedField(place)) return;
      // `a = this.t = setTimeout(…)`: the new value is handed on too; someone else may own the old one.
      if (isEscapingUse(context, assignment)) return;

      if (!mayStillBeLive(assignment, place, resource)) return;
      if (isReleasedOrGuarded(assignment, place)) return;
      if (isHandedOn(place)) return;

      const name = sourceCode.getText(target);
      const words = describeOverwrite(resource);
      const remedies: Remedy<MessageIds>[] = [];
      const release = getReleaseFixText(assignment, place, resource, name);
      if (release !== null) {
        const statement = assignment.parent as TSESTree.ExpressionStatement;
        remedies.push({
          messageId: 'releaseFirst',
          data: { label: resource.label, release },
          fix: (fixer) => insertStatementBefore(fixer, sourceCode, statement, release),
        });
      }
      reportLeak(context, {
        node: assignment.left,
        messageId: 'overwrite',
        data: { name, label: resource.label, ...words },
        remedies,
        autofix,
      });
    }

    function getCancellableResource(expression: TSESTree.Node): Resource | null {
      const resource = getAcquiredResource(context, expression);
      return resource && CANCELLABLE_KINDS.has(resource.kind) ? resource : null;
    }

    /**
     * `this.x` of a subclass that does not declare `x`: the base class (maybe in
     * another file) owns the field and may well release it. Stay quiet.
     */
    function isInheritedField(place: Place): boolean {
      if (isVariable(place.root) || !place.root.superClass || place.path.length === 0) return false;
      const name = place.path[0];
      return !place.root.body.body.some((member) => {
        if (member.type === AST_NODE_TYPES.PropertyDefinition || member.type === AST_NODE_TYPES.AccessorProperty) {
          return getClassMemberName(member) === name;
        }
        if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor') {
          return member.value.params.some(
            (param) =>
              param.type === AST_NODE_TYPES.TSParameterProperty &&
              param.parameter.type === AST_NODE_TYPES.Identifier &&
              param.parameter.name === name,
          );
        }
        return false;
      });
    }

    /** Variables declared in the code (not implicit globals) and `this` of a class. */
    function isTrackedRoot(place: Place): boolean {
      return !isVariable(place.root) || place.root.defs.length > 0;
    }

    /**
     * "May still be live": the assignment can run again while the previous value is
     * held (a loop, or a callback/method that can run repeatedly, between the place's
     * owner and the assignment), or an earlier acquisition into the same place runs
     * before it in the same activation.
     */
    function mayStillBeLive(assignment: TSESTree.AssignmentExpression, place: Place, resource: Resource): boolean {
      if (resource.kind === 'timer' && isRescheduledFromTimer(assignment)) return false;
      const owner = getOwnerNode(place);
      if (!owner) return false;
      if (runsRepeatedly(assignment, owner)) return true;
      if (hasInitialAcquisition(assignment, place)) return true;
      return hasEarlierAcquisition(assignment, place);
    }

    function getOwnerNode(place: Place): TSESTree.Node | null {
      if (!isVariable(place.root)) return place.root;
      return place.root.scope.block;
    }

    /** Whether a loop or a function that can run more than once lies between `owner` and `node`. */
    function runsRepeatedly(node: TSESTree.Node, owner: TSESTree.Node): boolean {
      let child: TSESTree.Node = node;
      for (let current = node.parent; current && current !== owner; child = current, current = current.parent) {
        if (isLoopNode(current) && isInRepeatedPart(child, current) && !runsAtMostOnce(current)) return true;
        if (isFunction(current) && !runsOnce(current)) return true;
      }
      return false;
    }


    function runsOnce(fn: FunctionNode): boolean {
      return runsOncePerActivation(context, fn, { onceMethods: ONCE_PER_LIFE_METHODS });
    }

    /**
     * A timeout re-armed from a timeout's own callback (`setTimeout(() => { …; this.t =
     * setTimeout(…) })`, or a method `poll` doing `this.t = setTimeout(() => this.poll())`):
     * the handle it replaces belongs to the timeout that just fired.
     */
    function isRescheduledFromTimer(assignment: TSESTree.AssignmentExpression): boolean {
      for (let fn = getEnclosingFunction(assignment); fn; fn = getEnclosingFunction(fn)) {
        const { node, parent } = getValueParent(fn);
        if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === node && getTimerCall(context, parent) === 'setTimeout') {
          return true;
        }
      }
      const call = unwrapExpression(assignment.right);
      if (call.type !== AST_NODE_TYPES.CallExpression || getTimerCall(context, call) !== 'setTimeout') return false;
      const callback = call.arguments[0];
      if (!callback) return false;
      // `function attempt() { … t = setTimeout(() => attempt(n + 1)) … }`, also from a callback inside it.
      for (let fn = getEnclosingFunction(assignment); fn; fn = getEnclosingFunction(fn)) {
        if (callsFunction(callback, fn)) return true;
      }
      return false;
    }

    /** Whether `callback` is, binds or calls the function `fn` (by its variable or its method name). */
    function callsFunction(callback: TSESTree.Node, fn: FunctionNode): boolean {
      let found = false;
      walk(callback, (node) => {
        if (found) return false;
        const target = unwrapExpression(node);
        if (target.type === AST_NODE_TYPES.Identifier || target.type === AST_NODE_TYPES.MemberExpression) {
          if (getCalledFunction(context, target) === fn) found = true;
        }
        return true;
      });
      return found;
    }

    /** `let x = setInterval(…)` / a class field `t = setInterval(…)` before an assignment in the constructor. */
    function hasInitialAcquisition(assignment: TSESTree.AssignmentExpression, place: Place): boolean {
      if (isVariable(place.root)) {
        if (place.path.length > 0) return false;
        return place.root.defs.some(
          (def) =>
            def.node.type === AST_NODE_TYPES.VariableDeclarator &&
            !!def.node.init &&
            def.node.init.range[1] <= assignment.range[0] &&
            getCancellableResource(def.node.init) !== null,
        );
      }
      if (place.path.length !== 1) return false;
      const fn = getEnclosingFunction(assignment);
      if (fn?.parent?.type !== AST_NODE_TYPES.MethodDefinition || fn.parent.kind !== 'constructor') return false;
      return place.root.body.body.some(
        (member) =>
          member.type === AST_NODE_TYPES.PropertyDefinition &&
          !member.static &&
          getClassMemberName(member) === place.path[0] &&
          !!member.value &&
          getCancellableResource(member.value) !== null,
      );
    }

    /** An acquisition into the same place earlier in the same function, on the way to this one. */
    function hasEarlierAcquisition(assignment: TSESTree.AssignmentExpression, place: Place): boolean {
      const region = getActivation(assignment);
      let found = false;
      walk(region, (node) => {
        if (found || node.range[0] >= assignment.range[0]) return false;
        if (
          node.type === AST_NODE_TYPES.AssignmentExpression &&
          node.operator === '=' &&
          node.range[1] <= assignment.range[0] &&
          getActivation(node) === region &&
          samePlace(getPlace(context, node.left), place) &&
          getCancellableResource(node.right) !== null &&
          isOnTheWay(node, assignment)
        ) {
          found = true;
        }
        return true;
      });
      return found;
    }

    /**
     * Whether `earlier` can run before `later` in one pass: not in the other branch of
     * an `if`/`?:`/`switch`/`try`, and not followed by an exit (`return`, `throw`...)
     * in its own block.
     */
    function isOnTheWay(earlier: TSESTree.Node, later: TSESTree.Node): boolean {
      const ancestors = new Set<TSESTree.Node>();
      for (let node: TSESTree.Node | undefined = later; node; node = node.parent) ancestors.add(node);
      let child: TSESTree.Node = earlier;
      let current = earlier.parent;
      for (; current && !ancestors.has(current); child = current, current = current.parent) {
        if (isFunction(current)) return false;
        if (followedByExit(child, current)) return false;
      }
      if (!current) return false;
      switch (current.type) {
        case AST_NODE_TYPES.IfStatement:
        case AST_NODE_TYPES.ConditionalExpression:
        case AST_NODE_TYPES.SwitchStatement:
        case AST_NODE_TYPES.TryStatement:
          return false;
        default:
          break;
      }
      // In the common statement list: an exit between the two ends the way.
      const list = statementList(current);
      if (list) {
        const from = list.indexOf(child as TSESTree.Statement);
        const to = list.findIndex((statement) => isInside(later, statement));
        if (from >= 0 && list.slice(from + 1, Math.max(to, from + 1)).some(isExit)) return false;
      }
      return true;
    }

    function followedByExit(child: TSESTree.Node, parent: TSESTree.Node): boolean {
      const list = statementList(parent);
      if (!list) return false;
      const index = list.indexOf(child as TSESTree.Statement);
      return index >= 0 && list.slice(index + 1).some(isExit);
    }

    // ------------------------------------------------- releases, guards, hand-offs

    /**
     * The function around the assignment releases the place (directly, or through a
     * helper it calls: a method of the same class or a local function), proves it
     * empty (`if (!x)`, `x == null`, `x || (x = …)`, `x = undefined` before), or the
     * assignment runs from a timeout's callback.
     */
    function isReleasedOrGuarded(assignment: TSESTree.AssignmentExpression, place: Place): boolean {
      const region = getActivation(assignment);
      const loop = getRepeatingLoop(assignment, region);
      // In a loop, only a release inside the loop frees the previous iteration's value.
      if (releasesPlace(context, loop ?? region, place, { helperDepth: HELPER_DEPTH })) return true;
      if (isGuardedEmpty(assignment, place, region)) return true;
      if (isClearedBefore(assignment, place, region)) return true;
      if (loop) return false;
      return isReleasedByCaller(region, place) || isReleasedByOwner(place);
    }

    /**
     * The function whose run the assignment belongs to: the enclosing function,
     * seen through callbacks that run once, inline (a promise executor, an IIFE,
     * `then`): a release or guard around `new Promise(r => { t = setTimeout(r) })` counts.
     */
    function getActivation(node: TSESTree.Node): TSESTree.Node {
      let fn = getEnclosingFunction(node);
      while (fn && isInlineOnce(fn)) fn = getEnclosingFunction(fn);
      return fn ?? sourceCode.ast;
    }

    function isInlineOnce(fn: FunctionNode): boolean {
      const parent = fn.parent;
      return (
        parent?.type !== AST_NODE_TYPES.MethodDefinition &&
        parent?.type !== AST_NODE_TYPES.PropertyDefinition &&
        fn.type !== AST_NODE_TYPES.FunctionDeclaration &&
        runsOnce(fn)
      );
    }

    /**
     * The function that assigns is only called from places that release the
     * place first (`function reset() { clearTimeout(t); start(); }`), possibly
     * through callers of callers: the author releases at the call sites.
     */
    function isReleasedByCaller(region: TSESTree.Node, place: Place, depth = 0, seen = new Set<TSESTree.Node>()): boolean {
      if (depth >= HELPER_DEPTH || !isFunction(region) || seen.has(region)) return false;
      seen.add(region);
      for (const call of getCallSites(region)) {
        for (let fn = getEnclosingFunction(call); fn; fn = getEnclosingFunction(fn)) {
          if (releasesPlace(context, fn, place, { helperDepth: 0 })) return true;
          if (isReleasedByCaller(fn, place, depth + 1, seen)) return true;
        }
      }
      return false;
    }

    /** Calls of a local function or of a method of the class, by name (`start()`, `this.start()`). */
    function getCallSites(fn: FunctionNode): TSESTree.CallExpression[] {
      const calls: TSESTree.CallExpression[] = [];
      const owner = fn.parent?.type === AST_NODE_TYPES.MethodDefinition || fn.parent?.type === AST_NODE_TYPES.PropertyDefinition
        ? fn.parent.parent.parent
        : sourceCode.ast;
      walk(owner, (node) => {
        if (node.type === AST_NODE_TYPES.CallExpression && getCalledFunction(context, node.callee) === fn) calls.push(node);
        return true;
      });
      return calls;
    }

    /**
     * A local variable that a callback reassigns, released by the code that owns it
     * (`let t; try { await wait(() => new Promise(r => { t = setTimeout(r) })) } finally { clearTimeout(t) }`).
     */
    function isReleasedByOwner(place: Place): boolean {
      if (!isVariable(place.root) || place.root.scope.block.type === AST_NODE_TYPES.Program) return false;
      const owner = place.root.scope.block;
      let found = false;
      walk(owner, (node) => {
        if (found || (node !== owner && isFunction(node))) return false;
        if (node.type === AST_NODE_TYPES.CallExpression) {
          const released = getReleasedExpression(context, node);
          if (released && samePlace(getPlace(context, released), place)) found = true;
        }
        return true;
      });
      return found;
    }

    /** The innermost loop around `node`, inside `region`, that repeats it. */
    function getRepeatingLoop(node: TSESTree.Node, region: TSESTree.Node): TSESTree.Node | null {
      let child: TSESTree.Node = node;
      for (let current = node.parent; current && current !== region; child = current, current = current.parent) {
        if (isLoopNode(current) && isInRepeatedPart(child, current) && !runsAtMostOnce(current)) return current;
      }
      return null;
    }



    /** A guard on the way from the function start that proves the place empty at the assignment. */
    function isGuardedEmpty(assignment: TSESTree.AssignmentExpression, place: Place, region: TSESTree.Node): boolean {
      let child: TSESTree.Node = assignment;
      for (let current: TSESTree.Node | undefined = assignment.parent; current && child !== region; child = current, current = current.parent) {
        switch (current.type) {
          case AST_NODE_TYPES.IfStatement:
          case AST_NODE_TYPES.ConditionalExpression:
            if (child === current.consequent && impliesEmpty(current.test, place, true)) return true;
            if (child === current.alternate && impliesEmpty(current.test, place, false)) return true;
            break;
          case AST_NODE_TYPES.LogicalExpression:
            if (child !== current.right) break;
            if (current.operator === '&&' && impliesEmpty(current.left, place, true)) return true;
            if (current.operator === '||' && impliesEmpty(current.left, place, false)) return true;
            if (current.operator === '??' && samePlace(getPlace(context, current.left), place)) return true;
            break;
          default: {
            const list = statementList(current);
            if (!list) break;
            const index = list.indexOf(child as TSESTree.Statement);
            for (const statement of list.slice(0, Math.max(index, 0))) {
              if (
                statement.type === AST_NODE_TYPES.IfStatement &&
                !statement.alternate &&
                isExit(statement.consequent) &&
                impliesEmpty(statement.test, place, false)
              ) {
                return true;
              }
            }
          }
        }
      }
      return false;
    }

    /** Whether `test` having the value `whenTrue` proves the place empty (`!x`, `x == null`, `typeof x === 'undefined'`). */
    function impliesEmpty(test: TSESTree.Node, place: Place, whenTrue: boolean): boolean {
      const node = unwrapExpression(test);
      if (samePlace(getPlace(context, node), place)) return !whenTrue;
      // `if (this.controller.signal.aborted)`: the old controller is spent.
      if (whenTrue && isAbortedCheck(node, place)) return true;
      switch (node.type) {
        case AST_NODE_TYPES.UnaryExpression:
          return node.operator === '!' && impliesEmpty(node.argument, place, !whenTrue);
        case AST_NODE_TYPES.LogicalExpression:
          if (node.operator === '&&' && whenTrue) return impliesEmpty(node.left, place, true) || impliesEmpty(node.right, place, true);
          if (node.operator === '||' && !whenTrue) return impliesEmpty(node.left, place, false) || impliesEmpty(node.right, place, false);
          return false;
        case AST_NODE_TYPES.BinaryExpression: {
          const equality = node.operator === '==' || node.operator === '===';
          if (!equality && node.operator !== '!=' && node.operator !== '!==') return false;
          const sides: [TSESTree.Node, TSESTree.Node][] = [
            [node.left, node.right],
            [node.right, node.left],
          ];
          const matches = sides.some(([subject, other]) => {
            const inner = unwrapExpression(subject);
            if (inner.type === AST_NODE_TYPES.UnaryExpression && inner.operator === 'typeof') {
              return samePlace(getPlace(context, inner.argument), place) && isStringLiteral(other, 'undefined');
            }
            return samePlace(getPlace(context, inner), place) && isNullish(other);
          });
          return matches && (equality ? whenTrue : !whenTrue);
        }
        default:
          return false;
      }
    }

    function isAbortedCheck(node: TSESTree.Node, place: Place): boolean {
      if (node.type !== AST_NODE_TYPES.MemberExpression || getMemberName(node) !== 'aborted') return false;
      const signal = unwrapExpression(node.object);
      return (
        signal.type === AST_NODE_TYPES.MemberExpression &&
        getMemberName(signal) === 'signal' &&
        samePlace(getPlace(context, signal.object), place)
      );
    }

    /** `x = undefined` / `x = null` (or `delete this.x`) earlier in the same function: the old value is gone. */
    function isClearedBefore(assignment: TSESTree.AssignmentExpression, place: Place, region: TSESTree.Node): boolean {
      let found = false;
      walk(region, (node) => {
        if (found || node.range[0] >= assignment.range[0]) return false;
        if (
          node.type === AST_NODE_TYPES.AssignmentExpression &&
          node.operator === '=' &&
          isNullish(node.right) &&
          samePlace(getPlace(context, node.left), place)
        ) {
          found = true;
        }
        if (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === 'delete' && samePlace(getPlace(context, node.argument), place)) {
          found = true;
        }
        return true;
      });
      return found;
    }

    const handedOnCache = new Map<string, boolean>();

    /**
     * The old value may be owned by someone else: a read of the place escapes anywhere
     * (`const prev = this.controller`, `list.push(this.sub)`, `return this.timer`), or
     * the same member is released or handed on through another object (`clearTimeout(q.timer)`).
     */
    function isHandedOn(place: Place): boolean {
      const key = placeKey(place);
      let result = handedOnCache.get(key);
      if (result === undefined) {
        result = computeHandedOn(place);
        handedOnCache.set(key, result);
      }
      return result;
    }

    function computeHandedOn(place: Place): boolean {
      if (isVariable(place.root) && place.path.length === 0) {
        if (isExportedVariable(place.root)) return true;
        return place.root.references.some((reference) => reference.isRead() && isEscapingUse(context, reference.identifier));
      }
      const owner = getOwnerNode(place)!;
      let escapes = false;
      walk(owner, (node) => {
        if (escapes) return false;
        if (node.type === AST_NODE_TYPES.MemberExpression && samePlace(getPlace(context, node), place)) {
          if (!isPlainWrite(node) && isEscapingUse(context, node)) escapes = true;
          return false;
        }
        if (destructuresPlace(node, place)) escapes = true;
        return true;
      });
      if (escapes) return true;
      if (!isVariable(place.root) && place.path.length === 1) return isMemberUsedElsewhere(place.root, place.path[0]!);
      return false;
    }

    /** `const { timer } = this`: the value is copied out. */
    function destructuresPlace(node: TSESTree.Node, place: Place): boolean {
      let pattern: TSESTree.Node | null = null;
      let source: TSESTree.Node | null = null;
      if (node.type === AST_NODE_TYPES.VariableDeclarator && node.init) [pattern, source] = [node.id, node.init];
      else if (node.type === AST_NODE_TYPES.AssignmentExpression) [pattern, source] = [node.left, node.right];
      if (pattern?.type !== AST_NODE_TYPES.ObjectPattern || !source) return false;
      const base = getPlace(context, source);
      if (!base || base.root !== place.root || base.path.length !== place.path.length - 1) return false;
      if (!base.path.every((segment, i) => segment === place.path[i])) return false;
      return pattern.properties.some(
        (property) =>
          property.type === AST_NODE_TYPES.RestElement ||
          getPropertyName(property) === place.path.at(-1),
      );
    }

    let membersByName: Map<string, TSESTree.MemberExpression[]> | null = null;

    /** `clearTimeout(other.timer)`, `keep(q.timer)` for a member of this class's name, outside `this` of the class. */
    function isMemberUsedElsewhere(cls: ClassNode, name: string): boolean {
      if (!membersByName) {
        const index = new Map<string, TSESTree.MemberExpression[]>();
        walk(sourceCode.ast, (node) => {
          if (node.type === AST_NODE_TYPES.MemberExpression) {
            const key = getMemberName(node);
            if (key !== null) index.set(key, [...(index.get(key) ?? []), node]);
          }
          return true;
        });
        membersByName = index;
      }
      return (membersByName.get(name) ?? []).some((member) => {
        const place = getPlace(context, member);
        if (place && place.root === cls) return false;
        if (isPlainWrite(member)) return false;
        if (!isReleaseTarget(member) && !isEscapingUse(context, member)) return false;
        return mayBeInstanceOf(member.object, cls);
      });
    }

    /**
     * Whether an object may be an instance of `cls` (or it of the object's class):
     * by type when there is type information (unknown and structural types may),
     * else anything but `this` of an unrelated class without `extends`.
     */
    function mayBeInstanceOf(object: TSESTree.Node, cls: ClassNode): boolean {
      const target = unwrapExpression(object);
      if (!info) {
        if (target.type !== AST_NODE_TYPES.ThisExpression) return true;
        const other = getThisClass(target);
        return !other || !!other.superClass || !!cls.superClass;
      }
      const classSymbol = (tsNodeOf(info, cls) as ts.ClassLikeDeclaration & { symbol?: ts.Symbol }).symbol;
      const type = typeOfNode(info, target);
      if (!classSymbol || isUnknownType(type)) return true;
      return nonNullableParts(type).some((thisOrPart) => {
        // `this` is a type parameter constrained by its class.
        const part = thisOrPart.isTypeParameter() ? info.checker.getApparentType(thisOrPart) : thisOrPart;
        const symbol = part.getSymbol();
        if (!symbol || !(symbol.flags & ts.SymbolFlags.Class)) return true;
        const declared = (of: ts.Symbol) => info.checker.getDeclaredTypeOfSymbol(of);
        return symbol === classSymbol || derivesFrom(declared(symbol), classSymbol) || derivesFrom(declared(classSymbol), symbol);
      });
    }

    function derivesFrom(type: ts.Type, base: ts.Symbol, depth = 0): boolean {
      if (depth > 8 || !info || !type.isClassOrInterface()) return false;
      return (info.checker.getBaseTypes(type) ?? []).some((b) => b.getSymbol() === base || derivesFrom(b, base, depth + 1));
    }

    function isReleaseTarget(node: TSESTree.Node): boolean {
      const { node: outer, parent } = getValueParent(node);
      let call: TSESTree.Node | undefined = parent;
      if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === outer) call = getValueParent(parent).parent;
      if (call?.type !== AST_NODE_TYPES.CallExpression) return false;
      const released = getReleasedExpression(context, call);
      return !!released && unwrapExpression(released) === node;
    }

    function isPlainWrite(node: TSESTree.Node): boolean {
      const { node: outer, parent } = getValueParent(node);
      return parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === outer;
    }

    // ---------------------------------------------------------------- fix text

    /**
     * The release statement to insert before the assignment, or `null` when no safe
     * fix exists: the assignment is not a statement of its own, the release must be
     * awaited outside an async function, or the variable may be unassigned there.
     */
    function getReleaseFixText(
      assignment: TSESTree.AssignmentExpression,
      place: Place,
      resource: Resource,
      name: string,
    ): string | null {
      const statement = assignment.parent;
      if (statement?.type !== AST_NODE_TYPES.ExpressionStatement || getContainingStatement(assignment) !== statement) return null;
      const fn = getEnclosingFunction(assignment);
      if (resource.release.type === 'method' && resource.release.async && !fn?.async) return null;
      const nullable = info ? isNullableType(typeOfNode(info, assignment.left)) : true;
      if (isVariable(place.root) && place.path.length === 0 && !nullable) {
        // `let t: Timeout; … t = setTimeout()` in the same function: reading `t` first would not compile.
        const declaredWithoutValue = place.root.defs.some(
          (def) => def.node.type === AST_NODE_TYPES.VariableDeclarator && !def.node.init && getEnclosingFunction(def.node) === fn,
        );
        if (declaredWithoutValue) return null;
      }
      return releaseText(resource, name, { optional: nullable });
    }

    // ------------------------------------------------------ discarded controller

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
          (property) =>
            property.type === AST_NODE_TYPES.Property && !property.computed && getPropertyName(property) !== 'abort',
        );
      }
      if (!discarded || !isAbortControllerConstruction(node)) return;

      const remedies: Remedy<MessageIds>[] = [];
      const statement = getLiftTarget(node);
      if (statement) {
        const name = getUniqueName(sourceCode, 'controller');
        remedies.push({
          messageId: 'keepController',
          data: { name },
          fix: (fixer) => [
            insertStatementBefore(fixer, sourceCode, statement, `const ${name} = ${sourceCode.getText(node)}`),
            fixer.replaceText(node, name),
          ],
        });
      }
      // Lifting is not the remedy a bulk fix can apply: the controller still has to be aborted somewhere.
      reportLeak(context, { node, messageId: 'discardedController', remedies, autofix, noAutofix: true });
    }

    function isAbortControllerConstruction(node: TSESTree.NewExpression): boolean {
      if (info) return isAbortControllerType(info, typeOfNode(info, node));
      const callee = unwrapExpression(node.callee);
      return callee.type === AST_NODE_TYPES.Identifier && callee.name === 'AbortController' && isGlobalReference(context, callee);
    }

    /**
     * A never-aborting signal on purpose: the fallback of `??`/`||`/`?:`
     * (`opts.signal ?? new AbortController().signal`), a default value
     * (`signal = new AbortController().signal`), or only inspected (`.aborted`).
     */
    function isPlaceholderSignal(member: TSESTree.MemberExpression): boolean {
      const { node, parent } = getValueParent(member);
      if (!parent) return false;
      switch (parent.type) {
        case AST_NODE_TYPES.LogicalExpression:
          return parent.right === node && (parent.operator === '??' || parent.operator === '||');
        case AST_NODE_TYPES.ConditionalExpression:
          return parent.test !== node;
        case AST_NODE_TYPES.AssignmentPattern:
          return parent.right === node;
        case AST_NODE_TYPES.MemberExpression:
          return parent.object === node;
        default:
          return false;
      }
    }

    /** The statement before which the controller can be declared without changing how often it is created. */
    function getLiftTarget(node: TSESTree.Node): TSESTree.Statement | null {
      const statement = getContainingStatement(node);
      if (!statement) return null;
      for (let current: TSESTree.Node | undefined = node.parent; current; current = current.parent) {
        if (isLoopNode(current) || current.type === AST_NODE_TYPES.ClassBody) return null;
        if (current === statement) break;
      }
      return statement;
    }

    // ------------------------------------------------------------ never aborted

    function checkNeverAbortedController(declarator: TSESTree.VariableDeclarator): void {
      if (declarator.id.type !== AST_NODE_TYPES.Identifier || !declarator.init) return;
      const init = unwrapExpression(declarator.init);
      if (init.type !== AST_NODE_TYPES.NewExpression) return;
      if (!getEnclosingFunction(declarator)) return;
      const variable = resolveVariable(context, declarator.id);
      if (!variable || isExportedVariable(variable)) return;
      if (!isAbortControllerConstruction(init)) return;
      const onlySignalReads = variable.references.every((reference) => {
        if (reference.init) return true;
        if (reference.isWrite()) return false;
        const { node, parent } = getValueParent(reference.identifier);
        return parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === node && getMemberName(parent) === 'signal';
      });
      if (!onlySignalReads) return;
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

function isVariable(root: Place['root']): root is Variable {
  return 'defs' in root;
}

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


function statementList(node: TSESTree.Node): readonly TSESTree.Statement[] | null {
  switch (node.type) {
    case AST_NODE_TYPES.BlockStatement:
    case AST_NODE_TYPES.StaticBlock:
      return node.body;
    case AST_NODE_TYPES.Program:
      return node.body as TSESTree.Statement[];
    case AST_NODE_TYPES.SwitchCase:
      return node.consequent;
    default:
      return null;
  }
}

/** `return`/`throw`/`break`/`continue`, or a block that ends in one. */
function isExit(statement: TSESTree.Statement): boolean {
  switch (statement.type) {
    case AST_NODE_TYPES.ReturnStatement:
    case AST_NODE_TYPES.ThrowStatement:
    case AST_NODE_TYPES.BreakStatement:
    case AST_NODE_TYPES.ContinueStatement:
      return true;
    case AST_NODE_TYPES.BlockStatement: {
      const last = statement.body.at(-1);
      return !!last && isExit(last);
    }
    default:
      return false;
  }
}

function isNullish(node: TSESTree.Node): boolean {
  const value = unwrapExpression(node);
  return (
    (value.type === AST_NODE_TYPES.Literal && value.value === null && !('regex' in value)) ||
    (value.type === AST_NODE_TYPES.Identifier && value.name === 'undefined') ||
    (value.type === AST_NODE_TYPES.UnaryExpression && value.operator === 'void')
  );
}

function isStringLiteral(node: TSESTree.Node, value: string): boolean {
  return node.type === AST_NODE_TYPES.Literal && node.value === value;
}
