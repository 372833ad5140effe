import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labelSheets } from '../../electron/core/print/catalog-labels';
import { nextItemBarcode, ok, refused, snapshotTables, tempDesk, tempDir, type TempDesk } from '../helpers/desk';
import { barcodeData, pageSizesMm, pdfText, readBarcodes, renderPages, savePdf } from '../helpers/pdf-tools';

/**
 * Labels and the accession register through the core. Label sheets are
 * rendered at 300 dpi (pdftoppm) and every barcode read back (zbarimg), as the
 * desk's scanner would; the register's text is read with pdftotext.
 */

let desk: TempDesk;
let out: { dir: string; remove: () => void };
const barcodes: string[] = [];

beforeAll(() => {
  desk = tempDesk();
  out = tempDir('library-desk-catalog-pdf-');
  const books = [
    { title: 'Truyện Kiều', authors: ['Nguyễn Du'], call: '895.9221 NG-D', price: 85_000, donor: null },
    { title: 'Đường lên Tây Bắc', authors: ['Nguyễn Tuân'], call: '895.9228 NG-T', price: 62_000, donor: null },
    {
      title: 'Kỹ thuật trồng chè Shan tuyết trên đất dốc vùng cao Lai Châu',
      authors: ['Trần Văn Hoà'],
      call: '633.72 TR-H',
      price: 30_000,
      donor: 'Hội Khuyến học huyện Tam Đường',
    },
  ];
  let n = 0;
  for (const [i, book] of books.entries()) {
    const copies = Array.from({ length: 9 }, (_, c) => {
      n += 1;
      const barcode = nextItemBarcode();
      barcodes.push(barcode);
      return {
        barcode,
        accessionNumber: `VV${String(n).padStart(5, '0')}`,
        callNumber: book.call,
        price: book.price,
        acquisition: book.donor
          ? { kind: 'donation' as const, donor: book.donor, date: `2026-02-0${1 + (c % 3)}` }
          : { kind: 'purchase' as const, date: `2026-0${1 + i}-15` },
      };
    });
    ok(desk.core.call('catalog.saveTitle', { bib: { title: book.title, authors: book.authors }, copies }));
  }
});

afterAll(() => {
  desk.dispose();
  out.remove();
});

describe('labels', () => {
  for (const layout of ['a4-3x8', 'a4-5x13'] as const) {
    it(`${layout}: every barcode reads back, pages are A4, skipped slots stay blank`, async () => {
      const sheet = labelSheets[layout];
      const perSheet = sheet.columns * sheet.rows;
      const skip = layout === 'a4-3x8' ? 5 : 50;
      const doc = ok(await desk.core.call('catalog.labelsPdf', { barcodes, layout, skip }));
      expect(doc.mimeType).toBe('application/pdf');
      expect(doc.pages).toBe(Math.ceil((skip + barcodes.length) / perSheet));
      const pdf = savePdf(out.dir, doc, `labels-${layout}.pdf`);
      for (const size of pageSizesMm(pdf)) {
        expect(size.width).toBeCloseTo(210, 1);
        expect(size.height).toBeCloseTo(297, 1);
      }
      const read = renderPages(pdf, 300).flatMap((png) => readBarcodes(png));
      expect(read.every((r) => r.startsWith('CODE-128:'))).toBe(true);
      expect(read.map(barcodeData).sort()).toEqual([...barcodes].sort());
      if (layout === 'a4-3x8') {
        const text = pdfText(pdf).normalize('NFC');
        // Spine block: the call number split in lines, and the accession number.
        expect(text).toContain('895.9221');
        expect(text).toContain('VV00001');
        expect(text).toContain('Đường lên Tây Bắc');
      }
    });
  }

  it('an unknown barcode is refused: nothing printed, nothing written', async () => {
    const before = snapshotTables(desk.core.db);
    const error = refused(
      await desk.core.call('catalog.labelsPdf', { barcodes: [barcodes[0]!, nextItemBarcode()], layout: 'a4-3x8' }),
    );
    expect(error.code).toBe('NOT_FOUND');
    expect(snapshotTables(desk.core.db)).toEqual(before);
  });
});

describe('accession register', () => {
  it('lists copies of the date range by accession number, with date, title, price and source, landscape A4', async () => {
    const doc = ok(await desk.core.call('catalog.registerPdf', { from: '2026-02-01', to: '2026-02-28' }));
    const pdf = savePdf(out.dir, doc, 'register.pdf');
    for (const size of pageSizesMm(pdf)) {
      expect(size.width).toBeCloseTo(297, 1);
      expect(size.height).toBeCloseTo(210, 1);
    }
    const text = pdfText(pdf).normalize('NFC');
    expect(text).toContain('SỔ ĐĂNG KÝ CÁ BIỆT');
    expect(text).toContain('Từ ngày 01/02/2026 đến ngày 28/02/2026');
    expect(text).toContain('Số ĐKCB');
    // February: Đường lên Tây Bắc (bought 15/02) and the donated tea book; not Truyện Kiều (January).
    expect(text).toContain('VV00010');
    expect(text).toContain('VV00027');
    expect(text).not.toContain('VV00009');
    expect(text.replace(/\s+/gu, ' ')).toContain('Tặng: Hội Khuyến học huyện Tam');
    expect(text).toContain('Mua');
    expect(text).toContain('62.000');
    expect(text).toContain('Cộng: 18 bản');
    // Accession order: VV00010 comes before VV00019.
    expect(text.indexOf('VV00010')).toBeLessThan(text.indexOf('VV00019'));
  });

  it('an empty range says so; a range the wrong way round is refused', async () => {
    const doc = ok(await desk.core.call('catalog.registerPdf', { from: '2020-01-01', to: '2020-01-31' }));
    expect(pdfText(savePdf(out.dir, doc, 'register-empty.pdf')).normalize('NFC')).toContain('Không có bản sách nào');
    expect(refused(await desk.core.call('catalog.registerPdf', { from: '2026-03-01', to: '2026-02-01' })).code).toBe(
      'VALIDATION',
    );
  });
});
