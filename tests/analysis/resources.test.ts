import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { getAcquiredResource, getReleasedExpression, releaseText } from '../../src/analysis';
import { probe } from './harness';

/** The resource acquired by the initialiser of every `const x = …`, as `kind/label/release`. */
function acquired(code: string, { typed = true, settings }: { typed?: boolean; settings?: unknown } = {}): string[] {
  return probe<string>(
    code,
    (context, push) => ({
      VariableDeclarator(node) {
        if (!node.init || node.id.type !== AST_NODE_TYPES.Identifier) return;
        const resource = getAcquiredResource(settings ? Object.create(context, { settings: { value: settings } }) : context, node.init);
        push(resource ? `${node.id.name}:${resource.kind}/${releaseText(resource, node.id.name, { optional: false })}` : `${node.id.name}:-`);
      },
    }),
    { typed },
  );
}

describe('getAcquiredResource', () => {
  it.each<[string, string, string[]]>([
    ['a DOM/Node interval', 'const t = setInterval(() => {}, 10);', ['t:timer/clearInterval(t)']],
    ['a timeout', 'const t = setTimeout(() => {}, 10);', ['t:timer/clearTimeout(t)']],
    ['an AbortController', 'const ac = new AbortController();', ['ac:abortController/ac.abort()']],
    [
      '[Symbol.asyncDispose] on fs.promises.FileHandle',
      "import { open } from 'node:fs/promises'; const fh = await open('p');",
      ['fh:disposable/await fh[Symbol.asyncDispose]()'],
    ],
    ['an un-awaited promise is not the resource', "import { open } from 'node:fs/promises'; const p = open('p');", ['p:-']],
    [
      'an RxJS-like subscription',
      'interface Subscription { unsubscribe(): void } interface Observable<T> { subscribe(f: (v: T) => void): Subscription } declare const src: Observable<number>; const sub = src.subscribe(() => {});',
      ['sub:subscription/sub.unsubscribe()'],
    ],
    [
      'an IDisposable-like dispose()',
      'interface IDisposable { dispose(): void } declare function watch(): IDisposable; const w = watch();',
      ['w:subscription/w.dispose()'],
    ],
    ['a closeable acquired here', "import { createServer } from 'node:net'; const server = createServer();", ['server:disposable/await server[Symbol.asyncDispose]()']],
    ['a WebSocket (close)', "const ws = new WebSocket('ws://x');", ['ws:closeable/ws.close()']],
    ['a DisposableStack', 'const stack = new DisposableStack();', ['stack:disposable/stack[Symbol.dispose]()']],
    ['plain values are not resources', "const n = Math.max(1, 2); const s = String(1); const m = new Map();", ['n:-', 's:-', 'm:-']],
    ['an any value stays quiet', 'declare function make(): any; const x = make();', ['x:-']],
    ['unsubscribe with a required argument is not a subscription', 'declare function make(): { unsubscribe(id: string): void }; const x = make();', ['x:-']],
    // Generic callees: a closed declared result answers without resolving the call; an open one is resolved.
    [
      'a generic callee whose declared result is a subscription',
      'interface IDisposable { dispose(): void } declare function on<T>(f: (v: T) => void): IDisposable; const d = on((v: number) => {});',
      ['d:subscription/d.dispose()'],
    ],
    [
      'a generic callee whose declared result is a type parameter, filled with a resource',
      'declare function keep<T>(value: () => T): T; const ac = keep(() => new AbortController());',
      ['ac:abortController/ac.abort()'],
    ],
    [
      'overloads of which one returns a resource: the resolved one decides',
      'interface IDisposable { dispose(): void } declare function f<T>(a: T, b: string): IDisposable; declare function f<T>(a: T): () => void; const one = f(1); const two = f(1, "x");',
      ['one:-', 'two:subscription/two.dispose()'],
    ],
    [
      'a generic callee that returns a function (bind) is no resource',
      'function handler(this: unknown, n: number) { return n; } const bound = handler.bind(null, 1);',
      ['bound:-'],
    ],
    [
      'an awaited generic promise of a resource',
      'interface IDisposable { dispose(): void } declare function open<T>(options: T): Promise<IDisposable>; const h = await open({});',
      ['h:subscription/h.dispose()'],
    ],
    [
      'a generic callee whose declared result has a mapped part over a type parameter',
      'interface IDisposable { dispose(): void } declare const d: IDisposable; declare function wrap<T>(value: T): undefined | Readonly<T>; const w = wrap(d);',
      ['w:subscription/w.dispose()'],
    ],
  ])('%s', (_name, code, expected) => {
    expect(acquired(code)).toEqual(expected);
  });

  it('adds custom kinds from settings.asyncleak.resources', () => {
    const code = 'interface Lease { release(): void } declare function lease(): Lease; const l = lease();';
    expect(acquired(code)).toEqual(['l:-']);
    expect(acquired(code, { settings: { asyncleak: { resources: [{ types: ['Lease'], release: 'release' }] } } })).toEqual([
      'l:custom/l.release()',
    ]);
  });

  it('without type information knows only timers and new AbortController()', () => {
    expect(
      acquired(
        "const t = setInterval(() => {}, 1); const ac = new AbortController(); import { open } from 'node:fs/promises'; const fh = await open('p');",
        { typed: false },
      ),
    ).toEqual(['t:timer/clearInterval(t)', 'ac:abortController/ac.abort()', 'fh:-']);
  });
});

describe('getReleasedExpression', () => {
  it('finds what each release call releases', () => {
    const code = [
      'declare const t: any, ac: AbortController | undefined, sub: { unsubscribe(): void }, d: Disposable;',
      'clearTimeout(t); clearInterval(t); ac?.abort(); sub.unsubscribe(); d[Symbol.dispose](); t.close(); t.destroy();',
      'function clearTimeout2(x: unknown) {} clearTimeout2(t); t.other();',
    ].join('\n');
    const found = probe<string>(code, (context, push) => ({
      CallExpression(node) {
        const released = getReleasedExpression(context, node);
        if (released) push(context.sourceCode.getText(released));
      },
    }));
    expect(found).toEqual(['t', 't', 'ac', 'sub', 'd', 't', 't']);
  });
});
