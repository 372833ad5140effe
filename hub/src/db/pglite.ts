import { mkdirSync } from 'node:fs';
import { PGlite, types } from '@electric-sql/pglite';
import type { HubDb, Queryable, QueryResult } from './adapter';

const parsers = { [types.INT8]: (value: string) => Number(value) };

function wrap(target: Pick<PGlite, 'query' | 'exec'>): Queryable {
  return {
    async query<T extends object>(sql: string, params: unknown[] = []): Promise<QueryResult<T>> {
      const result = await target.query<T>(sql, params);
      return { rows: result.rows, rowCount: result.affectedRows ?? 0 };
    },
    async exec(sql: string): Promise<void> {
      await target.exec(sql);
    },
  };
}

/**
 * An embedded PostgreSQL (PGlite, Postgres compiled to WASM) in `dataDir`, or
 * in memory when `dataDir` is null. One connection: its transactions run one
 * after the other, never interleaved.
 */
export async function openPglite(dataDir: string | null): Promise<HubDb> {
  if (dataDir !== null) mkdirSync(dataDir, { recursive: true });
  const pg = await PGlite.create(dataDir ?? undefined, { parsers });
  const base = wrap(pg);
  return {
    kind: 'pglite',
    query: base.query,
    exec: base.exec,
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    close: () => pg.close(),
  };
}
