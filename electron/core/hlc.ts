/**
 * Hybrid logical clock: wall-clock milliseconds plus a counter, so that the
 * events of one desk stay ordered even when its clock steps backwards.
 * Serialised as `<ms, 15 digits>-<counter, 5 digits>-<deviceId>` so that the
 * strings sort in clock order.
 */
export interface HlcState {
  ms: number;
  counter: number;
}

export function formatHlc(state: HlcState, deviceId: string): string {
  return `${String(state.ms).padStart(15, '0')}-${String(state.counter).padStart(5, '0')}-${deviceId}`;
}

export function parseHlc(value: string): HlcState {
  const [ms, counter] = value.split('-');
  return { ms: Number(ms), counter: Number(counter) };
}

/** The next timestamp after `last`, given the wall clock `now`. */
export function tickHlc(last: HlcState, now: number): HlcState {
  if (now > last.ms) return { ms: now, counter: 0 };
  return { ms: last.ms, counter: last.counter + 1 };
}
