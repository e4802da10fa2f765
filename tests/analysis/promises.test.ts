import { describe, expect, it } from 'vitest';

import {
  getChainRootCall,
  getPromiseCombinator,
  getPromiseConsumption,
  getSelectCall,
  getSignalsInScope,
  isPromiseTimeoutCall,
  mayDependOnSignal,
} from '../../src/analysis';
import { probe } from './harness';

/** Every select in `code` as `method:consumption:contender count`. */
function selects(code: string, typed = true): string[] {
  return probe<string>(
    code,
    (context, push) => ({
      CallExpression(node) {
        const select = getSelectCall(context, node);
        if (select) push(`${select.method}:${select.consumption}:${select.contenders.length}${select.hasSpread ? '+spread' : ''}`);
      },
    }),
    { typed },
  );
}

function combinators(code: string, typed = true): string[] {
  return probe<string>(
    code,
    (context, push) => ({
      CallExpression(node) {
        const combinator = getPromiseCombinator(context, node);
        if (combinator) push(combinator);
      },
    }),
    { typed },
  );
}

const P = 'declare const a: Promise<number>, b: Promise<number>;\n';

describe('getSelectCall', () => {
  it.each<[string, string, string[]]>([
    ['awaited race', `${P}async function f() { await Promise.race([a, b]); }`, ['race:await:2']],
    ['awaited any', `${P}async function f() { const x = await Promise.any([a, b]); }`, ['any:await:2']],
    ['returned from an async function', `${P}async function f() { return Promise.race([a, b]); }`, ['race:return:2']],
    ["an async arrow's expression body", `${P}const f = async () => Promise.race([a, b]);`, ['race:return:2']],
    ['returned from a plain function is not waited for here', `${P}function f() { return Promise.race([a, b]); }`, []],
    ['yielded', `${P}function* g() { yield Promise.race([a, b]); }`, ['race:yield:2']],
    ['chained with .then', `${P}Promise.race([a, b]).then(() => {});`, ['race:chain:2']],
    ['chained with .finally (optional call)', `${P}Promise.race([a, b])?.finally(() => {});`, ['race:chain:2']],
    ['parenthesised and asserted', `${P}async function f() { await (Promise.race([a, b]) as Promise<number>); }`, ['race:await:2']],
    ['spread contenders', `${P}declare const more: Promise<number>[]; async function f() { await Promise.race([a, ...more]); }`, ['race:await:1+spread']],
    ['not waited for: stored', `${P}async function f() { const p = Promise.race([a, b]); await p; }`, []],
    ['not waited for: floating', `${P}Promise.race([a, b]);`, []],
    ['argument not an array literal', `${P}declare const list: Promise<number>[]; async function f() { await Promise.race(list); }`, []],
    ['Promise.all is not a select', `${P}async function f() { await Promise.all([a, b]); await Promise.allSettled([a, b]); }`, []],
    ['a user race', `${P}declare const Bluebird: { race<T>(v: T[]): Promise<T> }; async function f() { await Bluebird.race([a, b]); }`, []],
    ['a shadowing Promise', `${P}async function f(Promise: { race<T>(v: T[]): globalThis.Promise<T> }) { await Promise.race([a, b]); }`, []],
  ])('%s', (_name, code, expected) => {
    expect(selects(code)).toEqual(expected);
  });

  it('without type information, only the unshadowed global Promise', () => {
    expect(selects(`${P}async function f() { await Promise.race([a, b]); }`, false)).toEqual(['race:await:2']);
    expect(selects(`${P}async function f(Promise: any) { await Promise.race([a, b]); }`, false)).toEqual([]);
    expect(selects(`${P}async function f() { await Bluebird.race([a, b]); }`, false)).toEqual([]);
  });
});

describe('getPromiseCombinator', () => {
  it('resolves every host combinator, also through globalThis', () => {
    expect(combinators(`${P}Promise.all([a]); Promise.allSettled([a]); Promise.any([a]); Promise.race([a]); globalThis.Promise.race([a]);`)).toEqual([
      'all',
      'allSettled',
      'any',
      'race',
      'race',
    ]);
  });
  it('ignores look-alikes', () => {
    expect(combinators(`${P}const q = { race: (x: unknown[]) => x }; q.race([a]); Promise.resolve(1);`)).toEqual([]);
  });
});

describe('getPromiseConsumption', () => {
  it('is null for a value that is only stored', () => {
    const found = probe<string | null>(`${P}async function f() { const p = Promise.race([a, b]); }`, (_context, push) => ({
      CallExpression(node) {
        push(getPromiseConsumption(node));
      },
    }));
    expect(found).toEqual([null]);
  });
});

describe('isPromiseTimeoutCall', () => {
  function timeouts(code: string, typed = true): string[] {
    return probe<string>(
      code,
      (context, push) => ({
        CallExpression(node) {
          if (isPromiseTimeoutCall(context, node)) push(context.sourceCode.getText(node));
        },
      }),
      { typed },
    );
  }
  it.each<[string, string, string[]]>([
    ['renamed import', "import { setTimeout as sleep } from 'node:timers/promises'; await sleep(10);", ['sleep(10)']],
    ['named import', "import { setTimeout } from 'timers/promises'; await setTimeout(10);", ['setTimeout(10)']],
    ['namespace import', "import * as tp from 'node:timers/promises'; await tp.setTimeout(10);", ['tp.setTimeout(10)']],
    ['the host setTimeout is not one', 'setTimeout(() => {}, 10);', []],
    ['setImmediate is not one', "import { setImmediate } from 'node:timers/promises'; await setImmediate();", []],
    ['a local sleep is not one', 'const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms)); await sleep(10);', []],
  ])('%s', (_name, code, expected) => {
    expect(timeouts(code)).toEqual(expected);
  });
  it('works from syntax without type information', () => {
    expect(timeouts("import { setTimeout as sleep } from 'node:timers/promises'; await sleep(10);", false)).toEqual(['sleep(10)']);
  });
});

describe('getChainRootCall', () => {
  it('walks down then/catch/finally to the call that started the chain', () => {
    const found = probe<string>("declare const url: string; fetch(url).then((r) => r.json()).catch(() => null); ", (context, push) => ({
      ExpressionStatement(node) {
        const root = getChainRootCall(node.expression);
        if (root) push(context.sourceCode.getText(root));
      },
    }));
    expect(found).toEqual(['fetch(url)']);
  });
});

describe('mayDependOnSignal (used by the select rule)', () => {
  /** For the argument of `probeHere(...)`: may it be tied to the signals in scope? */
  function tied(code: string): boolean[] {
    return probe<boolean>(`declare function probeHere(x: unknown): void;\n${code}`, (context, push) => ({
      CallExpression(node) {
        if (node.callee.type === 'Identifier' && node.callee.name === 'probeHere') {
          push(mayDependOnSignal(context, node.arguments[0]!, getSignalsInScope(context, node)));
        }
      },
    }));
  }
  it.each<[string, string, boolean]>([
    ['mentions the signal', "function f(signal: AbortSignal) { probeHere(new Promise((r) => signal.addEventListener('abort', r))); }", true],
    ['a local promise built from the signal', 'declare function aborted(s: AbortSignal): Promise<never>; function f(signal: AbortSignal) { const p = aborted(signal).then(() => 1); probeHere(p); }', true],
    ['a local closure that listens to it', "function f(signal: AbortSignal) { const wait = () => new Promise((r) => signal.addEventListener('abort', r)); const p = wait(); probeHere(p); }", true],
    ['a deferred resolve stored from another function', 'function f(signal: AbortSignal) { let done: (() => void) | undefined; const p = new Promise<void>((r) => { done = r; }); probeHere(p); }', true],
    ['a module-level promise', 'declare const closed: Promise<void>; function f(signal: AbortSignal) { probeHere(closed); }', false],
    ['a local promise with no link', 'declare function later(): Promise<void>; function f(signal: AbortSignal) { const p = later(); probeHere(p); }', false],
  ])('%s', (_name, code, expected) => {
    expect(tied(code)).toEqual([expected]);
  });
});
