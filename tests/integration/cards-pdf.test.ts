import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeLibraryBarcode } from '../../shared/barcode';
import type { DeskDocument } from '../../shared/patron-record';
import { ok, refused, tempDesk, tempDir, type TempDesk } from '../helpers/desk';
import {
  barcodeData,
  fixtureDataUrl,
  pageSizesMm,
  pdfText,
  readBarcodes,
  renderPages,
  savePdf,
} from '../helpers/pdf-tools';

/**
 * Reader cards through the core: the PDF is rendered to PNG at 300 dpi
 * (pdftoppm) and every card's barcode read back (zbarimg), as a scanner at the
 * desk would; page sizes are checked to 0.1 mm; names come out NFC.
 */

const CARD = { width: 85.6, height: 53.98 };
const A4 = { width: 210, height: 297 };

/** Readers as librarians type them: some names arrive decomposed (NFD), as some keyboards send them. */
const readers: { fullName: string; category?: string; photo?: boolean }[] = [
  { fullName: 'Lò Văn Đức', category: 'adult', photo: true },
  { fullName: 'Nguyễn Thị Thu Hằng Phương'.normalize('NFD'), category: 'pupil', photo: true },
  { fullName: 'Giàng A Páo', category: 'child' },
  { fullName: 'Nguyễn Thị Thu Hằng', category: 'elderly', photo: true },
  { fullName: 'Hoàng Thị Mỷ'.normalize('NFD'), category: 'disabled' },
  { fullName: 'Vàng Seo Chứ', photo: true },
  { fullName: 'Tòng Thị Ánh Nguyệt' },
  { fullName: 'Sùng A Dếnh', category: 'child', photo: true },
  { fullName: 'Nguyễn Hoàng Bảo Ngọc Khánh Linh Thị Thanh Thuỷ Trà My', category: 'pupil' },
  { fullName: 'Lường Văn Thưởng', photo: true },
  { fullName: 'Đèo Văn Khẩm' },
  { fullName: 'Lý Thị Xuyến', category: 'elderly', photo: true },
];

let desk: TempDesk;
let out: { dir: string; remove: () => void };
let cards: string[];

beforeAll(() => {
  desk = tempDesk();
  out = tempDir('library-desk-cards-');
  const photo = fixtureDataUrl('reader-photo.jpg', 'image/jpeg');
  cards = readers.map(
    (r) =>
      ok(
        desk.core.call('patrons.register', {
          fullName: r.fullName,
          category: r.category,
          photo: r.photo ? photo : undefined,
          expiresOn: '2027-03-10',
          acceptDuplicates: true,
        }),
      ).cardNumber,
  );
});

afterAll(() => {
  desk?.dispose();
  out?.remove();
});

async function print(cardNumbers: string[], layout: 'single' | 'sheet'): Promise<DeskDocument> {
  return ok(await desk.core.call('cards.pdf', { cardNumbers, layout }));
}

const expectSize = (size: { width: number; height: number } | undefined, expected: typeof CARD) => {
  expect(size).toBeDefined();
  expect(Math.abs(size!.width - expected.width)).toBeLessThan(0.1);
  expect(Math.abs(size!.height - expected.height)).toBeLessThan(0.1);
};

const printedAudits = () =>
  (
    desk.core.db.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'card.printed'").get() as {
      n: number;
    }
  ).n;

describe('cards.pdf', () => {
  it('prints one ID-1 card whose barcode reads back the card number', async () => {
    const doc = await print([cards[0]!], 'single');
    expect(doc.mimeType).toBe('application/pdf');
    expect(doc.filename).toBe(`the-ban-doc-${cards[0]}.pdf`);
    expect(doc.pages).toBe(1);
    const pdf = savePdf(out.dir, doc, 'single.pdf');
    const sizes = pageSizesMm(pdf);
    expect(sizes).toHaveLength(1);
    expectSize(sizes[0], CARD);

    const [png] = renderPages(pdf, 300);
    const reads = readBarcodes(png!);
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatch(/^codabar:A\d{14}B$/iu);
    expect(barcodeData(reads[0]!)).toBe(cards[0]);
  });

  it('prints one card per page, each page exactly the card, in the single layout', async () => {
    const doc = await print(cards.slice(0, 3), 'single');
    expect(doc.pages).toBe(3);
    const pdf = savePdf(out.dir, doc, 'single-3.pdf');
    const sizes = pageSizesMm(pdf);
    expect(sizes).toHaveLength(3);
    for (const size of sizes) expectSize(size, CARD);
    const pngs = renderPages(pdf, 300);
    expect(pngs.map((png) => readBarcodes(png).map(barcodeData))).toEqual(cards.slice(0, 3).map((c) => [c]));
  });

  it('prints a sheet of 10 on one A4 page, every card readable', async () => {
    const ten = cards.slice(0, 10);
    const doc = await print(ten, 'sheet');
    expect(doc.pages).toBe(1);
    expect(doc.filename).toBe('the-ban-doc-2026-03-10.pdf');
    const pdf = savePdf(out.dir, doc, 'sheet-10.pdf');
    const sizes = pageSizesMm(pdf);
    expect(sizes).toHaveLength(1);
    expectSize(sizes[0], A4);

    const [png] = renderPages(pdf, 300);
    const read = readBarcodes(png!).map(barcodeData);
    expect(read).toHaveLength(10);
    expect(new Set(read)).toEqual(new Set(ten));
  });

  it('puts 12 cards on two A4 pages: ten, then two', async () => {
    const doc = await print(cards, 'sheet');
    expect(doc.pages).toBe(2);
    const pdf = savePdf(out.dir, doc, 'sheet-12.pdf');
    const sizes = pageSizesMm(pdf);
    expect(sizes).toHaveLength(2);
    for (const size of sizes) expectSize(size, A4);
    const [first, second] = renderPages(pdf, 300).map((png) => readBarcodes(png).map(barcodeData));
    expect(new Set(first)).toEqual(new Set(cards.slice(0, 10)));
    expect(new Set(second)).toEqual(new Set(cards.slice(10)));
  });

  it('sets Vietnamese names in NFC, with their tone marks, and the category labels', async () => {
    const doc = await print(cards.slice(0, 5), 'single');
    const text = pdfText(savePdf(out.dir, doc, 'names.pdf'));
    for (const name of [
      'Lò Văn Đức',
      'Nguyễn Thị Thu Hằng Phương',
      'Giàng A Páo',
      'Nguyễn Thị Thu Hằng',
      'Hoàng Thị Mỷ',
    ]) {
      expect(text).toContain(name.normalize('NFC'));
    }
    expect(text).not.toContain('Hằng'.normalize('NFD'));
    expect(text).toContain('THẺ BẠN ĐỌC');
    expect(text).toContain('Thư viện huyện Tam Đường');
    expect(text).toContain('Loại bạn đọc: Người lớn');
    expect(text).toContain('Loại bạn đọc: Học sinh');
    expect(text).toContain('Có giá trị đến: 10/03/2027');
    for (const card of cards.slice(0, 5)) expect(text).toContain(card);
  });

  it('keeps a name too long for one line on the card, wrapped, never cut short', async () => {
    const doc = await print([cards[8]!], 'single');
    const text = pdfText(savePdf(out.dir, doc, 'long-name.pdf')).replace(/\s+/gu, ' ');
    expect(text).toContain('Nguyễn Hoàng Bảo Ngọc Khánh Linh Thị Thanh Thuỷ Trà My');
  });

  it('prints Code 128 when the settings say so, and it reads back too', async () => {
    ok(desk.core.call('settings.update', { cardSymbology: 'code128' }));
    try {
      const doc = await print(cards.slice(0, 10), 'sheet');
      const [png] = renderPages(savePdf(out.dir, doc, 'sheet-code128.pdf'), 300);
      const reads = readBarcodes(png!);
      expect(reads.every((r) => r.startsWith('CODE-128:'))).toBe(true);
      expect(new Set(reads.map(barcodeData))).toEqual(new Set(cards.slice(0, 10)));
    } finally {
      ok(desk.core.call('settings.update', { cardSymbology: 'codabar' }));
    }
  });

  it('prints the library logo from the settings', async () => {
    const logo = fixtureDataUrl('library-logo.png', 'image/png');
    ok(desk.core.call('settings.update', { libraryLogo: logo, libraryName: 'Thư viện huyện Phong Thổ' }));
    try {
      const doc = await print([cards[2]!], 'single');
      const pdf = savePdf(out.dir, doc, 'logo.pdf');
      // The logo is the only image on a card without a photo.
      expect(Buffer.from(doc.base64, 'base64').toString('latin1')).toMatch(/\/Subtype \/Image/u);
      expect(pdfText(pdf)).toContain('Thư viện huyện Phong Thổ');
      const [png] = renderPages(pdf, 300);
      expect(readBarcodes(png!).map(barcodeData)).toEqual([cards[2]]);
    } finally {
      ok(desk.core.call('settings.update', { libraryLogo: null, libraryName: 'Thư viện huyện Tam Đường' }));
    }
  });

  it('prints the placeholder for a damaged photo instead of failing the batch', async () => {
    const truncated = fixtureDataUrl('reader-photo.jpg', 'image/jpeg').slice(0, 120);
    const damaged = ok(
      desk.core.call('patrons.register', { fullName: 'Mùa Thị Dua', photo: truncated, acceptDuplicates: true }),
    ).cardNumber;
    const doc = await print([cards[0]!, damaged], 'sheet');
    const pdf = savePdf(out.dir, doc, 'damaged-photo.pdf');
    expect(pdfText(pdf)).toContain('Mùa Thị Dua');
    const [png] = renderPages(pdf, 300);
    expect(new Set(readBarcodes(png!).map(barcodeData))).toEqual(new Set([cards[0], damaged]));
    const exported = ok(await desk.core.call('patrons.exportPdf', { cardNumber: damaged }));
    expect(pdfText(savePdf(out.dir, exported, 'damaged-export.pdf'))).toContain('Mùa Thị Dua');
  });

  it('audits every card printed', async () => {
    const before = printedAudits();
    await print(cards.slice(0, 4), 'sheet');
    expect(printedAudits()).toBe(before + 4);
    const last = desk.core.db
      .prepare("SELECT subject, details FROM audit_log WHERE action = 'card.printed' ORDER BY id DESC LIMIT 1")
      .get() as { subject: string; details: string };
    expect(last.subject).toBe(cards[3]);
    expect(JSON.parse(last.details)).toEqual({ layout: 'sheet' });
  });

  it('refuses an unknown card with NOT_FOUND and prints nothing, audits nothing', async () => {
    const before = printedAudits();
    const unknown = makeLibraryBarcode(2, 1, 99_999);
    const error = refused(await desk.core.call('cards.pdf', { cardNumbers: [cards[0], unknown], layout: 'sheet' }));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toContain(unknown);
    expect(printedAudits()).toBe(before);
  });

  it('refuses a misread card number (bad check digit) without looking it up', async () => {
    const good = cards[0]!;
    const misread = `${good.slice(0, 13)}${(Number(good[13]) + 1) % 10}`;
    const error = refused(await desk.core.call('cards.pdf', { cardNumbers: [misread], layout: 'single' }));
    expect(error.code).toBe('VALIDATION');
  });

  it('refuses a reader whose personal data was erased', async () => {
    const card = ok(desk.core.call('patrons.register', { fullName: 'Mùa A Chư', acceptDuplicates: true })).cardNumber;
    ok(desk.core.call('patrons.erase', { cardNumber: card, confirmCardNumber: card }));
    const before = printedAudits();
    const error = refused(await desk.core.call('cards.pdf', { cardNumbers: [card], layout: 'single' }));
    expect(error.code).toBe('VALIDATION');
    expect(printedAudits()).toBe(before);
  });

  it('refuses malformed input', async () => {
    expect(refused(await desk.core.call('cards.pdf', { cardNumbers: [], layout: 'sheet' })).code).toBe('VALIDATION');
    expect(refused(await desk.core.call('cards.pdf', { cardNumbers: [cards[0]], layout: 'poster' })).code).toBe(
      'VALIDATION',
    );
  });
});
