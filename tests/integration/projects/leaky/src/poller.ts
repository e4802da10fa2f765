let ticks = 0;

export function poll(): void {
  ticks += 1;
}

export function pollCount(): number {
  return ticks;
}

setInterval(poll, 5_000); // expect: asyncleak/no-floating-timer

setTimeout(poll, 1_000); // expect-strict: asyncleak/no-floating-timer
