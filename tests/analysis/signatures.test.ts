import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { getEnclosingFunction, getSignalSlot, getTypeInfo, isSignalPassed, mayCallbackParameterCarrySignal, type CallLike } from '../../src/analysis';
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

/** At the call `here()`: could the enclosing callback's first parameter carry a signal, by what its callee declares? */
function callbackMayCarry(code: string): (boolean | null)[] {
  return probe<boolean | null>(`declare function here(): void;\n${code}`, (context, push) => ({
    CallExpression(node) {
      if (node.callee.type !== AST_NODE_TYPES.Identifier || node.callee.name !== 'here') return;
      const fn = getEnclosingFunction(node);
      const info = getTypeInfo(context);
      const callback = fn?.type === AST_NODE_TYPES.ArrowFunctionExpression || fn?.type === AST_NODE_TYPES.FunctionExpression ? fn : null;
      push(info && callback ? mayCallbackParameterCarrySignal(info, callback, 0) : null);
    },
  }));
}

describe('mayCallbackParameterCarrySignal', () => {
  const FN = 'declare function fn<Args extends any[]>(body: (...args: Args) => void): (...args: Args) => void;';
  const OF = "declare function of<const H extends { [K in 'a' | 'b']: (req: { id: K }) => void }>(h: H): H;";
  const OF_SIGNAL = "declare function of<const H extends { [K in 'a' | 'b']: (req: { id: K; signal?: AbortSignal }) => void }>(h: H): H;";
  const OF_PAYLOAD = "type Struct<F> = { readonly [K in keyof F]: F[K] }; declare function of<const H extends { a: (req: Struct<Record<'id', string>>) => void }>(h: H): H;";
  const FN_THIS = 'declare function fu<Args extends any[]>(body: (this: unknown, ...args: Args) => void): (...args: Args) => void;';
  it.each<[string, string, boolean]>([
    ['a closed type without a signal', 'declare function each(cb: (options: { a: number }) => void): void; each((options) => { here(); });', false],
    ['a closed type with a signal', 'declare function each(cb: (options: { signal?: AbortSignal }) => void): void; each((options) => { here(); });', true],
    ['an AbortSignal', 'declare function each(cb: (signal: AbortSignal) => void): void; each((signal) => { here(); });', true],
    ['a parameter the callee does not declare', 'declare function each(cb: () => void): void; each((options?: unknown) => { here(); });', false],
    ['a type parameter inferred from another argument', 'declare function run<T>(value: T, cb: (opts: T) => void): void; run(1, (opts) => { here(); });', true],
    ['a rest type parameter nothing else infers (Effect.fn)', `${FN} const h = fn((options) => { here(); });`, false],
    ['the same as a statement', `${FN} fn((options) => { here(); });`, false],
    ['the same with a contextual type', `${FN} const h: (o: { signal: AbortSignal }) => void = fn((options) => { here(); });`, true],
    ['the same with a contextual type without a signal', `${FN} const h: (o: { a: number }) => void = fn((options) => { here(); });`, false],
    ['the same in an object typed by its declaration', `${FN} const s: { add: (o: { tool: string }) => void } = { add: fn((options) => { here(); }) };`, false],
    ['the same in an object whose declaration has a signal', `${FN} const s: { add: (o: { signal?: AbortSignal }) => void } = { add: fn((options) => { here(); }) };`, true],
    ['a callback type with its own `this` (Effect.fnUntraced)', `${FN_THIS} const h = fu((options) => { here(); });`, false],
    ['the same with a contextual type that has a signal', `${FN_THIS} const h: (o: { signal: AbortSignal }) => void = fu((options) => { here(); });`, true],
    ['the same with explicit type arguments', `${FN} const h = fn<[{ signal: AbortSignal }]>((options) => { here(); });`, true],
    ['the same when the callback annotates another parameter', `${FN} const h = fn((options, n: number) => { here(); });`, true],
    ['a type parameter with a default', 'declare function d<T = { signal: AbortSignal }>(body: (opts: T) => void): void; d((opts) => { here(); });', true],
    ['a type parameter the receiver fills', 'declare const o: { f<T>(this: T, cb: (opts: T) => void): void; signal: AbortSignal }; o.f((opts) => { here(); });', true],
    ['a constraint naming another type parameter', 'declare function c<A, T extends A>(a: A, body: (opts: T) => void): void; c(1, (opts) => { here(); });', true],
    ['an overload needing more arguments is never resolved', 'declare function o(cb: (opts: { a: 1 }) => void): void; declare function o(cb: (opts: { signal: AbortSignal }) => void, n: number): void; o((opts) => { here(); });', false],
    ['a property of an options argument', 'declare function q(o: { queryFn: (context: { a: 1 }) => void }): void; q({ queryFn: (context) => { here(); } });', false],
    ['a handler of a mapped type, read through the constraint', `${OF} of({ a: (req) => { here(); } });`, false],
    ['the same when the handler takes a signal', `${OF_SIGNAL} of({ a: (req) => { here(); } });`, true],
    ['a handler whose payload is a mapped type without a signal', `${OF_PAYLOAD} of({ a: (req) => { here(); } });`, false],
    ['a handler whose payload is a mapped type with a signal', OF_PAYLOAD.replace("'id'", "'id' | 'signal'") + ' of({ a: (req) => { here(); } });', true],
    ['a mapped type over an open type', 'declare function of2<T>(t: T, h: { [K in keyof T]: (req: T[K]) => void }): void; of2({ a: { signal: new AbortController().signal } }, { a: (req) => { here(); } });', true],
    ['a type parameter another argument fills too', "declare function two<const H extends { a: (req: { id: string }) => void }>(first: H, h: H): H; two({ a: (req: { id: string; signal: AbortSignal }) => {} }, { a: (req) => { here(); } });", true],
    ['a constraint naming another type parameter of the call', "declare function dep<R, const H extends { [K in keyof R]: (req: R[K]) => void }>(r: R, h: H): H; dep({ a: { id: 'x' } }, { a: (req) => { here(); } });", true],
    ['an unconstrained type parameter', 'declare function of3<H>(h: H): H; of3({ a: (req) => { here(); } });', true],
    ['a callee of unknown type', 'declare const u: any; u((options) => { here(); });', true],
    ['a callback not handed to a call', 'const h = (options) => { here(); };', true],
  ])('%s', (_name, code, expected) => {
    expect(callbackMayCarry(code)).toEqual([expected]);
  });
});
