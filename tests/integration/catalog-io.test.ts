import { readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TitleRecord } from '../../shared/bib';
import type { DeskEvent } from '../../shared/events';
import type { ChannelInput } from '../../shared/contract';
import { readTitleRecord } from '../../electron/core/catalog/store';
import { readIso2709 } from '../../electron/core/catalog/marc/iso2709-reader';
import { writeIso2709 } from '../../electron/core/catalog/marc/iso2709-writer';
import { dataFields, type MarcRecord } from '../../electron/core/catalog/marc/record';
import { ok, refused, snapshotTables, tempDesk, type TempDesk } from '../helpers/desk';

const fixtures = path.join(__dirname, '../fixtures/marc');
const fixture = (name: string) => readFileSync(path.join(fixtures, name));

let desk: TempDesk;
beforeEach(() => {
  desk = tempDesk();
});
afterEach(() => desk.dispose());

type ImportInput = ChannelInput<'catalogio.import'>;
const importFile = async (core: TempDesk['core'], filename: string, bytes: Buffer, extra: Partial<ImportInput> = {}) =>
  ok(await core.call('catalogio.import', { filename, contentBase64: bytes.toString('base64'), ...extra }));

function allTitles(core: TempDesk['core']): TitleRecord[] {
  const ids = core.db.prepare('SELECT id FROM titles ORDER BY id').all() as { id: number }[];
  return ids.map((r) => readTitleRecord(core.db, r.id)!);
}
const titleCount = (core: TempDesk['core']) =>
  (core.db.prepare('SELECT COUNT(*) AS n FROM titles').get() as { n: number }).n;
const savedEvents = (core: TempDesk['core']) =>
  core.outbox.read(0, 100_000).filter((e) => e.type === 'catalog.titleSaved');

describe('MARC import', () => {
  it('imports the 20 LC records of marc.dat (MARC-8) with their fields, the MARC record kept, one outbox event each', async () => {
    const progress: DeskEvent[] = [];
    desk.core.onEvent((e) => {
      if (e.type === 'progress') progress.push(e);
    });
    const report = await importFile(desk.core, 'marc.dat', fixture('marc.dat'), { jobId: 'job-1' });
    expect(report).toMatchObject({
      format: 'iso2709',
      dryRun: false,
      records: 20,
      imported: 20,
      duplicates: 0,
      failed: 0,
      issueCount: 0,
    });
    const titles = allTitles(desk.core);
    expect(titles).toHaveLength(20);
    expect(titles[0]!.bib).toMatchObject({
      title: 'The pragmatic programmer : from journeyman to master',
      authors: ['Hunt, Andrew', 'Thomas, David'],
      isbn: ['020161622X'],
      year: '2000',
      subjects: ['Computer programming'],
    });
    expect(titles[0]!.marcxml).toContain('<subfield code="a">020161622X</subfield>');
    expect(savedEvents(desk.core)).toHaveLength(20);
    expect(progress.at(-1)).toMatchObject({
      type: 'progress',
      jobId: 'job-1',
      finished: true,
      records: 20,
      done: fixture('marc.dat').length,
    });
  });

  it('a second import of the same file saves nothing: every record is a duplicate by ISBN', async () => {
    await importFile(desk.core, 'marc.dat', fixture('marc.dat'));
    const before = snapshotTables(desk.core.db);
    const report = await importFile(desk.core, 'marc.dat', fixture('marc.dat'));
    expect(report).toMatchObject({ imported: 0, duplicates: 20 });
    expect(report.skipped[0]).toMatchObject({
      recordNumber: 1,
      duplicate: { by: 'isbn', title: 'The pragmatic programmer : from journeyman to master' },
    });
    expect(snapshotTables(desk.core.db)).toEqual(before);
  });

  it('bad_records.mrc: each faulty record reported by number, nothing of it imported', async () => {
    const report = await importFile(desk.core, 'bad.mrc', fixture('bad_records.mrc'));
    expect(report.issues.map((i) => [i.recordNumber, i.code])).toEqual([
      [2, 'BAD_BASE_ADDRESS'],
      [3, 'BAD_BASE_ADDRESS'],
      [4, 'BAD_DIRECTORY'],
      [5, 'BAD_DIRECTORY'],
      [6, 'BAD_LEADER'],
      [7, 'NO_FIELDS'],
    ]);
    // Records 1 and 8 are the same book: the second is a duplicate, never a second title.
    expect(report).toMatchObject({ records: 8, imported: 1, failed: 6, duplicates: 1 });
    expect(titleCount(desk.core)).toBe(1);
  });

  it('a record refused between two good ones of its batch leaves no trace; the others are saved whole', async () => {
    const records: MarcRecord[] = [];
    for await (const item of readIso2709([fixture('marc.dat')])) if (item.kind === 'record') records.push(item.record);
    const withCopies = (record: MarcRecord, barcodes: string[]): Buffer =>
      writeIso2709({
        leader: record.leader,
        fields: [
          ...record.fields,
          ...barcodes.map((p) => ({ tag: '952', ind1: ' ', ind2: ' ', subfields: [{ code: 'p', value: p }] })),
        ],
      });
    // The second record's copy VV-1 was given to the first record earlier in the same batch.
    const file = Buffer.concat([
      withCopies(records[0]!, ['VV-1']),
      withCopies(records[1]!, ['VV-2', 'VV-1']),
      withCopies(records[2]!, ['VV-3']),
    ]);
    const report = await importFile(desk.core, 'three.mrc', file);
    expect(report).toMatchObject({ records: 3, imported: 2, copies: 2, failed: 1 });
    expect(report.issues).toMatchObject([{ recordNumber: 2, code: 'CONFLICT_barcode' }]);
    const titles = allTitles(desk.core);
    expect(titles.map((t) => t.copies.map((c) => c.barcode))).toEqual([['VV-1'], ['VV-3']]);
    const count = (sql: string) => (desk.core.db.prepare(sql).get() as { n: number }).n;
    expect(count("SELECT COUNT(*) AS n FROM items WHERE barcode = 'VV-2'")).toBe(0);
    expect(count('SELECT COUNT(*) AS n FROM title_isbns')).toBe(2);
    expect(count('SELECT COUNT(*) AS n FROM title_search')).toBe(2);
    expect(savedEvents(desk.core).map((e) => (e.payload as TitleRecord).uuid)).toEqual(titles.map((t) => t.uuid));
  });

  it("each title's event is the record as stored: its MARC record, its copies in the database's order", async () => {
    // The events are serialised on the reader thread and completed with the copies once they are written.
    await importFile(desk.core, 'marc.dat', fixture('marc.dat'));
    // Copies listed out of accession order (the database orders them by it), one said to be on loan.
    const csv =
      'title,authors,barcode,accessionNumber,status\nĐường về,Tô Hoài,VV-2,VV00002,on_loan\nĐường về,Tô Hoài,VV-1,VV00001,\n';
    await importFile(desk.core, 'two.csv', Buffer.from(csv));
    const events = savedEvents(desk.core);
    const titles = allTitles(desk.core);
    expect(events).toHaveLength(21);
    expect(events.map((e) => e.payload)).toEqual(titles);
    expect(titles[20]!.copies.map((c) => [c.barcode, c.status])).toEqual([
      ['VV-1', 'available'],
      ['VV-2', 'available'],
    ]);
    expect(titles[0]!.marcxml).toContain('<datafield tag="245"');
    // Each MARC record is kept once, for the title and its event (the spreadsheet's title has none).
    expect(desk.core.db.prepare('SELECT COUNT(*) AS n FROM marc_records').get()).toEqual({ n: 20 });
  });

  it('a truncated file imports every whole record and reports the cut one', async () => {
    const whole = fixture('marc.dat');
    const report = await importFile(desk.core, 'cut.mrc', whole.subarray(0, whole.length - 200));
    expect(report).toMatchObject({ imported: 19, failed: 1 });
    expect(report.issues).toMatchObject([{ recordNumber: 20, code: 'TRUNCATED' }]);
    expect(titleCount(desk.core)).toBe(19);
  });

  it('a dry run reports what would happen and changes nothing, duplicates within the file included', async () => {
    const before = snapshotTables(desk.core.db);
    const twice = Buffer.concat([fixture('marc.dat'), fixture('marc.dat')]);
    const report = await importFile(desk.core, 'twice.mrc', twice, { dryRun: true });
    expect(report).toMatchObject({ dryRun: true, records: 40, imported: 20, duplicates: 20, failed: 0 });
    expect(snapshotTables(desk.core.db)).toEqual(before);
  });

  it('imports MARCXML (batch.xml)', async () => {
    const report = await importFile(desk.core, 'batch.xml', fixture('batch.xml'));
    expect(report.format).toBe('marcxml');
    expect(report.imported).toBeGreaterThanOrEqual(2);
    expect(allTitles(desk.core)[0]!.bib).toMatchObject({ title: 'The Great Ray Charles', materialType: 'audio' });
  });

  it('refuses a second import while one runs', async () => {
    const first = desk.core.call('catalogio.import', {
      filename: 'marc.dat',
      contentBase64: fixture('marc.dat').toString('base64'),
    });
    const second = await desk.core.call('catalogio.import', {
      filename: 'marc.dat',
      contentBase64: fixture('marc.dat').toString('base64'),
    });
    expect(refused(second).code).toBe('CONFLICT');
    expect(ok(await first).imported).toBe(20);
  });

  it('refuses a file over the size cap with VALIDATION before reading it', async () => {
    const error = refused(
      await desk.core.call('catalogio.import', { filename: 'x.mrc', contentBase64: 'A'.repeat(28_000_000) }),
    );
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toMatch(/20 MB/u);
  });
});

const csvText = [
  'Nhan đề,Tác giả,ISBN,Năm xuất bản,Nhà xuất bản,Mã vạch,Số ĐKCB,Giá,Loại tài liệu',
  'Dế Mèn phiêu lưu ký,Tô Hoài,9786042088058,2019,Kim Đồng,VV-1001,VV00001,"45.000",Sách',
  'Dế Mèn phiêu lưu ký,Tô Hoài,9786042088058,2019,Kim Đồng,VV-1002,VV00002,"45.000",Sách',
  'Truyện Kiều,Nguyễn Du,not-an-isbn,2015,Văn học,VV-1003,VV00003,30000,Sách',
  'Vợ chồng A Phủ,Tô Hoài,,2020,Kim Đồng,VV-1004,VV00004,,chữ nổi',
  ',Không tên,,,,VV-1005,,,',
].join('\r\n');

describe('CSV and Excel import', () => {
  const csv = Buffer.from(`\ufeff${csvText}\r\n`, 'utf8');

  it('preview suggests the mapping from Vietnamese headers and shows rows as titles with copies and errors', async () => {
    const preview = ok(
      await desk.core.call('catalogio.preview', { filename: 'sach.csv', contentBase64: csv.toString('base64') }),
    );
    expect(preview.format).toBe('csv');
    expect(preview.columns[0]).toBe('Nhan đề');
    expect(preview.mapping).toMatchObject({
      title: 'Nhan đề',
      authors: 'Tác giả',
      isbn: 'ISBN',
      year: 'Năm xuất bản',
      barcode: 'Mã vạch',
      accessionNumber: 'Số ĐKCB',
      price: 'Giá',
    });
    expect(preview.rows.map((r) => r.recordNumber)).toEqual([2, 4, 5, 6]);
    expect(preview.rows[0]!.bib).toMatchObject({
      title: 'Dế Mèn phiêu lưu ký',
      authors: ['Tô Hoài'],
      isbn: ['9786042088058'],
    });
    expect(preview.rows[0]!.copies.map((c) => [c.barcode, c.accessionNumber, c.price])).toEqual([
      ['VV-1001', 'VV00001', 45000],
      ['VV-1002', 'VV00002', 45000],
    ]);
    expect(preview.rows[1]!.issues).toMatchObject([{ recordNumber: 4, field: 'ISBN', code: 'BAD_VALUE' }]);
    expect(preview.rows[2]!.bib?.materialType).toBe('braille');
    expect(preview.rows[3]!.issues).toMatchObject([{ recordNumber: 6, code: 'NO_TITLE' }]);
    expect(titleCount(desk.core)).toBe(0);
  });

  it('imports with an explicit mapping: good titles with their copies, bad rows reported and left out', async () => {
    const mapping = { title: 'Nhan đề', authors: 'Tác giả', year: 'Năm xuất bản', barcode: 'Mã vạch' };
    const report = await importFile(desk.core, 'sach.csv', csv, { mapping });
    // Without the ISBN column, Truyện Kiều's bad ISBN is no error; the untitled row still is.
    expect(report).toMatchObject({ records: 4, imported: 3, failed: 1, copies: 4 });
    const titles = allTitles(desk.core);
    expect(titles.map((t) => t.bib.title)).toEqual(['Dế Mèn phiêu lưu ký', 'Truyện Kiều', 'Vợ chồng A Phủ']);
    expect(titles[0]!.bib.isbn).toEqual([]);
    expect(titles[0]!.copies.map((c) => c.barcode)).toEqual(['VV-1001', 'VV-1002']);
  });

  it('a dry run of a spreadsheet changes nothing; a duplicate by title, author and year is skipped', async () => {
    // Same title, author (written without tone marks) and year, no ISBN: the duplicate rule's second half.
    await importFile(desk.core, 'one.csv', Buffer.from('title,authors,year\nVợ chồng A Phủ,To Hoai,2020\n'));
    const before = snapshotTables(desk.core.db);
    const dry = await importFile(desk.core, 'sach.csv', csv, { dryRun: true });
    expect(snapshotTables(desk.core.db)).toEqual(before);
    expect(dry).toMatchObject({ imported: 1, failed: 2, duplicates: 1 });
    expect(dry.skipped).toMatchObject([
      { recordNumber: 5, duplicate: { by: 'titleAuthorYear', title: 'Vợ chồng A Phủ' } },
    ]);
    const real = await importFile(desk.core, 'sach.csv', csv);
    expect(real).toMatchObject({ imported: 1, failed: 2, duplicates: 1 });
    expect(titleCount(desk.core)).toBe(2);
  });

  it('a record whose copy barcode is already in use is refused whole (no title, no copies)', async () => {
    ok(desk.core.call('catalog.addTitle', { title: 'Có sẵn', copies: [] }));
    const first = await importFile(desk.core, 'a.csv', Buffer.from('title,barcode\nSách một,VV-9\n'));
    expect(first.imported).toBe(1);
    const second = await importFile(desk.core, 'b.csv', Buffer.from('title,barcode\nSách hai,VV-8\nSách hai,VV-9\n'));
    expect(second).toMatchObject({ imported: 0, failed: 1 });
    expect(second.issues).toMatchObject([{ recordNumber: 2, code: 'CONFLICT_barcode', field: 'barcode' }]);
    expect(allTitles(desk.core).map((t) => t.bib.title)).toEqual(['Có sẵn', 'Sách một']);
    expect(desk.core.db.prepare("SELECT COUNT(*) AS n FROM items WHERE barcode = 'VV-8'").get()).toEqual({ n: 0 });
  });

  it('imports an Excel workbook the same way', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Sổ');
    for (const line of csvText.split('\r\n'))
      sheet.addRow(line.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/u).map((c) => c.replace(/^"|"$/gu, '')));
    sheet.getCell('D2').value = 2019; // a number cell, as Excel keeps years
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const preview = ok(
      await desk.core.call('catalogio.preview', { filename: 'sach.xlsx', contentBase64: bytes.toString('base64') }),
    );
    expect(preview.format).toBe('xlsx');
    expect(preview.rows[0]!.bib).toMatchObject({ title: 'Dế Mèn phiêu lưu ký', year: '2019' });
    const report = await importFile(desk.core, 'sach.xlsx', bytes);
    expect(report).toMatchObject({ format: 'xlsx', records: 4, imported: 2, failed: 2, copies: 3 });
  });
});

describe('export → import round-trip', () => {
  async function seedCatalogue(core: TempDesk['core']) {
    await importFile(core, 'marc.dat', fixture('marc.dat'));
    await importFile(core, 'sach.csv', Buffer.from(`${csvText}\r\n`), {
      mapping: {
        title: 'Nhan đề',
        authors: 'Tác giả',
        isbn: 'ISBN',
        year: 'Năm xuất bản',
        publisher: 'Nhà xuất bản',
        barcode: 'Mã vạch',
        accessionNumber: 'Số ĐKCB',
        price: 'Giá',
        materialType: 'Loại tài liệu',
      },
    });
  }
  const strip = (titles: TitleRecord[]) => titles.map((t) => ({ bib: t.bib, copies: t.copies }));

  it.each(['iso2709', 'marcxml', 'csv', 'xlsx'] as const)(
    '%s: a fresh desk importing the export holds the same titles and copies',
    async (format) => {
      await seedCatalogue(desk.core);
      const original = allTitles(desk.core);
      expect(original.length).toBe(22);
      const file = ok(await desk.core.call('catalogio.export', { format }));
      expect(file).toMatchObject({ titles: 22, copies: 3 });
      const other = tempDesk();
      try {
        const report = await importFile(other.core, file.filename, Buffer.from(file.base64, 'base64'));
        expect(report).toMatchObject({ format, imported: 22, failed: 0, copies: 3 });
        expect(strip(allTitles(other.core))).toEqual(strip(original));
      } finally {
        other.dispose();
      }
    },
  );

  it('exports a kept MARC record as it came (fields of marc.dat record 1), holdings in 952', async () => {
    await seedCatalogue(desk.core);
    const file = ok(await desk.core.call('catalogio.export', { format: 'iso2709' }));
    const exported: import('../../electron/core/catalog/marc/record').MarcRecord[] = [];
    for await (const item of readIso2709([Buffer.from(file.base64, 'base64')]))
      if (item.kind === 'record') exported.push(item.record);
    const originals: typeof exported = [];
    for await (const item of readIso2709([fixture('marc.dat')]))
      if (item.kind === 'record') originals.push(item.record);
    expect(exported[0]!.fields).toEqual(originals[0]!.fields);
    expect(exported[0]!.leader[9]).toBe('a');
    const deMen = exported.find((r) => dataFields(r, '245')[0]?.subfields[0]?.value === 'Dế Mèn phiêu lưu ký')!;
    expect(dataFields(deMen, '952').map((f) => f.subfields.find((s) => s.code === 'p')?.value)).toEqual([
      'VV-1001',
      'VV-1002',
    ]);
  });

  it('CSV export starts with a UTF-8 BOM and keeps Vietnamese NFC', async () => {
    await seedCatalogue(desk.core);
    const bytes = Buffer.from(ok(await desk.core.call('catalogio.export', { format: 'csv' })).base64, 'base64');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text).toContain('Dế Mèn phiêu lưu ký'.normalize('NFC'));
    expect(text).toBe(text.normalize('NFC'));
  });
});
