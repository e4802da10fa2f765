import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import * as ts from 'typescript';

import {
  DEFAULT_TEARDOWN_METHODS,
  getContainingStatement,
  getEnclosingEffect,
  getEnclosingFunction,
  getOwnReturnStatements,
  getStaticPropertyName,
  getSignalsInScope,
  getTeardownMethods,
  getThisClass,
  getThisPlaceUses,
  getTimerCall,
  getTypeInfo,
  getValueDestination,
  getVariableUses,
  isExportedVariable,
  isFunction,
  isGlobalReference,
  isInside,
  runsInAbortListener,
  isModuleLevel,
  isOptionalSignal,
  referencesSignal,
  resolveVariable,
  timerResource,
  typeOfNode,
  unwrapExpression,
  walk,
  type EffectCallback,
  type FunctionNode,
  type SignalInScope,
  type TeardownMethod,
  type TimerFunction,
  type ValueDestination,
} from '../analysis';
import {
  AUTOFIX_OPTION_SCHEMA,
  addNamedImport,
  getFileStyle,
  getIndent,
  getUniqueName,
  appendStatement,
  insertStatementBefore,
  quoted,
  reportLeak,
  type Remedy,
} from '../fixes';
import { createRule } from '../util/create-rule';

type Options = [
  {
    timeouts: 'always' | 'owned-scope' | 'never';
    allowUnref: boolean;
    teardownMethods: string[];
    autofix: boolean;
  },
];

type MessageIds =
  | 'discarded'
  | 'unreadHandle'
  | 'neverCleared'
  | 'fieldNeverCleared'
  | 'sleepWithoutSignal'
  | 'clearOnAbort'
  | 'clearInEffectCleanup'
  | 'clearInTeardown'
  | 'useAbortableSleep';

type Fixer = TSESLint.RuleFixer;
type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/** Who should stop a timer when its own life ends. */
interface Owner {
  /** Signals in scope that the timer does not already watch, nearest first. */
  readonly signals: readonly SignalInScope[];
  readonly effect: EffectCallback | null;
  readonly teardown: { readonly cls: ClassNode; readonly method: TeardownMethod } | null;
}

/** How a fix can get hold of the handle: its text, the statement after which it exists, and the edits that keep it. */
interface KeptHandle {
  readonly text: string;
  readonly anchor: TSESTree.Statement;
  readonly keep: (fixer: Fixer) => TSESLint.RuleFix[];
}

/** A sleep: `new Promise(r => setTimeout(r, ms))`. */
interface Sleep {
  readonly promise: TSESTree.NewExpression;
  /** Whether it has the exact shape the `node:timers/promises` rewrite replaces. */
  readonly rewritable: boolean;
}

const TIMERS_PROMISES = ['node:timers/promises', 'timers/promises'];

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
            description: 'Allow a timer that is `.unref()`-ed at module scope and never cleared: a deliberate background job.',
          },
          teardownMethods: {
            type: 'array',
            items: { type: 'string' },
            uniqueItems: true,
            description:
              'Method names that end an object\'s life (replaces the default list); `[Symbol.dispose]` and `[Symbol.asyncDispose]` always count.',
          },
          autofix: AUTOFIX_OPTION_SCHEMA,
        },
      },
    ],
    defaultOptions: [
      {
        timeouts: 'owned-scope',
        allowUnref: true,
        teardownMethods: [...DEFAULT_TEARDOWN_METHODS],
        autofix: false,
      },
    ],
  },
  create(context, [options]) {
    const { sourceCode } = context;

    function check(call: TSESTree.CallExpression, timer: TimerFunction): void {
      const destination = getValueDestination(context, call);
      const sleep = timer === 'setTimeout' ? getSleep(context, call, destination) : null;
      if (sleep === 'race') return; // a timeout raced against work: await-in-select-without-abort's case
      if (timer === 'setTimeout' && !sleep && isInsidePromiseExecutor(context, call)) return;

      // A sleep's handle goes nowhere (a promise executor's return value is ignored).
      const report = sleep ? { messageId: 'discarded' as const, name: '' } : describeLostHandle(destination, call);
      if (!report) return;
      const owner = getOwner(call);
      const owned = owner.signals.length > 0 || owner.effect !== null || owner.teardown !== null;

      if (sleep) {
        const signal = owner.signals[0];
        if (signal) {
          reportLeak(context, {
            node: sleep.promise,
            messageId: 'sleepWithoutSignal',
            data: { signal: signal.text },
            remedies: sleep.rewritable ? [abortableSleep(sleep, call, signal)] : [],
            autofix: options.autofix,
          });
          return;
        }
        if (options.timeouts !== 'always') return;
      } else if (timer === 'setTimeout' && options.timeouts === 'owned-scope' && !owned) {
        return;
      }

      const resource = timerResource(timer);
      const handle = getKeptHandle(destination, call);
      const clear = resource.release.name as string;
      reportLeak(context, {
        node: call,
        messageId: report.messageId,
        data: {
          resource: resource.label,
          ...(report.messageId === 'discarded' ? {} : { name: report.name }),
          cost: costOf(timer, owner, !!sleep),
        },
        remedies: sleep ? [] : buildRemedies(owner, report, destination, handle, clear, timer, call),
        autofix: options.autofix,
      });
    }

    /** Which report a destination makes, or `null` when the handle is kept by someone who can clear it. */
    function describeLostHandle(
      destination: ValueDestination,
      call: TSESTree.CallExpression,
    ): { messageId: 'discarded' | 'unreadHandle' | 'neverCleared' | 'fieldNeverCleared'; name: string } | null {
      switch (destination.kind) {
        case 'discarded':
          if (options.allowUnref && destination.via === 'unref' && isModuleLevel(call)) return null;
          return { messageId: 'discarded', name: '' };
        case 'variable': {
          const { variable } = destination;
          if (isExportedVariable(variable)) return null;
          const uses = getVariableUses(context, variable);
          if (uses.released || uses.escapes) return null;
          if (
            options.allowUnref &&
            isModuleLevel(call) &&
            (destination.via === 'unref' || uses.ownMethods.includes('unref'))
          ) {
            return null;
          }
          return {
            messageId: uses.inertReads === 0 ? 'unreadHandle' : 'neverCleared',
            name: variable.name,
          };
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

    function getOwner(call: TSESTree.CallExpression): Owner {
      const callback = call.arguments[0];
      const signals = runsInAbortListener(context, call)
        ? []
        : getSignalsInScope(context, call).filter(
            // A timer whose callback uses the signal watches it already (or is its deadline).
            (signal) => !callback || !referencesSignal(context, callback, signal),
          );
      const cls = getThisClass(call);
      let teardown: Owner['teardown'] = null;
      if (cls && !isInStaticMember(call, cls)) {
        const methods = getTeardownMethods(cls, options.teardownMethods);
        // A timer started by teardown itself (a grace period) has no later end to wait for.
        if (methods.length > 0 && !methods.some((m) => isInside(call, m.fn))) teardown = { cls, method: methods[0]! };
      }
      return { signals, effect: getEnclosingEffect(context, call), teardown };
    }

    function buildRemedies(
      owner: Owner,
      report: { messageId: string },
      destination: ValueDestination,
      handle: KeptHandle | null,
      clear: string,
      timer: TimerFunction,
      call: TSESTree.CallExpression,
    ): Remedy<MessageIds>[] {
      if (!isHostGlobalFree(clear)) return [];
      const remedies: Remedy<MessageIds>[] = [];
      const signal = owner.signals[0];
      if (signal && handle) {
        const target = isOptionalSignal(context, signal) ? `${signal.text}?.` : `${signal.text}.`;
        remedies.push({
          messageId: 'clearOnAbort',
          data: { signal: signal.text },
          fix: (fixer) => [
            ...handle.keep(fixer),
            appendStatement(
              fixer,
              sourceCode,
              handle.anchor,
              `${target}addEventListener(${quoted(sourceCode, 'abort')}, () => ${clear}(${handle.text}), { once: true })`,
            ),
          ],
        });
      }
      if (owner.effect && handle) {
        const effectFix = effectCleanupFix(owner.effect, handle, clear);
        if (effectFix) remedies.push({ messageId: 'clearInEffectCleanup', fix: effectFix });
      }
      if (owner.teardown) {
        const teardownFix = teardownRemedy(owner.teardown, report, destination, handle, clear, timer, call);
        if (teardownFix) remedies.push(teardownFix);
      }
      return remedies;
    }

    /** How a fix keeps the handle: name the discarded value, or use the variable/field that holds it. */
    function getKeptHandle(destination: ValueDestination, call: TSESTree.CallExpression): KeptHandle | null {
      if (destination.kind === 'discarded') {
        // `setInterval(…).hasRef();` drops a boolean, not the handle: naming it would not help.
        const statement = destination.via === 'hasRef' ? null : discardingStatement(destination.outer);
        if (!statement) return null;
        const name = getUniqueName(sourceCode, 'timer');
        return {
          text: name,
          anchor: statement,
          keep: (fixer) => [fixer.replaceText(statement.expression, `const ${name} = ${sourceCode.getText(destination.outer)}`)],
        };
      }
      if (destination.kind === 'variable') {
        const statement = getContainingStatement(call);
        if (!statement || !isDeclarationOrAssignmentOf(statement, destination.outer)) return null;
        return { text: destination.variable.name, anchor: statement, keep: () => [] };
      }
      if (destination.kind === 'property') {
        const statement = getContainingStatement(call);
        const text = placeMemberText(destination.place.path);
        if (!statement || !text || !isDeclarationOrAssignmentOf(statement, destination.outer)) return null;
        return { text, anchor: statement, keep: () => [] };
      }
      return null;
    }

    /** The effect's cleanup clears the handle: add `return () => clear(h)`, or add the clear to the cleanup it returns. */
    function effectCleanupFix(effect: EffectCallback, handle: KeptHandle, clear: string): TSESLint.ReportFixFunction | null {
      const body = effect.callback.body;
      if (body.type !== AST_NODE_TYPES.BlockStatement || handle.anchor.parent !== body) return null;
      const { semi } = getFileStyle(sourceCode);
      const clearCall = `${clear}(${handle.text})`;
      const returns = getOwnReturnStatements(effect.callback);
      const last = body.body.at(-1)!;
      if (returns.length === 0) {
        return (fixer) => [...handle.keep(fixer), appendStatement(fixer, sourceCode, last, `return () => ${clearCall}`)];
      }
      const [only] = returns;
      const cleanup = only?.argument && unwrapExpression(only.argument);
      if (returns.length !== 1 || only !== last || only.range[0] < handle.anchor.range[1] || !cleanup) return null;
      if (cleanup.type !== AST_NODE_TYPES.ArrowFunctionExpression && cleanup.type !== AST_NODE_TYPES.FunctionExpression) {
        return null;
      }
      const cleanupBody = cleanup.body;
      if (cleanupBody.type === AST_NODE_TYPES.BlockStatement) {
        const lastInCleanup = cleanupBody.body.at(-1);
        return (fixer) => [
          ...handle.keep(fixer),
          lastInCleanup
            ? appendStatement(fixer, sourceCode, lastInCleanup, clearCall)
            : fixer.replaceText(cleanupBody, `{ ${clearCall}${semi} }`),
        ];
      }
      return (fixer) => [
        ...handle.keep(fixer),
        fixer.replaceText(cleanupBody, `{ ${sourceCode.getText(cleanupBody)}${semi} ${clearCall}${semi} }`),
      ];
    }

    /** Store the handle in a field (declared when it is new) and clear it in the class's teardown method. */
    function teardownRemedy(
      { cls, method }: NonNullable<Owner['teardown']>,
      report: { messageId: string },
      destination: ValueDestination,
      handle: KeptHandle | null,
      clear: string,
      timer: TimerFunction,
      call: TSESTree.CallExpression,
    ): Remedy<MessageIds> | null {
      const teardownBody = method.fn.body;
      if (teardownBody.type !== AST_NODE_TYPES.BlockStatement) return null;
      const methodLabel = method.name.startsWith('Symbol.') ? `[${method.name}]()` : `${method.name}()`;
      const { semi } = getFileStyle(sourceCode);
      const clearIn = (fixer: Fixer, target: string): TSESLint.RuleFix => {
        const first = teardownBody.body[0];
        return first
          ? insertStatementBefore(fixer, sourceCode, first, `${clear}(${target})`)
          : fixer.replaceText(teardownBody, `{ ${clear}(${target})${semi} }`);
      };
      if (report.messageId === 'fieldNeverCleared') {
        const target = destination.kind === 'property' ? placeMemberText(destination.place.path) : null;
        if (!target) return null;
        return { messageId: 'clearInTeardown', data: { field: target, method: methodLabel }, fix: (fixer) => clearIn(fixer, target) };
      }
      if (report.messageId !== 'discarded' || !handle) return null;
      // A field holds one handle: only for a timer started once per instance (a timeout in the
      // constructor) or an interval started by a method (starting it twice is another leak).
      const fn = getEnclosingFunction(call);
      const member = fn?.parent;
      if (
        !fn ||
        member?.type !== AST_NODE_TYPES.MethodDefinition ||
        member.parent.parent !== cls ||
        (timer === 'setTimeout' && member.kind !== 'constructor') ||
        handle.anchor.parent !== fn.body
      ) {
        return null;
      }
      const declaration = fieldDeclarationText(call);
      if (declaration === null) return null;
      const field = uniqueMemberName(cls, 'timer');
      const statement = handle.anchor as TSESTree.ExpressionStatement;
      const outer = statement.expression.type === AST_NODE_TYPES.UnaryExpression ? statement.expression.argument : statement.expression;
      return {
        messageId: 'clearInTeardown',
        data: { field: `this.${field}`, method: methodLabel },
        fix: (fixer) => {
          const fixes = [
            fixer.replaceText(statement.expression, `this.${field} = ${sourceCode.getText(outer)}`),
            clearIn(fixer, `this.${field}`),
          ];
          const firstMember = cls.body.body[0]!;
          if (declaration) {
            const inline = sourceCode.getTokenBefore(firstMember)!.loc.end.line === firstMember.loc.start.line;
            const separator = inline ? ' ' : `\n${getIndent(sourceCode, firstMember)}`;
            fixes.push(fixer.insertTextBefore(firstMember, `private ${field}?: ${declaration}${semi}${separator}`));
          }
          return fixes;
        },
      };
    }

    /** The type to declare a new handle field with (`''`: no declaration, in JavaScript), or `null` if unknown. */
    function fieldDeclarationText(call: TSESTree.CallExpression): string | null {
      if (!/\.[cm]?tsx?$/.test(context.filename)) return '';
      const info = getTypeInfo(context);
      if (!info) return null;
      const text = info.checker.typeToString(typeOfNode(info, call), undefined, ts.TypeFormatFlags.UseFullyQualifiedType);
      return /^(number|NodeJS\.Timeout|NodeJS\.Timer)$/.test(text) ? text : null;
    }

    function abortableSleep(sleep: Sleep, call: TSESTree.CallExpression, signal: SignalInScope): Remedy<MessageIds> {
      const ms = sourceCode.getText(call.arguments[1]!);
      const option = signal.text === 'signal' ? '{ signal }' : `{ signal: ${signal.text} }`;
      return {
        messageId: 'useAbortableSleep',
        data: { signal: signal.text },
        fix: (fixer) => {
          const existing = existingPromisesTimeout();
          const local = existing ?? sleepName(sleep.promise);
          return [
            ...(existing ? [] : addNamedImport(fixer, sourceCode, 'node:timers/promises', 'setTimeout', local)),
            fixer.replaceText(sleep.promise, `${local}(${ms}, undefined, ${option})`),
          ];
        },
      };
    }

    /** The local name of an existing `import { setTimeout } from 'node:timers/promises'`. */
    function existingPromisesTimeout(): string | null {
      for (const statement of sourceCode.ast.body) {
        if (statement.type !== AST_NODE_TYPES.ImportDeclaration || statement.importKind === 'type') continue;
        if (!TIMERS_PROMISES.includes(statement.source.value)) continue;
        for (const specifier of statement.specifiers) {
          if (
            specifier.type === AST_NODE_TYPES.ImportSpecifier &&
            specifier.importKind !== 'type' &&
            (specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : specifier.imported.value) === 'setTimeout'
          ) {
            return specifier.local.name;
          }
        }
      }
      return null;
    }

    /** `setTimeout` when importing it shadows nothing else the file uses, else a fresh `sleep…`. */
    function sleepName(replaced: TSESTree.Node): string {
      const scopes = sourceCode.scopeManager?.scopes ?? [];
      const declared = scopes.some((scope) => scope.set.has('setTimeout'));
      const usedElsewhere = scopes.some((scope) =>
        scope.through.some((reference) => reference.identifier.name === 'setTimeout' && !isInside(reference.identifier, replaced)),
      );
      return declared || usedElsewhere ? getUniqueName(sourceCode, 'sleep') : 'setTimeout';
    }

    /** Whether `name` (`clearInterval`) reaches the host's global: no binding of that name in the file. */
    function isHostGlobalFree(name: string): boolean {
      return !(sourceCode.scopeManager?.scopes ?? []).some((scope) => scope.set.has(name) && scope.type !== 'global');
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

/**
 * `setTimeout(f)` / `setTimeout(f, 0)`: a deferral to the next turn of the event loop
 * (often to rethrow an error outside a try), like `setImmediate`: nothing worth clearing.
 */
function isDeferral(call: TSESTree.CallExpression): boolean {
  const delay = call.arguments[1];
  return call.arguments.length <= 1 || (delay?.type === AST_NODE_TYPES.Literal && delay.value === 0);
}

/** The cost of a lost timer, in words for the message. */
function costOf(timer: TimerFunction, owner: Owner, sleep: boolean): string {
  if (timer === 'setInterval') return 'it runs until the process exits';
  if (!sleep && owner.signals[0]) return `it still fires after \`${owner.signals[0].text}\` aborts`;
  if (!sleep && owner.effect) return 'it still fires after the component unmounts';
  if (!sleep && owner.teardown) {
    const name = owner.teardown.method.name;
    return `it still fires after \`${name.startsWith('Symbol.') ? `[${name}]` : name}()\``;
  }
  return 'it keeps the process alive until it fires and cannot be cancelled';
}

/**
 * A sleep, `new Promise(r => setTimeout(r, ms))` or `new Promise((r) => { setTimeout(() => r(), ms); })`:
 * a timeout in a promise executor whose only job is to resolve it. `'race'` when that
 * promise is a contender in an array (`Promise.race([work, sleep])`).
 */
function getSleep(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
  call: TSESTree.CallExpression,
  destination: ValueDestination,
): Sleep | 'race' | null {
  const executor = getEnclosingFunction(call);
  const promise = executor && getPromiseOfExecutor(context, executor);
  if (!executor || !promise) return null;
  const resolve = executor.params[0];
  if (resolve?.type !== AST_NODE_TYPES.Identifier) return null;
  const isConciseBody = executor.body === call;
  const isOnlyStatement =
    executor.body.type === AST_NODE_TYPES.BlockStatement &&
    destination.kind === 'discarded' &&
    destination.outer === call &&
    executor.body.body.length === 1 &&
    call.parent.parent === executor.body;
  if (!isConciseBody && !isOnlyStatement) return null;
  const [callback, ms, ...rest] = call.arguments;
  if (!callback || !callsOnly(context, callback, resolve)) return null;
  if (promise.parent.type === AST_NODE_TYPES.ArrayExpression) return 'race';
  const rewritable = !!ms && ms.type !== AST_NODE_TYPES.SpreadElement && rest.length === 0;
  return { promise, rewritable };
}

/** `r` itself, or `() => r()` / `() => { r(); }`. */
function callsOnly(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
  callback: TSESTree.CallExpressionArgument,
  resolve: TSESTree.Identifier,
): boolean {
  const isResolve = (node: TSESTree.Node) =>
    node.type === AST_NODE_TYPES.Identifier && resolveVariable(context, node)?.defs[0]?.name === resolve;
  if (isResolve(callback)) return true;
  if (!isFunction(callback) || callback.params.length > 0) return false;
  let body: TSESTree.Node = callback.body;
  if (body.type === AST_NODE_TYPES.BlockStatement) {
    const [only] = body.body;
    if (body.body.length !== 1 || only?.type !== AST_NODE_TYPES.ExpressionStatement) return false;
    body = only.expression;
  }
  return body.type === AST_NODE_TYPES.CallExpression && body.arguments.length === 0 && isResolve(body.callee);
}

/** The `new Promise(executor)` whose executor `fn` is (the global `Promise`). */
function getPromiseOfExecutor(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
  fn: FunctionNode,
): TSESTree.NewExpression | null {
  const promise = fn.parent;
  if (promise?.type !== AST_NODE_TYPES.NewExpression || promise.arguments[0] !== fn) return null;
  const callee = promise.callee;
  return callee.type === AST_NODE_TYPES.Identifier && callee.name === 'Promise' && isGlobalReference(context, callee)
    ? promise
    : null;
}

function isInsidePromiseExecutor(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
  call: TSESTree.CallExpression,
): boolean {
  const fn = getEnclosingFunction(call);
  return !!fn && getPromiseOfExecutor(context, fn) !== null;
}

/** The expression statement that drops `outer` (`outer;` or `void outer;`), if any. */
function discardingStatement(outer: TSESTree.Node): TSESTree.ExpressionStatement | null {
  let node = outer;
  if (node.parent?.type === AST_NODE_TYPES.UnaryExpression && node.parent.operator === 'void') node = node.parent;
  const statement = node.parent;
  return statement?.type === AST_NODE_TYPES.ExpressionStatement && getContainingStatement(statement) === statement
    ? statement
    : null;
}

/** `const t = <outer>;` / `t = <outer>;` / `this.t = <outer>;` as a whole statement. */
function isDeclarationOrAssignmentOf(statement: TSESTree.Statement, outer: TSESTree.Node): boolean {
  if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
    return statement.declarations.some((declarator) => declarator.init === outer);
  }
  return (
    statement.type === AST_NODE_TYPES.ExpressionStatement &&
    statement.expression.type === AST_NODE_TYPES.AssignmentExpression &&
    statement.expression.right === outer
  );
}

/** `this.a.b` for a place path, when every segment can be written after a dot. */
function placeMemberText(path: readonly string[]): string | null {
  return path.every((segment) => /^#?[A-Za-z_$][\w$]*$/.test(segment)) ? `this.${path.join('.')}` : null;
}

function isInStaticMember(node: TSESTree.Node, cls: ClassNode): boolean {
  return cls.body.body.some(
    (member) =>
      (member.type === AST_NODE_TYPES.MethodDefinition ||
        member.type === AST_NODE_TYPES.PropertyDefinition ||
        member.type === AST_NODE_TYPES.StaticBlock) &&
      (member.type === AST_NODE_TYPES.StaticBlock || member.static) &&
      isInside(node, member),
  );
}

/** A member name no member of the class and no `this.…` in it uses yet: `timer`, `timer2`… */
function uniqueMemberName(cls: ClassNode, base: string): string {
  const taken = new Set<string>();
  for (const member of cls.body.body) {
    if ('key' in member && member.key.type === AST_NODE_TYPES.Identifier) taken.add(member.key.name);
    if ('key' in member && member.key.type === AST_NODE_TYPES.Literal) taken.add(String(member.key.value));
  }
  walk(cls.body, (node) => {
    if (node.type === AST_NODE_TYPES.MemberExpression && node.object.type === AST_NODE_TYPES.ThisExpression) {
      const name = getStaticPropertyName(node);
      if (name !== null) taken.add(name);
    }
  });
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}${i}`)) return `${base}${i}`;
}
