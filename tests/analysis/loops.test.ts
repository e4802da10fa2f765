import { describe, expect, it } from 'vitest';

import { getEnclosingLoop, getLoopNode, runsAtMostOnce } from '../../src/analysis';
import { probe } from './harness';

/** For each `here()` call: the enclosing loop's first word, and whether it runs at most once. */
function loops(code: string, iterationCallbacks = false): string[] {
  return probe<string>(`declare function here(): void; declare const items: number[];\n${code}`, (context, push) => ({
    CallExpression(node) {
      if (node.callee.type !== 'Identifier' || node.callee.name !== 'here') return;
      const loop = getEnclosingLoop(context, node, { iterationCallbacks });
      if (!loop) return push('none');
      const text = context.sourceCode.getText(getLoopNode(loop));
      push(`${/^[\w.]+/.exec(text)![0]}${runsAtMostOnce(loop) ? ' (once)' : ''}`);
    },
  }));
}

describe('getEnclosingLoop / runsAtMostOnce', () => {
  it.each<[string, string, string[]]>([
    ['for body', 'for (let i = 0; i < 3; i++) { here(); }', ['for']],
    ['for...of body', 'for (const x of items) here();', ['for']],
    ['while and do...while', 'while (Math.random()) { here(); } do { here(); } while (Math.random());', ['while', 'do']],
    ['for...of iterable runs once', 'for (const x of (here(), items)) {}', ['none']],
    ['innermost loop', 'while (true) { for (const x of items) { here(); } break; }', ['for']],
    ['function boundary', 'for (const x of items) { const f = () => here(); }', ['none']],
    ['runs at most once', 'for (;;) { here(); break; }', ['for (once)']],
    ['a continue makes it repeat', 'for (;;) { if (Math.random()) continue; here(); break; }', ['for']],
    ['a nested loop continue does not', 'for (;;) { for (const x of items) { continue; } here(); break; }', ['for (once)']],
    ['forEach is not a loop by default', 'items.forEach(() => here());', ['none']],
  ])('%s', (_name, code, expected) => {
    expect(loops(code)).toEqual(expected);
  });

  it('counts array iteration callbacks when asked', () => {
    expect(loops('items.forEach(() => here()); items.map(function () { here(); }); new Set<number>().forEach(() => here());', true)).toEqual([
      'items.forEach',
      'items.map',
      'none',
    ]);
  });
});
