import { describe, expect, it } from 'vitest';

import { DEFAULT_TEARDOWN_METHODS, getEnclosingEffect, getTeardownMethods } from '../../src/analysis';
import { probe } from './harness';

function teardowns(code: string, names: readonly string[] = DEFAULT_TEARDOWN_METHODS): string[][] {
  return probe<string[]>(code, (_context, push) => ({
    ClassBody(node) {
      push(getTeardownMethods(node.parent, names).map((m) => m.name));
    },
  }));
}

function effects(code: string, typed = true): string[] {
  return probe<string>(
    code,
    (context, push) => ({
      DebuggerStatement(node) {
        push(getEnclosingEffect(context, node)?.hook ?? '-');
      },
    }),
    { typed, filename: 'react.tsx' },
  );
}

describe('getTeardownMethods', () => {
  it.each<[string, string, string[]]>([
    ['methods of the list', 'class C { close() {} stop() {} run() {} }', ['close', 'stop']],
    ['well-known symbols always', 'class C { [Symbol.dispose]() {} async [Symbol.asyncDispose]() {} }', ['Symbol.dispose', 'Symbol.asyncDispose']],
    ['arrow properties', 'class C { destroy = () => {}; }', ['destroy']],
    ['not static, not accessors', 'class C { static close() {} get stop() { return 1; } }', []],
  ])('%s', (_name, code, expected) => {
    expect(teardowns(code)).toEqual([expected]);
  });

  it('takes its own list', () => {
    expect(teardowns('class C { close() {} shutdown() {} }', ['shutdown'])).toEqual([['shutdown']]);
  });
});

describe('getEnclosingEffect', () => {
  const react = "import React, { useEffect, useLayoutEffect } from 'react';\n";
  it.each<[string, string, string[]]>([
    ['useEffect', `${react}function C() { useEffect(() => { debugger; }); return null; }`, ['useEffect']],
    ['through nested callbacks', `${react}function C() { useLayoutEffect(() => { [1].forEach(() => { debugger; }); }); return null; }`, ['useLayoutEffect']],
    ['React.useEffect', `${react}function C() { React.useEffect(() => { debugger; }); return null; }`, ['useEffect']],
    ['not in the dependency list or outside', `${react}function C() { debugger; useEffect(() => {}, []); return null; }`, ['-']],
    ['a local function of that name', 'function useEffect(f: () => void) { f(); }\nfunction C() { useEffect(() => { debugger; }); return null; }', ['-']],
  ])('%s', (_name, code, expected) => {
    expect(effects(code)).toEqual(expected);
    if (!code.startsWith('function useEffect')) expect(effects(code, false)).toEqual(expected);
  });
});
