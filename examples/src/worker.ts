// A background worker for the example service: it polls a job queue and runs
// what it finds. `LeakyQueueWorker` is the shape that ships everywhere and keeps
// polling after `stop()`; `QueueWorker` is its correct twin.

export interface Job {
  readonly id: string;
  readonly payload: unknown;
}

export interface JobQueue {
  take(max: number): Promise<Job[]>;
  complete(id: string): Promise<void>;
}

export type Handler = (job: Job) => Promise<void>;

/** Leaks: `stop()` flips a flag, but the poll interval and the heartbeat run until the process exits. */
export class LeakyQueueWorker {
  private running = false;

  constructor(
    private readonly queue: JobQueue,
    private readonly handle: Handler,
  ) {}

  start(intervalMs = 1_000): void {
    this.running = true;
    setInterval(() => void this.poll(), intervalMs); // expect: asyncleak/no-floating-timer
  }

  stop(): void {
    this.running = false;
  }

  private async poll(): Promise<void> {
    if (!this.running) return;
    for (const job of await this.queue.take(10)) {
      await this.handle(job);
      await this.queue.complete(job.id);
    }
  }
}

/** Correct: the handle is kept in a field and cleared by `stop()`. */
export class QueueWorker {
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly queue: JobQueue,
    private readonly handle: Handler,
  ) {}

  start(intervalMs = 1_000): void {
    clearInterval(this.timer);
    this.timer = setInterval(() => void this.poll(), intervalMs);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private async poll(): Promise<void> {
    for (const job of await this.queue.take(10)) {
      await this.handle(job);
      await this.queue.complete(job.id);
    }
  }
}

/** Leaks: the worker ends when `signal` aborts, but its heartbeat keeps beating. */
export function startHeartbeat(report: (at: Date) => void, signal: AbortSignal): void {
  setInterval(() => report(new Date()), 30_000); // expect: asyncleak/no-floating-timer
  signal.addEventListener('abort', () => report(new Date()), { once: true });
}

/** Correct: the heartbeat stops with the worker's signal. */
export function startHeartbeatUntil(report: (at: Date) => void, signal: AbortSignal): void {
  const heartbeat = setInterval(() => report(new Date()), 30_000);
  signal.addEventListener('abort', () => clearInterval(heartbeat), { once: true });
}

/** Leaks: a cancelled worker still waits out the whole back-off before it notices. */
export async function backoff(attempt: number, signal: AbortSignal): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 2 ** attempt * 100)); // expect: asyncleak/no-floating-timer
  signal.throwIfAborted();
}

// Correct: a metrics flush that must never keep the process alive on its own.
setInterval(() => process.emitWarning('metrics flushed'), 60_000).unref();
