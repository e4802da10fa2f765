import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../../analysis/syntax/node-types';

import {
  getMethodCall,
  getStaticPropertyName,
  getValueParent,
  isInside,
  unwrapExpression,
  walk,
} from '../../analysis/syntax/ast';
import { isGlobalReference, resolveVariable } from '../../analysis/syntax/references';
import { EVIDENCE_OPTION_SCHEMA, type Evidence } from '../../analysis/syntax/evidence';
import { getTypeInfo, tsNodeOf, typeOfNode } from '../../analysis/types/type-info';
import { isHostDeclarationFile, nonNullableParts } from '../../analysis/types/types';
import { getAcquiredResource, getResourceOfType } from '../../analysis/resources/resources';
import {
  getListenerFunction,
  getListenerRegistration,
  getListenerRemoval,
  listenerRemovesItself,
  removesRegistration,
} from '../../analysis/resources/listeners';
import { isCollectingUse, isEscapingUse, isExportedVariable } from '../../analysis/resources/escape';
import { ALLOW_OPTION_SCHEMA, isAllowed, type AllowList } from '../../analysis/resources/allow';
import { getRepeatingLoop } from '../../analysis/lifetimes/activations';
import { getLoopNode, isDeclaredInLoop, isSameInEveryIteration, type Loop } from '../../analysis/lifetimes/loops';
import { getReleasedAfterLoop, iterationWaitsFor } from '../../analysis/lifetimes/loop-leaks';
import { AUTOFIX_OPTION_SCHEMA, reportLeak } from '../../fixes';
import { createRule } from '../../util/create-rule';
import { acquisitionRemedies, listenerRemedies, shareController, usingInsteadOfStack, type RemedyIds } from './remedies';

type Options = [{ checkIterationCallbacks?: boolean; evidence?: Evidence; allow?: AllowList; autofix?: boolean }];
type MessageIds = 'releasedAfterLoop' | 'workOutlivesIteration' | 'deferredInLoop' | 'listenerInLoop' | RemedyIds;
type Variable = TSESLint.Scope.Variable;

/** `checkIterationCallbacks` follows `evidence` unless set: a callback runs per element, but nothing shows there are several. */
const DEFAULTS = { evidence: 'proven' as Evidence, allow: [] as AllowList, autofix: false };

const STACK_METHODS: ReadonlySet<string> = new Set(['use', 'adopt', 'defer']);
const STACK_TYPES: ReadonlySet<string> = new Set(['DisposableStack', 'AsyncDisposableStack']);
const LISTENER_METHODS: ReadonlySet<string> = new Set(['addEventListener', 'on', 'once', 'addListener', 'prependListener', 'prependOnceListener']);

/** Release method/function → [past participle for the release, for the acquisition]. */
const VERBS: Record<string, readonly [string, string]> = {
  clearTimeout: ['cleared', 'started'],
  clearInterval: ['cleared', 'started'],
  abort: ['aborted', 'created'],
  close: ['closed', 'opened'],
  destroy: ['destroyed', 'created'],
  unsubscribe: ['unsubscribed', 'created'],
  dispose: ['disposed', 'acquired'],
  asyncDispose: ['disposed', 'acquired'],
};

export default createRule<Options, MessageIds>({
  name: 'no-loop-finally-leak',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow resources acquired in every loop iteration but released only after the loop',
      recommended: true,
      requiresTypeChecking: true,
    },
    fixable: 'code',
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        properties: {
          checkIterationCallbacks: {
            type: 'boolean',
            description: 'Also treat callbacks of `forEach`/`map`/`flatMap`/`reduce` on arrays as loops. Defaults to `evidence: "possible"`.',
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
      releasedAfterLoop:
        '{{resource}} is {{acquired}} in every iteration but only {{released}} after the loop: only the last one is {{released}}, the earlier ones leak.',
      workOutlivesIteration:
        '{{resource}} is {{acquired}} in every iteration but only {{released}} after the loop: only the last one is {{released}}, the earlier ones leak. The iteration does not wait for the work it starts, so releasing it in the iteration would stop that work at once: decide when that work should stop, and release every one then (keep them all, or share one).',
      deferredInLoop:
        "'{{stack}}.{{method}}()' in a loop: every iteration's {{what}} is only released when '{{stack}}' is disposed after the loop, so they pile up while the loop runs.",
      listenerInLoop:
        "A listener for '{{event}}' is added to '{{target}}' in every iteration and not removed in that iteration: {{cost}}.",
      moveReleaseIntoLoop: 'Release it in a per-iteration try/finally inside the loop.',
      usingInLoop: "Declare it with '{{keyword}}' inside the loop.",
      usingInsteadOfStack: "Use a per-iteration '{{keyword}}' declaration instead of '{{stack}}.use()'.",
      removeListenerInFinally: "Remove the listener in the iteration's finally.",
      perIterationSignal: "Pass { signal } from a per-iteration AbortController aborted in the iteration's finally.",
      shareController: 'Create one AbortController before the loop for the work of every iteration, so that the abort after the loop stops all of it.',
    },
  },
  defaultOptions: [DEFAULTS],
  create(context, [options]) {
    const { evidence, allow, autofix } = { ...DEFAULTS, ...options };
    const iterationCallbacks = options.checkIterationCallbacks ?? evidence === 'possible';
    const sourceCode = context.sourceCode;

    /**
     * `x = acquire()` in every iteration, released only after the loop: every iteration
     * but the last leaks. The per-iteration release fits only an iteration that waits
     * for the work it releases; for fire-and-forget work it would stop the work at once.
     */
    function checkAcquisition(node: TSESTree.AssignmentExpression): void {
      const leak = getReleasedAfterLoop(context, node, { iterationCallbacks });
      if (!leak || isAllowed(context, allow, { call: node.right, value: node.left })) return;
      const [released, acquired] = VERBS[releaseName(leak.releases[0]!)] ?? ['released', 'acquired'];
      const data = { resource: withArticle(leak.resource.label), acquired, released };
      const rest = getRestOfBlock(node);
      if (rest.length > 0 && !iterationWaitsFor(context, leak, rest)) {
        reportLeak(context, { node, messageId: 'workOutlivesIteration', data, remedies: [shareController(sourceCode, node, leak)], autofix, noAutofix: true });
        return;
      }
      reportLeak(context, { node, messageId: 'releasedAfterLoop', data, remedies: acquisitionRemedies(context, node, leak), autofix });
    }

    /** `stack.use(x)` / `adopt` / `defer` in every iteration on a stack disposed after the loop. */
    function checkStackCall(node: TSESTree.CallExpression, method: string, stack: TSESTree.Identifier): void {
      const loop = getRepeatingLoop(context, node, { iterationCallbacks });
      if (!loop) return;
      const variable = resolveVariable(context, stack);
      if (!variable || variable.defs.length === 0 || isDeclaredInLoop(variable, loop)) return;
      const stackKind = getStackKind(stack, variable);
      if (!stackKind) return;
      const loopNode = getLoopNode(loop);
      for (const reference of variable.references) {
        if (!reference.isRead()) continue;
        const id = reference.identifier;
        const { node: value, parent } = getValueParent(id);
        if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === value) {
          const name = parent.computed ? null : getStaticPropertyName(parent);
          if (name === 'move') return; // the stack is handed on after the loop
          if ((name === 'dispose' || name === 'disposeAsync') && isInside(id, loopNode)) return;
        } else if (isEscapingUse(context, id)) {
          return; // returned or stored: the resources must live together
        }
      }
      if (isExportedVariable(variable)) return;
      if ((method !== 'defer' && isCollectingUse(context, node)) || isAllowed(context, allow, { call: node, value: node.arguments[0] })) return;
      reportLeak(context, {
        node,
        messageId: 'deferredInLoop',
        data: { stack: stack.name, method, what: method === 'defer' ? 'cleanup callback' : describeValue(node.arguments[0]) },
        remedies: method === 'use' ? [usingInsteadOfStack(sourceCode, node, stack, stackKind)] : [],
        autofix,
      });
    }

    /** What a value handed to `stack.use/adopt` is, for the message: "file handle", "disposable"... */
    function describeValue(argument: TSESTree.CallExpressionArgument | undefined): string {
      if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) return 'resource';
      const acquired = getAcquiredResource(context, argument);
      if (acquired) return acquired.label;
      const info = getTypeInfo(context);
      if (!info) return 'resource';
      const value = unwrapExpression(argument);
      const type =
        value.type === AST_NODE_TYPES.AwaitExpression
          ? (info.checker.getAwaitedType(typeOfNode(info, value)) ?? typeOfNode(info, value))
          : typeOfNode(info, value);
      return getResourceOfType(context, info, type, tsNodeOf(info, value), { acquired: true })?.label ?? 'resource';
    }

    /** A host `DisposableStack`/`AsyncDisposableStack` (by type; by its `new` initialiser without types). */
    function getStackKind(stack: TSESTree.Identifier, variable: Variable): string | null {
      const info = getTypeInfo(context);
      if (info) {
        const names = nonNullableParts(typeOfNode(info, stack)).map((part) => {
          const symbol = part.getSymbol();
          return symbol && STACK_TYPES.has(symbol.getName()) && symbol.getDeclarations()?.some((d) => isHostDeclarationFile(info, d.getSourceFile()))
            ? symbol.getName()
            : null;
        });
        return names.length > 0 && names.every((n) => n !== null && n === names[0]) ? names[0]! : null;
      }
      const def = variable.defs[0];
      if (variable.defs.length !== 1 || def?.type !== 'Variable' || def.parent.kind === 'let' || def.parent.kind === 'var') return null;
      const init = def.node.init && unwrapExpression(def.node.init);
      return init?.type === AST_NODE_TYPES.NewExpression &&
        init.callee.type === AST_NODE_TYPES.Identifier &&
        STACK_TYPES.has(init.callee.name) &&
        isGlobalReference(context, init.callee)
        ? init.callee.name
        : null;
    }

    /** A listener added to a long-lived target in every iteration and not removed in it: they pile up. */
    function checkListener(node: TSESTree.CallExpression): void {
      const loop = getRepeatingLoop(context, node, { iterationCallbacks, throughExecutors: true });
      if (!loop) return;
      const registration = getListenerRegistration(context, node);
      if (!registration || registration.once === null || registration.signal === undefined) return;
      const onSignal = registration.targetKind === 'abortSignal';
      if (registration.once && !onSignal) return;
      if (!isSameInEveryIteration(context, registration.target, loop)) return;
      // The same function object in every iteration: an EventTarget ignores it when it
      // is already registered (same type, callback and capture), an emitter adds it again.
      const fresh = !registration.listener || !isSameInEveryIteration(context, registration.listener, loop);
      if (registration.targetKind !== 'emitter' && !fresh) return;
      // One listener per item of a collection is setup, not a pile-up (except on a
      // signal, which only lets them go when it aborts).
      if (!onSignal && fresh && isCollectionLoop(loop)) return;
      if (registration.signal && !isSameInEveryIteration(context, registration.signal, loop)) return; // per-iteration { signal }
      if (!onSignal && listenerRemovesItself(context, registration)) return;
      // A signal listener that removes itself only goes when the signal aborts: like `once`.
      const selfListener = onSignal && registration.listener ? getListenerFunction(context, registration.listener) : null;
      let removed = false;
      walk(getLoopNode(loop), (inner) => {
        if (removed || inner === selfListener) return false;
        if (inner.type === AST_NODE_TYPES.CallExpression) {
          const removal = getListenerRemoval(context, inner);
          if (removal && removesRegistration(context, registration, removal)) removed = true;
        }
        return !removed;
      });
      if (removed) return;
      if (isAllowed(context, allow, { call: node, value: registration.target })) return;
      const event = registration.eventName ?? (registration.event ? sourceCode.getText(registration.event) : 'event');
      const cost = onSignal
        ? `they pile up on the signal until it aborts${registration.once ? ' ({ once: true } does not help: it only removes the listener when the signal aborts)' : ''}, which triggers MaxListenersExceededWarning and keeps every closure alive`
        : registration.targetKind === 'emitter'
          ? 'they pile up on the emitter (MaxListenersExceededWarning), each one keeps its closure alive and runs on every event'
          : 'they pile up on the target, each one keeps its closure alive and runs on every event';
      reportLeak(context, {
        node,
        messageId: 'listenerInLoop',
        data: { event, target: sourceCode.getText(registration.target), cost },
        remedies: listenerRemedies(context, registration, loop),
        autofix,
      });
    }

    return {
      AssignmentExpression: checkAcquisition,
      CallExpression(node) {
        const callee = unwrapExpression(node.callee);
        if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || callee.property.type !== AST_NODE_TYPES.Identifier) return;
        const method = callee.property.name;
        if (STACK_METHODS.has(method)) {
          const object = unwrapExpression(callee.object);
          if (object.type === AST_NODE_TYPES.Identifier) checkStackCall(node, method, object);
        } else if (LISTENER_METHODS.has(method)) {
          checkListener(node);
        }
      },
    };
  },
});

/** The statements after the one `node` is the expression of, in its block (none when it is not a statement of a block). */
function getRestOfBlock(node: TSESTree.Node): TSESTree.Statement[] {
  const statement = node.parent;
  if (statement?.type !== AST_NODE_TYPES.ExpressionStatement || statement.parent.type !== AST_NODE_TYPES.BlockStatement) return [];
  const body = statement.parent.body;
  return body.slice(body.indexOf(statement) + 1);
}

/** The name a release is made by: `x.close()` → `close`, `clearInterval(x)` → `clearInterval`. */
function releaseName(call: TSESTree.CallExpression): string {
  const method = getMethodCall(call);
  if (method) return method.method;
  const callee = unwrapExpression(call.callee);
  return callee.type === AST_NODE_TYPES.Identifier ? callee.name : 'clearTimeout';
}

/** A loop over a collection's items: `for…of` (not `for await`), `for…in`, an array callback. */
function isCollectionLoop(loop: Loop): boolean {
  return (
    loop.type === 'IterationCallback' ||
    loop.type === AST_NODE_TYPES.ForInStatement ||
    (loop.type === AST_NODE_TYPES.ForOfStatement && !loop.await)
  );
}

/** "file handle" → "A file handle", "interval" → "An interval". */
function withArticle(label: string): string {
  return `${/^[aeiou]/i.test(label) ? 'An' : 'A'} ${label}`;
}
