import { z } from 'zod';
import {
  barcodeSchema,
  isoDateSchema,
  loanViewSchema,
  patronCategorySchema,
  patronSchema,
  textSchema,
} from '../domain';

export const patronsChannels = {
  /** Register a reader. A card number is issued when none is given; the card runs one year by default. */
  'patrons.register': {
    input: z
      .object({
        fullName: textSchema(200),
        category: patronCategorySchema.optional(),
        cardNumber: barcodeSchema.optional(),
        expiresOn: isoDateSchema.optional(),
      })
      .strict(),
    output: patronSchema,
  },
  /** Find readers by any part of the name (with or without tone marks) or by card number. */
  'patrons.search': {
    input: z.object({ query: z.string().max(200), limit: z.number().int().min(1).max(200).optional() }).strict(),
    output: z.array(patronSchema),
  },
  /** One reader by card number, with open loans and whether the card has expired. */
  'patrons.get': {
    input: z.object({ cardNumber: barcodeSchema }).strict(),
    output: z.object({
      patron: patronSchema,
      expired: z.boolean(),
      blockReason: z.string().nullable(),
      loans: z.array(loanViewSchema),
    }),
  },
  /** Block or unblock a reader's card, with a reason. */
  'patrons.setBlock': {
    input: z
      .object({ cardNumber: barcodeSchema, blocked: z.boolean(), reason: z.string().max(500).optional() })
      .strict(),
    output: patronSchema,
  },
} as const;
