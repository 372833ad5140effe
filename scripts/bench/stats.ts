/** Nearest-rank percentile of a list of samples (p in 0–100). */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

export const median = (samples: readonly number[]) => percentile(samples, 50);

/** Round for printing and for the results file: three significant decimals at most. */
export function round(value: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export function fmtMs(ms: number): string {
  return `${ms < 10 ? ms.toFixed(2) : ms.toFixed(1)} ms`;
}

/**
 * Runs `queries` through `search`, drops the first `warmup` from the figures, and
 * sums them up: p95 overall (the figure) and p50/p95/max per kind of query.
 */
export function timeQueries(
  queries: readonly { kind: string; query: string }[],
  warmup: number,
  search: (query: string) => { ok: true; data: readonly unknown[] } | { ok: false; error: { message: string } },
  nothing: string,
): { p95: number; details: string[] } {
  const samples: number[] = [];
  const byKind = new Map<string, number[]>();
  let empty = 0;
  for (const [i, { kind, query }] of queries.entries()) {
    const t0 = performance.now();
    const result = search(query);
    const ms = performance.now() - t0;
    if (!result.ok) throw new Error(`${query}: ${result.error.message}`);
    if (i < warmup) continue;
    if (result.data.length === 0) empty += 1;
    samples.push(ms);
    byKind.set(kind, [...(byKind.get(kind) ?? []), ms]);
  }
  const p95 = percentile(samples, 95);
  const kinds = [...byKind.entries()].map(
    ([kind, s]) =>
      `${kind} ×${s.length}: p50 ${fmtMs(percentile(s, 50))}, p95 ${fmtMs(percentile(s, 95))}, max ${fmtMs(Math.max(...s))}`,
  );
  return {
    p95,
    details: [
      `${samples.length} queries (after ${warmup} warm-up), limit 20: p50 ${fmtMs(percentile(samples, 50))}, ` +
        `p95 ${fmtMs(p95)}, max ${fmtMs(Math.max(...samples))}; ${empty} ${nothing}`,
      ...kinds,
    ],
  };
}
