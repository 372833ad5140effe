import { z } from 'zod';
import { barcodeSchema, patronSchema } from '../domain';
import { documentSchema } from '../patron-record';
import {
  deliverySchema,
  deliveryStatusSchema,
  needKindSchema,
  needPolicySchema,
  needsProfileSchema,
  proxySchema,
} from '../reader-services';

const optionalNote = z
  .string()
  .max(1000)
  .transform((s) => s.normalize('NFC').replace(/\s+/gu, ' ').trim())
  .transform((s) => (s === '' ? null : s))
  .nullable()
  .optional();

const idNumberSchema = z
  .string()
  .max(20)
  .transform((s) => s.replace(/\s/gu, '').toUpperCase())
  .pipe(z.string().regex(/^[0-9A-Z]{1,20}$/u, 'letters and digits only'));

/** Services for readers with disabilities: needs, proxies, home delivery. */
export const servicesChannels = {
  /**
   * Set a reader's needs profile (visual, hearing, mobility, other, and a note).
   * Needs are sensitive data: refused with NO_CONSENT unless the reader's consent
   * is recorded (patrons.setSensitive). An empty list clears the profile.
   */
  'needs.set': {
    input: z.object({ cardNumber: barcodeSchema, kinds: z.array(needKindSchema).max(4), note: optionalNote }).strict(),
    output: needsProfileSchema.nullable(),
  },
  /** What each need adds to the loan policy (days, items, renewals). */
  'needs.policies': {
    input: z.object({}).strict(),
    output: z.array(needPolicySchema),
  },
  /** Change what one need adds to the loan policy. */
  'needs.setPolicy': {
    input: needPolicySchema.strict(),
    output: z.array(needPolicySchema),
  },
  /** The proxies a reader has named. */
  'proxies.list': {
    input: z.object({ cardNumber: barcodeSchema }).strict(),
    output: z.array(proxySchema),
  },
  /**
   * Name a proxy for a reader: a registered reader by card, or someone else by
   * full name and ID document number. A reader cannot be their own proxy.
   */
  'proxies.add': {
    input: z.union([
      z.object({ cardNumber: barcodeSchema, proxyCard: barcodeSchema, relation: optionalNote }).strict(),
      z
        .object({
          cardNumber: barcodeSchema,
          fullName: z
            .string()
            .transform((s) => s.normalize('NFC').replace(/\s+/gu, ' ').trim())
            .pipe(z.string().min(1).max(200)),
          idNumber: idNumberSchema,
          relation: optionalNote,
        })
        .strict(),
    ]),
    output: z.array(proxySchema),
  },
  /** Withdraw a proxy. */
  'proxies.remove': {
    input: z.object({ cardNumber: barcodeSchema, id: z.number().int().min(1) }).strict(),
    output: z.array(proxySchema),
  },
  /** The readers a proxy acts for: by the proxy's own card, or by their ID document number. */
  'proxies.actingFor': {
    input: z.union([z.object({ card: barcodeSchema }).strict(), z.object({ idNumber: idNumberSchema }).strict()]),
    output: z.array(patronSchema),
  },
  /** Ask for a home delivery: items by barcode, or what the reader asked for in words, or both. */
  'deliveries.request': {
    input: z
      .object({
        cardNumber: barcodeSchema,
        items: z.array(barcodeSchema).max(20).optional(),
        text: optionalNote,
      })
      .strict(),
    output: deliverySchema,
  },
  /** Home deliveries, newest first; by status when given. */
  'deliveries.list': {
    input: z
      .object({ status: deliveryStatusSchema.optional(), limit: z.number().int().min(1).max(500).optional() })
      .strict(),
    output: z.array(deliverySchema),
  },
  /** Move a delivery on: requested → delivered → collected, or requested → cancelled. Who and when are kept. */
  'deliveries.advance': {
    input: z.object({ id: z.number().int().min(1), to: z.enum(['delivered', 'collected', 'cancelled']) }).strict(),
    output: deliverySchema,
  },
  /** The delivery round as a PDF: what is to be delivered and what is to be collected. */
  'deliveries.pdf': {
    input: z.object({}).strict(),
    output: documentSchema,
  },
} as const;
