import type { InferMessageIdsTypeFromRule } from '@typescript-eslint/utils/eslint-utils';
import * as path from 'node:path';

import parser from '@typescript-eslint/parser';
import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import rule from '../../src/rules/no-floating-timer';
import { createTypedRuleTester, createUntypedRuleTester, fixturesDir, TYPED_PARSER_OPTIONS } from '../rule-tester';
import { EVERY_AUTOFIX, fixTogether } from '../lint-together';
import { expectNoNewTypeErrors } from '../typecheck';

type MessageIds = InferMessageIdsTypeFromRule<typeof rule>;
type Options = NonNullable<(typeof rule)['meta']['defaultOptions']>;
type Settings = Partial<Options[0]>;

/** Partial options (the rule merges its `meta.defaultOptions` in). */
function options(settings: Settings): Options {
  return [settings] as unknown as Options;
}

const ruleTester = createTypedRuleTester();

/** `strict`: possible leaks too (a timeout with no owner, a short deferral, a state-only callback, a module's unref'd interval). */
const STRICT = options({ evidence: 'possible' });
const ALWAYS = STRICT;
const FNS = 'declare function poll(): void; declare function fire(): void; declare function tick(): void;\n';
const REACT = "import { useEffect, useLayoutEffect } from 'react';\n";

const INTERVAL_COST = 'it runs until the process exits';

const valid: (string | ValidTestCase<Options>)[] = [
  // The spec's "do not report" examples.
  `${FNS}declare function onShutdown(f: () => void): void;\nconst t = setInterval(poll, 5_000); onShutdown(() => clearInterval(t));`,
  { code: `${FNS}declare const id: string; const timers = new Map<string, unknown>();\ntimers.set(id, setTimeout(fire, 10));`, options: ALWAYS },
  { code: `${FNS}function schedule() { return setTimeout(fire, 10); }`, options: ALWAYS },
  `${FNS}function setInterval(fn: () => void, ms: number) {} setInterval(poll, 1); // shadowed`,
  { code: `${FNS}declare const clock: { setTimeout(f: () => void, n: number): number };\nclock.setTimeout(fire, 10); // fake timers object`, options: ALWAYS },
  `${FNS}declare function flush(): void;\nsetInterval(flush, 60_000).unref(); // module scope, allowUnref`,

  // The handle escapes: passed on, stored, exported, aliased.
  `${FNS}declare function track(t: unknown): void;\nfunction start() { const t = setInterval(poll, 10); track(t); }`,
  `${FNS}const all: unknown[] = [];\nfunction start() { all.push(setInterval(poll, 10)); }`,
  `${FNS}function start() { return { timer: setInterval(poll, 10) }; }`,
  `${FNS}export const heartbeat = setInterval(poll, 10);`,
  `${FNS}const heartbeat = setInterval(poll, 10);\nexport { heartbeat };`,
  `${FNS}export default setInterval(poll, 10);`,
  `${FNS}function start() { const t = setInterval(poll, 10); const copy = t; return copy; }`,
  `${FNS}class Registry { timers: unknown[] = []; add() { this.timers.push(setInterval(poll, 10)); } close() {} }`,
  `${FNS}const handles: Record<number, unknown> = {};\nfunction start(id: number) { handles[id] = setInterval(poll, 10); }`,
  `${FNS}declare function run(f: () => unknown): void;\nrun(() => setInterval(poll, 10));`,

  // The timer clears itself, or is cleared on some path.
  `${FNS}declare let done: boolean;\nconst id = setInterval(() => { if (done) clearInterval(id); }, 10);`,
  `${FNS}declare function work(): Promise<void>;\nasync function run() { const t = setInterval(tick, 10); try { await work(); } finally { clearInterval(t); } }`,
  `${FNS}function run(signal: AbortSignal) { const t = setInterval(tick, 10); signal.addEventListener('abort', () => clearInterval(t), { once: true }); }`,
  `${FNS}function run() { const t = setTimeout(tick, 10); clearInterval(t); } // either clears either`,
  `${FNS}function run() { const t = setInterval(tick, 10); return () => clearTimeout(t); }`,
  `${FNS}function run() { const t = setInterval(tick, 10); t.close(); }`,
  `${FNS}function run() { const t = setInterval(tick, 10); t[Symbol.dispose](); }`,
  `${FNS}function run() { using t = setInterval(tick, 10); }`,
  `${FNS}let timer: NodeJS.Timeout | undefined;\nexport function start() { timer = setInterval(tick, 10); }\nexport function stop() { clearInterval(timer); }`,
  `${FNS}class Pool { t?: NodeJS.Timeout; constructor() { this.t = setInterval(poll, 1000); } close() { clearInterval(this.t); } }`,
  `${FNS}class Pool { #t = setInterval(poll, 1000); [Symbol.dispose]() { clearInterval(this.#t); } }`,
  `${FNS}class Pool { private t = setInterval(poll, 1000); close = () => { clearInterval(this.t!); }; }`,
  `${FNS}class Pool { t?: NodeJS.Timeout; start() { this.t = setInterval(poll, 1000); } close() { clearTimer(this.t); } }\ndeclare function clearTimer(t: unknown): void;`,
  `${FNS}class Pool { t?: number; start() { this.t = window.setInterval(poll, 1000); } close() { window.clearInterval(this.t); } }`,
  `${FNS}class Pool { t?: NodeJS.Timeout; start() { this.t = setInterval(poll, 1000); } }\nconst pool = new Pool(); pool.start(); clearInterval(pool.t);`,
  { code: `${REACT}${FNS}function Clock() { useEffect(() => { const id = setInterval(tick, 1000); return () => clearInterval(id); }, []); return null; }`, filename: 'react.tsx' },

  // Not a host callback timer.
  { code: `${FNS}import { setTimeout } from 'node:timers/promises';\nasync function poll2(signal: AbortSignal) { await setTimeout(10); }`, options: ALWAYS },
  { code: `${FNS}setImmediate(tick); queueMicrotask(tick); requestAnimationFrame(tick);`, options: STRICT },
  { code: `${FNS}const window = { setInterval(f: () => void, n: number) { return n; } };\nwindow.setInterval(poll, 10);`, options: STRICT },

  // setTimeout under "owned-scope": no owner whose end should stop it.
  `${FNS}function later() { setTimeout(fire, 10); }`,
  `${FNS}setTimeout(fire, 10);`,
  `${FNS}class Debounce { t?: NodeJS.Timeout; call() { this.t = setTimeout(fire, 100); } }`,
  `${FNS}function later(_signal: AbortSignal) { setTimeout(fire, 10); }`,
  `${FNS}const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));`,
  { code: `${FNS}function useEffect(f: () => void) { f(); }\nfunction Clock() { useEffect(() => { setTimeout(tick, 1000); }); return null; }`, filename: 'react.tsx' },
  // ... a timer started by the teardown itself (a grace period) or after the abort.
  `${FNS}class Conn { sock = { destroy() {} }; close() { setTimeout(() => this.sock.destroy(), 1000); } }`,
  `${FNS}function run(signal: AbortSignal) { signal.addEventListener('abort', () => { setTimeout(fire, 5000); }); }`,
  // ... a callback that watches the signal, or that is the signal's deadline.
  `${FNS}function retry(signal: AbortSignal) { setTimeout(() => { if (!signal.aborted) fire(); }, 100); }`,
  `${FNS}async function get(url: string) { const ac = new AbortController(); setTimeout(() => ac.abort(), 5000); return fetch(url, { signal: ac.signal }); }`,
  // ... a timeout raced against work is await-in-select-without-abort's report.
  `${FNS}declare function work(s: AbortSignal): Promise<void>;\nasync function run(signal: AbortSignal) { await Promise.race([work(signal), new Promise((r) => setTimeout(r, 1000))]); }`,
  `${FNS}async function run(signal: AbortSignal, ms: number) { await new Promise((_, reject) => { setTimeout(() => reject(new Error('timeout')), ms); }); }`,

  // A zero-delay timeout defers work to the next turn (often to rethrow): like setImmediate.
  { code: `function report(error: unknown) { setTimeout(() => { throw error; }); }`, options: STRICT },
  { code: `${FNS}class Stream { constructor() { setTimeout(fire, 0); } close() {} }`, options: STRICT },

  // "never" and the teardown list.
  { code: `${FNS}class Pool { constructor() { setTimeout(fire, 10); } close() {} }`, options: options({ timeouts: 'never' }) },
  { code: `${FNS}class Pool { constructor() { setTimeout(fire, 10); } close() {} }`, options: options({ teardownMethods: ['shutdown'] }) },

  // allowUnref: a deliberate background job at module scope.
  `${FNS}const t = setInterval(poll, 1000); t.unref();`,
  `${FNS}const t = setInterval(poll, 1000).unref();`,
  { code: `${FNS}setTimeout(fire, 1000).unref();`, options: options({ timeouts: 'always' }) },

  // Conservative: a field cleared through a cast, a guard before the clear, a read we cannot follow.
  `${FNS}class Pool { t?: NodeJS.Timeout; start() { this.t = setInterval(poll, 1); } close() { if (this.t) clearInterval(this.t as unknown as number); } }`,
  `${FNS}class Pool { t?: NodeJS.Timeout; start() { this.t = setInterval(poll, 1); } close() { this.t && clearInterval(this.t); } }`,
  `${FNS}function start() { const t = setInterval(poll, 1); return \`timer \${t}\`; }`,
  `${FNS}const byId: Record<string, string> = {};\nfunction start() { const t = setInterval(poll, 1); byId[String(t)] = 'x'; }`,
  `${FNS}class Pool { t = setInterval(poll, 1); static stop(p: Pool) { clearInterval(p.t); } close() {} }`,
  // Optional-call and parenthesised forms that escape are still followed.
  `${FNS}const all = new Set<unknown>();\nfunction start() { all.add((setInterval(poll, 1))); }`,

  // Objects outside a class have no teardown to check against.
  `${FNS}const worker = { t: undefined as unknown, start() { this.t = setInterval(poll, 1000); } };`,

  // Shapes from application code (vscode-js-debug, radix, socket.io) that are not leaks.
  // A timeout started by the teardown itself, also under "always": nothing later could stop it.
  { code: `${FNS}export class TerminalProcess {\n  constructor(private terminal: { sendText(s: string): void; dispose(): void }) {}\n  stop() {\n    this.terminal.sendText('\\u0003');\n    setTimeout(() => this.terminal.sendText('exit'), 200);\n  }\n}`, options: ALWAYS },
  // ... or by a React effect's cleanup, with a block or an expression body.
  { code: `${REACT}${FNS}export function Toast() {\n  useEffect(() => {\n    return () => {\n      setTimeout(fire, 300);\n    };\n  }, []);\n  return null;\n}`, options: ALWAYS, filename: 'react.tsx' },
  { code: `${REACT}${FNS}export function Toast() {\n  useEffect(() => () => { setTimeout(fire, 300); }, []);\n  return null;\n}`, options: ALWAYS, filename: 'react.tsx' },
  // A callback that only releases or restores: removes a listener, puts back a saved handler (also on a global), clears and aborts, ends the process.
  `${FNS}export function listen(target: EventTarget, signal: AbortSignal, onKey: (e: Event) => void) {\n  target.addEventListener('keydown', onKey);\n  setTimeout(() => target.removeEventListener('keydown', onKey), 5000);\n}`,
  `${FNS}export function swallowErrors(signal: AbortSignal) {\n  const previous = window.onerror;\n  window.onerror = () => true;\n  setTimeout(() => {\n    window.onerror = previous;\n  }, 1000);\n}`,
  `${FNS}export function run(signal: AbortSignal, ac: AbortController) {\n  const t = setInterval(poll, 100);\n  signal.addEventListener('abort', () => clearInterval(t));\n  setTimeout(() => {\n    clearInterval(t);\n    ac.abort();\n  }, 5000);\n}`,
  { code: `${FNS}export function shutdown(server: { close(): void }) {\n  server.close();\n  setTimeout(() => process.exit(1), 10_000);\n}`, options: ALWAYS },
  { code: `${FNS}const previous = window.onerror;\nwindow.onerror = () => true;\nsetTimeout(() => { window.onerror = previous; }, 1000);`, options: ALWAYS },
  // An `.unref()`-ed timeout with no owner, also under "always": a shutdown timer that holds nothing.
  { code: `${FNS}export function forceExit() {\n  const t = setTimeout(() => {\n    console.error('shutdown timed out');\n    process.exit(1);\n  }, 10_000);\n  t.unref();\n}`, options: ALWAYS },
  { code: `${FNS}export function later() {\n  setTimeout(fire, 10_000).unref();\n}`, options: ALWAYS },
  // minTimeoutMs (`recommended` sets 100): a short timeout or sleep settles before its owner can end; a 1 ms next-tick deferral too.
  { code: `${FNS}export function settle(signal: AbortSignal) {\n  setTimeout(fire, 50);\n}`, options: options({ minTimeoutMs: 100 }) },
  { code: `export async function poll(signal: AbortSignal) {\n  await new Promise((r) => setTimeout(r, 50));\n}`, options: options({ minTimeoutMs: 100 }) },
  { code: `${FNS}export class Launcher {\n  launch() {\n    setTimeout(() => fire(), 1);\n  }\n  dispose() {}\n}`, options: options({ minTimeoutMs: 100 }) },
];

/**
 * A report of `messageId` with the given suggestions (`[messageId, output]` each). `data`,
 * when given, is the message's whole data: the tester checks the hydrated message.
 */
function error(
  messageId: MessageIds,
  data?: Record<string, string>,
  suggestions: Array<[MessageIds, string]> = [],
): InvalidTestCase<MessageIds, Options>['errors'][number] {
  return { messageId, ...(data ? { data: { evidence: '', ...data } } : {}), suggestions: suggestions.map(([id, output]) => ({ messageId: id, output })) };
}

const INTERVAL = { resource: 'interval', cost: INTERVAL_COST };
/** In a browser there is no process: the interval runs until the page goes; in an effect, past the unmount. */
const INTERVAL_IN_BROWSER = { resource: 'interval', cost: 'it runs until the page is closed' };
const INTERVAL_IN_EFFECT = { resource: 'interval', cost: 'it keeps running after the component unmounts' };
/** With an owner, the witness names the end the interval outlives. */
const INTERVAL_AFTER_ABORT = { resource: 'interval', cost: 'it keeps running after `signal` aborts' };
const NO_OWNER = '; a possible leak: it has no owner whose end it outlives';

const invalid: InvalidTestCase<MessageIds, Options>[] = [
  // The spec's "report" examples.
  {
    code: `${FNS}setInterval(poll, 5_000);`,
    errors: [error('discarded', INTERVAL)],
  },
  {
    code: `${FNS}class Pool { constructor() { this.t = setInterval(this.reap, 1000); } close() {} }`,
    errors: [
      error('fieldNeverCleared', { resource: 'interval', name: 'this.t', cost: 'it keeps running after `close()` (line 2)' }, [
        ['clearInTeardown', `${FNS}class Pool { constructor() { this.t = setInterval(this.reap, 1000); } close() { clearInterval(this.t); } }`],
      ]),
    ],
  },
  {
    code: `${REACT}${FNS}function Clock() { useEffect(() => { setInterval(tick, 1000); }, []); return null; }`,
    filename: 'react.tsx',
    errors: [
      error('discarded', INTERVAL_IN_EFFECT, [
        [
          'clearInEffectCleanup',
          `${REACT}${FNS}function Clock() { useEffect(() => { const timer = setInterval(tick, 1000); return () => clearInterval(timer); }, []); return null; }`,
        ],
      ]),
    ],
  },
  {
    code: 'async function wait(ms: number, signal: AbortSignal) { await new Promise(r => setTimeout(r, ms)); }',
    errors: [
      error('sleepWithoutSignal', { signal: 'signal' }, [
        [
          'useAbortableSleep',
          "import { setTimeout } from 'node:timers/promises';\nasync function wait(ms: number, signal: AbortSignal) { await setTimeout(ms, undefined, { signal }); }",
        ],
      ]),
    ],
  },
  {
    code: `${FNS}const { setInterval: every } = globalThis; every(poll, 10);`,
    errors: [error('discarded', INTERVAL)],
  },
  {
    code: `${FNS}window.setInterval(poll, 10);`,
    errors: [error('discarded', INTERVAL_IN_BROWSER)],
  },

  // Other spellings of the host's timers.
  {
    code: `import { setInterval as every } from 'node:timers';\n${FNS}every(poll, 10);`,
    errors: [error('discarded')],
  },
  {
    code: `import * as timers from 'timers';\n${FNS}timers.setInterval(poll, 10);`,
    errors: [error('discarded')],
  },
  {
    code: `${FNS}const later = globalThis.setTimeout;\nlater(fire, 10);`,
    options: ALWAYS,
    errors: [error('discarded', { resource: 'timeout', cost: 'it keeps the process alive until it fires and cannot be cancelled', evidence: NO_OWNER })],
  },

  // Discarded in other ways.
  { code: `${FNS}void setInterval(poll, 10);`, errors: [error('discarded')] },
  { code: `${FNS}function start() { setInterval(poll, 10).unref(); }`, errors: [error('discarded')] },
  { code: `${FNS}function start(signal: AbortSignal) { setInterval(poll, 10).hasRef(); }`, errors: [error('discarded', INTERVAL_AFTER_ABORT, [])] },
  {
    code: `${FNS}function start(signal: AbortSignal) { (setInterval(poll, 10) as NodeJS.Timeout).unref(); }`,
    errors: [
      error('discarded', INTERVAL_AFTER_ABORT, [
        ['clearOnAbort', `${FNS}function start(signal: AbortSignal) { const timer = (setInterval(poll, 10) as NodeJS.Timeout).unref(); signal.addEventListener('abort', () => clearInterval(timer), { once: true }); }`],
      ]),
    ],
  },
  { code: `${FNS}function start() { const t = setInterval(poll, 10); }`, errors: [error('unreadHandle', { ...INTERVAL, name: 't' })] },
  { code: `${FNS}let t: unknown; function start() { t = setInterval(poll, 10); }`, errors: [error('unreadHandle', { ...INTERVAL, name: 't' })] },
  { code: `${FNS}let t = setInterval(poll, 10);`, errors: [error('unreadHandle', { ...INTERVAL, name: 't' })] },

  // Kept where nothing clears it.
  {
    code: `${FNS}function start() { const t = setInterval(poll, 10); t.unref(); }`,
    errors: [error('neverCleared', { resource: 'interval', name: 't', cost: 'it runs until the process exits, though `.unref()` lets it exit' })],
  },
  { code: `${FNS}const t = setInterval(poll, 10); if (t.hasRef()) t.ref();`, errors: [error('neverCleared', { ...INTERVAL, name: 't' })] },
  { code: `${FNS}function start() { const t = setInterval(poll, 10); if (t) console.log('started'); }`, errors: [error('neverCleared', { ...INTERVAL, name: 't' })] },
  {
    code: `${FNS}class Lazy { t?: NodeJS.Timeout; init() { if (!this.t) this.t = setInterval(poll, 10); } }`,
    errors: [error('fieldNeverCleared', { ...INTERVAL, name: 'this.t' })],
  },
  {
    code: `${FNS}class Poller { #t = setInterval(poll, 10); stop() {} }`,
    errors: [error('fieldNeverCleared', { resource: 'interval', name: 'this.#t', cost: 'it keeps running after `stop()` (line 2)' }, [['clearInTeardown', `${FNS}class Poller { #t = setInterval(poll, 10); stop() { clearInterval(this.#t); } }`]])],
  },
  {
    code: `${FNS}class Poller { private t = setInterval(poll, 10); async [Symbol.asyncDispose]() { await Promise.resolve(); } }`,
    errors: [
      error('fieldNeverCleared', { resource: 'interval', name: 'this.t', cost: 'it keeps running after `[Symbol.asyncDispose]()` (line 2)' }, [
        ['clearInTeardown', `${FNS}class Poller { private t = setInterval(poll, 10); async [Symbol.asyncDispose]() { clearInterval(this.t); await Promise.resolve(); } }`],
      ]),
    ],
  },

  // setTimeout under "owned-scope": an owner whose end should stop it.
  {
    code: `${FNS}function later(signal: AbortSignal) {\n  setTimeout(fire, 5_000);\n}`,
    errors: [
      error('discarded', { resource: 'timeout', cost: 'it still fires after `signal` aborts' }, [
        ['clearOnAbort', `${FNS}function later(signal: AbortSignal) {\n  const timer = setTimeout(fire, 5_000);\n  signal.addEventListener('abort', () => clearTimeout(timer), { once: true });\n}`],
      ]),
    ],
  },
  {
    code: `${FNS}function later(opts?: { signal?: AbortSignal }) {\n  const t = setTimeout(fire, 5_000);\n}`,
    errors: [
      error('unreadHandle', { resource: 'timeout', name: 't', cost: 'it still fires after `opts?.signal` aborts' }, [
        ['clearOnAbort', `${FNS}function later(opts?: { signal?: AbortSignal }) {\n  const t = setTimeout(fire, 5_000);\n  opts?.signal?.addEventListener('abort', () => clearTimeout(t), { once: true });\n}`],
      ]),
    ],
  },
  {
    code: `${FNS}function later({ signal }: { signal: AbortSignal }) { const t = setTimeout(fire, 5_000); t.unref(); }`,
    errors: [
      error('neverCleared', { resource: 'timeout', name: 't', cost: 'it still fires after `signal` aborts' }, [
        ['clearOnAbort', `${FNS}function later({ signal }: { signal: AbortSignal }) { const t = setTimeout(fire, 5_000); signal.addEventListener('abort', () => clearTimeout(t), { once: true }); t.unref(); }`],
      ]),
    ],
  },
  {
    code: `${FNS}class Worker {\n  constructor() {\n    setTimeout(() => this.tick(), 1000);\n  }\n  tick() {}\n  [Symbol.dispose]() {}\n}`,
    errors: [
      error('discarded', { resource: 'timeout', cost: 'it still fires after `[Symbol.dispose]()` (line 7)' }, [
        [
          'clearInTeardown',
          `${FNS}class Worker {\n  private timer?: NodeJS.Timeout;\n  constructor() {\n    this.timer = setTimeout(() => this.tick(), 1000);\n  }\n  tick() {}\n  [Symbol.dispose]() { clearTimeout(this.timer); }\n}`,
        ],
      ]),
    ],
  },
  {
    code: `${FNS}class Conn { timer = 1; constructor() { setTimeout(fire, 5_000); } shutdown() { fire(); } }`,
    options: options({ teardownMethods: ['shutdown'] }),
    errors: [
      error('discarded', { resource: 'timeout', cost: 'it still fires after `shutdown()` (line 2)' }, [
        ['clearInTeardown', `${FNS}class Conn { private timer2?: NodeJS.Timeout; timer = 1; constructor() { this.timer2 = setTimeout(fire, 5_000); } shutdown() { clearTimeout(this.timer2); fire(); } }`],
      ]),
    ],
  },
  {
    code: `${REACT}${FNS}function Chat() {\n  useLayoutEffect(() => {\n    const ws = new WebSocket('wss://x');\n    setTimeout(() => ws.send('hi'), 1000);\n    return () => ws.close();\n  }, []);\n  return null;\n}`,
    filename: 'react.tsx',
    errors: [
      error('discarded', { resource: 'timeout', cost: 'it still fires after the component unmounts' }, [
        [
          'clearInEffectCleanup',
          `${REACT}${FNS}function Chat() {\n  useLayoutEffect(() => {\n    const ws = new WebSocket('wss://x');\n    const timer = setTimeout(() => ws.send('hi'), 1000);\n    return () => { ws.close(); clearTimeout(timer); };\n  }, []);\n  return null;\n}`,
        ],
      ]),
    ],
  },
  {
    code: `${REACT}${FNS}function Chat() {\n  useEffect(() => {\n    const id = setInterval(tick, 1000);\n    return () => {\n      console.log('bye');\n    };\n  }, []);\n  return null;\n}`,
    filename: 'react.tsx',
    errors: [
      error('unreadHandle', { ...INTERVAL_IN_EFFECT, name: 'id' }, [
        [
          'clearInEffectCleanup',
          `${REACT}${FNS}function Chat() {\n  useEffect(() => {\n    const id = setInterval(tick, 1000);\n    return () => {\n      console.log('bye');\n      clearInterval(id);\n    };\n  }, []);\n  return null;\n}`,
        ],
      ]),
    ],
  },
  {
    code: `${REACT}${FNS}function Chat() { useEffect(() => { setInterval(tick, 1000); return () => {}; }); return null; }`,
    filename: 'react.tsx',
    errors: [
      error('discarded', undefined, [
        ['clearInEffectCleanup', `${REACT}${FNS}function Chat() { useEffect(() => { const timer = setInterval(tick, 1000); return () => { clearInterval(timer); }; }); return null; }`],
      ]),
    ],
  },
  // ... an effect whose cleanup is not a function literal, or a timer in a nested callback: reported, no effect fix.
  {
    code: `${REACT}${FNS}declare const stop: () => void;\nfunction Chat() { useEffect(() => { setInterval(tick, 1000); return stop; }); return null; }`,
    filename: 'react.tsx',
    errors: [error('discarded', undefined, [])],
  },
  {
    code: `${REACT}${FNS}function Chat() { useEffect(() => { document.addEventListener('click', () => { setTimeout(tick, 10); }); }); return null; }`,
    filename: 'react.tsx',
    options: STRICT,
    errors: [error('discarded', { resource: 'timeout', cost: 'it still fires after the component unmounts', evidence: '; a possible leak: it is a short deferral of 10 ms' }, [])],
  },

  // Several owners: every applicable remedy, in the spec's order; the signal's is the primary one.
  {
    code: `${FNS}class Job {\n  start(signal: AbortSignal) {\n    setInterval(() => this.step(), 100);\n  }\n  step() {}\n  stop() {}\n}`,
    errors: [
      error('discarded', undefined, [
        ['clearOnAbort', `${FNS}class Job {\n  start(signal: AbortSignal) {\n    const timer = setInterval(() => this.step(), 100);\n    signal.addEventListener('abort', () => clearInterval(timer), { once: true });\n  }\n  step() {}\n  stop() {}\n}`],
        ['clearInTeardown', `${FNS}class Job {\n  private timer?: NodeJS.Timeout;\n  start(signal: AbortSignal) {\n    this.timer = setInterval(() => this.step(), 100);\n  }\n  step() {}\n  stop() { clearInterval(this.timer); }\n}`],
      ]),
    ],
  },
  {
    code: `${FNS}class Job {\n  start(signal: AbortSignal) {\n    setInterval(() => this.step(), 100);\n  }\n  step() {}\n  stop() {}\n}`,
    options: options({ autofix: true }),
    output: `${FNS}class Job {\n  start(signal: AbortSignal) {\n    const timer = setInterval(() => this.step(), 100);\n    signal.addEventListener('abort', () => clearInterval(timer), { once: true });\n  }\n  step() {}\n  stop() {}\n}`,
    errors: [error('discarded', undefined, [
      ['clearOnAbort', `${FNS}class Job {\n  start(signal: AbortSignal) {\n    const timer = setInterval(() => this.step(), 100);\n    signal.addEventListener('abort', () => clearInterval(timer), { once: true });\n  }\n  step() {}\n  stop() {}\n}`],
      ['clearInTeardown', `${FNS}class Job {\n  private timer?: NodeJS.Timeout;\n  start(signal: AbortSignal) {\n    this.timer = setInterval(() => this.step(), 100);\n  }\n  step() {}\n  stop() { clearInterval(this.timer); }\n}`],
    ])],
  },
  // A DOM timer's handle is a number.
  {
    code: `${FNS}class Ticker { start() { window.setInterval(tick, 100); } destroy() {} }`,
    errors: [
      error('discarded', undefined, [
        ['clearInTeardown', `${FNS}class Ticker { private timer?: number; start() { this.timer = window.setInterval(tick, 100); } destroy() { clearInterval(this.timer); } }`],
      ]),
    ],
  },
  // A React class component.
  {
    code: `${FNS}class Clock {\n  componentDidMount() {\n    setInterval(() => this.tick(), 1000);\n  }\n  tick() {}\n  componentWillUnmount() {\n    fire();\n  }\n}`,
    errors: [
      error('discarded', { resource: 'interval', cost: 'it keeps running after `componentWillUnmount()` (line 7)' }, [
        [
          'clearInTeardown',
          `${FNS}class Clock {\n  private timer?: NodeJS.Timeout;\n  componentDidMount() {\n    this.timer = setInterval(() => this.tick(), 1000);\n  }\n  tick() {}\n  componentWillUnmount() {\n    clearInterval(this.timer);\n    fire();\n  }\n}`,
        ],
      ]),
    ],
  },
  // Timeouts started by a method (per call) get no single-field fix; intervals do.
  {
    code: `${FNS}class Conn { send() { setTimeout(fire, 5_000); } close() {} }`,
    errors: [error('discarded', { resource: 'timeout', cost: 'it still fires after `close()` (line 2)' }, [])],
  },

  // Sleeps with a signal in scope.
  {
    code: `import { readFile } from 'node:fs/promises';\nasync function wait(ms: number, opts: { signal?: AbortSignal }) {\n  await new Promise<void>((resolve) => {\n    setTimeout(() => resolve(), ms);\n  });\n  setTimeout(() => {}, 1000);\n}`,
    options: options({ autofix: true }),
    output: `import { readFile } from 'node:fs/promises';\nimport { setTimeout as sleep } from 'node:timers/promises';\nasync function wait(ms: number, opts: { signal?: AbortSignal }) {\n  await sleep(ms, undefined, { signal: opts.signal });\n  const timer = setTimeout(() => {}, 1000);\n  opts.signal?.addEventListener('abort', () => clearTimeout(timer), { once: true });\n}`,
    errors: [
      error('sleepWithoutSignal', { signal: 'opts.signal' }, [
        [
          'useAbortableSleep',
          `import { readFile } from 'node:fs/promises';\nimport { setTimeout as sleep } from 'node:timers/promises';\nasync function wait(ms: number, opts: { signal?: AbortSignal }) {\n  await sleep(ms, undefined, { signal: opts.signal });\n  setTimeout(() => {}, 1000);\n}`,
        ],
      ]),
      error('discarded', { resource: 'timeout', cost: 'it still fires after `opts.signal` aborts' }, [
        [
          'clearOnAbort',
          `import { readFile } from 'node:fs/promises';\nasync function wait(ms: number, opts: { signal?: AbortSignal }) {\n  await new Promise<void>((resolve) => {\n    setTimeout(() => resolve(), ms);\n  });\n  const timer = setTimeout(() => {}, 1000);\n  opts.signal?.addEventListener('abort', () => clearTimeout(timer), { once: true });\n}`,
        ],
      ]),
    ],
  },
  {
    code: `import { setTimeout as delay } from 'node:timers/promises';\nasync function backoff(attempt: number, signal: AbortSignal) {\n  await delay(1);\n  return new Promise((r) => setTimeout(r, 2 ** attempt * 100));\n}`,
    options: options({ autofix: true }),
    output: `import { setTimeout as delay } from 'node:timers/promises';\nasync function backoff(attempt: number, signal: AbortSignal) {\n  await delay(1);\n  return delay(2 ** attempt * 100, undefined, { signal });\n}`,
    errors: [
      error('sleepWithoutSignal', { signal: 'signal' }, [
        [
          'useAbortableSleep',
          `import { setTimeout as delay } from 'node:timers/promises';\nasync function backoff(attempt: number, signal: AbortSignal) {\n  await delay(1);\n  return delay(2 ** attempt * 100, undefined, { signal });\n}`,
        ],
      ]),
    ],
  },
  {
    code: `const sleep = 1000;\nasync function wait(signal: AbortSignal) { await new Promise((r) => setTimeout(r, 10)); setTimeout(() => {}, sleep); }`,
    errors: [
      error('sleepWithoutSignal', { signal: 'signal' }, [
        [
          'useAbortableSleep',
          `import { setTimeout as sleep2 } from 'node:timers/promises';\nconst sleep = 1000;\nasync function wait(signal: AbortSignal) { await sleep2(10, undefined, { signal }); setTimeout(() => {}, sleep); }`,
        ],
      ]),
      error('discarded', undefined, [
        [
          'clearOnAbort',
          `const sleep = 1000;\nasync function wait(signal: AbortSignal) { await new Promise((r) => setTimeout(r, 10)); const timer = setTimeout(() => {}, sleep); signal.addEventListener('abort', () => clearTimeout(timer), { once: true }); }`,
        ],
      ]),
    ],
  },
  // ... a sleep whose shape the rewrite does not cover is still reported.
  {
    code: 'async function wait(signal: AbortSignal) { await new Promise((r) => setTimeout(r, 10, 1)); }',
    errors: [error('sleepWithoutSignal', { signal: 'signal' }, [])],
  },
  // ... and under "always" a sleep without a signal is a lost timeout too.
  {
    code: 'const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));',
    options: ALWAYS,
    errors: [error('discarded', { resource: 'timeout', cost: 'it keeps the process alive until it fires and cannot be cancelled' })],
  },

  // "always" (strict) and allowUnref: false.
  {
    code: `${FNS}function later() { setTimeout(fire, 10); }`,
    options: ALWAYS,
    errors: [error('discarded', { resource: 'timeout', cost: 'it keeps the process alive until it fires and cannot be cancelled', evidence: NO_OWNER })],
  },
  { code: `${FNS}setInterval(poll, 60_000).unref();`, options: STRICT, errors: [error('discarded')] },
  {
    code: `${FNS}const t = setInterval(poll, 60_000); t.unref();`,
    options: STRICT,
    errors: [
      error('neverCleared', {
        resource: 'interval',
        name: 't',
        cost: 'it runs until the process exits, though `.unref()` lets it exit',
        evidence: "; a possible leak: it is a module's `.unref()`-ed background job, which holds no process open",
      }),
    ],
  },
  {
    code: `${FNS}class Debounce { t?: NodeJS.Timeout; call() { this.t = setTimeout(fire, 100); } }`,
    options: ALWAYS,
    errors: [error('fieldNeverCleared', { resource: 'timeout', name: 'this.t', cost: 'it keeps the process alive until it fires and cannot be cancelled', evidence: NO_OWNER })],
  },

  // Shapes from application code that are still leaks: the counterparts of the exemptions above.
  // A timeout started outside the teardown (`interrupt()`) still fires after `stop()`.
  {
    code: `${FNS}export class TerminalProcess {\n  constructor(private terminal: { sendText(s: string): void; dispose(): void }) {}\n  interrupt() {\n    this.terminal.sendText('\\u0003');\n    setTimeout(() => this.terminal.sendText('exit'), 200);\n  }\n  stop() {}\n}`,
    options: ALWAYS,
    errors: [error('discarded', { resource: 'timeout', cost: 'it still fires after `stop()` (line 8)', evidence: '; a possible leak: it is a short deferral of 200 ms' }, [])],
  },
  // An interval started by the teardown runs forever: nothing later stops it.
  {
    code: `${FNS}export class Conn {\n  close() {\n    setInterval(poll, 200);\n  }\n}`,
    options: ALWAYS,
    errors: [error('discarded', { resource: 'interval', cost: 'it runs until the process exits' }, [])],
  },
  // ... nor one started by an effect's cleanup.
  {
    code: `${REACT}${FNS}export function Toast() {\n  useEffect(() => () => { setInterval(tick, 300); }, []);\n  return null;\n}`,
    filename: 'react.tsx',
    errors: [error('discarded', { resource: 'interval', cost: 'it keeps running after the component unmounts' }, [])],
  },
  // A callback that removes a listener and also does work is no release-only callback.
  {
    code: `${FNS}export function listen(target: EventTarget, signal: AbortSignal, onKey: (e: Event) => void) {\n  target.addEventListener('keydown', onKey);\n  setTimeout(() => {\n    target.removeEventListener('keydown', onKey);\n    fire();\n  }, 5000);\n}`,
    errors: [error('discarded', { resource: 'timeout', cost: 'it still fires after `signal` aborts' }, [['clearOnAbort', `${FNS}export function listen(target: EventTarget, signal: AbortSignal, onKey: (e: Event) => void) {\n  target.addEventListener('keydown', onKey);\n  const timer = setTimeout(() => {\n    target.removeEventListener('keydown', onKey);\n    fire();\n  }, 5000);\n  signal.addEventListener('abort', () => clearTimeout(timer), { once: true });\n}`]])],
  },
  // An `.unref()`-ed timeout with an owner (a signal in scope) still fires after the abort.
  {
    code: `${FNS}export function later(signal: AbortSignal) {\n  setTimeout(fire, 10_000).unref();\n}`,
    options: ALWAYS,
    errors: [error('discarded', { resource: 'timeout', cost: 'it still fires after `signal` aborts' }, [['clearOnAbort', `${FNS}export function later(signal: AbortSignal) {\n  const timer = setTimeout(fire, 10_000).unref();\n  signal.addEventListener('abort', () => clearTimeout(timer), { once: true });\n}`]])],
  },
  // ... also through a variable.
  {
    code: `${FNS}export function forceExit(signal: AbortSignal) {\n  const t = setTimeout(() => fire(), 10_000);\n  t.unref();\n}`,
    options: ALWAYS,
    errors: [error('neverCleared', { resource: 'timeout', name: 't', cost: 'it still fires after `signal` aborts' }, [['clearOnAbort', `${FNS}export function forceExit(signal: AbortSignal) {\n  const t = setTimeout(() => fire(), 10_000);\n  signal.addEventListener('abort', () => clearTimeout(t), { once: true });\n  t.unref();\n}`]])],
  },
  // minTimeoutMs: a timeout at least that long is still reported (under a second, a possible leak only).
  {
    code: `${FNS}export function settle(signal: AbortSignal) {\n  setTimeout(fire, 300);\n}`,
    options: options({ minTimeoutMs: 100, evidence: 'possible' }),
    errors: [error('discarded', { resource: 'timeout', cost: 'it still fires after `signal` aborts', evidence: '; a possible leak: it is a short deferral of 300 ms' }, [['clearOnAbort', `${FNS}export function settle(signal: AbortSignal) {\n  const timer = setTimeout(fire, 300);\n  signal.addEventListener('abort', () => clearTimeout(timer), { once: true });\n}`]])],
  },
  // minTimeoutMs concerns timeouts: a short interval keeps running.
  {
    code: `${FNS}export function settle(signal: AbortSignal) {\n  setInterval(tick, 50);\n}`,
    options: options({ minTimeoutMs: 100 }),
    errors: [error('discarded', INTERVAL_AFTER_ABORT, [['clearOnAbort', `${FNS}export function settle(signal: AbortSignal) {\n  const timer = setInterval(tick, 50);\n  signal.addEventListener('abort', () => clearInterval(timer), { once: true });\n}`]])],
  },
  // Without minTimeoutMs, a 1 ms timeout is no deferral to skip (only 0 or no delay is), but a possible leak only.
  {
    code: `${FNS}export class Launcher {\n  launch() {\n    setTimeout(() => fire(), 1);\n  }\n  dispose() {}\n}`,
    options: STRICT,
    errors: [error('discarded', { resource: 'timeout', cost: 'it still fires after `dispose()` (line 6)', evidence: '; a possible leak: it is a short deferral of 1 ms' }, [])],
  },
  // Browser code (a `.tsx` file): no process to keep alive.
  {
    code: `${FNS}export function onPointerUp() {\n  setTimeout(fire, 500);\n}`,
    options: ALWAYS,
    filename: 'react.tsx',
    errors: [error('discarded', { resource: 'timeout', cost: 'it still fires later and cannot be cancelled', evidence: NO_OWNER }, [])],
  },
  // ... and an interval runs until the page is closed.
  {
    code: `${FNS}export function start() {\n  setInterval(tick, 500);\n}`,
    filename: 'react.tsx',
    errors: [error('discarded', { resource: 'interval', cost: 'it runs until the page is closed' }, [])],
  },
  // minTimeoutMs: a long sleep still ignores the signal.
  {
    code: `export async function poll(signal: AbortSignal) {\n  await new Promise((r) => setTimeout(r, 500));\n}`,
    options: options({ minTimeoutMs: 100 }),
    errors: [error('sleepWithoutSignal', { signal: 'signal' }, [['useAbortableSleep', `import { setTimeout } from 'node:timers/promises';\nexport async function poll(signal: AbortSignal) {\n  await setTimeout(500, undefined, { signal });\n}`]])],
  },

  // The file's style: double quotes, no semicolons.
  {
    code: `declare function poll(): void\nconst ms = 1000\nexport function start(signal: AbortSignal) {\n  setInterval(poll, ms)\n  console.log("started")\n}`,
    errors: [
      error('discarded', undefined, [
        ['clearOnAbort', `declare function poll(): void\nconst ms = 1000\nexport function start(signal: AbortSignal) {\n  const timer = setInterval(poll, ms)\n  signal.addEventListener("abort", () => clearInterval(timer), { once: true })\n  console.log("started")\n}`],
      ]),
    ],
  },
  // Names are not reused: `timer` is taken.
  {
    code: `${FNS}const timer = 1;\nfunction start(signal: AbortSignal) { setInterval(poll, timer); }`,
    errors: [
      error('discarded', undefined, [
        ['clearOnAbort', `${FNS}const timer = 1;\nfunction start(signal: AbortSignal) { const timer2 = setInterval(poll, timer); signal.addEventListener('abort', () => clearInterval(timer2), { once: true }); }`],
      ]),
    ],
  },
  // Names are reserved across a pass: two intervals in one block get distinct block-scoped names
  // under --fix, also next to a name the file already uses (issue: "Cannot redeclare").
  {
    code: `${FNS}export function start(signal: AbortSignal) {\n  setInterval(poll, 1000);\n  setInterval(tick, 5000);\n}`,
    options: options({ autofix: true }),
    output: `${FNS}export function start(signal: AbortSignal) {\n  const timer = setInterval(poll, 1000);\n  signal.addEventListener('abort', () => clearInterval(timer), { once: true });\n  const timer2 = setInterval(tick, 5000);\n  signal.addEventListener('abort', () => clearInterval(timer2), { once: true });\n}`,
    errors: [
      error('discarded', undefined, [
        ['clearOnAbort', `${FNS}export function start(signal: AbortSignal) {\n  const timer = setInterval(poll, 1000);\n  signal.addEventListener('abort', () => clearInterval(timer), { once: true });\n  setInterval(tick, 5000);\n}`],
      ]),
      error('discarded', undefined, [
        ['clearOnAbort', `${FNS}export function start(signal: AbortSignal) {\n  setInterval(poll, 1000);\n  const timer2 = setInterval(tick, 5000);\n  signal.addEventListener('abort', () => clearInterval(timer2), { once: true });\n}`],
      ]),
    ],
  },
  {
    code: `${FNS}const timer = 1;\nexport function start(signal: AbortSignal) {\n  setInterval(poll, timer);\n  setTimeout(fire, 5000);\n}`,
    options: options({ timeouts: 'always', autofix: true }),
    output: `${FNS}const timer = 1;\nexport function start(signal: AbortSignal) {\n  const timer2 = setInterval(poll, timer);\n  signal.addEventListener('abort', () => clearInterval(timer2), { once: true });\n  const timer3 = setTimeout(fire, 5000);\n  signal.addEventListener('abort', () => clearTimeout(timer3), { once: true });\n}`,
    errors: [
      error('discarded', undefined, [
        ['clearOnAbort', `${FNS}const timer = 1;\nexport function start(signal: AbortSignal) {\n  const timer2 = setInterval(poll, timer);\n  signal.addEventListener('abort', () => clearInterval(timer2), { once: true });\n  setTimeout(fire, 5000);\n}`],
      ]),
      error('discarded', undefined, [
        ['clearOnAbort', `${FNS}const timer = 1;\nexport function start(signal: AbortSignal) {\n  setInterval(poll, timer);\n  const timer3 = setTimeout(fire, 5000);\n  signal.addEventListener('abort', () => clearTimeout(timer3), { once: true });\n}`],
      ]),
    ],
  },
  // A shadowed clearInterval: no fix rather than a wrong one.
  {
    code: `${FNS}function clearInterval(x: unknown) {}\nfunction start(signal: AbortSignal) { setInterval(poll, 1); }`,
    errors: [error('discarded', undefined, [])],
  },
  // A bare statement in an `if` cannot take a declaration: reported, no fix.
  {
    code: `${FNS}function start(signal: AbortSignal, on: boolean) { if (on) setInterval(poll, 1); }`,
    errors: [error('discarded', undefined, [])],
  },
];

ruleTester.run('no-floating-timer', rule, { valid, invalid });

/** Lints `code` with the rule (type-aware) and returns its reports. */
function lint(code: string, ruleOptions: readonly unknown[] | undefined, filename = 'file.ts'): Linter.LintMessage[] {
  const linter = new Linter({ configType: 'flat' });
  return linter.verify(
    code,
    [
      {
        files: ['**/*.ts', '**/*.tsx'],
        plugins: { asyncleak: { rules: { 'no-floating-timer': rule } } } as never,
        languageOptions: {
          parser: parser as never,
          parserOptions: TYPED_PARSER_OPTIONS,
        },
        rules: { 'asyncleak/no-floating-timer': ['error', ...(ruleOptions ?? [])] as never },
      },
    ],
    path.join(fixturesDir, filename),
  );
}

describe('no-floating-timer fixes', () => {
  // Every `--fix` output and every suggestion output of the invalid cases, once each.
  const fixed = new Map<string, { testCase: (typeof invalid)[number]; output: string; reports: number }>();
  for (const testCase of invalid) {
    const outputs = [
      ...(typeof testCase.output === 'string' ? [{ output: testCase.output, reports: 0 }] : []),
      ...testCase.errors.flatMap((e) =>
        (e.suggestions ?? []).map((s) => ({ output: (s as { output: string }).output, reports: testCase.errors.length - 1 })),
      ),
    ];
    for (const { output, reports } of outputs) fixed.set(`${testCase.code}\0${output}`, { testCase, output, reports });
  }
  const cases = [...fixed.values()].map((entry) => [entry.output.split('\n').at(-1)!, entry] as const);

  it('cover every kind of fix', () => {
    expect(cases.length).toBeGreaterThan(20);
  });

  // One type-check program per output: slow, so each gets its own generous timeout.
  it.each(cases)('type-checks as well as before: %s', (_name, { testCase, output }) => {
    expectNoNewTypeErrors(testCase.code, output, testCase.filename);
  }, 120_000);

  it.each(cases)('leaves nothing to report about the fixed timer: %s', (_name, { testCase, output, reports }) => {
    const messages = lint(output, testCase.options, testCase.filename);
    expect(messages.filter((m) => m.fatal)).toEqual([]);
    expect(messages.length).toBe(reports);
  });
});

const untypedTester = createUntypedRuleTester();

untypedTester.run('no-floating-timer (no type information)', rule, {
  valid: [
    // Only types could tell: signals in scope, sleeps.
    'function later(signal: AbortSignal) { setTimeout(() => {}, 10); }',
    'async function wait(signal: AbortSignal) { await new Promise((r) => setTimeout(r, 10)); }',
    'function setInterval(f: () => void, n: number) {} setInterval(() => {}, 1);',
    'const t = setInterval(() => {}, 1); export function stop() { clearInterval(t); }',
    'setInterval(() => {}, 60_000).unref();',
    "import { setTimeout } from 'node:timers/promises'; await setTimeout(10);",
    { code: 'declare const clock: { setTimeout(f: () => void, n: number): void }; clock.setTimeout(() => {}, 10);', options: ALWAYS },
  ],
  invalid: [
    {
      code: 'declare function poll(): void;\nsetInterval(poll, 5000);',
      errors: [{ messageId: 'discarded', line: 2 }],
    },
    {
      code: 'class Pool { t: unknown; constructor() { this.t = setInterval(() => {}, 1000); } close() {} }',
      errors: [
        {
          messageId: 'fieldNeverCleared',
          suggestions: [{ messageId: 'clearInTeardown', output: 'class Pool { t: unknown; constructor() { this.t = setInterval(() => {}, 1000); } close() { clearInterval(this.t); } }' }],
        },
      ],
    },
    {
      code: 'class Pool { constructor() { setTimeout(() => {}, 1000); } close() {} }',
      errors: [{ messageId: 'discarded', suggestions: [] }],
    },
    {
      code: "import { useEffect } from 'react';\nfunction Clock(props: { id: string }) { useEffect(() => { setTimeout(() => console.log(props.id), 1000); }, []); return null; }",
      filename: 'react.tsx',
      errors: [
        {
          messageId: 'discarded',
          suggestions: [
            {
              messageId: 'clearInEffectCleanup',
              output: "import { useEffect } from 'react';\nfunction Clock(props: { id: string }) { useEffect(() => { const timer = setTimeout(() => console.log(props.id), 1000); return () => clearTimeout(timer); }, []); return null; }",
            },
          ],
        },
      ],
    },
    { code: 'function later() { setTimeout(() => {}, 10); }', options: ALWAYS, errors: [{ messageId: 'discarded' }] },
  ],
});

describe('names reserved across a pass, across rules', () => {
  // A discarded interval and a race's timer in one scope both want `timer`; every rule at autofix: true.
  const code = `${FNS}declare function work(signal: AbortSignal): Promise<string>;
export async function run(signal: AbortSignal) {
  setInterval(tick, 1000);
  return Promise.race([work(signal), new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), 1000))]);
}`;
  const fixed = `${FNS}declare function work(signal: AbortSignal): Promise<string>;
export async function run(signal: AbortSignal) {
  const timer = setInterval(tick, 1000);
  signal.addEventListener('abort', () => clearInterval(timer), { once: true });
  const ac = new AbortController();
  try {
    return await Promise.race([work(signal), new Promise<never>((_, reject) => { const timer2 = setTimeout(() => reject(new Error('timeout')), 1000); ac.signal.addEventListener('abort', () => clearTimeout(timer2), { once: true }); })]);
  } finally {
    ac.abort();
  }
}`;

  it('gives each fix its own name, compiles, and a second --fix pass changes nothing', () => {
    // The race's timer only settles its promise, once: a possible leak, so the race's rule runs as in strict.
    const rules = { ...EVERY_AUTOFIX, 'await-in-select-without-abort': { autofix: true, evidence: 'possible' } };
    const first = fixTogether(code, rules);
    expect(first.output).toBe(fixed);
    expect(first.messages).toEqual([]);
    expectNoNewTypeErrors(code, first.output);
    expect(fixTogether(first.output, rules).output).toBe(first.output);
  }, 120_000);
});

/**
 * Evidence (README, "Evidence"): each shape with the messages `recommended` (proven
 * witnesses) and `strict` (`evidence: "possible"`) report, a leak beside its correct or
 * strict-only twin. The docs' "What `recommended` leaves out" names every strict-only row.
 */
describe('no-floating-timer evidence', () => {
  const PROVEN: readonly unknown[] = [{ minTimeoutMs: 100 }];
  const POSSIBLE: readonly unknown[] = [{ evidence: 'possible' }];
  const rows: { name: string; code: string; filename?: string; recommended: string[]; strict: string[] }[] = [
    {
      name: 'a reconnect backoff a class starts, with a delay it computes: outlives close() and keeps the process alive',
      code: `export class Transport {\n  private ac?: AbortController;\n  private delay = 1000;\n  reconnect() {\n    setTimeout(() => {\n      if (this.ac?.signal.aborted) return;\n      this.start();\n    }, this.delay);\n  }\n  start() {}\n  close() {\n    this.ac?.abort();\n  }\n}`,
      recommended: ["This timeout's handle is discarded, so nothing can stop it: it still fires after `close()` (line 11)."],
      strict: ["This timeout's handle is discarded, so nothing can stop it: it still fires after `close()` (line 11)."],
    },
    {
      name: '... its correct twin: the handle kept and cleared by close()',
      code: `export class Transport {\n  private timer?: NodeJS.Timeout;\n  private delay = 1000;\n  reconnect() {\n    this.timer = setTimeout(() => this.start(), this.delay);\n  }\n  start() {}\n  close() {\n    clearTimeout(this.timer);\n  }\n}`,
      recommended: [],
      strict: [],
    },
    {
      name: 'a short deferral in a class with dispose(): strict only',
      code: `export class Provider {\n  edit() {\n    setTimeout(() => this.process(), 100);\n  }\n  process() {}\n  dispose() {}\n}`,
      recommended: [],
      strict: ["This timeout's handle is discarded, so nothing can stop it: it still fires after `dispose()` (line 6); a possible leak: it is a short deferral of 100 ms."],
    },
    {
      name: 'a delayed setState in a class component: a no-op after unmount, strict only',
      code: `export class Embed {\n  setState(_: object) {}\n  activate() {\n    setTimeout(() => {\n      this.setState({ active: true });\n    }, 2000);\n  }\n  componentWillUnmount() {}\n}`,
      filename: 'react.tsx',
      recommended: [],
      strict: [
        "This timeout's handle is discarded, so nothing can stop it: it still fires after `componentWillUnmount()` (line 8); a possible leak: its callback only sets its owner's state, a no-op once the owner has ended.",
      ],
    },
    {
      name: "an auto-hide in an effect's handler that only sets state: strict only",
      code: `${REACT}declare function useState<T>(v: T): [T, (v: T) => void];\nexport function Share() {\n  const [, setOpen] = useState(false);\n  useEffect(() => {\n    const onMessage = () => {\n      setTimeout(() => {\n        setOpen(false);\n      }, 5000);\n    };\n    window.addEventListener('message', onMessage);\n    return () => window.removeEventListener('message', onMessage);\n  }, []);\n  return null;\n}`,
      filename: 'react.tsx',
      recommended: [],
      strict: ["This timeout's handle is discarded, so nothing can stop it: it still fires after the component unmounts; a possible leak: its callback only sets its owner's state, a no-op once the owner has ended."],
    },
    {
      name: 'a browser effect whose timeout uses nothing of the component (an analytics ping): strict only',
      code: `${REACT}declare function trackEvent(name: string): void;\nconst VERSION_TIMEOUT = 30000;\nexport function App() {\n  useEffect(() => {\n    setTimeout(() => trackEvent('version'), VERSION_TIMEOUT);\n  }, []);\n  return null;\n}`,
      filename: 'react.tsx',
      recommended: [],
      strict: ["This timeout's handle is discarded, so nothing can stop it: it still fires after the component unmounts; a possible leak: its callback uses nothing of its owner."],
    },
    {
      name: "... its leaking twin: the timeout sends on the effect's socket after unmount",
      code: `${REACT}export function Chat() {\n  useEffect(() => {\n    const ws = new WebSocket('wss://x');\n    setTimeout(() => ws.send('hi'), 30000);\n    return () => ws.close();\n  }, []);\n  return null;\n}`,
      filename: 'react.tsx',
      recommended: ["This timeout's handle is discarded, so nothing can stop it: it still fires after the component unmounts."],
      strict: ["This timeout's handle is discarded, so nothing can stop it: it still fires after the component unmounts."],
    },
    {
      name: 'a timeout with no owner: strict only, and in a VS Code extension host it keeps no process alive',
      code: `import * as vscode from 'vscode';\nexport function later(run: () => void) {\n  void vscode;\n  setTimeout(run, 2000);\n}`,
      recommended: [],
      strict: ["This timeout's handle is discarded, so nothing can stop it: it still fires later and cannot be cancelled; a possible leak: it has no owner whose end it outlives."],
    },
    {
      name: 'a delay that is a constant 0 is a deferral, in any config',
      code: `const LOAD_DELAY = 0;\nexport async function load(signal: AbortSignal, run: () => void) {\n  setTimeout(run, LOAD_DELAY);\n}`,
      recommended: [],
      strict: [],
    },
    {
      name: "an unref'd interval a constructor starts and nothing clears: proven, whatever the unref",
      code: `export class Adapter {\n  constructor(private sweep: () => void) {\n    const timer = setInterval(() => this.sweep(), 60_000);\n    timer.unref();\n  }\n  close() {}\n}`,
      recommended: ["`timer` holds this interval but nothing ever clears it: it keeps running after `close()` (line 6)."],
      strict: ["`timer` holds this interval but nothing ever clears it: it keeps running after `close()` (line 6)."],
    },
  ];

  it.each(rows)('$name', ({ code, filename, recommended, strict }) => {
    expect(lint(code, PROVEN, filename).map((m) => m.message)).toEqual(recommended);
    expect(lint(code, POSSIBLE, filename).map((m) => m.message)).toEqual(strict);
  });
});
