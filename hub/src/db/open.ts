import type { HubDb } from './adapter';
import { migrate } from './migrations';
import { openPglite } from './pglite';
import { openPostgres } from './postgres';

export interface OpenOptions {
  /** postgres://… ; without it, PGlite in `dataDir`. */
  databaseUrl?: string | undefined;
  /** Schema on the server (tests isolate themselves in one). */
  schema?: string | undefined;
  /** PGlite's folder; null = in memory. */
  dataDir: string | null;
}

/** Opens the hub's database and migrates it. */
export async function openHubDb(options: OpenOptions): Promise<HubDb> {
  const db = options.databaseUrl
    ? await openPostgres(options.databaseUrl, { schema: options.schema })
    : await openPglite(options.dataDir);
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
