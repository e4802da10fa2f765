import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { getSignalSlot, getTypeInfo, isSignalPassed, type CallLike } from '../../src/analysis';
import { probe } from './harness';

/** For each call/new marked with a trailing `/*probe*\/` comment: its slot and whether a signal was passed. */
function slots(code: string): string[] {
  return probe<string>(code, (context, push) => {
    const visit = (node: CallLike) => {
      const after = context.sourceCode.getTokenAfter(node, { includeComments: true });
      if (after?.type !== 'Block' || after.value !== 'probe') return;
      const info = getTypeInfo(context);
      const slot = info && getSignalSlot(info, node);
      push(slot ? `${slot.kind}@${slot.index}${slot.optional ? '?' : ''}:${isSignalPassed(node, slot) ? 'passed' : 'missing'}` : 'none');
    };
    return { CallExpression: visit, NewExpression: visit };
  });
}

describe('getSignalSlot / isSignalPassed', () => {
  it.each<[string, string, string[]]>([
    ["fetch's RequestInit.signal, missing", "fetch('/x')/*probe*/;", ['options@1?:missing']],
    ['fetch with other options', "fetch('/x', { method: 'POST' })/*probe*/;", ['options@1?:missing']],
    ['fetch with signal', "declare const s: AbortSignal; fetch('/x', { signal: s })/*probe*/;", ['options@1?:passed']],
    ['fetch with a spread', "declare const init: RequestInit; fetch('/x', { ...init })/*probe*/;", ['options@1?:passed']],
    ['fetch with an options variable', "declare const init: RequestInit; fetch('/x', init)/*probe*/;", ['options@1?:passed']],
    ['fetch with literal undefined', "fetch('/x', undefined)/*probe*/;", ['options@1?:missing']],
    ['fetch behind as any', "(fetch as any)('/x')/*probe*/;", ['options@1?:missing']],
    ['fetch behind satisfies and !', "(fetch satisfies unknown)('/x')/*probe*/; fetch!('/x')/*probe*/;", ['options@1?:missing', 'options@1?:missing']],
    ['a user function behind as any', "function load(id: string, opts?: { signal?: AbortSignal }) {} (load as any)('x', {})/*probe*/;", ['options@1?:missing']],
    ['new Request', "new Request('/x')/*probe*/;", ['options@1?:missing']],
    ['node:timers/promises setTimeout options', "import { setTimeout } from 'node:timers/promises'; await setTimeout(10)/*probe*/;", ['options@2?:missing']],
    [
      'user function with opts?: { signal?: AbortSignal }',
      "function load(id: string, opts?: { signal?: AbortSignal }) {} load('x')/*probe*/;",
      ['options@1?:missing'],
    ],
    ['positional AbortSignal parameter', 'function child(s: AbortSignal) {} declare const s: AbortSignal; child(s)/*probe*/;', ['positional@0:passed']],
    ['events.once', "import { once, EventEmitter } from 'node:events'; await once(new EventEmitter(), 'x')/*probe*/;", ['options@2?:missing']],
    ['readFile from node:fs/promises', "import { readFile } from 'node:fs/promises'; await readFile('p')/*probe*/;", ['options@1?:missing']],
    [
      'addEventListener options (boolean | AddEventListenerOptions)',
      "declare const t: EventTarget; t.addEventListener('x', () => {})/*probe*/;",
      ['options@2?:missing'],
    ],
    ['no signal anywhere', "function f(a: string, b?: { retries: number }) {} f('x')/*probe*/;", ['none']],
    ['any-typed parameter is no slot', "function f(a: any, b: unknown, c: object) {} f(1, 2, {})/*probe*/;", ['none']],
    [
      'a look-alike signal interface (axios GenericAbortSignal)',
      "interface GenericAbortSignal { readonly aborted: boolean; onabort?: ((...args: any) => any) | null } function get(url: string, config?: { signal?: GenericAbortSignal }) {} get('/x')/*probe*/;",
      ['options@1?:missing'],
    ],
  ])('%s', (_name, code, expected) => {
    expect(slots(code)).toEqual(expected);
  });

  it('has no answer without type information (never throws)', () => {
    const found = probe<string>(
      "fetch('/x');",
      (context, push) => ({
        CallExpression: () => push(getTypeInfo(context) === null ? 'untyped' : 'typed'),
      }),
      { typed: false },
    );
    expect(found).toEqual(['untyped']);
  });

  it('reads the options object literally: computed keys count as maybe-signal', () => {
    const found = probe<boolean>("const k = 'signal'; fetch('/x', { [k]: undefined });", (context, push) => ({
      CallExpression(node: TSESTree.CallExpression) {
        if (node.callee.type !== AST_NODE_TYPES.Identifier || node.callee.name !== 'fetch') return;
        const slot = getSignalSlot(getTypeInfo(context)!, node)!;
        push(isSignalPassed(node, slot));
      },
    }));
    expect(found).toEqual([true]);
  });
});
