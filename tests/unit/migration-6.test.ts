import { describe, expect, it } from 'vitest';
import { migrate } from '../../electron/core/db/open';
import { databaseForEachTest } from '../helpers/migration-db';

const db = databaseForEachTest();

const at = '2026-03-10T10:00:00.000+07:00';

/** A version-4 database with readers (one with a recorded disability), a title, a copy and an open loan. */
function seedVersion4(): void {
  migrate(db(), 4);
  const reader = db().prepare(
    `INSERT INTO patrons (card_number, full_name, name_folded, category, expires_on, created_at, updated_at,
       disability, consent_given_at, consent_recorded_by)
     VALUES (?, ?, ?, ?, '2027-01-01', ?, ?, ?, ?, ?)`,
  );
  reader.run('c1', 'Lò Văn Đức', 'lo van duc', 'disabled', at, at, 'Nhìn kém', at, 'thủ thư');
  reader.run('c2', 'Đặng Thị Hoà', 'dang thi hoa', 'adult', at, at, null, null, null);
  db()
    .prepare(
      "INSERT INTO titles (title, authors, material_type, search_folded, created_at, updated_at) VALUES ('Sách', '[]', 'book', 'sach', ?, ?)",
    )
    .run(at, at);
  db()
    .prepare("INSERT INTO items (title_id, barcode, status, created_at, updated_at) VALUES (1, 'i1', 'on_loan', ?, ?)")
    .run(at, at);
  db()
    .prepare("INSERT INTO loans (uuid, item_id, patron_id, loaned_at, due_on) VALUES ('u1', 1, 1, ?, '2026-03-24')")
    .run(at);
}

describe('migration 6: reader services', () => {
  it('applies to a database with data and keeps every row as it was', () => {
    seedVersion4();
    const before = db().prepare('SELECT id, card_number, full_name, disability, consent_given_at FROM patrons').all();
    expect(migrate(db(), 6)).toBe(6);
    expect(db().prepare('SELECT id, card_number, full_name, disability, consent_given_at FROM patrons').all()).toEqual(
      before,
    );
    // New columns start empty: no language chosen, no needs recorded (needs are set with the reader).
    expect(db().prepare('SELECT preferred_language, needs, needs_note FROM patrons').all()).toEqual([
      { preferred_language: null, needs: null, needs_note: null },
      { preferred_language: null, needs: null, needs_note: null },
    ]);
    expect(
      db().prepare('SELECT due_on, proxy_card, proxy_name, return_proxy_card, return_proxy_name FROM loans').get(),
    ).toEqual({
      due_on: '2026-03-24',
      proxy_card: null,
      proxy_name: null,
      return_proxy_card: null,
      return_proxy_name: null,
    });
  });

  it('seeds the need policies: visual and mobility +14 days and +2 items, hearing and other nothing', () => {
    migrate(db(), 6);
    expect(db().prepare('SELECT * FROM need_policies ORDER BY need').all()).toEqual([
      { need: 'hearing', extra_loan_days: 0, extra_items: 0, extra_renewals: 0 },
      { need: 'mobility', extra_loan_days: 14, extra_items: 2, extra_renewals: 0 },
      { need: 'other', extra_loan_days: 0, extra_items: 0, extra_renewals: 0 },
      { need: 'visual', extra_loan_days: 14, extra_items: 2, extra_renewals: 0 },
    ]);
  });

  it('holds its rules in the schema: languages, proxies, deliveries', () => {
    seedVersion4();
    migrate(db(), 6);
    expect(() => db().prepare("UPDATE patrons SET preferred_language = 'fr' WHERE id = 1").run()).toThrow(/CHECK/u);
    db().prepare("UPDATE patrons SET preferred_language = 'en' WHERE id = 1").run();
    // A proxy is a reader or a name with an ID document; never the reader themselves.
    const proxy = db().prepare(
      'INSERT INTO patron_proxies (patron_id, proxy_patron_id, full_name, id_number, added_at, added_by) VALUES (?, ?, ?, ?, ?, ?)',
    );
    expect(() => proxy.run(1, null, 'Lò Thị Xuân', null, at, 'x')).toThrow(/CHECK/u);
    expect(() => proxy.run(1, 1, null, null, at, 'x')).toThrow(/CHECK/u);
    proxy.run(1, 2, null, null, at, 'x');
    proxy.run(1, null, 'Lò Thị Xuân', '012190000321', at, 'x');
    // A delivery asks for something; its status is one of four.
    const delivery = db().prepare(
      'INSERT INTO deliveries (uuid, patron_id, items, text, status, requested_at, requested_by) VALUES (?, 1, ?, ?, ?, ?, ?)',
    );
    expect(() => delivery.run('d1', '[]', null, 'requested', at, 'x')).toThrow(/CHECK/u);
    expect(() => delivery.run('d2', '["i1"]', null, 'lost', at, 'x')).toThrow(/CHECK/u);
    delivery.run('d3', '["i1"]', null, 'requested', at, 'x');
    const plan = (
      db().prepare("EXPLAIN QUERY PLAN SELECT id FROM deliveries WHERE status = 'requested'").all() as {
        detail: string;
      }[]
    )
      .map((r) => r.detail)
      .join(' ');
    expect(plan).toMatch(/deliveries_status/u);
  });
});
