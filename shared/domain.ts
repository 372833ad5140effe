import { z } from 'zod';
import { stripCodabarGuards } from './barcode';
import { normalizeText } from './text';

/** Text as people type it: trimmed and NFC, never empty. */
export const textSchema = (max = 500) => z.string().transform(normalizeText).pipe(z.string().min(1).max(max));

export const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/u, 'expected YYYY-MM-DD');
export const instantSchema = z.iso.datetime({ offset: true });
export const barcodeSchema = z
  .string()
  .transform((s) => stripCodabarGuards(s.trim()))
  .pipe(z.string().regex(/^[0-9A-Za-z.\-/_]{1,40}$/u, 'letters, digits and . - / _ only'));

/** The categories every desk starts with; the list is configurable (`categories.*`). */
export const patronCategories = ['child', 'pupil', 'adult', 'elderly', 'disabled'] as const;
/**
 * A reader category's code. The desk checks that it names an active category of
 * its own list; the schema only holds its shape.
 */
export const patronCategorySchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,31}$/u, 'a category code: lower-case letters, digits and _');
export type PatronCategory = z.infer<typeof patronCategorySchema>;

/** An image as a data URL (JPEG or PNG), at most ~300 kB: a reader's photo, the library's logo. */
export const photoSchema = z
  .string()
  .max(400_000)
  .regex(/^data:image\/(jpeg|png);base64,[A-Za-z0-9+/=]+$/u, 'a JPEG or PNG data URL');

export const materialTypes = [
  'book',
  'periodical',
  'map',
  'audio',
  'video',
  'braille',
  'large_print',
  'daisy',
  'other',
] as const;
export const materialTypeSchema = z.enum(materialTypes);
export type MaterialType = z.infer<typeof materialTypeSchema>;

export const itemStatuses = [
  'available',
  'on_loan',
  'in_transit',
  'in_rotation',
  'lost',
  'damaged',
  'withdrawn',
] as const;
export const itemStatusSchema = z.enum(itemStatuses);
export type ItemStatus = z.infer<typeof itemStatusSchema>;

export const patronSchema = z.object({
  id: z.number().int(),
  cardNumber: z.string(),
  fullName: z.string(),
  category: patronCategorySchema,
  expiresOn: isoDateSchema,
  blocked: z.boolean(),
});
export type Patron = z.infer<typeof patronSchema>;

export const loanSchema = z.object({
  id: z.number().int(),
  item: z.string(),
  patron: z.string(),
  loanedAt: instantSchema,
  dueOn: isoDateSchema,
  renewals: z.number().int(),
});
export type Loan = z.infer<typeof loanSchema>;

/** A loan with what the desk shows beside it. */
export const loanViewSchema = loanSchema.extend({
  title: z.string(),
  patronName: z.string(),
  overdue: z.boolean(),
});
export type LoanView = z.infer<typeof loanViewSchema>;

export const copySchema = z.object({ barcode: z.string(), status: itemStatusSchema });

export const titleSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  authors: z.array(z.string()),
  materialType: materialTypeSchema,
  copies: z.array(copySchema),
});
export type Title = z.infer<typeof titleSchema>;

export const loanPolicySchema = z.object({
  patronCategory: z.union([patronCategorySchema, z.literal('*')]),
  materialType: z.union([materialTypeSchema, z.literal('*')]),
  loanDays: z.number().int().min(0).max(365),
  maxItems: z.number().int().min(0).max(100),
  maxRenewals: z.number().int().min(0).max(20),
  graceDays: z.number().int().min(0).max(60),
  dailyFee: z.number().int().min(0).max(1_000_000),
});
export type LoanPolicy = z.infer<typeof loanPolicySchema>;

export const calendarSchema = z.object({
  /** Open weekdays, 0 = Sunday … 6 = Saturday. */
  openWeekdays: z.array(z.number().int().min(0).max(6)).max(7),
  closedDates: z.array(z.object({ date: isoDateSchema, reason: z.string().max(200) })),
});
export type Calendar = z.infer<typeof calendarSchema>;

export const languageSchema = z.enum(['vi', 'en']);
export type Language = z.infer<typeof languageSchema>;

/** How the desk looks: standard, high contrast (light on dark, 7:1 where practical), large text. */
export const themeSchema = z.enum(['standard', 'contrast', 'large']);
export type Theme = z.infer<typeof themeSchema>;

/** Spoken announcements: off, the platform's speech synthesis, espeak-ng run by the desk, or whichever is there. */
export const speechModeSchema = z.enum(['off', 'platform', 'espeak', 'auto']);
export type SpeechMode = z.infer<typeof speechModeSchema>;

export const settingsSchema = z.object({
  language: languageSchema,
  libraryName: z.string().min(1).max(200),
  /** IANA zone in which due dates and closed days are counted. */
  timeZone: z.string().min(1).max(64),
  feesEnabled: z.boolean(),
  patronPattern: z.string().min(1).max(200),
  itemPattern: z.string().min(1).max(200),
  /** Who is at the desk: written to the audit log and the outbox. */
  operator: z.string().min(1).max(100),
  /** Printed on reader cards. */
  libraryLogo: photoSchema.nullable(),
  /** How the card number is printed: Codabar (the library barcode's usual form) or Code 128. */
  cardSymbology: z.enum(['codabar', 'code128']),
  /** The 4-digit institution code inside issued 14-digit card numbers. */
  institutionCode: z.number().int().min(0).max(9999),
  /** How long a new or renewed card runs. */
  cardValidityMonths: z.number().int().min(1).max(120),
  /** This workstation's theme. */
  theme: themeSchema,
  /** The reader-facing display's own theme. */
  displayTheme: themeSchema,
  /** Spoken announcements of results. */
  speech: speechModeSchema,
});
export type Settings = z.infer<typeof settingsSchema>;
