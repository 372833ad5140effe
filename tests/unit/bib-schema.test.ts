import { describe, expect, it } from 'vitest';
import {
  bibRecordSchema,
  copyRecordSchema,
  fitsBibRecordSchema,
  fitsCopyRecordSchema,
  type BibRecord,
  type CopyRecord,
} from '../../shared/bib';

const bib: BibRecord = bibRecordSchema.parse({
  title: 'Truyện Kiều',
  responsibility: 'Nguyễn Du',
  authors: ['Nguyễn Du'],
  isbn: ['9786041000000', '020161622X'],
  ddc: '895.9221',
  edition: 'Tái bản',
  place: 'Hà Nội',
  publisher: 'Văn học',
  year: '2015',
  extent: '250 tr.',
  series: ['Văn học cổ điển'],
  subjects: ['Thơ -- Việt Nam'],
  languages: ['vie'],
  materialType: 'book',
});

const copy: CopyRecord = copyRecordSchema.parse({ barcode: 'B0001', price: 120_000 });

const text = (length: number) => 'a'.repeat(length);

// Each variation changes one field to a value at or just past one of the schema's limits.
const bibVariations: [string, Partial<Record<keyof BibRecord, unknown>>][] = [
  ['title empty', { title: '' }],
  ['title at its limit', { title: text(1000) }],
  ['title too long', { title: text(1001) }],
  ['responsibility too long', { responsibility: text(1001) }],
  ['responsibility null', { responsibility: null }],
  ['an empty author', { authors: [''] }],
  ['an author too long', { authors: [text(301)] }],
  ['50 authors', { authors: Array.from({ length: 50 }, (_, i) => `A${i}`) }],
  ['51 authors', { authors: Array.from({ length: 51 }, (_, i) => `A${i}`) }],
  ['an ISBN with a hyphen', { isbn: ['0-262-03293-7'] }],
  ['an ISBN of 12 digits', { isbn: ['978604100000'] }],
  ['an ISBN with a small x', { isbn: ['020161622x'] }],
  ['21 ISBNs', { isbn: Array.from({ length: 21 }, () => '020161622X') }],
  ['ddc too long', { ddc: text(101) }],
  ['edition too long', { edition: text(301) }],
  ['place too long', { place: text(301) }],
  ['publisher too long', { publisher: text(301) }],
  ['year too long', { year: text(21) }],
  ['extent too long', { extent: text(301) }],
  ['an empty series', { series: [''] }],
  ['a series too long', { series: [text(501)] }],
  ['21 series', { series: Array.from({ length: 21 }, (_, i) => `S${i}`) }],
  ['a subject too long', { subjects: [text(501)] }],
  ['101 subjects', { subjects: Array.from({ length: 101 }, (_, i) => `S${i}`) }],
  ['a language in capitals', { languages: ['VIE'] }],
  ['a language of two letters', { languages: ['vi'] }],
  ['11 languages', { languages: Array.from({ length: 11 }, () => 'vie') }],
  ['an unknown material type', { materialType: 'scroll' }],
];

const copyVariations: [string, Partial<Record<keyof CopyRecord, unknown>>][] = [
  ['barcode empty', { barcode: '' }],
  ['barcode at its limit', { barcode: text(64) }],
  ['barcode too long', { barcode: text(65) }],
  ['accession number too long', { accessionNumber: text(41) }],
  ['call number too long', { callNumber: text(101) }],
  ['location too long', { location: text(101) }],
  ['price null', { price: null }],
  ['price negative', { price: -1 }],
  ['price a fraction', { price: 1.5 }],
  ['price at its limit', { price: 1_000_000_000 }],
  ['price too high', { price: 1_000_000_001 }],
  ['price past safe integers', { price: 1e20 }],
  ['price not a number', { price: Number.NaN }],
  ['an unknown status', { status: 'borrowed' }],
  ['an acquisition', { acquisition: { kind: 'donation', donor: 'Hội phụ huynh', date: null } }],
];

describe('the quick schema checks agree with zod: what they take, the schema takes as it is', () => {
  it('fitsBibRecordSchema', () => {
    expect(fitsBibRecordSchema(bib)).toBe(true);
    for (const [name, change] of bibVariations) {
      const value = { ...bib, ...change } as BibRecord;
      const parsed = bibRecordSchema.safeParse(value);
      expect({ name, fits: fitsBibRecordSchema(value) }).toEqual({ name, fits: parsed.success });
      if (parsed.success) expect(parsed.data).toEqual(value);
    }
  });

  it('fitsCopyRecordSchema (a copy with an acquisition is left to the schema)', () => {
    expect(fitsCopyRecordSchema(copy)).toBe(true);
    for (const [name, change] of copyVariations) {
      const value = { ...copy, ...change } as CopyRecord;
      const parsed = copyRecordSchema.safeParse(value);
      const fits = fitsCopyRecordSchema(value);
      if (fits) expect({ name, success: parsed.success }).toEqual({ name, success: true });
      if (parsed.success && value.acquisition === null) expect({ name, fits }).toEqual({ name, fits: true });
      if (parsed.success) expect(parsed.data).toEqual(value);
    }
  });
});
