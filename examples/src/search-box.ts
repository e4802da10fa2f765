// A search-as-you-type box of the example web client: every keystroke (debounced)
// sends the query, and only the answer to the newest query may be rendered.

const SEARCH_API = 'https://search.internal.example';

export interface Hit {
  readonly id: string;
  readonly title: string;
}

/**
 * Leaks: each keystroke arms a new debounce timer without clearing the last one, so
 * every keystroke still searches; each search replaces the controller without
 * aborting the request in flight, so stale answers keep downloading and can be
 * rendered after the newest one.
 */
export class SearchBox {
  private debounce?: ReturnType<typeof setTimeout>;
  private controller?: AbortController;

  constructor(private readonly render: (hits: readonly Hit[]) => void) {}

  onInput(query: string): void {
    this.debounce = setTimeout(() => void this.search(query), 250); // expect: asyncleak/no-cancel-overwrite
  }

  private async search(query: string): Promise<void> {
    this.controller = new AbortController(); // expect: asyncleak/no-cancel-overwrite
    const response = await fetch(`${SEARCH_API}/search?q=${encodeURIComponent(query)}`, { signal: this.controller.signal });
    this.render((await response.json()) as Hit[]);
  }

  dispose(): void {
    clearTimeout(this.debounce);
    this.controller?.abort();
  }
}

/** Correct twin: a keystroke cancels the pending search, a search aborts the one in flight. */
export class SearchBoxFixed {
  private debounce?: ReturnType<typeof setTimeout>;
  private controller?: AbortController;

  constructor(private readonly render: (hits: readonly Hit[]) => void) {}

  onInput(query: string): void {
    clearTimeout(this.debounce);
    this.debounce = setTimeout(() => void this.search(query), 250);
  }

  private async search(query: string): Promise<void> {
    this.controller?.abort();
    this.controller = new AbortController();
    const { signal } = this.controller;
    try {
      const response = await fetch(`${SEARCH_API}/search?q=${encodeURIComponent(query)}`, { signal });
      const hits = (await response.json()) as Hit[];
      if (!signal.aborted) this.render(hits);
    } catch (error) {
      if (!signal.aborted) throw error;
    }
  }

  dispose(): void {
    clearTimeout(this.debounce);
    this.controller?.abort();
  }
}

/** Leaks: the suggestion request looks cancellable, but nothing holds its controller. */
export async function suggest(prefix: string): Promise<string[]> {
  const response = await fetch(`${SEARCH_API}/suggest?q=${encodeURIComponent(prefix)}`, {
    signal: new AbortController().signal, // expect: asyncleak/no-cancel-overwrite
  });
  return (await response.json()) as string[];
}

/** Correct twin: the caller's signal (the search box's controller) cancels it. */
export async function suggestFixed(prefix: string, signal: AbortSignal): Promise<string[]> {
  const response = await fetch(`${SEARCH_API}/suggest?q=${encodeURIComponent(prefix)}`, { signal });
  return (await response.json()) as string[];
}
