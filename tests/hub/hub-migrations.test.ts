import { describe, expect, it } from 'vitest';
import { createLibrary } from '../../hub/src/admin';
import { latestHubSchemaVersion, migrate, migrations } from '../../hub/src/db/migrations';
import { openPglite } from '../../hub/src/db/pglite';
import { openPostgres } from '../../hub/src/db/postgres';
import { databaseUrl, dropSchema, newSchemaName } from '../helpers/hub-db';

/** A hub database at version 1 (as the first hub shipped it), on PGlite and on the server when there is one. */
const onServer = (url: string) => ({
  name: 'postgres',
  open: async () => {
    const schema = newSchemaName();
    return { db: await openPostgres(url, { schema }), dispose: () => dropSchema(url, schema) };
  },
});
const targets = [
  { name: 'pglite', open: async () => ({ db: await openPglite(null), dispose: async () => {} }) },
  ...(databaseUrl ? [onServer(databaseUrl)] : []),
];

describe.each(targets)('hub migrations on $name', ({ open }) => {
  it('version 2 keeps the stored events and checks an event’s library against its device’s', async () => {
    const { db, dispose } = await open();
    try {
      await db.transaction(async (tx) => {
        await tx.exec(migrations[0]!.sql);
        await tx.query(`INSERT INTO hub_meta (key, value) VALUES ('schema_version', '1'), ('hub_id', 'h')`);
      });
      const [home, other] = [await createLibrary(db, 'Tam Đường'), await createLibrary(db, 'Sìn Hồ')];
      await db.query(`INSERT INTO devices (device_id, library_id, name, token_hash) VALUES ('d1', $1, 'Quầy 1', 'x')`, [
        home.id,
      ]);
      const insert = (library: string, seq: number) =>
        db.query(
          `INSERT INTO events (device_id, device_seq, library_id, event_id, hlc, operator, type, created_at)
           VALUES ('d1', $2, $1, gen_random_uuid(), 'h', 'o', 'loan.checkedOut', '2026-01-01T00:00:00Z')`,
          [library, seq],
        );
      await insert(home.id, 1);

      expect(await migrate(db)).toBe(latestHubSchemaVersion);
      expect(latestHubSchemaVersion).toBe(2);
      const version = await db.query<{ value: string }>(`SELECT value FROM hub_meta WHERE key = 'schema_version'`);
      expect(version.rows[0]!.value).toBe('2');
      expect((await db.query(`SELECT device_seq FROM events`)).rows).toEqual([{ device_seq: 1 }]);
      await insert(home.id, 2);
      // At version 1 only the library's existence was checked; now it must be the device's.
      await expect(insert(other.id, 3)).rejects.toThrow(/events_device_library_fkey/u);
      await expect(
        db.query(
          `INSERT INTO events (device_id, device_seq, library_id, event_id, hlc, operator, type, created_at)
           VALUES ('nobody', 1, $1, gen_random_uuid(), 'h', 'o', 'x', 'x')`,
          [home.id],
        ),
      ).rejects.toThrow(/events_device_library_fkey/u);
      expect((await db.query(`SELECT device_seq FROM events ORDER BY 1`)).rows).toEqual([
        { device_seq: 1 },
        { device_seq: 2 },
      ]);
    } finally {
      await db.close();
      await dispose();
    }
  });
});
