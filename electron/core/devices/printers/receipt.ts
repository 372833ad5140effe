import type { Receipt, ReceiptWording } from '../../../../shared/contract/printing';
import type { Language } from '../../../../shared/domain';
import { catalogues } from '../../../../shared/i18n';

/** One laid-out line of a receipt: text, alignment and weight. A rule is a dashed line. */
export interface ReceiptLine {
  text: string;
  align?: 'left' | 'center' | 'right';
  bold?: boolean;
  size?: 'normal' | 'large';
  rule?: boolean;
}

const nfc = (value: string) => value.normalize('NFC');

/** Multi-line catalogue text → printed lines (an empty text is no line). */
const splitLines = (text: string) => text.split('\n').filter((line) => line.trim() !== '');

/** The receipt's words in a language, from the i18n catalogue. */
export function defaultReceiptWording(language: Language = 'vi'): ReceiptWording {
  const { header, footer, ...words } = catalogues[language].ui.printerOptions.receipt;
  return { libraryName: '', headerLines: splitLines(header), footerLines: splitLines(footer), ...words };
}

/**
 * Receipt wording: what was changed (the settings key holds only that) over the
 * language's defaults. A `footer` string stored before lines existed becomes the footer lines.
 */
export function receiptWording(stored?: Partial<ReceiptWording> | null, language: Language = 'vi'): ReceiptWording {
  const { footer, ...changed } = (stored ?? {}) as Partial<ReceiptWording> & { footer?: unknown };
  const legacy = typeof footer === 'string' && changed.footerLines === undefined ? { footerLines: [footer] } : {};
  return { ...defaultReceiptWording(language), ...changed, ...legacy };
}

/** The wording to store: only what differs from the language's defaults, so the rest follows the language. */
export function changedWording(wording: ReceiptWording, language: Language): Partial<ReceiptWording> {
  const defaults = defaultReceiptWording(language);
  return Object.fromEntries(
    Object.entries(wording).filter(
      ([key, value]) => JSON.stringify(value) !== JSON.stringify(defaults[key as keyof ReceiptWording]),
    ),
  ) as Partial<ReceiptWording>;
}

/** The library's name and the header lines, centred, at the top of every receipt. */
function headLines(libraryName: string, w: ReceiptWording): ReceiptLine[] {
  return [
    { text: w.libraryName.trim() || libraryName, align: 'center', bold: true },
    ...w.headerLines.map((text): ReceiptLine => ({ text, align: 'center' })),
  ];
}

/** A fee in đồng, grouped by dots as in Vietnam: 12.000 đ. */
export function formatFee(amount: number): string {
  return `${String(Math.round(amount)).replace(/\B(?=(\d{3})+(?!\d))/gu, '.')} đ`;
}

/** Lay a checkout or return receipt out as lines (pure: no clock, no database). */
export function receiptLines(receipt: Receipt, wording: ReceiptWording = defaultReceiptWording()): ReceiptLine[] {
  const w = wording;
  const lines: ReceiptLine[] = [
    ...headLines(receipt.libraryName, w),
    { text: receipt.kind === 'checkout' ? w.checkoutTitle : w.returnTitle, align: 'center', bold: true, size: 'large' },
    { text: receipt.at, align: 'center' },
    { text: '', rule: true },
    { text: `${w.reader}: ${receipt.patron.name}` },
    { text: `${w.card}: ${receipt.patron.card}` },
    ...(receipt.proxy ? [{ text: `${w.proxy}: ${receipt.proxy}`, bold: true }] : []),
    { text: '', rule: true },
  ];
  let total = 0;
  receipt.items.forEach((item, i) => {
    lines.push({ text: `${i + 1}. ${item.title}`, bold: true });
    lines.push({ text: `   ${w.barcode}: ${item.barcode}` });
    if (item.dueDate) lines.push({ text: `   ${w.due}: ${item.dueDate}` });
    if (item.overdueDays !== undefined && item.overdueDays > 0) {
      lines.push({ text: `   ${w.overdueDays}: ${item.overdueDays}` });
    }
    if (item.fee !== undefined && item.fee > 0) {
      total += item.fee;
      lines.push({ text: `   ${w.fee}: ${formatFee(item.fee)}` });
    }
  });
  lines.push({ text: '', rule: true });
  if (receipt.kind === 'return' && total > 0) lines.push({ text: `${w.totalFee}: ${formatFee(total)}`, bold: true });
  lines.push({ text: `${w.transaction}: ${receipt.transaction}` });
  for (const text of w.footerLines) lines.push({ text, align: 'center' });
  return lines.map((line) => ({ ...line, text: nfc(line.text) }));
}

/** A test page: proves the transport, the width and the Vietnamese tone marks. */
export function testPageLines(
  libraryName: string,
  at: string,
  width: 58 | 80,
  wording = defaultReceiptWording(),
): ReceiptLine[] {
  return [
    ...headLines(libraryName, wording),
    { text: wording.testTitle, align: 'center', bold: true, size: 'large' },
    { text: at, align: 'center' },
    { text: '', rule: true },
    { text: `${width} mm` },
    { text: 'Nguyễn Thị Hằng — Truyện Kiều' },
    { text: 'Dế Mèn phiêu lưu ký — Ằ Ẵ Ặ Ễ Ộ Ữ' },
    { text: '', rule: true },
    ...wording.footerLines.map((text): ReceiptLine => ({ text, align: 'center' })),
  ].map((line) => ({ ...line, text: nfc(line.text) })) as ReceiptLine[];
}
