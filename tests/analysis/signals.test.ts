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
    ['local controllers in blocks of its own body, in source order', 'function f(x: boolean) { const a = new AbortController(); if (x) { const b = new AbortController(); for (const k of [1]) { const c = new AbortController(); void k; here(); } } }', ['a.signal(controller)', 'b.signal(controller)', 'c.signal(controller)']],
    ['not those of a nested function or class', 'function f() { const g = () => { const a = new AbortController(); return a; }; class K { m() { const b = new AbortController(); return b; } } void g; void K; here(); }', []],
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

// An unannotated callback parameter is typed by inferring the call around it; what the
// callee declares decides first whether that can give it a signal. These must still find it.
describe('getSignalsInScope: inferred callback parameters that carry a signal', () => {
  const FN = 'declare function fn<Args extends any[]>(body: (...args: Args) => void): (...args: Args) => void;';
  it.each<[string, string, string[]]>([
    [
      'a type parameter inferred from another argument',
      'declare function run<T>(value: T, cb: (opts: T) => void): void; declare const o: { signal: AbortSignal }; run(o, (opts) => { here(); });',
      ['opts.signal(property)'],
    ],
    ['a rest type parameter inferred from the contextual type', `${FN} const h: (opts: { signal: AbortSignal }) => void = fn((opts) => { here(); });`, ['opts.signal(property)']],
    ['a rest type parameter given explicitly', `${FN} fn<[{ signal: AbortSignal }]>((opts) => { here(); });`, ['opts.signal(property)']],
    ['a rest type parameter returned from a function', `${FN} function make(): (opts: { signal: AbortSignal }) => void { return fn((opts) => { here(); }); }`, ['opts.signal(property)']],
    [
      "a type parameter's constraint that carries one",
      'declare function g<T extends { signal: AbortSignal }>(body: (opts: T) => void): void; g((opts) => { here(); });',
      ['opts.signal(property)'],
    ],
    [
      'a callback in an options object (queryFn-style)',
      'declare function q(o: { queryFn: (context: { signal: AbortSignal }) => void }): void; q({ queryFn: (context) => { here(); } });',
      ['context.signal(property)'],
    ],
    [
      'a method in an options object',
      'declare function q(o: { queryFn: (context: { signal: AbortSignal }) => void }): void; q({ queryFn(context) { here(); } });',
      ['context.signal(property)'],
    ],
    [
      'a generic options interface (tRPC-style)',
      'interface Opts<T> { input: T; signal: AbortSignal | undefined } declare function proc<T>(cb: (opts: Opts<T>) => void): void; proc((opts) => { here(); });',
      ['opts.signal(property)'],
    ],
    [
      'one overload of several',
      'declare function o2(cb: (opts: { a: 1 }) => void): void; declare function o2(cb: (opts: { signal: AbortSignal }) => void, n: number): void; o2((opts) => { here(); }, 1);',
      ['opts.signal(property)'],
    ],
    [
      'a mapped options type',
      'declare function m<T>(o: { [K in keyof T]: (options: { signal: AbortSignal }) => void }): void; m({ a: (options) => { here(); } });',
      ['options.signal(property)'],
    ],
  ])('%s', (_name, code, expected) => {
    expect(signalsAtHere(code)).toEqual([expected]);
  });
});
