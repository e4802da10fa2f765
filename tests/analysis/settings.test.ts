import type { TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { DEFAULT_TEARDOWN_METHODS, getSettings, getTeardownMethodNames, isCleanupRegistrarCall, type AnyContext } from '../../src/analysis';
import { probe } from './harness';

/** A context that has only the settings (all `getSettings` reads). */
function withSettings(settings: unknown): AnyContext {
  return { settings } as unknown as AnyContext;
}

describe('getSettings', () => {
  it('defaults to empty lists without settings.asyncleak (or with something else there)', () => {
    const empty = { resources: [], teardownMethods: [], effectHooks: [], cleanupRegistrars: [] };
    expect(getSettings(withSettings(undefined))).toEqual(empty);
    expect(getSettings(withSettings({}))).toEqual(empty);
    expect(getSettings(withSettings({ asyncleak: true }))).toEqual(empty);
    expect(getSettings(withSettings({ asyncleak: { teardownMethods: 4 } }))).toEqual(empty);
  });

  it('reads each settings object once', () => {
    const asyncleak = { teardownMethods: ['shutdown'] };
    const first = getSettings(withSettings({ asyncleak }));
    expect(getSettings(withSettings({ asyncleak }))).toBe(first);
    expect(getSettings(withSettings({ asyncleak: { teardownMethods: ['shutdown'] } }))).not.toBe(first);
  });

  it('resources: keeps its format, ignores bad entries', () => {
    const resources = [
      { types: ['Lease', 'DbConnection'], release: 'release' },
      { types: 'Pool', release: 'drain' },
      { types: [], release: 'release' },
      { types: ['X', 1], release: 'release' },
      { types: ['Y'] },
      null,
    ];
    expect(getSettings(withSettings({ asyncleak: { resources } })).resources).toEqual([
      { types: ['Lease', 'DbConnection'], release: 'release' },
      { types: ['Pool'], release: 'drain' },
    ]);
  });

  it('teardownMethods and effectHooks: names, trimmed and once each; one string is a list of one', () => {
    const settings = getSettings(
      withSettings({ asyncleak: { teardownMethods: ['shutdown', 42, '', ' end ', 'shutdown', null], effectHooks: 'useMountEffect' } }),
    );
    expect(settings.teardownMethods).toEqual(['shutdown', 'end']);
    expect(settings.effectHooks).toEqual(['useMountEffect']);
  });

  it('cleanupRegistrars: well-formed specifiers and paths, copied; a malformed entry is dropped whole', () => {
    const name = ['add', 'register'];
    const raw = [
      'context.subscriptions.push',
      'register',
      { from: 'file', name, path: 'src/lifecycle.ts' },
      { from: 'lib', name: 'queueMicrotask' },
      { from: 'package', name: 'add', package: 'vs-lifecycle' },
      // dropped:
      '',
      42,
      ['add'],
      { from: 'package', name: 'add' },
      { from: 'lib', name: 'x', path: 'p' },
      { from: 'file', name: 'x', pakage: 'p' },
      { from: 'file', name: [] },
      { from: 'file', name: ['a', 1] },
      { from: 'file', name: 'x', path: 1 },
      { from: 'npm', name: 'x' },
      { name: 'x' },
    ];
    const { cleanupRegistrars } = getSettings(withSettings({ asyncleak: { cleanupRegistrars: raw } }));
    expect(cleanupRegistrars).toEqual([
      'context.subscriptions.push',
      'register',
      { from: 'file', name: ['add', 'register'], path: 'src/lifecycle.ts' },
      { from: 'lib', name: 'queueMicrotask' },
      { from: 'package', name: 'add', package: 'vs-lifecycle' },
    ]);
    expect((cleanupRegistrars[2] as { name: string[] }).name).not.toBe(name);
  });
});

describe('getTeardownMethodNames', () => {
  it("adds the settings' names to the rule's own list", () => {
    const context = withSettings({ asyncleak: { teardownMethods: ['shutdown', 'close'] } });
    const names = getTeardownMethodNames(context, DEFAULT_TEARDOWN_METHODS);
    expect(names).toEqual([...DEFAULT_TEARDOWN_METHODS, 'shutdown']);
    expect(getTeardownMethodNames(context, DEFAULT_TEARDOWN_METHODS)).toBe(names);
    expect(getTeardownMethodNames(context, ['end'])).toEqual(['end', 'shutdown', 'close']);
  });

  it("is the rule's own list without settings", () => {
    expect(getTeardownMethodNames(withSettings({}), DEFAULT_TEARDOWN_METHODS)).toBe(DEFAULT_TEARDOWN_METHODS);
  });
});

describe('isCleanupRegistrarCall', () => {
  /** The callees (as written) of the calls in `code` that `settings.asyncleak.cleanupRegistrars` names. */
  function registrars(code: string, cleanupRegistrars: unknown, typed = true): string[] {
    return probe<string>(
      code,
      (context, push) => {
        const configured = Object.create(context, { settings: { value: { asyncleak: { cleanupRegistrars } } } }) as AnyContext;
        return {
          CallExpression(node: TSESTree.CallExpression) {
            if (isCleanupRegistrarCall(configured, node)) push(context.sourceCode.getText(node.callee));
          },
        };
      },
      { typed },
    );
  }

  const code =
    "import { Store } from './allow-helpers';\n" +
    'declare const context: { subscriptions: { push(d: unknown): void } };\n' +
    'declare const list: { push(d: unknown): void };\n' +
    'class Widget { private readonly store = new Store(); _register<T>(d: T): T { return d; }\n' +
    '  start(d: unknown) { context.subscriptions.push(d); list.push(d); this._register(d); this.store.add(d); new Map().set(1, d); } }';

  it('dotted paths by the written callee, specifiers by the checker', () => {
    const settings = ['context.subscriptions.push', 'this._register', { from: 'file', name: 'add', path: 'tests/fixtures/allow-helpers.ts' }];
    expect(registrars(code, settings)).toEqual(['context.subscriptions.push', 'this._register', 'this.store.add']);
  });

  it('without type information: the paths and plain names only', () => {
    const settings = ['context.subscriptions.push', 'add', { from: 'file', name: '_register' }];
    expect(registrars(code, settings, false)).toEqual(['context.subscriptions.push', 'this.store.add']);
  });

  it('nothing without settings', () => {
    expect(registrars(code, undefined)).toEqual([]);
  });
});
