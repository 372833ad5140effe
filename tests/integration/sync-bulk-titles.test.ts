import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from 'better-sqlite3';
import { makeLibraryBarcode } from '../../shared/barcode';
import type { TitleRecord } from '../../shared/bib';
import { pullResponseSchema, type PullChange, type PullResponse } from '../../shared/sync-protocol';
import { applyPage, type ApplyContext } from '../../electron/core/sync/apply';
import { PulledTitleBatch } from '../../electron/core/sync/bulk-titles';
import { applyTitle, syncCtx } from '../../electron/core/sync/titles';
import { addTitle, tempDesk, type TempDesk } from '../helpers/desk';

/**
 * New titles of a pull page are written in bulk (electron/core/sync/bulk-titles.ts):
 * what they leave in the database must be what the catalogue's store leaves.
 */

let bulk: TempDesk;
let store: TempDesk;

beforeEach(() => {
  bulk = tempDesk();
  store = tempDesk();
});
afterEach(() => {
  bulk.dispose();
  store.dispose();
});

const NOW = '2026-03-10T10:00:00.000+07:00';

function applyContext(desk: TempDesk): ApplyContext {
  const { db, deviceId } = desk.core;
  return { db, deviceId, nowIso: NOW, ctx: syncCtx(db, deviceId, desk.clock.now(), NOW) };
}

const uuid = (n: number) => `5b0f1d9e-8a55-4a1e-9a43-${n.toString(16).padStart(12, '0')}`;
const barcode = (n: number) => makeLibraryBarcode(3, 7, n);

/** A page as the client hands it over: parsed by the protocol's schema, defaults filled in. */
function page(changes: unknown[], cursor = 'c1'): PullResponse {
  return pullResponseSchema.parse({ changes, cursor, more: false });
}

const title = (n: number, bib: Record<string, unknown> = {}, copies: unknown[] = [{ barcode: barcode(n) }]) => ({
  kind: 'title',
  title: { uuid: uuid(n), bib: { title: `Sách số ${n}`, ...bib }, copies },
});

/** The catalogue as stored, and what its search index finds. */
function catalogue(db: Database) {
  const fts = (q: string) =>
    (
      db.prepare('SELECT rowid FROM title_search WHERE title_search MATCH ? ORDER BY rowid').all(q) as {
        rowid: number;
      }[]
    ).map((r) => r.rowid);
  db.prepare("INSERT INTO title_search (title_search) VALUES ('integrity-check')").run();
  return {
    titles: db.prepare('SELECT * FROM titles ORDER BY id').all(),
    items: db.prepare('SELECT * FROM items ORDER BY id').all(),
    isbns: db.prepare('SELECT * FROM title_isbns ORDER BY isbn, title_id').all(),
    outbox: db.prepare('SELECT COUNT(*) AS n FROM outbox').get(),
    search: ['truyen', 'kieu', 'nguyen', 'th*', 'van', 'hoc', 'so', '7', 'lai', 'chau'].map(fts),
  };
}

const varied = (): unknown[] => [
  title(1, {
    // NFD, doubled spaces, repeats: stored tidied, as the store does.
    title: '  Truye\u0302\u0323n   Kie\u0302\u0300u ',
    responsibility: 'Nguyễn Du ; Đào Duy Anh chú giải',
    authors: ['Nguyễn Du', 'Nguyễn Du', ' Đào Duy Anh '],
    isbn: ['9786049698422', '6049698428'],
    ddc: '895.9221',
    edition: 'Tái bản lần thứ 3',
    place: 'Hà Nội',
    publisher: 'Văn học',
    year: 'c2019',
    extent: '250 tr.',
    series: ['Tủ sách Văn học cổ điển'],
    subjects: ['Thơ lục bát', 'Văn học Việt Nam -- Thế kỷ 19'],
    languages: ['vie'],
  }),
  {
    kind: 'title',
    title: {
      uuid: uuid(2),
      bib: { title: 'Dân ca Thái', authors: ['Lò Văn Ể'], materialType: 'audio', subjects: ['Dân ca -- Lai Châu'] },
      marcxml: '<record xmlns="http://www.loc.gov/MARC21/slim"><leader>00000nam a2200000 a 4500</leader></record>',
      needsCompletion: true,
      copies: [
        {
          barcode: barcode(20),
          accessionNumber: 'vv00123',
          callNumber: '398.8 D121',
          location: 'Kho mở',
          status: 'on_loan', // lent at another desk: no loan here, so available here
          loanable: false,
          price: 45_000,
          acquisition: { kind: 'donation', donor: ' Hội Phụ nữ ', date: '2025-11-02' },
        },
        { barcode: barcode(21), status: 'in_rotation', accessionNumber: 'VV124' },
        { barcode: ` ${barcode(22)} `, status: 'damaged' },
      ],
    },
  },
  title(3, { title: 'Không có bản sách' }, []),
  title(4, { title: 'Kỹ thuật trồng lúa nương, tập 7', isbn: ['9786049698422'] }),
  // The same uuid again later in the page: the hub's newer word, an update.
  title(1, { title: 'Truyện Kiều (bản mới)', authors: ['Nguyễn Du'] }, [{ barcode: barcode(1), status: 'lost' }]),
  title(5, { title: 'ΑΒΓ Ελληνικά και 中文' }),
  title(6, { title: 'Nửa ký tự \ud800', authors: ['\udfff'] }),
];

describe('new titles of a pull page, in bulk', () => {
  it('leave what the catalogue store leaves: rows, copies, ISBNs, search, no outbox event', () => {
    const p = page(varied());
    expect(applyPage(applyContext(bulk), p)).toEqual({ applied: 7, skipped: 0 });

    const a = applyContext(store);
    for (const change of p.changes) {
      if (change.kind !== 'title') throw new Error('titles only');
      store.core.db.transaction(() => applyTitle(a.ctx, change.title))();
    }
    expect(catalogue(bulk.core.db)).toEqual(catalogue(store.core.db));
    expect(catalogue(bulk.core.db).titles).toHaveLength(6);
    expect(catalogue(bulk.core.db).outbox).toEqual({ n: 0 });
  });

  it('a page pulled again (a desk enrolled again) leaves titles it holds unchanged alone, and still takes changes', () => {
    const db = bulk.core.db;
    const writes = () => (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
    const plain = [
      title(7, { authors: ['Lò Văn Ể'], isbn: ['9786049698422'], subjects: ['Dân ca -- Lai Châu'] }),
      title(8, {}, [{ barcode: barcode(8), accessionNumber: 'VV8', callNumber: '398.8 D121', price: 45_000 }]),
    ];
    expect(applyPage(applyContext(bulk), page(plain))).toEqual({ applied: 2, skipped: 0 });
    const before = catalogue(db);
    const start = writes();
    expect(applyPage(applyContext(bulk), page(plain, 'c2'))).toEqual({ applied: 2, skipped: 0 });
    // Only the cursor moved: no title, copy, ISBN or search row was written again.
    expect(writes() - start).toBe(1);
    expect(catalogue(db)).toEqual(before);

    // The whole varied page twice: the same catalogue as once.
    expect(applyPage(applyContext(bulk), page(varied(), 'c3'))).toEqual({ applied: 7, skipped: 0 });
    const once = catalogue(db);
    expect(applyPage(applyContext(bulk), page(varied(), 'c4'))).toEqual({ applied: 7, skipped: 0 });
    expect(catalogue(db)).toEqual(once);

    // A change however small is taken: one more subject.
    applyPage(
      applyContext(bulk),
      page(
        [title(7, { authors: ['Lò Văn Ể'], isbn: ['9786049698422'], subjects: ['Dân ca -- Lai Châu', 'Thái'] })],
        'c5',
      ),
    );
    expect(db.prepare('SELECT subjects FROM titles WHERE uuid = ?').get(uuid(7))).toEqual({
      subjects: JSON.stringify(['Dân ca -- Lai Châu', 'Thái']),
    });
  });

  it('keeps the page order: a copy change and a title change after a batched title see it', () => {
    const p = page([
      title(1),
      { kind: 'copy', titleUuid: uuid(1), copy: { barcode: barcode(2), status: 'in_rotation' } },
      title(1, { title: 'Sách số 1, sửa lại' }, [{ barcode: barcode(1), status: 'damaged' }]),
      title(3),
    ]);
    expect(applyPage(applyContext(bulk), p)).toEqual({ applied: 4, skipped: 0 });
    const db = bulk.core.db;
    expect(db.prepare('SELECT uuid, title FROM titles ORDER BY id').all()).toEqual([
      { uuid: uuid(1), title: 'Sách số 1, sửa lại' },
      { uuid: uuid(3), title: 'Sách số 3' },
    ]);
    expect(db.prepare('SELECT barcode, status FROM items ORDER BY barcode').all()).toEqual([
      { barcode: barcode(1), status: 'damaged' },
      { barcode: barcode(2), status: 'in_rotation' },
      { barcode: barcode(3), status: 'available' },
    ]);
    expect(db.prepare('SELECT pull_cursor FROM sync_state').get()).toEqual({ pull_cursor: 'c1' });
  });

  it('a refused title in the page is skipped with an audit line; the others and the cursor are stored', () => {
    const [own] = addTitle(bulk.core, { title: 'Sách của quầy này' });
    const p = page([title(1), title(2, {}, [{ barcode: own }]), title(3)]);
    expect(applyPage(applyContext(bulk), p)).toEqual({ applied: 2, skipped: 1 });
    const db = bulk.core.db;
    expect(
      db.prepare('SELECT uuid FROM titles WHERE uuid IS NOT NULL AND title LIKE ? ORDER BY id').all('Sách số%'),
    ).toEqual([{ uuid: uuid(1) }, { uuid: uuid(3) }]);
    expect(db.prepare("SELECT subject FROM audit_log WHERE action = 'sync.skipped'").all()).toEqual([
      { subject: uuid(2) },
    ]);
    expect(db.prepare('SELECT pull_cursor FROM sync_state').get()).toEqual({ pull_cursor: 'c1' });
  });

  it('a page that fails when it stores its cursor keeps none of its titles; applied again, each once', () => {
    const db = bulk.core.db;
    const a = applyContext(bulk);
    db.exec(`CREATE TEMP TRIGGER fail_cursor BEFORE UPDATE OF pull_cursor ON sync_state
      WHEN NEW.pull_cursor = 'c2' BEGIN SELECT RAISE(ABORT, 'power cut'); END`);
    applyPage(a, page([title(1), title(2)], 'c1'));
    expect(() => applyPage(a, page([title(3), title(4)], 'c2'))).toThrow(/power cut/u);
    const uuids = () =>
      (db.prepare('SELECT uuid FROM titles ORDER BY id').all() as { uuid: string }[]).map((r) => r.uuid);
    expect(uuids()).toEqual([uuid(1), uuid(2)]);
    expect(db.prepare('SELECT pull_cursor FROM sync_state').get()).toEqual({ pull_cursor: 'c1' });
    db.exec('DROP TRIGGER fail_cursor');
    expect(applyPage(a, page([title(3), title(4)], 'c2'))).toEqual({ applied: 2, skipped: 0 });
    expect(uuids()).toEqual([uuid(1), uuid(2), uuid(3), uuid(4)]);
    expect(db.prepare('SELECT COUNT(*) AS n FROM items').get()).toEqual({ n: 4 });
    expect(catalogue(db).search[6]).toHaveLength(4); // "so": every title, once
    expect(db.prepare('SELECT COUNT(*) AS n FROM temp.new_titles').get()).toEqual({ n: 0 });
  });

  it('takes only new titles with new copies; leaves every other case to the store', () => {
    const [own] = addTitle(bulk.core, { title: 'Sách của quầy này' });
    const db = bulk.core.db;
    db.prepare("UPDATE items SET accession_number = 'VV00001' WHERE barcode = ?").run(own);
    const known = (db.prepare('SELECT uuid FROM titles').get() as { uuid: string }).uuid;
    const record = (change: unknown): TitleRecord =>
      (page([change]).changes[0] as Extract<PullChange, { kind: 'title' }>).title;
    const misread = barcode(9).slice(0, 13) + String((Number(barcode(9).slice(13)) + 1) % 10);

    db.transaction(() => {
      const batch = new PulledTitleBatch(applyContext(bulk).ctx);
      expect(batch.add(record(title(1)))).toBe(true);
      expect(batch.add(record(title(1, {}, [])))).toBe(false); // uuid already in the batch
      expect(batch.add(record({ ...title(2), title: { ...title(2).title, uuid: known } }))).toBe(false);
      expect(batch.add(record(title(3, {}, [{ barcode: own }])))).toBe(false); // a copy of this desk
      expect(batch.add(record(title(4, {}, [{ barcode: barcode(1) }])))).toBe(false); // a copy in the batch
      expect(batch.add(record(title(5, {}, [{ barcode: barcode(5), accessionNumber: 'VV00001' }])))).toBe(false);
      expect(batch.add(record(title(6, {}, [{ barcode: barcode(6), accessionNumber: 'VV7' }])))).toBe(true);
      expect(batch.add(record(title(7, {}, [{ barcode: barcode(7), accessionNumber: 'vv7' }])))).toBe(false);
      expect(batch.add(record(title(8, {}, [{ barcode: barcode(8) }, { barcode: barcode(8) }])))).toBe(false);
      expect(batch.add(record(title(9, {}, [{ barcode: misread }])))).toBe(false);
      expect(batch.add(record(title(10, { title: '   ' })))).toBe(false);
      batch.flush();
      // After a flush, what was written is known to the desk.
      expect(batch.add(record(title(6, {}, [])))).toBe(false);
      expect(batch.add(record(title(12, {}, [{ barcode: barcode(1) }])))).toBe(false);
    })();
    expect(db.prepare('SELECT uuid FROM titles WHERE uuid <> ? ORDER BY id').all(known)).toEqual([
      { uuid: uuid(1) },
      { uuid: uuid(6) },
    ]);
  });
});
