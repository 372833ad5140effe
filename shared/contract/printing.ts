import { z } from 'zod';
import { barcodeSchema } from '../domain';

/** How the desk reaches its receipt printer. */
export const printerTransportSchema = z.discriminatedUnion('type', [
  z
    .object({ type: z.literal('tcp'), host: z.string().min(1).max(255), port: z.number().int().min(1).max(65535) })
    .strict(),
  z
    .object({
      type: z.literal('serial'),
      path: z.string().min(1).max(255),
      baud: z.number().int().min(300).max(921600),
    })
    .strict(),
  z.object({ type: z.literal('file'), path: z.string().min(1).max(255) }).strict(),
  /**
   * A printer the operating system knows by name (the Windows spooler): the receipt is
   * printed as HTML by the Electron shell's silent printing. The browser shell cannot.
   */
  z.object({ type: z.literal('system'), deviceName: z.string().trim().min(1).max(255) }).strict(),
]);
export type PrinterTransportConfig = z.infer<typeof printerTransportSchema>;

export const printerConfigSchema = z.object({
  transport: printerTransportSchema.nullable(),
  /** Paper width: 58 mm (384 dots) or 80 mm (576 dots). */
  width: z.union([z.literal(58), z.literal(80)]),
  /** raster: the receipt as a 1-bit image (any Vietnamese); text: the printer's Vietnamese code page. */
  mode: z.enum(['raster', 'text']),
  /** Print a receipt after every checkout and return without being asked. */
  autoPrint: z.boolean(),
  /** Never ask the printer's status (DLE EOT): for printers and links that do not answer it. */
  skipStatus: z.boolean(),
});
export type PrinterConfig = z.infer<typeof printerConfigSchema>;

export const defaultPrinterConfig: PrinterConfig = {
  transport: null,
  width: 58,
  mode: 'raster',
  autoPrint: false,
  skipStatus: false,
};

/**
 * The words printed on receipts. Unchanged words follow the desk's language (their
 * defaults are in the i18n catalogue, ui.printerOptions.receipt); changed ones are stored.
 */
const words = z.string().max(200);
const printedLines = z.array(z.string().trim().max(64)).max(6);
export const receiptWordingSchema = z
  .object({
    /** The library's name as printed; empty: the desk's library name. */
    libraryName: words,
    /** Lines under the library's name (address, opening hours). */
    headerLines: printedLines,
    /** Lines at the bottom (thanks, a phone number). */
    footerLines: printedLines,
    checkoutTitle: words,
    returnTitle: words,
    testTitle: words,
    reader: words,
    card: words,
    barcode: words,
    due: words,
    overdueDays: words,
    fee: words,
    totalFee: words,
    transaction: words,
    /** Who borrowed or returned on the reader's behalf. */
    proxy: words,
  })
  .strict();
export type ReceiptWording = z.infer<typeof receiptWordingSchema>;

export const receiptItemSchema = z.object({
  title: z.string(),
  barcode: z.string(),
  dueDate: z.string().optional(),
  overdueDays: z.number().int().optional(),
  fee: z.number().int().optional(),
});

export const receiptSchema = z.object({
  kind: z.enum(['checkout', 'return']),
  libraryName: z.string(),
  /** Local date and time, as printed (e.g. 2026-11-26 13:05). */
  at: z.string(),
  patron: z.object({ name: z.string(), card: z.string() }),
  /** The proxy who acted for the reader, as printed. */
  proxy: z.string().optional(),
  items: z.array(receiptItemSchema).min(1),
  transaction: z.string(),
});
export type Receipt = z.infer<typeof receiptSchema>;

export const printJobSchema = z.object({
  id: z.number().int(),
  kind: z.string(),
  status: z.enum(['queued', 'printing', 'done', 'failed']),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  printedAt: z.string().nullable(),
});
export type PrintJob = z.infer<typeof printJobSchema>;

/** What printing.configure may change: the printer settings and any of the receipt's words. */
export const printerConfigureSchema = printerConfigSchema
  .extend({ wording: receiptWordingSchema.partial().strict() })
  .partial()
  .strict();

/**
 * Print a receipt for what just happened at the desk: the UI sends the
 * barcodes it scanned when the librarian finishes a transaction (or at once,
 * when autoPrint is on). Checkout: the reader's card and the items now on loan
 * to them (due dates read from the loans). Return: the items just returned
 * (overdue days and fees read from their last loans).
 */
export const printReceiptInputSchema = z
  .object({
    kind: z.enum(['checkout', 'return']),
    patron: barcodeSchema.optional(),
    items: z.array(barcodeSchema).min(1).max(50),
  })
  .strict();

/** Receipt printer channels. */
export const printingChannels = {
  /** The printer settings and the receipt's words. */
  'printing.getConfig': {
    input: z.object({}).strict(),
    output: printerConfigSchema.extend({ wording: receiptWordingSchema }),
  },
  /** Choose the printer (TCP 9100, serial, device file, system printer), paper width, raster or text, automatic printing, status queries, wording. */
  'printing.configure': {
    input: printerConfigureSchema,
    output: printerConfigSchema.extend({ wording: receiptWordingSchema }),
  },
  /** The print queue, newest first. */
  'printing.queue': { input: z.object({}).strict(), output: z.array(printJobSchema) },
  /** Queue the last checkout or return receipt again; null when none was printed yet. */
  'printing.reprintLast': { input: z.object({}).strict(), output: printJobSchema.nullable() },
  /** Queue a checkout or return receipt. */
  'printing.printReceipt': { input: printReceiptInputSchema, output: printJobSchema },
  /** Queue a test page (width and Vietnamese tone marks). */
  'printing.testPage': { input: z.object({}).strict(), output: printJobSchema },
} as const;
