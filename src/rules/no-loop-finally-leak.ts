import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import {
  getAcquiredResource,
  getEnclosingFunction,
  getEnclosingLoop,
  getListenerRegistration,
  getListenerRemoval,
  getListenerFunction,
  getLoopBody,
  getLoopNode,
  getMethodCall,
  getPlace,
  getReleasedExpression,
  getResourceOfType,
  getTypeInfo,
  getValueParent,
  isEscapingUse,
  isExportedVariable,
  isFunction,
  isGlobalReference,
  isHostDeclarationFile,
  isInside,
  isLoopNode,
  listenerRemovesItself,
  nonNullableParts,
  objectKey,
  removalMethodFor,
  removesRegistration,
  resolveVariable,
  runsAtMostOnce,
  tsNodeOf,
  typeOfNode,
  unwrapExpression,
  walk,
  type ListenerCall,
  type Loop,
  type Resource,
} from '../analysis';
import { AUTOFIX_OPTION_SCHEMA, getFileStyle, getIndent, getIndentUnit, getUniqueName, reportLeak, type Remedy } from '../fixes';
import { createRule } from '../util/create-rule';

type Options = [{ checkIterationCallbacks?: boolean; autofix?: boolean }];
type MessageIds =
  | 'releasedAfterLoop'
  | 'deferredInLoop'
  | 'listenerInLoop'
  | 'moveReleaseIntoLoop'
  | 'usingInLoop'
  | 'usingInsteadOfStack'
  | 'removeListenerInFinally'
  | 'perIterationSignal';
type Variable = TSESLint.Scope.Variable;
type Fixer = TSESLint.RuleFixer;
type Fix = TSESLint.RuleFix;

const STACK_METHODS: ReadonlySet<string> = new Set(['use', 'adopt', 'defer']);
const STACK_TYPES: ReadonlySet<string> = new Set(['DisposableStack', 'AsyncDisposableStack']);
const LISTENER_METHODS: ReadonlySet<string> = new Set(['addEventListener', 'on', 'once', 'addListener', 'prependListener', 'prependOnceListener']);
/** Methods through which a value is put into a collection ("collected on purpose"). */
const COLLECTING_METHODS: ReadonlySet<string> = new Set(['push', 'unshift', 'add', 'set', 'splice', 'concat', 'fill']);

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
            description: 'Also treat callbacks of `forEach`/`map`/`flatMap`/`reduce` on arrays as loops.',
          },
          autofix: AUTOFIX_OPTION_SCHEMA,
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ checkIterationCallbacks: false, autofix: false }],
    messages: {
      releasedAfterLoop:
        '{{resource}} is {{acquired}} in every iteration but only {{released}} after the loop: only the last one is {{released}}, the earlier ones leak.',
      deferredInLoop:
        "'{{stack}}.{{method}}()' in a loop: every iteration's {{what}} is only released when '{{stack}}' is disposed after the loop, so they pile up while the loop runs.",
      listenerInLoop:
        "A listener for '{{event}}' is added to '{{target}}' in every iteration and not removed in that iteration: {{cost}}.",
      moveReleaseIntoLoop: 'Release it in a per-iteration try/finally inside the loop.',
      usingInLoop: "Declare it with '{{keyword}}' inside the loop.",
      usingInsteadOfStack: "Use a per-iteration '{{keyword}}' declaration instead of '{{stack}}.use()'.",
      removeListenerInFinally: "Remove the listener in the iteration's finally.",
      perIterationSignal: "Pass { signal } from a per-iteration AbortController aborted in the iteration's finally.",
    },
  },
  defaultOptions: [{ checkIterationCallbacks: false, autofix: false }],
  create(context, [options]) {
    const iterationCallbacks = options.checkIterationCallbacks ?? false;
    const autofix = options.autofix ?? false;
    const sourceCode = context.sourceCode;

    /** The loop that repeats `node`, unless it runs at most once or `node` is followed by a loop exit. */
    function repeatingLoop(node: TSESTree.Node, throughPromiseExecutor = false): Loop | null {
      let loop = getEnclosingLoop(context, node, { iterationCallbacks });
      if (!loop && throughPromiseExecutor) {
        const executorCall = getPromiseExecutorCall(context, node);
        if (executorCall) loop = getEnclosingLoop(context, executorCall, { iterationCallbacks });
      }
      if (!loop || runsAtMostOnce(loop) || exitsLoopAfter(node, loop)) return null;
      return loop;
    }

    // ---------------------------------------------------------------- released after the loop

    function checkAcquisition(node: TSESTree.AssignmentExpression): void {
      if (node.operator !== '=' || node.left.type !== AST_NODE_TYPES.Identifier) return;
      const right = unwrapExpression(node.right);
      const call = right.type === AST_NODE_TYPES.AwaitExpression ? unwrapExpression(right.argument) : right;
      if (call.type !== AST_NODE_TYPES.CallExpression && call.type !== AST_NODE_TYPES.NewExpression) return;
      const loop = repeatingLoop(node);
      if (!loop) return;
      const variable = resolveVariable(context, node.left);
      if (!variable || variable.defs.length === 0 || isDeclaredInLoop(variable, loop) || isExported(variable)) return;
      const loopNode = getLoopNode(loop);
      if (loop.type !== 'IterationCallback' && loop.type !== AST_NODE_TYPES.ForInStatement && loop.type !== AST_NODE_TYPES.ForOfStatement) {
        // `while (!conn) conn = await connect()`: the loop stops once it has one.
        const test = loop.test;
        if (test && referencesVariable(test, variable)) return;
      }
      const releases: TSESTree.CallExpression[] = [];
      for (const reference of variable.references) {
        if (!reference.isRead()) continue;
        const release = getReleaseCall(reference.identifier as TSESTree.Identifier);
        if (release) {
          if (isInside(release, loopNode)) return; // released in the iteration (or before re-acquiring)
          releases.push(release);
        } else if (isCollectingUse(reference.identifier)) {
          return; // collected on purpose
        }
      }
      if (!releases.some((release) => runsAfterLoop(release, loopNode)) || isCollectingUse(node)) return;
      const resource = getAcquiredResource(context, node.right);
      if (!resource) return;
      // A controller only matters while its work runs: when the iteration awaits the
      // work it gave the signal to, there is nothing left to abort by the next one
      // (`current = new AbortController(); await poll(current.signal)` with a `stop()`
      // that aborts `current` is correct code).
      if (resource.kind === 'abortController' && variable.references.some((r) => isInside(r.identifier, loopNode) && isAwaitedUse(r.identifier))) {
        return;
      }
      const releaseName = getReleaseName(releases[0]!);
      const [released, acquired] = VERBS[releaseName] ?? ['released', 'acquired'];
      reportLeak(context, {
        node,
        messageId: 'releasedAfterLoop',
        data: { resource: withArticle(resource.label), acquired, released },
        remedies: acquisitionRemedies(node, loop, variable, resource, releases),
        autofix,
      });
    }

    /**
     * Can this release (outside the loop) run after the loop? Code after it, a
     * function called later, or code before it inside a loop around both. A release
     * before the loop in straight-line code cannot release what the loop acquires.
     */
    function runsAfterLoop(release: TSESTree.Node, loopNode: TSESTree.Node): boolean {
      if (release.range[0] > loopNode.range[1]) return true;
      const fn = getEnclosingFunction(loopNode);
      if (getEnclosingFunction(release) !== fn) return true;
      for (let current = loopNode.parent; current && current !== fn; current = current.parent) {
        if (isLoopNode(current) && isInside(release, current)) return true;
      }
      return false;
    }

    /** Whether a use sits in an awaited expression (`await fetch(u, { signal: ac.signal })`, `for await (… of f(ac.signal))`). */
    function isAwaitedUse(use: TSESTree.Node): boolean {
      for (let child = use, current = use.parent; current; child = current, current = current.parent) {
        if (current.type === AST_NODE_TYPES.AwaitExpression) return true;
        if (current.type === AST_NODE_TYPES.ForOfStatement) return current.await && current.right === child;
        if (isFunction(current) || current.type.endsWith('Statement') || current.type === AST_NODE_TYPES.VariableDeclaration) return false;
      }
      return false;
    }

    function getReleaseCall(identifier: TSESTree.Identifier): TSESTree.CallExpression | null {
      let { node, parent } = getValueParent(identifier);
      // `x.close()`: the release call's callee holds the identifier.
      if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === node) {
        ({ node, parent } = getValueParent(parent));
        if (parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === node) {
          const released = getReleasedExpression(context, parent);
          return released && unwrapExpression(released) === identifier ? parent : null;
        }
        return null;
      }
      if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === node) {
        const released = getReleasedExpression(context, parent);
        return released && unwrapExpression(released) === identifier ? parent : null;
      }
      return null;
    }

    function getReleaseName(call: TSESTree.CallExpression): string {
      const method = getMethodCall(call);
      if (method) return method.method;
      const callee = unwrapExpression(call.callee);
      return callee.type === AST_NODE_TYPES.Identifier ? callee.name : 'clearTimeout';
    }

    /**
     * Is this use of a value the code collecting it on purpose? Returned, yielded,
     * stored in a field, an array, an object, a `Map`/`Set` (`push`, `set`, `add`...),
     * given to a constructor, exported. Passing it to an ordinary function only
     * uses it: the code still owns it (it releases the last one itself).
     */
    function isCollectingUse(use: TSESTree.Node, depth = 0): boolean {
      const { node, parent } = getValueParent(use);
      if (!parent || depth > 3) return false;
      switch (parent.type) {
        case AST_NODE_TYPES.CallExpression: {
          if (!parent.arguments.includes(node as TSESTree.CallExpressionArgument)) return false;
          const method = getMethodCall(parent);
          return !!method && COLLECTING_METHODS.has(method.method) && getReleasedExpression(context, parent) !== node;
        }
        case AST_NODE_TYPES.AwaitExpression:
        case AST_NODE_TYPES.ConditionalExpression:
        case AST_NODE_TYPES.LogicalExpression:
        case AST_NODE_TYPES.SequenceExpression:
          if (parent.type === AST_NODE_TYPES.ConditionalExpression && parent.test === node) return false;
          if (parent.type === AST_NODE_TYPES.SequenceExpression && parent.expressions.at(-1) !== node) return false;
          return isCollectingUse(parent, depth + 1);
        case AST_NODE_TYPES.VariableDeclarator:
          if (parent.init !== node) return false;
          if (parent.id.type !== AST_NODE_TYPES.Identifier) return true;
          return variableIsCollected(parent.id, depth);
        case AST_NODE_TYPES.AssignmentExpression:
          if (parent.right !== node) return false;
          if (unwrapExpression(parent.left).type !== AST_NODE_TYPES.Identifier) return true;
          return variableIsCollected(unwrapExpression(parent.left) as TSESTree.Identifier, depth) || isCollectingUse(parent, depth + 1);
        default:
          return isEscapingUse(context, use);
      }
    }

    function variableIsCollected(identifier: TSESTree.Identifier, depth: number): boolean {
      const variable = resolveVariable(context, identifier);
      if (!variable) return true;
      if (isExported(variable)) return true;
      return variable.references.some((reference) => reference.isRead() && isCollectingUse(reference.identifier, depth + 1));
    }

    function acquisitionRemedies(
      node: TSESTree.AssignmentExpression,
      loop: Loop,
      variable: Variable,
      resource: Resource,
      releases: TSESTree.CallExpression[],
    ): Remedy<MessageIds>[] {
      const remedies: Remedy<MessageIds>[] = [];
      const statement = node.parent;
      const body = getLoopBody(loop);
      if (statement.type !== AST_NODE_TYPES.ExpressionStatement || statement.parent !== body || body.type !== AST_NODE_TYPES.BlockStatement) {
        return remedies;
      }
      const rest = body.body.slice(body.body.indexOf(statement) + 1);
      if (rest.length === 0) return remedies;
      const fn = getEnclosingFunction(statement);
      // A plain variable that holds nothing before the loop (else its first value needs the outer release).
      const def = variable.defs[0];
      if (variable.defs.length !== 1 || def?.type !== 'Variable') return remedies;
      const init = def.node.init && unwrapExpression(def.node.init);
      if (init && !(init.type === AST_NODE_TYPES.Identifier && init.name === 'undefined')) return remedies;
      // Every outer release must be a whole statement we can take away.
      const releaseStatements = releases.map((release) => getReleaseStatement(release, variable));
      if (releaseStatements.some((s) => !s || getEnclosingFunction(s) !== fn)) return remedies;
      const removals = [...new Set(releaseStatements as TSESTree.Statement[])];
      if (removals.some((s) => hasCommentsAround(s))) return remedies;
      // The variable is only used by this iteration's code after the acquisition.
      const restStart = rest[0]!.range[0];
      const restEnd = rest.at(-1)!.range[1];
      for (const reference of variable.references) {
        const id = reference.identifier;
        if (id === node.left) continue;
        if (removals.some((r) => isInside(id, r))) continue;
        if (reference.init) continue;
        if (reference.isWrite() || id.range[0] < restStart || id.range[1] > restEnd || getEnclosingFunction(id) !== fn) return remedies;
      }
      const wrap = buildFinallyEdit(rest, { text: sourceCode.getText(removals[0]!), indent: getIndent(sourceCode, removals[0]!) });
      if (wrap) {
        remedies.push({
          messageId: 'moveReleaseIntoLoop',
          fix: (fixer) => [...wrap(fixer), ...removals.map((r) => removeStatement(fixer, r))],
        });
      }
      if (resource.kind === 'disposable') {
        const declaration = getRemovableDeclaration(variable);
        const keyword = resource.release.type === 'method' && resource.release.async ? 'await using' : 'using';
        if (declaration && getEnclosingFunction(declaration) === fn && (keyword === 'using' || canAwait(statement))) {
          const { semi } = getFileStyle(sourceCode);
          const text = `${keyword} ${variable.name} = ${sourceCode.getText(node.right)}${semi}`;
          remedies.push({
            messageId: 'usingInLoop',
            data: { keyword },
            fix: (fixer) => [
              fixer.replaceText(statement, text),
              removeStatement(fixer, declaration),
              ...removals.map((r) => removeStatement(fixer, r)),
            ],
          });
        }
      }
      return remedies;
    }

    /** `x.close();`, `await x?.close();`, `clearInterval(x);`, `if (x) x.close();` as a whole statement in a block. */
    function getReleaseStatement(release: TSESTree.CallExpression, variable: Variable): TSESTree.Statement | null {
      let node: TSESTree.Node = release;
      while (
        node.parent &&
        (node.parent.type === AST_NODE_TYPES.ChainExpression ||
          node.parent.type === AST_NODE_TYPES.AwaitExpression ||
          node.parent.type === AST_NODE_TYPES.TSNonNullExpression)
      ) {
        node = node.parent;
      }
      const statement = node.parent;
      if (statement?.type !== AST_NODE_TYPES.ExpressionStatement) return null;
      let candidate: TSESTree.Statement = statement;
      let parent = statement.parent;
      if (parent.type === AST_NODE_TYPES.BlockStatement && parent.body.length === 1 && parent.parent.type === AST_NODE_TYPES.IfStatement) {
        candidate = parent;
        parent = parent.parent;
      }
      if (parent.type === AST_NODE_TYPES.IfStatement) {
        if (parent.consequent !== candidate || parent.alternate || !isVariableTest(parent.test, variable)) return null;
        candidate = parent;
        parent = parent.parent;
      }
      return parent.type === AST_NODE_TYPES.BlockStatement || parent.type === AST_NODE_TYPES.Program ? candidate : null;
    }

    /** `x`, `!!x`, `x != null`, `x !== undefined`... */
    function isVariableTest(test: TSESTree.Expression, variable: Variable): boolean {
      const node = unwrapExpression(test);
      if (node.type === AST_NODE_TYPES.Identifier) return resolveVariable(context, node) === variable;
      if (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === '!' ) {
        const inner = unwrapExpression(node.argument);
        return inner.type === AST_NODE_TYPES.UnaryExpression && inner.operator === '!' && isVariableTest(inner.argument, variable);
      }
      if (node.type === AST_NODE_TYPES.BinaryExpression && (node.operator === '!=' || node.operator === '!==')) {
        const [a, b] = [unwrapExpression(node.left), unwrapExpression(node.right)];
        const isNullish = (n: TSESTree.Node) =>
          (n.type === AST_NODE_TYPES.Literal && n.value === null) || (n.type === AST_NODE_TYPES.Identifier && n.name === 'undefined');
        return (a.type === AST_NODE_TYPES.Identifier && resolveVariable(context, a) === variable && isNullish(b)) ||
          (b.type === AST_NODE_TYPES.Identifier && resolveVariable(context, b) === variable && isNullish(a));
      }
      return false;
    }

    /** `let x;` / `let x: T | undefined;` / `let x = undefined;` alone in its statement, in a block. */
    function getRemovableDeclaration(variable: Variable): TSESTree.VariableDeclaration | null {
      if (variable.defs.length !== 1) return null;
      const def = variable.defs[0]!;
      if (def.type !== 'Variable') return null;
      const declaration = def.parent;
      if (declaration.kind !== 'let' || declaration.declarations.length !== 1) return null;
      const init = def.node.init;
      if (init && !(init.type === AST_NODE_TYPES.Identifier && init.name === 'undefined')) return null;
      if (declaration.parent.type !== AST_NODE_TYPES.BlockStatement && declaration.parent.type !== AST_NODE_TYPES.Program) return null;
      return hasCommentsAround(declaration) ? null : declaration;
    }

    // ---------------------------------------------------------------- deferred in loop

    function checkStackCall(node: TSESTree.CallExpression, method: string, stack: TSESTree.Identifier): void {
      const loop = repeatingLoop(node);
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
          const name = parent.property.type === AST_NODE_TYPES.Identifier && !parent.computed ? parent.property.name : null;
          if (name === 'move') return; // the stack is handed on after the loop
          if ((name === 'dispose' || name === 'disposeAsync') && isInside(id, loopNode)) return;
        } else if (isEscapingUse(context, id)) {
          return; // returned or stored: the resources must live together
        }
      }
      if (isExported(variable)) return;
      if (method !== 'defer' && isCollectingUse(node)) return;
      const remedies: Remedy<MessageIds>[] = [];
      if (method === 'use') {
        const keyword = stackKind === 'AsyncDisposableStack' ? 'await using' : 'using';
        const declarator = node.parent;
        const argument = node.arguments[0];
        if (
          argument &&
          node.arguments.length === 1 &&
          argument.type !== AST_NODE_TYPES.SpreadElement &&
          declarator.type === AST_NODE_TYPES.VariableDeclarator &&
          declarator.init === node &&
          declarator.id.type === AST_NODE_TYPES.Identifier &&
          declarator.parent.kind === 'const' &&
          declarator.parent.declarations.length === 1 &&
          declarator.parent.parent.type === AST_NODE_TYPES.BlockStatement &&
          (keyword === 'using' || canAwait(declarator.parent))
        ) {
          const declaration = declarator.parent;
          const text = `${keyword} ${sourceCode.getText(declarator.id)} = ${sourceCode.getText(argument)}`;
          remedies.push({
            messageId: 'usingInsteadOfStack',
            data: { keyword, stack: stack.name },
            fix: (fixer) => fixer.replaceTextRange([declaration.range[0], declarator.range[1]], text),
          });
        }
      }
      reportLeak(context, {
        node,
        messageId: 'deferredInLoop',
        data: { stack: stack.name, method, what: method === 'defer' ? 'cleanup callback' : describeValue(node.arguments[0]) },
        remedies,
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
      const type = value.type === AST_NODE_TYPES.AwaitExpression
        ? info.checker.getAwaitedType(typeOfNode(info, value)) ?? typeOfNode(info, value)
        : typeOfNode(info, value);
      return getResourceOfType(context, info, type, tsNodeOf(info, value), { acquired: true })?.label ?? 'resource';
    }

    /** A host `DisposableStack`/`AsyncDisposableStack` (by type; by its `new` initialiser without types). */
    function getStackKind(stack: TSESTree.Identifier, variable: Variable): string | null {
      const info = getTypeInfo(context);
      if (info) {
        const parts = nonNullableParts(typeOfNode(info, stack));
        const names = parts.map((part) => {
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
      if (
        init?.type === AST_NODE_TYPES.NewExpression &&
        init.callee.type === AST_NODE_TYPES.Identifier &&
        STACK_TYPES.has(init.callee.name) &&
        isGlobalReference(context, init.callee)
      ) {
        return init.callee.name;
      }
      return null;
    }

    // ---------------------------------------------------------------- listener in loop

    function checkListener(node: TSESTree.CallExpression): void {
      const loop = repeatingLoop(node, true);
      if (!loop) return;
      const registration = getListenerRegistration(context, node);
      if (!registration || registration.once === null || registration.signal === undefined) return;
      const onSignal = registration.targetKind === 'abortSignal';
      if (registration.once && !onSignal) return;
      if (!isLongLived(registration.target, loop)) return;
      // The same function object in every iteration: an EventTarget ignores it when it
      // is already registered (same type, callback and capture), an emitter adds it again.
      const fresh = !registration.listener || !isOuterValue(registration.listener, loop);
      if (registration.targetKind !== 'emitter' && !fresh) return;
      // `for (const el of elements) window.addEventListener('resize', () => layout(el))`:
      // one listener per item is setup, not a pile-up (except on a signal, which only
      // lets them go when it aborts).
      if (!onSignal && fresh && isCollectionLoop(loop)) return;
      if (registration.signal && !isOuterValue(registration.signal, loop)) return; // per-iteration { signal }
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
        remedies: listenerRemedies(registration, loop),
        autofix,
      });
    }

    /** The target is the same object in every iteration: declared outside the loop and not reassigned in it. */
    function isLongLived(target: TSESTree.Expression, loop: Loop): boolean {
      if (objectKey(context, target) === null) return false;
      return isOuterValue(target, loop);
    }

    /**
     * Is an expression's value the same in every iteration: a place or global path
     * whose root is declared outside the loop and that is not assigned in it?
     * Calls, `new` and anything else are per-iteration (or unknown): `false`.
     */
    function isOuterValue(expression: TSESTree.Node, loop: Loop): boolean {
      const key = objectKey(context, expression);
      if (key === null) return false;
      const loopNode = getLoopNode(loop);
      const place = getPlace(context, expression);
      if (place && 'references' in place.root && isDeclaredInLoop(place.root, loop)) return false;
      // Any assignment in the loop to the value or to an object on its path.
      const keys = new Set<string>();
      for (let current = unwrapExpression(expression); ; ) {
        const k = objectKey(context, current);
        if (k) keys.add(k);
        if (current.type !== AST_NODE_TYPES.MemberExpression) break;
        current = unwrapExpression(current.object);
      }
      let assigned = false;
      walk(loopNode, (inner) => {
        if (assigned) return false;
        if (inner.type === AST_NODE_TYPES.AssignmentExpression) {
          const k = objectKey(context, inner.left);
          if (k && keys.has(k)) assigned = true;
        }
        return !assigned;
      });
      return !assigned;
    }

    function listenerRemedies(registration: ListenerCall, loop: Loop): Remedy<MessageIds>[] {
      const remedies: Remedy<MessageIds>[] = [];
      const chain = registration.call.parent.type === AST_NODE_TYPES.ChainExpression ? registration.call.parent : registration.call;
      const statement = chain.parent;
      const body = getLoopBody(loop);
      if (statement.type !== AST_NODE_TYPES.ExpressionStatement || statement.parent !== body || body.type !== AST_NODE_TYPES.BlockStatement) {
        return remedies;
      }
      const rest = body.body.slice(body.body.indexOf(statement) + 1);
      if (rest.length === 0 || !registration.event || !isStableText(registration.event)) return remedies;
      const callee = unwrapExpression(registration.call.callee) as TSESTree.MemberExpression;
      const target = `${sourceCode.getText(registration.target)}${callee.optional ? '?' : ''}`;
      if (registration.listener && isStableText(registration.listener) && registration.capture !== null) {
        const args = [sourceCode.getText(registration.event), sourceCode.getText(registration.listener)];
        if (registration.capture) args.push('true');
        const finallyEdit = buildFinallyEdit(rest, `${target}.${removalMethodFor(registration)}(${args.join(', ')})`);
        if (finallyEdit) remedies.push({ messageId: 'removeListenerInFinally', fix: finallyEdit });
      }
      if (registration.method === 'addEventListener' && !registration.signal) {
        const name = getUniqueName(sourceCode, 'listeners');
        const options = registration.options ? unwrapExpression(registration.options) : null;
        const finallyEdit = buildFinallyEdit(rest, `${name}.abort()`);
        const { semi } = getFileStyle(sourceCode);
        let optionsEdit: ((fixer: Fixer) => Fix) | null = null;
        if (!options) {
          const last = registration.call.arguments.at(-1)!;
          optionsEdit = (fixer) => fixer.insertTextAfter(last, `, { signal: ${name}.signal }`);
        } else if (options.type === AST_NODE_TYPES.Literal && options.value === true) {
          optionsEdit = (fixer) => fixer.replaceText(options, `{ capture: true, signal: ${name}.signal }`);
        } else if (options.type === AST_NODE_TYPES.Literal && options.value === false) {
          optionsEdit = (fixer) => fixer.replaceText(options, `{ signal: ${name}.signal }`);
        } else if (options.type === AST_NODE_TYPES.ObjectExpression) {
          const last = options.properties.at(-1);
          optionsEdit = last
            ? (fixer) => {
                const after = sourceCode.getTokenAfter(last)!;
                return after.value === ','
                  ? fixer.insertTextAfter(after, ` signal: ${name}.signal,`)
                  : fixer.insertTextAfter(last, `, signal: ${name}.signal`);
              }
            : (fixer) => fixer.replaceText(options, `{ signal: ${name}.signal }`);
        }
        // Without semicolons, a statement starting with `(`/`[`/a template would continue the inserted one.
        const unsafeStart = semi === '' && /^[([`+\-/]/.test(sourceCode.getText(statement));
        if (finallyEdit && optionsEdit && !unsafeStart) {
          const edit = optionsEdit;
          const indent = getIndent(sourceCode, statement);
          remedies.push({
            messageId: 'perIterationSignal',
            fix: (fixer) => [
              fixer.insertTextBefore(statement, `const ${name} = new AbortController()${semi}${isOnOwnLine(statement) ? `\n${indent}` : ' '}`),
              edit(fixer),
              ...finallyEdit(fixer),
            ],
          });
        }
      }
      return remedies;
    }

    /** An argument that can be written again without side effects: a literal or a place. */
    function isStableText(node: TSESTree.Node): boolean {
      const value = unwrapExpression(node);
      if (value.type === AST_NODE_TYPES.Literal) return true;
      if (value.type === AST_NODE_TYPES.TemplateLiteral) return value.expressions.length === 0;
      return objectKey(context, value) !== null;
    }

    // ---------------------------------------------------------------- shared fix building

    /**
     * Edits that make `releaseText` run at the end of every iteration: added to the
     * `finally` of a lone `try` that follows, given to that `try` as a new
     * `finally`, or a new `try { …rest } finally { … }` around the rest of the body.
     */
    function buildFinallyEdit(
      rest: TSESTree.Statement[],
      releaseStatement: string | { text: string; indent: string },
    ): ((fixer: Fixer) => Fix[]) | null {
      if (rest.some((s) => s.type === AST_NODE_TYPES.FunctionDeclaration)) return null;
      const { semi } = getFileStyle(sourceCode);
      const unit = getIndentUnit(sourceCode);
      // A statement moved from elsewhere keeps its text; a new one gets the file's semicolon style.
      const release = typeof releaseStatement === 'string' ? `${releaseStatement}${semi}` : releaseStatement.text;
      const first = rest[0]!;
      const indent = getIndent(sourceCode, first);
      const multiline = isOnOwnLine(first);
      const reindentedRelease =
        typeof releaseStatement === 'string' ? release : reindent(release, `${indent}${unit}`, releaseStatement.indent);
      if (rest.length === 1 && first.type === AST_NODE_TYPES.TryStatement) {
        const tryStatement = first;
        if (tryStatement.finalizer) {
          const finalizer = tryStatement.finalizer;
          const open = sourceCode.getFirstToken(finalizer)!;
          const finalizerMultiline = finalizer.loc.start.line !== finalizer.loc.end.line;
          // Placed before the finally's own statements: end it explicitly.
          const terminated = finalizer.body.length > 0 && !/[;}]$/.test(release) ? ';' : '';
          return (fixer) => [
            finalizerMultiline
              ? fixer.insertTextAfter(open, `\n${indent}${unit}${reindentedRelease}${terminated}`)
              : fixer.insertTextAfter(open, ` ${release}${terminated}${finalizer.body.length === 0 ? ' ' : ''}`),
          ];
        }
        const handler = tryStatement.handler!;
        const handlerMultiline = handler.loc.start.line !== handler.loc.end.line;
        return (fixer) => [
          fixer.insertTextAfter(
            handler,
            handlerMultiline ? ` finally {\n${indent}${unit}${reindentedRelease}\n${indent}}` : ` finally { ${release} }`,
          ),
        ];
      }
      const last = rest.at(-1)!;
      const trailing = sourceCode.getCommentsAfter(last).filter((c) => c.loc.start.line === last.loc.end.line);
      const end = trailing.at(-1)?.range[1] ?? last.range[1];
      const text = sourceCode.text.slice(first.range[0], end);
      if (!multiline) {
        if (trailing.some((c) => c.type === 'Line')) return null;
        return (fixer) => [fixer.replaceTextRange([first.range[0], end], `try { ${text} } finally { ${release} }`)];
      }
      const canReindent = !hasMultilineTemplate(rest);
      const inner = canReindent ? reindent(text, `${indent}${unit}`, indent) : text;
      return (fixer) => [
        fixer.replaceTextRange(
          [first.range[0], end],
          `try {\n${indent}${unit}${inner}\n${indent}} finally {\n${indent}${unit}${reindentedRelease}\n${indent}}`,
        ),
      ];
    }

    function removeStatement(fixer: Fixer, statement: TSESTree.Node): Fix {
      const line = sourceCode.lines[statement.loc.start.line - 1]!;
      const endLine = sourceCode.lines[statement.loc.end.line - 1]!;
      const before = line.slice(0, statement.loc.start.column);
      const after = endLine.slice(statement.loc.end.column);
      if (/^\s*$/.test(before) && /^\s*$/.test(after)) {
        // The whole line(s), with the line break.
        const start = statement.range[0] - before.length;
        const end = statement.range[1] + after.length + 1;
        return fixer.removeRange([start, Math.min(end, sourceCode.text.length)]);
      }
      const next = sourceCode.text.slice(statement.range[1]).match(/^ */)![0].length;
      return fixer.removeRange([statement.range[0], statement.range[1] + next]);
    }

    function hasCommentsAround(statement: TSESTree.Node): boolean {
      return (
        sourceCode.getCommentsInside(statement).length > 0 ||
        sourceCode.getCommentsAfter(statement).some((c) => c.loc.start.line === statement.loc.end.line)
      );
    }

    function isOnOwnLine(node: TSESTree.Node): boolean {
      const line = sourceCode.lines[node.loc.start.line - 1]!;
      return /^\s*$/.test(line.slice(0, node.loc.start.column));
    }

    function hasMultilineTemplate(nodes: TSESTree.Node[]): boolean {
      let found = false;
      for (const node of nodes) {
        walk(node, (inner) => {
          if (inner.type === AST_NODE_TYPES.TemplateLiteral && inner.loc.start.line !== inner.loc.end.line) found = true;
          return !found;
        });
      }
      return found;
    }

    /** Whether `await` may be written where `node` is (an async function, or a module that awaits already). */
    function canAwait(node: TSESTree.Node): boolean {
      const fn = getEnclosingFunction(node);
      if (fn) return fn.async;
      let awaits = false;
      walk(sourceCode.ast, (inner) => {
        if (awaits || isFunction(inner)) return false;
        if (inner.type === AST_NODE_TYPES.AwaitExpression || (inner.type === AST_NODE_TYPES.ForOfStatement && inner.await)) awaits = true;
        return !awaits;
      });
      return awaits;
    }

    // ---------------------------------------------------------------- helpers

    /**
     * `export let x` / `export { x }`. (`isExportedVariable` also counts the
     * parameters of an exported function, whose definition node is that function.)
     */
    function isExported(variable: Variable): boolean {
      return variable.defs.every((def) => def.type !== 'Parameter') && isExportedVariable(variable);
    }

    function isDeclaredInLoop(variable: Variable, loop: Loop): boolean {
      const loopNode = getLoopNode(loop);
      return variable.defs.some((def) => {
        if (!isInside(def.name, loopNode)) return false;
        // `for (let i = 0, x = …; …)`: declared once, before the first iteration.
        return !(loop.type === AST_NODE_TYPES.ForStatement && loop.init && isInside(def.name, loop.init));
      });
    }

    function referencesVariable(node: TSESTree.Node, variable: Variable): boolean {
      let found = false;
      walk(node, (inner) => {
        if (found) return false;
        if (inner.type === AST_NODE_TYPES.Identifier && variable.references.some((r) => r.identifier === inner)) found = true;
        return !found;
      });
      return found;
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

/** Adds `indent` to every line after the first (after stripping `from`, the lines' old indentation). */
function reindent(text: string, indent: string, from = ''): string {
  return text
    .split('\n')
    .map((line, i) => {
      if (i === 0 || line.trim() === '') return i === 0 ? line : '';
      return `${indent}${line.startsWith(from) ? line.slice(from.length) : line.trimStart()}`;
    })
    .join('\n');
}

/**
 * Does the code after `node` in its statement lists always leave the loop before
 * the next iteration (a `break` or `return` that follows it, with no `continue`
 * in between)? Then it runs at most once per run of the loop.
 */
function exitsLoopAfter(node: TSESTree.Node, loop: Loop): boolean {
  if (loop.type === 'IterationCallback') return false;
  let child: TSESTree.Node = node;
  for (let current = node.parent; current && current !== loop; child = current, current = current.parent) {
    if (isFunction(current)) return false;
    const list =
      current.type === AST_NODE_TYPES.BlockStatement
        ? current.body
        : current.type === AST_NODE_TYPES.SwitchCase
          ? current.consequent
          : null;
    if (!list) continue;
    const index = list.indexOf(child as TSESTree.Statement);
    for (const sibling of list.slice(index + 1)) {
      if (sibling.type === AST_NODE_TYPES.ReturnStatement) return true;
      if (sibling.type === AST_NODE_TYPES.BreakStatement && breakLeaves(sibling, loop)) return true;
      if (containsContinue(sibling)) return false;
    }
  }
  return false;
}

function breakLeaves(statement: TSESTree.BreakStatement, loop: LoopStatement): boolean {
  if (statement.label) {
    // A label on the loop or around it.
    for (let current: TSESTree.Node | undefined = loop.parent; current; current = current.parent) {
      if (current.type === AST_NODE_TYPES.LabeledStatement && current.label.name === statement.label.name) return true;
      if (isFunction(current)) break;
    }
    return false;
  }
  for (let current: TSESTree.Node | undefined = statement.parent; current && current !== loop; current = current.parent) {
    if (current.type === AST_NODE_TYPES.SwitchStatement || isLoopNode(current)) return false;
  }
  return true;
}

type LoopStatement = Exclude<Loop, { type: 'IterationCallback' }>;

function containsContinue(statement: TSESTree.Node): boolean {
  let found = false;
  walk(statement, (node) => {
    if (found || isFunction(node)) return false;
    if (node.type === AST_NODE_TYPES.ContinueStatement) found = true;
    return !found;
  });
  return found;
}

/**
 * When `node` sits in the executor of `new Promise(...)` (which runs at once, so in
 * the iteration that creates the promise), that `new Promise` expression.
 */
function getPromiseExecutorCall(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
  node: TSESTree.Node,
): TSESTree.NewExpression | null {
  const fn = getEnclosingFunction(node);
  const call = fn?.parent;
  if (
    call?.type === AST_NODE_TYPES.NewExpression &&
    call.arguments[0] === fn &&
    call.callee.type === AST_NODE_TYPES.Identifier &&
    call.callee.name === 'Promise' &&
    isGlobalReference(context, call.callee)
  ) {
    return call;
  }
  return null;
}
