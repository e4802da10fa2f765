import type { InferMessageIdsTypeFromRule } from '@typescript-eslint/utils/eslint-utils';
import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import * as path from 'node:path';

import parser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import rule from '../../src/rules/no-cancel-overwrite';
import { createTypedRuleTester, createUntypedRuleTester, fixturesDir, TYPED_PARSER_OPTIONS } from '../rule-tester';
import { fixOutputs } from '../fix-outputs';
import { expectNoNewTypeErrors } from '../typecheck';
import { OVERWRITTEN_IN_LOOP, RELEASED_AFTER_LOOP } from './loop-precedence';

type MessageIds = InferMessageIdsTypeFromRule<typeof rule>;
type Options = [{ checkNeverAborted?: boolean; minTimeoutMs?: number; evidence?: 'proven' | 'possible'; autofix?: boolean }];

/** `strict`'s evidence: witnesses with a link that is only possible are reported too. */
const POSSIBLE = [{ evidence: 'possible' }] as Options;

const ruleTester = createTypedRuleTester();

/** An RxJS-like Subscription, declared inline. */
const RX =
  'interface Subscription { unsubscribe(): void }\ninterface Observable<T> { subscribe(f: (v: T) => void): Subscription }\ndeclare function render(v: number): void;\n';
const TIMEOUT = 'ReturnType<typeof setTimeout>';
const INTERVAL = 'ReturnType<typeof setInterval>';

/** The `overwrite` report of a timeout (its words are asserted in "no-cancel-overwrite messages"). */
const timeoutOverwrite = (_name: string) => ({ messageId: 'overwrite' }) as const;

const valid: ValidTestCase<Options>[] = (<(string | ValidTestCase<Options>)[]>[
  // The spec's "do not report" examples.
  'let controller = new AbortController();\nexport function search(q: string) { controller.abort(); controller = new AbortController(); return fetch(`/s?q=${q}`, { signal: controller.signal }); }',
  `class Debounce { private timer?: ${TIMEOUT}; call(fn: () => void) { clearTimeout(this.timer); this.timer = setTimeout(fn, 100); } }`,
  `class Lazy { private timer?: ${INTERVAL}; tick = () => {}; init() { if (!this.timer) this.timer = setInterval(this.tick, 10); } }`,
  { code: 'function once() { const ac = new AbortController(); return ac; }', options: [{ checkNeverAborted: true }] },

  // First assignment of something that starts empty.
  `class Clock { private t?: ${INTERVAL}; constructor() { this.t = setInterval(() => {}, 1000); } stop() { clearInterval(this.t); } }`,
  'let t: ReturnType<typeof setTimeout> | undefined;\nt = setTimeout(() => {}, 10);',
  'function f() { let c: AbortController; c = new AbortController(); return fetch("/", { signal: c.signal }); }',
  // The variable is the function's own: every call has a fresh binding.
  'export function run() { let c: AbortController | undefined; c = new AbortController(); c.abort(); }',
  // A class field with a non-resource initialiser, assigned in the constructor.
  `class Poller { private t: ${INTERVAL} | 0 = 0; constructor() { this.t = setInterval(() => {}, 10); } }`,
  // Exclusive branches of one constructor.
  `class Poller { private t: ${INTERVAL}; constructor(fast: boolean) { if (fast) this.t = setInterval(() => {}, 1); else this.t = setInterval(() => {}, 100); } }`,
  // An earlier acquisition that returns before this one is not on the way.
  `class Poller { private t?: ${INTERVAL}; constructor(fast: boolean) { if (fast) { this.t = setInterval(() => {}, 1); return; } this.t = setInterval(() => {}, 100); } }`,
  // A lifecycle method that runs once per mount.
  `class Clock { private t?: ${INTERVAL}; componentDidMount() { this.t = setInterval(() => {}, 1000); } componentWillUnmount() { clearInterval(this.t); } }`,
  // A promise executor runs once.
  `class Delay { private t?: ${TIMEOUT}; readonly done: Promise<void>; constructor() { this.done = new Promise<void>((resolve) => { this.t = setTimeout(resolve, 10); }); } }`,

  // Released first, directly or through a helper.
  'let controller: AbortController | undefined;\nexport function search() { controller?.abort(); controller = new AbortController(); }',
  'let timer: ReturnType<typeof setTimeout> | undefined;\nexport function poke(fn: () => void) { if (timer) clearTimeout(timer); timer = setTimeout(fn, 100); }',
  `${RX}class View { private sub?: Subscription; bind(src: Observable<number>) { this.sub?.unsubscribe(); this.sub = src.subscribe(render); } }`,
  `class Holder { private d?: Disposable; renew(make: () => Disposable) { this.d?.[Symbol.dispose](); this.d = make(); } }`,
  `class Query { private staleTimeoutId?: ${TIMEOUT}; private clearStaleTimeout() { clearTimeout(this.staleTimeoutId); } update() { this.clearStaleTimeout(); this.staleTimeoutId = setTimeout(() => {}, 10); } }`,
  // clearTimeout(this.#t) in a helper method, with private #fields (query-core's shape).
  `class Removable { #gcTimeout?: ${TIMEOUT}; scheduleGc() { this.clearGcTimeout(); this.#gcTimeout = setTimeout(() => {}, 10); } clearGcTimeout() { if (this.#gcTimeout) { clearTimeout(this.#gcTimeout); this.#gcTimeout = undefined; } } }`,
  `class Removable { #t?: ${TIMEOUT}; #clear() { clearTimeout(this.#t); } #reset() { this.#clear(); } arm() { this.#reset(); this.#t = setTimeout(() => {}, 10); } }`,
  'let timer: ReturnType<typeof setInterval> | undefined;\nfunction stop() { clearInterval(timer); }\nexport function restart() { stop(); timer = setInterval(() => {}, 10); }',
  'let timer: ReturnType<typeof setInterval> | undefined;\nconst stop = () => clearInterval(timer);\nexport function restart() { stop(); timer = setInterval(() => {}, 10); }',
  // A self-clearing interval: the function releases it.
  `class Job { private t?: ${INTERVAL}; start(done: () => boolean) { this.t = setInterval(() => { if (done()) clearInterval(this.t); }, 10); } }`,

  // Guards proving it empty.
  `class Lazy { private t?: ${TIMEOUT}; arm() { if (this.t == null) { this.t = setTimeout(() => {}, 10); } } }`,
  `class Lazy { private t?: ${TIMEOUT}; arm() { if (this.t === undefined && Math.random() > 0.5) this.t = setTimeout(() => {}, 10); } }`,
  `class Lazy { private t?: ${TIMEOUT}; arm() { if (this.t) return; this.t = setTimeout(() => {}, 10); } }`,
  `class Lazy { private t?: ${TIMEOUT}; arm() { if (this.t !== undefined) { return; } this.t = setTimeout(() => {}, 10); } }`,
  `class Lazy { private t?: ${TIMEOUT}; arm() { if (this.t) { console.log('armed'); } else { this.t = setTimeout(() => {}, 10); } } }`,
  `class Lazy { private t?: ${TIMEOUT}; arm() { this.t ??= setTimeout(() => {}, 10); } }`,
  `class Lazy { private t?: ${TIMEOUT}; arm() { this.t || (this.t = setTimeout(() => {}, 10)); } }`,
  `class Lazy { private t?: ${TIMEOUT}; arm() { this.t ?? (this.t = setTimeout(() => {}, 10)); } }`,
  'let t: ReturnType<typeof setTimeout> | undefined;\nexport function arm() { if (typeof t === "undefined") t = setTimeout(() => {}, 10); }',
  `class Once { private t?: ${TIMEOUT}; fire() { this.t = undefined; this.t = setTimeout(() => {}, 10); } }`,
  'let x: ReturnType<typeof setTimeout> | null = null;\nexport function arm() { if (x == null) x = setTimeout(() => {}, 1); }',

  'class Search { private controller = new AbortController(); run() { if (this.controller.signal.aborted) this.controller = new AbortController(); return this.controller.signal; } }',
  // A field the subclass does not declare belongs to the base class (maybe in another file).
  `declare class Base { protected timer?: ${TIMEOUT}; }\nexport class Child extends Base { arm() { this.timer = setTimeout(() => {}, 10); } }`,

  // The old value is saved or escaped.
  'class Search { private controller?: AbortController; run() { const prev = this.controller; this.controller = new AbortController(); prev?.abort(); } }',
  `${RX}class View { private all: Subscription[] = []; private sub?: Subscription; bind(src: Observable<number>) { if (this.sub) this.all.push(this.sub); this.sub = src.subscribe(render); } }`,
  `declare function register(t: unknown): void;\nclass C { private t?: ${TIMEOUT}; arm() { this.t = setTimeout(() => {}, 10); register(this.t); } }`,
  `class C { private t?: ${TIMEOUT}; arm() { this.t = setTimeout(() => {}, 10); } get handle() { return this.t; } }`,
  `class C { private t?: ${TIMEOUT}; arm() { const { t } = this; this.t = setTimeout(() => {}, 10); return t; } }`,
  'let c: AbortController | undefined;\nexport function next() { c = new AbortController(); }\nexport { c };',
  // A public field released from outside the class, through an instance or a subclass.
  `class Job { timer?: ${INTERVAL}; start() { this.timer = setInterval(() => {}, 10); } }\nexport class Stoppable extends Job { stop() { clearInterval(this.timer); } }`,
  `class Job { timer?: ${INTERVAL}; start() { this.timer = setInterval(() => {}, 10); } }\nexport function stop(job: Job) { clearInterval(job.timer); }`,
  // Chained: the new value is handed on as well.
  `class C { private t?: ${TIMEOUT}; arm() { return (this.t = setTimeout(() => {}, 10)); } }`,

  // Plain values, numbers not from a timer call, unknown types.
  'class Counter { private n = 0; bump() { this.n = Math.max(this.n, Date.now()); } }',
  'class C { private started = 0; start() { this.started = Date.now(); } }',
  'function setTimeout(f: () => void, ms: number) { return ms; }\nexport class C { private t = 0; arm() { this.t = setTimeout(() => {}, 10); } }',
  'declare function make(): any;\nclass C { private x: any; m() { this.x = make(); } }',
  'class C { private m?: Map<string, number>; reset() { this.m = new Map(); } }',
  // A closeable is not a cancellable kind for this rule.
  "class C { private ws?: WebSocket; reconnect() { this.ws = new WebSocket('ws://x'); } }",

  // Shapes that are not places: computed keys, destructuring, `super`.
  'export class C { m(k: string) { (this as Record<string, unknown>)[k] = setTimeout(() => {}, 1); } }',
  'let a: unknown, b: unknown;\nexport function f() { [a, b] = [setTimeout(() => {}, 1), 2]; ({ a } = { a: setInterval(() => {}, 1) }); }',
  'class B { t?: unknown; }\nexport class C extends B { m() { super.t; } }',
  'export function f(o: { t?: unknown }) { o.t = setTimeout(() => {}, 1); }',

  // Loop variables declared inside the loop body.
  'export function all(urls: string[]) { for (const u of urls) { let c: AbortController; c = new AbortController(); void fetch(u, { signal: c.signal }); c.abort(); } }',
  'export function all(urls: string[]) { for (const u of urls) { const ac = new AbortController(); void fetch(u, { signal: ac.signal }); ac.abort(); } }',
  // A loop body that runs once.
  'export function first(urls: string[]) { let c: AbortController | undefined; for (const u of urls) { c = new AbortController(); void fetch(u, { signal: c.signal }); break; } return c; }',

  // A timeout re-armed from its own callback: the old one has fired.
  `class Poller { private t?: ${TIMEOUT}; poll() { this.t = setTimeout(() => this.poll(), 1000); } stop() { clearTimeout(this.t); } }`,
  `class Poller { private t?: ${TIMEOUT}; start() { clearTimeout(this.t); this.t = setTimeout(() => { this.t = setTimeout(() => {}, 10); }, 10); } }`,
  'let t: ReturnType<typeof setTimeout> | undefined;\nfunction tick() { t = setTimeout(tick, 1000); }\nexport function stop() { clearTimeout(t); }\ntick();',

  // Shapes from real code (tRPC, openai): a retry re-armed from the timeout it scheduled, through the outer function.
  `export function retry(run: (done: (ok: boolean) => void) => void) {\n  let next: ${TIMEOUT} | undefined;\n  function attempt(n: number) {\n    run((ok) => { if (!ok) next = setTimeout(() => attempt(n + 1), 100); });\n  }\n  attempt(0);\n  return () => clearTimeout(next);\n}`,
  // Released by every caller before it calls the function that re-arms.
  `export function keepAlive(ws: WebSocket) {\n  let ping: ${TIMEOUT} | undefined;\n  function start() { ping = setTimeout(() => ws.send('PING'), 1000); }\n  function reset() { clearTimeout(ping); start(); }\n  ws.addEventListener('open', start);\n  ws.addEventListener('message', () => { clearTimeout(ping); start(); });\n  ws.addEventListener('close', () => reset());\n}`,
  `export function keepAlive(ws: WebSocket) {\n  let timeout: ${TIMEOUT} | undefined;\n  let ping: ${TIMEOUT} | undefined;\n  const schedulePing = () => {\n    const scheduleTimeout = () => { timeout = setTimeout(() => ws.close(), 10); };\n    ping = setTimeout(() => { ws.send('PING'); scheduleTimeout(); }, 100);\n  };\n  ws.addEventListener('message', () => { clearTimeout(ping); clearTimeout(timeout); schedulePing(); });\n  schedulePing();\n}`,
  // A guard in the function around a promise executor.
  `export function timer(ms: number) {\n  let t: ${TIMEOUT} | null = null;\n  return {\n    start() {\n      if (t) throw new Error('started');\n      return new Promise<void>((resolve) => { t = setTimeout(resolve, ms); });\n    },\n    stop() { if (t) clearTimeout(t); },\n  };\n}`,
  // A local timer a callback arms and the owning code clears in \`finally\`.
  `declare function wait(make: () => Promise<void>): Promise<void>;\nexport async function pause(ms: number) {\n  let t: ${TIMEOUT} | undefined;\n  try {\n    await wait(() => new Promise<void>((resolve) => { t = setTimeout(resolve, ms); }));\n  } finally {\n    clearTimeout(t);\n  }\n}`,

  // Shapes from application code (mongodb, graphql-ws, radix, vscode-js-debug) that are not leaks.
  // A self-re-arming chain: the constructor's timeout starts work whose `.then` re-arms it; every call of the re-arming method comes from that chain.
  `declare function connect(): Promise<void>;\nexport class RttPinger {\n  private monitorId: ${TIMEOUT};\n  private closed = false;\n  constructor(private ms: number) {\n    this.monitorId = setTimeout(() => this.measure(), ms);\n  }\n  close() { this.closed = true; clearTimeout(this.monitorId); }\n  private measureAndReschedule() {\n    if (this.closed) return;\n    this.monitorId = setTimeout(() => this.measure(), this.ms);\n  }\n  private measure() {\n    if (this.closed) return;\n    void connect().then(() => this.measureAndReschedule());\n  }\n}`,
  // An interval's tick re-arms a timeout with the interval's own delay: the old one is due before the next tick.
  `export function keepAlive(socket: { close(): void; ping(): void }, keepAlive: number) {\n  const client: { pingInterval?: ${INTERVAL}; pongWaitTimeout?: ${TIMEOUT} } = {};\n  client.pingInterval = setInterval(() => {\n    client.pongWaitTimeout = setTimeout(() => socket.close(), keepAlive);\n    socket.ping();\n  }, keepAlive);\n  return client;\n}`,
  // Released first through a helper wrapped in `useCallback`.
  {
    code: `import * as React from 'react';\nexport function Trigger() {\n  const longPressTimerRef = React.useRef(0);\n  const clearLongPress = React.useCallback(() => window.clearTimeout(longPressTimerRef.current), []);\n  const onPointerDown = () => {\n    clearLongPress();\n    longPressTimerRef.current = window.setTimeout(() => {}, 700);\n  };\n  return <div onPointerDown={onPointerDown} />;\n}`,
    filename: 'react.tsx',
  },
  // Handlers that run once: a WebSocket opens once, a `once` listener, an `{ once: true }` listener.
  `export function connect(url: string) {\n  const socket = new WebSocket(url);\n  let ackTimeout: ${TIMEOUT} | undefined;\n  socket.onopen = () => {\n    ackTimeout = setTimeout(() => socket.close(4408), 3000);\n  };\n  socket.onmessage = () => clearTimeout(ackTimeout);\n}`,
  `import { EventEmitter } from 'node:events';\nexport function watch(emitter: EventEmitter) {\n  let grace: ${TIMEOUT} | undefined;\n  emitter.once('ready', () => {\n    grace = setTimeout(() => emitter.emit('late'), 3000);\n  });\n  emitter.on('close', () => clearTimeout(grace));\n}`,
  `export function connect(socket: WebSocket) {\n  let ackTimeout: ${TIMEOUT} | undefined;\n  socket.addEventListener('open', () => {\n    ackTimeout = setTimeout(() => socket.close(4408), 3000);\n  }, { once: true });\n  socket.addEventListener('close', () => clearTimeout(ackTimeout));\n}`,
  // A `for await` over the field finishes the generator it holds when the loop exits.
  `declare function onData(): AsyncGenerator<Uint8Array>;\nexport class Connection {\n  private dataEvents: AsyncGenerator<Uint8Array> | null = null;\n  async *readMany() {\n    try {\n      this.dataEvents = onData();\n      for await (const message of this.dataEvents) yield message;\n    } finally {\n      this.dataEvents = null;\n    }\n  }\n}`,
  // Armed on `pointerleave`, cleared on `pointerenter` of the same target: the events alternate.
  `export function watch(scrollArea: HTMLElement, setVisible: (v: boolean) => void, delay: number) {\n  let hideTimer = 0;\n  const handlePointerEnter = () => {\n    window.clearTimeout(hideTimer);\n    setVisible(true);\n  };\n  const handlePointerLeave = () => {\n    hideTimer = window.setTimeout(() => setVisible(false), delay);\n  };\n  scrollArea.addEventListener('pointerenter', handlePointerEnter);\n  scrollArea.addEventListener('pointerleave', handlePointerLeave);\n  return () => window.clearTimeout(hideTimer);\n}`,
  // A detached daemon the code `unref()`s on purpose: nothing is meant to stop it.
  `import { spawn, type ChildProcess } from 'node:child_process';\nexport class CryptdManager {\n  private child?: ChildProcess;\n  spawn() {\n    this.child = spawn('mongocryptd', [], { stdio: 'ignore', detached: true });\n    this.child.unref();\n  }\n}`,
  // minTimeoutMs: a 10 ms timeout has fired before the handler can run again.
  { code: `export class Otp {\n  private actionTimeout?: ${TIMEOUT};\n  onCut(reset: () => void) {\n    this.actionTimeout = setTimeout(reset, 10);\n  }\n}`, options: [{ minTimeoutMs: 100 }] },
  // The `start()` of an underlying source: the stream calls it once.
  `export function ticks(ms: number) {\n  let timer: ${INTERVAL} | undefined;\n  return new ReadableStream<number>({\n    start(controller) {\n      timer = setInterval(() => controller.enqueue(Date.now()), ms);\n    },\n    cancel() { clearInterval(timer); },\n  });\n}`,
  // A private method called only by the constructor, directly or from a `.then` of a chain it starts.
  `export class Heartbeat {\n  private timer?: ${INTERVAL};\n  constructor(private ms: number) {\n    this.startTimer();\n  }\n  private startTimer() {\n    this.timer = setInterval(() => {}, this.ms);\n  }\n  dispose() { clearInterval(this.timer); }\n}`,
  `declare function connect(): Promise<void>;\nexport class Heartbeat {\n  private timer?: ${INTERVAL};\n  constructor(private ms: number) {\n    void connect().then(() => this.#startTimer());\n  }\n  #startTimer() {\n    this.timer = setInterval(() => {}, this.ms);\n  }\n  dispose() { clearInterval(this.timer); }\n}`,
  // A one-way latch (`if (this.started) return; this.started = true`, never reset): the rest runs once, even after an `await`.
  `declare function connected(): Promise<void>;\nexport class Poller {\n  private started = false;\n  private timer?: ${INTERVAL};\n  async start() {\n    if (this.started) return;\n    this.started = true;\n    await connected();\n    this.timer = setInterval(() => {}, 1000);\n  }\n  dispose() { clearInterval(this.timer); }\n}`,
  // A companion status flag: the guard throws while running, the flag is set with no `await` in between, and every other write of it releases the timer.
  `export class Scheduler {\n  private state: 'idle' | 'running' = 'idle';\n  private timer?: ${INTERVAL};\n  start() {\n    if (this.state === 'running') throw new Error('already running');\n    this.timer = setInterval(() => {}, 1000);\n    this.state = 'running';\n  }\n  stop() {\n    clearInterval(this.timer);\n    this.state = 'idle';\n  }\n}`,
  `export class Scheduler {\n  private running = false;\n  private timer?: ${INTERVAL};\n  start() {\n    if (this.running) return;\n    this.running = true;\n    this.timer = setInterval(() => {}, 1000);\n  }\n  stop() {\n    clearInterval(this.timer);\n    this.running = false;\n  }\n}`,
  // A controller stored through a local alias, aborted first.
  'export class Search {\n  private ctrl?: AbortController;\n  run(q: string) {\n    this.ctrl?.abort();\n    const c = new AbortController();\n    this.ctrl = c;\n    return fetch(`/s?q=${q}`, { signal: c.signal });\n  }\n}',

  // Placeholder signals on purpose, and kept controllers.
  'export function f(opts: { signal?: AbortSignal }) { return opts.signal ?? new AbortController().signal; }',
  'export function f(opts: { signal?: AbortSignal }) { return opts.signal || new AbortController().signal; }',
  'export function f(signal = new AbortController().signal) { return signal.aborted; }',
  'export function f({ signal = new AbortController().signal }: { signal?: AbortSignal } = {}) { return signal.aborted; }',
  'export function f(opts: { signal?: AbortSignal }) { return opts.signal ? opts.signal : new AbortController().signal; }',
  'export function f() { const ac = new AbortController(); const { signal } = ac; return { signal, stop: () => ac.abort() }; }',
  'declare function keep(c: AbortController): void;\nkeep(new AbortController());',
  // A subclass that is not an AbortController by name only.
  'class AbortController { signal = 1; }\nexport const { signal } = new AbortController();',

  // Never aborted: off by default; aborted or handed on when on.
  'export async function f(url: string) { const ac = new AbortController(); await fetch(url, { signal: ac.signal }); }',
  {
    code: "export async function f(url: string) { const ac = new AbortController(); setTimeout(() => ac.abort(), 1000); await fetch(url, { signal: ac.signal }); }",
    options: [{ checkNeverAborted: true }],
  },
  {
    code: 'declare function track(c: AbortController): void;\nexport function f() { const ac = new AbortController(); track(ac); return ac.signal; }',
    options: [{ checkNeverAborted: true }],
  },
  {
    code: 'export const ac = new AbortController();\nexport function f() { return ac.signal; }',
    options: [{ checkNeverAborted: true }],
  },
  // Precedence (docs): a per-iteration resource released only after the loop is no-loop-finally-leak's.
  ...RELEASED_AFTER_LOOP,
]).map((testCase) => (typeof testCase === 'string' ? { code: testCase } : testCase));

const invalid: InvalidTestCase<MessageIds, Options>[] = [
  // The spec's "report" examples. Nothing aborts `controller` anywhere: the overwrite loses no
  // cancellation (docs, what `recommended` leaves out), so this one is strict's.
  {
    code: 'let controller = new AbortController();\nexport function search(q: string) { controller = new AbortController(); return fetch(`/s?q=${q}`, { signal: controller.signal }); }',
    options: POSSIBLE,
    errors: [
      {
        messageId: 'overwrite',
        line: 2,
        column: 37,
        suggestions: [
          {
            messageId: 'releaseFirst',
            data: { label: 'AbortController', release: 'controller.abort()' },
            output:
              'let controller = new AbortController();\nexport function search(q: string) { controller.abort(); controller = new AbortController(); return fetch(`/s?q=${q}`, { signal: controller.signal }); }',
          },
        ],
      },
    ],
  },
  {
    code: `class Debounce {\n  private timer?: ${TIMEOUT};\n  call(fn: () => void) {\n    this.timer = setTimeout(fn, 100);\n  }\n}`,
    errors: [
      {
        ...timeoutOverwrite('this.timer'),
        line: 4,
        suggestions: [
          {
            messageId: 'releaseFirst',
            output: `class Debounce {\n  private timer?: ${TIMEOUT};\n  call(fn: () => void) {\n    clearTimeout(this.timer);\n    this.timer = setTimeout(fn, 100);\n  }\n}`,
          },
        ],
      },
    ],
  },
  {
    code: `${RX}class View {\n  private sub?: Subscription;\n  bind(src: Observable<number>) {\n    this.sub = src.subscribe(render);\n  }\n}`,
    errors: [
      {
        messageId: 'overwrite',
        data: {
          name: 'this.sub',
          line: '7',
          label: 'subscription',
          start: 'it started on an earlier run',
          state: 'deliver values',
          why: '`bind()` can run again and ',
          release: 'unsubscribes',
          weak: '',
        },
        suggestions: [
          {
            messageId: 'releaseFirst',
            output: `${RX}class View {\n  private sub?: Subscription;\n  bind(src: Observable<number>) {\n    this.sub?.unsubscribe();\n    this.sub = src.subscribe(render);\n  }\n}`,
          },
        ],
      },
    ],
  },
  {
    code: 'const { signal } = new AbortController();\nexport { signal };',
    errors: [
      {
        messageId: 'discardedController',
        column: 20,
        suggestions: [
          {
            messageId: 'keepController',
            data: { name: 'controller' },
            output: 'const controller = new AbortController();\nconst { signal } = controller;\nexport { signal };',
          },
        ],
      },
    ],
  },

  // Autofix: the release insertion becomes --fix.
  {
    code: `class Debounce {\n  private timer?: ${TIMEOUT};\n  call(fn: () => void) {\n    this.timer = setTimeout(fn, 100);\n  }\n}`,
    options: [{ autofix: true }],
    output: `class Debounce {\n  private timer?: ${TIMEOUT};\n  call(fn: () => void) {\n    clearTimeout(this.timer);\n    this.timer = setTimeout(fn, 100);\n  }\n}`,
    errors: [
      {
        messageId: 'overwrite',
        suggestions: [
          {
            messageId: 'releaseFirst',
            output: `class Debounce {\n  private timer?: ${TIMEOUT};\n  call(fn: () => void) {\n    clearTimeout(this.timer);\n    this.timer = setTimeout(fn, 100);\n  }\n}`,
          },
        ],
      },
    ],
  },
  // Autofix never lifts a discarded controller (it still has to be aborted somewhere).
  {
    code: "const base = '/api'\nexport function load(url: string) {\n  return fetch(base + url, { signal: new AbortController().signal })\n}",
    options: [{ autofix: true }],
    output: null,
    errors: [
      {
        messageId: 'discardedController',
        suggestions: [
          {
            messageId: 'keepController',
            output: "const base = '/api'\nexport function load(url: string) {\n  const controller = new AbortController()\n  return fetch(base + url, { signal: controller.signal })\n}",
          },
        ],
      },
    ],
  },

  // A module-level `let controller` in a search handler (nullable: `?.`).
  {
    options: POSSIBLE,
    code: "let controller: AbortController | undefined;\nexport function bind(input: HTMLInputElement) {\n  input.addEventListener('input', () => {\n    controller = new AbortController();\n    void fetch(`/s?q=${input.value}`, { signal: controller.signal });\n  });\n}",
    errors: [
      {
        messageId: 'overwrite',
        line: 4,
        suggestions: [
          {
            messageId: 'releaseFirst',
            output:
              "let controller: AbortController | undefined;\nexport function bind(input: HTMLInputElement) {\n  input.addEventListener('input', () => {\n    controller?.abort();\n    controller = new AbortController();\n    void fetch(`/s?q=${input.value}`, { signal: controller.signal });\n  });\n}",
          },
        ],
      },
    ],
  },
  // An interval restarted by a method.
  {
    code: `class Ticker { private t?: ${INTERVAL}; start() { this.t = setInterval(() => {}, 10); } stop() { clearInterval(this.t); } }`,
    errors: [
      {
        messageId: 'overwrite',
        data: { name: 'this.t', line: '1', label: 'interval', start: 'it started on an earlier run', state: 'run', why: '`start()` can run again and ', release: 'clears', weak: '' },
        suggestions: [
          {
            messageId: 'releaseFirst',
            output: `class Ticker { private t?: ${INTERVAL}; start() { clearInterval(this.t); this.t = setInterval(() => {}, 10); } stop() { clearInterval(this.t); } }`,
          },
        ],
      },
    ],
  },
  // A private #field, compared by name within the class.
  {
    code: `class R { #t?: ${TIMEOUT}; arm() { this.#t = setTimeout(() => {}, 10); } }`,
    errors: [
      {
        ...timeoutOverwrite('this.#t'),
        suggestions: [
          { messageId: 'releaseFirst', output: `class R { #t?: ${TIMEOUT}; arm() { clearTimeout(this.#t); this.#t = setTimeout(() => {}, 10); } }` },
        ],
      },
    ],
  },
  // A class field with an initialiser, overwritten in the constructor.
  {
    code: `class Poller { private t = setInterval(() => {}, 1000); constructor() { this.t = setInterval(() => {}, 500); } }`,
    errors: [
      {
        messageId: 'overwrite',
        suggestions: [
          {
            messageId: 'releaseFirst',
            output: `class Poller { private t = setInterval(() => {}, 1000); constructor() { clearInterval(this.t); this.t = setInterval(() => {}, 500); } }`,
          },
        ],
      },
    ],
  },
  // Two acquisitions on one path.
  {
    // Never aborted: strict's.
    options: POSSIBLE,
    code: 'export function f() {\n  let c = new AbortController();\n  c = new AbortController();\n  return c.signal;\n}',
    errors: [
      {
        messageId: 'overwrite',
        line: 3,
        suggestions: [
          { messageId: 'releaseFirst', output: 'export function f() {\n  let c = new AbortController();\n  c.abort();\n  c = new AbortController();\n  return c.signal;\n}' },
        ],
      },
    ],
  },
  // Two acquisitions in one constructor.
  {
    code: `class Poller { private t?: ${INTERVAL}; constructor() { this.t = setInterval(() => {}, 1); this.t = setInterval(() => {}, 100); } }`,
    errors: [
      {
        messageId: 'overwrite',
        column: 111,
        suggestions: [
          {
            messageId: 'releaseFirst',
            output: `class Poller { private t?: ${INTERVAL}; constructor() { this.t = setInterval(() => {}, 1); clearInterval(this.t); this.t = setInterval(() => {}, 100); } }`,
          },
        ],
      },
    ],
  },
  // Reassigned in a loop (declared outside it).
  {
    // Never aborted: strict's.
    options: POSSIBLE,
    code: 'export function all(urls: string[]) {\n  let c: AbortController | undefined;\n  for (const u of urls) {\n    c = new AbortController();\n    void fetch(u, { signal: c.signal });\n  }\n}',
    errors: [
      {
        messageId: 'overwrite',
        suggestions: [
          {
            messageId: 'releaseFirst',
            output:
              'export function all(urls: string[]) {\n  let c: AbortController | undefined;\n  for (const u of urls) {\n    c?.abort();\n    c = new AbortController();\n    void fetch(u, { signal: c.signal });\n  }\n}',
          },
        ],
      },
    ],
  },
  // `var` in a loop body is one binding for the whole function.
  {
    code: 'export function all(xs: number[]) { for (const x of xs) { var t = setInterval(() => x, 10); t = setInterval(() => x, 20); } }',
    errors: [{ messageId: 'overwrite', suggestions: [{ messageId: 'releaseFirst', output: 'export function all(xs: number[]) { for (const x of xs) { var t = setInterval(() => x, 10); clearInterval(t); t = setInterval(() => x, 20); } }' }] }],
  },
  // Non-nullable and unassigned before the loop: report without a fix (reading it would not compile).
  {
    code: `export function all(xs: number[]) { let t: ${INTERVAL}; for (const x of xs) { t = setInterval(() => x, 10); } }`,
    errors: [{ messageId: 'overwrite', suggestions: [] }],
  },
  // Not a statement of its own: no fix.
  {
    code: `class C { private t?: ${TIMEOUT}; arm(fn?: () => void) { if (fn) this.t = setTimeout(fn, 10); } }`,
    errors: [{ messageId: 'overwrite', suggestions: [] }],
  },
  {
    code: `class C { private t?: ${TIMEOUT}; arm(go: boolean) { go && (this.t = setTimeout(() => {}, 10)); } }`,
    errors: [{ messageId: 'overwrite', suggestions: [] }],
  },
  // A disposable.
  {
    code: 'class Holder { private d?: Disposable; renew(make: () => Disposable) { this.d = make(); } }',
    errors: [
      {
        messageId: 'overwrite',
        data: { name: 'this.d', line: '1', label: 'disposable', start: 'it started on an earlier run', state: 'be open', why: '`renew()` can run again and ', release: 'releases', weak: '' },
        suggestions: [
          {
            messageId: 'releaseFirst',
            output: 'class Holder { private d?: Disposable; renew(make: () => Disposable) { this.d?.[Symbol.dispose](); this.d = make(); } }',
          },
        ],
      },
    ],
  },
  // A helper that releases something else does not count.
  {
    code: `class C { private a?: ${TIMEOUT}; private b?: ${TIMEOUT}; clearB() { clearTimeout(this.b); } arm() { this.clearB(); this.a = setTimeout(() => {}, 1); } }`,
    errors: [{ ...timeoutOverwrite('this.a'), suggestions: [{ messageId: 'releaseFirst', output: `class C { private a?: ${TIMEOUT}; private b?: ${TIMEOUT}; clearB() { clearTimeout(this.b); } arm() { this.clearB(); clearTimeout(this.a); this.a = setTimeout(() => {}, 1); } }` }] }],
  },
  // A guard on another value proves nothing about this one.
  {
    code: `class C { private t?: ${TIMEOUT}; private u?: ${TIMEOUT}; arm() { if (!this.u) this.t = setTimeout(() => {}, 1); } }`,
    errors: [{ ...timeoutOverwrite('this.t'), suggestions: [] }],
  },
  // A property of a module-level object, from a function that runs repeatedly.
  {
    code: `const state: { t?: ${TIMEOUT} } = {};\nexport function poke() {\n  state.t = setTimeout(() => {}, 10);\n}`,
    errors: [{ ...timeoutOverwrite('state.t'), suggestions: [{ messageId: 'releaseFirst', output: `const state: { t?: ${TIMEOUT} } = {};\nexport function poke() {\n  clearTimeout(state.t);\n  state.t = setTimeout(() => {}, 10);\n}` }] }],
  },

  // A subclass that declares the field itself owns it.
  {
    code: `declare class Base { protected stop(): void; }\nexport class Child extends Base { private t?: ${TIMEOUT}; arm() { this.stop(); this.t = setTimeout(() => {}, 10); } }`,
    errors: [{ ...timeoutOverwrite('this.t'), suggestions: [{ messageId: 'releaseFirst', output: `declare class Base { protected stop(): void; }\nexport class Child extends Base { private t?: ${TIMEOUT}; arm() { this.stop(); clearTimeout(this.t); this.t = setTimeout(() => {}, 10); } }` }] }],
  },
  // The same field name released in an unrelated class of the file does not count.
  {
    code: `class Leaky { private t?: ${TIMEOUT}; arm() { this.t = setTimeout(() => {}, 1); } }\nexport class Careful { private t?: ${TIMEOUT}; arm() { clearTimeout(this.t); this.t = setTimeout(() => {}, 1); } }\nexport { Leaky };`,
    errors: [{ ...timeoutOverwrite('this.t'), line: 1, suggestions: [{ messageId: 'releaseFirst', output: `class Leaky { private t?: ${TIMEOUT}; arm() { clearTimeout(this.t); this.t = setTimeout(() => {}, 1); } }\nexport class Careful { private t?: ${TIMEOUT}; arm() { clearTimeout(this.t); this.t = setTimeout(() => {}, 1); } }\nexport { Leaky };` }] }],
  },

  // Shapes from application code that are still leaks: the counterparts of the exemptions above.
  // The re-arming method is also called from outside the chain (`kick()`): a timeout may still be pending.
  {
    code: `declare function connect(): Promise<void>;\nexport class RttPinger {\n  private monitorId: ${TIMEOUT};\n  private closed = false;\n  constructor(private ms: number) {\n    this.monitorId = setTimeout(() => this.measure(), ms);\n  }\n  close() { this.closed = true; clearTimeout(this.monitorId); }\n  kick() { this.measureAndReschedule(); }\n  private measureAndReschedule() {\n    if (this.closed) return;\n    this.monitorId = setTimeout(() => this.measure(), this.ms);\n  }\n  private measure() {\n    if (this.closed) return;\n    void connect().then(() => this.measureAndReschedule());\n  }\n}`,
    errors: [
      { messageId: 'overwrite', line: 12, suggestions: [{ messageId: 'releaseFirst', output: `declare function connect(): Promise<void>;\nexport class RttPinger {\n  private monitorId: ${TIMEOUT};\n  private closed = false;\n  constructor(private ms: number) {\n    this.monitorId = setTimeout(() => this.measure(), ms);\n  }\n  close() { this.closed = true; clearTimeout(this.monitorId); }\n  kick() { this.measureAndReschedule(); }\n  private measureAndReschedule() {\n    if (this.closed) return;\n    clearTimeout(this.monitorId);\n    this.monitorId = setTimeout(() => this.measure(), this.ms);\n  }\n  private measure() {\n    if (this.closed) return;\n    void connect().then(() => this.measureAndReschedule());\n  }\n}` }] },
    ],
  },
  // The tick re-arms a timeout with another delay than the interval's: it may still be pending at the next tick.
  {
    code: `export function keepAlive(socket: { close(): void; ping(): void }, keepAlive: number, wait: number) {\n  const client: { pingInterval?: ${INTERVAL}; pongWaitTimeout?: ${TIMEOUT} } = {};\n  client.pingInterval = setInterval(() => {\n    client.pongWaitTimeout = setTimeout(() => socket.close(), wait);\n    socket.ping();\n  }, keepAlive);\n  return client;\n}`,
    errors: [
      { messageId: 'overwrite', line: 4, suggestions: [{ messageId: 'releaseFirst', output: `export function keepAlive(socket: { close(): void; ping(): void }, keepAlive: number, wait: number) {\n  const client: { pingInterval?: ${INTERVAL}; pongWaitTimeout?: ${TIMEOUT} } = {};\n  client.pingInterval = setInterval(() => {\n    clearTimeout(client.pongWaitTimeout);\n    client.pongWaitTimeout = setTimeout(() => socket.close(), wait);\n    socket.ping();\n  }, keepAlive);\n  return client;\n}` }] },
    ],
  },
  // A `useCallback` helper that clears another timer does not count.
  {
    code: `import * as React from 'react';\nexport function Trigger() {\n  const longPressTimerRef = React.useRef(0);\n  const otherRef = React.useRef(0);\n  const clearOther = React.useCallback(() => window.clearTimeout(otherRef.current), []);\n  const onPointerDown = () => {\n    clearOther();\n    longPressTimerRef.current = window.setTimeout(() => {}, 700);\n  };\n  return onPointerDown;\n}`,
    errors: [
      { messageId: 'overwrite', line: 8, suggestions: [{ messageId: 'releaseFirst', output: `import * as React from 'react';\nexport function Trigger() {\n  const longPressTimerRef = React.useRef(0);\n  const otherRef = React.useRef(0);\n  const clearOther = React.useCallback(() => window.clearTimeout(otherRef.current), []);\n  const onPointerDown = () => {\n    clearOther();\n    clearTimeout(longPressTimerRef.current);\n    longPressTimerRef.current = window.setTimeout(() => {}, 700);\n  };\n  return onPointerDown;\n}` }] },
    ],
  },
  // `onmessage` runs for every message, unlike `onopen`.
  {
    code: `export function connect(url: string) {\n  const socket = new WebSocket(url);\n  let ackTimeout: ${TIMEOUT} | undefined;\n  socket.onmessage = () => {\n    ackTimeout = setTimeout(() => socket.close(4408), 3000);\n  };\n  socket.onclose = () => clearTimeout(ackTimeout);\n}`,
    errors: [
      { messageId: 'overwrite', line: 5, suggestions: [{ messageId: 'releaseFirst', output: `export function connect(url: string) {\n  const socket = new WebSocket(url);\n  let ackTimeout: ${TIMEOUT} | undefined;\n  socket.onmessage = () => {\n    clearTimeout(ackTimeout);\n    ackTimeout = setTimeout(() => socket.close(4408), 3000);\n  };\n  socket.onclose = () => clearTimeout(ackTimeout);\n}` }] },
    ],
  },
  // An `on` listener runs for every event, unlike `once`.
  {
    code: `import { EventEmitter } from 'node:events';\nexport function watch(emitter: EventEmitter) {\n  let grace: ${TIMEOUT} | undefined;\n  emitter.on('ready', () => {\n    grace = setTimeout(() => emitter.emit('late'), 3000);\n  });\n  emitter.on('close', () => clearTimeout(grace));\n}`,
    errors: [
      { messageId: 'overwrite', line: 5, suggestions: [{ messageId: 'releaseFirst', output: `import { EventEmitter } from 'node:events';\nexport function watch(emitter: EventEmitter) {\n  let grace: ${TIMEOUT} | undefined;\n  emitter.on('ready', () => {\n    clearTimeout(grace);\n    grace = setTimeout(() => emitter.emit('late'), 3000);\n  });\n  emitter.on('close', () => clearTimeout(grace));\n}` }] },
    ],
  },
  // A generator read without `for…of` and never finished: the previous one stays open.
  {
    code: `declare function onData(): AsyncGenerator<Uint8Array>;\nexport class Connection {\n  private dataEvents: AsyncGenerator<Uint8Array> | null = null;\n  async *readMany() {\n    this.dataEvents = onData();\n    const first = await this.dataEvents.next();\n    yield first.value;\n  }\n}`,
    errors: [
      { messageId: 'overwrite', line: 5, suggestions: [{ messageId: 'releaseFirst', output: `declare function onData(): AsyncGenerator<Uint8Array>;\nexport class Connection {\n  private dataEvents: AsyncGenerator<Uint8Array> | null = null;\n  async *readMany() {\n    await this.dataEvents?.[Symbol.asyncDispose]();\n    this.dataEvents = onData();\n    const first = await this.dataEvents.next();\n    yield first.value;\n  }\n}` }] },
    ],
  },
  // Cleared on `scroll`, which does not alternate with `pointerleave`.
  {
    code: `export function watch(scrollArea: HTMLElement, setVisible: (v: boolean) => void, delay: number) {\n  let hideTimer = 0;\n  const handleScroll = () => {\n    window.clearTimeout(hideTimer);\n    setVisible(true);\n  };\n  const handlePointerLeave = () => {\n    hideTimer = window.setTimeout(() => setVisible(false), delay);\n  };\n  scrollArea.addEventListener('scroll', handleScroll);\n  scrollArea.addEventListener('pointerleave', handlePointerLeave);\n  return () => window.clearTimeout(hideTimer);\n}`,
    errors: [
      { messageId: 'overwrite', line: 8, suggestions: [{ messageId: 'releaseFirst', output: `export function watch(scrollArea: HTMLElement, setVisible: (v: boolean) => void, delay: number) {\n  let hideTimer = 0;\n  const handleScroll = () => {\n    window.clearTimeout(hideTimer);\n    setVisible(true);\n  };\n  const handlePointerLeave = () => {\n    clearTimeout(hideTimer);\n    hideTimer = window.setTimeout(() => setVisible(false), delay);\n  };\n  scrollArea.addEventListener('scroll', handleScroll);\n  scrollArea.addEventListener('pointerleave', handlePointerLeave);\n  return () => window.clearTimeout(hideTimer);\n}` }] },
    ],
  },
  // Cleared on `pointerenter` of another target: the events do not alternate.
  {
    code: `export function watch(scrollArea: HTMLElement, other: HTMLElement, setVisible: (v: boolean) => void, delay: number) {\n  let hideTimer = 0;\n  const handlePointerEnter = () => {\n    window.clearTimeout(hideTimer);\n    setVisible(true);\n  };\n  const handlePointerLeave = () => {\n    hideTimer = window.setTimeout(() => setVisible(false), delay);\n  };\n  other.addEventListener('pointerenter', handlePointerEnter);\n  scrollArea.addEventListener('pointerleave', handlePointerLeave);\n  return () => window.clearTimeout(hideTimer);\n}`,
    errors: [
      { messageId: 'overwrite', line: 8, suggestions: [{ messageId: 'releaseFirst', output: `export function watch(scrollArea: HTMLElement, other: HTMLElement, setVisible: (v: boolean) => void, delay: number) {\n  let hideTimer = 0;\n  const handlePointerEnter = () => {\n    window.clearTimeout(hideTimer);\n    setVisible(true);\n  };\n  const handlePointerLeave = () => {\n    clearTimeout(hideTimer);\n    hideTimer = window.setTimeout(() => setVisible(false), delay);\n  };\n  other.addEventListener('pointerenter', handlePointerEnter);\n  scrollArea.addEventListener('pointerleave', handlePointerLeave);\n  return () => window.clearTimeout(hideTimer);\n}` }] },
    ],
  },
  // A child process that is not `unref()`-ed (and its type name in short prose: "child process").
  {
    code: `import { spawn, type ChildProcess } from 'node:child_process';\nexport class CryptdManager {\n  private child?: ChildProcess;\n  spawn() {\n    this.child = spawn('mongocryptd', [], { stdio: 'ignore', detached: true });\n  }\n}`,
    errors: [
      { messageId: 'overwrite', line: 5, suggestions: [{ messageId: 'releaseFirst', output: `import { spawn, type ChildProcess } from 'node:child_process';\nexport class CryptdManager {\n  private child?: ChildProcess;\n  spawn() {\n    this.child?.[Symbol.dispose]();\n    this.child = spawn('mongocryptd', [], { stdio: 'ignore', detached: true });\n  }\n}` }] },
    ],
  },
  // minTimeoutMs: a timeout at least that long is still reported.
  {
    code: `export class Otp {\n  private actionTimeout?: ${TIMEOUT};\n  onCut(reset: () => void) {\n    this.actionTimeout = setTimeout(reset, 300);\n  }\n}`,
    options: [{minTimeoutMs: 100}],
    errors: [
      { messageId: 'overwrite', line: 4, suggestions: [{ messageId: 'releaseFirst', output: `export class Otp {\n  private actionTimeout?: ${TIMEOUT};\n  onCut(reset: () => void) {\n    clearTimeout(this.actionTimeout);\n    this.actionTimeout = setTimeout(reset, 300);\n  }\n}` }] },
    ],
  },
  // minTimeoutMs concerns timeouts: a short interval keeps running.
  {
    code: `export class Otp {\n  private ticker?: ${INTERVAL};\n  start(tick: () => void) {\n    this.ticker = setInterval(tick, 10);\n  }\n}`,
    options: [{minTimeoutMs: 100}],
    errors: [
      { messageId: 'overwrite', line: 4, suggestions: [{ messageId: 'releaseFirst', output: `export class Otp {\n  private ticker?: ${INTERVAL};\n  start(tick: () => void) {\n    clearInterval(this.ticker);\n    this.ticker = setInterval(tick, 10);\n  }\n}` }] },
    ],
  },
  // minTimeoutMs: a delay that is not a number literal is still reported.
  {
    code: `export class Otp {\n  private actionTimeout?: ${TIMEOUT};\n  onCut(reset: () => void, ms: number) {\n    this.actionTimeout = setTimeout(reset, ms);\n  }\n}`,
    options: [{minTimeoutMs: 100}],
    errors: [
      { messageId: 'overwrite', line: 4, suggestions: [{ messageId: 'releaseFirst', output: `export class Otp {\n  private actionTimeout?: ${TIMEOUT};\n  onCut(reset: () => void, ms: number) {\n    clearTimeout(this.actionTimeout);\n    this.actionTimeout = setTimeout(reset, ms);\n  }\n}` }] },
    ],
  },
  // `start()` of a plain object is no stream's: it may be called again.
  {
    code: `declare function register(source: { start(): void; stop(): void }): void;\nexport function ticks(ms: number) {\n  let timer: ${INTERVAL} | undefined;\n  register({\n    start() {\n      timer = setInterval(() => {}, ms);\n    },\n    stop() { clearInterval(timer); },\n  });\n}`,
    errors: [
      { messageId: 'overwrite', line: 6, suggestions: [{ messageId: 'releaseFirst', output: `declare function register(source: { start(): void; stop(): void }): void;\nexport function ticks(ms: number) {\n  let timer: ${INTERVAL} | undefined;\n  register({\n    start() {\n      clearInterval(timer);\n      timer = setInterval(() => {}, ms);\n    },\n    stop() { clearInterval(timer); },\n  });\n}` }] },
    ],
  },
  // A private method also called outside the constructor (`reconnect()`).
  {
    code: `export class Heartbeat {\n  private timer?: ${INTERVAL};\n  constructor(private ms: number) {\n    this.startTimer();\n  }\n  private startTimer() {\n    this.timer = setInterval(() => {}, this.ms);\n  }\n  reconnect() { this.startTimer(); }\n  dispose() { clearInterval(this.timer); }\n}`,
    errors: [
      { messageId: 'overwrite', line: 7, suggestions: [{ messageId: 'releaseFirst', output: `export class Heartbeat {\n  private timer?: ${INTERVAL};\n  constructor(private ms: number) {\n    this.startTimer();\n  }\n  private startTimer() {\n    clearInterval(this.timer);\n    this.timer = setInterval(() => {}, this.ms);\n  }\n  reconnect() { this.startTimer(); }\n  dispose() { clearInterval(this.timer); }\n}` }] },
    ],
  },
  // A private method the constructor calls from a listener, which runs for every event.
  {
    code: `export class Heartbeat {\n  private timer?: ${INTERVAL};\n  constructor(private ms: number, socket: WebSocket) {\n    socket.addEventListener('open', () => this.startTimer());\n  }\n  private startTimer() {\n    this.timer = setInterval(() => {}, this.ms);\n  }\n  dispose() { clearInterval(this.timer); }\n}`,
    errors: [
      { messageId: 'overwrite', line: 7, suggestions: [{ messageId: 'releaseFirst', output: `export class Heartbeat {\n  private timer?: ${INTERVAL};\n  constructor(private ms: number, socket: WebSocket) {\n    socket.addEventListener('open', () => this.startTimer());\n  }\n  private startTimer() {\n    clearInterval(this.timer);\n    this.timer = setInterval(() => {}, this.ms);\n  }\n  dispose() { clearInterval(this.timer); }\n}` }] },
    ],
  },
  // A public method called only by the constructor can be called again from outside.
  {
    code: `export class Heartbeat {\n  private timer?: ${INTERVAL};\n  constructor(private ms: number) {\n    this.startTimer();\n  }\n  startTimer() {\n    this.timer = setInterval(() => {}, this.ms);\n  }\n  dispose() { clearInterval(this.timer); }\n}`,
    errors: [
      { messageId: 'overwrite', line: 7, suggestions: [{ messageId: 'releaseFirst', output: `export class Heartbeat {\n  private timer?: ${INTERVAL};\n  constructor(private ms: number) {\n    this.startTimer();\n  }\n  startTimer() {\n    clearInterval(this.timer);\n    this.timer = setInterval(() => {}, this.ms);\n  }\n  dispose() { clearInterval(this.timer); }\n}` }] },
    ],
  },
  // A latch that is reset (`restart()`) lets the method run again.
  {
    // The guard stops a second start() while it holds; `restart()` resets it without clearing the timer (strict).
    options: POSSIBLE,
    code: `export class Poller {\n  private started = false;\n  private timer?: ${INTERVAL};\n  start() {\n    if (this.started) return;\n    this.started = true;\n    this.timer = setInterval(() => {}, 1000);\n  }\n  restart() { this.started = false; this.start(); }\n  dispose() { clearInterval(this.timer); }\n}`,
    errors: [
      { messageId: 'overwrite', line: 7, suggestions: [{ messageId: 'releaseFirst', output: `export class Poller {\n  private started = false;\n  private timer?: ${INTERVAL};\n  start() {\n    if (this.started) return;\n    this.started = true;\n    clearInterval(this.timer);\n    this.timer = setInterval(() => {}, 1000);\n  }\n  restart() { this.started = false; this.start(); }\n  dispose() { clearInterval(this.timer); }\n}` }] },
    ],
  },
  // A latch set after an `await`: two calls can both pass the guard.
  {
    code: `declare function ready(): Promise<void>;\nexport class Poller {\n  private started = false;\n  private timer?: ${INTERVAL};\n  async start() {\n    if (this.started) return;\n    await ready();\n    this.started = true;\n    this.timer = setInterval(() => {}, 1000);\n  }\n  dispose() { clearInterval(this.timer); }\n}`,
    errors: [
      { messageId: 'overwrite', line: 9, suggestions: [{ messageId: 'releaseFirst', output: `declare function ready(): Promise<void>;\nexport class Poller {\n  private started = false;\n  private timer?: ${INTERVAL};\n  async start() {\n    if (this.started) return;\n    await ready();\n    this.started = true;\n    clearInterval(this.timer);\n    this.timer = setInterval(() => {}, 1000);\n  }\n  dispose() { clearInterval(this.timer); }\n}` }] },
    ],
  },
  // A companion flag with an `await` between the guard and the assignment: `stop()` may run meanwhile and a second `start()` pass the guard.
  {
    code: `declare function warmUp(): Promise<void>;\nexport class Scheduler {\n  private state: 'idle' | 'running' = 'idle';\n  private timer?: ${INTERVAL};\n  async start() {\n    if (this.state === 'running') throw new Error('already running');\n    await warmUp();\n    this.timer = setInterval(() => {}, 1000);\n    this.state = 'running';\n  }\n  stop() {\n    clearInterval(this.timer);\n    this.state = 'idle';\n  }\n}`,
    errors: [
      { messageId: 'overwrite', line: 8, suggestions: [{ messageId: 'releaseFirst', output: `declare function warmUp(): Promise<void>;\nexport class Scheduler {\n  private state: 'idle' | 'running' = 'idle';\n  private timer?: ${INTERVAL};\n  async start() {\n    if (this.state === 'running') throw new Error('already running');\n    await warmUp();\n    clearInterval(this.timer);\n    this.timer = setInterval(() => {}, 1000);\n    this.state = 'running';\n  }\n  stop() {\n    clearInterval(this.timer);\n    this.state = 'idle';\n  }\n}` }] },
    ],
  },
  // A companion flag reset by `pause()`, which does not release the timer.
  {
    // `pause()` resets the status guard without clearing the timer (strict).
    options: POSSIBLE,
    code: `export class Scheduler {\n  private state: 'idle' | 'running' = 'idle';\n  private timer?: ${INTERVAL};\n  start() {\n    if (this.state === 'running') throw new Error('already running');\n    this.timer = setInterval(() => {}, 1000);\n    this.state = 'running';\n  }\n  pause() { this.state = 'idle'; }\n  stop() {\n    clearInterval(this.timer);\n    this.state = 'idle';\n  }\n}`,
    errors: [
      { messageId: 'overwrite', line: 6, suggestions: [{ messageId: 'releaseFirst', output: `export class Scheduler {\n  private state: 'idle' | 'running' = 'idle';\n  private timer?: ${INTERVAL};\n  start() {\n    if (this.state === 'running') throw new Error('already running');\n    clearInterval(this.timer);\n    this.timer = setInterval(() => {}, 1000);\n    this.state = 'running';\n  }\n  pause() { this.state = 'idle'; }\n  stop() {\n    clearInterval(this.timer);\n    this.state = 'idle';\n  }\n}` }] },
    ],
  },
  // A controller stored through a local alias overwrites the previous one just the same.
  {
    // Never aborted: strict's (its twin with a `cancel()` is recommended's, below).
    options: POSSIBLE,
    code: `export class Search {\n  private ctrl?: AbortController;\n  run(q: string) {\n    const c = new AbortController();\n    this.ctrl = c;\n    return fetch(\`/s?q=\${q}\`, { signal: c.signal });\n  }\n}`,
    errors: [
      { messageId: 'overwrite', line: 5, suggestions: [{ messageId: 'releaseFirst', output: `export class Search {\n  private ctrl?: AbortController;\n  run(q: string) {\n    const c = new AbortController();\n    this.ctrl?.abort();\n    this.ctrl = c;\n    return fetch(\`/s?q=\${q}\`, { signal: c.signal });\n  }\n}` }] },
    ],
  },


  // Discarded controllers.
  {
    code: 'export async function load(url: string) {\n  const res = await fetch(url, { signal: new AbortController().signal });\n  return res.json();\n}',
    errors: [
      {
        messageId: 'discardedController',
        line: 2,
        column: 42,
        suggestions: [
          {
            messageId: 'keepController',
            output:
              'export async function load(url: string) {\n  const controller = new AbortController();\n  const res = await fetch(url, { signal: controller.signal });\n  return res.json();\n}',
          },
        ],
      },
    ],
  },
  // The lifted name does not collide.
  {
    code: 'const controller = 1;\nexport const signal = new AbortController().signal;',
    errors: [
      {
        messageId: 'discardedController',
        suggestions: [
          {
            messageId: 'keepController',
            data: { name: 'controller2' },
            output: 'const controller = 1;\nconst controller2 = new AbortController();\nexport const signal = controller2.signal;',
          },
        ],
      },
    ],
  },
  // Inside a loop header or a class field: report, but lifting would change how many controllers exist.
  {
    code: 'declare function step(s?: AbortSignal): boolean;\nexport function f() { while (step(new AbortController().signal)) {} }',
    errors: [{ messageId: 'discardedController', suggestions: [] }],
  },
  {
    code: 'export class Job { readonly signal = new AbortController().signal; }',
    errors: [{ messageId: 'discardedController', suggestions: [] }],
  },
  {
    code: 'let signal: AbortSignal;\n({ signal } = new AbortController());\nexport { signal };',
    errors: [
      {
        messageId: 'discardedController',
        suggestions: [
          { messageId: 'keepController', output: 'let signal: AbortSignal;\nconst controller = new AbortController();\n({ signal } = controller);\nexport { signal };' },
        ],
      },
    ],
  },

  // Without parentheses: still lifted, the text of the construction is kept.
  {
    code: 'export const s = (new AbortController).signal;',
    errors: [
      {
        messageId: 'discardedController',
        suggestions: [{ messageId: 'keepController', output: 'const controller = new AbortController;\nexport const s = (controller).signal;' }],
      },
    ],
  },

  // Never aborted (strict).
  {
    code: 'export async function f(url: string) { const ac = new AbortController(); await fetch(url, { signal: ac.signal }); }',
    options: [{ checkNeverAborted: true }],
    errors: [{ messageId: 'neverAborted', data: { name: 'ac' }, column: 46 }],
  },
  {
    code: 'export function f() { const ac = new AbortController(); return AbortSignal.any([ac.signal, AbortSignal.timeout(10)]); }',
    options: [{ checkNeverAborted: true, autofix: true }],
    errors: [{ messageId: 'neverAborted' }],
  },
];

// A handle that may be `null` (a timer ref: `useRef<number | null>(null)`): the host's
// clear functions take `undefined`, not `null` (found on the application corpus, radix).
invalid.push({
  code: 'export class Typing {\n  private timeout: number | null = null;\n  onKey() {\n    this.timeout = window.setTimeout(() => {}, 500);\n  }\n}',
  errors: [
    {
      messageId: 'overwrite',
      suggestions: [
        {
          messageId: 'releaseFirst',
          data: { label: 'timeout', release: 'clearTimeout(this.timeout ?? undefined)' },
          output: 'export class Typing {\n  private timeout: number | null = null;\n  onKey() {\n    clearTimeout(this.timeout ?? undefined);\n    this.timeout = window.setTimeout(() => {}, 500);\n  }\n}',
        },
      ],
    },
  ],
});

// Precedence (docs): never released after the loop, an overwrite in a loop is this rule's.
invalid.push(
  {
    code: OVERWRITTEN_IN_LOOP[0]!,
    errors: [{ messageId: 'overwrite', suggestions: [{ messageId: 'releaseFirst', output: OVERWRITTEN_IN_LOOP[0]!.replace('    sub = watch', '    sub?.unsubscribe();\n    sub = watch') }] }],
  },
  {
    code: OVERWRITTEN_IN_LOOP[1]!,
    errors: [{ messageId: 'overwrite', suggestions: [{ messageId: 'releaseFirst', output: OVERWRITTEN_IN_LOOP[1]!.replace('    timer = set', '    clearInterval(timer);\n    timer = set') }] }],
  },
);

/**
 * The witness of each shape (docs, "Evidence"): a leak, its correct twin beside it, and
 * where a link is only possible, which config reports it. `recommended` is the default
 * (`evidence: 'proven'`), `strict` is `evidence: 'possible'`; `line` is the reported line.
 */
interface WitnessShape {
  readonly name: string;
  readonly code: string;
  readonly filename?: string;
  /** Reported by `recommended` (and `strict`) on this line. */
  readonly recommended?: number;
  /** Reported by `strict` only, on this line. */
  readonly strict?: number;
}

const WITNESS_SHAPES: readonly WitnessShape[] = [
  // Re-entry guards on the same synchronous path: the run's own write makes the test stop the next run.
  {
    name: 'a processing flag tested with other state, set before the acquisition',
    code: `export class Orchestrator {\n  private processing = false;\n  private ac: AbortController | null = null;\n  constructor(private readonly state: { name: string }) {}\n  start() {\n    if (this.processing || this.state.name !== 'idle') return;\n    this.processing = true;\n    this.ac = new AbortController();\n  }\n  stop() { this.ac?.abort(); this.ac = null; this.processing = false; }\n}`,
  },
  {
    name: 'a companion field set just before the timer',
    code: `declare class Log { prune(): void }\nexport class Hub {\n  private log?: Log;\n  private pruneTimer?: ${INTERVAL};\n  start() {\n    if (this.log) return;\n    const log = new Log();\n    this.log = log;\n    this.pruneTimer = setInterval(() => log.prune(), 1000);\n  }\n  stop() { clearInterval(this.pruneTimer); this.log = undefined; }\n}`,
  },
  {
    name: 'a status set after the acquisition, nothing awaited in between',
    code: `export class Runtime {\n  private state = { status: 'idle' as 'idle' | 'running' };\n  private ac?: AbortController;\n  run() {\n    if (this.state.status === 'running') throw new Error('busy');\n    this.ac = new AbortController();\n    this.state.status = 'running';\n  }\n  abort() { this.ac?.abort(); this.state.status = 'idle'; }\n}`,
  },
  {
    name: 'the guard is passed after an await (stop() can reset it meanwhile): a leak',
    code: `declare function tick(): Promise<void>;\nexport class Cron {\n  private started = false;\n  private timer?: ${INTERVAL};\n  async start() {\n    if (this.started) return;\n    this.started = true;\n    await tick();\n    this.timer = setInterval(() => void tick(), 1000);\n  }\n  stop() { this.started = false; clearInterval(this.timer); this.timer = undefined; }\n}`,
    recommended: 9,
  },
  {
    name: 'a test the run does not decide (`if (this.disposed) throw`) is no guard: a leak',
    code: `export class Job {\n  private disposed = false;\n  private timer?: ${INTERVAL};\n  start() {\n    if (this.disposed) throw new Error('disposed');\n    this.timer = setInterval(() => {}, 1000);\n  }\n  dispose() { this.disposed = true; clearInterval(this.timer); }\n}`,
    recommended: 6,
  },
  // A one-way latch after another test, even with awaits after it.
  {
    name: 'a latch after a disposed check',
    code: `declare function reconcile(): Promise<void>;\nexport class Agenda {\n  private disposed = false;\n  private started = false;\n  private timer?: ${INTERVAL};\n  async start() {\n    if (this.disposed) throw new Error('disposed');\n    if (this.started) return;\n    this.started = true;\n    await reconcile();\n    this.timer = setInterval(() => {}, 1000);\n  }\n  dispose() { this.disposed = true; clearInterval(this.timer); }\n}`,
  },
  // The place emptied in a `finally` once the awaited work is over: one request at a time.
  {
    name: 'a controller emptied in the finally of the awaited request',
    code: `export class Provider {\n  private ac?: AbortController;\n  async complete(url: string) {\n    this.ac = new AbortController();\n    try {\n      return await fetch(url, { signal: this.ac.signal });\n    } finally {\n      this.ac = undefined;\n    }\n  }\n  cancel() { this.ac?.abort(); }\n}`,
  },
  {
    name: 'a local controller stored, then emptied behind an identity test in finally',
    code: `declare function compact(signal: AbortSignal): Promise<void>;\nexport function session() {\n  let current: AbortController | undefined;\n  return {\n    async compact() {\n      const ac = new AbortController();\n      current = ac;\n      try {\n        await compact(ac.signal);\n      } finally {\n        if (current === ac) current = undefined;\n      }\n    },\n    cancel() { current?.abort(); },\n  };\n}`,
  },
  {
    name: 'a finally that only follows the abort (stop()) is no end of the work: a leak',
    code: `export class StructuredObject {\n  private ac?: AbortController;\n  stop = () => {\n    try {\n      this.ac?.abort();\n    } finally {\n      this.ac = undefined;\n    }\n  };\n  submit = async (url: string) => {\n    const ac = new AbortController();\n    this.ac = ac;\n    await fetch(url, { signal: ac.signal });\n  };\n}`,
    recommended: 12,
  },
  // Released where the callback that stores the new one is built.
  {
    name: 'cleared before the await whose callback re-arms it',
    code: `import * as React from 'react';\ndeclare function copy(text: string, o: { onSuccess(): void }): Promise<boolean>;\nexport function useCopy() {\n  const timeoutRef = React.useRef<${TIMEOUT} | null>(null);\n  return React.useCallback(async (text: string) => {\n    if (timeoutRef.current) clearTimeout(timeoutRef.current);\n    return copy(text, {\n      onSuccess: () => {\n        timeoutRef.current = setTimeout(() => {}, 2000);\n      },\n    });\n  }, []);\n}`,
    filename: 'react.tsx',
  },
  {
    name: 'another timer cleared before the callback: a leak',
    code: `import * as React from 'react';\ndeclare function copy(text: string, o: { onSuccess(): void }): Promise<boolean>;\nexport function useCopy() {\n  const timeoutRef = React.useRef<${TIMEOUT} | null>(null);\n  const otherRef = React.useRef<${TIMEOUT} | null>(null);\n  return React.useCallback(async (text: string) => {\n    if (otherRef.current) clearTimeout(otherRef.current);\n    return copy(text, {\n      onSuccess: () => {\n        timeoutRef.current = setTimeout(() => {}, 2000);\n      },\n    });\n  }, []);\n}`,
    filename: 'react.tsx',
    recommended: 10,
  },
  // An interval's tick re-arms a timeout due before the next tick (constants, through useCallback).
  {
    name: 'a 300 ms fade re-armed by an 8 s interval',
    code: `import * as React from 'react';\nconst FADE_MS = 300;\nconst CYCLE_MS = 8000;\nexport function Tip() {\n  const fadeRef = React.useRef<${TIMEOUT} | null>(null);\n  const advance = React.useCallback(() => {\n    fadeRef.current = setTimeout(() => {}, FADE_MS);\n  }, []);\n  React.useEffect(() => {\n    const cycle = setInterval(advance, CYCLE_MS);\n    return () => { clearInterval(cycle); if (fadeRef.current) clearTimeout(fadeRef.current); };\n  }, [advance]);\n  return null;\n}`,
    filename: 'react.tsx',
  },
  {
    name: 'a timeout longer than the interval that re-arms it: a leak',
    code: `import * as React from 'react';\nconst FADE_MS = 9000;\nconst CYCLE_MS = 8000;\nexport function Tip() {\n  const fadeRef = React.useRef<${TIMEOUT} | null>(null);\n  const advance = React.useCallback(() => {\n    fadeRef.current = setTimeout(() => {}, FADE_MS);\n  }, []);\n  React.useEffect(() => {\n    const cycle = setInterval(advance, CYCLE_MS);\n    return () => { clearInterval(cycle); if (fadeRef.current) clearTimeout(fadeRef.current); };\n  }, [advance]);\n  return null;\n}`,
    filename: 'react.tsx',
    recommended: 7,
  },
  // A re-arm chain that start() also enters: stop() + start() while the callback awaits leaves two chains.
  {
    name: 'a refresh chain also entered from start()',
    code: `export class RefreshTimer {\n  private timerId: ${TIMEOUT} | null = null;\n  private running = false;\n  constructor(private readonly callback: () => Promise<boolean>) {}\n  start() {\n    if (this.running) return;\n    this.running = true;\n    void this.execute();\n  }\n  stop() {\n    if (this.timerId) clearTimeout(this.timerId);\n    this.timerId = null;\n    this.running = false;\n  }\n  private schedule() {\n    if (!this.running) return;\n    this.timerId = setTimeout(() => void this.execute(), 1000);\n  }\n  private async execute() {\n    if (!this.running) return;\n    await this.callback();\n    this.schedule();\n  }\n}`,
    recommended: 17,
  },
  {
    name: 'the same chain entered only from its own timeouts',
    code: `export class RefreshTimer {\n  private timerId: ${TIMEOUT} | null = null;\n  constructor(private readonly callback: () => Promise<boolean>) {\n    this.timerId = setTimeout(() => void this.execute(), 0);\n  }\n  stop() { if (this.timerId) clearTimeout(this.timerId); }\n  private schedule() {\n    this.timerId = setTimeout(() => void this.execute(), 1000);\n  }\n  private async execute() {\n    await this.callback();\n    this.schedule();\n  }\n}`,
  },
  // A loop that goes on only from iterations that stored nothing: the first port that binds returns.
  {
    name: 'a port loop that returns once a server is bound',
    code: `import * as http from 'node:http';\nexport async function listen(ports: number[]) {\n  let active: http.Server | null = null;\n  for (const port of ports) {\n    const server = http.createServer();\n    const result = await new Promise<{ bound: boolean; error?: Error }>((resolve) => {\n      server.once('error', (error) => resolve({ bound: false, error }));\n      server.listen(port, () => {\n        active = server;\n        resolve({ bound: true });\n      });\n    });\n    if (result.error) continue;\n    if (result.bound) {\n      return { close: () => active?.close() };\n    }\n  }\n  return null;\n}`,
  },
  // A property the settled object lacks reads as `undefined`: `result.error !== undefined` is false for the bound iteration.
  {
    name: 'a port loop that tests the error against undefined',
    code: `import * as http from 'node:http';\nexport async function listen(ports: number[]) {\n  let active: http.Server | null = null;\n  for (const port of ports) {\n    const server = http.createServer();\n    const result = await new Promise<{ bound: boolean; error?: Error }>((resolve) => {\n      server.once('error', (error) => resolve({ bound: false, error }));\n      server.listen(port, () => {\n        active = server;\n        resolve({ bound: true });\n      });\n    });\n    if (result.error !== undefined) continue;\n    if (result.bound) {\n      return { close: () => active?.close() };\n    }\n  }\n  return null;\n}`,
  },
  {
    name: 'the same loop going on after a bound server: a leak',
    code: `import * as http from 'node:http';\nexport async function listen(ports: number[]) {\n  let active: http.Server | null = null;\n  for (const port of ports) {\n    const server = http.createServer();\n    const result = await new Promise<{ bound: boolean; error?: Error }>((resolve) => {\n      server.once('error', (error) => resolve({ bound: false, error }));\n      server.listen(port, () => {\n        active = server;\n        resolve({ bound: true });\n      });\n    });\n    if (result.error) continue;\n    console.log(result.bound);\n  }\n  return { close: () => active?.close() };\n}`,
    recommended: 9,
  },
  // A retry chain that launch() also enters, re-armed only while the owner's state is this run's own token.
  {
    name: 'a reconnect chain behind a generation test',
    code: `interface Connection { onDisconnected(f: () => void): void }\ndeclare function connect(): Promise<Connection>;\nexport class Attacher {\n  private timer: ${TIMEOUT} | undefined;\n  private last: object | undefined;\n  async launch(params: object) {\n    this.last = params;\n    await this.attempt(params);\n  }\n  dispose() { if (this.timer) clearTimeout(this.timer); }\n  private schedule(params: object) {\n    this.timer = setTimeout(() => {\n      this.timer = undefined;\n      void this.attempt(params);\n    }, 1000);\n  }\n  private async attempt(params: object) {\n    const connection = await connect();\n    connection.onDisconnected(() => {\n      if (this.last === params) this.schedule(params);\n    });\n  }\n}`,
  },
  {
    name: 'the same chain without the generation test: a leak',
    code: `interface Connection { onDisconnected(f: () => void): void }\ndeclare function connect(): Promise<Connection>;\nexport class Attacher {\n  private timer: ${TIMEOUT} | undefined;\n  async launch(params: object) {\n    await this.attempt(params);\n  }\n  dispose() { if (this.timer) clearTimeout(this.timer); }\n  private schedule(params: object) {\n    this.timer = setTimeout(() => {\n      this.timer = undefined;\n      void this.attempt(params);\n    }, 1000);\n  }\n  private async attempt(params: object) {\n    const connection = await connect();\n    connection.onDisconnected(() => this.schedule(params));\n  }\n}`,
    recommended: 10,
  },
  // A controller nothing ever aborts: no cancellation is lost (strict).
  {
    name: 'a controller field nothing aborts',
    code: `export class Search {\n  private ac?: AbortController;\n  run(q: string) {\n    this.ac = new AbortController();\n    return fetch(\`/s?q=\${q}\`, { signal: this.ac.signal });\n  }\n}`,
    strict: 4,
  },
  {
    name: 'the same controller aborted by cancel(): a leak',
    code: `export class Search {\n  private ac?: AbortController;\n  run(q: string) {\n    this.ac = new AbortController();\n    return fetch(\`/s?q=\${q}\`, { signal: this.ac.signal });\n  }\n  cancel() { this.ac?.abort(); }\n}`,
    recommended: 4,
  },
  // A public method every creator calls once per object (strict).
  {
    name: 'run() called once on each new object',
    code: `import { spawn, type ChildProcess } from 'node:child_process';\nexport class Hook {\n  private child: ChildProcess | null = null;\n  run(cmd: string) {\n    this.child = spawn(cmd);\n  }\n  kill() { this.child?.kill(); }\n}\nexport async function runHook(cmd: string) {\n  const hook = new Hook();\n  hook.run(cmd);\n  return hook;\n}`,
    strict: 5,
  },
  {
    name: 'a creator that calls run() twice: a leak',
    code: `import { spawn, type ChildProcess } from 'node:child_process';\nexport class Hook {\n  private child: ChildProcess | null = null;\n  run(cmd: string) {\n    this.child = spawn(cmd);\n  }\n  kill() { this.child?.kill(); }\n}\nexport async function runHook(cmd: string) {\n  const hook = new Hook();\n  hook.run(cmd);\n  hook.run(cmd);\n  return hook;\n}`,
    recommended: 5,
  },
  {
    name: "a creator that calls run() again by element access (`hook['run'](cmd)`): a leak",
    code: `import { spawn, type ChildProcess } from 'node:child_process';\nexport class Hook {\n  private child: ChildProcess | null = null;\n  run(cmd: string) {\n    this.child = spawn(cmd);\n  }\n  kill() { this.child?.kill(); }\n}\nexport async function runHook(cmd: string) {\n  const hook = new Hook();\n  hook.run(cmd);\n  hook['run'](cmd);\n  return hook;\n}`,
    recommended: 5,
  },
  // A controller in a local function each caller waits for: the old one's work is over (strict).
  {
    name: 'a local async function every caller awaits',
    code: `let ac: AbortController | undefined;\nasync function generate(url: string) {\n  ac = new AbortController();\n  await fetch(url, { signal: ac.signal });\n}\nexport async function generateAll(urls: string[]) {\n  for (const url of urls) await generate(url);\n}\nexport function cancel() { ac?.abort(); }`,
    strict: 3,
  },
  {
    name: 'the same function run by a click handler: a leak',
    code: `let ac: AbortController | undefined;\nasync function generate(url: string) {\n  ac = new AbortController();\n  await fetch(url, { signal: ac.signal });\n}\nexport function bind(button: HTMLButtonElement) {\n  button.addEventListener('click', () => void generate('/x'));\n}\nexport function cancel() { ac?.abort(); }`,
    recommended: 3,
  },
];

/** The lines each config reports for a shape, linted with types like the fix tests. */
function reportedLines(shape: WitnessShape, evidence: 'proven' | 'possible'): number[] {
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(
    shape.code,
    [
      {
        files: ['**/*.ts', '**/*.tsx'],
        plugins: { asyncleak: { rules: { rule } } } as never,
        languageOptions: { parser: parser as never, parserOptions: TYPED_PARSER_OPTIONS },
        rules: { 'asyncleak/rule': ['error', { evidence }] },
      },
    ],
    path.join(fixturesDir, shape.filename ?? 'file.ts'),
  );
  expect(messages.filter((message) => !message.ruleId)).toEqual([]);
  return messages.filter((message) => message.messageId === 'overwrite').map((message) => message.line);
}

describe('no-cancel-overwrite witness shapes', () => {
  it.each(WITNESS_SHAPES.map((shape) => [shape.name, shape] as const))('%s', (_name, shape) => {
    const recommended = shape.recommended === undefined ? [] : [shape.recommended];
    const strict = shape.recommended ?? shape.strict;
    expect({ recommended: reportedLines(shape, 'proven'), strict: reportedLines(shape, 'possible') }).toEqual({
      recommended,
      strict: strict === undefined ? [] : [strict],
    });
  });
});

// A throw-away controller where a signal is required: a placeholder for "no cancellation",
// a leak only where a caller's signal was there to pass (strict).
valid.push(
  { name: 'a placeholder signal for a required field, no signal in scope', code: 'declare function compact(o: { abortSignal: AbortSignal }): Promise<void>;\nexport async function run() { await compact({ abortSignal: new AbortController().signal }); }' },
  { name: 'a placeholder signal for a callee the checker cannot see', code: 'declare const compact: any;\nexport async function run(signal: AbortSignal) { await compact({ abortSignal: new AbortController().signal }); return signal; }' },
  { name: 'a placeholder signal for a required parameter, no signal in scope', code: 'declare function step(s: AbortSignal): boolean;\nexport function f() { while (step(new AbortController().signal)) {} }' },
  {
    name: 'recommended: a placeholder where the caller had a signal',
    code: 'declare function compact(o: { abortSignal: AbortSignal }): Promise<void>;\nexport async function run(signal: AbortSignal) { await compact({ abortSignal: new AbortController().signal }); return signal; }',
  },
);
invalid.push(
  {
    name: 'strict: a placeholder where the caller had a signal',
    code: 'declare function compact(o: { abortSignal: AbortSignal }): Promise<void>;\nexport async function run(signal: AbortSignal) { await compact({ abortSignal: new AbortController().signal }); return signal; }',
    options: POSSIBLE,
    errors: [{ messageId: 'discardedController', suggestions: [{ messageId: 'keepController', output: 'declare function compact(o: { abortSignal: AbortSignal }): Promise<void>;\nexport async function run(signal: AbortSignal) { const controller = new AbortController(); await compact({ abortSignal: controller.signal }); return signal; }' }] }],
  },
  {
    name: 'an optional signal slot: the controller is simply lost',
    code: 'declare function compact(o: { abortSignal?: AbortSignal }): Promise<void>;\nexport async function run() { await compact({ abortSignal: new AbortController().signal }); }',
    errors: [{ messageId: 'discardedController', suggestions: [{ messageId: 'keepController', output: 'declare function compact(o: { abortSignal?: AbortSignal }): Promise<void>;\nexport async function run() { const controller = new AbortController(); await compact({ abortSignal: controller.signal }); }' }] }],
  },
);

ruleTester.run('no-cancel-overwrite', rule, { valid, invalid });

describe('no-cancel-overwrite fixes', () => {
  const cases = invalid
    .map((testCase) => ({ code: testCase.code, outputs: fixOutputs(testCase) }))
    .filter((testCase) => testCase.outputs.length > 0);

  it('checks the outputs of most invalid cases', () => {
    expect(cases.length).toBeGreaterThan(15);
  });

  // One program per output (the fixtures' DOM + Node types): slow, so one test per case.
  it.each(cases.map((testCase) => [testCase.code.split('\n').at(-1)!.slice(0, 60), testCase] as const))(
    'fix output type-checks: %s',
    (_name, testCase) => {
      for (const output of testCase.outputs) expectNoNewTypeErrors(testCase.code, output);
    },
    120_000,
  );
});

describe('no-cancel-overwrite second pass', () => {
  // Every fixed or suggested output, linted again with `autofix: true`: nothing left to fix.
  const outputs = [...new Set(invalid.flatMap(fixOutputs))];

  it.each(outputs.map((output) => [output.split('\n').at(-1)!.slice(0, 60), output] as const))('is stable: %s', (_name, output) => {
    const linter = new Linter({ configType: 'flat' });
    const result = linter.verifyAndFix(
      output,
      [
        {
          files: ['**/*.ts'],
          plugins: { asyncleak: { rules: { rule } } } as never,
          languageOptions: { parser: parser as never, parserOptions: TYPED_PARSER_OPTIONS },
          rules: { 'asyncleak/rule': ['error', { autofix: true }] },
        },
      ],
      path.join(fixturesDir, 'file.ts'),
    );
    expect(result.output).toBe(output);
    expect(result.messages.filter((message) => message.messageId === 'overwrite')).toEqual([]);
  });
});

describe('no-cancel-overwrite messages', () => {
  it('names the resource and says what the overwrite costs', () => {
    const linter = new Linter({ configType: 'flat' });
    const messages = linter.verify(
      `class Debounce { private timer?: number; call(fn: () => void) { this.timer = setTimeout(fn, 100); } }`,
      [{ files: ['**/*.ts'], plugins: { asyncleak: { rules: { rule } } } as never, languageOptions: { parser: parser as never }, rules: { 'asyncleak/rule': 'error' } }],
      'file.ts',
    );
    expect(messages.map((message) => message.message)).toEqual([
      '`this.timer` is overwritten on line 1 while the timeout it started on an earlier run may still fire: `call()` can run again and nothing clears the old one first.',
    ]);
  });
});

describe('no-cancel-overwrite messages state the witness', () => {
  const messagesOf = (code: string, evidence: 'proven' | 'possible' = 'proven') =>
    new Linter({ configType: 'flat' })
      .verify(
        code,
        [
          {
            files: ['**/*.ts'],
            plugins: { asyncleak: { rules: { rule } } } as never,
            languageOptions: { parser: parser as never, parserOptions: TYPED_PARSER_OPTIONS },
            rules: { 'asyncleak/rule': ['error', { evidence }] },
          },
        ],
        path.join(fixturesDir, 'file.ts'),
      )
      .map((message) => message.message);
  it.each([
    [
      'an earlier acquisition on the same path',
      'export function f() {\n  let c = new AbortController();\n  c = new AbortController();\n  return c.signal;\n}',
      'possible',
      '`c` is overwritten on line 3 while the AbortController started on line 2 may still be in use: nothing aborts the old one first (only possibly a leak: nothing ever aborts it).',
    ],
    [
      'a loop',
      `declare function tick(): void;\nexport function run(queue: string[]) {\n  let timer: ${INTERVAL} | undefined;\n  for (const item of queue) {\n    timer = setInterval(tick, 100);\n    console.log(item);\n  }\n}`,
      'proven',
      '`timer` is overwritten on line 5 while the interval it started on an earlier run may still run: the loop on line 4 runs it again and nothing clears the old one first.',
    ],
    [
      'a method every creator calls once (strict)',
      "import { spawn, type ChildProcess } from 'node:child_process';\nexport class Hook {\n  private child: ChildProcess | null = null;\n  run(cmd: string) {\n    this.child = spawn(cmd);\n  }\n  kill() { this.child?.kill(); }\n}\nexport function runHook(cmd: string) {\n  const hook = new Hook();\n  hook.run(cmd);\n  return hook;\n}",
      'possible',
      '`this.child` is overwritten on line 5 while the child process it started on an earlier run may still be open: `run()` can run again and nothing releases the old one first (only possibly a leak: every creator of `Hook` calls `run()` once).',
    ],
  ] as const)('%s', (_name, code, evidence, expected) => {
    expect(messagesOf(code, evidence)).toEqual([expected]);
  });
});

const untypedTester = createUntypedRuleTester();

// Without type information only timer calls and `new AbortController()` are certain.
untypedTester.run<MessageIds, Options>('no-cancel-overwrite (no type information)', rule, {
  valid: (<(string | ValidTestCase<Options>)[]>[
    // A subscription is known by its type only.
    `${RX}class View { private sub?: Subscription; bind(src: Observable<number>) { this.sub = src.subscribe(render); } }`,
    'class Holder { private d?: Disposable; renew(make: () => Disposable) { this.d = make(); } }',
    // Still guarded / released / scoped the same way.
    `class Debounce { private timer?: ${TIMEOUT}; call(fn: () => void) { clearTimeout(this.timer); this.timer = setTimeout(fn, 100); } }`,
    'function setTimeout(f: () => void, ms: number) { return ms; }\nclass C { private t = 0; arm() { this.t = setTimeout(() => {}, 10); } }',
    'class AbortController { signal = 1; }\nexport const { signal } = new AbortController();',
    'export function f(opts: { signal?: AbortSignal }) { return opts.signal ?? new AbortController().signal; }',
    { code: 'function once() { const ac = new AbortController(); return ac; }', options: [{ checkNeverAborted: true }] },
    // Odd shapes never throw.
    'export class C { m(k: string) { (this as Record<string, unknown>)[k] = setTimeout(() => {}, 1); } }',
    'let a: unknown, b: unknown;\nexport function f() { [a, b] = [setTimeout(() => {}, 1), 2]; ({ a } = { a: setInterval(() => {}, 1) }); }',
    'undeclared = setInterval(() => {}, 1);\nexport function f() { undeclared = setInterval(() => {}, 1); }',
    'export default class { #t?: number; m() { this.#t ??= setTimeout(() => {}, 1); } }',
  ]).map((testCase) => (typeof testCase === 'string' ? { code: testCase } : testCase)),
  invalid: [
    {
      code: `class Debounce { private timer?: ${TIMEOUT}; call(fn: () => void) { this.timer = setTimeout(fn, 100); } }`,
      options: [{ autofix: true }],
      output: `class Debounce { private timer?: ${TIMEOUT}; call(fn: () => void) { clearTimeout(this.timer); this.timer = setTimeout(fn, 100); } }`,
      errors: [
        {
          ...timeoutOverwrite('this.timer'),
          suggestions: [
            { messageId: 'releaseFirst', output: `class Debounce { private timer?: ${TIMEOUT}; call(fn: () => void) { clearTimeout(this.timer); this.timer = setTimeout(fn, 100); } }` },
          ],
        },
      ],
    },
    {
      code: `class A { private t?: number; arm() { this.t = setTimeout(() => {}, 1); } }\nclass B { private t?: number; arm() { clearTimeout(this.t); this.t = setTimeout(() => {}, 1); } }\nexport { A, B };`,
      errors: [{ ...timeoutOverwrite('this.t'), line: 1, suggestions: [{ messageId: 'releaseFirst', output: `class A { private t?: number; arm() { clearTimeout(this.t); this.t = setTimeout(() => {}, 1); } }\nclass B { private t?: number; arm() { clearTimeout(this.t); this.t = setTimeout(() => {}, 1); } }\nexport { A, B };` }] }],
    },
    {
      // The declared type is unknown: the release uses `?.`.
      // Never aborted: strict's.
      options: POSSIBLE,
      code: 'let controller = new AbortController();\nexport function search() { controller = new AbortController(); }',
      errors: [
        {
          messageId: 'overwrite',
          suggestions: [
            { messageId: 'releaseFirst', output: 'let controller = new AbortController();\nexport function search() { controller?.abort(); controller = new AbortController(); }' },
          ],
        },
      ],
    },
    {
      code: 'const { signal } = new AbortController();\nexport { signal };',
      errors: [
        {
          messageId: 'discardedController',
          suggestions: [{ messageId: 'keepController', output: 'const controller = new AbortController();\nconst { signal } = controller;\nexport { signal };' }],
        },
      ],
    },
    {
      code: 'export async function f(url: string) { const ac = new AbortController(); await fetch(url, { signal: ac.signal }); }',
      options: [{ checkNeverAborted: true }],
      errors: [{ messageId: 'neverAborted' }],
    },
  ],
});

describe('method names that are no identifiers', () => {
  it("does not throw on a quoted method name, and a call by element access may be another call (`k['go(']()`)", () => {
    const code = [
      'export class K {',
      '  private t?: ReturnType<typeof setInterval>;',
      "  'go('() { this.t = setInterval(() => {}, 1000); }",
      '  dispose() { clearInterval(this.t); }',
      '}',
      "const k = new K(); k['go(']();",
    ].join('\n');
    const messages = new Linter({ cwd: fixturesDir }).verify(
      code,
      [
        {
          files: ['**/*.ts'],
          languageOptions: { parser, parserOptions: TYPED_PARSER_OPTIONS },
          plugins: { asyncleak: { rules: { 'no-cancel-overwrite': rule } } } as never,
          rules: { 'asyncleak/no-cancel-overwrite': ['error', { evidence: 'possible' }] },
        },
      ],
      { filename: path.join(fixturesDir, 'file.ts') },
    );
    expect(messages.filter((m) => m.fatal || /Invalid regular expression/.test(m.message))).toEqual([]);
  });
});
