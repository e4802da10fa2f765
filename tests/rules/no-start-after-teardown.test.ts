import type { InferMessageIdsTypeFromRule } from '@typescript-eslint/utils/eslint-utils';

import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';

import rule from '../../src/rules/no-start-after-teardown';
import { addSecondPassCases, fixOutputs } from '../fix-outputs';
import { lintTogether } from '../lint-together';
import { createTypedRuleTester, createUntypedRuleTester } from '../rule-tester';
import { expectNoNewTypeErrors } from '../typecheck';

type MessageIds = InferMessageIdsTypeFromRule<typeof rule>;
type Options = NonNullable<(typeof rule)['meta']['defaultOptions']>;

/** Partial options (the rule merges its defaults in). */
function options(settings: Partial<Options[0]>): Options {
  return [settings] as unknown as Options;
}

const ruleTester = createTypedRuleTester();
const POSSIBLE = options({ evidence: 'possible' });

const FNS = 'declare function tick(): void; declare function load(): Promise<void>; declare function sleep(ms: number): Promise<void>;\n';
const REACT = "import { useEffect } from 'react';\n";

/** A leak beside its correct twin: the twin is never reported, in either config. */
interface Twin {
  readonly name: string;
  readonly leak: string;
  readonly correct: string;
  readonly messageId: MessageIds;
  /** The re-check suggestion's output (the primary remedy), when there is one; otherwise no suggestion. */
  readonly fixed?: string;
  /** The signal the pass-the-signal suggestion gives the start (its output is the correct twin). */
  readonly passSignal?: string;
  /** Only a possible witness: reported with `evidence: 'possible'` (`strict`), not by default. */
  readonly possible?: boolean;
  readonly filename?: string;
}

const abortListenerHasRun: Twin = {
  name: 'an interval armed after an await, whose abort listener has run already',
  leak: `${FNS}export async function poll(opts: { signal?: AbortSignal }) {
  let timer: NodeJS.Timeout | undefined;
  opts.signal?.addEventListener('abort', () => clearInterval(timer), { once: true });
  await load();
  timer = setInterval(tick, 1000);
}`,
  correct: `${FNS}export async function poll(opts: { signal?: AbortSignal }) {
  let timer: NodeJS.Timeout | undefined;
  opts.signal?.addEventListener('abort', () => clearInterval(timer), { once: true });
  await load();
  opts.signal?.throwIfAborted();
  timer = setInterval(tick, 1000);
}`,
  messageId: 'startAfterEnd',
  fixed: 'correct',
};

/** The same twin with an event's name spelled through an escape (`'\\x61bort'`) in both versions: the file's text need not contain the name. */
function withEscapedEvent(twin: Twin, event: string, escaped: string): Twin {
  const spell = (code: string) => code.replaceAll(`'${event}'`, `'${escaped}'`);
  return { ...twin, name: `${twin.name}, its event named through an escape`, leak: spell(twin.leak), correct: spell(twin.correct) };
}

const twins: Twin[] = [
  {
    name: 'an interval armed after an await that stop() can interleave (a cron runner)',
    leak: `${FNS}export class Runner {
  private timer?: NodeJS.Timeout;
  private started = false;
  async start() {
    if (this.started) return;
    this.started = true;
    await load();
    this.timer = setInterval(tick, 1000);
  }
  stop() {
    this.started = false;
    if (this.timer) clearInterval(this.timer);
  }
}`,
    // \`started\` is set back by start(): a run token tells this run from the next one.
    correct: `${FNS}export class Runner {
  private timer?: NodeJS.Timeout;
  private runs = 0;
  async start() {
    const run = ++this.runs;
    await load();
    if (run !== this.runs) return;
    this.timer = setInterval(tick, 1000);
  }
  stop() {
    this.runs++;
    if (this.timer) clearInterval(this.timer);
  }
}`,
    messageId: 'startAfterEnd',
  },
  {
    name: 'a timeout armed after a sleep, in a class whose dispose() sets a one-way flag',
    leak: `${FNS}export class Poller {
  private timer?: NodeJS.Timeout;
  private disposed = false;
  async init(): Promise<void> {
    await sleep(10);
    this.timer = setTimeout(tick, 5000);
  }
  dispose() {
    this.disposed = true;
    clearTimeout(this.timer);
  }
}`,
    correct: `${FNS}export class Poller {
  private timer?: NodeJS.Timeout;
  private disposed = false;
  async init(): Promise<void> {
    await sleep(10);
    if (this.disposed) return;
    this.timer = setTimeout(tick, 5000);
  }
  dispose() {
    this.disposed = true;
    clearTimeout(this.timer);
  }
}`,
    messageId: 'startAfterEnd',
    fixed: 'correct',
  },
  {
    name: 'a listener added in a .then() callback after close() may have run',
    leak: `${FNS}export class Watcher {
  private onResize = () => tick();
  open() {
    load().then(() => {
      window.addEventListener('resize', this.onResize);
    });
  }
  close() {
    window.removeEventListener('resize', this.onResize);
  }
}`,
    correct: `${FNS}export class Watcher {
  private onResize = () => tick();
  private closed = false;
  open() {
    load().then(() => {
      if (this.closed) return;
      window.addEventListener('resize', this.onResize);
    });
  }
  close() {
    this.closed = true;
    window.removeEventListener('resize', this.onResize);
  }
}`,
    messageId: 'startAfterEnd',
  },
  {
    name: "an effect's async work adds a listener its cleanup has already removed",
    filename: 'react.tsx',
    leak: `${REACT}${FNS}export function Size() {
  useEffect(() => {
    let cancelled = false;
    const onResize = () => tick();
    void (async () => {
      await load();
      window.addEventListener('resize', onResize);
    })();
    return () => {
      cancelled = true;
      window.removeEventListener('resize', onResize);
    };
  }, []);
  return null;
}`,
    correct: `${REACT}${FNS}export function Size() {
  useEffect(() => {
    let cancelled = false;
    const onResize = () => tick();
    void (async () => {
      await load();
      if (cancelled) return;
      window.addEventListener('resize', onResize);
    })();
    return () => {
      cancelled = true;
      window.removeEventListener('resize', onResize);
    };
  }, []);
  return null;
}`,
    messageId: 'startAfterEnd',
    fixed: 'correct',
  },
  {
    name: 'an abort listener added after an await never runs if the signal aborted meanwhile',
    leak: `${FNS}export async function watch(signal: AbortSignal) {
  const timer = setInterval(tick, 1000);
  await load();
  signal.addEventListener('abort', () => clearInterval(timer), { once: true });
}`,
    correct: `${FNS}export async function watch(signal: AbortSignal) {
  const timer = setInterval(tick, 1000);
  await load();
  signal.throwIfAborted();
  signal.addEventListener('abort', () => clearInterval(timer), { once: true });
}`,
    messageId: 'abortListenerAfterWait',
    fixed: 'correct',
  },
  abortListenerHasRun,
  // The event's name through an escape: the file's text need not say `abort`.
  withEscapedEvent(abortListenerHasRun, 'abort', '\\x61bort'),
  {
    name: "a listener added after an await, in a class whose close() aborts the owner's controller: pass its signal",
    leak: `${FNS}export class Tracker {
  private controller = new AbortController();
  private onMove = () => tick();
  async start() {
    await load();
    window.addEventListener('pointermove', this.onMove);
  }
  close() {
    this.controller.abort();
    window.removeEventListener('pointermove', this.onMove);
  }
}`,
    correct: `${FNS}export class Tracker {
  private controller = new AbortController();
  private onMove = () => tick();
  async start() {
    await load();
    window.addEventListener('pointermove', this.onMove, { signal: this.controller.signal });
  }
  close() {
    this.controller.abort();
    window.removeEventListener('pointermove', this.onMove);
  }
}`,
    messageId: 'startAfterEnd',
    passSignal: 'this.controller.signal',
  },
  {
    name: 'a refresh chain re-armed after the callback awaits: stop() then start() meanwhile leaves two chains',
    possible: true,
    leak: `${FNS}export class Refresher {
  private timer?: NodeJS.Timeout;
  private running = false;
  start() {
    if (this.running) return;
    this.running = true;
    void this.run();
  }
  stop() {
    this.running = false;
    clearTimeout(this.timer);
  }
  private async run() {
    await load();
    this.schedule();
  }
  private schedule() {
    if (!this.running) return;
    this.timer = setTimeout(() => void this.run(), 1000);
  }
}`,
    correct: `${FNS}export class Refresher {
  private timer?: NodeJS.Timeout;
  private running = false;
  private generation = 0;
  start() {
    if (this.running) return;
    this.running = true;
    void this.run(this.generation);
  }
  stop() {
    this.running = false;
    this.generation++;
    clearTimeout(this.timer);
  }
  private async run(generation: number) {
    await load();
    this.schedule(generation);
  }
  private schedule(generation: number) {
    if (!this.running || generation !== this.generation) return;
    this.timer = setTimeout(() => void this.run(generation), 1000);
  }
}`,
    messageId: 'restartPassesCheck',
  },
  {
    name: 'a connection kept after its own await: close() during the connect leaves it open',
    leak: `declare function connect(): Promise<{ close(): void }>;
export class Client {
  private socket?: { close(): void };
  private closed = false;
  async open() {
    this.socket = await connect();
  }
  close() {
    this.closed = true;
    this.socket?.close();
  }
}`,
    correct: `declare function connect(): Promise<{ close(): void }>;
export class Client {
  private socket?: { close(): void };
  private closed = false;
  async open() {
    const socket = await connect();
    if (this.closed) {
      socket.close();
      return;
    }
    this.socket = socket;
  }
  close() {
    this.closed = true;
    this.socket?.close();
  }
}`,
    messageId: 'keptAfterOwnWait',
  },
  {
    name: 'a controller made after an await is no work itself: only strict reports it',
    possible: true,
    leak: `${FNS}export class Loader {
  private controller?: AbortController;
  async reload() {
    await load();
    this.controller = new AbortController();
  }
  dispose() {
    this.controller?.abort();
  }
}`,
    correct: `${FNS}export class Loader {
  private controller?: AbortController;
  private disposed = false;
  async reload() {
    await load();
    if (this.disposed) return;
    this.controller = new AbortController();
  }
  dispose() {
    this.disposed = true;
    this.controller?.abort();
  }
}`,
    messageId: 'startAfterEnd',
  },
  {
    name: 'a controller made after an await whose signal the request then runs under: the request outlives dispose()',
    leak: `${FNS}export class Loader {
  private controller?: AbortController;
  async reload() {
    await load();
    this.controller = new AbortController();
    await fetch('/data', { signal: this.controller.signal });
  }
  dispose() {
    this.controller?.abort();
  }
}`,
    correct: `${FNS}export class Loader {
  private controller?: AbortController;
  private disposed = false;
  async reload() {
    await load();
    if (this.disposed) return;
    this.controller = new AbortController();
    await fetch('/data', { signal: this.controller.signal });
  }
  dispose() {
    this.disposed = true;
    this.controller?.abort();
  }
}`,
    messageId: 'startAfterEnd',
  },
];

const valid: (string | ValidTestCase<Options>)[] = [
  ...twins.flatMap((twin) => [
    { code: twin.correct, ...(twin.filename ? { filename: twin.filename } : {}), options: POSSIBLE },
    { code: twin.correct, ...(twin.filename ? { filename: twin.filename } : {}) },
  ]),
  // A possible witness is strict's: not reported by default.
  ...twins.filter((twin) => twin.possible).map((twin) => ({ code: twin.leak, ...(twin.filename ? { filename: twin.filename } : {}) })),

  // No owner that ends: a module-level start-up sequence.
  `${FNS}let timer: NodeJS.Timeout | undefined;\nexport async function main() { await load(); timer = setInterval(tick, 1000); }`,
  // No wait before the start.
  `${FNS}export class R { private t?: NodeJS.Timeout; start() { this.t = setInterval(tick, 1000); } stop() { clearInterval(this.t); } }`,
  // A wait only after the start.
  `${FNS}export class R { private t?: NodeJS.Timeout; async start() { this.t = setInterval(tick, 1000); await load(); } stop() { clearInterval(this.t); } }`,
  // Tied to the end: the owner's signal is given to the start (an aborted signal never adds the listener).
  `${FNS}export class R { private ac = new AbortController(); async start() { await load(); window.addEventListener('resize', tick, { signal: this.ac.signal }); } stop() { window.removeEventListener('resize', tick); this.ac.abort(); } }`,
  // The teardown waits for the start before it releases.
  `${FNS}export class R { private t?: NodeJS.Timeout; private starting?: Promise<void>; start() { this.starting = this.run(); } private async run() { await load(); this.t = setInterval(tick, 1000); } async stop() { await this.starting; clearInterval(this.t); } }`,
  // A restart that awaits its own teardown first.
  `${FNS}export class R { private t?: NodeJS.Timeout; async restart() { await this.stop(); this.t = setInterval(tick, 1000); } async stop() { clearInterval(this.t); } }`,
  // A loop whose condition reads the owner's state, before each pass.
  `${FNS}export class R { private t?: NodeJS.Timeout; private disposed = false; async loop() { while (!this.disposed) { await sleep(10); if (this.disposed) break; this.t = setTimeout(tick, 100); } } dispose() { this.disposed = true; clearTimeout(this.t); } }`,
  `${FNS}export class R { private t?: NodeJS.Timeout; private disposed = false; async loop() { for (;;) { if (this.disposed) return; this.t = setTimeout(tick, 100); await sleep(10); } } dispose() { this.disposed = true; clearTimeout(this.t); } }`,
  // The re-check through a method of the class, or an assertion.
  `${FNS}export class R { private t?: NodeJS.Timeout; private disposed = false; private isDisposed() { return this.disposed; } async start() { await load(); if (this.isDisposed()) return; this.t = setInterval(tick, 1000); } dispose() { this.disposed = true; clearInterval(this.t); } }`,
  `${FNS}export class R { private t?: NodeJS.Timeout; private disposed = false; private assertAlive() { if (this.disposed) throw new Error('disposed'); } async start() { await load(); this.assertAlive(); this.t = setInterval(tick, 1000); } dispose() { this.disposed = true; clearInterval(this.t); } }`,
  // The start guarded by the check (either branch is the author's decision).
  `${FNS}export class R { private t?: NodeJS.Timeout; private disposed = false; async start() { await load(); if (!this.disposed) { this.t = setInterval(tick, 1000); } } dispose() { this.disposed = true; clearInterval(this.t); } }`,
  // A signal passed to the awaited call: it rejects once the signal aborts, so nothing runs after it.
  `${FNS}declare function wait(ms: number, o: { signal: AbortSignal }): Promise<void>;\nexport async function poll(signal: AbortSignal) { let t: NodeJS.Timeout | undefined; signal.addEventListener('abort', () => clearInterval(t)); await wait(10, { signal }); t = setInterval(tick, 1000); }`,
  // A signal checked after the wait.
  `${FNS}export async function poll(signal: AbortSignal) { let t: NodeJS.Timeout | undefined; signal.addEventListener('abort', () => clearInterval(t)); await load(); if (signal.aborted) return; t = setInterval(tick, 1000); }`,
  // An abort listener that stops nothing, or added before the wait.
  `${FNS}export async function run(signal: AbortSignal) { await load(); signal.addEventListener('abort', () => tick()); }`,
  `${FNS}export async function run(signal: AbortSignal) { const t = setInterval(tick, 10); signal.addEventListener('abort', () => clearInterval(t)); await load(); }`,
  // The end does not stop what was started: whether it is lost is another rule's question.
  `${FNS}export class R { async start() { await load(); setInterval(tick, 1000); } stop() {} }`,
  // Started in the teardown itself.
  `${FNS}export class R { private t?: NodeJS.Timeout; async stop() { await load(); this.t = setTimeout(tick, 10); clearTimeout(this.t); } }`,
  // A part of what the end stops goes with it.
  `declare function launch(): Promise<{ newPage(): Promise<{ close(): void }>; close(): void }>;\nexport class Session { private browser?: { newPage(): Promise<{ close(): void }>; close(): void }; private page?: { close(): void }; private disposed = false; async open() { const browser = await launch(); if (this.disposed) { browser.close(); return; } this.browser = browser; this.page = await this.browser.newPage(); } dispose() { this.disposed = true; this.page?.close(); this.browser?.close(); } }`,
  // An abort listener followed by the check: registered, then the signal tested (the canonical linking).
  `${FNS}export async function link(outer: AbortSignal) { await load(); const c = new AbortController(); const onAbort = () => c.abort(outer.reason); outer.addEventListener('abort', onAbort, { once: true }); if (outer.aborted) c.abort(outer.reason); return () => outer.removeEventListener('abort', onAbort); }`,
  // An awaited call given the end's cancellation (through a method of the class): the end makes it fail.
  `declare class Source { token: unknown; cancel(): void; }
declare function create(url: string, token: unknown): Promise<{ close(): void }>;
export class Watchdog { private cts = new Source(); private target?: { close(): void }; async attach() { this.target = await this.createTarget(); } private async createTarget() { const target = await create('ws://x', this.cts.token); return target; } dispose() { this.cts.cancel(); this.target?.close(); } }`,
  // A wait in the other branch of the same pass is not before the start.
  `${FNS}declare function prepare(): Promise<void>; declare function connect(): { close(): void };\nexport class Ws { private socket?: { close(): void }; private closed = false; async reconnect(fancy: boolean) { for (let i = 0; i < 3; i++) { if (this.closed) return; if (fancy) { await prepare(); if (this.closed) return; this.socket = connect(); } else { this.socket = connect(); } } } close() { this.closed = true; this.socket?.close(); } }`,
  // A loop over the place in the teardown is no release of a new value.
  `${FNS}declare function conns(): Promise<string[]>;\nexport class R { private names: string[] = []; async refresh() { this.names = await conns(); } dispose() { for (const n of this.names) tick(); } }`,
];

function suggestionsFor(twin: Twin): { messageId: 'recheck' | 'passSignal'; output: string }[] {
  if (twin.passSignal) return [{ messageId: 'passSignal', output: twin.correct }];
  return twin.fixed ? [{ messageId: 'recheck', output: twin.correct }] : [];
}

const invalid: InvalidTestCase<MessageIds, Options>[] = twins.map((twin) => ({
  code: twin.leak,
  ...(twin.filename ? { filename: twin.filename } : {}),
  ...(twin.possible ? { options: POSSIBLE } : {}),
  errors: [{ messageId: twin.messageId, suggestions: suggestionsFor(twin) }],
}));

invalid.push(
  // The witness, stated in the message.
  {
    code: twins[0]!.leak,
    errors: [
      {
        // `setInterval` starts on line 9 after the `await` on line 8, while `stop()` (line 11) can run in
        // between and does not stop it; nothing re-checks `this.started` after the wait.
        messageId: 'startAfterEnd',
        data: { start: '`setInterval`', line: 9, wait: 'the `await` on line 8', via: '', end: '`stop()`', endLine: 'line 11', state: '`this.started`' },
        suggestions: [],
      },
    ],
  },
  {
    code: twins.find((t) => t.name.startsWith('a refresh chain'))!.leak,
    options: POSSIBLE,
    errors: [
      {
        messageId: 'restartPassesCheck',
        data: { start: '`setTimeout`', line: 20, wait: 'the `await` on line 15', via: ' (through `this.schedule()` on line 16)', end: '`stop()`', endLine: 'line 10', state: '`this.running`', restart: 'start()' },
        suggestions: [],
      },
    ],
  },
  {
    code: twins[4]!.leak,
    errors: [
      {
        messageId: 'abortListenerAfterWait',
        data: { wait: 'the `await` on line 4', signal: 'signal', state: '`signal.aborted`' },
        suggestions: [{ messageId: 'recheck', output: twins[4]!.correct }],
      },
    ],
  },
  // autofix: true applies the re-check.
  { code: twins[1]!.leak, options: options({ autofix: true }), output: twins[1]!.correct, errors: [{ messageId: 'startAfterEnd', suggestions: [{ messageId: 'recheck', output: twins[1]!.correct }] }] },
  // A later callback of a constructor's promise.
  {
    code: `${FNS}export class Pinger {\n  private timer?: NodeJS.Timeout;\n  private disposed = false;\n  constructor() {\n    load().then(() => {\n      this.timer = setInterval(tick, 1000);\n    });\n  }\n  dispose() {\n    this.disposed = true;\n    clearInterval(this.timer);\n  }\n}`,
    errors: [
      {
        messageId: 'startAfterEnd',
        suggestions: [
          {
            messageId: 'recheck',
            output: `${FNS}export class Pinger {\n  private timer?: NodeJS.Timeout;\n  private disposed = false;\n  constructor() {\n    load().then(() => {\n      if (this.disposed) return;\n      this.timer = setInterval(tick, 1000);\n    });\n  }\n  dispose() {\n    this.disposed = true;\n    clearInterval(this.timer);\n  }\n}`,
          },
        ],
      },
    ],
  },
  // The same callback through an escaped method name: the file's text need not name `then`.
  {
    code: `${FNS}export class Pinger {\n  private timer?: NodeJS.Timeout;\n  private disposed = false;\n  constructor() {\n    load()['th\\x65n'](() => {\n      this.timer = setInterval(tick, 1000);\n    });\n  }\n  dispose() {\n    this.disposed = true;\n    clearInterval(this.timer);\n  }\n}`,
    errors: [
      {
        messageId: 'startAfterEnd',
        suggestions: [
          {
            messageId: 'recheck',
            output: `${FNS}export class Pinger {\n  private timer?: NodeJS.Timeout;\n  private disposed = false;\n  constructor() {\n    load()['th\\x65n'](() => {\n      if (this.disposed) return;\n      this.timer = setInterval(tick, 1000);\n    });\n  }\n  dispose() {\n    this.disposed = true;\n    clearInterval(this.timer);\n  }\n}`,
          },
        ],
      },
    ],
  },
  // A reconnect loop: the condition does not read the owner; the connection is kept after its own await.
  {
    code: `declare function connect(): Promise<{ close(): void; closed: Promise<void> }>; declare function sleep(ms: number): Promise<void>;\nexport class Reconnecting {\n  private conn?: { close(): void; closed: Promise<void> };\n  private disposed = false;\n  async run(): Promise<void> {\n    for (let attempt = 0; attempt < 5; attempt++) {\n      this.conn = await connect();\n      await this.conn.closed;\n      await sleep(1000);\n    }\n  }\n  close() {\n    this.disposed = true;\n    this.conn?.close();\n  }\n}`,
    errors: [{ messageId: 'keptAfterOwnWait', suggestions: [] }],
  },
  // A value the function returns is not what a bare `return;` may leave out: no re-check fix.
  {
    code: `${FNS}export class R {\n  private t?: NodeJS.Timeout;\n  private disposed = false;\n  async start(): Promise<number> {\n    await load();\n    this.t = setInterval(tick, 1000);\n    return 1;\n  }\n  dispose() {\n    this.disposed = true;\n    clearInterval(this.t);\n  }\n}`,
    errors: [{ messageId: 'startAfterEnd', suggestions: [] }],
  },
  // The project's own teardown method names.
  {
    code: `${FNS}export class R {\n  private t?: NodeJS.Timeout;\n  async start() {\n    await load();\n    this.t = setInterval(tick, 1000);\n  }\n  shutdown() {\n    clearInterval(this.t);\n  }\n}`,
    options: options({ teardownMethods: ['shutdown'] }),
    errors: [{ messageId: 'startAfterEnd', suggestions: [] }],
  },
);

// strict only: what a late start leaves costs nothing that matters.
const strictOnly: string[] = [
  // A timer whose callback runs the teardown itself: it is the cleanup of what the wait left.
  `declare function listen(): Promise<void>;
export class Auth { private t?: NodeJS.Timeout; async start() { await listen(); this.t = setTimeout(() => this.stop(), 600_000); } stop() { clearTimeout(this.t); } }`,
  // A one-shot timeout that fires within a second.
  `${FNS}export class Tracker { private t?: NodeJS.Timeout; async refresh() { await load(); this.t = setTimeout(tick, 300); } dispose() { clearTimeout(this.t); } }`,
  // An abort listener whose stop also runs on the way out.
  `${FNS}declare function open(): Promise<{ close(): void }>;
export async function handle(signal: AbortSignal) { const pair = await open(); const teardown = () => pair.close(); await load(); signal.addEventListener('abort', teardown, { once: true }); await load(); teardown(); }`,
];
for (const code of strictOnly) {
  valid.push(code);
  invalid.push({ code, options: POSSIBLE, errors: [{ messageId: code.includes("'abort'") ? 'abortListenerAfterWait' : 'startAfterEnd', suggestions: code.includes("'abort'") ? [{ messageId: 'recheck', output: code.replace("signal.addEventListener", 'signal.throwIfAborted(); signal.addEventListener') }] : [] }] });
}

// A second pass over every fixed output reports nothing.
addSecondPassCases(valid, invalid, (code, from) => {
  const filename = (from as { filename?: string }).filename;
  return { code, options: (from.options as Options | undefined) ?? POSSIBLE, ...(filename ? { filename } : {}) };
});

describe('no-start-after-teardown', () => {
  ruleTester.run('no-start-after-teardown', rule, { valid: [...valid, { code: twins[0]!.leak, options: options({ allow: ['setInterval'] }) }], invalid });

  it('a fixed output leaves nothing for the rule to report, with the other rules beside it', () => {
    for (const twin of twins.filter((t) => t.fixed || t.passSignal)) {
      const messages = lintTogether(twin.correct, { 'no-start-after-teardown': { evidence: 'possible' } }, twin.filename);
      expect(messages).toEqual([]);
    }
  });
});

describe('no-start-after-teardown fixes', () => {
  const cases = invalid.flatMap((testCase) => fixOutputs(testCase).map((output) => [output.split('\n').slice(-3).join(' '), { testCase, output }] as const));

  it('every twin with a flag or a signal has its fix', () => {
    expect(cases.length).toBeGreaterThanOrEqual(5);
  });

  it.each(cases)('type-checks as well as before: %s', (_name, { testCase, output }) => {
    expectNoNewTypeErrors(testCase.code, output, testCase.filename);
  }, 120_000);
});

const untypedTester = createUntypedRuleTester();

untypedTester.run('no-start-after-teardown (no type information)', rule, {
  valid: [
    // Signals and host listeners are types: nothing to say about them without.
    twins[4]!.leak,
    twins[5]!.leak,
    twins[2]!.leak,
  ],
  invalid: [
    // A class's timers and releases are syntax: still reported.
    { code: twins[0]!.leak, errors: [{ messageId: 'startAfterEnd', suggestions: [] }] },
    { code: twins[1]!.leak, errors: [{ messageId: 'startAfterEnd', suggestions: [{ messageId: 'recheck', output: twins[1]!.correct }] }] },
    // An effect of a hook imported from react, whose cleanup clears what its async work stores.
    {
      code: `${REACT}${FNS}export function Clock() {\n  useEffect(() => {\n    let timer: ReturnType<typeof setInterval> | undefined;\n    void (async () => {\n      await load();\n      timer = setInterval(tick, 1000);\n    })();\n    return () => clearInterval(timer);\n  }, []);\n  return null;\n}`,
      filename: 'react.tsx',
      errors: [{ messageId: 'startAfterEnd', suggestions: [] }],
    },
  ],
});
