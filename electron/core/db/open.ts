import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { latestSchemaVersion, migrations, type Migration } from './migrations';

export class DatabaseFromFutureError extends Error {
  constructor(
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      `This database was written by a newer Library Desk (schema ${found}; this version knows up to ${supported}). ` +
        'Install the newer version; the database was not changed.',
    );
    this.name = 'DatabaseFromFutureError';
  }
}

export interface OpenOptions {
  /** A better-sqlite3 binding built for another runtime (Electron's ABI). */
  nativeBinding?: string;
  readonly?: boolean;
}

/** Open with the pragmas that make an acknowledged write survive a power cut. */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  const db = new Database(file, {
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    ...(options.readonly ? { readonly: true } : {}),
  });
  if (!options.readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
  }
  db.pragma('foreign_keys = ON');
  // Erased personal data is overwritten in its page, not merely unlinked.
  if (!options.readonly) db.pragma('secure_delete = FAST');
  db.pragma('busy_timeout = 5000');
  return db;
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Bring the schema up to `target` (default: the latest), one transaction per migration. */
export function migrate(db: Db, target = latestSchemaVersion, list: Migration[] = migrations): number {
  const current = schemaVersion(db);
  const supported = list[list.length - 1]?.version ?? 0;
  if (current > supported) throw new DatabaseFromFutureError(current, supported);
  for (const migration of list) {
    if (migration.version <= current || migration.version > target) continue;
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return schemaVersion(db);
}
