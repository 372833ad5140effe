import { z } from 'zod';
import { itemStatuses, itemStatusSchema, materialTypes, materialTypeSchema } from './domain';

/**
 * A title's bibliographic description, as the desk keeps it, modelled on
 * MARC21. The full MARC record (when there is one) is kept beside it; these
 * fields are what the desk searches, shows and prints. Every string is NFC.
 *
 *   isbn        020 $a (digits and X only, hyphens removed; several allowed)
 *   ddc         082 $a (Dewey classification)
 *   title       245 $a $b (ISBD punctuation at the end removed)
 *   responsibility 245 $c
 *   authors     100 $a, then 700 $a (main entry first)
 *   edition     250 $a
 *   place / publisher / year   260 or 264 $a $b $c (year: four digits when found)
 *   extent      300 $a
 *   series      490 $a
 *   subjects    650 $a, subdivisions $x $y $z joined with " -- "
 *   languages   041 $a, else 008/35-37 (MARC language codes, e.g. "vie")
 */
export const bibRecordSchema = z
  .object({
    title: z.string().min(1).max(1000),
    responsibility: z.string().max(1000).nullable().default(null),
    authors: z.array(z.string().min(1).max(300)).max(50).default([]),
    isbn: z
      .array(z.string().regex(/^[0-9]{9}[0-9X]$|^[0-9]{13}$/u))
      .max(20)
      .default([]),
    ddc: z.string().max(100).nullable().default(null),
    edition: z.string().max(300).nullable().default(null),
    place: z.string().max(300).nullable().default(null),
    publisher: z.string().max(300).nullable().default(null),
    year: z.string().max(20).nullable().default(null),
    extent: z.string().max(300).nullable().default(null),
    series: z.array(z.string().min(1).max(500)).max(20).default([]),
    subjects: z.array(z.string().min(1).max(500)).max(100).default([]),
    languages: z
      .array(z.string().regex(/^[a-z]{3}$/u))
      .max(10)
      .default([]),
    materialType: materialTypeSchema.default('book'),
  })
  .strict();
export type BibRecord = z.output<typeof bibRecordSchema>;
export type BibRecordInput = z.input<typeof bibRecordSchema>;

const isbnPattern = /^[0-9]{9}[0-9X]$|^[0-9]{13}$/u;
const languagePattern = /^[a-z]{3}$/u;

function textWithin(value: string, min: number, max: number): boolean {
  return value.length >= min && value.length <= max;
}

function optionalTextWithin(value: string | null, max: number): boolean {
  return value === null || value.length <= max;
}

function listWithin(values: string[], max: number, fits: (value: string) => boolean): boolean {
  return values.length <= max && values.every(fits);
}

/**
 * Whether `bibRecordSchema` takes this record as it is, checked without zod:
 * the MARC import describes thousands of titles a second, and parsing each
 * with zod was a good share of that time. Where this says no, parse with the
 * schema for its error. It must stay as strict as the schema
 * (tests/unit/bib-schema.test.ts compares them).
 */
export function fitsBibRecordSchema(b: BibRecord): boolean {
  return (
    textWithin(b.title, 1, 1000) &&
    optionalTextWithin(b.responsibility, 1000) &&
    listWithin(b.authors, 50, (a) => textWithin(a, 1, 300)) &&
    listWithin(b.isbn, 20, (i) => isbnPattern.test(i)) &&
    optionalTextWithin(b.ddc, 100) &&
    optionalTextWithin(b.edition, 300) &&
    optionalTextWithin(b.place, 300) &&
    optionalTextWithin(b.publisher, 300) &&
    optionalTextWithin(b.year, 20) &&
    optionalTextWithin(b.extent, 300) &&
    listWithin(b.series, 20, (s) => textWithin(s, 1, 500)) &&
    listWithin(b.subjects, 100, (s) => textWithin(s, 1, 500)) &&
    listWithin(b.languages, 10, (l) => languagePattern.test(l)) &&
    materialTypes.includes(b.materialType)
  );
}

export const acquisitionSchema = z
  .object({
    kind: z.enum(['purchase', 'donation']),
    /** The giver, for a donation. */
    donor: z.string().max(300).nullable().default(null),
    /** YYYY-MM-DD */
    date: z.iso.date().nullable().default(null),
  })
  .strict();

/**
 * One copy of a title. The accession number is the Vietnamese "số ĐKCB"
 * (prefix + zero-padded number, e.g. "VV00123"); price in đồng.
 */
export const copyRecordSchema = z
  .object({
    barcode: z.string().min(1).max(64),
    accessionNumber: z.string().max(40).nullable().default(null),
    callNumber: z.string().max(100).nullable().default(null),
    location: z.string().max(100).nullable().default(null),
    status: itemStatusSchema.default('available'),
    loanable: z.boolean().default(true),
    price: z.number().int().min(0).max(1_000_000_000).nullable().default(null),
    acquisition: acquisitionSchema.nullable().default(null),
  })
  .strict();
export type CopyRecord = z.output<typeof copyRecordSchema>;
export type CopyRecordInput = z.input<typeof copyRecordSchema>;

/**
 * Whether `copyRecordSchema` takes this copy as it is, checked without zod
 * (as `fitsBibRecordSchema`, for the MARC import's holdings). A copy with an
 * acquisition is left to the schema.
 */
export function fitsCopyRecordSchema(c: CopyRecord): boolean {
  return (
    textWithin(c.barcode, 1, 64) &&
    optionalTextWithin(c.accessionNumber, 40) &&
    optionalTextWithin(c.callNumber, 100) &&
    optionalTextWithin(c.location, 100) &&
    itemStatuses.includes(c.status) &&
    typeof c.loanable === 'boolean' &&
    (c.price === null || (Number.isSafeInteger(c.price) && c.price >= 0 && c.price <= 1_000_000_000)) &&
    c.acquisition === null
  );
}

/**
 * A title as it travels between desks and the hub: its global id (a UUID the
 * desk that created it assigned; titles.uuid), the description, and its
 * copies. Catalogue outbox events carry this shape (`catalog.titleSaved`).
 */
export const titleRecordSchema = z
  .object({
    uuid: z.uuid(),
    bib: bibRecordSchema,
    /** The MARC record as MARCXML, when the title came from one (kept whole). */
    marcxml: z.string().max(200_000).nullable().default(null),
    /** Marked at quick-add: a minimal record waiting for a cataloguer. */
    needsCompletion: z.boolean().default(false),
    copies: z.array(copyRecordSchema).max(1000).default([]),
  })
  .strict();
export type TitleRecord = z.output<typeof titleRecordSchema>;
