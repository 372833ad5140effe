import { describe, expect, it } from 'vitest';
import { formatHlc, parseHlc, tickHlc, type HlcState } from '../../electron/core/hlc';

const device = '6f1c2b3a-0d4e-4f5a-9b8c-7d6e5f4a3b2c';

describe('tickHlc', () => {
  it('follows the wall clock when it moves forward', () => {
    expect(tickHlc({ ms: 1000, counter: 4 }, 2000)).toEqual({ ms: 2000, counter: 0 });
  });

  it('stays monotonic when the wall clock stands still or goes backwards', () => {
    const wall = [5000, 5000, 4000, 1000, 5000, 5001, 3000, 6000];
    let state: HlcState = { ms: 0, counter: 0 };
    const stamps: string[] = [];
    for (const now of wall) {
      const next = tickHlc(state, now);
      expect(next.ms > state.ms || (next.ms === state.ms && next.counter > state.counter)).toBe(true);
      state = next;
      stamps.push(formatHlc(state, device));
    }
    expect(stamps.map(parseHlc)).toEqual([
      { ms: 5000, counter: 0 },
      { ms: 5000, counter: 1 },
      { ms: 5000, counter: 2 },
      { ms: 5000, counter: 3 },
      { ms: 5000, counter: 4 },
      { ms: 5001, counter: 0 },
      { ms: 5001, counter: 1 },
      { ms: 6000, counter: 0 },
    ]);
    expect([...stamps].sort()).toEqual(stamps);
  });
});

describe('formatHlc / parseHlc', () => {
  it('round-trips, even though the device id holds dashes', () => {
    const state = { ms: 1_773_111_600_123, counter: 42 };
    const text = formatHlc(state, device);
    expect(text.endsWith(device)).toBe(true);
    expect(parseHlc(text)).toEqual(state);
  });

  it('sorts as strings in clock order, across digit-count boundaries', () => {
    const states: HlcState[] = [
      { ms: 9, counter: 0 },
      { ms: 9, counter: 9 },
      { ms: 9, counter: 10 },
      { ms: 10, counter: 0 },
      { ms: 999, counter: 99 },
      { ms: 1000, counter: 0 },
      { ms: 1_773_111_600_000, counter: 0 },
      { ms: 10_000_000_000_000, counter: 0 },
    ];
    const texts = states.map((s) => formatHlc(s, device));
    const shuffled = [texts[5], texts[0], texts[7], texts[2], texts[4], texts[1], texts[6], texts[3]] as string[];
    expect(shuffled.sort()).toEqual(texts);
  });
});
