import type { AnyContext } from './context';

/** A resource kind a user adds through `settings.asyncleak.resources`. */
export interface CustomResource {
  /** Type names (class/interface/alias) whose values are this resource: `["Lease", "DbConnection"]`. */
  readonly types: readonly string[];
  /** The zero-argument method that releases it: `"release"`. */
  readonly release: string;
}

export interface AsyncleakSettings {
  readonly resources: readonly CustomResource[];
}

const cache = new WeakMap<object, AsyncleakSettings>();

/** The plugin's shared settings (`settings.asyncleak`), validated leniently: bad entries are ignored. */
export function getSettings(context: AnyContext): AsyncleakSettings {
  const settings = context.settings as Record<string, unknown> | undefined;
  const raw = settings?.asyncleak as { resources?: unknown } | undefined;
  const key = (raw ?? cache) as object;
  const cached = cache.get(key);
  if (cached) return cached;
  const resources: CustomResource[] = [];
  if (raw && Array.isArray(raw.resources)) {
    for (const entry of raw.resources as unknown[]) {
      const { types, release } = (entry ?? {}) as { types?: unknown; release?: unknown };
      const names = typeof types === 'string' ? [types] : Array.isArray(types) ? types : [];
      if (typeof release === 'string' && names.every((n) => typeof n === 'string') && names.length > 0) {
        resources.push({ types: names as string[], release });
      }
    }
  }
  const result = { resources };
  cache.set(key, result);
  return result;
}
