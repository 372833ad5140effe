import { writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDeskCore, databaseFileName, DatabaseFromFutureError } from '../../electron/core';
import { latestSchemaVersion, migrations, type Migration } from '../../electron/core/db/migrations';
import { migrate, openDatabase, schemaVersion } from '../../electron/core/db/open';
import { collationKey } from '../../shared/text';
import { snapshotTables, tempDir } from '../helpers/desk';

let dir: string;
let remove: () => void;
let db: Db;

beforeEach(() => {
  ({ dir, remove } = tempDir());
  db = openDatabase(path.join(dir, databaseFileName));
});

afterEach(() => {
  if (db.open) db.close();
  remove();
});

const names = (type: 'table' | 'index' | 'trigger') =>
  (
    db
      .prepare("SELECT name FROM sqlite_master WHERE type = ? AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .all(type) as {
      name: string;
    }[]
  ).map((r) => r.name);

describe('migrations, one by one', () => {
  it('are numbered in rising order, the last being the latest schema version', () => {
    // Helpers' branches each append their assigned number; until all are merged a number may be missing.
    const versions = migrations.map((m) => m.version);
    expect(versions[0]).toBe(1);
    for (let i = 1; i < versions.length; i += 1) expect(versions[i]!).toBeGreaterThan(versions[i - 1]!);
    expect(latestSchemaVersion).toBe(versions[versions.length - 1]);
  });

  it('version 1 creates the tables, the one-open-loan-per-item index and the outbox triggers', () => {
    expect(schemaVersion(db)).toBe(0);
    expect(migrate(db, 1)).toBe(1);
    expect(schemaVersion(db)).toBe(1);

    expect(names('table')).toEqual([
      'audit_log',
      'closed_dates',
      'items',
      'loan_policies',
      'loans',
      'opening_weekdays',
      'outbox',
      'patrons',
      'settings',
      'titles',
    ]);
    expect(names('trigger')).toEqual(['outbox_append_only', 'outbox_gap_free', 'outbox_no_delete']);
    expect(names('index')).toEqual(expect.arrayContaining(['items_title', 'loans_open_item', 'loans_open_patron']));

    const loanIndexes = db.pragma('index_list(loans)') as { name: string; unique: number; partial: number }[];
    expect(loanIndexes.find((i) => i.name === 'loans_open_item')).toMatchObject({ unique: 1, partial: 1 });
    const indexed = db.pragma('index_info(loans_open_item)') as { name: string }[];
    expect(indexed.map((c) => c.name)).toEqual(['item_id']);

    // Version 1 has the tables but not yet the defaults.
    expect(db.prepare('SELECT COUNT(*) AS n FROM loan_policies').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM opening_weekdays').get()).toEqual({ n: 0 });
  });

  it('version 1 lets an item have many returned loans but only one open loan', () => {
    migrate(db, 1);
    const at = '2026-03-10T10:00:00.000+07:00';
    db.prepare(
      "INSERT INTO patrons (id, card_number, full_name, name_folded, category, expires_on, created_at, updated_at) VALUES (1, 'c', 'n', 'n', 'adult', '2027-01-01', ?, ?)",
    ).run(at, at);
    db.prepare(
      "INSERT INTO titles (id, title, material_type, search_folded, created_at, updated_at) VALUES (1, 't', 'book', 't', ?, ?)",
    ).run(at, at);
    db.prepare("INSERT INTO items (id, title_id, barcode, created_at, updated_at) VALUES (1, 1, 'b', ?, ?)").run(
      at,
      at,
    );
    const loan = db.prepare(
      'INSERT INTO loans (uuid, item_id, patron_id, loaned_at, due_on, returned_at) VALUES (?, 1, 1, ?, ?, ?)',
    );
    loan.run('a', at, '2026-03-24', at);
    loan.run('b', at, '2026-03-24', at);
    loan.run('c', at, '2026-03-24', null);
    expect(() => loan.run('d', at, '2026-03-24', null)).toThrow(/UNIQUE/u);
  });

  it('version 2 seeds the default loan policies and the calendar (closed on Mondays)', () => {
    migrate(db, 1);
    expect(migrate(db, 2)).toBe(2);
    const policies = db
      .prepare(
        'SELECT patron_category, material_type, loan_days, max_items, max_renewals, grace_days, daily_fee FROM loan_policies ORDER BY patron_category, material_type',
      )
      .all();
    expect(policies).toEqual([
      {
        patron_category: '*',
        material_type: '*',
        loan_days: 14,
        max_items: 5,
        max_renewals: 2,
        grace_days: 3,
        daily_fee: 0,
      },
      {
        patron_category: '*',
        material_type: 'periodical',
        loan_days: 7,
        max_items: 3,
        max_renewals: 1,
        grace_days: 1,
        daily_fee: 0,
      },
      {
        patron_category: 'child',
        material_type: '*',
        loan_days: 14,
        max_items: 3,
        max_renewals: 1,
        grace_days: 3,
        daily_fee: 0,
      },
      {
        patron_category: 'disabled',
        material_type: '*',
        loan_days: 28,
        max_items: 8,
        max_renewals: 3,
        grace_days: 7,
        daily_fee: 0,
      },
      {
        patron_category: 'elderly',
        material_type: '*',
        loan_days: 21,
        max_items: 5,
        max_renewals: 2,
        grace_days: 7,
        daily_fee: 0,
      },
      {
        patron_category: 'pupil',
        material_type: '*',
        loan_days: 14,
        max_items: 5,
        max_renewals: 2,
        grace_days: 3,
        daily_fee: 0,
      },
    ]);
    expect(db.prepare('SELECT weekday, open FROM opening_weekdays ORDER BY weekday').all()).toEqual([
      { weekday: 0, open: 1 },
      { weekday: 1, open: 0 },
      { weekday: 2, open: 1 },
      { weekday: 3, open: 1 },
      { weekday: 4, open: 1 },
      { weekday: 5, open: 1 },
      { weekday: 6, open: 1 },
    ]);
    expect(db.prepare('SELECT COUNT(*) AS n FROM closed_dates').get()).toEqual({ n: 0 });
  });

  it('version 3 adds the reader details, the categories and the name index, and keys the readers already there', () => {
    migrate(db, 2);
    const at = '2026-03-10T10:00:00.000+07:00';
    const insert = db.prepare(
      "INSERT INTO patrons (card_number, full_name, name_folded, category, expires_on, created_at, updated_at) VALUES (?, ?, ?, 'adult', '2027-01-01', ?, ?)",
    );
    insert.run('c1', 'Lò Văn Đức', 'lo van duc', at, at);
    insert.run('c2', 'Đặng Thị Hoà', 'dang thi hoa', at, at);
    expect(migrate(db, 3)).toBe(3);

    const columns = (db.pragma('table_info(patrons)') as { name: string; type: string; notnull: number }[]).map(
      (c) => c.name,
    );
    for (const column of [
      'date_of_birth',
      'sex',
      'phone',
      'address',
      'commune',
      'id_number',
      'introduced_by',
      'guardian_name',
      'guardian_phone',
      'notes',
      'photo',
      'ethnicity',
      'disability',
      'consent_given_at',
      'consent_recorded_by',
      'blocked_by',
      'blocked_at',
      'erased_at',
      'phone_key',
      'guardian_phone_key',
      'sort_key',
    ])
      expect(columns).toContain(column);
    // The new details are empty for readers registered before; their sort keys are filled in.
    const rows = db.prepare('SELECT card_number, phone, erased_at, sort_key FROM patrons ORDER BY sort_key').all() as {
      card_number: string;
      phone: null;
      erased_at: null;
      sort_key: string;
    }[];
    expect(rows.map((r) => r.card_number)).toEqual(['c2', 'c1']); // Đặng before Lò
    expect(rows.map((r) => r.sort_key)).toEqual([collationKey('Đặng Thị Hoà'), collationKey('Lò Văn Đức')]);
    expect(rows.every((r) => r.phone === null && r.erased_at === null)).toBe(true);

    expect(
      db.prepare('SELECT code, label_vi, label_en, active, position FROM patron_categories ORDER BY position').all(),
    ).toEqual([
      { code: 'child', label_vi: 'Thiếu nhi', label_en: 'Child', active: 1, position: 1 },
      { code: 'pupil', label_vi: 'Học sinh', label_en: 'Pupil', active: 1, position: 2 },
      { code: 'adult', label_vi: 'Người lớn', label_en: 'Adult', active: 1, position: 3 },
      { code: 'elderly', label_vi: 'Người cao tuổi', label_en: 'Elderly', active: 1, position: 4 },
      { code: 'disabled', label_vi: 'Người khuyết tật', label_en: 'Person with a disability', active: 1, position: 5 },
    ]);
    expect(names('table')).toEqual(expect.arrayContaining(['patron_categories', 'patron_names']));
    expect(names('trigger')).toEqual(
      expect.arrayContaining(['patron_names_delete', 'patron_names_insert', 'patron_names_update']),
    );
    expect(names('index')).toEqual(
      expect.arrayContaining([
        'patrons_created',
        'patrons_guardian_phone',
        'patrons_id_number',
        'patrons_name',
        'patrons_phone',
        'patrons_sort',
      ]),
    );

    // The readers already there are in the name index (rebuilt), and it follows later changes.
    const match = (q: string) =>
      (
        db.prepare('SELECT rowid FROM patron_names WHERE patron_names MATCH ? ORDER BY rowid').all(q) as {
          rowid: number;
        }[]
      ).map((r) => r.rowid);
    expect(match('"duc"*')).toEqual([1]);
    expect(match('"d"*')).toEqual([1, 2]);
    db.prepare("UPDATE patrons SET name_folded = 'lo van minh' WHERE id = 1").run();
    expect(match('"duc"*')).toEqual([]);
    expect(match('"minh"')).toEqual([1]);
    insert.run('c3', 'Giàng A Páo', 'giang a pao', at, at);
    expect(match('"pa"*')).toEqual([3]);
    db.prepare('DELETE FROM patrons WHERE id = 3').run();
    expect(match('"pa"*')).toEqual([]);
    // FTS5's own check that the index agrees with the rows it indexes.
    expect(() =>
      db.prepare("INSERT INTO patron_names (patron_names, rank) VALUES ('integrity-check', 1)").run(),
    ).not.toThrow();
  });

  it('version 3 plans a name-order walk and code lookups on their indexes', () => {
    migrate(db, 3);
    const plan = (sql: string) =>
      (
        db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(
          ...sql
            .split('?')
            .slice(1)
            .map(() => 'x'),
        ) as { detail: string }[]
      )
        .map((r) => r.detail)
        .join(' | ');
    expect(plan('SELECT id FROM patrons WHERE phone_key = ?')).toMatch(/patrons_phone/u);
    expect(plan('SELECT id FROM patrons WHERE id_number = ?')).toMatch(/patrons_id_number/u);
    expect(plan('SELECT id FROM patrons WHERE created_at >= ?')).toMatch(/patrons_created/u);
    expect(plan("SELECT id FROM patrons WHERE (' ' || name_folded) GLOB ? ORDER BY sort_key LIMIT 20")).toMatch(
      /COVERING INDEX patrons_sort/u,
    );
    expect(plan('SELECT id FROM patrons WHERE name_folded >= ? AND name_folded < ? ORDER BY sort_key')).toMatch(
      /COVERING INDEX patrons_name/u,
    );
  });

  it('version 4 adds the print queue: jobs start queued, the status is checked, the pending index is used', () => {
    migrate(db, 3);
    expect(migrate(db, 4)).toBe(4);
    expect(names('table')).toContain('print_jobs');
    expect(names('index')).toContain('print_jobs_pending');
    db.prepare(
      "INSERT INTO print_jobs (kind, payload, created_at) VALUES ('checkout', '{}', '2026-11-26T13:00:00.000+07:00')",
    ).run();
    expect(
      db.prepare('SELECT status, attempts, last_error, next_attempt_at, printed_at FROM print_jobs').get(),
    ).toEqual({
      status: 'queued',
      attempts: 0,
      last_error: null,
      next_attempt_at: 0,
      printed_at: null,
    });
    expect(() => db.prepare("UPDATE print_jobs SET status = 'lost'").run()).toThrow(/CHECK/u);
    const plan = db
      .prepare(
        "EXPLAIN QUERY PLAN SELECT id FROM print_jobs WHERE status = 'queued' AND next_attempt_at <= 0 ORDER BY id LIMIT 1",
      )
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/print_jobs_pending/u);
  });

  it('re-running migrate is a no-op', () => {
    expect(migrate(db)).toBe(latestSchemaVersion);
    const before = snapshotTables(db);
    const changesBefore = db.prepare('SELECT total_changes() AS n').get();
    expect(migrate(db)).toBe(latestSchemaVersion);
    expect(migrate(db, 1)).toBe(latestSchemaVersion); // never downgrades
    expect(db.prepare('SELECT total_changes() AS n').get()).toEqual(changesBefore);
    expect(snapshotTables(db)).toEqual(before);
  });
});

describe('each migration runs in one transaction', () => {
  const failing: Migration = {
    version: latestSchemaVersion + 1,
    name: 'fails on its second statement',
    up: (d) => {
      d.exec('CREATE TABLE half_done (x INTEGER)');
      d.exec('INSERT INTO no_such_table VALUES (1)');
    },
  };

  it('a failing migration leaves user_version and the schema as they were', () => {
    migrate(db);
    const before = snapshotTables(db);
    expect(() => migrate(db, failing.version, [...migrations, failing])).toThrow(/no_such_table/u);
    expect(schemaVersion(db)).toBe(latestSchemaVersion);
    expect(names('table')).not.toContain('half_done');
    expect(snapshotTables(db)).toEqual(before);
  });

  it('the migrations before a failing one stay applied, the failing one not at all', () => {
    const list: Migration[] = [
      migrations[0]!,
      {
        version: 2,
        name: 'seeds, then fails',
        up: (d) => {
          d.prepare("INSERT INTO loan_policies VALUES ('*', '*', 14, 5, 2, 3, 0)").run();
          d.prepare("INSERT INTO loan_policies VALUES ('*', '*', 7, 1, 1, 1, 0)").run(); // primary key clash
        },
      },
    ];
    expect(() => migrate(db, 2, list)).toThrow(/UNIQUE|PRIMARY/u);
    expect(schemaVersion(db)).toBe(1);
    expect(names('table')).toContain('loans');
    expect(db.prepare('SELECT COUNT(*) AS n FROM loan_policies').get()).toEqual({ n: 0 });
  });
});

describe('a database from a newer Library Desk', () => {
  function makeFutureDatabase(version: number) {
    migrate(db);
    db.prepare("INSERT INTO settings (key, value) VALUES ('marker', '\"from the future\"')").run();
    db.pragma(`user_version = ${version}`);
  }

  it('is refused by migrate with DatabaseFromFutureError and left unchanged', () => {
    makeFutureDatabase(latestSchemaVersion + 5);
    const before = snapshotTables(db);
    let error: unknown;
    try {
      migrate(db);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DatabaseFromFutureError);
    const future = error as DatabaseFromFutureError;
    expect(future.found).toBe(latestSchemaVersion + 5);
    expect(future.supported).toBe(latestSchemaVersion);
    expect(future.message).toContain('newer Library Desk');
    expect(future.message).toContain(`schema ${latestSchemaVersion + 5}`);
    expect(future.message).toContain('not changed');
    expect(snapshotTables(db)).toEqual(before);
  });

  it('is refused when the desk opens it, and the desk writes nothing (no device id)', () => {
    makeFutureDatabase(latestSchemaVersion + 1);
    const before = snapshotTables(db);
    db.close();
    expect(() => createDeskCore({ dataDir: dir })).toThrow(DatabaseFromFutureError);
    const reopened = new Database(path.join(dir, databaseFileName), { readonly: true });
    try {
      expect(snapshotTables(reopened)).toEqual(before);
      expect(reopened.prepare("SELECT COUNT(*) AS n FROM settings WHERE key = 'deviceId'").get()).toEqual({ n: 0 });
    } finally {
      reopened.close();
    }
  });
});

describe('openDatabase', () => {
  it('uses WAL and synchronous=FULL, with foreign keys on', () => {
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('keeps those pragmas on a database that exists already', () => {
    migrate(db);
    db.close();
    db = openDatabase(path.join(dir, databaseFileName));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(schemaVersion(db)).toBe(latestSchemaVersion);
  });

  it('refuses a file that is not a database', () => {
    const bogus = path.join(dir, 'not-a-db.sqlite');
    writeFileSync(bogus, 'this is not SQLite, just text long enough to have a header '.repeat(10));
    expect(() => openDatabase(bogus)).toThrow(/not a database|file is not/iu);
  });
});
