import { z } from 'zod';
import { bibRecordSchema, copyRecordSchema } from '../bib';

/**
 * Catalogue import and export: MARC21 (ISO 2709, MARCXML), CSV and Excel.
 * Files travel as base64 in the body (the browser shell cannot pass paths),
 * so they are capped: `maxImportBytes` of file, refused beyond with a clear
 * VALIDATION error. These channels are jobs: they run outside a single
 * channel transaction (see electron/README.md, "MARC and spreadsheets").
 */
export const maxImportBytes = 20 * 1024 * 1024;
const maxBase64Chars = Math.ceil(maxImportBytes / 3) * 4;
/** Channels whose body carries a file, and the HTTP body size the browser shell allows them. */
export const fileBodyChannels = ['catalogio.preview', 'catalogio.import'] as const;
export const fileBodyLimit = maxBase64Chars + 64 * 1024;

export const importFormats = ['iso2709', 'marcxml', 'csv', 'xlsx'] as const;
export const importFormatSchema = z.enum(importFormats);
export type ImportFormat = z.infer<typeof importFormatSchema>;

/** Where each desk field comes from in a spreadsheet: the header of a column, or nothing. */
export const columnTargets = [
  'title',
  'responsibility',
  'authors',
  'isbn',
  'ddc',
  'edition',
  'place',
  'publisher',
  'year',
  'extent',
  'series',
  'subjects',
  'languages',
  'materialType',
  'barcode',
  'accessionNumber',
  'callNumber',
  'location',
  'status',
  'price',
  'acquisitionKind',
  'donor',
  'acquisitionDate',
] as const;
export const columnTargetSchema = z.enum(columnTargets);
export type ColumnTarget = z.infer<typeof columnTargetSchema>;
export const columnMappingSchema = z.partialRecord(columnTargetSchema, z.string().min(1).max(200));
export type ColumnMapping = z.infer<typeof columnMappingSchema>;

const fileInput = {
  filename: z.string().min(1).max(255),
  /** The file's bytes, base64. */
  contentBase64: z
    .string()
    .max(maxBase64Chars, { message: `the file is larger than ${maxImportBytes / 1024 / 1024} MB` })
    .regex(/^[A-Za-z0-9+/]*={0,2}$/u, { message: 'not base64' }),
  /** Detected from the name and the first bytes when absent. */
  format: importFormatSchema.optional(),
  /** CSV and Excel only: which column feeds which field (the suggested mapping when absent). */
  mapping: columnMappingSchema.optional(),
};

/** One problem with one record (or spreadsheet row): 1-based number in file order, field tag or column, stable code. */
export const importIssueSchema = z.object({
  recordNumber: z.number().int(),
  field: z.string().nullable(),
  code: z.string(),
  reason: z.string(),
});
export type ImportIssue = z.infer<typeof importIssueSchema>;

export const duplicateSchema = z.object({
  titleId: z.number().int(),
  title: z.string(),
  by: z.enum(['isbn', 'titleAuthorYear']),
});

export const previewRowSchema = z.object({
  recordNumber: z.number().int(),
  bib: bibRecordSchema.nullable(),
  copies: z.array(copyRecordSchema),
  duplicate: duplicateSchema.nullable(),
  issues: z.array(importIssueSchema),
});
export type PreviewRow = z.infer<typeof previewRowSchema>;

export const importReportSchema = z.object({
  format: importFormatSchema,
  dryRun: z.boolean(),
  /** Records (or spreadsheet titles) read. */
  records: z.number().int(),
  imported: z.number().int(),
  copies: z.number().int(),
  duplicates: z.number().int(),
  failed: z.number().int(),
  /** The first issues (at most 1,000); `issueCount` says how many there were. */
  issues: z.array(importIssueSchema),
  issueCount: z.number().int(),
  /** Duplicates skipped, by record number (at most 1,000). */
  skipped: z.array(z.object({ recordNumber: z.number().int(), duplicate: duplicateSchema })),
  milliseconds: z.number(),
});
export type ImportReport = z.infer<typeof importReportSchema>;

export const exportFormats = ['iso2709', 'marcxml', 'csv', 'xlsx'] as const;

export const catalogIoChannels = {
  /**
   * Read the first rows of a file without changing anything: the detected
   * format, for spreadsheets the columns and the suggested mapping, and each
   * row as it would be imported (description, copies, duplicate, issues).
   */
  'catalogio.preview': {
    input: z.object({ ...fileInput, limit: z.number().int().min(1).max(100).optional() }).strict(),
    output: z.object({
      format: importFormatSchema,
      columns: z.array(z.string()),
      mapping: columnMappingSchema,
      rows: z.array(previewRowSchema),
    }),
  },
  /**
   * Import a whole file: each record with its copies is saved whole or not at
   * all; duplicates (same ISBN, or same title + first author + year) are
   * skipped and reported, never saved twice. `dryRun` reports the same without
   * changing anything. Progress goes out as `progress` events with `jobId`.
   * Refused with CONFLICT while another import runs.
   */
  'catalogio.import': {
    input: z
      .object({
        ...fileInput,
        dryRun: z.boolean().default(false),
        jobId: z.string().min(1).max(64).optional(),
      })
      .strict(),
    output: importReportSchema,
  },
  /**
   * The whole catalogue as a file: MARC21 ISO 2709 (UTF-8) or MARCXML (one
   * record per title; a title's kept MARC record as it came, else one made
   * from its description, with its copies in 952), or CSV (UTF-8 with BOM)
   * or Excel with one row per copy.
   */
  'catalogio.export': {
    input: z.object({ format: z.enum(exportFormats) }).strict(),
    output: z.object({
      filename: z.string(),
      mimeType: z.string(),
      base64: z.string(),
      titles: z.number().int(),
      copies: z.number().int(),
    }),
  },
} as const;
