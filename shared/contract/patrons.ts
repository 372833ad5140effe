import { z } from 'zod';
import {
  barcodeSchema,
  isoDateSchema,
  loanViewSchema,
  patronCategorySchema,
  patronSchema,
  textSchema,
} from '../domain';
import {
  documentSchema,
  duplicateSchema,
  patronDetailsSchema,
  patronRecordSchema,
  sensitiveInputSchema,
} from '../patron-record';
import { deliverySchema, proxySchema } from '../reader-services';

const searchLimit = z.number().int().min(1).max(200).optional();

export const patronsChannels = {
  /**
   * Register a reader. A card number is issued when none is given; the card runs
   * for the settings' card validity (12 months by default). The category must be
   * an active one of `categories.list` (default "adult"). Ethnicity and disability
   * only under `sensitive`, with consent. When likely duplicates exist (same name and birth date,
   * same phone, same ID number, compared folded) the desk answers
   * POSSIBLE_DUPLICATE with them, unless `acceptDuplicates` says the librarian
   * has seen them and chosen to register anyway.
   */
  'patrons.register': {
    input: patronDetailsSchema
      .partial()
      .extend({
        fullName: textSchema(200),
        category: patronCategorySchema.optional(),
        cardNumber: barcodeSchema.optional(),
        expiresOn: isoDateSchema.optional(),
        sensitive: sensitiveInputSchema.optional(),
        acceptDuplicates: z.boolean().optional(),
      })
      .strict(),
    output: patronSchema,
  },
  /** Change a reader's details: only the fields given; an empty text clears a field. */
  'patrons.update': {
    input: patronDetailsSchema
      .partial()
      .extend({ cardNumber: barcodeSchema, category: patronCategorySchema.optional() })
      .strict(),
    output: patronRecordSchema,
  },
  /** Likely duplicates of the details given, before registering. */
  'patrons.findDuplicates': {
    input: z
      .object({
        fullName: textSchema(200),
        dateOfBirth: isoDateSchema.nullable().optional(),
        phone: patronDetailsSchema.shape.phone,
        idNumber: patronDetailsSchema.shape.idNumber,
        excludeCardNumber: barcodeSchema.optional(),
      })
      .strict(),
    output: z.array(duplicateSchema),
  },
  /**
   * Find readers by any part of the name (with or without tone marks, "duc"
   * finds "Đức"), card number, phone or ID number; best matches first, then in
   * Vietnamese alphabetical order.
   */
  'patrons.search': {
    input: z.object({ query: z.string().max(200), limit: searchLimit }).strict(),
    output: z.array(patronSchema),
  },
  /** Readers registered on or after a date, for printing their cards in a batch. */
  'patrons.registeredSince': {
    input: z.object({ since: isoDateSchema, limit: z.number().int().min(1).max(500).optional() }).strict(),
    output: z.array(patronSchema),
  },
  /** One reader by card number: the whole record, open loans, whether the card has expired. Audited. */
  'patrons.get': {
    input: z.object({ cardNumber: barcodeSchema }).strict(),
    output: z.object({
      patron: patronSchema,
      expired: z.boolean(),
      blockReason: z.string().nullable(),
      loans: z.array(loanViewSchema),
      record: patronRecordSchema,
    }),
  },
  /** Block or unblock a reader's card, with a reason; who and when are recorded. */
  'patrons.setBlock': {
    input: z
      .object({ cardNumber: barcodeSchema, blocked: z.boolean(), reason: z.string().max(500).optional() })
      .strict(),
    output: patronSchema,
  },
  /** Extend a card: to the date given, or by the default validity from today (or from its expiry, if later). */
  'patrons.renewCard': {
    input: z.object({ cardNumber: barcodeSchema, expiresOn: isoDateSchema.optional() }).strict(),
    output: patronSchema,
  },
  /**
   * Record ethnicity and disability with the reader's consent (date and staff
   * member kept), or withdraw consent: `consent: false` removes them.
   */
  'patrons.setSensitive': {
    input: z.union([
      sensitiveInputSchema.extend({ cardNumber: barcodeSchema }).strict(),
      z.object({ cardNumber: barcodeSchema, consent: z.literal(false) }).strict(),
    ]),
    output: patronRecordSchema,
  },
  /** Everything the desk holds about a reader (Decree 13/2023 access right), as JSON. Audited. */
  'patrons.exportData': {
    input: z.object({ cardNumber: barcodeSchema }).strict(),
    output: z.object({
      exportedAt: z.string(),
      record: patronRecordSchema,
      loans: z.array(
        z.object({
          item: z.string(),
          title: z.string(),
          loanedAt: z.string(),
          dueOn: z.string(),
          returnedAt: z.string().nullable(),
          overdueDays: z.number().int().nullable(),
          fee: z.number().int().nullable(),
        }),
      ),
      auditTrail: z.array(z.object({ at: z.string(), operator: z.string(), action: z.string() })),
      /** Reader services: whom the reader named as proxies, whom they act for, their home deliveries. */
      proxies: z.array(proxySchema),
      actingFor: z.array(patronSchema),
      deliveries: z.array(deliverySchema),
    }),
  },
  /** The same export as a readable PDF. */
  'patrons.exportPdf': {
    input: z.object({ cardNumber: barcodeSchema }).strict(),
    output: documentSchema,
  },
  /**
   * Erase a reader's personal data: the record keeps only its category and
   * dates, loan history is anonymised, statistics are kept. Refused while the
   * reader still has items on loan. `confirmCardNumber` must repeat the card.
   */
  'patrons.erase': {
    input: z.object({ cardNumber: barcodeSchema, confirmCardNumber: barcodeSchema }).strict(),
    output: z.object({ cardNumber: z.string(), erasedAt: z.string(), loansAnonymised: z.number().int() }),
  },
} as const;
