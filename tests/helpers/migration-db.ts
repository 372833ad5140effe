import path from 'node:path';
import type { Database as Db } from 'better-sqlite3';
import { afterEach, beforeEach } from 'vitest';
import { databaseFileName } from '../../electron/core';
import { openDatabase } from '../../electron/core/db/open';
import { tempDir } from './desk';

/**
 * For a migration test: a database file of its own for each test, opened with
 * the desk's pragmas but not migrated (the test takes it to the version it
 * starts from), closed and removed after the test. Call at the top of the file.
 */
export function databaseForEachTest(): () => Db {
  let db: Db | undefined;
  let remove = () => {};
  beforeEach(() => {
    const temp = tempDir();
    remove = temp.remove;
    db = openDatabase(path.join(temp.dir, databaseFileName));
  });
  afterEach(() => {
    if (db?.open) db.close();
    remove();
  });
  return () => {
    if (!db) throw new Error('the database is opened before each test');
    return db;
  };
}
