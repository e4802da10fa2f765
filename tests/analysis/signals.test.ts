import { describe, expect, it } from 'vitest';

import { getSignalsInScope } from '../../src/analysis';
import { probe } from './harness';

/** The signals in scope at the call `here()`, nearest first, as their pass-on text. */
function signalsAtHere(code: string, typed = true): string[][] {
  return probe<string[]>(
    `declare function here(): void;\n${code}`,
    (context, push) => ({
      CallExpression(node) {
        if (node.callee.type === 'Identifier' && node.callee.name === 'here') {
          push(getSignalsInScope(context, node).map((s) => `${s.text}(${s.source})`));
        }
      },
    }),
    { typed },
  );
}

describe('getSignalsInScope', () => {
  it.each<[string, string, string[]]>([
    ['a signal parameter', 'function f(signal: AbortSignal) { here(); }', ['signal(parameter)']],
    ['AbortSignal | undefined parameter', 'function f(signal?: AbortSignal | undefined) { here(); }', ['signal(parameter)']],
    ['a destructured option', 'function f({ signal }: { signal?: AbortSignal } = {}) { here(); }', ['signal(destructured)']],
    ['a property of a parameter', 'function f(opts: { signal: AbortSignal }) { here(); }', ['opts.signal(property)']],
    ['an optional options parameter', 'function f(opts?: { signal?: AbortSignal }) { here(); }', ['opts?.signal(property)']],
    ["RequestInit's signal (nullable)", 'function f(init: RequestInit) { here(); }', ['init.signal(property)']],
    ['a local controller declared before', 'function f() { const ac = new AbortController(); here(); }', ['ac.signal(controller)']],
    ['a local controller declared after does not count', 'function f() { here(); const ac = new AbortController(); }', []],
    ['a local const signal', 'function f(ac: AbortController) { const s = ac.signal; here(); }', ['ac.signal(property)', 's(local)']],
    ['closures see the enclosing function, nearest first', 'function f(signal: AbortSignal) { const g = (inner: AbortSignal) => { here(); }; }', ['inner(parameter)', 'signal(parameter)']],
    ['an _-prefixed parameter is deliberately unused', 'function f(_signal: AbortSignal) { here(); }', []],
    ['no signal', 'function f(url: string, n: number) { here(); }', []],
    [
      'a contextually typed options parameter of a callback',
      'declare function run(cb: (opts: { signal: AbortSignal }) => void): void; run((opts) => { here(); });',
      ['opts.signal(property)'],
    ],
    [
      'a contextually typed destructured signal (queryFn-style)',
      'declare function run(cb: (ctx: { signal: AbortSignal }) => void): void; run(({ signal }) => { here(); });',
      ['signal(destructured)'],
    ],
    [
      'prefilter: an unannotated callback parameter whose name says nothing of options is not typed',
      'declare function run(cb: (x: { signal: AbortSignal }) => void): void; run((x) => { here(); });',
      [],
    ],
    ['a local from a controller-named factory', 'declare function makeController(): AbortController; function f() { const ctrl = makeController(); here(); }', ['ctrl.signal(controller)']],
    ['prefilter: a local initialised by an unrelated call is not typed', 'declare function make(): AbortController; function f() { const x = make(); here(); }', []],
    ['any-typed parameter is not a signal', 'function f(signal: any) { here(); }', []],
    ['a user class named AbortSignal is not the host one', 'class AbortSignal2 { aborted = false } function f(signal: AbortSignal2) { here(); }', []],
  ])('%s', (_name, code, expected) => {
    expect(signalsAtHere(code)).toEqual([expected]);
  });

  it('is empty without type information', () => {
    expect(signalsAtHere('function f(signal: AbortSignal) { here(); }', false)).toEqual([[]]);
  });
});
