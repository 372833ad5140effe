import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { HubDb } from '../../hub/src/db/adapter';
import { openHubDb } from '../../hub/src/db/open';

/** Where the hub tests run: PGlite always; the PostgreSQL server too when DATABASE_URL is set. */
export interface HubTarget {
  name: 'pglite' | 'postgres';
  /** A fresh, migrated database (PGlite in memory, or a new schema on the server). */
  open(): Promise<OpenedHubDb>;
}

export interface OpenedHubDb {
  db: HubDb;
  /** For a child hub process: the env that points it at the same database. */
  env: Record<string, string>;
  /** Closes and, on the server, drops the schema. */
  dispose(): Promise<void>;
}

export const databaseUrl = process.env.DATABASE_URL || undefined;

export function newSchemaName(): string {
  return `hub_test_${process.pid}_${randomBytes(4).toString('hex')}`;
}

export async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

const pglite: HubTarget = {
  name: 'pglite',
  async open() {
    const db = await openHubDb({ dataDir: null });
    return { db, env: {}, dispose: () => db.close() };
  },
};

const postgres = (url: string): HubTarget => ({
  name: 'postgres',
  async open() {
    const schema = newSchemaName();
    const db = await openHubDb({ databaseUrl: url, schema, dataDir: null });
    return {
      db,
      env: { DATABASE_URL: url, HUB_PG_SCHEMA: schema },
      async dispose() {
        await db.close();
        await dropSchema(url, schema);
      },
    };
  },
});

export const hubTargets: HubTarget[] = databaseUrl ? [pglite, postgres(databaseUrl)] : [pglite];
