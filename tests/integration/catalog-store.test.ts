import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  findByIsbn,
  findByIsbns,
  findByTitleAuthorYear,
  findByTitlesAuthorYear,
  findTitleByUuid,
  isbnForms,
  readTitleRecord,
  saveTitle,
  type SaveTitleRecord,
} from '../../electron/core/catalog/store';
import { DeskRefusal } from '../../electron/core/errors';
import { titleRecordSchema } from '../../shared/bib';
import { inTransaction } from '../helpers/catalog';
import { nextItemBarcode, ok, registerReader, snapshotTables, tempDesk, type TempDesk } from '../helpers/desk';

let desk: TempDesk;

beforeEach(() => {
  desk = tempDesk();
});
afterEach(() => desk.dispose());

const save = (record: SaveTitleRecord, options?: { fromSync?: boolean }) =>
  inTransaction(desk.core, desk.clock.now(), (ctx) => saveTitle(ctx, record, options));

const events = () => desk.core.outbox.read(0, 100_000);

const kieu = (): SaveTitleRecord => ({
  bib: {
    title: 'Truye\u0302\u0323n Kie\u0302\u0300u', // NFD on purpose: stored NFC
    authors: ['Nguyễn Du'],
    isbn: ['9786049698422'],
    ddc: '895.9221',
    publisher: 'Văn học',
    place: 'Hà Nội',
    year: '2019',
    series: ['Tủ sách Văn học cổ điển'],
    subjects: ['Thơ lục bát', 'Văn học Việt Nam -- Thế kỷ 19'],
    languages: ['vie'],
    materialType: 'book',
  },
  copies: [
    {
      barcode: nextItemBarcode(),
      accessionNumber: 'vv00012',
      callNumber: '895.9221 NG-D',
      location: 'Kho mở',
      price: 85_000,
      acquisition: { kind: 'purchase', date: '2026-01-15' },
    },
    {
      barcode: nextItemBarcode(),
      accessionNumber: 'VV00013',
      acquisition: { kind: 'donation', donor: 'Hội Khuyến học xã Bình Lư', date: '2026-02-01' },
    },
  ],
});

describe('saveTitle', () => {
  it('creates a title with its copies, NFC and tidied, and appends catalog.titleSaved with the stored record', () => {
    const saved = save(kieu());
    expect(saved.id).toBeGreaterThan(0);
    expect(saved.uuid).toMatch(/^[0-9a-f-]{36}$/u);

    const stored = readTitleRecord(desk.core.db, saved.id)!;
    expect(titleRecordSchema.parse(stored)).toEqual(stored);
    expect(stored.bib.title).toBe('Truyện Kiều');
    expect(stored.bib.title).toBe(stored.bib.title.normalize('NFC'));
    expect(stored.copies.map((c) => c.accessionNumber)).toEqual(['VV00012', 'VV00013']);
    expect(stored.copies[0]).toMatchObject({ callNumber: '895.9221 NG-D', price: 85_000, status: 'available' });
    expect(stored.copies[1]!.acquisition).toEqual({
      kind: 'donation',
      donor: 'Hội Khuyến học xã Bình Lư',
      date: '2026-02-01',
    });

    const appended = events();
    expect(appended).toHaveLength(1);
    expect(appended[0]!.type).toBe('catalog.titleSaved');
    expect(appended[0]!.payload).toEqual(stored);
    expect(findTitleByUuid(desk.core.db, saved.uuid)).toEqual(saved);
  });

  it('updates by uuid: description replaced, copies matched by barcode, unlisted copies kept', () => {
    const first = kieu();
    const saved = save(first);
    const [a, b] = first.copies!;
    const extra = nextItemBarcode();
    const again = save({
      uuid: saved.uuid,
      bib: { ...first.bib, title: 'Truyện Kiều (bản chú giải)', isbn: ['9786040000001'] },
      copies: [{ ...a!, location: 'Phòng đọc' }, { barcode: extra }],
    });
    expect(again).toEqual(saved);
    const stored = readTitleRecord(desk.core.db, saved.id)!;
    expect(stored.bib.title).toBe('Truyện Kiều (bản chú giải)');
    expect(stored.copies.map((c) => c.barcode).sort()).toEqual([a!.barcode, b!.barcode, extra].sort());
    expect(stored.copies.find((c) => c.barcode === a!.barcode)!.location).toBe('Phòng đọc');
    expect(findByIsbn(desk.core.db, '9786049698422')).toEqual([]);
    expect(events().map((e) => e.type)).toEqual(['catalog.titleSaved', 'catalog.titleSaved']);
  });

  it('keeps the MARC record once, for the title and its event; an unchanged record is not kept again', () => {
    const db = desk.core.db;
    const marc = (n: number) =>
      `<record xmlns="http://www.loc.gov/MARC21/slim"><leader>0000${n}nam a2200000 a 4500</leader></record>`;
    const first = kieu();
    const saved = save({ ...first, marcxml: marc(1) });
    const count = () => (db.prepare('SELECT COUNT(*) AS n FROM marc_records').get() as { n: number }).n;
    expect(count()).toBe(1);
    // The event's row names the record instead of holding it; read back, the payload is whole.
    expect(db.prepare("SELECT json_extract(payload, '$.marcxml') AS inline, marc_id FROM outbox").get()).toEqual({
      inline: null,
      marc_id: 1,
    });
    expect(events()[0]!.payload).toEqual(readTitleRecord(db, saved.id));
    // An edit that leaves the MARC record alone shares it; one that changes it keeps a new one,
    // and the first event still says what it said.
    save({ ...first, uuid: saved.uuid, bib: { ...first.bib, edition: 'Tái bản' }, marcxml: marc(1) });
    expect(count()).toBe(1);
    save({ ...first, uuid: saved.uuid, marcxml: marc(2) });
    expect(count()).toBe(2);
    expect(events().map((e) => (e.payload as { marcxml: string }).marcxml)).toEqual([marc(1), marc(1), marc(2)]);
    expect(readTitleRecord(db, saved.id)!.marcxml).toBe(marc(2));
  });

  it('creates with a given, unknown uuid (a title made at another desk)', () => {
    const uuid = '1b4e28ba-2fa1-4d2e-883f-0016d3cca427';
    expect(save({ ...kieu(), uuid }).uuid).toBe(uuid);
  });

  it('fromSync writes the record but appends no outbox event', () => {
    const saved = save(kieu(), { fromSync: true });
    expect(readTitleRecord(desk.core.db, saved.id)!.bib.title).toBe('Truyện Kiều');
    expect(events()).toEqual([]);
  });

  it('keeps a copy on loan on loan whatever the record says', () => {
    const record = kieu();
    const saved = save(record);
    const card = registerReader(desk.core, { fullName: 'Lò Văn Pọm' });
    const barcode = record.copies![0]!.barcode;
    ok(desk.core.call('circulation.checkout', { patron: card, item: barcode }));
    save({ ...record, uuid: saved.uuid, copies: [{ ...record.copies![0]!, status: 'available' }] });
    expect(readTitleRecord(desk.core.db, saved.id)!.copies.find((c) => c.barcode === barcode)!.status).toBe('on_loan');
    // …and a record cannot lend a copy that has no loan.
    const other = record.copies![1]!;
    save({ ...record, uuid: saved.uuid, copies: [{ ...other, status: 'on_loan' }] });
    expect(readTitleRecord(desk.core.db, saved.id)!.copies.find((c) => c.barcode === other.barcode)!.status).toBe(
      'available',
    );
  });

  it('refuses a barcode or accession number of another title, or repeated in the record, changing nothing', () => {
    const first = kieu();
    save(first);
    const before = snapshotTables(desk.core.db);
    const attempt = (record: SaveTitleRecord) => {
      let error: unknown;
      try {
        save(record);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(DeskRefusal);
      expect(snapshotTables(desk.core.db)).toEqual(before);
      return error as DeskRefusal;
    };
    const bib = { title: 'Lão Hạc', authors: ['Nam Cao'] };
    expect(attempt({ bib, copies: [{ barcode: first.copies![0]!.barcode }] })).toMatchObject({
      code: 'CONFLICT',
      messageKey: 'CONFLICT_barcode',
    });
    expect(attempt({ bib, copies: [{ barcode: nextItemBarcode(), accessionNumber: 'VV00013' }] })).toMatchObject({
      code: 'CONFLICT',
      messageKey: 'CONFLICT_accession',
    });
    const twice = nextItemBarcode();
    expect(attempt({ bib, copies: [{ barcode: twice }, { barcode: twice }] }).messageKey).toBe('CONFLICT_barcode');
    expect(
      attempt({
        bib,
        copies: [
          { barcode: nextItemBarcode(), accessionNumber: 'TN00001' },
          { barcode: nextItemBarcode(), accessionNumber: 'TN00001' },
        ],
      }).messageKey,
    ).toBe('CONFLICT_accession');
    expect(attempt({ bib: { title: '   ' } }).code).toBe('VALIDATION');
    expect(attempt({ bib: { title: 'x', isbn: ['12-34'] } }).code).toBe('VALIDATION');
    // A 14-digit barcode with a wrong check digit is a misread.
    const bad = nextItemBarcode();
    const wrong = bad.slice(0, 13) + String((Number(bad[13]) + 1) % 10);
    expect(attempt({ bib, copies: [{ barcode: wrong }] }).code).toBe('VALIDATION');
  });
});

describe('duplicate lookups', () => {
  it('findByIsbn finds an ISBN in either form, hyphens allowed', () => {
    const saved = save(kieu());
    expect(findByIsbn(desk.core.db, '978-604-969-842-2').map((m) => m.id)).toEqual([saved.id]);
    const ten = isbnForms('9786049698422')[1]!;
    expect(ten).toMatch(/^\d{9}[\dX]$/u);
    expect(findByIsbn(desk.core.db, ten).map((m) => m.uuid)).toEqual([saved.uuid]);
    expect(findByIsbn(desk.core.db, '9780000000002')).toEqual([]);
    expect(findByIsbn(desk.core.db, 'not an isbn')).toEqual([]);
  });

  it('findByIsbns and findByTitlesAuthorYear answer many at once, each as the one-record functions do', () => {
    // Two titles with the same ISBN and title (a second edition, say): every match, by id.
    const first = save(kieu());
    const second = save({ ...kieu(), bib: { ...kieu().bib, year: '2021' }, copies: [] });
    const other = save({ bib: { title: 'Dế Mèn phiêu lưu ký', authors: ['Tô Hoài'], isbn: ['080442957X'] } });
    const db = desk.core.db;
    const isbns = ['978-604-969-842-2', '9780804429573', '9780000000002', 'not an isbn'];
    const many = findByIsbns(db, isbns);
    expect(many.get('978-604-969-842-2')?.map((m) => m.id)).toEqual([first.id, second.id]);
    expect(many.get('9780804429573')?.map((m) => m.id)).toEqual([other.id]);
    expect([...many.keys()]).toEqual(['978-604-969-842-2', '9780804429573']);
    for (const isbn of isbns) expect(many.get(isbn) ?? []).toEqual(findByIsbn(db, isbn));
    const wanted = [
      { title: 'TRUYEN KIEU', author: 'nguyen du', year: null },
      { title: 'Truyện Kiều', author: null, year: '2021' },
      { title: 'Dế mèn phiêu lưu ký', author: 'Nguyễn Du', year: null },
      { title: '', author: null, year: null },
    ];
    const matches = findByTitlesAuthorYear(db, wanted);
    expect(matches.map((m) => m.map((t) => t.id))).toEqual([[first.id, second.id], [second.id], [], []]);
    wanted.forEach((w, i) => expect(matches[i]).toEqual(findByTitleAuthorYear(db, w.title, w.author, w.year)));
  });

  it('isbnForms converts ISBN-10 and ISBN-13 both ways with correct check digits', () => {
    // The Library of Congress sample: 0-8044-2957-X ↔ 978-0-8044-2957-3.
    expect(isbnForms('080442957X')).toEqual(['080442957X', '9780804429573']);
    expect(isbnForms('9780804429573')).toEqual(['9780804429573', '080442957X']);
    expect(isbnForms('9791234567896')).toEqual(['9791234567896']);
  });

  it('findByTitleAuthorYear compares folded title, any author, the year digits', () => {
    const saved = save(kieu());
    const db = desk.core.db;
    expect(findByTitleAuthorYear(db, 'TRUYEN KIEU', 'nguyen du', '2019').map((m) => m.id)).toEqual([saved.id]);
    expect(findByTitleAuthorYear(db, 'Truyện  Kiều.', 'Nguyễn Du', 'c2019')).toHaveLength(1);
    expect(findByTitleAuthorYear(db, 'Truyện Kiều', null, null)).toHaveLength(1);
    expect(findByTitleAuthorYear(db, 'Truyện Kiều', 'Nguyễn Đu', '2019')).toHaveLength(1);
    expect(findByTitleAuthorYear(db, 'Truyện Kiều', 'Tô Hoài', '2019')).toEqual([]);
    expect(findByTitleAuthorYear(db, 'Truyện Kiều', 'Nguyễn Du', '2020')).toEqual([]);
    expect(findByTitleAuthorYear(db, 'Truyện', 'Nguyễn Du', null)).toEqual([]);
  });
});
