import { AST_NODE_TYPES } from '../../analysis/syntax/node-types';
import ts from 'typescript';

import { getCalleeName, unwrapExpression } from '../../analysis/syntax/ast';
import { EVIDENCE_OPTION_SCHEMA, meetsEvidence, type Evidence } from '../../analysis/syntax/evidence';
import { getTypeInfo, tsNodeOf, type TypeInfo } from '../../analysis/types/type-info';
import type { CallLike } from '../../analysis/types/signatures';
import { ALLOW_OPTION_SCHEMA, isAllowed, type AllowList } from '../../analysis/resources/allow';
import { getMissingSignal, getUnlinkedSignal } from '../../analysis/propagation/propagation';
import { AUTOFIX_OPTION_SCHEMA, reportLeak } from '../../fixes';
import { createRule } from '../../util/create-rule';
import { linkSignal, passSignal, type RemedyIds } from './remedies';

type MessageIds = 'missingSignal' | 'missingLocalSignal' | 'unlinkedSignal' | RemedyIds;
type Options = [{ checkUnlinked?: boolean; evidence?: Evidence; allow?: AllowList; autofix?: boolean }];

const DEFAULTS = { checkUnlinked: false, evidence: 'proven' as Evidence, allow: [] as AllowList, autofix: false };

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
          evidence: EVIDENCE_OPTION_SCHEMA,
          allow: ALLOW_OPTION_SCHEMA,
          autofix: AUTOFIX_OPTION_SCHEMA,
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [DEFAULTS],
    messages: {
      missingSignal: '`{{call}}` accepts an AbortSignal but `{{signal}}` is not passed: if the caller aborts, {{cost}}.',
      missingLocalSignal: '`{{call}}` accepts an AbortSignal but `{{signal}}` is not passed: when it aborts, {{cost}}.',
      unlinkedSignal:
        '`{{call}}` gets a new signal that is not linked to `{{signal}}`: if the caller aborts, {{cost}}.',
      passSignal: 'Pass `{{signal}}` to `{{call}}`.',
      linkSignal: 'Link the new signal to `{{signal}}` with `AbortSignal.any([{{signal}}, …])`.',
    },
  },
  defaultOptions: [DEFAULTS],
  create(context, [options]) {
    const { checkUnlinked, evidence, allow, autofix } = { ...DEFAULTS, ...options };
    const info = getTypeInfo(context);
    // The signal in scope is a type: without type information there is nothing certain to report.
    if (!info) return {};
    const sourceCode = context.sourceCode;

    function check(call: CallLike): void {
      const missing = getMissingSignal(context, call);
      if (missing) {
        if (!meetsEvidence(missing.witness, evidence) || isAllowed(context, allow, { call })) return;
        const label = callLabel(call);
        const local = missing.signals[0]?.source === 'controller' || missing.signals[0]?.source === 'local';
        reportLeak(context, {
          node: call,
          // The caller's signal, or the function's own (a controller it made: nothing about "the caller").
          messageId: local ? 'missingLocalSignal' : 'missingSignal',
          data: { call: label, signal: missing.signals[0]?.text ?? 'signal', cost: costOf(info!, call) },
          remedies: missing.signals.map((signal) => passSignal(sourceCode, info!, call, missing.slot, signal, label)),
          autofix,
          noAutofix: missing.signals.length > 1,
        });
        return;
      }
      if (!checkUnlinked) return;
      const unlinked = getUnlinkedSignal(context, call);
      if (unlinked && !isAllowed(context, allow, { call })) {
        reportLeak(context, {
          node: unlinked.expression,
          messageId: 'unlinkedSignal',
          data: { call: callLabel(call), signal: unlinked.signals[0]!.text, cost: costOf(info!, call) },
          remedies: unlinked.signals.map((signal) => linkSignal(sourceCode, info!, call, unlinked.expression, signal)),
          autofix,
          noAutofix: unlinked.signals.length > 1,
        });
      }
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
