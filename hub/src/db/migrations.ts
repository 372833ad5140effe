import type { HubDb } from './adapter';
import { applyFunctions } from './apply-functions';
import { schemaV1 } from './schema-v1';
import { schemaV2 } from './schema-v2';

interface Migration {
  version: number;
  sql: string;
}

/** Ordered, numbered; each runs in one transaction with its version bump. Never edit a shipped one. */
export const migrations: Migration[] = [
  { version: 1, sql: schemaV1 + applyFunctions },
  { version: 2, sql: schemaV2 },
];
export const latestHubSchemaVersion = migrations[migrations.length - 1]!.version;

export class NewerSchemaError extends Error {
  constructor(readonly found: number) {
    super(
      `The hub database has schema version ${found}, newer than this hub knows (${latestHubSchemaVersion}). ` +
        'Run a newer hub; this one will not touch it.',
    );
  }
}

async function currentVersion(db: HubDb): Promise<number> {
  const exists = await db.query<{ found: boolean }>(`SELECT to_regclass('hub_meta') IS NOT NULL AS found`);
  if (!exists.rows[0]?.found) return 0;
  const row = await db.query<{ value: string }>(`SELECT value FROM hub_meta WHERE key = 'schema_version'`);
  return Number(row.rows[0]?.value ?? 0);
}

/** Brings the database to the latest version; refuses one from a newer hub. */
export async function migrate(db: HubDb): Promise<number> {
  const found = await currentVersion(db);
  if (found > latestHubSchemaVersion) throw new NewerSchemaError(found);
  for (const migration of migrations) {
    if (migration.version <= found) continue;
    await db.transaction(async (tx) => {
      await tx.exec(migration.sql);
      await tx.query(
        `INSERT INTO hub_meta (key, value) VALUES ('schema_version', $1)
         ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
        [String(migration.version)],
      );
      if (migration.version === 1)
        await tx.query(`INSERT INTO hub_meta (key, value) VALUES ('hub_id', gen_random_uuid()::text)`);
    });
  }
  return latestHubSchemaVersion;
}
