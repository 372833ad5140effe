import { z } from 'zod';
import { barcodeSchema, isoDateSchema, languageSchema, materialTypeSchema } from '../domain';

/** A loan as the kiosk shows it to its own reader. */
export const kioskLoanSchema = z.object({
  item: z.string(),
  title: z.string(),
  dueOn: isoDateSchema,
  overdue: z.boolean(),
  renewable: z.boolean(),
});
export type KioskLoan = z.infer<typeof kioskLoanSchema>;

const sessionSchema = z.string().regex(/^[A-Za-z0-9_-]{20,64}$/u, 'a kiosk session');

const kioskReaderSchema = z.object({
  session: z.string(),
  fullName: z.string(),
  preferredLanguage: languageSchema.nullable(),
  loans: z.array(kioskLoanSchema),
});

/**
 * The self-service kiosk. A reader identifies with their card and gets a
 * session; every other call names the session, never a card, so the kiosk can
 * only ever show the reader who scanned. Identification is rate-limited.
 */
export const kioskChannels = {
  /** What the kiosk page needs before anyone scans: the library's name, its language, the idle timeout. */
  'kiosk.config': {
    input: z.object({}).strict(),
    output: z.object({ libraryName: z.string(), language: languageSchema, idleSeconds: z.number().int() }),
  },
  /** Staff only: how long the kiosk waits before it leaves the reader (seconds). */
  'kiosk.configure': {
    input: z.object({ idleSeconds: z.number().int().min(15).max(600) }).strict(),
    output: z.object({ idleSeconds: z.number().int() }),
  },
  /** A reader scans their own card: their name and loans, and a session for the next calls. */
  'kiosk.identify': {
    input: z.object({ card: barcodeSchema }).strict(),
    output: kioskReaderSchema,
  },
  /** The session's reader's loans, read again. */
  'kiosk.loans': {
    input: z.object({ session: sessionSchema }).strict(),
    output: z.array(kioskLoanSchema),
  },
  /** Renew one of the session reader's own loans. */
  'kiosk.renew': {
    input: z.object({ session: sessionSchema, item: barcodeSchema }).strict(),
    output: z.array(kioskLoanSchema),
  },
  /** Search the catalogue: titles with how many copies are on the shelf. */
  'kiosk.search': {
    input: z.object({ query: z.string().max(200), limit: z.number().int().min(1).max(50).optional() }).strict(),
    output: z.array(
      z.object({
        id: z.number().int(),
        title: z.string(),
        authors: z.array(z.string()),
        materialType: materialTypeSchema,
        available: z.number().int(),
        total: z.number().int(),
      }),
    ),
  },
  /** The reader is done (or the kiosk timed out): the session ends. */
  'kiosk.leave': {
    input: z.object({ session: sessionSchema }).strict(),
    output: z.object({}),
  },
} as const;

/**
 * The only channels the kiosk token (browser shell) and the kiosk window
 * (Electron) may call. Everything else, kiosk.configure included, is staff-only.
 */
export const kioskAllowedChannels = [
  'kiosk.config',
  'kiosk.identify',
  'kiosk.loans',
  'kiosk.renew',
  'kiosk.search',
  'kiosk.leave',
] as const satisfies readonly (keyof typeof kioskChannels)[];
export type KioskChannel = (typeof kioskAllowedChannels)[number];
