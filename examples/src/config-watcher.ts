// The example service's configuration: a module-level emitter announces changes, and
// each component that depends on the configuration keeps a watcher. A watcher is
// created per tenant and disposed when the tenant is unloaded.
import { EventEmitter } from 'node:events';

export const configEvents = new EventEmitter();

export type Config = Readonly<Record<string, string>>;

/**
 * Leaks: `dispose()` clears the cache but leaves both listeners attached, so every
 * disposed watcher stays reachable from `configEvents` and `process` (with its
 * cache and its `reload` callback) and still reloads on every change and SIGHUP.
 */
export class LeakyConfigWatcher {
  private cache = new Map<string, string>();
  private readonly onChange = (key: string) => {
    this.cache.delete(key);
  };
  private readonly onHangup = () => {
    this.cache.clear();
    this.reload();
  };

  constructor(private readonly reload: () => void) {
    configEvents.on('change', this.onChange); // expect: asyncleak/no-floating-subscription
    process.on('SIGHUP', this.onHangup); // expect: asyncleak/no-floating-subscription
  }

  get(key: string): string | undefined {
    return this.cache.get(key);
  }

  dispose(): void {
    this.cache.clear();
  }
}

/** Correct twin: `dispose()` removes what the constructor added, through the same functions. */
export class ConfigWatcher {
  private cache = new Map<string, string>();
  private readonly onChange = (key: string) => {
    this.cache.delete(key);
  };
  private readonly onHangup = () => {
    this.cache.clear();
    this.reload();
  };

  constructor(private readonly reload: () => void) {
    configEvents.on('change', this.onChange);
    process.on('SIGHUP', this.onHangup);
  }

  get(key: string): string | undefined {
    return this.cache.get(key);
  }

  dispose(): void {
    configEvents.off('change', this.onChange);
    process.off('SIGHUP', this.onHangup);
    this.cache.clear();
  }
}
