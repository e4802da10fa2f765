// `settings.asyncleak.teardownMethods: ["shutdown"]` makes `shutdown()` this class's teardown.
export class Worker {
  private beats = 0;

  start(): void {
    setTimeout(() => this.beat(), 1_000); // expect: asyncleak/no-floating-timer
  }

  shutdown(): void {
    this.beats = 0;
  }

  private beat(): void {
    this.beats += 1;
  }
}

// No teardown method at all: with `timeouts: "owned-scope"` nothing owns this timeout.
export class Unowned {
  private beats = 0;

  start(): void {
    setTimeout(() => this.beat(), 1_000);
  }

  count(): number {
    return this.beats;
  }

  private beat(): void {
    this.beats += 1;
  }
}
