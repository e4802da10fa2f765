import type { TypeOrValueSpecifier } from '@typescript-eslint/type-utils';

import type { AnyContext } from './context';

/**
 * An entry of an `allow` option or of `settings.asyncleak.cleanupRegistrars`, in
 * typescript-eslint's `TypeOrValueSpecifier` format: a plain name (`"sleep"`), or
 * `{ from: 'file', name, path? }`, `{ from: 'lib', name }`, `{ from: 'package', name, package }`
 * with `name` a string or a list of strings. A plain string with a dot
 * (`"context.subscriptions.push"`) is a written callee path. See `allow.ts`.
 */
export type AllowSpecifier = TypeOrValueSpecifier;

/** A resource kind a user adds through `settings.asyncleak.resources`. */
export interface CustomResource {
  /** Type names (class/interface/alias) whose values are this resource: `["Lease", "DbConnection"]`. */
  readonly types: readonly string[];
  /** The zero-argument method that releases it: `"release"`. */
  readonly release: string;
}

/**
 * The plugin's shared settings (`settings.asyncleak`): the owner vocabulary every
 * rule uses, on top of the built-in one.
 */
export interface AsyncleakSettings {
  readonly resources: readonly CustomResource[];
  /**
   * Extra method names that end an object's life (`"shutdown"`), added to the
   * defaults and to a rule's own list: see `getTeardownMethodNames`.
   */
  readonly teardownMethods: readonly string[];
  /**
   * Extra effect-like hooks (`"useMountEffect"`), matched by the callee's name: the
   * first argument is an effect callback that may return its cleanup.
   */
  readonly effectHooks: readonly string[];
  /**
   * Calls that take ownership of a disposable or a cleanup function handed to them
   * (VS Code's `context.subscriptions.push(d)`, `store.add(d)`, `this._register(d)`),
   * as specifiers in the `allow` format; a plain string with a dot is matched by the
   * written callee path. Ask `isCleanupRegistrarCall`.
   */
  readonly cleanupRegistrars: readonly AllowSpecifier[];
}

const cache = new WeakMap<object, AsyncleakSettings>();

/**
 * The plugin's shared settings (`settings.asyncleak`), validated leniently: bad
 * entries are ignored, never reported (ESLint does not validate settings).
 *
 * ```json
 * "settings": { "asyncleak": {
 *   "resources": [{ "types": ["Lease"], "release": "release" }],
 *   "teardownMethods": ["shutdown"],
 *   "effectHooks": ["useMountEffect"],
 *   "cleanupRegistrars": ["context.subscriptions.push", { "from": "file", "name": "add", "path": "src/lifecycle.ts" }]
 * } }
 * ```
 */
export function getSettings(context: AnyContext): AsyncleakSettings {
  const settings = context.settings as Record<string, unknown> | undefined;
  const raw = settings?.asyncleak as Record<string, unknown> | undefined;
  const key = (raw !== null && typeof raw === 'object' ? raw : cache) as object;
  const cached = cache.get(key);
  if (cached) return cached;
  const source = key === cache ? {} : (raw as Record<string, unknown>);
  const result: AsyncleakSettings = {
    resources: readResources(source.resources),
    teardownMethods: readNames(source.teardownMethods),
    effectHooks: readNames(source.effectHooks),
    cleanupRegistrars: readSpecifiers(source.cleanupRegistrars),
  };
  cache.set(key, result);
  return result;
}

function readResources(value: unknown): CustomResource[] {
  const resources: CustomResource[] = [];
  if (!Array.isArray(value)) return resources;
  for (const entry of value as unknown[]) {
    const { types, release } = (entry ?? {}) as { types?: unknown; release?: unknown };
    const names = typeof types === 'string' ? [types] : Array.isArray(types) ? types : [];
    if (typeof release === 'string' && names.every((n) => typeof n === 'string') && names.length > 0) {
      resources.push({ types: names as string[], release });
    }
  }
  return resources;
}

/** A list of names (a single string counts as a list of one); empty and non-string entries are ignored. */
function readNames(value: unknown): string[] {
  const list = typeof value === 'string' ? [value] : Array.isArray(value) ? (value as unknown[]) : [];
  return [...new Set(list.filter((name): name is string => typeof name === 'string' && name.trim() !== '').map((n) => n.trim()))];
}

const SPECIFIER_KEYS: Readonly<Record<string, readonly string[]>> = {
  file: ['from', 'name', 'path'],
  lib: ['from', 'name'],
  package: ['from', 'name', 'package'],
};

/**
 * The well-formed specifiers of a list, copied (never the caller's objects):
 * non-empty strings, and objects of one of the three shapes with no other key.
 * A malformed entry (a misspelled key, an empty name list, `package` missing) is
 * dropped as a whole rather than read more broadly than written.
 */
export function readSpecifiers(value: unknown): AllowSpecifier[] {
  if (!Array.isArray(value)) return [];
  const result: AllowSpecifier[] = [];
  for (const entry of value as unknown[]) {
    if (typeof entry === 'string') {
      if (entry !== '') result.push(entry);
      continue;
    }
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) continue;
    const { from, name, path, package: pkg } = entry as Record<string, unknown>;
    const keys = typeof from === 'string' && Object.hasOwn(SPECIFIER_KEYS, from) ? SPECIFIER_KEYS[from]! : null;
    if (!keys || !Object.keys(entry).every((k) => keys.includes(k))) continue;
    const names = typeof name === 'string' ? [name] : Array.isArray(name) ? (name as unknown[]) : [];
    if (names.length === 0 || !names.every((n): n is string => typeof n === 'string' && n !== '')) continue;
    const copied = typeof name === 'string' ? name : [...(names as string[])];
    if (from === 'file') {
      if (path !== undefined && typeof path !== 'string') continue;
      result.push(typeof path === 'string' ? { from, name: copied, path } : { from, name: copied });
    } else if (from === 'lib') {
      result.push({ from, name: copied });
    } else if (typeof pkg === 'string' && pkg !== '') {
      result.push({ from: 'package', name: copied, package: pkg });
    }
  }
  return result;
}

const teardownCache = new WeakMap<AsyncleakSettings, WeakMap<readonly string[], readonly string[]>>();

/**
 * The teardown method names a rule uses: its own list (the defaults unless the
 * user replaced them with the rule's `teardownMethods` option) plus
 * `settings.asyncleak.teardownMethods`. The same array for the same inputs.
 */
export function getTeardownMethodNames(context: AnyContext, own: readonly string[]): readonly string[] {
  const settings = getSettings(context);
  if (settings.teardownMethods.length === 0) return own;
  let byOwn = teardownCache.get(settings);
  if (!byOwn) teardownCache.set(settings, (byOwn = new WeakMap()));
  let names = byOwn.get(own);
  if (!names) byOwn.set(own, (names = [...new Set([...own, ...settings.teardownMethods])]));
  return names;
}
