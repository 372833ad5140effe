/**
 * The pause before the n-th retry after failures in a row: exponential from
 * `baseMs`, capped at `capMs`, with "full jitter" in its upper half so that
 * the desks of a library that lost the network together do not all come back
 * at the same second.
 */
export interface BackoffOptions {
  baseMs?: number;
  capMs?: number;
  random?: () => number;
}

export function backoffDelay(failures: number, options: BackoffOptions = {}): number {
  const base = options.baseMs ?? 2_000;
  const cap = options.capMs ?? 300_000;
  const random = options.random ?? Math.random;
  const ceiling = Math.min(cap, base * 2 ** Math.max(0, failures - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
