import { z } from 'zod';
import { barcodeSchema, languageSchema } from './domain';

/**
 * Services for readers with disabilities: the needs profile (sensitive data,
 * kept only with the reader's recorded consent), the loan extras a need
 * brings, proxy borrowers and home delivery.
 */
export const needKinds = ['visual', 'hearing', 'mobility', 'other'] as const;
export const needKindSchema = z.enum(needKinds);
export type NeedKind = z.infer<typeof needKindSchema>;

/** A reader's needs: kept only while their consent to sensitive data is recorded. */
export const needsProfileSchema = z.object({
  kinds: z.array(needKindSchema),
  note: z.string().nullable(),
});
export type NeedsProfile = z.infer<typeof needsProfileSchema>;

/**
 * What a need adds to the loan policy that would otherwise apply: days added
 * to the loan period, items added to the limit, renewals added. A reader with
 * several needs gets the largest extra of each, not their sum.
 */
export const needPolicySchema = z.object({
  need: needKindSchema,
  extraLoanDays: z.number().int().min(0).max(180),
  extraItems: z.number().int().min(0).max(50),
  extraRenewals: z.number().int().min(0).max(10),
});
export type NeedPolicy = z.infer<typeof needPolicySchema>;

/** The reader's preferred language for what the desk shows them (reader display, kiosk). */
export const preferredLanguageSchema = languageSchema.nullable();

/** Someone a reader has named to borrow and return on their behalf. */
export const proxySchema = z.object({
  id: z.number().int(),
  /** The proxy's own card when they are a registered reader, else null. */
  card: z.string().nullable(),
  fullName: z.string(),
  /** ID document number of a proxy who is not a registered reader. */
  idNumber: z.string().nullable(),
  relation: z.string().nullable(),
  addedAt: z.string(),
});
export type Proxy = z.infer<typeof proxySchema>;

/** Who acted at the desk: a proxy by card, or an unregistered proxy by the ID document they showed. */
export const proxyRefSchema = z.union([
  z.object({ card: barcodeSchema }).strict(),
  z
    .object({
      idNumber: z
        .string()
        .max(20)
        .transform((s) => s.replace(/\s/gu, '').toUpperCase())
        .pipe(z.string().regex(/^[0-9A-Z]{1,20}$/u, 'letters and digits only')),
    })
    .strict(),
]);
export type ProxyRef = z.infer<typeof proxyRefSchema>;

/** The proxy recorded on a loan. */
export const loanProxySchema = z.object({ card: z.string().nullable(), name: z.string() });

export const deliveryStatuses = ['requested', 'delivered', 'collected', 'cancelled'] as const;
export const deliveryStatusSchema = z.enum(deliveryStatuses);
export type DeliveryStatus = z.infer<typeof deliveryStatusSchema>;

export const deliverySchema = z.object({
  id: z.number().int(),
  patron: z.object({
    cardNumber: z.string(),
    fullName: z.string(),
    address: z.string().nullable(),
    commune: z.string().nullable(),
    phone: z.string().nullable(),
  }),
  items: z.array(z.object({ barcode: z.string(), title: z.string().nullable() })),
  text: z.string().nullable(),
  status: deliveryStatusSchema,
  requestedAt: z.string(),
  requestedBy: z.string(),
  deliveredAt: z.string().nullable(),
  deliveredBy: z.string().nullable(),
  collectedAt: z.string().nullable(),
  collectedBy: z.string().nullable(),
  cancelledAt: z.string().nullable(),
});
export type Delivery = z.infer<typeof deliverySchema>;
