// Types for the parts of bench-report.mjs that its test (tests/bench-report.test.ts) uses.

export interface MedianInterval {
  readonly low: number;
  readonly high: number;
  readonly confidence: number;
}

export const TARGETS: { readonly wall: number; readonly rss: number; readonly standalone: number };

export function medianInterval(ratios: readonly number[]): MedianInterval;

export function decide(interval: MedianInterval, target: number): 'met' | 'missed' | 'not decided';
