// A small HTTP client for the example service's upstream API, with per-request
// timeouts. `fetchJsonLeaky` is the hand-rolled timeout race seen in many code
// bases; the other two are its correct twins.

export interface ClientOptions {
  readonly baseUrl: string;
  readonly timeoutMs: number;
}

export class UpstreamClient {
  constructor(private readonly options: ClientOptions) {}

  /** Leaks: when the fetch wins, the timer runs on; when the timer wins, the fetch runs on. */
  async fetchJsonLeaky(path: string): Promise<unknown> {
    const response = await Promise.race([
      fetch(`${this.options.baseUrl}${path}`), // expect: asyncleak/await-in-select-without-abort
      new Promise<never>((_, reject) => // expect: asyncleak/await-in-select-without-abort
        setTimeout(() => reject(new Error(`timed out after ${this.options.timeoutMs} ms`)), this.options.timeoutMs),
      ),
    ]);
    return response.json();
  }

  /** Correct: one controller for both contenders, aborted once the race settles. */
  async fetchJson(path: string): Promise<unknown> {
    const ac = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const response = await Promise.race([
        fetch(`${this.options.baseUrl}${path}`, { signal: ac.signal }),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`timed out after ${this.options.timeoutMs} ms`)), this.options.timeoutMs);
        }),
      ]);
      return await response.json();
    } finally {
      clearTimeout(timer);
      ac.abort();
    }
  }

  /** Correct and shorter: the platform's own timeout signal, linked to the caller's. */
  async fetchJsonWithin(path: string, signal: AbortSignal): Promise<unknown> {
    const response = await fetch(`${this.options.baseUrl}${path}`, {
      signal: AbortSignal.any([signal, AbortSignal.timeout(this.options.timeoutMs)]),
    });
    return response.json();
  }
}
