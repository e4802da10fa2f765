/**
 * The shapes two rules could both describe: a resource assigned in every iteration of a
 * loop to a variable outside it. One leak gets one report (docs/rules/no-cancel-overwrite.md,
 * "Precedence"): released only after the loop, it is `no-loop-finally-leak`'s (its remedies
 * release each iteration's, or share one); never released at all, it is
 * `no-cancel-overwrite`'s (release the previous one first). Both rules' tests run every shape.
 */
export const RELEASED_AFTER_LOOP: readonly string[] = [
  // The shape: fire-and-forget requests, the last one aborted in an outer finally.
  `export function prefetch(urls: string[]) {
  let ac: AbortController | undefined;
  try {
    for (const url of urls) {
      ac = new AbortController();
      void fetch(url, { signal: ac.signal });
    }
  } finally {
    ac?.abort();
  }
}`,
  // A file handle opened in every iteration and closed after the loop.
  `import { open, type FileHandle } from 'node:fs/promises';
export async function read(paths: string[]) {
  let fh: FileHandle | undefined;
  try {
    for (const p of paths) {
      fh = await open(p);
      await fh.read();
    }
  } finally {
    await fh?.close();
  }
}`,
  // An interval per iteration, cleared after the loop.
  `declare function tick(): void; declare function drain(): Promise<void>;
export async function run(queue: string[]) {
  let timer: ReturnType<typeof setInterval> | undefined;
  while (queue.length > 0) {
    timer = setInterval(tick, 100);
    await drain();
  }
  clearInterval(timer);
}`,
  // A timeout per iteration, cleared after the loop.
  `export function schedule(jobs: (() => void)[]) {
  let t: ReturnType<typeof setTimeout> | undefined;
  for (const job of jobs) {
    t = setTimeout(job, 1000);
  }
  clearTimeout(t);
}`,
];

export const OVERWRITTEN_IN_LOOP: readonly string[] = [
  // A subscription per iteration, never unsubscribed. (A controller per iteration that nothing
  // ever aborts loses no cancellation: no-cancel-overwrite reports it in strict only.)
  `interface Subscription { unsubscribe(): void }
declare function watch(url: string): Subscription;
export function watchAll(urls: string[]) {
  let sub: Subscription | undefined;
  for (const url of urls) {
    sub = watch(url);
    console.log(url);
  }
}`,
  // An interval per iteration, never cleared.
  `declare function tick(): void;
export function run(queue: string[]) {
  let timer: ReturnType<typeof setInterval> | undefined;
  for (const item of queue) {
    timer = setInterval(tick, 100);
    console.log(item);
  }
}`,
];
