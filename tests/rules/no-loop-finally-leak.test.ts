import type { InferMessageIdsTypeFromRule } from '@typescript-eslint/utils/eslint-utils';
import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';

import rule from '../../src/rules/no-loop-finally-leak';
import { createTypedRuleTester, createUntypedRuleTester } from '../rule-tester';
import { addSecondPassCases, fixOutputs } from '../fix-outputs';
import { lintTogether } from '../lint-together';
import { typeErrors } from '../typecheck';
import { OVERWRITTEN_IN_LOOP, RELEASED_AFTER_LOOP } from './loop-precedence';

type MessageIds = InferMessageIdsTypeFromRule<typeof rule>;
type Options = [{ checkIterationCallbacks?: boolean; autofix?: boolean }];

const ruleTester = createTypedRuleTester();

/** Declarations the spec's one-line examples use. */
const SPEC =
  "import { open, type FileHandle } from 'node:fs/promises';\n" +
  'declare const paths: string[]; declare const retries: number;\n' +
  'declare function consume(fh: FileHandle): Promise<void>; declare function attempt(): Promise<string>;\n' +
  'declare function get(p: string, signal: AbortSignal): Promise<void>;\n';

const FILE_HANDLE = {
  resource: 'A file handle',
  acquired: 'opened',
  released: 'closed',
};
const SIGNAL_COST =
  'they pile up on the signal until it aborts, which triggers MaxListenersExceededWarning and keeps every closure alive';
const SIGNAL_ONCE_COST =
  'they pile up on the signal until it aborts ({ once: true } does not help: it only removes the listener when the signal aborts), which triggers MaxListenersExceededWarning and keeps every closure alive';
const EMITTER_COST =
  'they pile up on the emitter (MaxListenersExceededWarning), each one keeps its closure alive and runs on every event';
const TARGET_COST = 'they pile up on the target, each one keeps its closure alive and runs on every event';

const valid: (string | ValidTestCase<Options>)[] = [
  // The spec's "do not report" examples.
  `${SPEC}export async function f() { for (const p of paths) { await using fh = await open(p); await fh.read(); } }`,
  `${SPEC}export async function f() { for (const p of paths) { const fh = await open(p); try { await fh.read(); } finally { await fh.close(); } } }`,
  `${SPEC}export async function f() { const all = []; for (const p of paths) all.push(await open(p)); return all; }`,
  `${SPEC}export async function f() { for (const p of paths) { const ac = new AbortController(); try { await get(p, ac.signal); } finally { ac.abort(); } } }`,
  // Collected on purpose: pushed, stored in a map, returned.
  `${SPEC}export async function f() { const all: FileHandle[] = []; let fh: FileHandle | undefined; for (const p of paths) { fh = await open(p); all.push(fh); } await fh?.close(); return all; }`,
  `${SPEC}export async function f() { const byPath = new Map<string, FileHandle>(); let fh: FileHandle | undefined; for (const p of paths) { fh = await open(p); byPath.set(p, fh); } await fh?.close(); }`,
  `${SPEC}export async function f() { let fh: FileHandle | undefined; for (const p of paths) { fh = await open(p); } return fh; }`,
  // Released in the iteration, or before the next one is acquired.
  `${SPEC}export function f() { let ac: AbortController | undefined; for (const p of paths) { ac?.abort(); ac = new AbortController(); void get(p, ac.signal); } ac?.abort(); }`,
  `${SPEC}export function f() { let ac: AbortController | undefined; for (const p of paths) { ac = new AbortController(); void get(p, ac.signal); ac.abort(); } ac?.abort(); }`,
  // A controller whose work the iteration awaits: nothing is left running when the next one starts,
  // and aborting the current one from outside is correct cancellation.
  `let current: AbortController | undefined; export function stop() { current?.abort(); }
   export async function run(urls: string[]) { for (const url of urls) { current = new AbortController(); await fetch(url, { signal: current.signal }); } current?.abort(); }`,
  `declare function lines(s: AbortSignal): AsyncIterable<string>; export async function run(urls: string[]) { let ac: AbortController | undefined; for (const url of urls) { ac = new AbortController(); for await (const line of lines(ac.signal)) console.log(url, line); } ac?.abort(); }`,
  // Only released before the loop: nothing releases what the loop acquires (another rule's business).
  `${SPEC}export function f() { let ac: AbortController | undefined; ac?.abort(); for (const p of paths) { ac = new AbortController(); void get(p, ac.signal); } }`,
  // Never released at all: another rule's business (a lost handle), not a loop leak.
  `${SPEC}export function f() { let ac: AbortController | undefined; for (const p of paths) { ac = new AbortController(); void get(p, ac.signal); } }`,
  // A loop that runs at most once; an acquisition followed by a loop exit.
  `${SPEC}export async function f() { let fh: FileHandle | undefined; for (;;) { fh = await open('a'); await fh.read(); break; } await fh?.close(); }`,
  `${SPEC}export async function f() { let fh: FileHandle | undefined; for (let i = 0; i < retries; i++) { try { fh = await open('a'); break; } catch {} } await fh?.read(); await fh?.close(); }`,
  `${SPEC}export async function f() { let fh: FileHandle | undefined; while (true) { if (Math.random()) { fh = await open('a'); return fh.read(); } } }`,
  // Retry until acquired: the loop's own condition stops it.
  `${SPEC}export async function f() { let fh: FileHandle | undefined; while (!fh) { try { fh = await open('a'); } catch {} } await fh.read(); await fh.close(); }`,
  // Not a resource, or an unknown type.
  `${SPEC}export function f() { let m: Map<string, number> | undefined; for (const p of paths) { m = new Map(); m.set(p, 1); } m?.clear(); }`,
  `${SPEC}declare function make(): any; export function f() { let x: any; for (const p of paths) { x = make(); x.use(p); } x.close(); }`,
  // A variable declared in the loop (let/const) can only be released in it.
  `${SPEC}export function f() { for (const p of paths) { const ac = new AbortController(); void get(p, ac.signal); } }`,
  // A labelled break that leaves the loop; a break that only leaves a switch does not count (see invalid).
  `${SPEC}export async function f() { let fh: FileHandle | undefined; outer: for (const p of paths) { for (const q of paths) { fh = await open(p + q); break outer; } } await fh?.close(); }`,
  // An iteration callback is not a loop by default.
  `${SPEC}export function f() { let ac: AbortController | undefined; paths.forEach((p) => { ac = new AbortController(); void get(p, ac.signal); }); ac?.abort(); }`,

  // DisposableStack: returned or moved out after the loop (the resources must live together).
  `${SPEC}export async function f() { await using stack = new AsyncDisposableStack(); for (const p of paths) stack.use(await open(p)); return stack.move(); }`,
  `${SPEC}export async function f() { const stack = new AsyncDisposableStack(); for (const p of paths) stack.use(await open(p)); return stack; }`,
  `${SPEC}export class Pool { #stack = new AsyncDisposableStack(); async open() { const stack = new AsyncDisposableStack(); for (const p of paths) stack.use(await open(p)); this.#stack = stack.move(); } }`,
  // A stack per iteration; a stack disposed in the iteration; results collected on purpose.
  `${SPEC}export async function f() { for (const p of paths) { await using stack = new AsyncDisposableStack(); const fh = stack.use(await open(p)); await consume(fh); } }`,
  `${SPEC}export async function f() { const stack = new AsyncDisposableStack(); for (const p of paths) { stack.use(await open(p)); await stack.disposeAsync(); } }`,
  `${SPEC}export async function f() { await using stack = new AsyncDisposableStack(); const all: FileHandle[] = []; for (const p of paths) all.push(stack.use(await open(p))); await Promise.all(all.map(consume)); }`,
  // Not a host DisposableStack.
  `${SPEC}declare const stack: { use<T>(x: T): T }; export async function f() { for (const p of paths) { const fh = stack.use(await open(p)); await consume(fh); } }`,

  // Listeners: { once: true } on a non-signal target, removed in the same iteration, a per-iteration { signal }.
  `import { EventEmitter } from 'node:events'; declare const bus: EventEmitter; declare function next(): Promise<boolean>;
   export async function f() { while (await next()) { bus.once('data', () => {}); await new Promise((r) => bus.once('done', r)); } }`,
  `declare function step(): Promise<boolean>; export async function f() { while (await step()) { window.addEventListener('resize', () => {}, { once: true }); } }`,
  `declare function step(): Promise<boolean>; declare function attempt(): Promise<void>;
   export async function f(signal: AbortSignal) { while (await step()) { const onAbort = () => {}; signal.addEventListener('abort', onAbort); try { await attempt(); } finally { signal.removeEventListener('abort', onAbort); } } }`,
  `import { EventEmitter } from 'node:events'; declare const bus: EventEmitter; declare function step(): Promise<boolean>;
   export async function f() { while (await step()) { const onData = () => {}; bus.on('data', onData); await step(); bus.off('data', onData); } }`,
  `import { EventEmitter } from 'node:events'; declare const bus: EventEmitter; declare function step(): Promise<boolean>;
   export async function f() { while (await step()) { bus.on('data', () => {}); await step(); bus.removeAllListeners('data'); } }`,
  `declare function step(): Promise<boolean>; declare function attempt(s: AbortSignal): Promise<void>;
   export async function f(signal: AbortSignal) { while (await step()) { const ac = new AbortController(); signal.addEventListener('abort', () => ac.abort(), { signal: ac.signal }); try { await attempt(ac.signal); } finally { ac.abort(); } } }`,
  `declare function step(): Promise<boolean>;
   export async function f(signal: AbortSignal) { while (await step()) { signal.addEventListener('abort', () => {}, { signal: AbortSignal.timeout(1000) }); } }`,
  `declare function attempt(s: AbortSignal): Promise<void>;
   export async function f(signal: AbortSignal) { for (;;) { const ac = new AbortController(); const onAbort = () => ac.abort(); signal.addEventListener('abort', onAbort); await attempt(ac.signal).finally(() => signal.removeEventListener('abort', onAbort)); } }`,
  // The same function object every iteration: an EventTarget does not add it twice.
  `${SPEC}declare const onAbort: () => void; export async function f(signal: AbortSignal) { for (let i = 0; i < retries; i++) { signal.addEventListener('abort', onAbort, { once: true }); try { return await attempt(); } catch {} } }`,
  `declare function step(): Promise<boolean>; function onResize() {} export async function f() { while (await step()) { window.addEventListener('resize', onResize); } }`,
  // An emitter listener that removes itself behaves like once().
  `import { EventEmitter } from 'node:events'; declare const bus: EventEmitter; declare function step(): Promise<boolean>;
   function onData() { bus.removeListener('data', onData); } export async function f() { while (await step()) { bus.on('data', onData); } }`,
  // A target created in the iteration dies with it.
  `declare const urls: string[]; export function f() { for (const url of urls) { const ws = new WebSocket(url); ws.addEventListener('message', () => {}); } }`,
  `declare function step(): Promise<boolean>; export async function f() { let ws: WebSocket; while (await step()) { ws = new WebSocket('x'); ws.addEventListener('message', () => {}); ws.close(); } }`,
  // One listener per item of a collection is setup, not a pile-up.
  `declare const elements: HTMLElement[]; declare function layout(e: HTMLElement): void; export function f() { for (const el of elements) { window.addEventListener('resize', () => layout(el)); } }`,
  `import { EventEmitter } from 'node:events'; declare const bus: EventEmitter; declare const handlers: Record<string, () => void>;
   export function f() { for (const [event, handler] of Object.entries(handlers)) bus.on(event, handler); }`,
  // Look-alikes and unknowns.
  `declare const bus: { on(e: string, f: () => void): void }; declare function step(): Promise<boolean>; export async function f() { while (await step()) { bus.on('x', () => {}); } }`,
  `declare const target: any; declare function step(): Promise<boolean>; export async function f() { while (await step()) { target.addEventListener('x', () => {}); } }`,
  `declare const opts: AddEventListenerOptions; declare function step(): Promise<boolean>; export async function f() { while (await step()) { window.addEventListener('x', () => {}, opts); } }`,
  // A listener registered right before leaving the loop.
  `declare function attempt(): Promise<string>; export async function f(signal: AbortSignal) { for (;;) { signal.addEventListener('abort', () => {}); return attempt(); } }`,
  `declare function attempt(): Promise<string>; export async function f(signal: AbortSignal) { while (true) { if (await attempt()) { signal.addEventListener('abort', () => {}); break; } } }`,
  // Listeners in a callback that is not a loop (or only a loop under checkIterationCallbacks).
  `export function f(signal: AbortSignal, items: number[]) { items.forEach(() => signal.addEventListener('abort', () => {})); }`,
  `declare function step(): Promise<boolean>; export async function f(signal: AbortSignal) { while (await step()) { setTimeout(() => signal.addEventListener('abort', () => {}), 10); } }`,
];

const invalid: InvalidTestCase<MessageIds, Options>[] = [
  // ---- The spec's examples.
  {
    code: `${SPEC}export async function f() {
  let fh: FileHandle | undefined;
  try { for (const p of paths) { fh = await open(p); await fh.read(); } } finally { await fh?.close(); }
}`,
    errors: [
      {
        messageId: 'releasedAfterLoop',
        data: FILE_HANDLE,
        line: 7,
        suggestions: [
          {
            messageId: 'moveReleaseIntoLoop',
            output: `${SPEC}export async function f() {
  let fh: FileHandle | undefined;
  for (const p of paths) { fh = await open(p); try { await fh.read(); } finally { await fh?.close(); } }
}`,
          },
          {
            messageId: 'usingInLoop',
            data: { keyword: 'await using' },
            output: `${SPEC}export async function f() {
  for (const p of paths) { await using fh = await open(p); await fh.read(); }
}`,
          },
        ],
      },
    ],
  },
  {
    code: `${SPEC}export async function f() {
  await using stack = new AsyncDisposableStack();
  for (const p of paths) { const fh = stack.use(await open(p)); await consume(fh); }
}`,
    errors: [
      {
        messageId: 'deferredInLoop',
        data: { stack: 'stack', method: 'use', what: 'file handle' },
        suggestions: [
          {
            messageId: 'usingInsteadOfStack',
            data: { keyword: 'await using', stack: 'stack' },
            output: `${SPEC}export async function f() {
  await using stack = new AsyncDisposableStack();
  for (const p of paths) { await using fh = await open(p); await consume(fh); }
}`,
          },
        ],
      },
    ],
  },
  {
    // The spec's retry example, with the listener a closure made per attempt.
    code: `${SPEC}export async function f(signal: AbortSignal, controller: AbortController) {
  for (let i = 0; i < retries; i++) { const onAbort = () => controller.abort(); signal.addEventListener('abort', onAbort, { once: true }); try { return await attempt(); } catch {} }
}`,
    errors: [
      {
        messageId: 'listenerInLoop',
        data: { event: 'abort', target: 'signal', cost: SIGNAL_ONCE_COST },
        suggestions: [
          {
            messageId: 'removeListenerInFinally',
            output: `${SPEC}export async function f(signal: AbortSignal, controller: AbortController) {
  for (let i = 0; i < retries; i++) { const onAbort = () => controller.abort(); signal.addEventListener('abort', onAbort, { once: true }); try { return await attempt(); } catch {} finally { signal.removeEventListener('abort', onAbort); } }
}`,
          },
          {
            messageId: 'perIterationSignal',
            output: `${SPEC}export async function f(signal: AbortSignal, controller: AbortController) {
  for (let i = 0; i < retries; i++) { const onAbort = () => controller.abort(); const listeners = new AbortController(); signal.addEventListener('abort', onAbort, { once: true, signal: listeners.signal }); try { return await attempt(); } catch {} finally { listeners.abort(); } }
}`,
          },
        ],
      },
    ],
  },

  // ---- No leftovers: a fix that empties a finally (or a whole try) removes it; comments stay.
  {
    // The finally goes, the catch stays.
    code: `import { open, type FileHandle } from 'node:fs/promises';
export async function f(paths: string[]) {
  let fh: FileHandle | undefined;
  try {
    for (const p of paths) {
      fh = await open(p);
      await fh.read();
    }
  } catch (error) {
    console.error(error);
  } finally {
    await fh?.close();
  }
}`,
    errors: [
      {
        messageId: 'releasedAfterLoop',
        suggestions: [
          {
            messageId: 'moveReleaseIntoLoop',
            output: `import { open, type FileHandle } from 'node:fs/promises';
export async function f(paths: string[]) {
  let fh: FileHandle | undefined;
  try {
    for (const p of paths) {
      fh = await open(p);
      try {
        await fh.read();
      } finally {
        await fh?.close();
      }
    }
  } catch (error) {
    console.error(error);
  }
}`,
          },
          {
            messageId: 'usingInLoop',
            data: { keyword: 'await using' },
            output: `import { open, type FileHandle } from 'node:fs/promises';
export async function f(paths: string[]) {
  try {
    for (const p of paths) {
      await using fh = await open(p);
      await fh.read();
    }
  } catch (error) {
    console.error(error);
  }
}`,
          },
        ],
      },
    ],
  },
  {
    // A try left with only its block gives way to its statements, one step out, comments kept.
    code: `import { open, type FileHandle } from 'node:fs/promises';
export async function f(paths: string[]) {
  let fh: FileHandle | undefined;
  try {
    // one file at a time
    for (const p of paths) {
      fh = await open(p);
      await fh.read(); // the work
    }
  } finally {
    await fh?.close();
  }
}`,
    options: [{ autofix: true }],
    output: `import { open, type FileHandle } from 'node:fs/promises';
export async function f(paths: string[]) {
  let fh: FileHandle | undefined;
  // one file at a time
  for (const p of paths) {
    fh = await open(p);
    try {
      await fh.read(); // the work
    } finally {
      await fh?.close();
    }
  }
}`,
    errors: [
      {
        messageId: 'releasedAfterLoop',
        suggestions: [
          {
            messageId: 'moveReleaseIntoLoop',
            output: `import { open, type FileHandle } from 'node:fs/promises';
export async function f(paths: string[]) {
  let fh: FileHandle | undefined;
  // one file at a time
  for (const p of paths) {
    fh = await open(p);
    try {
      await fh.read(); // the work
    } finally {
      await fh?.close();
    }
  }
}`,
          },
          {
            messageId: 'usingInLoop',
            data: { keyword: 'await using' },
            output: `import { open, type FileHandle } from 'node:fs/promises';
export async function f(paths: string[]) {
  // one file at a time
  for (const p of paths) {
    await using fh = await open(p);
    await fh.read(); // the work
  }
}`,
          },
        ],
      },
    ],
  },
  {
    // A try whose block declares: a bare block keeps the declaration's scope.
    code: `import { open, type FileHandle } from 'node:fs/promises';
export async function f(paths: string[]) {
  let fh: FileHandle | undefined;
  try {
    const started = Date.now();
    for (const p of paths) {
      fh = await open(p);
      await fh.read();
    }
    console.log(Date.now() - started);
  } finally {
    await fh?.close();
  }
}`,
    errors: [
      {
        messageId: 'releasedAfterLoop',
        suggestions: [
          {
            messageId: 'moveReleaseIntoLoop',
            output: `import { open, type FileHandle } from 'node:fs/promises';
export async function f(paths: string[]) {
  let fh: FileHandle | undefined;
  {
    const started = Date.now();
    for (const p of paths) {
      fh = await open(p);
      try {
        await fh.read();
      } finally {
        await fh?.close();
      }
    }
    console.log(Date.now() - started);
  }
}`,
          },
          {
            messageId: 'usingInLoop',
            data: { keyword: 'await using' },
            output: `import { open, type FileHandle } from 'node:fs/promises';
export async function f(paths: string[]) {
  {
    const started = Date.now();
    for (const p of paths) {
      await using fh = await open(p);
      await fh.read();
    }
    console.log(Date.now() - started);
  }
}`,
          },
        ],
      },
    ],
  },
  {
    // A finally that holds a comment stays, with its comment.
    code: `import { open, type FileHandle } from 'node:fs/promises';
export async function f(paths: string[]) {
  let fh: FileHandle | undefined;
  try {
    for (const p of paths) {
      fh = await open(p);
      await fh.read();
    }
  } finally {
    // release what is left
    await fh?.close();
  }
}`,
    errors: [
      {
        messageId: 'releasedAfterLoop',
        suggestions: [
          {
            messageId: 'moveReleaseIntoLoop',
            output: `import { open, type FileHandle } from 'node:fs/promises';
export async function f(paths: string[]) {
  let fh: FileHandle | undefined;
  try {
    for (const p of paths) {
      fh = await open(p);
      try {
        await fh.read();
      } finally {
        await fh?.close();
      }
    }
  } finally {
    // release what is left
  }
}`,
          },
          {
            messageId: 'usingInLoop',
            data: { keyword: 'await using' },
            output: `import { open, type FileHandle } from 'node:fs/promises';
export async function f(paths: string[]) {
  try {
    for (const p of paths) {
      await using fh = await open(p);
      await fh.read();
    }
  } finally {
    // release what is left
  }
}`,
          },
        ],
      },
    ],
  },

  // ---- Released after the loop: each resource kind, multi-line fixes.
  {
    code: `declare function startWorker(url: string, signal: AbortSignal): void;
export function poll(urls: string[]) {
  let controller: AbortController | undefined;
  for (const url of urls) {
    controller = new AbortController();
    startWorker(url, controller.signal);
  }
  controller?.abort();
}`,
    // Fire-and-forget: the iteration does not wait for the worker, so aborting in the
    // iteration would stop it at once. The remedy shares one controller instead.
    errors: [
      {
        messageId: 'workOutlivesIteration',
        data: { resource: 'An AbortController', acquired: 'created', released: 'aborted' },
        line: 5,
        column: 5,
        suggestions: [
          {
            messageId: 'shareController',
            output: `declare function startWorker(url: string, signal: AbortSignal): void;
export function poll(urls: string[]) {
  let controller: AbortController | undefined;
  controller = new AbortController();
  for (const url of urls) {
    startWorker(url, controller.signal);
  }
  controller?.abort();
}`,
          },
        ],
      },
    ],
  },
  {
    // autofix: true turns the primary remedy into --fix.
    code: `declare function tick(): void; declare function drain(url: string): Promise<void>;
export async function poll(urls: string[]) {
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  for (const url of urls) {
    heartbeat = setInterval(tick, 1000);
    await drain(url); // the request
  }
  clearInterval(heartbeat);
}`,
    options: [{ autofix: true }],
    output: `declare function tick(): void; declare function drain(url: string): Promise<void>;
export async function poll(urls: string[]) {
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  for (const url of urls) {
    heartbeat = setInterval(tick, 1000);
    try {
      await drain(url); // the request
    } finally {
      clearInterval(heartbeat);
    }
  }
}`,
    errors: [
      {
        messageId: 'releasedAfterLoop',
        suggestions: [
          {
            messageId: 'moveReleaseIntoLoop',
            output: `declare function tick(): void; declare function drain(url: string): Promise<void>;
export async function poll(urls: string[]) {
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  for (const url of urls) {
    heartbeat = setInterval(tick, 1000);
    try {
      await drain(url); // the request
    } finally {
      clearInterval(heartbeat);
    }
  }
}`,
          },
        ],
      },
    ],
  },
  {
    // autofix: true never applies a remedy to fire-and-forget work (it would abort each request as it starts).
    code: `export function prefetch(urls: string[]) {
  let ac: AbortController | undefined;
  try {
    for (const url of urls) {
      ac = new AbortController();
      void fetch(url, { signal: ac.signal }); // warm the cache
    }
  } finally {
    ac?.abort();
  }
}`,
    options: [{ autofix: true }],
    output: null,
    errors: [
      {
        messageId: 'workOutlivesIteration',
        data: { resource: 'An AbortController', acquired: 'created', released: 'aborted' },
        suggestions: [
          {
            messageId: 'shareController',
            output: `export function prefetch(urls: string[]) {
  let ac: AbortController | undefined;
  try {
    ac = new AbortController();
    for (const url of urls) {
      void fetch(url, { signal: ac.signal }); // warm the cache
    }
  } finally {
    ac?.abort();
  }
}`,
          },
        ],
      },
    ],
  },
  {
    // Un-awaited work: a promise per iteration, kept to await later: one shared controller stops them all.
    code: `declare function upload(url: string, signal: AbortSignal): Promise<void>;
export async function f(urls: string[]) {
  const pending: Promise<void>[] = [];
  let ac: AbortController | undefined;
  for (const url of urls) {
    ac = new AbortController();
    const sent = upload(url, ac.signal);
    pending.push(sent);
  }
  ac?.abort();
  await Promise.all(pending);
}`,
    errors: [
      {
        messageId: 'workOutlivesIteration',
        line: 6,
        suggestions: [
          {
            messageId: 'shareController',
            output: `declare function upload(url: string, signal: AbortSignal): Promise<void>;
export async function f(urls: string[]) {
  const pending: Promise<void>[] = [];
  let ac: AbortController | undefined;
  ac = new AbortController();
  for (const url of urls) {
    const sent = upload(url, ac.signal);
    pending.push(sent);
  }
  ac?.abort();
  await Promise.all(pending);
}`,
          },
        ],
      },
    ],
  },
  {
    // Un-awaited work of other kinds: a file handle's own un-awaited method, an interval
    // and a socket that the iteration does not wait with. No remedy: what to do is a decision.
    code: `import { open, type FileHandle } from 'node:fs/promises';
declare function tick(): void;
export async function f(urls: string[]) {
  let fh: FileHandle | undefined;
  for (const url of urls) {
    fh = await open(url, 'w');
    void fh.write(url);
  }
  await fh?.close();
  let t: ReturnType<typeof setInterval> | undefined;
  for (const url of urls) {
    t = setInterval(tick, 100);
    console.log(url);
  }
  clearInterval(t);
  let ws: WebSocket | undefined;
  for (const url of urls) {
    ws = new WebSocket(url);
    ws.binaryType = 'arraybuffer';
  }
  ws?.close();
}`,
    errors: [
      { messageId: 'workOutlivesIteration', line: 6, suggestions: [] },
      { messageId: 'workOutlivesIteration', line: 12, suggestions: [] },
      { messageId: 'workOutlivesIteration', line: 18, suggestions: [] },
    ],
  },
  {
    code: `declare function tick(): void; declare function drain(): Promise<void>; declare const queue: string[];
async function run() {
  let timer: ReturnType<typeof setInterval> | undefined;
  while (queue.length > 0) {
    timer = setInterval(tick, 100);
    await drain();
  }
  clearInterval(timer);
}`,
    errors: [
      {
        messageId: 'releasedAfterLoop',
        data: { resource: 'An interval', acquired: 'started', released: 'cleared' },
        suggestions: [
          {
            messageId: 'moveReleaseIntoLoop',
            output: `declare function tick(): void; declare function drain(): Promise<void>; declare const queue: string[];
async function run() {
  let timer: ReturnType<typeof setInterval> | undefined;
  while (queue.length > 0) {
    timer = setInterval(tick, 100);
    try {
      await drain();
    } finally {
      clearInterval(timer);
    }
  }
}`,
          },
        ],
      },
    ],
  },
  {
    code: `interface Subscription { unsubscribe(): void }
interface Observable<T> { subscribe(f: (v: T) => void): Subscription }
declare const sources: Observable<number>[];
declare function settle(): Promise<void>;
async function watchAll() {
  let sub: Subscription | undefined;
  for (const source of sources) {
    sub = source.subscribe((v) => console.log(v));
    await settle();
  }
  sub?.unsubscribe();
}`,
    errors: [
      {
        messageId: 'releasedAfterLoop',
        data: { resource: 'A subscription', acquired: 'created', released: 'unsubscribed' },
        suggestions: [
          {
            messageId: 'moveReleaseIntoLoop',
            output: `interface Subscription { unsubscribe(): void }
interface Observable<T> { subscribe(f: (v: T) => void): Subscription }
declare const sources: Observable<number>[];
declare function settle(): Promise<void>;
async function watchAll() {
  let sub: Subscription | undefined;
  for (const source of sources) {
    sub = source.subscribe((v) => console.log(v));
    try {
      await settle();
    } finally {
      sub?.unsubscribe();
    }
  }
}`,
          },
        ],
      },
    ],
  },
  {
    // A guarded release moves as it is.
    code: `declare const urls: string[]; declare function greet(ws: WebSocket): Promise<void>;
async function connect() {
  let ws: WebSocket | undefined;
  for (const url of urls) {
    ws = new WebSocket(url);
    await greet(ws);
  }
  if (ws) ws.close();
}`,
    errors: [
      {
        messageId: 'releasedAfterLoop',
        data: { resource: 'A web socket', acquired: 'opened', released: 'closed' },
        suggestions: [
          {
            messageId: 'moveReleaseIntoLoop',
            output: `declare const urls: string[]; declare function greet(ws: WebSocket): Promise<void>;
async function connect() {
  let ws: WebSocket | undefined;
  for (const url of urls) {
    ws = new WebSocket(url);
    try {
      await greet(ws);
    } finally {
      if (ws) ws.close();
    }
  }
}`,
          },
        ],
      },
    ],
  },
  {
    // A disposable, multi-line: the `using` remedy removes the outer declaration and release.
    code: `import { open, type FileHandle } from 'node:fs/promises';
export async function sizes(paths: string[]) {
  let fh: FileHandle | undefined;
  const result: number[] = [];
  for (const p of paths) {
    fh = await open(p);
    result.push((await fh.stat()).size);
  }
  await fh?.close();
  return result;
}`,
    errors: [
      {
        messageId: 'releasedAfterLoop',
        data: FILE_HANDLE,
        suggestions: [
          {
            messageId: 'moveReleaseIntoLoop',
            output: `import { open, type FileHandle } from 'node:fs/promises';
export async function sizes(paths: string[]) {
  let fh: FileHandle | undefined;
  const result: number[] = [];
  for (const p of paths) {
    fh = await open(p);
    try {
      result.push((await fh.stat()).size);
    } finally {
      await fh?.close();
    }
  }
  return result;
}`,
          },
          {
            messageId: 'usingInLoop',
            data: { keyword: 'await using' },
            output: `import { open, type FileHandle } from 'node:fs/promises';
export async function sizes(paths: string[]) {
  const result: number[] = [];
  for (const p of paths) {
    await using fh = await open(p);
    result.push((await fh.stat()).size);
  }
  return result;
}`,
          },
        ],
      },
    ],
  },
  {
    // Used after the loop: the last one is still needed there, so no fix.
    code: `import { open, type FileHandle } from 'node:fs/promises';
export async function lastStat(paths: string[]) {
  let fh: FileHandle | undefined;
  for (const p of paths) {
    fh = await open(p);
    await fh.read();
  }
  const stat = await fh?.stat();
  await fh?.close();
  return stat;
}`,
    errors: [{ messageId: 'releasedAfterLoop', data: FILE_HANDLE, suggestions: [] }],
  },
  {
    // Passing the resource to a function uses it; the code still owns it.
    code: `${SPEC}export async function f() {
  let fh: FileHandle | undefined;
  for (const p of paths) {
    fh = await open(p);
    await consume(fh);
  }
  if (fh !== undefined) {
    await fh.close();
  }
}`,
    errors: [
      {
        messageId: 'releasedAfterLoop',
        suggestions: [
          {
            messageId: 'moveReleaseIntoLoop',
            output: `${SPEC}export async function f() {
  let fh: FileHandle | undefined;
  for (const p of paths) {
    fh = await open(p);
    try {
      await consume(fh);
    } finally {
      if (fh !== undefined) {
        await fh.close();
      }
    }
  }
}`,
          },
          {
            messageId: 'usingInLoop',
            data: { keyword: 'await using' },
            output: `${SPEC}export async function f() {
  for (const p of paths) {
    await using fh = await open(p);
    await consume(fh);
  }
}`,
          },
        ],
      },
    ],
  },
  {
    // Nothing after the acquisition in the iteration, or the release in an expression: report only.
    code: `${SPEC}export async function f() { let ac: AbortController | undefined; for (const p of paths) { ac = new AbortController(); } console.log('done'), ac?.abort(); }`,
    errors: [{ messageId: 'releasedAfterLoop', suggestions: [] }],
  },
  {
    // A release in the outer finally, a do...while loop, no semicolons.
    code: `declare function more(): boolean
export function f() {
  let ac: AbortController | undefined
  try {
    do {
      ac = new AbortController()
      ac.signal.throwIfAborted()
    } while (more())
  } finally {
    ac?.abort()
  }
}`,
    errors: [
      {
        messageId: 'releasedAfterLoop',
        suggestions: [
          {
            messageId: 'moveReleaseIntoLoop',
            output: `declare function more(): boolean
export function f() {
  let ac: AbortController | undefined
  do {
    ac = new AbortController()
    try {
      ac.signal.throwIfAborted()
    } finally {
      ac?.abort()
    }
  } while (more())
}`,
          },
        ],
      },
    ],
  },
  {
    // Released at the top of an outer loop's next round, or by a cleanup function: still only the last one.
    code: `${SPEC}export async function f(rounds: number) {
  let ac: AbortController | undefined;
  const stop = () => ac?.abort();
  while (rounds-- > 0) {
    ac?.abort();
    for (const p of paths) { ac = new AbortController(); void get(p, ac.signal); }
  }
  return stop;
}`,
    errors: [
      {
        messageId: 'workOutlivesIteration',
        line: 10,
        suggestions: [
          {
            messageId: 'shareController',
            output: `${SPEC}export async function f(rounds: number) {
  let ac: AbortController | undefined;
  const stop = () => ac?.abort();
  while (rounds-- > 0) {
    ac?.abort();
    ac = new AbortController();
    for (const p of paths) { void get(p, ac.signal); }
  }
  return stop;
}`,
          },
        ],
      },
    ],
  },
  {
    // A break inside a switch leaves the switch, not the loop.
    code: `${SPEC}export function f() { let ac: AbortController | undefined; for (const p of paths) { switch (p) { case 'a': ac = new AbortController(); break; } } ac?.abort(); }`,
    errors: [{ messageId: 'releasedAfterLoop', suggestions: [] }],
  },
  {
    // A variable with a first value before the loop, or a parameter: the outer release still has work, no fix.
    code: `${SPEC}export function f(first: AbortController) {
  let ac = first;
  for (const p of paths) {
    ac = new AbortController();
    void get(p, ac.signal);
  }
  ac.abort();
}
export function g(ac?: AbortController) {
  for (const p of paths) {
    ac = new AbortController();
    void get(p, ac.signal);
  }
  ac?.abort();
}`,
    errors: [
      { messageId: 'workOutlivesIteration', line: 8, suggestions: [] },
      { messageId: 'workOutlivesIteration', line: 15, suggestions: [] },
    ],
  },
  {
    // A module-level loop with an outer variable, the release in a nested block after it.
    code: `${SPEC}let timer: NodeJS.Timeout | undefined;
for (const p of paths) {
  timer = setTimeout(() => console.log(p), 1000);
  await consume(await open(p));
}
{
  clearTimeout(timer);
}`,
    errors: [
      {
        messageId: 'releasedAfterLoop',
        data: { resource: 'A timeout', acquired: 'started', released: 'cleared' },
        suggestions: [
          {
            messageId: 'moveReleaseIntoLoop',
            output: `${SPEC}let timer: NodeJS.Timeout | undefined;
for (const p of paths) {
  timer = setTimeout(() => console.log(p), 1000);
  try {
    await consume(await open(p));
  } finally {
    clearTimeout(timer);
  }
}
`,
          },
        ],
      },
    ],
  },
  {
    // A class that is an emitter, listening to itself in a polling loop.
    code: `import { EventEmitter } from 'node:events';
export class Poller extends EventEmitter {
  async run(step: () => Promise<boolean>) {
    while (await step()) {
      this.on('tick', () => console.log('tick'));
    }
  }
}`,
    errors: [{ messageId: 'listenerInLoop', data: { event: 'tick', target: 'this', cost: EMITTER_COST }, suggestions: [] }],
  },
  {
    // No semicolons and a registration starting with a parenthesis: inserting a statement before it is unsafe.
    code: `declare function step(): Promise<boolean>
declare const target: EventTarget | undefined
export async function f() {
  while (await step()) {
    (target as EventTarget).addEventListener('x', () => {})
    await step()
  }
}`,
    errors: [{ messageId: 'listenerInLoop', data: { event: 'x', target: 'target as EventTarget', cost: TARGET_COST }, suggestions: [] }],
  },
  {
    // An optional call keeps its optional chain in the removal.
    code: `declare function attempt(s: AbortSignal): Promise<void>;
export async function f(signal?: AbortSignal) {
  for (;;) {
    const ac = new AbortController();
    const onAbort = () => ac.abort();
    signal?.addEventListener('abort', onAbort);
    await attempt(ac.signal);
  }
}`,
    errors: [
      {
        messageId: 'listenerInLoop',
        data: { event: 'abort', target: 'signal', cost: SIGNAL_COST },
        suggestions: [
          {
            messageId: 'removeListenerInFinally',
            output: `declare function attempt(s: AbortSignal): Promise<void>;
export async function f(signal?: AbortSignal) {
  for (;;) {
    const ac = new AbortController();
    const onAbort = () => ac.abort();
    signal?.addEventListener('abort', onAbort);
    try {
      await attempt(ac.signal);
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }
}`,
          },
          {
            messageId: 'perIterationSignal',
            output: `declare function attempt(s: AbortSignal): Promise<void>;
export async function f(signal?: AbortSignal) {
  for (;;) {
    const ac = new AbortController();
    const onAbort = () => ac.abort();
    const listeners = new AbortController();
    signal?.addEventListener('abort', onAbort, { signal: listeners.signal });
    try {
      await attempt(ac.signal);
    } finally {
      listeners.abort();
    }
  }
}`,
          },
        ],
      },
    ],
  },
  {
    // checkIterationCallbacks: the callback of forEach is a loop (strict). No fix across the callback.
    code: `${SPEC}export function f() { let ac: AbortController | undefined; paths.forEach((p) => { ac = new AbortController(); void get(p, ac.signal); }); ac?.abort(); }`,
    options: [{ checkIterationCallbacks: true }],
    errors: [{ messageId: 'workOutlivesIteration', suggestions: [] }],
  },

  // ---- Deferred in a loop.
  {
    code: `declare const names: string[];
declare function lock(name: string): Disposable;
function withLocks() {
  using stack = new DisposableStack();
  for (const name of names) {
    const l = stack.use(lock(name));
    console.log(l);
  }
}`,
    errors: [
      {
        messageId: 'deferredInLoop',
        data: { stack: 'stack', method: 'use', what: 'disposable' },
        line: 6,
        column: 15,
        suggestions: [
          {
            messageId: 'usingInsteadOfStack',
            data: { keyword: 'using', stack: 'stack' },
            output: `declare const names: string[];
declare function lock(name: string): Disposable;
function withLocks() {
  using stack = new DisposableStack();
  for (const name of names) {
    using l = lock(name);
    console.log(l);
  }
}`,
          },
        ],
      },
    ],
  },
  {
    code: `declare const names: string[];
declare function lock(name: string): Disposable;
function withLocks() {
  using stack = new DisposableStack();
  for (const name of names) {
    const l = stack.use(lock(name));
    console.log(l);
  }
}`,
    options: [{ autofix: true }],
    output: `declare const names: string[];
declare function lock(name: string): Disposable;
function withLocks() {
  using stack = new DisposableStack();
  for (const name of names) {
    using l = lock(name);
    console.log(l);
  }
}`,
    errors: [{ messageId: 'deferredInLoop', suggestions: [{ messageId: 'usingInsteadOfStack', data: { keyword: 'using', stack: 'stack' }, output: `declare const names: string[];
declare function lock(name: string): Disposable;
function withLocks() {
  using stack = new DisposableStack();
  for (const name of names) {
    using l = lock(name);
    console.log(l);
  }
}` }] }],
  },
  {
    code: `declare const items: string[];
function sync() {
  using stack = new DisposableStack();
  for (const item of items) {
    stack.defer(() => console.log(item));
  }
}`,
    errors: [{ messageId: 'deferredInLoop', data: { stack: 'stack', method: 'defer', what: 'cleanup callback' }, suggestions: [] }],
  },
  {
    code: `${SPEC}export async function f() {
  await using stack = new AsyncDisposableStack();
  for (const p of paths) { const fh = stack.adopt(await open(p), (h) => h.close()); await consume(fh); }
}`,
    errors: [{ messageId: 'deferredInLoop', data: { stack: 'stack', method: 'adopt', what: 'file handle' }, suggestions: [] }],
  },

  // ---- Listeners.
  {
    code: `import { EventEmitter } from 'node:events';
declare const bus: EventEmitter;
declare function onData(chunk: Buffer): void;
declare function next(): Promise<boolean>;
async function pump() {
  while (await next()) {
    bus.on('data', onData);
    await new Promise((r) => setTimeout(r, 10));
  }
}`,
    errors: [
      {
        messageId: 'listenerInLoop',
        data: { event: 'data', target: 'bus', cost: EMITTER_COST },
        line: 7,
        suggestions: [
          {
            messageId: 'removeListenerInFinally',
            output: `import { EventEmitter } from 'node:events';
declare const bus: EventEmitter;
declare function onData(chunk: Buffer): void;
declare function next(): Promise<boolean>;
async function pump() {
  while (await next()) {
    bus.on('data', onData);
    try {
      await new Promise((r) => setTimeout(r, 10));
    } finally {
      bus.removeListener('data', onData);
    }
  }
}`,
          },
        ],
      },
    ],
  },
  {
    // The same emitter listener added in every item of a collection: it runs N times per event.
    // The iteration never waits, so removing it in the iteration would leave it nothing to hear: no fix.
    code: `import { EventEmitter } from 'node:events';
declare const bus: EventEmitter; declare const ids: string[]; declare function onData(): void;
export function f() { for (const id of ids) { bus.prependListener('data', onData); console.log(id); } }`,
    errors: [{ messageId: 'listenerInLoop', data: { event: 'data', target: 'bus', cost: EMITTER_COST }, suggestions: [] }],
  },
  {
    // The same, in an iteration that waits: the listener is removed once the wait is over.
    code: `import { EventEmitter } from 'node:events';
declare const bus: EventEmitter; declare const ids: string[]; declare function onData(): void; declare function load(id: string): Promise<void>;
export async function f() { for (const id of ids) { bus.prependListener('data', onData); await load(id); } }`,
    errors: [
      {
        messageId: 'listenerInLoop',
        data: { event: 'data', target: 'bus', cost: EMITTER_COST },
        suggestions: [
          {
            messageId: 'removeListenerInFinally',
            output: `import { EventEmitter } from 'node:events';
declare const bus: EventEmitter; declare const ids: string[]; declare function onData(): void; declare function load(id: string): Promise<void>;
export async function f() { for (const id of ids) { bus.prependListener('data', onData); try { await load(id); } finally { bus.removeListener('data', onData); } } }`,
          },
        ],
      },
    ],
  },
  {
    code: `declare function layout(): void;
declare function step(): Promise<boolean>;
async function animate() {
  while (await step()) {
    window.addEventListener('resize', () => layout());
    await new Promise((r) => setTimeout(r, 16));
  }
}`,
    errors: [
      {
        messageId: 'listenerInLoop',
        data: { event: 'resize', target: 'window', cost: TARGET_COST },
        suggestions: [
          {
            messageId: 'perIterationSignal',
            output: `declare function layout(): void;
declare function step(): Promise<boolean>;
async function animate() {
  while (await step()) {
    const listeners = new AbortController();
    window.addEventListener('resize', () => layout(), { signal: listeners.signal });
    try {
      await new Promise((r) => setTimeout(r, 16));
    } finally {
      listeners.abort();
    }
  }
}`,
          },
        ],
      },
    ],
  },
  {
    // Capture listeners: the removal passes the capture flag; `true` options become an object.
    code: `declare function step(): Promise<boolean>;
export async function f() {
  while (await step()) {
    const onKey = () => {};
    document.addEventListener('keydown', onKey, true);
    await step();
  }
}`,
    errors: [
      {
        messageId: 'listenerInLoop',
        data: { event: 'keydown', target: 'document', cost: TARGET_COST },
        suggestions: [
          {
            messageId: 'removeListenerInFinally',
            output: `declare function step(): Promise<boolean>;
export async function f() {
  while (await step()) {
    const onKey = () => {};
    document.addEventListener('keydown', onKey, true);
    try {
      await step();
    } finally {
      document.removeEventListener('keydown', onKey, true);
    }
  }
}`,
          },
          {
            messageId: 'perIterationSignal',
            output: `declare function step(): Promise<boolean>;
export async function f() {
  while (await step()) {
    const onKey = () => {};
    const listeners = new AbortController();
    document.addEventListener('keydown', onKey, { capture: true, signal: listeners.signal });
    try {
      await step();
    } finally {
      listeners.abort();
    }
  }
}`,
          },
        ],
      },
    ],
  },
  {
    // A per-attempt controller linked to the caller's signal, with an existing finally.
    code: `declare function fetchOnce(signal: AbortSignal): Promise<string>;
async function withRetries(signal: AbortSignal) {
  for (let attempt = 0; attempt < 3; attempt++) {
    const controller = new AbortController();
    signal.addEventListener('abort', () => controller.abort(), { once: true });
    try {
      return await fetchOnce(controller.signal);
    } catch (error) {
      console.error(error);
    } finally {
      console.log('attempt done');
    }
  }
  throw new Error('failed');
}`,
    options: [{ autofix: true }],
    output: `declare function fetchOnce(signal: AbortSignal): Promise<string>;
async function withRetries(signal: AbortSignal) {
  for (let attempt = 0; attempt < 3; attempt++) {
    const controller = new AbortController();
    const listeners = new AbortController();
    signal.addEventListener('abort', () => controller.abort(), { once: true, signal: listeners.signal });
    try {
      return await fetchOnce(controller.signal);
    } catch (error) {
      console.error(error);
    } finally {
      listeners.abort();
      console.log('attempt done');
    }
  }
  throw new Error('failed');
}`,
    errors: [
      {
        messageId: 'listenerInLoop',
        data: { event: 'abort', target: 'signal', cost: SIGNAL_ONCE_COST },
        suggestions: [
          {
            messageId: 'perIterationSignal',
            output: `declare function fetchOnce(signal: AbortSignal): Promise<string>;
async function withRetries(signal: AbortSignal) {
  for (let attempt = 0; attempt < 3; attempt++) {
    const controller = new AbortController();
    const listeners = new AbortController();
    signal.addEventListener('abort', () => controller.abort(), { once: true, signal: listeners.signal });
    try {
      return await fetchOnce(controller.signal);
    } catch (error) {
      console.error(error);
    } finally {
      listeners.abort();
      console.log('attempt done');
    }
  }
  throw new Error('failed');
}`,
          },
        ],
      },
    ],
  },
  {
    // The name `listeners` is taken: the fix picks another.
    code: `declare function attempt(s: AbortSignal): Promise<void>; declare const listeners: number;
export async function f(opts: { signal: AbortSignal }) { for (;;) { const ac = new AbortController(); opts.signal.addEventListener('abort', () => ac.abort()); await attempt(ac.signal); } }`,
    errors: [
      {
        messageId: 'listenerInLoop',
        data: { event: 'abort', target: 'opts.signal', cost: SIGNAL_COST },
        suggestions: [
          {
            messageId: 'perIterationSignal',
            output: `declare function attempt(s: AbortSignal): Promise<void>; declare const listeners: number;
export async function f(opts: { signal: AbortSignal }) { for (;;) { const ac = new AbortController(); const listeners2 = new AbortController(); opts.signal.addEventListener('abort', () => ac.abort(), { signal: listeners2.signal }); try { await attempt(ac.signal); } finally { listeners2.abort(); } } }`,
          },
        ],
      },
    ],
  },
  {
    // A signal option that is not per iteration does not help.
    code: `declare function step(): Promise<boolean>;
export async function f(signal: AbortSignal) { while (await step()) { window.addEventListener('message', () => {}, { signal }); await step(); } }`,
    errors: [{ messageId: 'listenerInLoop', data: { event: 'message', target: 'window', cost: TARGET_COST }, suggestions: [] }],
  },
  {
    // Removed after the loop only: just the last one (for an emitter, each registration is separate).
    code: `import { EventEmitter } from 'node:events';
declare const bus: EventEmitter; declare function step(): Promise<boolean>; declare function onData(): void;
export async function f() { while (await step()) { bus.addListener('data', onData); await step(); } bus.off('data', onData); }`,
    errors: [{ messageId: 'listenerInLoop', suggestions: [{ messageId: 'removeListenerInFinally', output: `import { EventEmitter } from 'node:events';
declare const bus: EventEmitter; declare function step(): Promise<boolean>; declare function onData(): void;
export async function f() { while (await step()) { bus.addListener('data', onData); try { await step(); } finally { bus.removeListener('data', onData); } } bus.off('data', onData); }` }] }],
  },
  {
    // A Promise executor runs in the iteration that creates the promise (the retry sleep).
    code: `async function retry(signal: AbortSignal, attempt: () => Promise<string>) {
  for (;;) {
    try { return await attempt(); } catch {}
    await new Promise<void>((resolve) => {
      signal.addEventListener('abort', () => resolve());
      setTimeout(resolve, 1000);
    });
  }
}`,
    errors: [{ messageId: 'listenerInLoop', data: { event: 'abort', target: 'signal', cost: SIGNAL_COST }, line: 5, suggestions: [] }],
  },
  {
    // A fresh listener per item on a signal: they still pile up until it aborts.
    code: `declare const children: AbortController[];
export function f(signal: AbortSignal) { for (const child of children) signal.addEventListener('abort', () => child.abort()); }`,
    errors: [{ messageId: 'listenerInLoop', data: { event: 'abort', target: 'signal', cost: SIGNAL_COST }, suggestions: [] }],
  },
  {
    // A signal listener that removes itself only goes when the signal aborts.
    code: `declare function attempt(s: AbortSignal): Promise<void>;
export async function f(signal: AbortSignal) { for (;;) { const ac = new AbortController(); const onAbort = () => { signal.removeEventListener('abort', onAbort); ac.abort(); }; signal.addEventListener('abort', onAbort); await attempt(ac.signal); } }`,
    errors: [
      {
        messageId: 'listenerInLoop',
        suggestions: [
          {
            messageId: 'removeListenerInFinally',
            output: `declare function attempt(s: AbortSignal): Promise<void>;
export async function f(signal: AbortSignal) { for (;;) { const ac = new AbortController(); const onAbort = () => { signal.removeEventListener('abort', onAbort); ac.abort(); }; signal.addEventListener('abort', onAbort); try { await attempt(ac.signal); } finally { signal.removeEventListener('abort', onAbort); } } }`,
          },
          {
            messageId: 'perIterationSignal',
            output: `declare function attempt(s: AbortSignal): Promise<void>;
export async function f(signal: AbortSignal) { for (;;) { const ac = new AbortController(); const onAbort = () => { signal.removeEventListener('abort', onAbort); ac.abort(); }; const listeners = new AbortController(); signal.addEventListener('abort', onAbort, { signal: listeners.signal }); try { await attempt(ac.signal); } finally { listeners.abort(); } } }`,
          },
        ],
      },
    ],
  },
  {
    // checkIterationCallbacks: a listener added in a forEach callback on a signal.
    code: `declare const children: AbortController[];
export function f(signal: AbortSignal) { children.forEach((child) => { signal.addEventListener('abort', () => child.abort()); }); }`,
    options: [{ checkIterationCallbacks: true }],
    errors: [{ messageId: 'listenerInLoop', suggestions: [] }],
  },
];

// Precedence (docs): what no-cancel-overwrite reports in a loop, this rule leaves alone.
valid.push(...OVERWRITTEN_IN_LOOP);

// A second pass changes nothing: every fixed or suggested output is valid code for the rule.
addSecondPassCases(valid, invalid, (code, from) => ({ code, options: (from.options as Options | undefined) ?? [{}] }));

ruleTester.run('no-loop-finally-leak', rule, { valid, invalid });

describe('no-loop-finally-leak fixes', () => {
  it('every fix and suggestion output type-checks as well as the original', { timeout: 120_000 }, () => {
    // Like `expectNoNewTypeErrors`, with each original checked once.
    expect(typeErrors("const n: number = 'a';")).toHaveLength(1); // the checker does see errors
    let checked = 0;
    for (const testCase of invalid) {
      const outputs = fixOutputs(testCase);
      if (outputs.length === 0) continue;
      const before = new Set(typeErrors(testCase.code));
      for (const output of outputs) {
        const added = typeErrors(output).filter((error) => !before.has(error));
        expect(added, output).toEqual([]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(15);
  });
});

const untypedTester = createUntypedRuleTester();

untypedTester.run('no-loop-finally-leak (no type information)', rule, {
  valid: [
    // Nothing is certain about a file handle or a listener target without types.
    `import { open } from 'node:fs/promises'; async function f(paths: string[]) { let fh; for (const p of paths) { fh = await open(p); } await fh?.close(); }`,
    "async function f(signal: AbortSignal, step: () => Promise<boolean>) { while (await step()) { signal.addEventListener('abort', () => {}); } }",
    "async function f(step: () => Promise<boolean>) { while (await step()) { window.addEventListener('resize', () => {}); } }",
    // A local function that happens to be called setInterval is no timer.
    'function setInterval(f: () => void, ms: number) { return 1; } function clearInterval(n: number) {} function f(xs: number[]) { let t = 0; for (const x of xs) { t = setInterval(() => {}, x); } clearInterval(t); }',
    // A stack whose kind syntax cannot tell.
    'declare const stack: DisposableStack; declare const locks: Disposable[]; function f() { for (const l of locks) { stack.use(l); } }',
    // The usual quiet cases.
    'function f(urls: string[]) { for (const u of urls) { const ac = new AbortController(); try { void fetch(u, { signal: ac.signal }); } finally { ac.abort(); } } }',
    { code: 'function f(urls: string[]) { let ac; urls.forEach((u) => { ac = new AbortController(); }); ac?.abort(); }', options: [{ checkIterationCallbacks: true }] },
  ],
  invalid: [
    {
      code: `function poll(urls: string[]) {
  let controller;
  for (const url of urls) {
    controller = new AbortController();
    void fetch(url, { signal: controller.signal });
  }
  controller?.abort();
}`,
      errors: [
        {
          messageId: 'workOutlivesIteration',
          data: { resource: 'An AbortController', acquired: 'created', released: 'aborted' },
          suggestions: [
            {
              messageId: 'shareController',
              output: `function poll(urls: string[]) {
  let controller;
  controller = new AbortController();
  for (const url of urls) {
    void fetch(url, { signal: controller.signal });
  }
  controller?.abort();
}`,
            },
          ],
        },
      ],
    },
    {
      code: 'async function f(jobs: (() => Promise<void>)[]) { let t; for (const job of jobs) { t = setInterval(job, 100); await job(); } clearInterval(t); }',
      errors: [
        {
          messageId: 'releasedAfterLoop',
          data: { resource: 'An interval', acquired: 'started', released: 'cleared' },
          suggestions: [
            {
              messageId: 'moveReleaseIntoLoop',
              output: 'async function f(jobs: (() => Promise<void>)[]) { let t; for (const job of jobs) { t = setInterval(job, 100); try { await job(); } finally { clearInterval(t); } } }',
            },
          ],
        },
      ],
    },
    {
      // The iteration does not wait while the interval runs: clearing it there would stop it at once.
      code: 'function f(jobs: (() => void)[]) { let t; for (const job of jobs) { t = setInterval(job, 100); job(); } clearInterval(t); }',
      errors: [{ messageId: 'workOutlivesIteration', data: { resource: 'An interval', acquired: 'started', released: 'cleared' }, suggestions: [] }],
    },
    {
      code: 'declare const locks: Disposable[]; function f() { using stack = new DisposableStack(); for (const l of locks) { const x = stack.use(l); console.log(x); } }',
      errors: [
        {
          messageId: 'deferredInLoop',
          data: { stack: 'stack', method: 'use', what: 'resource' },
          suggestions: [
            {
              messageId: 'usingInsteadOfStack',
              data: { keyword: 'using', stack: 'stack' },
              output: 'declare const locks: Disposable[]; function f() { using stack = new DisposableStack(); for (const l of locks) { using x = l; console.log(x); } }',
            },
          ],
        },
      ],
    },
  ],
});

describe('precedence over no-cancel-overwrite: one leak, one report', () => {
  const both = { 'no-loop-finally-leak': { autofix: true }, 'no-cancel-overwrite': { autofix: true } };
  it.each(RELEASED_AFTER_LOOP.map((code) => [code.split('\n').find((l) => l.startsWith('export'))!, code]))(
    'released after the loop, reported by no-loop-finally-leak alone: %s',
    (_name, code) => {
      expect(lintTogether(code, both).map((m) => m.ruleId)).toEqual(['asyncleak/no-loop-finally-leak']);
    },
  );
  it.each(OVERWRITTEN_IN_LOOP.map((code) => [code.split('\n').find((l) => l.startsWith('export'))!, code]))(
    'never released, reported by no-cancel-overwrite alone: %s',
    (_name, code) => {
      expect(lintTogether(code, both).map((m) => m.ruleId)).toEqual(['asyncleak/no-cancel-overwrite']);
    },
  );
});
