import { describe, expect, it } from 'vitest';
import { readTitleRecord } from '../../electron/core/catalog/store';
import { migrations } from '../../electron/core/db/migrations';
import { migrate } from '../../electron/core/db/open';
import { Outbox } from '../../electron/core/outbox';
import { databaseForEachTest } from '../helpers/migration-db';

const db = databaseForEachTest();

const before8 = Math.max(...migrations.filter((m) => m.version < 8).map((m) => m.version));
const marcxml = '<?xml version="1.0" encoding="UTF-8"?>\n<record xmlns="http://www.loc.gov/MARC21/slim">\n</record>\n';

/** A title as schema 7 stored it: its MARCXML in the row, and its event with the MARCXML inline. */
function titleOfSchema7(id: number, marc: string | null): void {
  db()
    .prepare(
      `INSERT INTO titles (id, uuid, title, authors, material_type, search_folded, marcxml, created_at, updated_at)
     VALUES (?, ?, 'Truyện Kiều', '["Nguyễn Du"]', 'book', 'truyen kieu', ?, 'x', 'x')`,
    )
    .run(id, `0190a1b2-0000-7000-8000-00000000000${id}`, marc);
  db()
    .prepare(
      `INSERT INTO outbox (device_seq, event_id, device_id, hlc, operator, type, payload, created_at)
     VALUES (?, ?, 'd', 'h', 'o', 'catalog.titleSaved', ?, 'x')`,
    )
    .run(id, `e${id}`, JSON.stringify({ uuid: `t${id}`, marcxml: marc }));
}

describe('migration 8: MARC records kept once', () => {
  it("moves each title's MARCXML into marc_records; titles and the events written before read as they did", () => {
    migrate(db(), before8);
    titleOfSchema7(1, marcxml);
    titleOfSchema7(2, null);
    const payloadsBefore = (
      db().prepare('SELECT payload FROM outbox ORDER BY device_seq').all() as { payload: string }[]
    ).map((r) => JSON.parse(r.payload) as unknown);
    expect(migrate(db(), 8)).toBe(8);
    const columns = (db().prepare('PRAGMA table_info(titles)').all() as { name: string }[]).map((c) => c.name);
    expect(columns).not.toContain('marcxml');
    expect(columns).toContain('marc_id');
    expect(db().prepare('SELECT id, marc_id FROM titles ORDER BY id').all()).toEqual([
      { id: 1, marc_id: 1 },
      { id: 2, marc_id: null },
    ]);
    expect(readTitleRecord(db(), 1)!.marcxml).toBe(marcxml);
    expect(readTitleRecord(db(), 2)!.marcxml).toBeNull();
    const outbox = new Outbox(db(), 'd', () => new Date());
    expect(outbox.read().map((e) => e.payload)).toEqual(payloadsBefore);
    expect(payloadsBefore).toEqual([
      { uuid: 't1', marcxml },
      { uuid: 't2', marcxml: null },
    ]);
    // Search and its triggers still work on the rebuilt table.
    db().prepare("UPDATE titles SET title_folded = 'truyen kieu' WHERE id = 1").run();
    expect(db().prepare("SELECT rowid FROM title_search WHERE title_search MATCH 'kieu'").all()).toEqual([
      { rowid: 1 },
    ]);
  });

  it('a kept MARC record is never edited, and neither is the record an event names', () => {
    migrate(db(), 8);
    db().prepare("INSERT INTO marc_records (id, marcxml) VALUES (7, '<record/>')").run();
    expect(() => db().prepare("UPDATE marc_records SET marcxml = '<other/>' WHERE id = 7").run()).toThrow(
      /never edited/u,
    );
    const outbox = new Outbox(db(), 'd', () => new Date('2026-11-26T08:00:00Z'));
    db().transaction(() => outbox.append('catalog.titleSaved', { uuid: 't', marcxml: null }, 'o', 7))();
    expect(outbox.read()[0]!.payload).toEqual({ uuid: 't', marcxml: '<record/>' });
    expect(db().prepare('SELECT payload, marc_id FROM outbox').get()).toEqual({
      payload: '{"uuid":"t","marcxml":null}',
      marc_id: 7,
    });
    expect(() => db().prepare('UPDATE outbox SET marc_id = NULL').run()).toThrow(/never edited/u);
  });
});
