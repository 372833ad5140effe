import pg from 'pg';
import type { HubDb, Queryable, QueryResult } from './adapter';

const INT8 = 20;

/** bigint as number: sequences and counts here stay far below 2^53. */
function getTypeParser(oid: number, format?: 'text' | 'binary') {
  if (oid === INT8 && format !== 'binary') return (value: string) => Number(value);
  return pg.types.getTypeParser(oid, format);
}

function wrap(target: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<T extends object>(sql: string, params: unknown[] = []): Promise<QueryResult<T>> {
      const result = await target.query<T & pg.QueryResultRow>(sql, params);
      return { rows: result.rows, rowCount: result.rowCount ?? 0 };
    },
    async exec(sql: string): Promise<void> {
      await target.query(sql);
    },
  };
}

/**
 * A PostgreSQL server through a `pg` pool. With `schema`, every connection
 * works in that schema (created when missing): tests isolate themselves so.
 */
export async function openPostgres(url: string, options: { schema?: string; max?: number } = {}): Promise<HubDb> {
  const { schema } = options;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/u.test(schema)) throw new Error(`bad schema name: ${schema}`);
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    types: { getTypeParser } as pg.CustomTypesConfig,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle client's socket error must not crash the hub; the next query reconnects.
  pool.on('error', () => {});
  if (schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  const base = wrap(pool);
  return {
    kind: 'postgres',
    query: base.query,
    exec: base.exec,
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
