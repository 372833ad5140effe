import { z } from 'zod';
import { patronCategorySchema, textSchema } from '../domain';
import { patronCategoryInfoSchema } from '../patron-record';

export const categoriesChannels = {
  /** The reader categories of this library, in their order; loan policies name them by code (`policies.*`). */
  'categories.list': {
    input: z.object({}).strict(),
    output: z.array(patronCategoryInfoSchema),
  },
  /** Add or rename a category, or retire it (inactive: no new readers in it; existing ones keep it). */
  'categories.upsert': {
    input: z
      .object({ code: patronCategorySchema, labelVi: textSchema(100), labelEn: textSchema(100), active: z.boolean() })
      .strict(),
    output: z.array(patronCategoryInfoSchema),
  },
} as const;
