import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import * as ts from 'typescript';

import {
  canPassSignal,
  canSkipArgumentsBefore,
  getCalleeName,
  getMissingSignal,
  getSignalNullability,
  getTypeInfo,
  getUnlinkedSignal,
  isUndefinedLiteral,
  tsNodeOf,
  unwrapExpression,
  type CallLike,
  type SignalInScope,
  type SignalSlot,
  type TypeInfo,
} from '../analysis';
import { AUTOFIX_OPTION_SCHEMA, addObjectProperty, appendArguments, reportLeak, type Remedy } from '../fixes';
import { createRule } from '../util/create-rule';

type MessageIds = 'missingSignal' | 'unlinkedSignal' | 'passSignal' | 'linkSignal';
type Options = [{ checkUnlinked?: boolean; autofix?: boolean }];

export default createRule<Options, MessageIds>({
  name: 'require-signal-propagation',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require passing the AbortSignal in scope to every call that accepts one',
      recommended: true,
      requiresTypeChecking: true,
    },
    fixable: 'code',
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        properties: {
          checkUnlinked: {
            type: 'boolean',
            description:
              'Also report a new signal (`AbortSignal.timeout(ms)`, `new AbortController().signal`) passed where the caller handed the function a signal, without linking the two.',
          },
          autofix: AUTOFIX_OPTION_SCHEMA,
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ checkUnlinked: false, autofix: false }],
    messages: {
      missingSignal: '`{{call}}` accepts an AbortSignal but `{{signal}}` is not passed: if the caller aborts, {{cost}}.',
      unlinkedSignal:
        '`{{call}}` gets a new signal that is not linked to `{{signal}}`: if the caller aborts, {{cost}}.',
      passSignal: 'Pass `{{signal}}` to `{{call}}`.',
      linkSignal: 'Link the new signal to `{{signal}}` with `AbortSignal.any([{{signal}}, …])`.',
    },
  },
  defaultOptions: [{ checkUnlinked: false, autofix: false }],
  create(context, [{ checkUnlinked = false, autofix = false }]) {
    const info = getTypeInfo(context);
    // The signal in scope is a type: without type information there is nothing certain to report.
    if (!info) return {};
    const sourceCode = context.sourceCode;

    function check(call: CallLike): void {
      const missing = getMissingSignal(context, call);
      if (missing) {
        reportMissing(call, missing.slot, missing.signals);
        return;
      }
      if (!checkUnlinked) return;
      const unlinked = getUnlinkedSignal(context, call);
      if (unlinked) reportUnlinked(call, unlinked.expression, unlinked.signals);
    }

    function reportMissing(call: CallLike, slot: SignalSlot, signals: readonly SignalInScope[]): void {
      const label = callLabel(call);
      const remedies: Remedy<MessageIds>[] = [];
      for (const signal of signals) {
        const fix = passSignalFix(info!, call, slot, signal);
        if (fix) remedies.push({ messageId: 'passSignal', data: { signal: signal.text, call: label }, fix });
      }
      reportLeak(context, {
        node: call,
        messageId: 'missingSignal',
        data: { call: label, signal: signals[0]?.text ?? 'signal', cost: costOf(info!, call) },
        remedies,
        autofix,
        noAutofix: signals.length > 1,
      });
    }

    function reportUnlinked(call: CallLike, expression: TSESTree.Node, signals: readonly SignalInScope[]): void {
      const label = callLabel(call);
      const remedies: Remedy<MessageIds>[] = [];
      if (canUseAbortSignalAny(info!, call)) {
        const fresh = sourceCode.getText(expression);
        for (const signal of signals) {
          const nullability = getSignalNullability(info!, signal);
          // A signal that may be missing is linked only when it is there: `signal ? AbortSignal.any([...]) : fresh`.
          const linked = nullability.undefined || nullability.null
            ? `${signal.text} ? AbortSignal.any([${signal.text.replace('?.', '.')}, ${fresh}]) : ${fresh}`
            : `AbortSignal.any([${signal.text}, ${fresh}])`;
          remedies.push({
            messageId: 'linkSignal',
            data: { signal: signal.text },
            fix: (fixer) => fixer.replaceText(expression, linked),
          });
        }
      }
      reportLeak(context, {
        node: expression,
        messageId: 'unlinkedSignal',
        data: { call: label, signal: signals[0]!.text, cost: costOf(info!, call) },
        remedies,
        autofix,
        noAutofix: signals.length > 1,
      });
    }

    /** The edit that hands `signal` to the call's slot, or null when none is type-correct. */
    function passSignalFix(
      typeInfo: TypeInfo,
      call: CallLike,
      slot: SignalSlot,
      signal: SignalInScope,
    ): TSESLint.ReportFixFunction | null {
      if (!canPassSignal(typeInfo, call, slot, signal)) return null;
      const property = signal.text === 'signal' ? 'signal' : `signal: ${signal.text}`;
      const value = slot.kind === 'positional' ? signal.text : `{ ${property} }`;
      const argument = call.arguments[slot.index];
      if (argument) {
        const unwrapped = unwrapExpression(argument);
        if (isUndefinedLiteral(unwrapped)) return (fixer) => fixer.replaceText(argument, value);
        if (slot.kind === 'options' && unwrapped.type === AST_NODE_TYPES.ObjectExpression) {
          return (fixer) => addObjectProperty(fixer, sourceCode, unwrapped, property);
        }
        return null;
      }
      const skipped = slot.index - call.arguments.length;
      if (skipped > 0) {
        const mayFill = slot.kind === 'options' ? slot.skippedAcceptUndefined : canSkipArgumentsBefore(typeInfo, call, slot.index);
        if (!mayFill) return null;
      }
      const texts = [...Array.from({ length: skipped }, () => 'undefined'), value];
      return (fixer) => appendArguments(fixer, sourceCode, call, texts);
    }

    /** `AbortSignal.any` exists in this program and `AbortSignal` is not shadowed at the call. */
    function canUseAbortSignalAny(typeInfo: TypeInfo, call: CallLike): boolean {
      for (let scope: TSESLint.Scope.Scope | null = sourceCode.getScope(call); scope; scope = scope.upper) {
        const variable = scope.set.get('AbortSignal');
        if (variable && variable.defs.length > 0) return false;
      }
      const location = tsNodeOf(typeInfo, call);
      const symbol = typeInfo.checker
        .getSymbolsInScope(location, ts.SymbolFlags.Value)
        .find((candidate) => candidate.getName() === 'AbortSignal');
      return !!symbol && !!typeInfo.checker.getTypeOfSymbolAtLocation(symbol, location).getProperty('any');
    }

    function callLabel(call: CallLike): string {
      const callee = sourceCode.getText(call.callee);
      const name = callee.length <= 40 && !/\s/.test(callee) ? callee : (getCalleeName(call) ?? 'this call');
      return call.type === AST_NODE_TYPES.NewExpression ? `new ${name}` : name;
    }

    return {
      CallExpression: check,
      NewExpression: check,
    };
  },
});

const COSTS: Readonly<Record<string, string>> = {
  addEventListener: 'the listener stays attached',
  fetch: 'the request keeps running',
  Request: 'the request keeps running',
  setTimeout: 'the wait keeps running',
  setInterval: 'the timer keeps running',
  setImmediate: 'the wait keeps running',
  wait: 'the wait keeps running',
  once: 'it keeps waiting for the event',
  on: 'it keeps waiting for events',
  pipeline: 'the stream keeps flowing',
  finished: 'it keeps waiting for the stream',
  spawn: 'the child process keeps running',
  exec: 'the child process keeps running',
  execFile: 'the child process keeps running',
  fork: 'the child process keeps running',
  readFile: 'the file operation keeps running',
  writeFile: 'the file operation keeps running',
  appendFile: 'the file operation keeps running',
};

/**
 * What it costs when the call does not get the signal, in the words of its kind of
 * API (by the name the callee was declared with, so `import { setTimeout as sleep }`
 * still reads as a wait). Wording only: whether to report is decided by types.
 */
function costOf(info: TypeInfo, call: CallLike): string {
  const name = declaredCalleeName(info, call) ?? getCalleeName(call);
  return (name && Object.hasOwn(COSTS, name) ? COSTS[name] : undefined) ?? 'this call keeps running';
}

function declaredCalleeName(info: TypeInfo, call: CallLike): string | null {
  let callee = unwrapExpression(call.callee);
  if (callee.type === AST_NODE_TYPES.MemberExpression) callee = callee.property;
  if (callee.type !== AST_NODE_TYPES.Identifier) return null;
  let symbol = info.checker.getSymbolAtLocation(tsNodeOf(info, callee));
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = info.checker.getAliasedSymbol(symbol);
  return symbol?.getName() ?? null;
}
