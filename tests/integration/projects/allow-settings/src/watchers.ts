// `settings.asyncleak.cleanupRegistrars: ["register"]`: a handle given to `register()`
// is disposed of by its owner, so only the unregistered loop leaks (and overwrites) its handles.
interface Watcher {
  dispose(): void;
}
declare function watch(name: string): Watcher;
declare function register(watcher: Watcher): void;

export function watchRegistered(names: string[]): void {
  let watcher: Watcher | undefined;
  for (const name of names) {
    watcher = watch(name);
    register(watcher);
  }
  watcher?.dispose();
}

export function watchUnregistered(names: string[]): void {
  let watcher: Watcher | undefined;
  for (const name of names) {
    watcher = watch(name); // expect: asyncleak/no-loop-finally-leak (one leak, one report: docs/rules/no-loop-finally-leak.md, "Precedence")
  }
  watcher?.dispose();
}
