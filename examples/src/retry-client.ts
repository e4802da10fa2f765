// A JSON client with retries. Each attempt gets its own AbortController (so that a
// per-attempt timeout can cancel it) linked to the caller's signal (so that the caller
// can cancel everything).
import { setTimeout as sleep } from 'node:timers/promises';

export interface RetryOptions {
  readonly signal?: AbortSignal;
  readonly retries?: number;
  readonly timeoutMs?: number;
}

/**
 * Leaks: every attempt adds one more 'abort' listener to the caller's signal and never
 * takes it off. With a long-lived signal (a server's shutdown signal, a page's
 * navigation signal) the listeners and the controllers they hold pile up until Node
 * warns "MaxListenersExceededWarning: Possible EventTarget memory leak detected".
 * `{ once: true }` does not help: a once-listener only goes when the signal aborts.
 */
export async function getJson<T>(url: string, { signal, retries = 3, timeoutMs = 5_000 }: RetryOptions = {}): Promise<T> {
  let lastError: unknown = new Error('no attempt made');
  for (let attempt = 0; attempt <= retries; attempt++) {
    const controller = new AbortController();
    signal?.addEventListener('abort', () => controller.abort(signal.reason), { once: true }); // expect: asyncleak/no-loop-finally-leak
    const timer = setTimeout(() => controller.abort(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
    try {
      const response = await fetch(url, { signal: controller.signal });
      if (response.ok) return (await response.json()) as T;
      lastError = new Error(`HTTP ${response.status} from ${url}`);
    } catch (error) {
      if (signal?.aborted) throw error;
      lastError = error;
    } finally {
      clearTimeout(timer);
    }
    await sleep(100 * 2 ** attempt, undefined, { signal });
  }
  throw lastError;
}

/** Correct twin: each attempt takes its listener off the caller's signal when it ends. */
export async function getJsonFixed<T>(url: string, { signal, retries = 3, timeoutMs = 5_000 }: RetryOptions = {}): Promise<T> {
  let lastError: unknown = new Error('no attempt made');
  for (let attempt = 0; attempt <= retries; attempt++) {
    const controller = new AbortController();
    const onAbort = () => controller.abort(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(() => controller.abort(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
    try {
      const response = await fetch(url, { signal: controller.signal });
      if (response.ok) return (await response.json()) as T;
      lastError = new Error(`HTTP ${response.status} from ${url}`);
    } catch (error) {
      if (signal?.aborted) throw error;
      lastError = error;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
    await sleep(100 * 2 ** attempt, undefined, { signal });
  }
  throw lastError;
}

/**
 * Correct twin, without listeners of our own: the attempt's signal is the caller's
 * signal combined with a per-attempt timeout, and nothing is left on the caller's
 * signal once the attempt is over.
 */
export async function getJsonCombined<T>(url: string, { signal, retries = 3, timeoutMs = 5_000 }: RetryOptions = {}): Promise<T> {
  let lastError: unknown = new Error('no attempt made');
  for (let attempt = 0; attempt <= retries; attempt++) {
    const timeout = AbortSignal.timeout(timeoutMs);
    try {
      const response = await fetch(url, { signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
      if (response.ok) return (await response.json()) as T;
      lastError = new Error(`HTTP ${response.status} from ${url}`);
    } catch (error) {
      if (signal?.aborted) throw error;
      lastError = error;
    }
    await sleep(100 * 2 ** attempt, undefined, { signal });
  }
  throw lastError;
}
