import type { TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { anyOfPattern, getCallsWithin } from '../../src/analysis/syntax/file-index';
import { findNodeByText, probe } from './harness';

/** The text of the calls `getCallsWithin` finds in the node whose text is `target`. */
function callsWithin(code: string, target: string): string[] {
  return probe<string>(
    code,
    (context, push) => ({
      'Program:exit'(program: TSESTree.Program) {
        for (const call of getCallsWithin(context, findNodeByText(context, program, target))) push(context.sourceCode.getText(call));
      },
    }),
    { typed: false },
  );
}

describe('getCallsWithin', () => {
  it.each<[string, string, string, string[]]>([
    ['a call and the calls in it, in source order', 'a(); x.f(g(), () => h()); b();', 'x.f(g(), () => h())', ['x.f(g(), () => h())', 'g()', 'h()']],
    ['not the call around a node that starts where it does', 'x.f(g());', 'x', []],
    ['nor the calls around it', 'x.f(g()).k();', 'x.f', []],
    ['a block', 'function w() { a(); if (b()) c(); } d();', '{ a(); if (b()) c(); }', ['a()', 'b()', 'c()']],
    ['nothing in a block without calls', 'e(); function v() { return 1; } f();', '{ return 1; }', []],
  ])('%s', (_name, code, target, expected) => {
    expect(callsWithin(code, target)).toEqual(expected);
  });
});

describe('anyOfPattern', () => {
  it.each<[string, string[], string, boolean]>([
    ['finds any of the names', ['useEffect', 'onMount'], 'x.onMounted(f)', true],
    ['finds none that is absent', ['useEffect', 'onMount'], 'useLayout(f)', false],
    ['takes a name literally', ['a.b$'], 'aXb$', false],
    ['and finds it as written', ['a.b$'], 'x = a.b$;', true],
    ['finds nothing without names', [], 'anything', false],
  ])('%s', (_name, names, text, expected) => {
    expect(anyOfPattern(names).test(text)).toBe(expected);
  });
});
