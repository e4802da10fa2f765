import { describe, expect, it } from 'vitest';

import { getClearTimerCall, getTimerCall } from '../../src/analysis';
import { probe } from './harness';

/** Every call in `code` that the analysis says is a timer, as `callee-text:kind`. */
function timerCalls(code: string, typed = true): string[] {
  return probe<string>(
    code,
    (context, push) => ({
      CallExpression(node) {
        const kind = getTimerCall(context, node) ?? getClearTimerCall(context, node);
        if (kind) push(`${context.sourceCode.getText(node.callee)}:${kind}`);
      },
    }),
    { typed },
  );
}

const cases: Array<[name: string, code: string, expected: string[]]> = [
  ['global setTimeout/setInterval', 'setTimeout(() => {}, 1); setInterval(() => {}, 1);', ['setTimeout:setTimeout', 'setInterval:setInterval']],
  ['clearTimeout/clearInterval', 'clearTimeout(undefined); clearInterval(undefined);', ['clearTimeout:clearTimeout', 'clearInterval:clearInterval']],
  ['window.setTimeout', 'window.setTimeout(() => {}, 1);', ['window.setTimeout:setTimeout']],
  ['globalThis. and self.', 'globalThis.setInterval(() => {}, 1); self.setTimeout(() => {}, 1);', ['globalThis.setInterval:setInterval', 'self.setTimeout:setTimeout']],
  ['destructured alias from globalThis', 'const { setInterval: every } = globalThis; every(() => {}, 10);', ['every:setInterval']],
  ['plain alias', 'const later = setTimeout; later(() => {}, 10);', ['later:setTimeout']],
  ['node:timers named import', "import { setInterval } from 'node:timers'; setInterval(() => {}, 10);", ['setInterval:setInterval']],
  ['timers namespace import', "import * as timers from 'timers'; timers.setTimeout(() => {}, 10);", ['timers.setTimeout:setTimeout']],
  ['renamed import', "import { setTimeout as later } from 'node:timers'; later(() => {}, 10);", ['later:setTimeout']],
  ['shadowed by a local function', 'function setTimeout(fn: () => void, ms: number) {} setTimeout(() => {}, 1);', []],
  ['shadowed by a parameter', 'function f(setInterval: (f: () => void, n: number) => void) { setInterval(() => {}, 1); }', []],
  ['fake-timer object method', 'declare const clock: { setTimeout(f: () => void, n: number): number }; clock.setTimeout(() => {}, 10);', []],
  ['node:timers/promises is not a timer', "import { setTimeout } from 'node:timers/promises'; await setTimeout(10);", []],
  ['setImmediate is not a timer', 'setImmediate(() => {});', []],
  ['a user object called window', 'const window = { setTimeout(f: () => void) {} }; window.setTimeout(() => {});', []],
  // A callee behind an assertion or parentheses is still the host's (the assertion may hide its type).
  ['callee as any', '(setTimeout as any)(() => {}, 1); (clearTimeout as any)(undefined);', ['setTimeout as any:setTimeout', 'clearTimeout as any:clearTimeout']],
  ['callee satisfies, non-null, <any>', '(setInterval satisfies unknown)(() => {}, 1); setTimeout!(() => {}, 1); (<any>setInterval)(() => {}, 1);', ['setInterval satisfies unknown:setInterval', 'setTimeout!:setTimeout', '<any>setInterval:setInterval']],
  ['callee as unknown as typeof', '(setInterval as unknown as typeof setInterval)(() => {}, 1);', ['setInterval as unknown as typeof setInterval:setInterval']],
  ['parenthesised callee', '(setTimeout)(() => {}, 1); (window.setInterval)(() => {}, 1);', ['setTimeout:setTimeout', 'window.setInterval:setInterval']],
  ['a fake timer behind as any', 'declare const clock: { setTimeout(f: () => void, n: number): number }; (clock.setTimeout as any)(() => {}, 10);', []],
];

describe('getTimerCall / getClearTimerCall (type-aware)', () => {
  it.each(cases)('%s', (_name, code, expected) => {
    expect(timerCalls(code)).toEqual(expected);
  });

  it('rejects a global declared by the user, not the host', () => {
    expect(timerCalls('declare function setInterval2(): void; const setTimeout = setInterval2; setTimeout();')).toEqual([]);
  });
});

describe('getTimerCall without type information', () => {
  it.each(cases.filter(([name]) => name !== 'node:timers/promises is not a timer'))('%s', (_name, code, expected) => {
    expect(timerCalls(code, false)).toEqual(expected);
  });

  it('cannot tell node:timers/promises apart by resolution, but only by import source', () => {
    expect(timerCalls("import { setTimeout } from 'node:timers/promises'; await setTimeout(10);", false)).toEqual([]);
  });
});
