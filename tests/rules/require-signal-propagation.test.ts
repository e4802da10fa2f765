import type { InferMessageIdsTypeFromRule } from '@typescript-eslint/utils/eslint-utils';
import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';

import rule from '../../src/rules/require-signal-propagation';
import { createTypedRuleTester, createUntypedRuleTester } from '../rule-tester';
import { addSecondPassCases, fixOutputs } from '../fix-outputs';
import { expectNoNewTypeErrors } from '../typecheck';

type MessageIds = InferMessageIdsTypeFromRule<typeof rule>;
type Options = [{ checkUnlinked?: boolean; evidence?: 'proven' | 'possible'; autofix?: boolean }];

const ruleTester = createTypedRuleTester();

const LOAD = 'declare function load(id: string, opts?: { signal?: AbortSignal }): Promise<string>;\n';
const CHILD = 'declare function child(signal: AbortSignal): Promise<void>;\n';

const valid: (string | ValidTestCase<Options>)[] = [
  // The spec's "do not report" examples.
  'async function get(url: string, signal: AbortSignal) { return fetch(url, { signal }); }',
  'async function get(url: string, init: RequestInit) { return fetch(url, init); }',
  'async function get(url: string) { return fetch(url); }',
  "async function run(signal: AbortSignal, stop: () => void) { signal.addEventListener('abort', stop, { once: true }); }",
  // Calls on the signal or its controller themselves.
  'function f(signal: AbortSignal) { signal.throwIfAborted(); }',
  "function f(opts?: { signal?: AbortSignal }) { opts?.signal?.addEventListener('abort', () => {}); }",
  'function f(signal: AbortSignal, t: AbortSignal) { return AbortSignal.any([signal, t]); }',
  'function f(signal: AbortSignal) { return AbortSignal.timeout(1000); }',
  "function f(signal: AbortSignal) { const controller = new AbortController(); signal.addEventListener('abort', () => controller.abort()); }",
  "function f(signal: AbortSignal, controller: AbortController) { controller.signal.addEventListener('abort', () => {}); controller.abort(); }",
  // Any passed signal, however derived.
  'async function get(url: string, signal: AbortSignal, t: AbortSignal) { return fetch(url, { signal: AbortSignal.any([signal, t]) }); }',
  'async function get(url: string, init: RequestInit) { return fetch(url, { ...init }); }',
  "async function get(url: string, init: RequestInit) { return fetch(url, { method: 'POST', ...init }); }",
  'async function get(url: string, opts: { signal: AbortSignal }) { return fetch(url, { signal: opts.signal }); }',
  'async function get(url: string, opts?: { signal?: AbortSignal }) { return fetch(url, { signal: opts?.signal }); }',
  `${LOAD}async function get(opts: { signal?: AbortSignal }) { return load('x', opts); }`,
  `${LOAD}async function get(opts: { signal?: AbortSignal }) { const merged = { retries: 1, ...opts }; return load('x', merged); }`,
  `${CHILD}async function run(signal: AbortSignal) { await child(signal); }`,
  // A fresh signal, when unlinked signals are not checked (the default).
  'async function get(url: string, signal: AbortSignal) { return fetch(url, { signal: AbortSignal.timeout(5000) }); }',
  // Functions with no signal in scope; a `_`-prefixed signal is deliberately unused.
  "import { setTimeout } from 'node:timers/promises'; async function poll() { await setTimeout(1000); }",
  'async function get(url: string, _signal: AbortSignal) { return fetch(url); }',
  'fetch("/x");',
  // A signal slot that cannot take an AbortSignal.
  "declare function f(id: string, opts?: { signal?: never }): void; function g(signal: AbortSignal) { f('x'); }",
  "declare function f(id: string, opts?: { signal?: string }): void; function g(signal: AbortSignal) { f('x'); }",
  "declare function f(id: string, opts?: any): void; function g(signal: AbortSignal) { f('x'); }",
  // Code that runs after abort on purpose.
  "function f(signal: AbortSignal) { signal.addEventListener('abort', () => { void fetch('/cancel'); }); }",
  "function f(signal: AbortSignal) { signal.onabort = () => { void fetch('/cancel'); }; }",
  "function f(signal: AbortSignal) { function onAbort() { void fetch('/cancel'); } signal.addEventListener('abort', onAbort); }",
  "async function f(signal: AbortSignal) { try { await fetch('/a', { signal }); } finally { await fetch('/release'); } }",
  // A listener on a target the function created, or removed by the function itself.
  "function f(url: string, signal: AbortSignal) { const ws = new WebSocket(url); ws.addEventListener('message', () => {}); }",
  "function f(target: EventTarget, signal: AbortSignal, h: () => void) { target.addEventListener('x', h); signal.addEventListener('abort', () => target.removeEventListener('x', h)); }",
  // A cleanup that aborts the function's own controller runs on the abort path.
  "function effect(el: EventTarget, h: () => void) { const ac = new AbortController(); void fetch('/a', { signal: ac.signal }); return () => { ac.abort(); void fetch('/log-close'); }; }",
  // A call before the function's own controller exists has nothing to pass.
  "async function f() { await fetch('/a'); const ac = new AbortController(); return ac; }",
  // A call in the initialiser of the signal itself cannot pass it.
  "declare function makeSignal(opts?: { signal?: AbortSignal }): AbortSignal; function f() { const s = makeSignal(); return s; }",
  // Positional slot already filled.
  `${CHILD}async function run(ac: AbortController) { await child(ac.signal); }`,
  // An unknown-typed signal is no signal.
  'async function get(url: string, signal: any) { return fetch(url); }',
  // Shapes from real code (openai, effect) that are not leaks:
  // the signal is known to be missing in that branch;
  "declare function execute(a: string, o?: { signal?: AbortSignal }): Promise<void>;\nfunction run(a: string, signal?: AbortSignal) { return signal ? execute(a, { signal }) : execute(a); }",
  // a synchronous helper that reads a request-options bag and returns plain data;
  "interface RequestOptions { body?: unknown; signal?: AbortSignal }\ndeclare function formatOf(o: RequestOptions): { type: string };\nfunction build(body: unknown, options?: RequestOptions) { return formatOf({ body }); }",
  // a synchronous result stored into an object that owns it;
  "declare function toStream(s: string, o?: { signal?: AbortSignal }): ReadableStream<string>;\nfunction build(init: RequestInit & { text: string }, options?: { signal?: AbortSignal }) { init.body = toStream(init.text) as unknown as BodyInit; }",
  // the cancel() of a stream source tears down: it must not get the signal;
  "declare function interrupt(o?: { signal?: AbortSignal }): Promise<void>;\nfunction toWeb(options?: { signal?: AbortSignal }) { return new ReadableStream({ cancel() { return interrupt(); } }); }",
  // a child process stopped by a helper wired to the abort event;
  "import { spawn } from 'node:child_process';\nfunction record(signal: AbortSignal) { let child: ReturnType<typeof spawn> | undefined; const stop = () => child?.kill(); signal.addEventListener('abort', stop, { once: true }); child = spawn('ffmpeg'); }",
  // an options bag that also requires a method and a path is no place for a signal alone.
  "interface FinalRequestOptions { method: string; path: string; signal?: AbortSignal }\ndeclare function getToken(options?: FinalRequestOptions): Promise<string>;\nasync function auth(init: RequestInit) { return getToken(); }",
  // `url: RequestInfo` may be a string: `url.signal` is no signal in scope.
  "async function f(url: RequestInfo) { return fetch('/other'); }",
  // A shadowed signal name is not the signal.
  'function f(signal: AbortSignal) { return (signal: string) => fetch(signal); }',
  // An argument that carries its own signal (a Request, an options object with a signal).
  'async function f(url: string, init: RequestInit, fetchFn: (input: RequestInfo, init?: RequestInit) => Promise<Response>) { const request = new Request(url, init); return fetchFn(request); }',
  "declare function next(ctx: { signal: AbortSignal; path: string }, opts?: { signal?: AbortSignal }): void; function f(ctx: { signal: AbortSignal; path: string }) { next(ctx); }",
  // The result is stopped by hand on abort.
  "import { spawn } from 'node:child_process'; function f(signal: AbortSignal) { const child = spawn('ls'); signal.addEventListener('abort', () => child.kill()); }",
  // A boolean capture flag is a non-literal-object options value: stay quiet.
  "function f(target: EventTarget, signal: AbortSignal) { target.addEventListener('x', () => {}, true); }",
  // Shapes from application code (mongodb, node-redis, an AI SDK) that are not missed signals.
  // A `protected` or `private` signal of a domain object cannot be read from outside: no signal in scope.
  `declare class Cursor { protected signal?: AbortSignal; next(): Promise<unknown>; }\nexport function stream(cursor: Cursor) {\n  return fetch('/events');\n}`,
  `declare class Cursor { private signal?: AbortSignal; next(): Promise<unknown>; }\nexport function stream(cursor: Cursor) {\n  return fetch('/events');\n}`,
  // A property named like a signal whose type is no AbortSignal (`killSignal`).
  `export async function run(url: string, opts: { killSignal?: NodeJS.Signals }) {\n  return fetch(url);\n}`,
  // A guard on the object the signal comes from, or on a local derived from it: the branch where it is missing.
  `declare function execute(a: string, o?: { signal?: AbortSignal }): Promise<void>;\nexport function run(a: string, options?: { signal?: AbortSignal }) {\n  return options == null ? execute(a) : execute(a, options);\n}`,
  `declare function execute(a: string, o?: { signal?: AbortSignal }): Promise<void>;\nexport function run(a: string, signal?: AbortSignal) {\n  const opts = signal ? { signal } : undefined;\n  if (opts) return execute(a, opts);\n  return execute(a);\n}`,
  // A value constructor read only for a property does no work (`new Request(url).url` resolves a URL).
  `export function resolveUrl(url: string, signal: AbortSignal) {\n  return new Request(url).url;\n}`,
  // A local deadline controller given to one request is that request's, not the next call's.
  `export async function get(url: string) {\n  const ac = new AbortController();\n  const timer = setTimeout(() => ac.abort(), 5000);\n  const res = await fetch(url, { signal: ac.signal });\n  clearTimeout(timer);\n  await fetch('/log', { method: 'POST' });\n  return res;\n}`,
  // Piping the body of a `fetch` that got the signal: already bound to it upstream.
  `import { pipeline } from 'node:stream/promises';\nimport type { Writable } from 'node:stream';\nexport async function download(url: string, out: Writable, signal: AbortSignal) {\n  const res = await fetch(url, { signal });\n  await pipeline(res.body!, out);\n}`,
  // checkUnlinked: a derived signal, or the function's own controller, is linked enough.
  { code: 'async function get(url: string, signal: AbortSignal) { return fetch(url, { signal: AbortSignal.any([signal, AbortSignal.timeout(5000)]) }); }', options: [{ checkUnlinked: true }] },
  { code: 'async function get(url: string) { return fetch(url, { signal: AbortSignal.timeout(5000) }); }', options: [{ checkUnlinked: true }] },
  { code: 'async function get(url: string, signal: AbortSignal) { const ac = new AbortController(); signal.addEventListener("abort", () => ac.abort()); return fetch(url, { signal: ac.signal }); }', options: [{ checkUnlinked: true }] },
  // Evidence (README, "Evidence"): no witness, no report, in either config.
  // A slot named for another signal takes only that signal: `requestSignal` is not the handler's `signal`.
  "declare function send(m: string, o?: { requestSignal?: AbortSignal }): Promise<void>;\nasync function reply(m: string, signal: AbortSignal) { await send(m); }",
  // Work in a closure the function stores for later runs after its operation: the start-up signal is not its.
  "declare function save(o?: { signal?: AbortSignal }): Promise<void>;\nexport function start(signal: AbortSignal) { return { stop: async () => { await save(); } }; }",
  "declare function save(o?: { signal?: AbortSignal }): Promise<void>;\nexport function start(signal: AbortSignal) { async function persist() { await save(); } return { stop: persist }; }",
  // A kill-switch the function aborts itself, on its own path after the work: it cuts nothing short.
  "export async function run() {\n  const controller = new AbortController();\n  await fetch('/a');\n  controller.abort();\n  return controller;\n}",
  // An in-memory stream stage, a stream built from options: the work is the source's, which stops on its own signal.
  'export function decode(body: ReadableStream<Uint8Array>, signal: AbortSignal) { return body.pipeThrough(new TextDecoderStream()); }',
  "import { createHash } from 'node:crypto';\nexport function digest(data: string, signal: AbortSignal) { return createHash('sha256').update(data).digest('hex'); }",
  // The author chose which branch carries the signal (the same callee gets it in the other one).
  "declare function send(m: string, o?: { signal?: AbortSignal; headers?: string }): Promise<void>;\nexport async function call(m: string, options?: { signal?: AbortSignal }) {\n  const signal = options?.signal;\n  const sendOptions = { ...(signal == null ? {} : { signal }) };\n  return Object.keys(sendOptions).length === 0 ? send(m) : send(m, sendOptions);\n}",
  // A promise let go with its own error path runs on its own on purpose.
  "declare function startStream(o?: { signal?: AbortSignal }): Promise<void>;\nexport async function notify(signal: AbortSignal, onerror: (e: unknown) => void) { startStream().catch(onerror); }",
  // A poll that checks the signal on every pass: an abort waits out one pass at most (strict reports it).
  "declare function delay(ms: number, o?: { signal?: AbortSignal }): Promise<void>;\ndeclare function busy(): boolean;\nexport async function drain(signal: AbortSignal) { while (busy()) { if (signal.aborted) return; await delay(20); } }",
  "declare function delay(ms: number, o?: { signal?: AbortSignal }): Promise<void>;\nexport async function drain(signal: AbortSignal, work: () => void) { while (true) { await delay(25); if (signal.aborted) return; work(); } }",
  // A promise let go with its own error path, as a statement or `void`-ed.
  "declare function startStream(o?: { signal?: AbortSignal }): Promise<void>;\nexport async function notify(signal: AbortSignal, onerror: (e: unknown) => void) { void startStream().catch(onerror); }",
  "declare function delay(ms: number, o?: { signal?: AbortSignal }): Promise<void>;\ndeclare function tryLock(): boolean;\ndeclare function checkAbort(s: AbortSignal | undefined): void;\nexport async function lock(options: { abortSignal?: AbortSignal }) { while (!tryLock()) { checkAbort(options.abortSignal); await delay(25); } }",
];


/** One report with one suggestion that hands the signal over. */
function passes(code: string, output: string, call: string, cost: string, signal = 'signal'): InvalidTestCase<MessageIds, Options> {
  return {
    code,
    errors: [
      {
        messageId: 'missingSignal',
        data: { call, signal, cost },
        suggestions: [{ messageId: 'passSignal', data: { signal, call }, output }],
      },
    ],
  };
}

/** A case only `evidence: 'possible'` (strict) reports: the witness has a link the code does not prove. */
function possibleOnly(test: InvalidTestCase<MessageIds, Options>): InvalidTestCase<MessageIds, Options> {
  return { ...test, options: [{ ...test.options?.[0], evidence: 'possible' }] };
}

const TRPC_PROCEDURE =
  "import { EventEmitter, on } from 'node:events';\ndeclare const ee: EventEmitter;\n" +
  'declare const procedure: { subscription<TOut>(resolver: (opts: { input: string; signal: AbortSignal | undefined }) => AsyncIterable<TOut>): unknown };\n';
const USE_QUERY =
  'interface QueryFunctionContext<K> { queryKey: K; signal: AbortSignal }\n' +
  'declare function useQuery<T, K extends readonly unknown[]>(options: { queryKey: K; queryFn: (context: QueryFunctionContext<K>) => Promise<T> }): T;\n';
const EMITTER = "import { once, EventEmitter } from 'node:events';\n";
const AXIOS =
  'interface GenericAbortSignal { readonly aborted: boolean; onabort?: ((...args: any) => any) | null }\n' +
  'declare const client: { get(url: string, config?: { signal?: GenericAbortSignal; timeout?: number }): Promise<unknown> };\n';

/** `AbortSignal.timeout()` handed on in place of the caller's signal (checkUnlinked). */
const unlinkedTimeout: InvalidTestCase<MessageIds, Options> = {
  code: 'async function get(url: string, signal: AbortSignal) { return fetch(url, { signal: AbortSignal.timeout(5000) }); }',
  options: [{ checkUnlinked: true }],
  errors: [
    {
      messageId: 'unlinkedSignal',
      data: { call: 'fetch', signal: 'signal', cost: 'the request keeps running' },
      suggestions: [
        {
          messageId: 'linkSignal',
          output: 'async function get(url: string, signal: AbortSignal) { return fetch(url, { signal: AbortSignal.any([signal, AbortSignal.timeout(5000)]) }); }',
        },
      ],
    },
  ],
};

/**
 * The same case with the global `AbortSignal` spelled through an escape (`\\u0041bortSignal`)
 * wherever the source names it; what a suggestion writes itself (`AbortSignal.any`) stays plain.
 */
function withEscapedAbortSignal(test: InvalidTestCase<MessageIds, Options>): InvalidTestCase<MessageIds, Options> {
  const spell = (code: string) => code.replace(/AbortSignal(?!\.any\()/g, '\\u0041bortSignal');
  return {
    ...test,
    code: spell(test.code),
    errors: test.errors.map((error) => ({ ...error, suggestions: error.suggestions?.map((suggestion) => ({ ...suggestion, output: spell(suggestion.output) })) })),
  };
}

const invalid: InvalidTestCase<MessageIds, Options>[] = [
  // Evidence: a poll that checks the signal on every pass is only a possible leak (strict).
  possibleOnly(
    passes(
      "declare function delay(ms: number, o?: { signal?: AbortSignal }): Promise<void>;\ndeclare function busy(): boolean;\nexport async function drain(signal: AbortSignal) { while (busy()) { if (signal.aborted) return; await delay(20); } }",
      "declare function delay(ms: number, o?: { signal?: AbortSignal }): Promise<void>;\ndeclare function busy(): boolean;\nexport async function drain(signal: AbortSignal) { while (busy()) { if (signal.aborted) return; await delay(20, { signal }); } }",
      'delay',
      'this call keeps running',
    ),
  ),
  // ... and a poll that does not check the signal is a proven one.
  passes(
    "declare function delay(ms: number, o?: { signal?: AbortSignal }): Promise<void>;\ndeclare function busy(): boolean;\nexport async function drain(signal: AbortSignal) { while (busy()) { await delay(20); } }",
    "declare function delay(ms: number, o?: { signal?: AbortSignal }): Promise<void>;\ndeclare function busy(): boolean;\nexport async function drain(signal: AbortSignal) { while (busy()) { await delay(20, { signal }); } }",
    'delay',
    'this call keeps running',
  ),
  // ... as is a poll that checks it but waits an unknown (or long) time each pass: an abort waits it out.
  passes(
    "declare function delay(ms: number, o?: { signal?: AbortSignal }): Promise<void>;\nexport async function poll(signal: AbortSignal, interval: number) { for (;;) { if (signal.aborted) return; await delay(interval); } }",
    "declare function delay(ms: number, o?: { signal?: AbortSignal }): Promise<void>;\nexport async function poll(signal: AbortSignal, interval: number) { for (;;) { if (signal.aborted) return; await delay(interval, { signal }); } }",
    'delay',
    'this call keeps running',
  ),
  // A bare floating call is still the operation's work (only `void` says it is let go).
  passes(
    "export async function h(signal: AbortSignal) { fetch('/a').then((r) => r.json()).then(console.log); }",
    "export async function h(signal: AbortSignal) { fetch('/a', { signal }).then((r) => r.json()).then(console.log); }",
    'fetch',
    'the request keeps running',
  ),
  // A kill-switch aborted from a callback can fire while the work runs: proven.
  {
    code: "export async function run() {\n  const controller = new AbortController();\n  setTimeout(() => controller.abort(), 1000);\n  await fetch('/a');\n}",
    errors: [
      {
        messageId: 'missingLocalSignal',
        data: { call: 'fetch', signal: 'controller.signal', cost: 'the request keeps running' },
        suggestions: [
          {
            messageId: 'passSignal',
            output: "export async function run() {\n  const controller = new AbortController();\n  setTimeout(() => controller.abort(), 1000);\n  await fetch('/a', { signal: controller.signal });\n}",
          },
        ],
      },
    ],
  },
  // A local function called in place runs during the operation: its calls get the signal.
  passes(
    "declare function save(o?: { signal?: AbortSignal }): Promise<void>;\nexport async function run(signal: AbortSignal) { async function persist() { await save(); } await persist(); }",
    "declare function save(o?: { signal?: AbortSignal }): Promise<void>;\nexport async function run(signal: AbortSignal) { async function persist() { await save({ signal }); } await persist(); }",
    'save',
    'this call keeps running',
  ),
  // The spec's "report" examples.
  {
    code: 'async function get(url: string, signal: AbortSignal) { return fetch(url); }',
    errors: [
      {
        messageId: 'missingSignal',
        data: { call: 'fetch', signal: 'signal', cost: 'the request keeps running' },
        suggestions: [
          {
            messageId: 'passSignal',
            data: { signal: 'signal', call: 'fetch' },
            output: 'async function get(url: string, signal: AbortSignal) { return fetch(url, { signal }); }',
          },
        ],
      },
    ],
  },
  {
    code: "async function get2(url: string, { signal }: { signal?: AbortSignal } = {}) { return fetch(url, { method: 'GET' }); }",
    errors: [
      {
        messageId: 'missingSignal',
        suggestions: [
          {
            messageId: 'passSignal',
            output: "async function get2(url: string, { signal }: { signal?: AbortSignal } = {}) { return fetch(url, { method: 'GET', signal }); }",
          },
        ],
      },
    ],
  },
  {
    code: "import { setTimeout } from 'node:timers/promises';\nasync function poll(opts: { signal: AbortSignal }) { await setTimeout(1000); }",
    errors: [
      {
        messageId: 'missingSignal',
        data: { call: 'setTimeout', signal: 'opts.signal', cost: 'the wait keeps running' },
        suggestions: [
          {
            messageId: 'passSignal',
            output:
              "import { setTimeout } from 'node:timers/promises';\nasync function poll(opts: { signal: AbortSignal }) { await setTimeout(1000, undefined, { signal: opts.signal }); }",
          },
        ],
      },
    ],
  },
  {
    code: `${LOAD}${CHILD}async function run(signal: AbortSignal) { const ac = new AbortController(); await child(ac.signal); await load('x'); }`,
    errors: [
      {
        messageId: 'missingSignal',
        data: { call: 'load', signal: 'signal', cost: 'this call keeps running' },
        suggestions: [
          // `ac` is `child`'s own controller (its deadline): not offered for `load`.
          {
            messageId: 'passSignal',
            data: { signal: 'signal', call: 'load' },
            output: `${LOAD}${CHILD}async function run(signal: AbortSignal) { const ac = new AbortController(); await child(ac.signal); await load('x', { signal }); }`,
          },
        ],
      },
    ],
  },
  {
    code: "declare function onMessage(e: Event): void;\nfunction listen(target: EventTarget, signal: AbortSignal) { target.addEventListener('message', onMessage); }",
    errors: [
      {
        messageId: 'missingSignal',
        data: { call: 'target.addEventListener', signal: 'signal', cost: 'the listener stays attached' },
        suggestions: [
          {
            messageId: 'passSignal',
            output:
              "declare function onMessage(e: Event): void;\nfunction listen(target: EventTarget, signal: AbortSignal) { target.addEventListener('message', onMessage, { signal }); }",
          },
        ],
      },
    ],
  },
  // Edge cases: optional chaining, APIs of every kind, the user's own functions.
  passes(
    'async function get(url: string, opts?: { signal?: AbortSignal }) { return fetch(url); }',
    'async function get(url: string, opts?: { signal?: AbortSignal }) { return fetch(url, { signal: opts?.signal }); }',
    'fetch',
    'the request keeps running',
    'opts?.signal',
  ),
  passes(
    'function build(url: string, signal: AbortSignal) { return new Request(url); }',
    'function build(url: string, signal: AbortSignal) { return new Request(url, { signal }); }',
    'new Request',
    'the request keeps running',
  ),
  passes(
    "function listen(target: EventTarget, signal: AbortSignal) { target.addEventListener('x', () => {}, { once: true }); }",
    "function listen(target: EventTarget, signal: AbortSignal) { target.addEventListener('x', () => {}, { once: true, signal }); }",
    'target.addEventListener',
    'the listener stays attached',
  ),
  passes(
    `${EMITTER}async function wait(e: EventEmitter, signal: AbortSignal) { await once(e, 'ready'); }`,
    `${EMITTER}async function wait(e: EventEmitter, signal: AbortSignal) { await once(e, 'ready', { signal }); }`,
    'once',
    'it keeps waiting for the event',
  ),
  passes(
    "import { pipeline } from 'node:stream/promises';\nimport type { Readable, Writable } from 'node:stream';\nasync function copy(a: Readable, b: Writable, signal: AbortSignal) { await pipeline(a, b); }",
    "import { pipeline } from 'node:stream/promises';\nimport type { Readable, Writable } from 'node:stream';\nasync function copy(a: Readable, b: Writable, signal: AbortSignal) { await pipeline(a, b, { signal }); }",
    'pipeline',
    'the stream keeps flowing',
  ),
  possibleOnly(
  passes(
    "import { readFile } from 'node:fs/promises';\nasync function read(p: string, { signal }: { signal?: AbortSignal }) { return readFile(p); }",
    "import { readFile } from 'node:fs/promises';\nasync function read(p: string, { signal }: { signal?: AbortSignal }) { return readFile(p, { signal }); }",
    'readFile',
    'the file operation keeps running',
  )),
  passes(
    "import { spawn } from 'node:child_process';\nfunction run(signal: AbortSignal) { return spawn('ls', ['-la']); }",
    "import { spawn } from 'node:child_process';\nfunction run(signal: AbortSignal) { return spawn('ls', ['-la'], { signal }); }",
    'spawn',
    'the child process keeps running',
  ),
  passes(
    `${LOAD}async function get(id: string, init: { signal: AbortSignal }) { return load(id); }`,
    `${LOAD}async function get(id: string, init: { signal: AbortSignal }) { return load(id, { signal: init.signal }); }`,
    'load',
    'this call keeps running',
    'init.signal',
  ),
  passes(
    `${AXIOS}async function get(signal: AbortSignal) { return client.get('/users'); }`,
    `${AXIOS}async function get(signal: AbortSignal) { return client.get('/users', { signal }); }`,
    'client.get',
    'this call keeps running',
  ),
  passes(
    `${AXIOS}async function get(signal: AbortSignal, c?: typeof client) { return c?.get('/users', { timeout: 1000 }); }`,
    `${AXIOS}async function get(signal: AbortSignal, c?: typeof client) { return c?.get('/users', { timeout: 1000, signal }); }`,
    'c?.get',
    'this call keeps running',
  ),
  // Nested closures see the enclosing function's signal.
  passes(
    'function all(ids: string[], signal: AbortSignal) { return ids.map(async (id) => fetch(`/x/${id}`)); }',
    'function all(ids: string[], signal: AbortSignal) { return ids.map(async (id) => fetch(`/x/${id}`, { signal })); }',
    'fetch',
    'the request keeps running',
  ),
  // A callback that runs later but not because of the abort still needs the signal; a promise let go
  // (`void`) is only possibly part of the operation: strict.
  possibleOnly(
  passes(
    "function later(signal: AbortSignal) { queueMicrotask(() => { void fetch('/x'); }); }",
    "function later(signal: AbortSignal) { queueMicrotask(() => { void fetch('/x', { signal }); }); }",
    'fetch',
    'the request keeps running',
  )),
  // A registration-style function of your own (returns nothing) keeps its handler.
  passes(
    'declare function subscribe(h: () => void, o?: { signal?: AbortSignal }): void;\nfunction watch(signal: AbortSignal) { subscribe(() => {}); }',
    'declare function subscribe(h: () => void, o?: { signal?: AbortSignal }): void;\nfunction watch(signal: AbortSignal) { subscribe(() => {}, { signal }); }',
    'subscribe',
    'this call keeps running',
  ),
  // An async iterator that never ends on its own.
  passes(
    "import { setInterval } from 'node:timers/promises';\nasync function tick(signal: AbortSignal) { for await (const _ of setInterval(1000)) { void _; } }",
    "import { setInterval } from 'node:timers/promises';\nasync function tick(signal: AbortSignal) { for await (const _ of setInterval(1000, undefined, { signal })) { void _; } }",
    'setInterval',
    'the timer keeps running',
  ),
  // Literal `undefined` in the slot.
  passes(
    'async function get(url: string, signal: AbortSignal) { return fetch(url, undefined); }',
    'async function get(url: string, signal: AbortSignal) { return fetch(url, { signal }); }',
    'fetch',
    'the request keeps running',
  ),
  passes(
    'declare function job(id: string, signal: AbortSignal | undefined): Promise<void>;\nasync function run(signal: AbortSignal) { await job("a", undefined); }',
    'declare function job(id: string, signal: AbortSignal | undefined): Promise<void>;\nasync function run(signal: AbortSignal) { await job("a", signal); }',
    'job',
    'this call keeps running',
  ),
  // Positional slots, skipped optional parameters filled with `undefined`.
  passes(
    'declare function job(id: string, signal?: AbortSignal): Promise<void>;\nasync function run(signal: AbortSignal) { await job("a"); }',
    'declare function job(id: string, signal?: AbortSignal): Promise<void>;\nasync function run(signal: AbortSignal) { await job("a", signal); }',
    'job',
    'this call keeps running',
  ),
  passes(
    'declare function job(id: string, retries?: number, signal?: AbortSignal): Promise<void>;\nasync function run(signal: AbortSignal) { await job("a"); }',
    'declare function job(id: string, retries?: number, signal?: AbortSignal): Promise<void>;\nasync function run(signal: AbortSignal) { await job("a", undefined, signal); }',
    'job',
    'this call keeps running',
  ),
  // Layout: multi-line options keep their shape, comments stay.
  passes(
    "async function post(url: string, signal: AbortSignal) {\n  return fetch(url, {\n    method: 'POST', // create\n    body: '{}',\n  });\n}",
    "async function post(url: string, signal: AbortSignal) {\n  return fetch(url, {\n    method: 'POST', // create\n    body: '{}',\n    signal,\n  });\n}",
    'fetch',
    'the request keeps running',
  ),
  passes(
    'async function get(url: string, signal: AbortSignal) { return fetch(url, {}); }',
    'async function get(url: string, signal: AbortSignal) { return fetch(url, { signal }); }',
    'fetch',
    'the request keeps running',
  ),
  // Shapes from application code that are still missed signals: the counterparts of the exemptions above.
  // A public signal of a class instance is the caller's to pass on (unlike a protected or private one).
  passes(
    `declare class Cursor { readonly signal?: AbortSignal; next(): Promise<unknown>; }\nexport function stream(cursor: Cursor) {\n  return fetch('/events');\n}`,
    `declare class Cursor { readonly signal?: AbortSignal; next(): Promise<unknown>; }\nexport function stream(cursor: Cursor) {\n  return fetch('/events', { signal: cursor.signal });\n}`,
    'fetch',
    'the request keeps running',
    'cursor.signal',
  ),
  // A signal under another name (`abortSignal`, node-redis): the fix writes the callee's own property.
  passes(
    `declare const client: { sendCommand(args: string[], options?: { abortSignal?: AbortSignal }): Promise<unknown> };\nexport async function ask(args: string[], options?: { abortSignal?: AbortSignal }) {\n  await client.sendCommand(['ASKING']);\n  return client.sendCommand(args, options);\n}`,
    `declare const client: { sendCommand(args: string[], options?: { abortSignal?: AbortSignal }): Promise<unknown> };\nexport async function ask(args: string[], options?: { abortSignal?: AbortSignal }) {\n  await client.sendCommand(['ASKING'], { abortSignal: options?.abortSignal });\n  return client.sendCommand(args, options);\n}`,
    'client.sendCommand',
    'this call keeps running',
    'options?.abortSignal',
  ),
  // A destructured `abortSignal` goes into `fetch`'s `signal`.
  passes(
    `export async function generate(url: string, { abortSignal }: { abortSignal?: AbortSignal }) {\n  return fetch(url, { method: 'POST' });\n}`,
    `export async function generate(url: string, { abortSignal }: { abortSignal?: AbortSignal }) {\n  return fetch(url, { method: 'POST', signal: abortSignal });\n}`,
    'fetch',
    'the request keeps running',
    'abortSignal',
  ),
  // A string in an options slot that also takes an object (`fs`'s encoding): the fix writes `{ encoding: 'utf8', signal }`.
  // A local file operation ends by itself: only strict reports it.
  possibleOnly(
  passes(
    `import { readFile } from 'node:fs/promises';\nexport async function readConfig(path: string, signal: AbortSignal) {\n  return readFile(path, 'utf8');\n}`,
    `import { readFile } from 'node:fs/promises';\nexport async function readConfig(path: string, signal: AbortSignal) {\n  return readFile(path, { encoding: 'utf8', signal });\n}`,
    'readFile',
    'the file operation keeps running',
  )),
  // ... also when the string is a template literal.
  possibleOnly(
  passes(
    `import { readFile } from 'node:fs/promises';\nexport async function readConfig(path: string, signal: AbortSignal) {\n  return readFile(path, \`utf8\`);\n}`,
    `import { readFile } from 'node:fs/promises';\nexport async function readConfig(path: string, signal: AbortSignal) {\n  return readFile(path, { encoding: \`utf8\`, signal });\n}`,
    'readFile',
    'the file operation keeps running',
  )),
  // A `Request` that is kept, not only read for a property.
  passes(
    `export function build(url: string, signal: AbortSignal) {\n  const request = new Request(url);\n  return request.url;\n}`,
    `export function build(url: string, signal: AbortSignal) {\n  const request = new Request(url, { signal });\n  return request.url;\n}`,
    'new Request',
    'the request keeps running',
  ),
  // The function's own controller, aborted by its deadline and given to no call: "when it aborts", not "if the caller aborts".
  {
    code: `export async function get(url: string) {\n  const ac = new AbortController();\n  setTimeout(() => ac.abort(), 5000);\n  return fetch(url);\n}`,
    errors: [
      {
        messageId: 'missingLocalSignal',
        data: { call: 'fetch', signal: 'ac.signal', cost: 'the request keeps running' },
        suggestions: [{ messageId: 'passSignal', data: { signal: 'ac.signal', call: 'fetch' }, output: `export async function get(url: string) {\n  const ac = new AbortController();\n  setTimeout(() => ac.abort(), 5000);\n  return fetch(url, { signal: ac.signal });\n}` }],
      },
    ],
  },
  // The body of a call that did not get the signal is not bound to it.
  passes(
    `import { pipeline } from 'node:stream/promises';\nimport type { Writable } from 'node:stream';\ndeclare function open(url: string): Promise<Response>;\nexport async function download(url: string, out: Writable, signal: AbortSignal) {\n  const res = await open(url);\n  await pipeline(res.body!, out);\n}`,
    `import { pipeline } from 'node:stream/promises';\nimport type { Writable } from 'node:stream';\ndeclare function open(url: string): Promise<Response>;\nexport async function download(url: string, out: Writable, signal: AbortSignal) {\n  const res = await open(url);\n  await pipeline(res.body!, out, { signal });\n}`,
    'pipeline',
    'the stream keeps flowing',
  ),
  // A guard on a local derived from the signal: in the branch where it is present, the call still misses it.
  passes(
    `declare function execute(a: string, o?: { signal?: AbortSignal }): Promise<void>;\nexport function run(a: string, signal?: AbortSignal) {\n  const opts = signal ? { signal } : undefined;\n  if (opts) return execute(a);\n  return execute(a, opts);\n}`,
    `declare function execute(a: string, o?: { signal?: AbortSignal }): Promise<void>;\nexport function run(a: string, signal?: AbortSignal) {\n  const opts = signal ? { signal } : undefined;\n  if (opts) return execute(a, { signal });\n  return execute(a, opts);\n}`,
    'execute',
    'this call keeps running',
  ),
  // A nullable signal cannot go where null/undefined is not accepted: report, offer no fix.
  {
    code: "import { setTimeout } from 'node:timers/promises';\nasync function poll(init: RequestInit) { await setTimeout(10); }",
    errors: [
      {
        messageId: 'missingSignal',
        data: { call: 'setTimeout', signal: 'init.signal', cost: 'the wait keeps running' },
        suggestions: [],
      },
    ],
  },
  // autofix: the single obvious edit becomes --fix.
  {
    code: 'async function get(url: string, signal: AbortSignal) { return fetch(url); }',
    options: [{ autofix: true }],
    output: 'async function get(url: string, signal: AbortSignal) { return fetch(url, { signal }); }',
    errors: [
      {
        messageId: 'missingSignal',
        suggestions: [{ messageId: 'passSignal', output: 'async function get(url: string, signal: AbortSignal) { return fetch(url, { signal }); }' }],
      },
    ],
  },
  // Several signals in scope: one suggestion each, nearest first, and no autofix.
  {
    code: "function outer(signal: AbortSignal) { const run = (inner: AbortSignal) => fetch('/x'); return run(signal); }",
    options: [{ autofix: true }],
    output: null,
    errors: [
      {
        messageId: 'missingSignal',
        data: { call: 'fetch', signal: 'inner', cost: 'the request keeps running' },
        suggestions: [
          { messageId: 'passSignal', data: { signal: 'inner', call: 'fetch' }, output: "function outer(signal: AbortSignal) { const run = (inner: AbortSignal) => fetch('/x', { signal: inner }); return run(signal); }" },
          { messageId: 'passSignal', data: { signal: 'signal', call: 'fetch' }, output: "function outer(signal: AbortSignal) { const run = (inner: AbortSignal) => fetch('/x', { signal }); return run(signal); }" },
        ],
      },
    ],
  },
  // checkUnlinked (strict): a new signal not linked to the caller's.
  unlinkedTimeout,
  // The global's name through an escape: the file's text need not say `AbortSignal`.
  withEscapedAbortSignal(unlinkedTimeout),
  {
    code: "import { setTimeout } from 'node:timers/promises';\nasync function poll(opts: { signal: AbortSignal }) { await setTimeout(10, undefined, { signal: new AbortController().signal }); }",
    options: [{ checkUnlinked: true, autofix: true }],
    output:
      "import { setTimeout } from 'node:timers/promises';\nasync function poll(opts: { signal: AbortSignal }) { await setTimeout(10, undefined, { signal: AbortSignal.any([opts.signal, new AbortController().signal]) }); }",
    errors: [
      {
        messageId: 'unlinkedSignal',
        suggestions: [
          {
            messageId: 'linkSignal',
            output:
              "import { setTimeout } from 'node:timers/promises';\nasync function poll(opts: { signal: AbortSignal }) { await setTimeout(10, undefined, { signal: AbortSignal.any([opts.signal, new AbortController().signal]) }); }",
          },
        ],
      },
    ],
  },
  {
    code: 'async function get(url: string, signal: AbortSignal) { const timeout = AbortSignal.timeout(5000); return fetch(url, { signal: timeout }); }',
    options: [{ checkUnlinked: true }],
    errors: [
      {
        messageId: 'unlinkedSignal',
        suggestions: [
          {
            messageId: 'linkSignal',
            output: 'async function get(url: string, signal: AbortSignal) { const timeout = AbortSignal.timeout(5000); return fetch(url, { signal: AbortSignal.any([signal, timeout]) }); }',
          },
        ],
      },
    ],
  },
  {
    code: 'async function get(url: string, opts?: { signal?: AbortSignal }) { return fetch(url, { signal: AbortSignal.timeout(5000) }); }',
    options: [{ checkUnlinked: true }],
    errors: [
      {
        messageId: 'unlinkedSignal',
        data: { call: 'fetch', signal: 'opts?.signal', cost: 'the request keeps running' },
        suggestions: [
          {
            messageId: 'linkSignal',
            output:
              'async function get(url: string, opts?: { signal?: AbortSignal }) { return fetch(url, { signal: opts?.signal ? AbortSignal.any([opts.signal, AbortSignal.timeout(5000)]) : AbortSignal.timeout(5000) }); }',
          },
        ],
      },
    ],
  },
  // Unannotated callback parameters typed by the call around them: only the inferred
  // type shows the signal (why such parameters are typed at all: docs/benchmarks.md).
  // A tRPC subscription (an async generator) stops by `opts.signal`.
  passes(
    `${TRPC_PROCEDURE}procedure.subscription(async function* (opts) {\n  for await (const [data] of on(ee, 'add')) yield data;\n});`,
    `${TRPC_PROCEDURE}procedure.subscription(async function* (opts) {\n  for await (const [data] of on(ee, 'add', { signal: opts.signal })) yield data;\n});`,
    'on',
    'it keeps waiting for events',
    'opts.signal',
  ),
  // A TanStack-style `queryFn`, its context's type inferred from the query key.
  passes(
    `${USE_QUERY}useQuery({ queryKey: ['todos'], queryFn: (context) => fetch('/todos').then((r) => r.json()) });`,
    `${USE_QUERY}useQuery({ queryKey: ['todos'], queryFn: (context) => fetch('/todos', { signal: context.signal }).then((r) => r.json()) });`,
    'fetch',
    'the request keeps running',
    'context.signal',
  ),
];

// A second pass changes nothing: every fixed or suggested output is valid code for the rule.
addSecondPassCases(valid, invalid, (code, from) => ({ code, options: (from.options as Options | undefined) ?? [{}] }));

ruleTester.run('require-signal-propagation', rule, { valid, invalid });

describe('require-signal-propagation fixes', () => {
  it('every fix and suggestion output type-checks as well as the original', { timeout: 240_000 }, () => {
    let checked = 0;
    for (const testCase of invalid) {
      for (const output of fixOutputs(testCase)) {
        expectNoNewTypeErrors(testCase.code, output);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(5);
  });
});

const untypedTester = createUntypedRuleTester();

untypedTester.run('require-signal-propagation (no type information)', rule, {
  valid: [
    'async function get(url: string, signal: AbortSignal) { return fetch(url); }',
    "import { setTimeout } from 'node:timers/promises'; async function poll(opts: { signal: AbortSignal }) { await setTimeout(1000); }",
    { code: 'async function get(url: string, signal: AbortSignal) { return fetch(url, { signal: AbortSignal.timeout(1) }); }', options: [{ checkUnlinked: true, autofix: true }] },
  ],
  invalid: [],
});
