import { z } from 'zod';
import { isoDateSchema, languageSchema, patronCategorySchema, patronSchema, photoSchema, textSchema } from './domain';
import { needsProfileSchema } from './reader-services';

export { photoSchema };

/** Optional text: empty means "not given" and is stored as null. */
const optionalText = (max: number) =>
  z
    .string()
    .max(max)
    .transform((s) => s.normalize('NFC').replace(/\s+/gu, ' ').trim())
    .transform((s) => (s === '' ? null : s))
    .nullable()
    .optional();

export const sexSchema = z.enum(['female', 'male', 'other']);

/**
 * The same phone number however it was written: "+84 912 345 678",
 * "0084912345678", "84912345678" and "0912.345.678" all give "0912345678".
 * Used to compare and to search, never to display.
 */
export function phoneKey(phone: string): string | null {
  let digits = phone.replace(/[^\d+]/gu, '');
  if (digits.startsWith('+84')) digits = `0${digits.slice(3).replace(/^0/u, '')}`;
  else if (digits.startsWith('0084')) digits = `0${digits.slice(4).replace(/^0/u, '')}`;
  else if (/^84\d{9,10}$/u.test(digits)) digits = `0${digits.slice(2)}`;
  digits = digits.replace(/\D/gu, '');
  return digits === '' ? null : digits;
}

/** What an erased reader's name becomes: the record stays for statistics, nameless. */
export const erasedName = 'Đã xoá';

/** Vietnamese phone numbers as people write them: digits, spaces, +, dots, dashes. */
export const phoneSchema = z
  .string()
  .max(30)
  .transform((s) => s.replace(/[\s.\-()]/gu, ''))
  .pipe(z.string().regex(/^(\+?\d{8,15})?$/u, 'a phone number: 8–15 digits'))
  .transform((s) => (s === '' ? null : s))
  .nullable()
  .optional();

/** The reader's own details: everything but the card number and the sensitive fields. */
export const patronDetailsSchema = z.object({
  fullName: textSchema(200),
  dateOfBirth: isoDateSchema.nullable().optional(),
  sex: sexSchema.nullable().optional(),
  phone: phoneSchema,
  /** Village / hamlet (bản, thôn) and street. */
  address: optionalText(300),
  /** Commune (xã) or town (thị trấn). */
  commune: optionalText(100),
  /** Citizen ID card (CCCD) number; letters (passports, old cards) kept in upper case. */
  idNumber: z
    .string()
    .max(20)
    .transform((s) => s.replace(/\s/gu, '').toUpperCase())
    .pipe(z.string().regex(/^[0-9A-Z]*$/u, 'letters and digits only'))
    .transform((s) => (s === '' ? null : s))
    .nullable()
    .optional(),
  /** The school or office that introduced the reader, when there is no ID card. */
  introducedBy: optionalText(200),
  guardianName: optionalText(200),
  guardianPhone: phoneSchema,
  notes: optionalText(2000),
  photo: photoSchema.nullable().optional(),
  /** The language the reader reads the desk's reader-facing texts in (display, kiosk); null: the desk's own. */
  preferredLanguage: languageSchema.nullable().optional(),
});
export type PatronDetailsInput = z.input<typeof patronDetailsSchema>;

/**
 * Ethnicity and disability are sensitive personal data (Decree 13/2023):
 * stored only with the reader's recorded consent.
 */
export const sensitiveInputSchema = z
  .object({
    consent: z.literal(true, { message: 'sensitive data is kept only with the reader’s consent' }),
    ethnicity: optionalText(100),
    disability: optionalText(300),
  })
  .strict();

export const sensitiveSchema = z.object({
  ethnicity: z.string().nullable(),
  disability: z.string().nullable(),
  consentGivenAt: z.string(),
  consentRecordedBy: z.string(),
});

/** Everything the desk holds about one reader. */
export const patronRecordSchema = patronSchema.extend({
  dateOfBirth: z.string().nullable(),
  sex: sexSchema.nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  commune: z.string().nullable(),
  idNumber: z.string().nullable(),
  introducedBy: z.string().nullable(),
  guardianName: z.string().nullable(),
  guardianPhone: z.string().nullable(),
  notes: z.string().nullable(),
  photo: z.string().nullable(),
  sensitive: sensitiveSchema.nullable(),
  expired: z.boolean(),
  blockReason: z.string().nullable(),
  blockedBy: z.string().nullable(),
  blockedAt: z.string().nullable(),
  registeredAt: z.string(),
  erased: z.boolean(),
  preferredLanguage: languageSchema.nullable(),
  /** Needs profile (reader services): sensitive, present only with consent. */
  needs: needsProfileSchema.nullable(),
});
export type PatronRecord = z.infer<typeof patronRecordSchema>;

export const duplicateReasonSchema = z.enum(['name_and_birth_date', 'phone', 'id_number']);
/** A likely duplicate with what the librarian compares (birth date, phone), so no record has to be opened. */
export const duplicateSchema = z.object({
  patron: patronSchema,
  dateOfBirth: z.string().nullable(),
  phone: z.string().nullable(),
  reasons: z.array(duplicateReasonSchema).min(1),
});
export type Duplicate = z.infer<typeof duplicateSchema>;

export const patronCategoryInfoSchema = z.object({
  code: patronCategorySchema,
  labelVi: z.string(),
  labelEn: z.string(),
  active: z.boolean(),
});
export type PatronCategoryInfo = z.infer<typeof patronCategoryInfoSchema>;

/** A generated document for the renderer to open, download or print. */
export const documentSchema = z.object({
  filename: z.string(),
  mimeType: z.literal('application/pdf'),
  base64: z.string(),
  pages: z.number().int(),
});
export type DeskDocument = z.infer<typeof documentSchema>;
