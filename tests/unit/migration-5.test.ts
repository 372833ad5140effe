import { describe, expect, it } from 'vitest';
import { migrate } from '../../electron/core/db/open';
import { collationKey } from '../../shared/text';
import { databaseForEachTest } from '../helpers/migration-db';

const db = databaseForEachTest();

const at = '2026-03-10T10:00:00.000+07:00';
const uuidV4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/u;

/** A schema-4 database with titles, copies, a reader and loans, as a desk of the last release holds them. */
function schema4WithData() {
  migrate(db(), 4);
  const title = db().prepare(
    'INSERT INTO titles (title, authors, material_type, search_folded, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  title.run('Đường lên Tây Bắc', '["Nguyễn Tuân"]', 'book', 'duong len tay bac nguyen tuan', at, at);
  title.run('Hoà bình', '[]', 'large_print', 'hoa binh', at, at);
  const item = db().prepare(
    "INSERT INTO items (title_id, barcode, status, created_at, updated_at) VALUES (?, ?, 'available', ?, ?)",
  );
  item.run(1, '30000010000011', at, at);
  item.run(1, '30000010000028', at, at);
  item.run(2, '30000010000035', at, at);
  db()
    .prepare(
      "INSERT INTO patrons (card_number, full_name, name_folded, category, expires_on, created_at, updated_at) VALUES ('c1', 'Lò Văn Đức', 'lo van duc', 'adult', '2027-01-01', ?, ?)",
    )
    .run(at, at);
  db()
    .prepare("INSERT INTO loans (uuid, item_id, patron_id, loaned_at, due_on) VALUES ('l1', 1, 1, ?, '2026-03-24')")
    .run(at);
}

describe('migration 5 (catalogue)', () => {
  it('keeps every title, copy and loan, gives titles a uuid and folded search columns', () => {
    schema4WithData();
    const itemsBefore = db().prepare('SELECT id, title_id, barcode, status FROM items ORDER BY id').all();
    const loansBefore = db().prepare('SELECT * FROM loans').all();
    expect(migrate(db(), 5)).toBe(5);

    expect(db().prepare('SELECT id, title_id, barcode, status FROM items ORDER BY id').all()).toEqual(itemsBefore);
    expect(db().prepare('SELECT * FROM loans').all()).toEqual(loansBefore);
    const titles = db()
      .prepare(
        'SELECT id, uuid, title, sort_key, title_folded, authors_folded, isbn, subjects, needs_completion FROM titles ORDER BY id',
      )
      .all() as Record<string, unknown>[];
    expect(titles).toHaveLength(2);
    expect(titles[0]).toMatchObject({
      title: 'Đường lên Tây Bắc',
      sort_key: collationKey('Đường lên Tây Bắc'),
      title_folded: 'duong len tay bac',
      authors_folded: 'nguyen tuan',
      isbn: '[]',
      subjects: '[]',
      needs_completion: 0,
    });
    for (const t of titles) expect(t.uuid).toMatch(uuidV4);
    expect(new Set(titles.map((t) => t.uuid)).size).toBe(2);

    // The titles already there are in the search index.
    const match = (q: string) =>
      (
        db().prepare('SELECT rowid FROM title_search WHERE title_search MATCH ? ORDER BY rowid').all(q) as {
          rowid: number;
        }[]
      ).map((r) => r.rowid);
    expect(match('"duong"')).toEqual([1]);
    expect(match('"hoa"')).toEqual([2]);
    expect(match('"nguy"*')).toEqual([1]);
    expect(match('authors_folded : "tuan"')).toEqual([1]);
    expect(match('title_folded : "tuan"')).toEqual([]);
    expect(() =>
      db().prepare("INSERT INTO title_search (title_search, rank) VALUES ('integrity-check', 1)").run(),
    ).not.toThrow();
  });

  it('gives a title inserted without a uuid one of its own (version-4 form)', () => {
    migrate(db(), 5);
    db()
      .prepare(
        "INSERT INTO titles (title, material_type, search_folded, created_at, updated_at) VALUES ('x', 'book', 'x', ?, ?)",
      )
      .run(at, at);
    const { uuid } = db().prepare('SELECT uuid FROM titles').get() as { uuid: string };
    expect(uuid).toMatch(uuidV4);
  });

  it('holds accession numbers unique when set, checks acquisition kinds and prices, plans lookups on indexes', () => {
    schema4WithData();
    migrate(db(), 5);
    const set = db().prepare('UPDATE items SET accession_number = ? WHERE id = ?');
    set.run('VV00001', 1);
    set.run(null, 2);
    set.run(null, 3); // several copies may have none
    expect(() => set.run('VV00001', 3)).toThrow(/UNIQUE/u);
    expect(() => db().prepare("UPDATE items SET acquisition_kind = 'theft' WHERE id = 1").run()).toThrow(/CHECK/u);
    expect(() => db().prepare('UPDATE items SET price = -1 WHERE id = 1').run()).toThrow(/CHECK/u);
    expect(() => db().prepare('UPDATE titles SET needs_completion = 2 WHERE id = 1').run()).toThrow(/CHECK/u);
    expect(() =>
      db().prepare('UPDATE titles SET uuid = (SELECT uuid FROM titles WHERE id = 2) WHERE id = 1').run(),
    ).toThrow(/UNIQUE/u);

    const plan = (sql: string, ...args: unknown[]) =>
      (
        db()
          .prepare(`EXPLAIN QUERY PLAN ${sql}`)
          .all(...args) as { detail: string }[]
      )
        .map((r) => r.detail)
        .join(' | ');
    expect(plan('SELECT MAX(accession_seq) FROM items WHERE accession_prefix = ?', 'VV')).toMatch(
      /items_accession_seq/u,
    );
    expect(plan('SELECT id FROM items WHERE accession_number = ?', 'VV1')).toMatch(/items_accession/u);
    expect(plan('SELECT id FROM items WHERE call_number_key >= ? AND call_number_key < ?', 'A', 'B')).toMatch(
      /items_call_number/u,
    );
    expect(plan('SELECT title_id FROM title_isbns WHERE isbn = ?', '1')).toMatch(/PRIMARY KEY|title_isbns/u);
    expect(plan('SELECT id FROM titles WHERE uuid = ?', 'u')).toMatch(/titles_uuid/u);
    expect(plan('SELECT id FROM titles WHERE title_folded = ?', 'x')).toMatch(/titles_title_folded/u);
  });
});
