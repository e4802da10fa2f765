import type { InferMessageIdsTypeFromRule } from '@typescript-eslint/utils/eslint-utils';
import * as path from 'node:path';

import parser from '@typescript-eslint/parser';
import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import rule from '../../src/rules/await-in-select-without-abort';
import { createTypedRuleTester, createUntypedRuleTester, fixturesDir, TYPED_PARSER_OPTIONS } from '../rule-tester';
import { fixOutputs } from '../fix-outputs';
import { expectNoNewTypeErrors } from '../typecheck';

type MessageIds = InferMessageIdsTypeFromRule<typeof rule>;
type Options = [{ autofix?: boolean; evidence?: 'proven' | 'possible' }];

/** `strict`: also a losing timer whose callback only settles the lost promise, in a race that runs once. */
const STRICT: Options = [{ evidence: 'possible' }];

const TIMEOUT = "new Promise<never>((_, rej) => setTimeout(() => rej(new Error('timeout')), 5000))";

const valid: (string | ValidTestCase<Options>)[] = [
  // The spec's "do not report" examples.
  `import { setTimeout } from 'node:timers/promises';
declare const url: string;
async function f() {
  const ac = new AbortController();
  try { return await Promise.race([fetch(url, { signal: ac.signal }), setTimeout(5000, undefined, { signal: ac.signal })]); } finally { ac.abort(); }
}`,
  'declare const ready: Promise<void>, closed: Promise<void>; async function f() { await Promise.race([ready, closed]); }',
  'declare const url: string; async function f() { await fetch(url, { signal: AbortSignal.timeout(5000) }); }',
  // Not a select: Promise.all/allSettled, a Bluebird-like or user `race`, a shadowed Promise, a non-literal array.
  `declare const url: string; async function f() { await Promise.all([fetch(url), ${TIMEOUT}]); await Promise.allSettled([fetch(url), ${TIMEOUT}]); }`,
  `declare const Bluebird: { race<T>(v: T[]): Promise<T> }; declare const url: string; async function f() { await Bluebird.race([fetch(url), ${TIMEOUT}]); }`,
  `function race<T>(v: T[]): Promise<T> { return v[0] as never; } const P = { race, any: race }; declare const url: string; async function f() { await P.race([fetch(url), ${TIMEOUT}]); await P.any([fetch(url), fetch(url)]); }`,
  'declare const url: string; declare const list: Promise<Response>[]; async function f() { await Promise.race(list); }',
  // Not waited for: floating, stored, returned from a plain function.
  `declare const url: string; function f() { Promise.race([fetch(url), ${TIMEOUT}]); const p = Promise.race([fetch(url), ${TIMEOUT}]); return p; }`,
  `declare const url: string; function f() { return Promise.race([fetch(url), ${TIMEOUT}]); }`,
  // One contender: nothing can lose.
  'async function f(url: string) { return Promise.race([fetch(url)]); }',
  // The canonical correct pattern: one controller aborted in an enclosing finally, the timer cleared.
  `async function f(url: string) {
  const ac = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([fetch(url, { signal: ac.signal }), new Promise<never>((_, rej) => { timer = setTimeout(() => rej(new Error('t')), 100); })]);
  } finally {
    clearTimeout(timer);
    ac.abort();
  }
}`,
  // The handle cleared by the winner itself.
  `async function f(url: string) {
  let id: ReturnType<typeof setTimeout> | undefined;
  const timeout = 1;
  return await Promise.race([
    fetch(url, { signal: AbortSignal.timeout(1000) }).then((r) => { clearTimeout(id); return r; }),
    new Promise<never>((_, reject) => { id = setTimeout(() => reject(new Error('t')), timeout); }),
  ]);
}`,
  // The timer cleared by an abort listener inside the executor; the fetch bounded by the caller's signal.
  `async function f(url: string, signal: AbortSignal) {
  return await Promise.race([
    fetch(url, { signal }),
    new Promise<never>((_, rej) => { const t = setTimeout(() => rej(new Error('t')), 100); signal.addEventListener('abort', () => clearTimeout(t)); }),
  ]);
}`,
  // An unref'd timer does not hold the process open; the fetch is bounded by AbortSignal.timeout.
  `declare const closed: Promise<never>; async function f(url: string) { await Promise.race([fetch(url, { signal: AbortSignal.timeout(5000) }), new Promise<void>((r) => setTimeout(r, 100).unref()), closed]); }`,
  // A controller aborted after the race, or linked to the caller's signal and aborted in finally.
  `declare const closed: Promise<never>; async function f(url: string) { const ac = new AbortController(); const r = await Promise.race([fetch(url, { signal: ac.signal }), closed]); ac.abort(); return r; }`,
  `declare const closed: Promise<never>;
async function f(url: string, signal: AbortSignal) {
  const ac = new AbortController();
  signal.addEventListener('abort', () => ac.abort(), { once: true });
  try { return await Promise.race([fetch(url, { signal: ac.signal }), closed]); } finally { ac.abort(); }
}`,
  // A controller handed on to someone else: theirs to abort.
  `declare const closed: Promise<never>; declare function track(ac: AbortController): void; async function f(url: string) { const ac = new AbortController(); track(ac); await Promise.race([fetch(url, { signal: ac.signal }), closed]); }`,
  // A signal in scope and a contender missing it: require-signal-propagation's report, not ours.
  'declare const closed: Promise<never>; async function f(url: string, signal: AbortSignal) { await Promise.race([fetch(url), closed]); }',
  "import { setTimeout as sleep } from 'node:timers/promises'; declare const ready: Promise<void>; async function f(signal: AbortSignal) { await Promise.race([ready, sleep(1000)]); }",
  // A signal in scope that a contender listens to.
  "import { once } from 'node:events'; declare const ready: Promise<void>; async function f(signal: AbortSignal) { await Promise.race([ready, new Promise((_, rej) => signal.addEventListener('abort', rej, { once: true }))]); }",
  'declare function aborted(s: AbortSignal): Promise<never>; declare const ready: Promise<void>; async function f(opts: { signal: AbortSignal }) { await Promise.race([ready, aborted(opts.signal)]); }',
  // A contender that passes some other signal (linked or not: require-signal-propagation judges that).
  'declare const closed: Promise<never>; async function f(url: string, signal: AbortSignal) { await Promise.race([fetch(url, { signal: AbortSignal.timeout(1000) }), closed]); }',
  // `_signal` is deliberately unused; a race in a finally or an abort listener runs after abort on purpose.
  'declare const a: Promise<void>, b: Promise<void>; async function f(_signal: AbortSignal) { await Promise.race([a, b]); }',
  'declare const a: Promise<void>, b: Promise<void>; async function f(signal: AbortSignal) { try { await a; } finally { await Promise.race([a, b]); } }',
  // A timer handed on, or two timers: not ours to judge.
  'declare const keep: (t: unknown) => void; declare const ready: Promise<void>; async function f() { await Promise.race([ready, new Promise<void>((r) => { const t = setTimeout(r, 10); keep(t); })]); }',
  // A timeout built elsewhere (a helper) is a promise created elsewhere.
  'declare function timeout(ms: number): Promise<never>; async function f(url: string) { await Promise.race([fetch(url, { signal: AbortSignal.timeout(10) }), timeout(10)]); }',
  // A local function called setTimeout is not a timer.
  'declare const ready: Promise<void>; async function f() { const setTimeout = (fn: () => void, ms: number) => fn; await Promise.race([ready, new Promise<void>((r) => setTimeout(r, 10))]); }',
  // From the corpus (openai): contenders built earlier in the function from the signal,
  // directly or through a local closure that listens to it.
  `declare function waitForRetry(ms: number, signal: AbortSignal): Promise<void>;
async function read(response: Response, callerSignal: AbortSignal) {
  const deadline = new AbortController();
  callerSignal.addEventListener('abort', () => deadline.abort(), { once: true });
  try {
    const expiration = waitForRetry(1000, deadline.signal).then(() => { throw new Error('timeout'); });
    return await Promise.race([response.text().catch(() => ''), expiration]);
  } finally {
    deadline.abort();
  }
}`,
  `declare const source: AsyncIterator<Uint8Array>;
function wrap(signal: AbortSignal) {
  const waitForAbort = () => new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
  return {
    async next() {
      const aborted = waitForAbort().then(() => ({ done: true as const, value: undefined }));
      return await Promise.race([source.next(), aborted]);
    },
  };
}`,
  // The deferred pattern: the contender's resolve is stored and called by an abort handler.
  `declare const source: AsyncIterator<Uint8Array>;
function wrap(signal: AbortSignal) {
  let interrupt: (() => void) | undefined;
  const waitForAbort = () => new Promise<void>((resolve) => { interrupt = resolve; });
  signal.addEventListener('abort', () => interrupt?.(), { once: true });
  return {
    async next() {
      const aborted = waitForAbort();
      return await Promise.race([source.next(), aborted]);
    },
  };
}`,
  // A deferred tied to the signal (mongodb's abortable): its `reject` runs from an abort listener, so the race listens to the signal.
  `declare function addAbortListener(signal: AbortSignal, listener: (this: AbortSignal) => void): Disposable;\nexport async function abortable<T>(promise: Promise<T>, { signal }: { signal?: AbortSignal }): Promise<T> {\n  if (signal == null) return await promise;\n  const { promise: aborted, reject } = Promise.withResolvers<never>();\n  const abortListener = signal.aborted\n    ? reject(signal.reason)\n    : addAbortListener(signal, function () {\n        reject(this.reason);\n      });\n  try {\n    return await Promise.race([promise, aborted]);\n  } finally {\n    abortListener?.[Symbol.dispose]();\n  }\n}`,
  // Odd shapes never throw: holes, spreads only, computed access, a single written contender.
  'declare const ready: Promise<void>; declare const more: Promise<void>[]; async function f() { await Promise.race([, ready]); await Promise.race([...more]); await Promise["race"]([ready]); await Promise.race([, new Promise<void>((r) => setTimeout(r, 1))]); }',
  // Options: autofix changes nothing about what is reported.
  { code: 'declare const ready: Promise<void>, closed: Promise<void>; async function f() { await Promise.race([ready, closed]); }', options: [{ autofix: true }] },
];

const invalid: InvalidTestCase<MessageIds, Options>[] = [
  // The spec's classic timeout race: the fetch and the timer both lose sometimes.
  {
    options: STRICT,
    code: "declare const url: string;\nasync function f() {\n  const res = await Promise.race([fetch(url), new Promise<never>((_, rej) => setTimeout(() => rej(new Error('timeout')), 5000))]);\n  return res;\n}",
    errors: [
      {
        messageId: 'operationLoser',
        line: 3,
        suggestions: [
          { messageId: 'abortLosers', output: "declare const url: string;\nasync function f() {\n  const ac = new AbortController();\n  const res = await Promise.race([fetch(url, { signal: ac.signal }), new Promise<never>((_, rej) => { const timer = setTimeout(() => rej(new Error('timeout')), 5000); ac.signal.addEventListener('abort', () => clearTimeout(timer), { once: true }); })]).finally(() => ac.abort());\n  return res;\n}" },
          { messageId: 'useTimeoutSignal', output: "declare const url: string;\nasync function f() {\n  const res = await fetch(url, { signal: AbortSignal.timeout(5000) });\n  return res;\n}" },
        ],
      },
      {
        messageId: 'timerLoser',
        line: 3,
        suggestions: [
          { messageId: 'abortLosers', output: "declare const url: string;\nasync function f() {\n  const ac = new AbortController();\n  const res = await Promise.race([fetch(url, { signal: ac.signal }), new Promise<never>((_, rej) => { const timer = setTimeout(() => rej(new Error('timeout')), 5000); ac.signal.addEventListener('abort', () => clearTimeout(timer), { once: true }); })]).finally(() => ac.abort());\n  return res;\n}" },
          { messageId: 'useTimeoutSignal', output: "declare const url: string;\nasync function f() {\n  const res = await fetch(url, { signal: AbortSignal.timeout(5000) });\n  return res;\n}" },
        ],
      },
    ],
  },
  // The spec's `next(signal)`: a race of promises created elsewhere that ignores the caller's signal.
  {
    code: "declare const queue: { take(): Promise<string> };\ndeclare const closed: Promise<never>;\nasync function next(signal: AbortSignal) { return Promise.race([queue.take(), closed]); }",
    errors: [
      {
        messageId: 'ignoresSignal',
        line: 3,
        suggestions: [
          { messageId: 'rejectOnAbort', output: "declare const queue: { take(): Promise<string> };\ndeclare const closed: Promise<never>;\nasync function next(signal: AbortSignal) { const ac = new AbortController(); try { return await Promise.race([queue.take(), closed, new Promise<never>((_, reject) => { signal.throwIfAborted(); signal.addEventListener('abort', () => reject(signal.reason), { once: true, signal: ac.signal }); })]); } finally { ac.abort(); } }" },
        ],
      },
    ],
  },
  // The spec's `Promise.any`: the loser keeps downloading.
  {
    code: "declare const a: string, b: string;\nasync function f() {\n  await Promise.any([fetch(a), fetch(b)]);\n}",
    errors: [
      {
        messageId: 'operationLoser',
        line: 3,
        suggestions: [
          { messageId: 'abortLosers', output: "declare const a: string, b: string;\nasync function f() {\n  const ac = new AbortController();\n  try {\n    await Promise.any([fetch(a, { signal: ac.signal }), fetch(b, { signal: ac.signal })]);\n  } finally {\n    ac.abort();\n  }\n}" },
        ],
      },
      {
        messageId: 'operationLoser',
        line: 3,
        suggestions: [
          { messageId: 'abortLosers', output: "declare const a: string, b: string;\nasync function f() {\n  const ac = new AbortController();\n  try {\n    await Promise.any([fetch(a, { signal: ac.signal }), fetch(b, { signal: ac.signal })]);\n  } finally {\n    ac.abort();\n  }\n}" },
        ],
      },
    ],
  },
  // The spec's `node:timers/promises` timeout without a signal.
  {
    options: STRICT,
    code: "import { setTimeout as sleep } from 'node:timers/promises';\ndeclare function work(): Promise<void>;\nasync function f() {\n  await Promise.race([work(), sleep(1000)]);\n}",
    errors: [
      {
        messageId: 'timerLoser',
        line: 4,
        suggestions: [
          { messageId: 'abortLosers', output: "import { setTimeout as sleep } from 'node:timers/promises';\ndeclare function work(): Promise<void>;\nasync function f() {\n  const ac = new AbortController();\n  try {\n    await Promise.race([work(), sleep(1000, undefined, { signal: ac.signal })]);\n  } finally {\n    ac.abort();\n  }\n}" },
        ],
      },
    ],
  },
  // Chained with `.then` (not awaited here): the `.finally` form.
  {
    options: STRICT,
    code: "function f(url: string) {\n  return Promise.race([fetch(url), new Promise<never>((_, rej) => setTimeout(() => rej(new Error('t')), 100))]).then((r) => r.json());\n}",
    errors: [
      {
        messageId: 'operationLoser',
        line: 2,
        suggestions: [
          { messageId: 'abortLosers', output: "function f(url: string) {\n  const ac = new AbortController();\n  return Promise.race([fetch(url, { signal: ac.signal }), new Promise<never>((_, rej) => { const timer = setTimeout(() => rej(new Error('t')), 100); ac.signal.addEventListener('abort', () => clearTimeout(timer), { once: true }); })]).finally(() => ac.abort()).then((r) => r.json());\n}" },
          { messageId: 'useTimeoutSignal', output: "function f(url: string) {\n  return fetch(url, { signal: AbortSignal.timeout(100) }).then((r) => r.json());\n}" },
        ],
      },
      {
        messageId: 'timerLoser',
        line: 2,
        suggestions: [
          { messageId: 'abortLosers', output: "function f(url: string) {\n  const ac = new AbortController();\n  return Promise.race([fetch(url, { signal: ac.signal }), new Promise<never>((_, rej) => { const timer = setTimeout(() => rej(new Error('t')), 100); ac.signal.addEventListener('abort', () => clearTimeout(timer), { once: true }); })]).finally(() => ac.abort()).then((r) => r.json());\n}" },
          { messageId: 'useTimeoutSignal', output: "function f(url: string) {\n  return fetch(url, { signal: AbortSignal.timeout(100) }).then((r) => r.json());\n}" },
        ],
      },
    ],
  },
  // A multi-line `return await`: wrapped and re-indented; a local handle gets its abort listener.
  {
    options: STRICT,
    code: "async function f(url: string, ms: number) {\n  return await Promise.race([\n    fetch(url),\n    new Promise<never>((_, reject) => {\n      const t = setTimeout(() => reject(new Error('t')), ms);\n    }),\n  ]);\n}",
    errors: [
      {
        messageId: 'operationLoser',
        line: 3,
        suggestions: [
          { messageId: 'abortLosers', output: "async function f(url: string, ms: number) {\n  const ac = new AbortController();\n  try {\n    return await Promise.race([\n      fetch(url, { signal: ac.signal }),\n      new Promise<never>((_, reject) => {\n        const t = setTimeout(() => reject(new Error('t')), ms);\n        ac.signal.addEventListener('abort', () => clearTimeout(t), { once: true });\n      }),\n    ]);\n  } finally {\n    ac.abort();\n  }\n}" },
          { messageId: 'useTimeoutSignal', output: "async function f(url: string, ms: number) {\n  return await fetch(url, { signal: AbortSignal.timeout(ms) });\n}" },
        ],
      },
      {
        messageId: 'timerLoser',
        line: 4,
        suggestions: [
          { messageId: 'abortLosers', output: "async function f(url: string, ms: number) {\n  const ac = new AbortController();\n  try {\n    return await Promise.race([\n      fetch(url, { signal: ac.signal }),\n      new Promise<never>((_, reject) => {\n        const t = setTimeout(() => reject(new Error('t')), ms);\n        ac.signal.addEventListener('abort', () => clearTimeout(t), { once: true });\n      }),\n    ]);\n  } finally {\n    ac.abort();\n  }\n}" },
          { messageId: 'useTimeoutSignal', output: "async function f(url: string, ms: number) {\n  return await fetch(url, { signal: AbortSignal.timeout(ms) });\n}" },
        ],
      },
    ],
  },
  // Yielded from a generator.
  {
    options: STRICT,
    code: "function* g(url: string): Generator<Promise<Response>> {\n  yield Promise.race([fetch(url), new Promise<never>((_, rej) => setTimeout(() => rej(new Error('t')), 100))]);\n}",
    errors: [
      {
        messageId: 'operationLoser',
        line: 2,
        suggestions: [
          { messageId: 'abortLosers', output: "function* g(url: string): Generator<Promise<Response>> {\n  const ac = new AbortController();\n  yield Promise.race([fetch(url, { signal: ac.signal }), new Promise<never>((_, rej) => { const timer = setTimeout(() => rej(new Error('t')), 100); ac.signal.addEventListener('abort', () => clearTimeout(timer), { once: true }); })]).finally(() => ac.abort());\n}" },
          { messageId: 'useTimeoutSignal', output: "function* g(url: string): Generator<Promise<Response>> {\n  yield fetch(url, { signal: AbortSignal.timeout(100) });\n}" },
        ],
      },
      {
        messageId: 'timerLoser',
        line: 2,
        suggestions: [
          { messageId: 'abortLosers', output: "function* g(url: string): Generator<Promise<Response>> {\n  const ac = new AbortController();\n  yield Promise.race([fetch(url, { signal: ac.signal }), new Promise<never>((_, rej) => { const timer = setTimeout(() => rej(new Error('t')), 100); ac.signal.addEventListener('abort', () => clearTimeout(timer), { once: true }); })]).finally(() => ac.abort());\n}" },
          { messageId: 'useTimeoutSignal', output: "function* g(url: string): Generator<Promise<Response>> {\n  yield fetch(url, { signal: AbortSignal.timeout(100) });\n}" },
        ],
      },
    ],
  },
  // A signal in scope: the fetch is require-signal-propagation's; the timer is ours, with `AbortSignal.any`.
  {
    options: STRICT,
    code: "async function f(url: string, signal: AbortSignal) {\n  const res = await Promise.race([fetch(url), new Promise<never>((_, rej) => setTimeout(() => rej(new Error('t')), 100))]);\n  return res;\n}",
    errors: [
      {
        messageId: 'timerLoser',
        line: 2,
        suggestions: [
          { messageId: 'abortLosers', output: "async function f(url: string, signal: AbortSignal) {\n  const ac = new AbortController();\n  const res = await Promise.race([fetch(url), new Promise<never>((_, rej) => { const timer = setTimeout(() => rej(new Error('t')), 100); ac.signal.addEventListener('abort', () => clearTimeout(timer), { once: true }); })]).finally(() => ac.abort());\n  return res;\n}" },
          { messageId: 'useTimeoutSignal', output: "async function f(url: string, signal: AbortSignal) {\n  const res = await fetch(url, { signal: AbortSignal.any([signal, AbortSignal.timeout(100)]) });\n  return res;\n}" },
        ],
      },
    ],
  },
  // A controller that nothing aborts: abort it once the race settles (the unref'd timer is left alone).
  {
    code: "async function f(url: string) {\n  const ac = new AbortController();\n  const data = await Promise.race([fetch(url, { signal: ac.signal }), new Promise<never>((_, rej) => setTimeout(() => rej(new Error('t')), 100).unref())]);\n  return data;\n}",
    errors: [
      {
        messageId: 'operationLoser',
        line: 3,
        suggestions: [
          { messageId: 'abortLosers', output: "async function f(url: string) {\n  const ac = new AbortController();\n  const data = await Promise.race([fetch(url, { signal: ac.signal }), new Promise<never>((_, rej) => setTimeout(() => rej(new Error('t')), 100).unref())]).finally(() => ac.abort());\n  return data;\n}" },
        ],
      },
    ],
  },
  // A handle kept in an outer variable but never cleared: cleared in the `finally`.
  {
    options: STRICT,
    code: "async function f(url: string) {\n  let timer: ReturnType<typeof setTimeout> | undefined;\n  const res = await Promise.race([fetch(url), new Promise<never>((_, rej) => { timer = setTimeout(() => rej(new Error('t')), 100); })]);\n  return res;\n}",
    errors: [
      {
        messageId: 'operationLoser',
        line: 3,
        suggestions: [
          { messageId: 'abortLosers', output: "async function f(url: string) {\n  let timer: ReturnType<typeof setTimeout> | undefined;\n  const ac = new AbortController();\n  const res = await Promise.race([fetch(url, { signal: ac.signal }), new Promise<never>((_, rej) => { timer = setTimeout(() => rej(new Error('t')), 100); })]).finally(() => { ac.abort(); clearTimeout(timer); });\n  return res;\n}" },
          { messageId: 'useTimeoutSignal', output: "async function f(url: string) {\n  let timer: ReturnType<typeof setTimeout> | undefined;\n  const res = await fetch(url, { signal: AbortSignal.timeout(100) });\n  return res;\n}" },
        ],
      },
      {
        messageId: 'timerLoser',
        line: 3,
        suggestions: [
          { messageId: 'abortLosers', output: "async function f(url: string) {\n  let timer: ReturnType<typeof setTimeout> | undefined;\n  const ac = new AbortController();\n  const res = await Promise.race([fetch(url, { signal: ac.signal }), new Promise<never>((_, rej) => { timer = setTimeout(() => rej(new Error('t')), 100); })]).finally(() => { ac.abort(); clearTimeout(timer); });\n  return res;\n}" },
          { messageId: 'useTimeoutSignal', output: "async function f(url: string) {\n  let timer: ReturnType<typeof setTimeout> | undefined;\n  const res = await fetch(url, { signal: AbortSignal.timeout(100) });\n  return res;\n}" },
        ],
      },
    ],
  },
  // A resolving timeout in a block executor (no `AbortSignal.timeout` suggestion: it does not reject).
  {
    options: STRICT,
    code: "declare const ready: Promise<void>;\nasync function f() {\n  await Promise.race([\n    ready,\n    new Promise<void>((resolve) => {\n      setTimeout(resolve, 1000);\n    }),\n  ]);\n}",
    errors: [
      {
        messageId: 'timerLoser',
        line: 5,
        suggestions: [
          { messageId: 'abortLosers', output: "declare const ready: Promise<void>;\nasync function f() {\n  const ac = new AbortController();\n  try {\n    await Promise.race([\n      ready,\n      new Promise<void>((resolve) => {\n        const timer = setTimeout(resolve, 1000);\n        ac.signal.addEventListener('abort', () => clearTimeout(timer), { once: true });\n      }),\n    ]);\n  } finally {\n    ac.abort();\n  }\n}" },
        ],
      },
    ],
  },
  // Ignores the signal and leaks the timer: two reports, two remedies.
  {
    options: STRICT,
    code: "declare const ready: Promise<void>;\nasync function f(signal: AbortSignal) {\n  await Promise.race([ready, new Promise<void>((resolve) => setTimeout(resolve, 1000))]);\n}",
    errors: [
      {
        messageId: 'ignoresSignal',
        line: 3,
        suggestions: [
          { messageId: 'rejectOnAbort', output: "declare const ready: Promise<void>;\nasync function f(signal: AbortSignal) {\n  const ac = new AbortController();\n  try {\n    await Promise.race([ready, new Promise<void>((resolve) => setTimeout(resolve, 1000)), new Promise<never>((_, reject) => { signal.throwIfAborted(); signal.addEventListener('abort', () => reject(signal.reason), { once: true, signal: ac.signal }); })]);\n  } finally {\n    ac.abort();\n  }\n}" },
        ],
      },
      {
        messageId: 'timerLoser',
        line: 3,
        suggestions: [
          { messageId: 'abortLosers', output: "declare const ready: Promise<void>;\nasync function f(signal: AbortSignal) {\n  const ac2 = new AbortController();\n  try {\n    await Promise.race([ready, new Promise<void>((resolve) => { const timer = setTimeout(resolve, 1000); ac2.signal.addEventListener('abort', () => clearTimeout(timer), { once: true }); })]);\n  } finally {\n    ac2.abort();\n  }\n}" },
        ],
      },
    ],
  },
  // A client's options bag gets the signal next to its other options.
  {
    code: "declare const client: { get(url: string, opts?: { signal?: AbortSignal; retries?: number }): Promise<string> };\ndeclare const closed: Promise<never>;\nasync function f(url: string) {\n  const body = await Promise.race([client.get(url, { retries: 2 }), closed]);\n  return body;\n}",
    errors: [
      {
        messageId: 'operationLoser',
        line: 4,
        suggestions: [
          { messageId: 'abortLosers', output: "declare const client: { get(url: string, opts?: { signal?: AbortSignal; retries?: number }): Promise<string> };\ndeclare const closed: Promise<never>;\nasync function f(url: string) {\n  const ac = new AbortController();\n  const body = await Promise.race([client.get(url, { retries: 2, signal: ac.signal }), closed]).finally(() => ac.abort());\n  return body;\n}" },
        ],
      },
    ],
  },
  // A positional signal parameter; `return race` becomes `return await race` inside the `try`.
  {
    code: "declare function load(id: string, signal?: AbortSignal): Promise<string>;\ndeclare const closed: Promise<never>;\nasync function f(id: string) {\n  return Promise.race([load(id), closed]);\n}",
    errors: [
      {
        messageId: 'operationLoser',
        line: 4,
        suggestions: [
          { messageId: 'abortLosers', output: "declare function load(id: string, signal?: AbortSignal): Promise<string>;\ndeclare const closed: Promise<never>;\nasync function f(id: string) {\n  const ac = new AbortController();\n  try {\n    return await Promise.race([load(id, ac.signal), closed]);\n  } finally {\n    ac.abort();\n  }\n}" },
        ],
      },
    ],
  },
  // A comment in the timeout contender: no `AbortSignal.timeout` suggestion (it would drop the comment).
  {
    options: STRICT,
    code: "declare const url: string;\nasync function f() {\n  const res = await Promise.race([\n    fetch(url, { method: 'POST', }),\n    // give up after five seconds\n    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), 5000)),\n  ]);\n  return res;\n}",
    errors: [
      {
        messageId: 'operationLoser',
        line: 4,
        suggestions: [
          { messageId: 'abortLosers', output: "declare const url: string;\nasync function f() {\n  const ac = new AbortController();\n  const res = await Promise.race([\n    fetch(url, { method: 'POST', signal: ac.signal, }),\n    // give up after five seconds\n    new Promise<never>((_, reject) => { const timer = setTimeout(() => reject(new Error('timeout')), 5000); ac.signal.addEventListener('abort', () => clearTimeout(timer), { once: true }); }),\n  ]).finally(() => ac.abort());\n  return res;\n}" },
        ],
      },
      {
        messageId: 'timerLoser',
        line: 6,
        suggestions: [
          { messageId: 'abortLosers', output: "declare const url: string;\nasync function f() {\n  const ac = new AbortController();\n  const res = await Promise.race([\n    fetch(url, { method: 'POST', signal: ac.signal, }),\n    // give up after five seconds\n    new Promise<never>((_, reject) => { const timer = setTimeout(() => reject(new Error('timeout')), 5000); ac.signal.addEventListener('abort', () => clearTimeout(timer), { once: true }); }),\n  ]).finally(() => ac.abort());\n  return res;\n}" },
        ],
      },
    ],
  },
  // `Promise.any`: no `AbortSignal.timeout` suggestion (a rejecting timeout does not end `any`).
  {
    options: STRICT,
    code: "declare const url: string;\nasync function f() {\n  await Promise.any([fetch(url), new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), 5000))]);\n}",
    errors: [
      {
        messageId: 'operationLoser',
        line: 3,
        suggestions: [
          { messageId: 'abortLosers', output: "declare const url: string;\nasync function f() {\n  const ac = new AbortController();\n  try {\n    await Promise.any([fetch(url, { signal: ac.signal }), new Promise<never>((_, reject) => { const timer = setTimeout(() => reject(new Error('timeout')), 5000); ac.signal.addEventListener('abort', () => clearTimeout(timer), { once: true }); })]);\n  } finally {\n    ac.abort();\n  }\n}" },
        ],
      },
      {
        messageId: 'timerLoser',
        line: 3,
        suggestions: [
          { messageId: 'abortLosers', output: "declare const url: string;\nasync function f() {\n  const ac = new AbortController();\n  try {\n    await Promise.any([fetch(url, { signal: ac.signal }), new Promise<never>((_, reject) => { const timer = setTimeout(() => reject(new Error('timeout')), 5000); ac.signal.addEventListener('abort', () => clearTimeout(timer), { once: true }); })]);\n  } finally {\n    ac.abort();\n  }\n}" },
        ],
      },
    ],
  },
  // An optional signal: reported, but the reject-on-abort contender would not type-check as written.
  {
    code: "declare const a: Promise<void>, b: Promise<void>;\nasync function f(signal?: AbortSignal) {\n  await Promise.race([a, b]);\n}",
    errors: [
      { messageId: 'ignoresSignal', line: 3, suggestions: [] },
    ],
  },
  // A destructured signal, `.then` chained.
  {
    code: "declare const a: Promise<void>, b: Promise<void>;\nconst f = async ({ signal }: { signal: AbortSignal }) => {\n  await Promise.race([a, b]).then(() => 1);\n};",
    errors: [
      {
        messageId: 'ignoresSignal',
        line: 3,
        suggestions: [
          { messageId: 'rejectOnAbort', output: "declare const a: Promise<void>, b: Promise<void>;\nconst f = async ({ signal }: { signal: AbortSignal }) => {\n  const ac = new AbortController();\n  await Promise.race([a, b, new Promise<never>((_, reject) => { signal.throwIfAborted(); signal.addEventListener('abort', () => reject(signal.reason), { once: true, signal: ac.signal }); })]).finally(() => ac.abort()).then(() => 1);\n};" },
        ],
      },
    ],
  },
  // Class fields created elsewhere; the signal is still ignored.
  {
    code: "class Conn {\n  ready!: Promise<void>;\n  closed!: Promise<void>;\n  async wait(signal: AbortSignal) {\n    await Promise.race([this.ready, this.closed]);\n  }\n}",
    errors: [
      {
        messageId: 'ignoresSignal',
        line: 5,
        suggestions: [
          { messageId: 'rejectOnAbort', output: "class Conn {\n  ready!: Promise<void>;\n  closed!: Promise<void>;\n  async wait(signal: AbortSignal) {\n    const ac = new AbortController();\n    try {\n      await Promise.race([this.ready, this.closed, new Promise<never>((_, reject) => { signal.throwIfAborted(); signal.addEventListener('abort', () => reject(signal.reason), { once: true, signal: ac.signal }); })]);\n    } finally {\n      ac.abort();\n    }\n  }\n}" },
        ],
      },
    ],
  },
  // autofix: the AbortController rewrite is applied; a race in a loop header gets no fix.
  {
    code: "import { setTimeout as sleep } from 'node:timers/promises';\nasync function f(url: string) {\n  await Promise.race([fetch(url), sleep(100)]);\n  const x = await Promise.race([fetch(url), sleep(100)]);\n  console.log(x);\n  for (;;) await Promise.race([fetch(url), sleep(100)]);\n}",
    options: [{ evidence: 'possible', autofix: true }],
    output: "import { setTimeout as sleep } from 'node:timers/promises';\nasync function f(url: string) {\n  const ac = new AbortController();\n  try {\n    await Promise.race([fetch(url, { signal: ac.signal }), sleep(100, undefined, { signal: ac.signal })]);\n  } finally {\n    ac.abort();\n  }\n  const ac2 = new AbortController();\n  const x = await Promise.race([fetch(url, { signal: ac2.signal }), sleep(100, undefined, { signal: ac2.signal })]).finally(() => ac2.abort());\n  console.log(x);\n  for (;;) await Promise.race([fetch(url), sleep(100)]);\n}",
    errors: [
      {
        messageId: 'operationLoser',
        line: 3,
        suggestions: [
          { messageId: 'abortLosers', output: "import { setTimeout as sleep } from 'node:timers/promises';\nasync function f(url: string) {\n  const ac = new AbortController();\n  try {\n    await Promise.race([fetch(url, { signal: ac.signal }), sleep(100, undefined, { signal: ac.signal })]);\n  } finally {\n    ac.abort();\n  }\n  const x = await Promise.race([fetch(url), sleep(100)]);\n  console.log(x);\n  for (;;) await Promise.race([fetch(url), sleep(100)]);\n}" },
        ],
      },
      {
        messageId: 'timerLoser',
        line: 3,
        suggestions: [
          { messageId: 'abortLosers', output: "import { setTimeout as sleep } from 'node:timers/promises';\nasync function f(url: string) {\n  const ac = new AbortController();\n  try {\n    await Promise.race([fetch(url, { signal: ac.signal }), sleep(100, undefined, { signal: ac.signal })]);\n  } finally {\n    ac.abort();\n  }\n  const x = await Promise.race([fetch(url), sleep(100)]);\n  console.log(x);\n  for (;;) await Promise.race([fetch(url), sleep(100)]);\n}" },
        ],
      },
      {
        messageId: 'operationLoser',
        line: 4,
        suggestions: [
          { messageId: 'abortLosers', output: "import { setTimeout as sleep } from 'node:timers/promises';\nasync function f(url: string) {\n  await Promise.race([fetch(url), sleep(100)]);\n  const ac2 = new AbortController();\n  const x = await Promise.race([fetch(url, { signal: ac2.signal }), sleep(100, undefined, { signal: ac2.signal })]).finally(() => ac2.abort());\n  console.log(x);\n  for (;;) await Promise.race([fetch(url), sleep(100)]);\n}" },
        ],
      },
      {
        messageId: 'timerLoser',
        line: 4,
        suggestions: [
          { messageId: 'abortLosers', output: "import { setTimeout as sleep } from 'node:timers/promises';\nasync function f(url: string) {\n  await Promise.race([fetch(url), sleep(100)]);\n  const ac2 = new AbortController();\n  const x = await Promise.race([fetch(url, { signal: ac2.signal }), sleep(100, undefined, { signal: ac2.signal })]).finally(() => ac2.abort());\n  console.log(x);\n  for (;;) await Promise.race([fetch(url), sleep(100)]);\n}" },
        ],
      },
      { messageId: 'operationLoser', line: 6, suggestions: [] },
      { messageId: 'timerLoser', line: 6, suggestions: [] },
    ],
  },
  // autofix: the `AbortSignal.timeout` rewrite stays a suggestion.
  {
    code: "declare const url: string;\nasync function f() {\n  const res = await Promise.race([fetch(url), new Promise<never>((_, rej) => setTimeout(() => rej(new Error('timeout')), 5000))]);\n  return res;\n}",
    options: [{ evidence: 'possible', autofix: true }],
    output: "declare const url: string;\nasync function f() {\n  const ac = new AbortController();\n  const res = await Promise.race([fetch(url, { signal: ac.signal }), new Promise<never>((_, rej) => { const timer = setTimeout(() => rej(new Error('timeout')), 5000); ac.signal.addEventListener('abort', () => clearTimeout(timer), { once: true }); })]).finally(() => ac.abort());\n  return res;\n}",
    errors: [
      {
        messageId: 'operationLoser',
        line: 3,
        suggestions: [
          { messageId: 'abortLosers', output: "declare const url: string;\nasync function f() {\n  const ac = new AbortController();\n  const res = await Promise.race([fetch(url, { signal: ac.signal }), new Promise<never>((_, rej) => { const timer = setTimeout(() => rej(new Error('timeout')), 5000); ac.signal.addEventListener('abort', () => clearTimeout(timer), { once: true }); })]).finally(() => ac.abort());\n  return res;\n}" },
          { messageId: 'useTimeoutSignal', output: "declare const url: string;\nasync function f() {\n  const res = await fetch(url, { signal: AbortSignal.timeout(5000) });\n  return res;\n}" },
        ],
      },
      {
        messageId: 'timerLoser',
        line: 3,
        suggestions: [
          { messageId: 'abortLosers', output: "declare const url: string;\nasync function f() {\n  const ac = new AbortController();\n  const res = await Promise.race([fetch(url, { signal: ac.signal }), new Promise<never>((_, rej) => { const timer = setTimeout(() => rej(new Error('timeout')), 5000); ac.signal.addEventListener('abort', () => clearTimeout(timer), { once: true }); })]).finally(() => ac.abort());\n  return res;\n}" },
          { messageId: 'useTimeoutSignal', output: "declare const url: string;\nasync function f() {\n  const res = await fetch(url, { signal: AbortSignal.timeout(5000) });\n  return res;\n}" },
        ],
      },
    ],
  },
  // autofix: the reject-on-abort contender stays a suggestion.
  {
    code: "declare const a: Promise<void>, b: Promise<void>;\nasync function f(signal: AbortSignal) {\n  await Promise.race([a, b]);\n}",
    options: [{ autofix: true }],
    output: null,
    errors: [
      {
        messageId: 'ignoresSignal',
        line: 3,
        suggestions: [
          { messageId: 'rejectOnAbort', output: "declare const a: Promise<void>, b: Promise<void>;\nasync function f(signal: AbortSignal) {\n  const ac = new AbortController();\n  try {\n    await Promise.race([a, b, new Promise<never>((_, reject) => { signal.throwIfAborted(); signal.addEventListener('abort', () => reject(signal.reason), { once: true, signal: ac.signal }); })]);\n  } finally {\n    ac.abort();\n  }\n}" },
        ],
      },
    ],
  },  // A `node:timers/promises` timeout given a local controller's signal that nothing aborts.
  {
    options: STRICT,
    code: `import { setTimeout as sleep } from 'node:timers/promises';
declare function work(): Promise<void>;
async function f() {
  const ac = new AbortController();
  await Promise.race([work(), sleep(100, undefined, { signal: ac.signal })]);
}`,
    errors: [
      {
        messageId: 'timerLoser',
        line: 5,
        suggestions: [
          {
            messageId: 'abortLosers',
            data: { release: 'ac.abort()' },
            output: `import { setTimeout as sleep } from 'node:timers/promises';
declare function work(): Promise<void>;
async function f() {
  const ac = new AbortController();
  try {
    await Promise.race([work(), sleep(100, undefined, { signal: ac.signal })]);
  } finally {
    ac.abort();
  }
}`,
          },
        ],
      },
    ],
  },
  // Top-level await in a module: the statement is wrapped at program level.
  {
    options: STRICT,
    code: `export {};
declare const ready: Promise<void>;
await Promise.race([ready, new Promise<void>((r) => setTimeout(r, 10))]);`,
    errors: [
      {
        messageId: 'timerLoser',
        line: 3,
        suggestions: [
          {
            messageId: 'abortLosers',
            output: `export {};
declare const ready: Promise<void>;
const ac = new AbortController();
try {
  await Promise.race([ready, new Promise<void>((r) => { const timer = setTimeout(r, 10); ac.signal.addEventListener('abort', () => clearTimeout(timer), { once: true }); })]);
} finally {
  ac.abort();
}`,
          },
        ],
      },
    ],
  },
  // A deferred whose resolvers nothing ties to the signal: the race still ignores it.
  {
    code: `export async function abortable<T>(promise: Promise<T>, { signal }: { signal?: AbortSignal }): Promise<T> {\n  if (signal == null) return await promise;\n  const { promise: aborted, reject } = Promise.withResolvers<never>();\n  return await Promise.race([promise, aborted]);\n}`,
    errors: [{ messageId: 'ignoresSignal', line: 4, suggestions: [] }],
  },
];

// A second pass changes nothing: every fixed or suggested output that no longer has
// the reported leak is valid code for the rule (the fixes are idempotent).
const fixedOutputs = new Set(invalid.flatMap(fixOutputs));
const SECOND_PASS_STILL_REPORTS = [
  // Each remedy fixes its own report; the other report of the same race stays.
  'async function f(signal: AbortSignal) {\n  const ac2 = new AbortController();',
  '  const ac = new AbortController();\n  try {\n    await Promise.race([ready, new Promise<void>((resolve) => setTimeout(resolve, 1000)), new Promise<never>',
  // The first race fixed in one pass, the next ones in later passes or never (a loop header).
  'for (;;) await Promise.race',
];
for (const output of fixedOutputs) {
  if (SECOND_PASS_STILL_REPORTS.some((marker) => output.includes(marker))) continue;
  valid.push({ code: output, options: [{ autofix: true }] });
}

const ruleTester = createTypedRuleTester();
ruleTester.run('await-in-select-without-abort', rule, { valid, invalid });

describe('await-in-select-without-abort fixes', () => {
  it('every fix and suggestion output type-checks as well as the original', { timeout: 600_000 }, () => {
    // Each output once (several reports of one race share their remedies).
    const pairs = new Map<string, string>();
    for (const testCase of invalid) for (const output of fixOutputs(testCase)) pairs.set(output, testCase.code);
    for (const [output, code] of pairs) expectNoNewTypeErrors(code, output);
    expect(pairs.size).toBeGreaterThan(20);
  });

  it('the second-pass check covers most outputs', () => {
    const skipped = [...fixedOutputs].filter((output) => SECOND_PASS_STILL_REPORTS.some((m) => output.includes(m)));
    expect(skipped.length).toBeLessThan(fixedOutputs.size / 4);
  });
});

describe('await-in-select-without-abort messages', () => {
  /** The messages the rule reports on `code` (type-aware, in the fixtures project). */
  function messages(code: string, options: Options = [{}]): string[] {
    const linter = new Linter({ configType: 'flat' });
    return linter
      .verify(
        code,
        [
          {
            files: ['**/*.ts'],
            plugins: { asyncleak: { rules: { rule } } } as never,
            languageOptions: { parser: parser as never, parserOptions: TYPED_PARSER_OPTIONS },
            rules: { 'asyncleak/rule': ['error', ...options] },
          },
        ],
        path.join(fixturesDir, 'file.ts'),
      )
      .map((message) => message.message);
  }

  it('names the winner, the loser and what it costs', () => {
    expect(messages(`declare const url: string; async function f() { const res = await Promise.race([fetch(url), ${TIMEOUT}]); return res; }`, STRICT)).toEqual([
      'When the timeout wins this `Promise.race`, `fetch(url)` keeps running (it is given no AbortSignal): its request or work goes on, holding sockets and memory until it finishes.',
      "When `fetch(url)` wins this `Promise.race`, the timeout's timer keeps running for 5000 ms, holding the event loop open and its callback in memory; a possible leak: its callback only settles the lost promise, so it holds the event loop for at most its delay, once per race.",
    ]);
  });

  it('names the ignored signal', () => {
    expect(messages('declare const a: Promise<void>, b: Promise<void>; async function f(opts: { signal: AbortSignal }) { await Promise.any([a, b]); }')).toEqual([
      '`opts.signal` is in scope but no contender of this `Promise.any` listens to it: when it aborts, this await keeps waiting until a contender settles.',
    ]);
  });

  it('says "another contender" in a race of three, and names a delay that is not a literal', () => {
    expect(
      messages(
        "import { setTimeout as sleep } from 'node:timers/promises'; declare const closed: Promise<void>; declare const ms: number; declare function load(u: string, o?: { signal?: AbortSignal }): Promise<string>; async function f(url: string) { await Promise.race([load(url), sleep(ms), closed]); }",
        STRICT,
      ),
    ).toEqual([
      'When another contender wins this `Promise.race`, `load(url)` keeps running (it is given no AbortSignal): its request or work goes on, holding sockets and memory until it finishes.',
      'When another contender wins this `Promise.race`, `sleep(ms)` keeps running for `ms` ms, holding the event loop open and its callback in memory; a possible leak: its callback only settles the lost promise, so it holds the event loop for at most its delay, once per race.',
    ]);
  });

  /**
   * Evidence (README, "Evidence"): the messages `recommended` and `strict` report for each
   * shape, a leak beside its strict-only or correct twin. The docs' "What `recommended`
   * leaves out" names every strict-only row.
   */
  const SETTLES = '; a possible leak: its callback only settles the lost promise, so it holds the event loop for at most its delay, once per race';
  it.each([
    {
      name: 'a losing timer that only settles its promise, in a race that runs once: strict only',
      code: 'declare function work(): Promise<void>; async function f() { await Promise.race([work(), new Promise<void>((r) => setTimeout(r, 5000))]); }',
      recommended: [],
      strict: [`When \`work()\` wins this \`Promise.race\`, the timeout's timer keeps running for 5000 ms, holding the event loop open and its callback in memory${SETTLES}.`],
    },
    {
      name: '... the same race in a loop: the timers pile up',
      code: 'declare function work(): Promise<void>; async function f() { for (;;) { await Promise.race([work(), new Promise<void>((r) => setTimeout(r, 5000))]); } }',
      recommended: ["When `work()` wins this `Promise.race`, the timeout's timer keeps running for 5000 ms, holding the event loop open and its callback in memory."],
      strict: ["When `work()` wins this `Promise.race`, the timeout's timer keeps running for 5000 ms, holding the event loop open and its callback in memory."],
    },
    {
      name: '... a losing timer whose callback does more than settle: it still runs after the race',
      code: "declare function work(): Promise<void>; async function f() { await Promise.race([work(), new Promise<void>((r) => setTimeout(() => { console.warn('slow'); r(); }, 5000))]); }",
      recommended: ["When `work()` wins this `Promise.race`, the timeout's timer keeps running for 5000 ms, holding the event loop open and its callback in memory."],
      strict: ["When `work()` wins this `Promise.race`, the timeout's timer keeps running for 5000 ms, holding the event loop open and its callback in memory."],
    },
    {
      name: '... one that sets a flag of its own function and resolves: still only settles',
      code: 'declare function work(): Promise<number>; async function f() { let timedOut = false; const code = await Promise.race([work(), new Promise<undefined>((resolve) => { setTimeout(() => { timedOut = true; resolve(undefined); }, 3000); })]); return timedOut ? undefined : code; }',
      recommended: [],
      strict: [`When \`work()\` wins this \`Promise.race\`, the timeout's timer keeps running for 3000 ms, holding the event loop open and its callback in memory${SETTLES}.`],
    },
    {
      name: "a Request passed only for an error's context: its signal is not this race's to listen to",
      code: "declare class TimeoutError extends Error { constructor(r: Request); }\nasync function race(operation: () => Promise<string>, request: Request) {\n  const r = await Promise.race([operation(), new Promise<string>((resolve) => { const t = setTimeout(() => resolve('x'), 1000); void operation().finally(() => clearTimeout(t)); })]);\n  if (r === 'x') throw new TimeoutError(request);\n  return r;\n}",
      recommended: [],
      strict: [],
    },
    {
      name: "... its twin: a request the function works with, whose signal the race ignores",
      code: "declare function load(r: Request): Promise<void>;\ndeclare const closed: Promise<void>;\nasync function race(request: Request) {\n  void load(request);\n  await Promise.race([closed, closed]);\n}",
      recommended: ['`request.signal` is in scope but no contender of this `Promise.race` listens to it: when it aborts, this await keeps waiting until a contender settles.'],
      strict: ['`request.signal` is in scope but no contender of this `Promise.race` listens to it: when it aborts, this await keeps waiting until a contender settles.'],
    },
  ])('evidence: $name', ({ code, recommended, strict }) => {
    expect(messages(code)).toEqual(recommended);
    expect(messages(code, STRICT)).toEqual(strict);
  });

  it('names a controller that is never aborted', () => {
    expect(messages('declare const closed: Promise<void>; async function f(url: string) { const ac = new AbortController(); await Promise.race([fetch(url, { signal: ac.signal }), closed]); }')).toEqual([
      'When `closed` wins this `Promise.race`, `fetch(url, { signal: ac.signal })` keeps running (`ac` is never aborted): its request or work goes on, holding sockets and memory until it finishes.',
    ]);
  });
});

const untypedTester = createUntypedRuleTester();

untypedTester.run('await-in-select-without-abort (no type information)', rule, {
  valid: [
    // Signals, fetch and clients need the checker: quiet without it.
    'declare const a: Promise<void>, b: Promise<void>; async function f(signal: AbortSignal) { await Promise.race([a, b]); }',
    'declare const closed: Promise<void>; async function f(url: string) { await Promise.race([fetch(url), closed]); await Promise.any([fetch(url), fetch(url)]); }',
    // Not the global Promise, not a select.
    `declare const Bluebird: any; async function f(url: string) { await Bluebird.race([fetch(url), ${TIMEOUT}]); }`,
    `async function f(url: string, Promise: any) { await Promise.race([fetch(url), ${TIMEOUT}]); }`,
    `async function f(url: string) { await Promise.all([fetch(url), ${TIMEOUT}]); }`,
    // A shadowed setTimeout.
    'declare const ready: Promise<void>; async function f(setTimeout: (f: () => void, n: number) => void) { await Promise.race([ready, new Promise<void>((r) => setTimeout(r, 10))]); }',
    'declare const xs: Promise<void>[]; async function f() { await Promise.race([, ...xs]); await Promise["any"]([xs[0]!]); }',
    // JavaScript-only syntax still parses and stays quiet.
    'async function f() { for await (const x of []) {} await Promise.race([]); }',
  ],
  invalid: [
  // Untyped: the inline `setTimeout` timeout is certain from syntax; the fetch is not.
  {
    options: STRICT,
    code: "declare const url: string;\nasync function f() {\n  const res = await Promise.race([fetch(url), new Promise<never>((_, rej) => setTimeout(() => rej(new Error('timeout')), 5000))]);\n  return res;\n}",
    errors: [
      {
        messageId: 'timerLoser',
        line: 3,
        suggestions: [
          { messageId: 'abortLosers', output: "declare const url: string;\nasync function f() {\n  const ac = new AbortController();\n  const res = await Promise.race([fetch(url), new Promise<never>((_, rej) => { const timer = setTimeout(() => rej(new Error('timeout')), 5000); ac.signal.addEventListener('abort', () => clearTimeout(timer), { once: true }); })]).finally(() => ac.abort());\n  return res;\n}" },
        ],
      },
    ],
  },
  // Untyped: a `node:timers/promises` import is certain from syntax.
  {
    options: STRICT,
    code: "import { setTimeout as sleep } from 'node:timers/promises';\ndeclare function work(): Promise<void>;\nasync function f() {\n  await Promise.race([work(), sleep(1000)]);\n}\n",
    errors: [
      {
        messageId: 'timerLoser',
        line: 4,
        suggestions: [
          { messageId: 'abortLosers', output: "import { setTimeout as sleep } from 'node:timers/promises';\ndeclare function work(): Promise<void>;\nasync function f() {\n  const ac = new AbortController();\n  try {\n    await Promise.race([work(), sleep(1000, undefined, { signal: ac.signal })]);\n  } finally {\n    ac.abort();\n  }\n}\n" },
        ],
      },
    ],
  },  ],
});
