import type { TSESTree } from '@typescript-eslint/utils';

import { isInside } from '../../analysis/syntax/ast';
import { EVIDENCE_OPTION_SCHEMA, lineOf, meetsEvidence, type Evidence } from '../../analysis/syntax/evidence';
import { ALLOW_OPTION_SCHEMA, isAllowed, type AllowList } from '../../analysis/resources/allow';
import { DEFAULT_TEARDOWN_METHODS } from '../../analysis/lifetimes/owners';
import { describeWait } from '../../analysis/lifetimes/waits';
import {
  getLateAbortListener,
  getLateListenerStart,
  getLateStoreStart,
  type LateStart,
} from '../../analysis/witnesses/late-starts';
import { AUTOFIX_OPTION_SCHEMA, reportLeak } from '../../fixes';
import { createRule } from '../../util/create-rule';
import { passSignal, recheck, type RemedyIds } from './remedies';

type Options = [{ teardownMethods?: string[]; evidence?: Evidence; allow?: AllowList; autofix?: boolean }];
type MessageIds = 'startAfterEnd' | 'keptAfterOwnWait' | 'restartPassesCheck' | 'abortListenerAfterWait' | RemedyIds;

const DEFAULTS = { teardownMethods: [...DEFAULT_TEARDOWN_METHODS], evidence: 'proven' as Evidence, allow: [] as AllowList, autofix: false };

export default createRule<Options, MessageIds>({
  name: 'no-start-after-teardown',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow starting work after an `await` (or in a later callback) without re-checking that its owner has not ended meanwhile',
      recommended: true,
      requiresTypeChecking: true,
    },
    fixable: 'code',
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          teardownMethods: {
            type: 'array',
            items: { type: 'string' },
            uniqueItems: true,
            description:
              "Method names that end an object's life (replaces the default list; `settings.asyncleak.teardownMethods` is added to it); `[Symbol.dispose]` and `[Symbol.asyncDispose]` always count.",
          },
          evidence: EVIDENCE_OPTION_SCHEMA,
          allow: ALLOW_OPTION_SCHEMA,
          autofix: AUTOFIX_OPTION_SCHEMA,
        },
      },
    ],
    defaultOptions: [DEFAULTS],
    messages: {
      startAfterEnd:
        '{{start}} starts on line {{line}} after {{wait}}{{via}}, while {{end}} ({{endLine}}) can run in between and does not stop it; nothing re-checks {{state}} after the wait.',
      keptAfterOwnWait:
        '{{start}} (line {{line}}) is kept only after its own `await`, while {{end}} ({{endLine}}) can run in between and does not stop it; nothing re-checks {{state}} after the wait.',
      restartPassesCheck:
        '{{start}} starts on line {{line}} after {{wait}}{{via}}; the re-check of {{state}} passes when {{end}} and then `{{restart}}` run during the wait (`{{restart}}` sets it back), so this run starts it again beside the new one.',
      abortListenerAfterWait:
        'This `abort` listener is added after {{wait}}: if `{{signal}}` aborted during the wait it never runs, so what it stops keeps running; nothing re-checks {{state}} after the wait.',
      recheck: 'Re-check before starting: `{{check}}`.',
      passSignal: 'Pass `{{signal}}` to the start: once it has aborted, nothing is started.',
    },
  },
  defaultOptions: [DEFAULTS],
  create(context, [options]) {
    const { teardownMethods, evidence, allow, autofix } = { ...DEFAULTS, ...options };

    function report(late: LateStart | null): void {
      if (!late || !meetsEvidence(late.witness, evidence)) return;
      if (isAllowed(context, allow, { call: late.start, value: late.start })) return;
      const via = late.wait.via.length > 0 ? ` (through \`${viaText(late.wait.via[0]!)}\` on ${lineOf(late.wait.via[0]!)})` : '';
      const common = { start: late.label, line: late.start.loc.start.line, wait: describeWait(late.wait), via, end: late.end.label, endLine: lineOf(late.end.at), state: late.end.stateLabel };
      reportLeak(context, {
        node: late.start,
        messageId:
          late.shape === 'abortListener'
            ? 'abortListenerAfterWait'
            : late.shape === 'restart'
              ? 'restartPassesCheck'
              : late.wait.kind === 'await' && isInside(late.start, late.wait.node)
                ? 'keptAfterOwnWait'
                : 'startAfterEnd',
        data: late.shape === 'abortListener'
          ? { wait: common.wait + via, signal: late.end.signal!.text, state: common.state }
          : late.restart
            ? { ...common, state: `\`${late.restart.flag.text}\``, restart: late.restart.method }
            : common,
        remedies: [recheck(context, late), passSignal(context, late)],
        autofix,
      });
    }

    function viaText(call: TSESTree.CallExpression): string {
      const text = context.sourceCode.getText(call.callee);
      return text.length <= 40 && !/\s/.test(text) ? `${text}()` : 'a call';
    }

    return {
      AssignmentExpression(node) {
        report(getLateStoreStart(context, node, { teardownMethods }));
      },
      CallExpression(node) {
        report(getLateListenerStart(context, node, { teardownMethods }) ?? getLateAbortListener(context, node));
      },
    };
  },
});
