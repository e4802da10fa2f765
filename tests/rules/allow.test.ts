/**
 * Every rule's `allow` option (and the shared `settings.asyncleak` owner vocabulary):
 * one table per rule of code, options and the findings left, `line:messageId`. An
 * entry matches by symbol with type information (through an import alias and a
 * re-export; a same-named local does not match a `from: 'package'` entry) and by the
 * written name without it. Suggestions are each rule's own tests' business.
 */
import * as path from 'node:path';

import parser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import { rules } from '../../src/rules';
import noFloatingTimer from '../../src/rules/no-floating-timer';
import { createTypedRuleTester, fixturesDir, TYPED_PARSER_OPTIONS } from '../rule-tester';

interface Case {
  readonly name: string;
  readonly code: string;
  readonly options?: Record<string, unknown>;
  readonly settings?: Record<string, unknown>;
  /** The findings left, `line:messageId`, in order. */
  readonly findings: readonly string[];
  readonly typed?: boolean;
  readonly filename?: string;
  /** The entries of `allow` match nothing here: the findings are those without them. */
  readonly unmatched?: boolean;
}

function lint(rule: string, { code, options = {}, settings, typed = true, filename = 'file.ts' }: Case): string[] {
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.ts', '**/*.tsx'],
        plugins: { asyncleak: { rules } } as never,
        languageOptions: { parser: parser as never, parserOptions: typed ? TYPED_PARSER_OPTIONS : {} },
        ...(settings ? { settings } : {}),
        rules: { [`asyncleak/${rule}`]: ['error', options] },
      },
    ],
    path.join(fixturesDir, filename),
  );
  const fatal = messages.find((message) => message.fatal || message.ruleId !== `asyncleak/${rule}`);
  if (fatal) throw new Error(`${rule}: ${fatal.message} (line ${fatal.line})`);
  return messages.map((message) => `${message.line}:${message.messageId}`);
}

function table(rule: string, cases: readonly Case[]): void {
  describe(rule, () => {
    it.each(cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
      expect(lint(rule, c)).toEqual(c.findings);
      // The same code without the entries reports more: the case tests the option.
      if (c.options && 'allow' in c.options) {
        const { allow: _allow, ...rest } = c.options;
        const without = lint(rule, { ...c, options: rest });
        if (c.unmatched) expect(without).toEqual(c.findings);
        else expect(without.length).toBeGreaterThan(c.findings.length);
      }
      // The same code without the settings reports something else: the case tests them.
      if (c.settings) expect(lint(rule, { ...c, settings: undefined })).not.toEqual(c.findings);
    });
  });
}

const PKG = (name: string) => ({ from: 'package', package: 'fake-framework', name });
const HELPERS = "import { sleepAllowed, sleepNotAllowed } from './allow-helpers';\n";

// ---- require-signal-propagation: the call that misses the signal. Without type
// information the rule reports nothing (the signal in scope is a type), so it has no
// plain-name fallback to test.
table('require-signal-propagation', [
  {
    name: 'a project function, by `from: "file"`; the identical one is reported',
    code: `${HELPERS}async function f(signal: AbortSignal) {\n  await sleepAllowed(1);\n  await sleepNotAllowed(1);\n}`,
    options: { allow: [{ from: 'file', name: 'sleepAllowed' }] },
    findings: ['4:missingSignal'],
  },
  {
    name: 'through an import alias (the declared name)',
    code: "import { sleepAllowed as nap } from './allow-helpers';\nasync function f(signal: AbortSignal) {\n  await nap(1);\n}",
    options: { allow: [{ from: 'file', name: 'sleepAllowed' }] },
    findings: [],
  },
  {
    name: 'through a re-export under another name',
    code: "import { pause } from './allow-framework';\nasync function f(signal: AbortSignal) {\n  await pause(1);\n}",
    options: { allow: [PKG('sleep')] },
    findings: [],
  },
  {
    name: 'a package function; a same-named local is not it',
    code: "import { sleep } from 'fake-framework';\nasync function f(signal: AbortSignal) {\n  await sleep(1);\n}\nfunction g(signal: AbortSignal) {\n  function sleep(ms: number, s?: AbortSignal) { return Promise.resolve(ms); }\n  return sleep(1);\n}",
    options: { allow: [PKG('sleep')] },
    findings: ['7:missingSignal'],
  },
  {
    name: 'a lib function, by `from: "lib"`',
    code: "async function f(signal: AbortSignal) {\n  await fetch('/ping');\n}",
    options: { allow: [{ from: 'lib', name: 'fetch' }] },
    findings: [],
  },
  {
    name: "a Node function by its module, however it is imported (the README's example)",
    code: "import { readFile } from 'node:fs/promises';\nimport * as fsp from 'fs/promises';\nimport * as fs from 'node:fs';\nasync function f(signal: AbortSignal) {\n  await readFile('a');\n  await fsp.readFile('b');\n  await fs.promises.readFile('c');\n  await fsp.writeFile('d', '');\n}",
    options: { allow: [{ from: 'package', package: 'node:fs/promises', name: 'readFile' }], evidence: 'possible' },
    findings: ['8:missingSignal'],
  },
  {
    name: 'a plain name',
    code: `${HELPERS}async function f(signal: AbortSignal) {\n  await sleepAllowed(1);\n  await sleepNotAllowed(1);\n}`,
    options: { allow: ['sleepAllowed'] },
    findings: ['4:missingSignal'],
  },
  {
    name: 'an unlinked signal to an allowed call',
    code: "declare function load(o: { signal?: AbortSignal }): Promise<void>;\nasync function f(signal: AbortSignal) {\n  await load({ signal: AbortSignal.timeout(10) });\n}",
    options: { checkUnlinked: true, allow: ['load'] },
    findings: [],
  },
  {
    name: 'the default: nothing allowed',
    code: `${HELPERS}async function f(signal: AbortSignal) {\n  await sleepAllowed(1);\n}`,
    findings: ['3:missingSignal'],
  },
]);

// ---- no-floating-timer: the timer call and its handle.
table('no-floating-timer', [
  {
    name: 'a plain name: the timer function',
    code: 'class Poller {\n  start() {\n    setInterval(() => {}, 1000);\n    setTimeout(() => {}, 1000);\n  }\n}',
    options: { timeouts: 'always', evidence: 'possible', allow: ['setInterval'] },
    findings: ['4:discarded'],
  },
  {
    name: 'through an import alias, by package',
    code: "import { setInterval as every } from 'node:timers';\nexport function start() {\n  every(() => {}, 1000);\n}",
    options: { allow: [{ from: 'package', package: 'timers', name: 'setInterval' }] },
    findings: [],
  },
  {
    name: 'the handle by its type',
    code: 'export function start() {\n  setInterval(() => {}, 1000);\n}',
    options: { allow: [{ from: 'package', package: '@types/node', name: 'Timeout' }] },
    findings: [],
  },
  {
    name: 'a sleep that ignores the signal, by the timer function',
    code: 'async function f(signal: AbortSignal) {\n  await new Promise((r) => setTimeout(r, 1000));\n}',
    options: { allow: [{ from: 'lib', name: 'setTimeout' }] },
    findings: [],
  },
  {
    name: 'settings.asyncleak.teardownMethods: `shutdown()` owns the timeout',
    code: 'class Worker {\n  start() {\n    setTimeout(() => {}, 1000);\n  }\n  shutdown() {}\n}',
    settings: { asyncleak: { teardownMethods: ['shutdown'] } },
    findings: ['3:discarded'],
  },
  {
    name: 'settings.asyncleak.teardownMethods: a timer started by `shutdown()` itself has nothing later to wait for',
    code: 'class Worker {\n  shutdown() {\n    setTimeout(() => {}, 1000);\n  }\n}',
    options: { timeouts: 'always', evidence: 'possible' },
    settings: { asyncleak: { teardownMethods: ['shutdown'] } },
    findings: [],
  },
  {
    name: 'settings.asyncleak.teardownMethods adds to the rule option, which replaces the defaults',
    code: 'class A {\n  start() {\n    setTimeout(() => {}, 1000);\n  }\n  halt() {}\n}\nclass B {\n  start() {\n    setTimeout(() => {}, 1000);\n  }\n  shutdown() {}\n}\nclass C {\n  start() {\n    setTimeout(() => {}, 1000);\n  }\n  dispose() {}\n}',
    options: { teardownMethods: ['halt'] },
    settings: { asyncleak: { teardownMethods: ['shutdown'] } },
    findings: ['3:discarded', '9:discarded'],
  },
  {
    name: 'settings.asyncleak.effectHooks: a project hook owns the timeout',
    code: 'declare function useMountEffect(effect: () => void | (() => void)): void;\nexport function Clock() {\n  useMountEffect(() => {\n    setTimeout(() => {}, 1000);\n  });\n}',
    settings: { asyncleak: { effectHooks: ['useMountEffect'] } },
    findings: ['4:discarded'],
  },
  {
    name: "settings.asyncleak.effectHooks: a timer in the hook's cleanup runs at the end",
    code: 'declare function useMountEffect(effect: () => void | (() => void)): void;\nexport function Clock() {\n  useMountEffect(() => () => {\n    setTimeout(() => {}, 1000);\n  });\n}',
    options: { timeouts: 'always', evidence: 'possible' },
    settings: { asyncleak: { effectHooks: ['useMountEffect'] } },
    findings: [],
  },
  {
    name: 'without type information: a plain name',
    code: 'export function start() {\n  setInterval(() => {}, 1000);\n  setTimeout(() => {}, 1000);\n}',
    options: { timeouts: 'always', evidence: 'possible', allow: ['setTimeout'] },
    typed: false,
    findings: ['2:discarded'],
  },
  {
    name: 'without type information: object entries never match',
    unmatched: true,
    code: 'export function start() {\n  setInterval(() => {}, 1000);\n}',
    options: { allow: [{ from: 'lib', name: 'setInterval' }] },
    typed: false,
    findings: ['2:discarded'],
  },
]);

const FRAMEWORK = "import { acquire, type Handle } from 'fake-framework';\n";
const LOCAL_FRAMEWORK = 'interface Handle {\n  dispose(): void;\n}\ndeclare function acquire(): Handle;\n';

// ---- no-cancel-overwrite: the acquisition and the place's type.
const overwrite = (prelude: string, type = 'Handle', call = 'acquire') =>
  `${prelude}export class Widget {\n  h?: ${type};\n  refresh() {\n    this.h = ${call}();\n  }\n}`;
table('no-cancel-overwrite', [
  { name: 'the default: a package handle overwritten', code: overwrite(FRAMEWORK), findings: ['5:overwrite'] },
  { name: 'the handle type, by package', code: overwrite(FRAMEWORK), options: { allow: [PKG('Handle')] }, findings: [] },
  { name: 'the acquiring call, by package', code: overwrite(FRAMEWORK), options: { allow: [PKG('acquire')] }, findings: [] },
  {
    name: 'through a re-export under other names',
    code: overwrite("import { open, type Resource } from './allow-framework';\n", 'Resource', 'open'),
    options: { allow: [PKG('Handle')] },
    findings: [],
  },
  {
    name: 'a same-named local type and function are not the package ones',
    unmatched: true,
    code: overwrite(LOCAL_FRAMEWORK),
    options: { allow: [PKG('Handle'), PKG('acquire')] },
    findings: ['8:overwrite'],
  },
  {
    name: 'a local type, by `from: "file"`',
    code: overwrite(LOCAL_FRAMEWORK),
    options: { allow: [{ from: 'file', name: 'Handle' }] },
    findings: [],
  },
  {
    name: 'a never-aborted controller, by its type',
    code: 'export function f() {\n  const c = new AbortController();\n  return fetch("/a", { signal: c.signal });\n}',
    options: { checkNeverAborted: true, allow: [{ from: 'lib', name: 'AbortController' }] },
    findings: [],
  },
  {
    name: 'without type information: a plain name',
    // `cancel()` aborts it: overwriting it loses a cancellation (never aborted, it is strict's only).
    code: 'export class Widget {\n  c?: AbortController;\n  refresh() {\n    this.c = new AbortController();\n  }\n  cancel() {\n    this.c?.abort();\n  }\n}',
    options: { allow: ['AbortController'] },
    typed: false,
    findings: [],
  },
]);

// ---- no-loop-finally-leak: the acquisition, the value's type, the listener's target.
const afterLoop = (prelude: string, type = 'Handle', call = 'acquire') =>
  `${prelude}declare const items: string[];\nexport function f() {\n  let h: ${type} | undefined;\n  for (const item of items) {\n    h = ${call}();\n  }\n  h?.dispose();\n}`;
table('no-loop-finally-leak', [
  { name: 'the default: a package handle released after the loop', code: afterLoop(FRAMEWORK), findings: ['6:releasedAfterLoop'] },
  { name: 'the handle type, by package', code: afterLoop(FRAMEWORK), options: { allow: [PKG('Handle')] }, findings: [] },
  {
    name: 'through a re-export under other names',
    code: afterLoop("import { open, type Resource } from './allow-framework';\n", 'Resource', 'open'),
    options: { allow: [PKG('acquire')] },
    findings: [],
  },
  {
    name: 'a same-named local type and function are not the package ones',
    unmatched: true,
    code: afterLoop(LOCAL_FRAMEWORK),
    options: { allow: [PKG('Handle'), PKG('acquire')] },
    findings: ['9:releasedAfterLoop'],
  },
  {
    name: 'a listener target, by its type',
    code: "import { EventEmitter } from 'node:events';\ndeclare const bus: EventEmitter;\nexport function f(n: number) {\n  for (let i = 0; i < n; i++) {\n    bus.on('x', () => i);\n  }\n}",
    options: { allow: [{ from: 'package', package: 'events', name: 'EventEmitter' }] },
    findings: [],
  },
  {
    name: 'settings.asyncleak.cleanupRegistrars: a handle handed to a registrar is collected by its owner',
    code: `${FRAMEWORK}declare function register(d: Handle): void;\ndeclare const items: string[];\nexport function f() {\n  let h: Handle | undefined;\n  for (const item of items) {\n    h = acquire();\n    register(h);\n  }\n  h?.dispose();\n}`,
    settings: { asyncleak: { cleanupRegistrars: ['register'] } },
    findings: [],
  },
  {
    name: 'without type information: a plain name',
    code: 'declare const items: string[];\nexport function f() {\n  let c;\n  for (const item of items) {\n    c = new AbortController();\n  }\n  c?.abort();\n}',
    options: { allow: ['AbortController'] },
    typed: false,
    findings: [],
  },
]);

// ---- await-in-select-without-abort: a losing contender (its call, a chain's root call, its type).
const race = (prelude: string, contender: string) =>
  `${prelude}export async function f() {\n  return Promise.race([fetch('/a'), ${contender}]);\n}`;
const STORE_CODE =
  "import { useEffect } from 'react';\ninterface Store { subscribe(listener: () => void): () => void }\ndeclare const store: Store;\ndeclare const other: { watch(listener: () => void): () => void };\nexport function Counter() {\n  useEffect(() => {\n    store.subscribe(() => {});\n    other.watch(() => {});\n  }, []);\n  return null;\n}";

table('no-floating-subscription', [
  { name: 'the default: two discarded unsubscribe functions', code: STORE_CODE, filename: 'react.tsx', findings: ['7:subscriptionDiscarded', '8:subscriptionDiscarded'] },
  { name: 'the subscribing method, by `from: "file"`', code: STORE_CODE, filename: 'react.tsx', options: { allow: [{ from: 'file', name: 'subscribe' }] }, findings: ['8:subscriptionDiscarded'] },
  { name: 'a written callee path', code: STORE_CODE, filename: 'react.tsx', options: { allow: ['other.watch'] }, findings: ['7:subscriptionDiscarded'] },
  {
    name: "a listener's target, by its lib type",
    code: "import { useEffect } from 'react';\nexport function Size({ onResize }: { onResize: () => void }) {\n  useEffect(() => {\n    window.addEventListener('resize', onResize);\n  }, [onResize]);\n  return null;\n}",
    filename: 'react.tsx',
    options: { allow: [{ from: 'lib', name: 'Window' }] },
    findings: [],
  },
]);

table('await-in-select-without-abort', [
  { name: 'the default: both contenders lose', code: race("import { sleep } from 'fake-framework';\n", 'sleep(1000)'), findings: ['3:operationLoser', '3:operationLoser'] },
  {
    name: 'a package sleep, by package',
    code: race("import { sleep } from 'fake-framework';\n", 'sleep(1000)'),
    options: { allow: [PKG('sleep')] },
    findings: ['3:operationLoser'],
  },
  {
    name: 'the root call of a promise chain',
    code: race("import { sleep } from 'fake-framework';\n", "sleep(1000).then(() => 'late')"),
    options: { allow: [PKG('sleep')] },
    findings: ['3:operationLoser'],
  },
  {
    name: 'through a re-export under another name',
    code: race("import { pause } from './allow-framework';\n", 'pause(1000)'),
    options: { allow: [PKG('sleep')] },
    findings: ['3:operationLoser'],
  },
  {
    name: 'a same-named local is not the package one',
    unmatched: true,
    code: race('declare function sleep(ms: number, signal?: AbortSignal): Promise<void>;\n', 'sleep(1000)'),
    options: { allow: [PKG('sleep')] },
    findings: ['3:operationLoser', '3:operationLoser'],
  },
  {
    name: 'a lib function, by `from: "lib"`',
    code: race("import { sleep } from 'fake-framework';\n", 'sleep(1000)'),
    options: { allow: [{ from: 'lib', name: 'fetch' }] },
    findings: ['3:operationLoser'],
  },
  {
    name: '"ignores the signal": the select itself',
    code: 'declare const work: Promise<string>;\nexport async function f(signal: AbortSignal) {\n  return Promise.race([work]);\n}',
    options: { allow: ['race'] },
    findings: [],
  },
  {
    name: 'without type information: a plain name',
    code: "declare function sleep(ms: number): Promise<void>;\nexport async function f() {\n  return Promise.race([fetch('/a'), new Promise((r) => setTimeout(r, 1000))]);\n}",
    options: { allow: ['Promise'], evidence: 'possible' },
    typed: false,
    findings: [],
  },
]);

// ---- Every rule takes `allow` (empty by default) with the same schema, whose errors name the option.
describe('every rule: the `allow` option', () => {
  function configure(rule: string, options: unknown): string | null {
    try {
      new Linter({ configType: 'flat' }).verify('x;', [{ plugins: { asyncleak: { rules } }, rules: { [`asyncleak/${rule}`]: ['error', options] } }] as never);
      return null;
    } catch (error) {
      return (error as Error).message;
    }
  }
  it.each(Object.keys(rules).map((rule) => [rule]))('%s', (rule) => {
    const meta = rules[rule]!.meta;
    expect(((meta.defaultOptions as Record<string, unknown>[] | undefined)?.[0] ?? {}).allow).toEqual([]);
    expect(configure(rule, { allow: ['sleep', { from: 'package', package: 'p', name: ['a', 'b'] }] })).toBeNull();
    expect(configure(rule, { allow: [{ from: 'package', name: 'x' }] })).toMatch(new RegExp(`asyncleak/${rule}.*should have required property '\\.?package'`, 's'));
    expect(configure(rule, { allow: [{ from: 'file', name: 'x', pakage: 'p' }] })).toMatch(/property name 'pakage' is invalid/);
    expect(configure(rule, { alow: [] })).toMatch(/should NOT have additional properties/);
  });
});

// ---- A project effect hook from settings gets the same fix as React's: stop it in the cleanup.
createTypedRuleTester().run('no-floating-timer (settings.asyncleak.effectHooks)', noFloatingTimer, {
  valid: [],
  invalid: [
    {
      code: 'declare function useMountEffect(effect: () => void | (() => void)): void;\nexport function Clock() {\n  useMountEffect(() => {\n    setTimeout(() => {}, 1000);\n  });\n}',
      settings: { asyncleak: { effectHooks: ['useMountEffect'] } },
      errors: [
        {
          messageId: 'discarded',
          suggestions: [
            {
              messageId: 'clearInEffectCleanup',
              output:
                'declare function useMountEffect(effect: () => void | (() => void)): void;\nexport function Clock() {\n  useMountEffect(() => {\n    const timer = setTimeout(() => {}, 1000);\n    return () => clearTimeout(timer);\n  });\n}',
            },
          ],
        },
      ],
    },
  ],
});
