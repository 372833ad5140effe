import { z } from 'zod';
import { barcodeSchema } from '../domain';
import { documentSchema } from '../patron-record';

export const cardsChannels = {
  /**
   * Reader cards as PDF: `single` is one ID-1 card (85.60 × 53.98 mm) per page;
   * `sheet` is A4 sheets of 10 cards with cut marks.
   */
  'cards.pdf': {
    input: z
      .object({
        cardNumbers: z.array(barcodeSchema).min(1).max(500),
        layout: z.enum(['single', 'sheet']),
      })
      .strict(),
    output: documentSchema,
  },
} as const;
