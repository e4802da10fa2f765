// What `npm run bench` says a run decides (scripts/lib/bench-report.mjs): the
// distribution-free interval of a median of per-repetition ratios, and whether it
// meets, misses or leaves a target undecided.
import { describe, expect, it } from 'vitest';

import { decide, medianInterval, TARGETS } from '../scripts/lib/bench-report.mjs';

describe('medianInterval', () => {
  it.each([
    // n, the order k of the bounds, and the confidence 1 − 2·P(Binomial(n, ½) < k)
    { n: 5, low: 1, high: 5, confidence: 1 - 2 / 32 },
    { n: 6, low: 1, high: 6, confidence: 1 - 2 / 64 },
    { n: 9, low: 2, high: 8, confidence: 1 - (2 * (1 + 9)) / 512 },
    { n: 15, low: 4, high: 12, confidence: 1 - (2 * (1 + 15 + 105 + 455)) / 32768 },
  ])('takes the widest order that keeps 90 % for $n repetitions', ({ n, low, high, confidence }) => {
    // Shuffled: the interval is read from the sorted ratios.
    const ratios = Array.from({ length: n }, (_, i) => ((i * 7) % n) + 1);
    expect(medianInterval(ratios)).toEqual({ low, high, confidence });
  });

  it('cannot reach 90 % with fewer than 5 repetitions', () => {
    expect(medianInterval([1.1, 0.9, 1])).toEqual({ low: 0.9, high: 1.1, confidence: 0.75 });
    expect(medianInterval([1.02]).confidence).toBe(0);
  });
});

describe('decide', () => {
  const five = (...ratios: number[]) => decide(medianInterval(ratios), TARGETS.wall);

  it('meets or misses a target only when the whole interval is on one side of it', () => {
    expect(five(1.01, 1.0, 1.02, 0.99, 1.03)).toBe('met');
    expect(five(1.031, 1.094, 1.035, 1.054, 1.062)).toBe('missed');
  });

  it('leaves a straddled target undecided, whichever side the median is on', () => {
    // Median 1.040 (above), and median 1.000 (below): neither decides.
    expect(five(1.062, 1.03, 0.902, 1.068, 1.04)).toBe('not decided');
    expect(five(0.95, 1.0, 0.97, 1.05, 1.01)).toBe('not decided');
  });

  it('decides nothing from too few repetitions', () => {
    expect(decide(medianInterval([1.0, 1.01, 1.02]), TARGETS.wall)).toBe('not decided');
  });
});
