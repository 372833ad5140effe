import { defaultReceiptWording, type Receipt, type ReceiptWording } from '../../../../shared/contract/printing';

/** One laid-out line of a receipt: text, alignment and weight. A rule is a dashed line. */
export interface ReceiptLine {
  text: string;
  align?: 'left' | 'center' | 'right';
  bold?: boolean;
  size?: 'normal' | 'large';
  rule?: boolean;
}

const nfc = (value: string) => value.normalize('NFC');

/** Receipt wording with defaults filled in (the settings key holds only what was changed). */
export function receiptWording(stored?: Partial<ReceiptWording> | null): ReceiptWording {
  return { ...defaultReceiptWording, ...(stored ?? {}) };
}

/** A fee in đồng, grouped by dots as in Vietnam: 12.000 đ. */
export function formatFee(amount: number): string {
  return `${String(Math.round(amount)).replace(/\B(?=(\d{3})+(?!\d))/gu, '.')} đ`;
}

/** Lay a checkout or return receipt out as lines (pure: no clock, no database). */
export function receiptLines(receipt: Receipt, wording: ReceiptWording = defaultReceiptWording): ReceiptLine[] {
  const w = wording;
  const lines: ReceiptLine[] = [
    { text: receipt.libraryName, align: 'center', bold: true },
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
  lines.push({ text: w.footer, align: 'center' });
  return lines.map((line) => ({ ...line, text: nfc(line.text) }));
}

/** A test page: proves the transport, the width and the Vietnamese tone marks. */
export function testPageLines(
  libraryName: string,
  at: string,
  width: 58 | 80,
  wording = defaultReceiptWording,
): ReceiptLine[] {
  return [
    { text: libraryName, align: 'center', bold: true },
    { text: wording.testTitle, align: 'center', bold: true, size: 'large' },
    { text: at, align: 'center' },
    { text: '', rule: true },
    { text: `${width} mm` },
    { text: 'Nguyễn Thị Hằng — Truyện Kiều' },
    { text: 'Dế Mèn phiêu lưu ký — Ằ Ẵ Ặ Ễ Ộ Ữ' },
    { text: '', rule: true },
  ].map((line) => ({ ...line, text: nfc(line.text) })) as ReceiptLine[];
}
