import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelInput } from '../../shared/contract';
import { nextItemBarcode, ok, registerReader, tempDesk, type TempDesk } from '../helpers/desk';

let desk: TempDesk;
const barcodes: Record<string, string> = {};

function save(key: string, input: ChannelInput<'catalog.saveTitle'>) {
  const saved = ok(desk.core.call('catalog.saveTitle', input));
  if (input.copies?.[0]) barcodes[key] = input.copies[0].barcode;
  return saved;
}

beforeEach(() => {
  desk = tempDesk();
  save('duong', {
    bib: {
      title: 'Đường lên Tây Bắc',
      authors: ['Nguyễn Tuân'],
      subjects: ['Du ký', 'Tây Bắc (Việt Nam)'],
      series: ['Văn học Việt Nam hiện đại'],
      isbn: ['9786049698422'],
      materialType: 'book',
    },
    copies: [
      { barcode: nextItemBarcode(), accessionNumber: 'VV00001', callNumber: '895.9228 NG-T' },
      { barcode: nextItemBarcode(), accessionNumber: 'VV00002', callNumber: '895.9228 NG-T' },
    ],
  });
  save('hoaHuyen', {
    bib: { title: 'Hoà bình và chiến tranh', authors: ['Lép Tônxtôi'], materialType: 'large_print' },
    copies: [{ barcode: nextItemBarcode(), accessionNumber: 'VN00001' }],
  });
  save('hoaOld', {
    bib: { title: 'Hòa giải ở cơ sở', authors: ['Bộ Tư pháp'], subjects: ['Pháp luật'], materialType: 'book' },
    copies: [{ barcode: nextItemBarcode() }],
  });
  save('kieu', {
    bib: {
      title: 'Truyện Kiều',
      authors: ['Nguyễn Du'],
      subjects: ['Thơ lục bát'],
      series: ['Tủ sách Hoa ban'],
      materialType: 'braille',
    },
    copies: [{ barcode: nextItemBarcode(), callNumber: '895.9221 NG-D' }],
  });
  save('chè', {
    bib: {
      title: 'Kỹ thuật trồng chè Shan tuyết',
      authors: ['Trần Văn Hoa'],
      subjects: ['Chè', 'Trồng trọt -- Lai Châu'],
      materialType: 'book',
    },
    copies: [{ barcode: nextItemBarcode(), accessionNumber: 'VV00003' }],
  });
  save('daisy', {
    bib: { title: 'Dế Mèn phiêu lưu ký', authors: ['Tô Hoài'], materialType: 'daisy' },
    copies: [{ barcode: nextItemBarcode() }],
  });
});
afterEach(() => desk.dispose());

const titles = (input: ChannelInput<'catalog.search'>) =>
  ok(desk.core.call('catalog.search', input)).map((h) => h.title);

describe('catalog.search, Vietnamese-aware', () => {
  it('ignores tone marks, case and đ', () => {
    expect(titles({ query: 'duong' })).toEqual(['Đường lên Tây Bắc']);
    expect(titles({ query: 'ĐƯỜNG LÊN' })).toEqual(['Đường lên Tây Bắc']);
    expect(titles({ query: 'de men' })).toEqual(['Dế Mèn phiêu lưu ký']);
  });

  it('"hoa" finds hoà and hòa (both spellings), title words before author and series words, whole words before prefixes', () => {
    const found = titles({ query: 'hoa' });
    expect(found.slice(0, 2).sort()).toEqual(['Hoà bình và chiến tranh', 'Hòa giải ở cơ sở']);
    // Trần Văn Hoa (author) and Tủ sách Hoa ban (series) after the title hits.
    expect(found.slice(2, 4).sort()).toEqual(['Kỹ thuật trồng chè Shan tuyết', 'Truyện Kiều']);
    // Tô Hoài: "hoa" only begins the word.
    expect(found.slice(4)).toEqual(['Dế Mèn phiêu lưu ký']);
  });

  it('matches prefixes as one types', () => {
    expect(titles({ query: 'nguy' }).sort()).toEqual(['Truyện Kiều', 'Đường lên Tây Bắc']);
    expect(titles({ query: 'nguyen tua' })).toEqual(['Đường lên Tây Bắc']);
    expect(titles({ query: 'ky thuat trong ch' })).toEqual(['Kỹ thuật trồng chè Shan tuyết']);
    // Earlier words are whole words; when that finds nothing, every word is a prefix.
    // Nguyễn Du; and Nguyễn Tuân's "Đường…" (a title word beginning with du).
    expect(titles({ query: 'ng du' }).sort()).toEqual(['Truyện Kiều', 'Đường lên Tây Bắc']);
  });

  it('finds by author, subject and series', () => {
    expect(titles({ query: 'to hoai' })).toEqual(['Dế Mèn phiêu lưu ký']);
    expect(titles({ query: 'luc bat' })).toEqual(['Truyện Kiều']);
    expect(titles({ query: 'van hoc viet nam hien dai' })).toEqual(['Đường lên Tây Bắc']);
    expect(titles({ query: 'lai chau' })).toEqual(['Kỹ thuật trồng chè Shan tuyết']);
  });

  it('limits the fields searched', () => {
    expect(titles({ query: 'hoa', fields: ['author'] })).toEqual([
      'Kỹ thuật trồng chè Shan tuyết',
      'Dế Mèn phiêu lưu ký',
    ]);
    expect(titles({ query: 'hoa', fields: ['series'] })).toEqual(['Truyện Kiều']);
    expect(titles({ query: 'tay bac', fields: ['subject'] })).toEqual(['Đường lên Tây Bắc']);
    expect(titles({ query: 'nguyen', fields: ['title'] })).toEqual([]);
    expect(titles({ query: barcodes.kieu!, fields: ['title'] })).toEqual([]);
  });

  it('finds by ISBN (with hyphens, or its ISBN-10 form), barcode, accession number and call number', () => {
    expect(ok(desk.core.call('catalog.search', { query: '978-604-969-842-2' }))[0]).toMatchObject({
      title: 'Đường lên Tây Bắc',
      matchedBy: 'isbn',
    });
    expect(titles({ query: '6049698427' })).toEqual(['Đường lên Tây Bắc']);
    expect(ok(desk.core.call('catalog.search', { query: barcodes.kieu! }))[0]).toMatchObject({
      title: 'Truyện Kiều',
      matchedBy: 'barcode',
    });
    expect(ok(desk.core.call('catalog.search', { query: 'vn00001' }))[0]).toMatchObject({
      title: 'Hoà bình và chiến tranh',
      matchedBy: 'accessionNumber',
    });
    expect(titles({ query: '895.922' }).sort()).toEqual(['Truyện Kiều', 'Đường lên Tây Bắc']);
    expect(titles({ query: '895.9221' })).toEqual(['Truyện Kiều']);
  });

  it('puts an exact code before word hits', () => {
    // A title whose words contain the barcode's digits cannot outrank the copy itself.
    save('noise', { bib: { title: `Số ${barcodes.duong!}` }, copies: [] });
    const hits = ok(desk.core.call('catalog.search', { query: barcodes.duong! }));
    expect(hits.map((h) => h.matchedBy)).toEqual(['barcode', 'words']);
    expect(hits[0]!.title).toBe('Đường lên Tây Bắc');
  });

  it('filters by material type and by accessible formats (braille, large print, audio, DAISY)', () => {
    expect(titles({ query: 'hoa', materialTypes: ['book'] }).sort()).toEqual([
      'Hòa giải ở cơ sở',
      'Kỹ thuật trồng chè Shan tuyết',
    ]);
    expect(titles({ query: 'hoa', accessible: true })).toEqual([
      'Hoà bình và chiến tranh',
      'Truyện Kiều',
      'Dế Mèn phiêu lưu ký',
    ]);
    expect(titles({ query: 'to hoai', accessible: true })).toEqual(['Dế Mèn phiêu lưu ký']);
    expect(titles({ query: 'hoa', accessible: true, materialTypes: ['book'] })).toEqual([]);
  });

  it('shows availability per copy, and can keep to titles with a copy on the shelf', () => {
    const card = registerReader(desk.core, { fullName: 'Lò Văn Đức' });
    ok(desk.core.call('circulation.checkout', { patron: card, item: barcodes.kieu! }));
    const [kieu] = ok(desk.core.call('catalog.search', { query: 'truyen kieu' }));
    expect(kieu!.copies).toEqual([
      expect.objectContaining({ barcode: barcodes.kieu, status: 'on_loan', available: false }),
    ]);
    expect(kieu!.availableCount).toBe(0);
    const [duong] = ok(desk.core.call('catalog.search', { query: 'duong' }));
    expect(duong!.copies.map((c) => [c.accessionNumber, c.available])).toEqual([
      ['VV00001', true],
      ['VV00002', true],
    ]);
    expect(titles({ query: 'nguyen', availableOnly: true })).toEqual(['Đường lên Tây Bắc']);
  });

  it('pages the ranked list', () => {
    const all = titles({ query: 'hoa' });
    expect(all).toHaveLength(5);
    expect([
      ...titles({ query: 'hoa', limit: 2 }),
      ...titles({ query: 'hoa', limit: 2, offset: 2 }),
      ...titles({ query: 'hoa', limit: 2, offset: 4 }),
    ]).toEqual(all);
    expect(titles({ query: 'hoa', offset: 5 })).toEqual([]);
  });

  it('answers nothing for nothing, and survives FTS5 syntax in the query', () => {
    expect(titles({ query: '   ' })).toEqual([]);
    for (const query of ['"', 'AND', 'OR NOT', 'title_folded:x', '*', 'NEAR(a b)', "H'Mông", '(((']) {
      expect(desk.core.call('catalog.search', { query }).ok, query).toBe(true);
    }
  });

  it('keeps the Local API v1 fields of a hit', () => {
    const [hit] = ok(desk.core.call('catalog.search', { query: 'duong' }));
    expect(hit).toMatchObject({
      id: expect.any(Number),
      title: 'Đường lên Tây Bắc',
      authors: ['Nguyễn Tuân'],
      materialType: 'book',
      copies: [
        expect.objectContaining({ barcode: barcodes.duong, status: 'available' }),
        expect.objectContaining({ status: 'available' }),
      ],
    });
  });

  it('follows edits: a changed title is found by its new words only', () => {
    const [hit] = ok(desk.core.call('catalog.search', { query: 'duong' }));
    const detail = ok(desk.core.call('catalog.getTitle', { id: hit!.id }));
    ok(
      desk.core.call('catalog.saveTitle', {
        ...detail.record,
        bib: { ...detail.record.bib, title: 'Tùy bút Sông Đà' },
      }),
    );
    expect(titles({ query: 'duong' })).toEqual([]);
    expect(titles({ query: 'song da' })).toEqual(['Tùy bút Sông Đà']);
  });
});
