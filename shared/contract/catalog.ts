import { z } from 'zod';
import { bibRecordSchema, copyRecordSchema, titleRecordSchema } from '../bib';
import {
  barcodeSchema,
  copySchema,
  isoDateSchema,
  itemStatusSchema,
  materialTypeSchema,
  textSchema,
  titleSchema,
} from '../domain';
import { documentSchema } from '../patron-record';

/** Where a search may look: words of the description, or exact codes. */
export const searchFields = [
  'title',
  'author',
  'subject',
  'series',
  'isbn',
  'barcode',
  'callNumber',
  'accessionNumber',
] as const;
export const searchFieldSchema = z.enum(searchFields);
export type SearchField = z.infer<typeof searchFieldSchema>;

/** Accessible formats for readers with a print disability (the "accessible formats" filter). */
export const accessibleMaterialTypes = ['braille', 'large_print', 'audio', 'daisy'] as const;

/** An accession number prefix ("VV", "VN", "TN"): upper-case letters. */
export const accessionPrefixSchema = z
  .string()
  .transform((s) => s.trim().toUpperCase())
  .pipe(z.string().regex(/^[A-Z]{1,6}$/u, '1–6 letters A–Z'));

/** A copy in search results and lists: the v1 fields, then what the catalogue screen shows. */
export const copyHitSchema = copySchema.extend({
  accessionNumber: z.string().nullable(),
  callNumber: z.string().nullable(),
  location: z.string().nullable(),
  loanable: z.boolean(),
  /** On the shelf and lendable now. */
  available: z.boolean(),
});

/** A title found: Local API v1's `{ id, title, authors, materialType, copies }`, and more. */
export const titleHitSchema = titleSchema.extend({
  copies: z.array(copyHitSchema),
  uuid: z.string(),
  year: z.string().nullable(),
  publisher: z.string().nullable(),
  isbn: z.array(z.string()),
  series: z.array(z.string()),
  needsCompletion: z.boolean(),
  /** Copies available now, of `copies.length`. */
  availableCount: z.number().int(),
  /** Why it was found: an exact code first, then words. */
  matchedBy: z.enum(['barcode', 'accessionNumber', 'isbn', 'callNumber', 'words', 'list']),
});
export type TitleHit = z.infer<typeof titleHitSchema>;

/** ISBNs as people type them: hyphens and spaces dropped. */
const isbnInputSchema = z
  .string()
  .transform((s) => s.replace(/[\s-]/gu, '').toUpperCase())
  .pipe(z.string().regex(/^[0-9]{9}[0-9X]$|^[0-9]{13}$/u, 'an ISBN of 10 or 13 digits'));

/** A title as the catalogue screen sends it: the shared TitleRecord, uuid left out for a new one. */
const titleRecordInputSchema = titleRecordSchema.extend({
  uuid: z.uuid().optional(),
  bib: bibRecordSchema.extend({ isbn: z.array(isbnInputSchema).max(20).default([]) }),
  copies: z
    .array(copyRecordSchema.extend({ barcode: barcodeSchema }))
    .max(1000)
    .default([]),
});

const copyLoanSchema = z.object({ barcode: z.string(), dueOn: isoDateSchema, patronName: z.string() });

const accessionSettingsSchema = z.object({
  /** The prefixes the library uses, first is the default (e.g. VV = Việt văn, VN = ngoại văn, TN = thiếu nhi). */
  prefixes: z
    .array(z.object({ code: accessionPrefixSchema, label: textSchema(100) }).strict())
    .min(1)
    .max(20),
  /** Digits after the prefix, zero-padded: 5 gives VV00123. */
  digits: z.number().int().min(3).max(9),
});
export type AccessionSettings = z.infer<typeof accessionSettingsSchema>;

/** The A4 label sheets the desk prints on. */
export const labelLayouts = ['a4-3x8', 'a4-5x13'] as const;

export const catalogChannels = {
  /** Add a title with its copies (each copy by its barcode). */
  'catalog.addTitle': {
    input: z
      .object({
        title: textSchema(500),
        authors: z.array(textSchema(200)).max(20).optional(),
        materialType: materialTypeSchema.optional(),
        copies: z
          .array(z.object({ barcode: barcodeSchema }).strict())
          .max(500)
          .optional(),
      })
      .strict(),
    output: titleSchema,
  },
  /**
   * Find titles, ranked: an exact barcode, accession number or ISBN first, then
   * call numbers that begin with the query, then titles whose words begin with
   * the query's words (title words weigh more than authors, series, subjects).
   * Case, tone marks and đ are ignored; the last word may be a prefix as one types.
   * `fields` limits where to look (default: everywhere); `materialTypes` and
   * `accessible` (braille, large print, audio, DAISY) filter; paged by offset/limit.
   */
  'catalog.search': {
    input: z
      .object({
        query: z.string().max(200),
        limit: z.number().int().min(1).max(200).optional(),
        offset: z.number().int().min(0).max(10_000).optional(),
        fields: z.array(searchFieldSchema).min(1).max(searchFields.length).optional(),
        materialTypes: z.array(materialTypeSchema).min(1).max(20).optional(),
        accessible: z.boolean().optional(),
        availableOnly: z.boolean().optional(),
      })
      .strict(),
    output: z.array(titleHitSchema),
  },
  /** One title with every field, its copies and who has the copies on loan. */
  'catalog.getTitle': {
    input: z.union([z.object({ id: z.number().int().min(1) }).strict(), z.object({ uuid: z.uuid() }).strict()]),
    output: z.object({ id: z.number().int(), record: titleRecordSchema, loans: z.array(copyLoanSchema) }),
  },
  /**
   * Create (no uuid) or update (uuid of a title here) a title and its copies.
   * Copies are matched by barcode; copies left out are kept. A barcode or
   * accession number of another copy: CONFLICT, nothing changed.
   */
  'catalog.saveTitle': {
    input: titleRecordInputSchema.strict(),
    output: z.object({ id: z.number().int(), uuid: z.string() }),
  },
  /**
   * Add copies to a title. A copy without an accession number gets the next
   * one of `accessionPrefix` (when given), in order.
   */
  'catalog.addCopies': {
    input: z
      .object({
        uuid: z.uuid(),
        copies: z
          .array(copyRecordSchema.extend({ barcode: barcodeSchema }))
          .min(1)
          .max(500),
        accessionPrefix: accessionPrefixSchema.optional(),
      })
      .strict(),
    output: titleRecordSchema,
  },
  /**
   * Change one copy: its status (lost, damaged, withdrawn, back to available…;
   * on loan only by circulation), where it is shelved, its call number, price,
   * accession number or whether it lends.
   */
  'catalog.updateCopy': {
    input: z
      .object({
        barcode: barcodeSchema,
        status: itemStatusSchema.exclude(['on_loan']).optional(),
        location: z.string().max(100).nullable().optional(),
        callNumber: z.string().max(100).nullable().optional(),
        accessionNumber: z.string().max(40).nullable().optional(),
        price: z.number().int().min(0).max(1_000_000_000).nullable().optional(),
        loanable: z.boolean().optional(),
      })
      .strict(),
    output: copyHitSchema,
  },
  /**
   * A minimal record made at the desk (an unknown barcode at checkout): title,
   * author, material type and the copy's barcode; marked for completion.
   */
  'catalog.quickAdd': {
    input: z
      .object({
        title: textSchema(1000),
        author: z.string().max(300).optional(),
        materialType: materialTypeSchema,
        barcode: barcodeSchema,
      })
      .strict(),
    output: z.object({ id: z.number().int(), uuid: z.string(), barcode: z.string() }),
  },
  /** Titles waiting for a cataloguer (made by quick-add), oldest first. */
  'catalog.incomplete': {
    input: z
      .object({
        offset: z.number().int().min(0).max(100_000).optional(),
        limit: z.number().int().min(1).max(200).optional(),
      })
      .strict(),
    output: z.object({ total: z.number().int(), titles: z.array(titleHitSchema) }),
  },
  /** The next free accession numbers of a prefix: continuing from the highest in use, zero-padded. */
  'catalog.nextAccession': {
    input: z.object({ prefix: accessionPrefixSchema, count: z.number().int().min(1).max(500).optional() }).strict(),
    output: z.object({ numbers: z.array(z.string()) }),
  },
  /** The accession number prefixes and width. */
  'catalog.getAccessionSettings': {
    input: z.object({}).strict(),
    output: accessionSettingsSchema,
  },
  /** Set the accession number prefixes and width. */
  'catalog.configureAccession': {
    input: accessionSettingsSchema.strict(),
    output: accessionSettingsSchema,
  },
  /**
   * Barcode and spine labels as PDF for A4 label sheets: 3 × 8 (70 × 37 mm) or
   * 5 × 13 (38.1 × 21.2 mm). `skip` leaves the first labels of a used sheet blank.
   */
  'catalog.labelsPdf': {
    input: z
      .object({
        barcodes: z.array(barcodeSchema).min(1).max(2000),
        layout: z.enum(labelLayouts),
        skip: z.number().int().min(0).max(64).optional(),
      })
      .strict(),
    output: documentSchema,
  },
  /**
   * The accession register (sổ đăng ký cá biệt): copies by accession number,
   * with date, title, price and source, acquired from `from` to `to` (inclusive).
   */
  'catalog.registerPdf': {
    input: z
      .object({ from: isoDateSchema, to: isoDateSchema, prefix: accessionPrefixSchema.optional() })
      .strict()
      .refine((r) => r.from <= r.to, { message: 'from must not be after to', path: ['to'] }),
    output: documentSchema,
  },
  /** One copy by barcode, with its title. */
  'catalog.item': {
    input: z.object({ barcode: barcodeSchema }).strict(),
    output: z.object({
      barcode: z.string(),
      status: itemStatusSchema,
      loanable: z.boolean(),
      title: z.string(),
      authors: z.array(z.string()),
      materialType: materialTypeSchema,
    }),
  },
} as const;
