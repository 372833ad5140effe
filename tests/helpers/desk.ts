import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { createDeskCore, type DeskCore } from '../../electron/core';
import { makeLibraryBarcode } from '../../shared/barcode';
import type { MaterialType, PatronCategory } from '../../shared/domain';
import type { Result } from '../../shared/result';

/** A movable wall clock: tests set it, step it forward, or step it back. */
export interface TestClock {
  now: () => Date;
  set: (iso: string) => void;
  advanceDays: (days: number) => void;
  advanceMs: (ms: number) => void;
}

export function testClock(startIso: string): TestClock {
  let current = new Date(startIso);
  return {
    now: () => new Date(current.getTime()),
    set: (iso) => {
      current = new Date(iso);
    },
    advanceDays: (days) => {
      current = new Date(current.getTime() + days * 86_400_000);
    },
    advanceMs: (ms) => {
      current = new Date(current.getTime() + ms);
    },
  };
}

/** A fresh folder under the system's temp dir, removed by the returned function. */
export function tempDir(prefix = 'library-desk-test-'): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface TempDesk {
  core: DeskCore;
  clock: TestClock;
  dir: string;
  /** Close the database and remove the folder. */
  dispose: () => void;
}

/** A desk on its own temp data folder with a fixed, movable clock (default: Tuesday 10 March 2026, 10:00 in Hà Nội). */
export function tempDesk(startIso = '2026-03-10T03:00:00.000Z'): TempDesk {
  const { dir, remove } = tempDir();
  const clock = testClock(startIso);
  const core = createDeskCore({ dataDir: dir, now: clock.now });
  return {
    core,
    clock,
    dir,
    dispose: () => {
      try {
        core.close();
      } finally {
        remove();
      }
    },
  };
}

/** The data of a successful call; fails the test with the error otherwise. */
export function ok<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.data;
}

/** The error of a refused call; fails the test when the call succeeded. */
export function refused<T>(result: Result<T>) {
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.data)}`);
  return result.error;
}

/** Every row of every table, in a stable order: a whole-database snapshot for "nothing changed" checks. */
export function snapshotTables(db: Database): Record<string, unknown[]> {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { name: string }[];
  const snapshot: Record<string, unknown[]> = {
    sqlite_master: db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name').all(),
  };
  // FTS5 keeps some of its index in WITHOUT ROWID tables: those are ordered by their key.
  const withoutRowid = new Set(
    (db.pragma('table_list') as { name: string; wr: number }[]).filter((t) => t.wr === 1).map((t) => t.name),
  );
  for (const { name } of tables) {
    snapshot[name] = withoutRowid.has(name)
      ? db.prepare(`SELECT * FROM "${name}" ORDER BY 1`).all()
      : db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all();
  }
  snapshot.user_version = [db.pragma('user_version', { simple: true })];
  return snapshot;
}

let itemSequence = 0;

/** A fresh, valid 14-digit item barcode (type 3), unique within the test process. */
export function nextItemBarcode(): string {
  itemSequence += 1;
  return makeLibraryBarcode(3, 1, itemSequence);
}

/** Add a title with `copies` new copies; answers their barcodes. */
export function addTitle(
  core: DeskCore,
  options: { title: string; copies?: number; materialType?: MaterialType; authors?: string[] },
): string[] {
  const barcodes = Array.from({ length: options.copies ?? 1 }, () => nextItemBarcode());
  ok(
    core.call('catalog.addTitle', {
      title: options.title,
      authors: options.authors ?? [],
      materialType: options.materialType ?? 'book',
      copies: barcodes.map((barcode) => ({ barcode })),
    }),
  );
  return barcodes;
}

/** Register a reader; answers the card number the desk issued (or was given). */
export function registerReader(
  core: DeskCore,
  options: { fullName: string; category?: PatronCategory; expiresOn?: string; cardNumber?: string },
): string {
  return ok(core.call('patrons.register', options)).cardNumber;
}
