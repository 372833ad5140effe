import type { ReceiptLine } from './receipt';
import type { PaperWidth } from './render';

/**
 * A receipt as an HTML page, for printers reached through the OS (the Windows
 * spooler, by Electron's silent printing): the same laid-out lines as the ESC/POS
 * receipt, drawn by Chromium with the system's fonts, which carry Vietnamese.
 */

/** The printable width of the paper: a 58 mm roll prints 48 mm, an 80 mm roll 72 mm. */
const printableMm: Record<PaperWidth, number> = { 58: 48, 80: 72 };
const fontPt: Record<PaperWidth, number> = { 58: 9, 80: 11 };
/** Characters that fit on a line, for the length estimate. */
const columns: Record<PaperWidth, number> = { 58: 32, 80: 48 };

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string) => text.replace(/[&<>"']/gu, (c) => escapes[c]!);

function lineHtml(line: ReceiptLine): string {
  if (line.rule) return '<hr>';
  const classes = [line.align ?? 'left', line.bold ? 'bold' : '', line.size === 'large' ? 'large' : '']
    .filter(Boolean)
    .join(' ');
  // Leading spaces indent the item details, as on the ESC/POS receipt.
  const text = escapeHtml(line.text.normalize('NFC')).replace(/^ +/u, (spaces) => '&nbsp;'.repeat(spaces.length));
  return `<p class="${classes}">${text || '&nbsp;'}</p>`;
}

/** The receipt's length in mm, generously estimated (long lines wrap), for the page size. */
export function receiptHeightMm(lines: readonly ReceiptLine[], width: PaperWidth): number {
  const lineMm = fontPt[width] * 0.3528 * 1.45;
  let rows = 0;
  for (const line of lines) {
    if (line.rule) rows += 0.8;
    else rows += Math.max(1, Math.ceil(line.text.length / columns[width])) * (line.size === 'large' ? 1.3 : 1);
  }
  return Math.ceil(rows * lineMm + 12);
}

export function receiptHtml(lines: readonly ReceiptLine[], width: PaperWidth): string {
  const body = lines.map(lineHtml).join('\n');
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Receipt</title>
<style>
  @page { size: ${width}mm ${receiptHeightMm(lines, width)}mm; margin: 0; }
  html, body { margin: 0; padding: 0; background: #fff; color: #000; }
  body { width: ${printableMm[width]}mm; padding: 2mm ${(width - printableMm[width]) / 2}mm 4mm;
    font: ${fontPt[width]}pt/1.45 "Segoe UI", Roboto, Arial, "DejaVu Sans", sans-serif; }
  p { margin: 0; overflow-wrap: anywhere; white-space: pre-wrap; }
  .center { text-align: center; } .right { text-align: right; }
  .bold { font-weight: 600; } .large { font-size: 1.3em; }
  hr { border: 0; border-top: 1px dashed #000; margin: 1mm 0; }
</style>
</head>
<body>
${body}
</body>
</html>
`;
}
