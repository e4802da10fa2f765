import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../../analysis/syntax/node-types';

import { getContainingStatement, getEnclosingFunction, isFunction, isInside, unwrapExpression } from '../../analysis/syntax/ast';
import type { AnyContext } from '../../analysis/syntax/context';
import { getPlace, isGlobalReference, resolveVariable, type Place } from '../../analysis/syntax/references';
import { getTypeInfo, typeOfNode } from '../../analysis/types/type-info';
import { isNullableType } from '../../analysis/types/types';
import { removalMethodFor, type ListenerCall } from '../../analysis/resources/listeners';
import type { SubscriptionRelease } from '../../analysis/resources/subscriptions';
import type { ValueDestination } from '../../analysis/resources/handles';
import { teardownLabel, type EffectCallback, type LifecycleOwner } from '../../analysis/lifetimes/owners';
import type { UncancelledRequest } from '../../analysis/propagation/effect-requests';
import {
  addObjectProperty,
  allocateMemberName,
  allocateName,
  annotatedFunctionText,
  appendArguments,
  applyEdit,
  blockBodyWithCleanup,
  cleanupInEffect,
  getFileStyle,
  getIndent,
  insertStatementBefore,
  listenerNameFor,
  passSignalEdit,
  runInTeardown,
  type Remedy,
} from '../../fixes';

export type RemedyIds =
  | 'removeInCleanup'
  | 'nameAndRemoveInCleanup'
  | 'abortInCleanup'
  | 'abortControllerInCleanup'
  | 'abortControllerInTeardown'
  | 'removeInTeardown'
  | 'disconnectInCleanup'
  | 'disconnectInTeardown'
  | 'releaseInCleanup'
  | 'releaseInTeardown'
  | 'abortRequestInCleanup';

type SourceCode = Readonly<TSESLint.SourceCode>;
type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/** Methods that run once per object life, like a constructor: a field keeps the one handle they start. */
const ONCE_PER_LIFE_METHODS: ReadonlySet<string> = new Set(['componentDidMount', 'connectedCallback', 'ngOnInit', 'firstUpdated']);

/** The controller of a listener's `{ signal }` that nothing aborts: its place and its text. */
export interface OwnedController {
  readonly place: Place;
  readonly text: string;
}

/**
 * A never-removed listener: remove it in the effect's cleanup (naming an inline
 * listener first), or register it with a new controller's signal and abort that in the
 * cleanup; in a class, remove it in the teardown method. A listener whose controller
 * nothing aborts: abort the controller in the cleanup or teardown.
 */
export function listenerRemedies(
  context: AnyContext,
  { owner, registration, controller }: { owner: LifecycleOwner; registration: ListenerCall; controller: OwnedController | null },
): (Remedy<RemedyIds> | null)[] {
  const sourceCode = context.sourceCode;
  if (!owner.effect && !owner.teardown) return []; // a Vue/Svelte component's setup: reported, not fixed
  if (controller) {
    const abort = `${controller.text}.abort()`;
    if (owner.teardown) {
      const fix = runInTeardown(sourceCode, owner.teardown.method, abort);
      return [fix && { messageId: 'abortControllerInTeardown', data: { controller: controller.text, method: teardownLabel(owner.teardown.method) }, fix }];
    }
    const declaration = 'defs' in controller.place.root ? getContainingStatement(controller.place.root.defs[0]!.node) : null;
    const cleanup = declaration && cleanupInEffect(sourceCode, owner.effect!, declaration, abort);
    return [cleanup && { messageId: 'abortControllerInCleanup', data: { controller: controller.text }, fix: cleanup }];
  }
  if (registration.capture === null || !registration.event || !registration.listener) return [];
  const capture = registration.capture && registration.targetKind === 'eventTarget' ? ', true' : '';
  const optional = (registration.call.callee as TSESTree.MemberExpression).optional ? '?.' : '.';
  const method = removalMethodFor(registration);
  if (owner.teardown) {
    const { cls, method: teardown } = owner.teardown;
    const [target, event, listener] = [registration.target, registration.event, registration.listener].map((node) => teardownText(context, node, cls));
    const fix = target && event && listener ? runInTeardown(sourceCode, teardown, `${target}${optional}${method}(${event}, ${listener}${capture})`) : null;
    return [fix && { messageId: 'removeInTeardown', data: { method: teardownLabel(teardown) }, fix }];
  }
  const effect = owner.effect!;
  const statement = topLevelStatement(effect, registration.call);
  const [target, event] = [registration.target, registration.event].map((node) => stableText(context, node, effect));
  if (!statement || !target) return [];
  const removal = (listener: string) => `${target}${optional}${method}(${event}, ${listener}${capture})`;
  const returnsValue = registration.targetKind !== 'eventTarget'; // an emitter's `off()` returns the emitter
  const remedies: (Remedy<RemedyIds> | null)[] = [];
  const inline = unwrapExpression(registration.listener);
  // An event that is a loop's variable gets no removal (the cleanup cannot name it); the signal still ends it.
  if (event && isFunction(inline)) {
    const fnText = annotatedFunctionText(context, inline);
    const name = fnText === null ? null : allocateName(sourceCode, listenerNameFor(registration.eventName));
    const cleanup = name ? cleanupInEffect(sourceCode, effect, statement, removal(name), { returnsValue }) : null;
    remedies.push(
      cleanup && {
        messageId: 'nameAndRemoveInCleanup',
        data: { name },
        fix: (fixer) => [insertStatementBefore(fixer, sourceCode, statement, `const ${name} = ${fnText}`), fixer.replaceText(registration.listener!, name!), ...cleanup(fixer)],
      },
    );
  } else if (event) {
    const listener = stableText(context, registration.listener, effect);
    const cleanup = listener ? cleanupInEffect(sourceCode, effect, statement, removal(listener), { returnsValue }) : null;
    remedies.push(cleanup && { messageId: 'removeInCleanup', fix: cleanup });
  }
  if (registration.targetKind === 'eventTarget' && isGlobalFree(sourceCode, 'AbortController')) remedies.push(abortInCleanup(sourceCode, effect, registration, statement));
  return remedies;
}

/** `const controller = new AbortController();` before the registration, `{ signal: controller.signal }` in it, `controller.abort()` in the cleanup. */
function abortInCleanup(sourceCode: SourceCode, effect: EffectCallback, registration: ListenerCall, statement: TSESTree.Statement): Remedy<RemedyIds> | null {
  const options = registration.options && unwrapExpression(registration.options);
  if (options && options.type !== AST_NODE_TYPES.ObjectExpression && !(options.type === AST_NODE_TYPES.Literal && options.value === true)) return null;
  const name = allocateName(sourceCode, 'controller');
  const cleanup = cleanupInEffect(sourceCode, effect, statement, `${name}.abort()`);
  if (!cleanup) return null;
  const signal = `signal: ${name}.signal`;
  return {
    messageId: 'abortInCleanup',
    data: { controller: name },
    fix: (fixer) => [
      insertStatementBefore(fixer, sourceCode, statement, `const ${name} = new AbortController()`),
      !options
        ? appendArguments(fixer, sourceCode, registration.call, [`{ ${signal} }`])
        : options.type === AST_NODE_TYPES.ObjectExpression
          ? addObjectProperty(fixer, sourceCode, options, signal)
          : fixer.replaceText(registration.options!, `{ capture: true, ${signal} }`),
      ...cleanup(fixer),
    ],
  };
}

/**
 * An observer that is never disconnected: in an effect, disconnect the variable that
 * holds it in the cleanup (a chained `new ResizeObserver(f).observe(el)` is named
 * first); in a class, disconnect the field in the teardown method.
 */
export function observerRemedies(
  context: AnyContext,
  { owner, node, destination, chained }: { owner: LifecycleOwner; node: TSESTree.NewExpression; destination: ValueDestination; chained: TSESTree.CallExpression | null },
): (Remedy<RemedyIds> | null)[] {
  const sourceCode = context.sourceCode;
  if (!owner.effect && !owner.teardown) return [];
  if (owner.teardown) {
    const field = destination.kind === 'property' ? memberText(destination.place) : null;
    const optional = destination.kind === 'property' && isNullable(context, destination.place.node) ? '?.' : '.';
    const fix = field ? runInTeardown(sourceCode, owner.teardown.method, `${field}${optional}disconnect()`) : null;
    return [fix && { messageId: 'disconnectInTeardown', data: { field, method: teardownLabel(owner.teardown.method) }, fix }];
  }
  const effect = owner.effect!;
  if (chained) {
    const statement = topLevelStatement(effect, chained);
    if (statement?.type !== AST_NODE_TYPES.ExpressionStatement || unwrapExpression(statement.expression) !== chained) return [];
    const name = allocateName(sourceCode, 'observer');
    const cleanup = cleanupInEffect(sourceCode, effect, statement, `${name}.disconnect()`);
    const { semi } = getFileStyle(sourceCode);
    const declaration = `const ${name} = ${sourceCode.getText(node)}${semi}\n${getIndent(sourceCode, statement)}${name}`;
    return [cleanup && { messageId: 'disconnectInCleanup', fix: (fixer) => [fixer.replaceTextRange([statement.range[0], node.range[1]], declaration), ...cleanup(fixer)] }];
  }
  if (destination.kind !== 'variable') return [];
  const statement = topLevelStatement(effect, node);
  const declaredHere = statement?.type === AST_NODE_TYPES.VariableDeclaration && statement.declarations.some((d) => d.init === destination.outer);
  const optional = declaredHere ? '.' : '?.';
  const anchor = declaredHere ? statement : declarationStatement(effect, destination.variable.defs[0]?.node);
  const cleanup = anchor && cleanupInEffect(sourceCode, effect, anchor, `${destination.variable.name}${optional}disconnect()`);
  return [cleanup && { messageId: 'disconnectInCleanup', fix: cleanup }];
}

/**
 * A subscription whose handle is lost: in an effect, keep it (`const unsubscribe = …`)
 * and end it in the cleanup; in a class, keep it in a field (when a constructor or a
 * once-per-life method starts it) and end it in the teardown method.
 */
export function subscriptionRemedies(
  context: AnyContext,
  { owner, call, destination, release }: { owner: LifecycleOwner; call: TSESTree.CallExpression; destination: ValueDestination; release: SubscriptionRelease },
): (Remedy<RemedyIds> | null)[] {
  const sourceCode = context.sourceCode;
  if (!owner.effect && !owner.teardown) return [];
  const base = release.kind === 'function' ? 'unsubscribe' : release.method === 'dispose' ? 'disposable' : 'subscription';
  const handle = release.kind === 'function' ? 'unsubscribe function' : base;
  const end = (target: string, optional: boolean) =>
    release.kind === 'function' ? `${target}${optional ? '?.' : ''}()` : `${target}${optional ? '?.' : '.'}${release.method}()`;
  if (owner.teardown) {
    const { cls, method } = owner.teardown;
    const data = (field: string) => ({ handle, field, method: teardownLabel(method) });
    if (destination.kind === 'property') {
      const field = memberText(destination.place);
      const fix = field ? runInTeardown(sourceCode, method, end(field, isNullable(context, destination.place.node))) : null;
      return [fix && { messageId: 'releaseInTeardown', data: data(field!), fix }];
    }
    if (destination.kind !== 'discarded') return [];
    const statement = discardingStatement(destination.outer);
    const fn = getEnclosingFunction(call);
    const member = fn?.parent;
    const once =
      member?.type === AST_NODE_TYPES.MethodDefinition &&
      member.parent.parent === cls &&
      (member.kind === 'constructor' || ONCE_PER_LIFE_METHODS.has(sourceCode.getText(member.key)));
    if (!statement || !once || statement.parent !== fn!.body) return [];
    const name = allocateMemberName(sourceCode, cls, base);
    const teardown = runInTeardown(sourceCode, method, end(`this.${name}`, true));
    const type = release.kind === 'function' ? '() => void' : `{ ${release.method}(): void }`;
    const declaration = /\.[cm]?tsx?$/.test(context.filename) ? `private ${name}?: ${type}${getFileStyle(sourceCode).semi}` : null;
    return [
      teardown && {
        messageId: 'releaseInTeardown',
        data: data(`this.${name}`),
        fix: (fixer) => [
          fixer.replaceText(statement.expression, `this.${name} = ${sourceCode.getText(destination.outer)}`),
          teardown(fixer),
          ...(declaration ? [insertMember(fixer, sourceCode, cls, declaration)] : []),
        ],
      },
    ];
  }
  const effect = owner.effect!;
  if (destination.kind === 'discarded') {
    const name = allocateName(sourceCode, base);
    const statement = discardingStatement(destination.outer);
    if (!statement) {
      const fix = blockBodyWithCleanup(sourceCode, effect, destination.outer, name, end(name, false));
      return [fix && { messageId: 'releaseInCleanup', data: { handle }, fix }];
    }
    const cleanup = statement.parent === effect.callback.body && cleanupInEffect(sourceCode, effect, statement, end(name, false));
    return [
      cleanup
        ? { messageId: 'releaseInCleanup', data: { handle }, fix: (fixer) => [fixer.replaceText(statement.expression, `const ${name} = ${sourceCode.getText(destination.outer)}`), ...cleanup(fixer)] }
        : null,
    ];
  }
  if (destination.kind !== 'variable') return [];
  const anchor = topLevelStatement(effect, call);
  const declared = anchor?.type === AST_NODE_TYPES.VariableDeclaration && anchor.declarations.some((d) => d.init === destination.outer);
  const cleanup = anchor && cleanupInEffect(sourceCode, effect, anchor, end(destination.variable.name, !declared && isNullable(context, destination.variable.identifiers[0]!)));
  return [cleanup && { messageId: 'releaseInCleanup', data: { handle }, fix: cleanup }];
}

/**
 * A request the cleanup can neither abort nor ignore: a new controller at the top of
 * the effect, its signal passed to the call, aborted in the cleanup; for a controller
 * that nothing aborts, the abort in the cleanup.
 */
export function requestRemedies(
  context: AnyContext,
  { effect, call, request, label }: { effect: EffectCallback; call: TSESTree.CallExpression; request: UncancelledRequest; label: string },
): (Remedy<RemedyIds> | null)[] {
  const sourceCode = context.sourceCode;
  if (request.kind === 'neverAborted') {
    const name = request.controller.name;
    const declaration = declarationStatement(effect, request.controller.defs[0]?.node);
    const cleanup = declaration && cleanupInEffect(sourceCode, effect, declaration, `${name}.abort()`);
    return [cleanup && { messageId: 'abortControllerInCleanup', data: { controller: name }, fix: cleanup }];
  }
  const body = effect.callback.body;
  if (body.type !== AST_NODE_TYPES.BlockStatement || !isGlobalFree(sourceCode, 'AbortController')) return [];
  const first = body.body[0]!;
  const name = allocateName(sourceCode, 'controller');
  const edit = passSignalEdit(sourceCode, getTypeInfo(context), call, request.slot, `${name}.signal`);
  const cleanup = edit && cleanupInEffect(sourceCode, effect, first, `${name}.abort()`);
  return [
    cleanup && {
      messageId: 'abortRequestInCleanup',
      data: { call: label },
      fix: (fixer) => [insertStatementBefore(fixer, sourceCode, first, `const ${name} = new AbortController()`), applyEdit(fixer, edit!), ...cleanup(fixer)],
    },
  ];
}

/** The statement of the effect's own body that holds `node`, if `node` is in one. */
function topLevelStatement(effect: EffectCallback, node: TSESTree.Node): TSESTree.Statement | null {
  const body = effect.callback.body;
  if (body.type !== AST_NODE_TYPES.BlockStatement) return null;
  for (let current: TSESTree.Node | undefined = node; current; current = current.parent) {
    if (current.parent === body) return current as TSESTree.Statement;
  }
  return null;
}

/** The statement of the effect's own body that declares a variable (its declarator). */
function declarationStatement(effect: EffectCallback, declarator: TSESTree.Node | undefined): TSESTree.Statement | null {
  const statement = declarator && getContainingStatement(declarator);
  return statement && statement.parent === effect.callback.body ? statement : null;
}

/**
 * The text of an expression that means the same thing when the cleanup runs: a chain
 * of names and static members on constants, parameters, imports and globals (not a
 * `let` that may change, not a call, not a ref's `.current`).
 */
function stableText(context: AnyContext, expression: TSESTree.Node, effect: EffectCallback | null = null): string | null {
  let node = unwrapExpression(expression);
  for (; node.type === AST_NODE_TYPES.MemberExpression; node = unwrapExpression(node.object)) {
    if (node.computed ? node.property.type !== AST_NODE_TYPES.Literal : node.property.type !== AST_NODE_TYPES.Identifier) return null;
    if (!node.computed && node.property.name === 'current') return null;
  }
  if (node.type === AST_NODE_TYPES.Literal) return expression === node ? context.sourceCode.getText(node) : null;
  if (node.type === AST_NODE_TYPES.ThisExpression) return context.sourceCode.getText(expression);
  if (node.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = resolveVariable(context, node);
  const reassigned = variable?.references.some((reference) => reference.isWrite() && !reference.init);
  // The cleanup sits at the effect's top level: a loop's variable (`for (const event of events)`) is not in scope there.
  const block = variable?.scope.block;
  const outOfScope = !!effect && !!block && block !== effect.callback && !isInside(effect.callback, block);
  return reassigned || outOfScope ? null : context.sourceCode.getText(unwrapExpression(expression));
}

/**
 * The text of an expression as the teardown method can write it: a literal, a global or
 * module-level name, `this.x`, or a constructor parameter property (`server` → `this.server`).
 */
function teardownText(context: AnyContext, expression: TSESTree.Node, cls: ClassNode): string | null {
  const node = unwrapExpression(expression);
  if (node.type === AST_NODE_TYPES.Literal) return context.sourceCode.getText(node);
  const place = getPlace(context, node);
  if (place && place.root === cls && place.path.length > 0) return memberText(place);
  if (node.type !== AST_NODE_TYPES.Identifier) return null;
  if (isGlobalReference(context, node)) return node.name;
  const variable = resolveVariable(context, node)!;
  if (variable.scope.type === 'module' || variable.scope.type === 'global') return node.name;
  const def = variable.defs[0];
  return def?.type === 'Parameter' && def.name.parent?.type === AST_NODE_TYPES.TSParameterProperty ? `this.${node.name}` : null;
}

/** `this.a.b` for a place of `this`, when every segment can be written after a dot. */
function memberText(place: Place): string | null {
  return place.path.every((segment) => /^#?[A-Za-z_$][\w$]*$/.test(segment)) ? `this.${place.path.join('.')}` : null;
}

/** The expression statement that drops `outer` (`outer;` or `void outer;`), if any. */
function discardingStatement(outer: TSESTree.Node): TSESTree.ExpressionStatement | null {
  let node = outer;
  if (node.parent?.type === AST_NODE_TYPES.UnaryExpression && node.parent.operator === 'void') node = node.parent;
  const statement = node.parent;
  return statement?.type === AST_NODE_TYPES.ExpressionStatement && getContainingStatement(statement) === statement ? statement : null;
}

function isNullable(context: AnyContext, node: TSESTree.Node): boolean {
  const info = getTypeInfo(context);
  return !info || isNullableType(typeOfNode(info, node));
}

/** Whether `name` reaches the host's global: no binding of that name in the file. */
function isGlobalFree(sourceCode: SourceCode, name: string): boolean {
  return !(sourceCode.scopeManager?.scopes ?? []).some((scope) => scope.set.has(name) && scope.type !== 'global');
}

/** A new class member before the first one, in the class's layout. */
function insertMember(fixer: TSESLint.RuleFixer, sourceCode: SourceCode, cls: ClassNode, text: string): TSESLint.RuleFix {
  const first = cls.body.body[0];
  if (!first) return fixer.replaceText(cls.body, `{ ${text} }`);
  const inline = sourceCode.getTokenBefore(first)!.loc.end.line === first.loc.start.line;
  return fixer.insertTextBefore(first, `${text}${inline ? ' ' : `\n${getIndent(sourceCode, first)}`}`);
}
