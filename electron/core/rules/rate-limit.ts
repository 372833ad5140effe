/**
 * A sliding-window limit: at most `max` events in any `windowMs`. Pure over
 * the list of past event times, so the kiosk's identification limit is tested
 * without a clock.
 */
export interface WindowLimit {
  max: number;
  windowMs: number;
}

/** The events still inside the window at `now`. */
export function withinWindow(times: readonly number[], now: number, limit: WindowLimit): number[] {
  return times.filter((t) => t > now - limit.windowMs && t <= now);
}

/** Milliseconds until another event is allowed; 0 when it is allowed now. */
export function retryAfterMs(times: readonly number[], now: number, limit: WindowLimit): number {
  const recent = withinWindow(times, now, limit).sort((a, b) => a - b);
  if (recent.length < limit.max) return 0;
  // The oldest event that must leave the window before one more fits.
  const oldest = recent[recent.length - limit.max]!;
  return oldest + limit.windowMs - now;
}
