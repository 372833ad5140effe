import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../electron/core/sync/backoff';

describe('sync backoff', () => {
  it('doubles from the base after each failure in a row, up to the cap', () => {
    const top = (n: number) => backoffDelay(n, { baseMs: 1_000, capMs: 300_000, random: () => 1 });
    expect([1, 2, 3, 4, 5].map(top)).toEqual([1_000, 2_000, 4_000, 8_000, 16_000]);
    expect(top(9)).toBe(256_000);
    expect(top(10)).toBe(300_000);
    expect(top(50)).toBe(300_000);
  });

  it('jitters within the upper half, so desks that failed together do not return together', () => {
    const low = backoffDelay(4, { baseMs: 1_000, random: () => 0 });
    const high = backoffDelay(4, { baseMs: 1_000, random: () => 0.999_999 });
    expect(low).toBe(4_000);
    expect(high).toBe(8_000);
    const seen = new Set(Array.from({ length: 50 }, () => backoffDelay(6)));
    for (const d of seen) {
      expect(d).toBeGreaterThanOrEqual(32_000);
      expect(d).toBeLessThanOrEqual(64_000);
    }
    expect(seen.size).toBeGreaterThan(10);
  });

  it('caps at a few minutes by default', () => {
    expect(backoffDelay(100, { random: () => 1 })).toBe(300_000);
  });
});
