import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../../analysis/syntax/node-types';
import ts from 'typescript';

import { getContainingStatement, getEnclosingFunction, isInside } from '../../analysis/syntax/ast';
import type { AnyContext } from '../../analysis/syntax/context';
import { getTypeInfo, typeOfNode } from '../../analysis/types/type-info';
import type { TimerFunction } from '../../analysis/resources/timers';
import type { Sleep } from '../../analysis/resources/promises';
import type { ValueDestination } from '../../analysis/resources/handles';
import { isOptionalSignal, type SignalInScope } from '../../analysis/resources/signals';
import type { EffectCallback, Owner } from '../../analysis/lifetimes/owners';
import {
  addNamedImport,
  allocateMemberName,
  allocateName,
  appendStatement,
  blockBodyWithCleanup,
  cleanupInEffect,
  getFileStyle,
  getIndent,
  quoted,
  runInTeardown,
  type Remedy,
} from '../../fixes';

export type RemedyIds = 'clearOnAbort' | 'clearInEffectCleanup' | 'clearInTeardown' | 'useAbortableSleep';

type Fixer = TSESLint.RuleFixer;

/** How a fix gets hold of the handle: its text, the statement after which it exists, and the edits that keep it. */
interface KeptHandle {
  readonly text: string;
  readonly anchor: TSESTree.Statement;
  readonly keep: (fixer: Fixer) => TSESLint.RuleFix[];
}

const TIMERS_PROMISES = ['node:timers/promises', 'timers/promises'];

/**
 * The remedies for a lost timer, by owner: clear it when the signal aborts, in the
 * effect's cleanup, or in the class's teardown method.
 */
export function timerRemedies(
  context: AnyContext,
  { owner, report, destination, timer, call }: {
    owner: Owner;
    report: 'discarded' | 'unreadHandle' | 'neverCleared' | 'fieldNeverCleared';
    destination: ValueDestination;
    timer: TimerFunction;
    call: TSESTree.CallExpression;
  },
): (Remedy<RemedyIds> | null)[] {
  const sourceCode = context.sourceCode;
  const clear = timer === 'setInterval' ? 'clearInterval' : 'clearTimeout';
  if (!isHostGlobalFree(sourceCode, clear)) return [];
  const handle = getKeptHandle(sourceCode, destination, call);
  const signal = owner.signals[0];
  return [
    signal && handle ? clearOnAbort(context, signal, handle, clear) : null,
    owner.effect ? clearInEffectCleanup(sourceCode, owner.effect, handle, destination, clear) : null,
    owner.teardown ? clearInTeardown(context, owner.teardown, { report, destination, handle, clear, timer, call }) : null,
  ];
}

function clearOnAbort(context: AnyContext, signal: SignalInScope, handle: KeptHandle, clear: string): Remedy<RemedyIds> {
  const sourceCode = context.sourceCode;
  const target = isOptionalSignal(context, signal) ? `${signal.text}?.` : `${signal.text}.`;
  const listener = `${target}addEventListener(${quoted(sourceCode, 'abort')}, () => ${clear}(${handle.text}), { once: true })`;
  return {
    messageId: 'clearOnAbort',
    data: { signal: signal.text },
    fix: (fixer) => [...handle.keep(fixer), appendStatement(fixer, sourceCode, handle.anchor, listener)],
  };
}

/** How a fix keeps the handle: name the discarded value, or use the variable/field that holds it. */
function getKeptHandle(sourceCode: Readonly<TSESLint.SourceCode>, destination: ValueDestination, call: TSESTree.CallExpression): KeptHandle | null {
  if (destination.kind === 'discarded') {
    // `setInterval(…).hasRef();` drops a boolean, not the handle: naming it would not help.
    const statement = destination.via === 'hasRef' ? null : discardingStatement(destination.outer);
    if (!statement) return null;
    const name = allocateName(sourceCode, 'timer');
    return {
      text: name,
      anchor: statement,
      keep: (fixer) => [fixer.replaceText(statement.expression, `const ${name} = ${sourceCode.getText(destination.outer)}`)],
    };
  }
  const statement = getContainingStatement(call);
  if (!statement || !isDeclarationOrAssignmentOf(statement, destination.outer)) return null;
  if (destination.kind === 'variable') return { text: destination.variable.name, anchor: statement, keep: () => [] };
  if (destination.kind === 'property') {
    const text = placeMemberText(destination.place.path);
    return text ? { text, anchor: statement, keep: () => [] } : null;
  }
  return null;
}

/**
 * The effect's cleanup clears the handle, on every path that started the timer; an
 * expression-bodied effect (`() => void setTimeout(f, 10)`) becomes a block that keeps it.
 */
function clearInEffectCleanup(
  sourceCode: Readonly<TSESLint.SourceCode>,
  effect: EffectCallback,
  handle: KeptHandle | null,
  destination: ValueDestination,
  clear: string,
): Remedy<RemedyIds> | null {
  if (!handle) {
    if (destination.kind !== 'discarded' || destination.via === 'hasRef') return null;
    const name = allocateName(sourceCode, 'timer');
    const fix = blockBodyWithCleanup(sourceCode, effect, destination.outer, name, `${clear}(${name})`);
    return fix && { messageId: 'clearInEffectCleanup', fix };
  }
  const cleanup = cleanupInEffect(sourceCode, effect, handle.anchor, `${clear}(${handle.text})`);
  return cleanup && { messageId: 'clearInEffectCleanup', fix: (fixer) => [...handle.keep(fixer), ...cleanup(fixer)] };
}

/** Store the handle in a field (declared when it is new) and clear it in the class's teardown method. */
function clearInTeardown(
  context: AnyContext,
  { cls, method }: NonNullable<Owner['teardown']>,
  { report, destination, handle, clear, timer, call }: {
    report: string;
    destination: ValueDestination;
    handle: KeptHandle | null;
    clear: string;
    timer: TimerFunction;
    call: TSESTree.CallExpression;
  },
): Remedy<RemedyIds> | null {
  const sourceCode = context.sourceCode;
  if (method.fn.body.type !== AST_NODE_TYPES.BlockStatement) return null;
  const methodLabel = method.name.startsWith('Symbol.') ? `[${method.name}]()` : `${method.name}()`;
  const { semi } = getFileStyle(sourceCode);
  const clearIn = (fixer: Fixer, target: string): TSESLint.RuleFix => runInTeardown(sourceCode, method, `${clear}(${target})`)!(fixer);
  if (report === 'fieldNeverCleared') {
    const target = destination.kind === 'property' ? placeMemberText(destination.place.path) : null;
    if (!target) return null;
    return { messageId: 'clearInTeardown', data: { field: target, method: methodLabel }, fix: (fixer) => clearIn(fixer, target) };
  }
  if (report !== 'discarded' || !handle) return null;
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
  const declaration = fieldDeclarationText(context, call);
  if (declaration === null) return null;
  const field = allocateMemberName(sourceCode, cls, 'timer');
  const statement = handle.anchor as TSESTree.ExpressionStatement;
  const outer = statement.expression.type === AST_NODE_TYPES.UnaryExpression ? statement.expression.argument : statement.expression;
  return {
    messageId: 'clearInTeardown',
    data: { field: `this.${field}`, method: methodLabel },
    fix: (fixer) => {
      const fixes = [fixer.replaceText(statement.expression, `this.${field} = ${sourceCode.getText(outer)}`), clearIn(fixer, `this.${field}`)];
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
function fieldDeclarationText(context: AnyContext, call: TSESTree.CallExpression): string | null {
  if (!/\.[cm]?tsx?$/.test(context.filename)) return '';
  const info = getTypeInfo(context);
  if (!info) return null;
  const text = info.checker.typeToString(typeOfNode(info, call), undefined, ts.TypeFormatFlags.UseFullyQualifiedType);
  return /^(number|NodeJS\.Timeout|NodeJS\.Timer)$/.test(text) ? text : null;
}

/** Sleep with `setTimeout` from `node:timers/promises`, passing the signal. */
export function useAbortableSleep(
  sourceCode: Readonly<TSESLint.SourceCode>,
  sleep: Sleep,
  call: TSESTree.CallExpression,
  signal: SignalInScope,
): Remedy<RemedyIds> | null {
  if (!sleep.rewritable) return null;
  const ms = sourceCode.getText(call.arguments[1]!);
  const option = signal.text === 'signal' ? '{ signal }' : `{ signal: ${signal.text} }`;
  const existing = existingPromisesTimeout(sourceCode);
  const local = existing ?? sleepName(sourceCode, sleep.promise);
  return {
    messageId: 'useAbortableSleep',
    data: { signal: signal.text },
    fix: (fixer) => [
      ...(existing ? [] : addNamedImport(fixer, sourceCode, 'node:timers/promises', 'setTimeout', local)),
      fixer.replaceText(sleep.promise, `${local}(${ms}, undefined, ${option})`),
    ],
  };
}

/** The local name of an existing `import { setTimeout } from 'node:timers/promises'`. */
function existingPromisesTimeout(sourceCode: Readonly<TSESLint.SourceCode>): string | null {
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
function sleepName(sourceCode: Readonly<TSESLint.SourceCode>, replaced: TSESTree.Node): string {
  const scopes = sourceCode.scopeManager?.scopes ?? [];
  const declared = scopes.some((scope) => scope.set.has('setTimeout'));
  const usedElsewhere = scopes.some((scope) =>
    scope.through.some((reference) => reference.identifier.name === 'setTimeout' && !isInside(reference.identifier, replaced)),
  );
  return declared || usedElsewhere ? allocateName(sourceCode, 'sleep') : 'setTimeout';
}

/** Whether `name` (`clearInterval`) reaches the host's global: no binding of that name in the file. */
function isHostGlobalFree(sourceCode: Readonly<TSESLint.SourceCode>, name: string): boolean {
  return !(sourceCode.scopeManager?.scopes ?? []).some((scope) => scope.set.has(name) && scope.type !== 'global');
}

/** The expression statement that drops `outer` (`outer;` or `void outer;`), if any. */
function discardingStatement(outer: TSESTree.Node): TSESTree.ExpressionStatement | null {
  let node = outer;
  if (node.parent?.type === AST_NODE_TYPES.UnaryExpression && node.parent.operator === 'void') node = node.parent;
  const statement = node.parent;
  return statement?.type === AST_NODE_TYPES.ExpressionStatement && getContainingStatement(statement) === statement ? statement : null;
}

/** `const t = <outer>;` / `t = <outer>;` / `this.t = <outer>;` as a whole statement. */
function isDeclarationOrAssignmentOf(statement: TSESTree.Statement, outer: TSESTree.Node): boolean {
  if (statement.type === AST_NODE_TYPES.VariableDeclaration) return statement.declarations.some((declarator) => declarator.init === outer);
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
