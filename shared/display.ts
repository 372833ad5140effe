import { z } from 'zod';

/**
 * What the reader-facing display shows: the current reader's own transaction
 * and nothing more. The desk sends codes, not sentences, so the display words
 * them in the reader's language (ui.a11y.reader in the catalogue).
 */
export const displayLineSchema = z
  .object({
    kind: z.enum(['lent', 'renewed', 'returned']),
    title: z.string().max(500),
    barcode: z.string().max(64),
    /** The loan's due date (YYYY-MM-DD); null when there is none to show. */
    dueOn: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/u)
      .nullable(),
    overdueDays: z.number().int().min(0).max(100_000),
  })
  .strict();
export type DisplayLine = z.infer<typeof displayLineSchema>;

export const displayMessageCodes = [
  'welcome',
  'lent',
  'renewed',
  'returned',
  'returnedOverdue',
  'blocked',
  'expired',
  'refused',
  'finished',
] as const;
export type DisplayMessageCode = (typeof displayMessageCodes)[number];

export const displayStateSchema = z
  .object({
    reader: z
      .object({
        name: z.string().min(1).max(200),
        /** The reader's chosen language (any catalogue language, e.g. 'vi', 'en'); null: the desk's. */
        language: z
          .string()
          .regex(/^[a-z]{2,3}$/u)
          .nullable(),
      })
      .strict()
      .nullable(),
    lines: z.array(displayLineSchema).max(50),
    message: z
      .object({ code: z.enum(displayMessageCodes), tone: z.enum(['success', 'warning', 'error']) })
      .strict()
      .nullable(),
    /** The transaction is over: the display thanks the reader, then clears itself. */
    ended: z.boolean(),
  })
  .strict();
export type DisplayState = z.infer<typeof displayStateSchema>;
