import { z } from 'zod';
import { barcodeSchema, itemStatusSchema, materialTypeSchema, textSchema, titleSchema } from '../domain';

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
  /** Find titles by words of the title or author (with or without tone marks) or by a copy's barcode. */
  'catalog.search': {
    input: z.object({ query: z.string().max(200), limit: z.number().int().min(1).max(200).optional() }).strict(),
    output: z.array(titleSchema),
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
