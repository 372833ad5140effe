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
});
export type PrinterConfig = z.infer<typeof printerConfigSchema>;

export const defaultPrinterConfig: PrinterConfig = { transport: null, width: 58, mode: 'raster', autoPrint: false };

/** The words printed on receipts; Vietnamese by default, changeable in settings. */
const words = z.string().max(200);
export const receiptWordingSchema = z
  .object({
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
    footer: words,
    /** Who borrowed or returned on the reader's behalf. */
    proxy: words,
  })
  .strict();
export type ReceiptWording = z.infer<typeof receiptWordingSchema>;

export const defaultReceiptWording: ReceiptWording = {
  checkoutTitle: 'PHIẾU MƯỢN SÁCH',
  returnTitle: 'PHIẾU TRẢ SÁCH',
  testTitle: 'TRANG IN THỬ',
  reader: 'Bạn đọc',
  card: 'Số thẻ',
  barcode: 'Mã',
  due: 'Hạn trả',
  overdueDays: 'Quá hạn (ngày)',
  fee: 'Phí',
  totalFee: 'Tổng phí',
  transaction: 'Số giao dịch',
  footer: 'Xin cảm ơn! Hẹn gặp lại.',
  proxy: 'Người mượn hộ',
};

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
  /** Choose the printer (TCP 9100, serial, device file), paper width, raster or text, automatic printing, wording. */
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
