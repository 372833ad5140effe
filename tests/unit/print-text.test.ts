import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatMoney } from '../../electron/core/print/format';
import { fitText, textWidth } from '../../electron/core/print/measure';
import { mm } from '../../electron/core/print/pdf';

/** Sizing names to their box on the card, and dates as printed. */

const box = { width: mm(57.9), maxSize: 13, minSingleLineSize: 9.5, maxWrapSize: 10.5, minSize: 7, maxLines: 2 };

describe('fitText', () => {
  it('keeps a short name on one line at the largest size', () => {
    const fitted = fitText('Giàng A Páo', { ...box, bold: true });
    expect(fitted).toEqual({ size: 13, lines: ['Giàng A Páo'], truncated: false });
  });

  it('shrinks a longer name to stay on one line', () => {
    const fitted = fitText('Nguyễn Thị Thu Hằng Phương', { ...box, bold: true });
    expect(fitted.lines).toEqual(['Nguyễn Thị Thu Hằng Phương']);
    expect(fitted.size).toBeLessThan(13);
    expect(fitted.size).toBeGreaterThanOrEqual(9.5);
    expect(textWidth(fitted.lines[0]!, fitted.size, true)).toBeLessThanOrEqual(box.width);
  });

  it('wraps a very long name at word boundaries, every line within the box', () => {
    const name = 'Nguyễn Hoàng Bảo Ngọc Khánh Linh Thị Thanh Thuỷ Trà My';
    const fitted = fitText(name, { ...box, bold: true });
    expect(fitted.lines).toHaveLength(2);
    expect(fitted.lines.join(' ')).toBe(name);
    expect(fitted.truncated).toBe(false);
    for (const line of fitted.lines) expect(textWidth(line, fitted.size, true)).toBeLessThanOrEqual(box.width);
  });

  it('cuts with an ellipsis only what cannot fit at the smallest size, never wider than the box', () => {
    const name = Array.from({ length: 12 }, () => 'Nguyễn Hoàng Bảo Ngọc').join(' ');
    const fitted = fitText(name, { ...box, bold: true });
    expect(fitted.truncated).toBe(true);
    expect(fitted.size).toBe(7);
    expect(fitted.lines).toHaveLength(2);
    expect(fitted.lines[1]!.endsWith('…')).toBe(true);
    for (const line of fitted.lines) expect(textWidth(line, fitted.size, true)).toBeLessThanOrEqual(box.width);
  });

  it('cuts a single word longer than the box', () => {
    const fitted = fitText('X'.repeat(200), { ...box, bold: true });
    for (const line of fitted.lines) expect(textWidth(line, fitted.size, true)).toBeLessThanOrEqual(box.width);
  });

  it('measures precomposed Vietnamese letters (NFC) like any other glyph', () => {
    const nfc = textWidth('Hằng', 10);
    expect(nfc).toBeGreaterThan(textWidth('Hang', 10) * 0.9);
    expect(nfc).toBeLessThan(textWidth('Hang', 10) * 1.1);
  });
});

describe('dates and money as printed', () => {
  it('writes dates day first', () => {
    expect(formatDate('2027-03-10')).toBe('10/03/2027');
    expect(formatDate('2026-03-10T23:30:00.000+07:00')).toBe('10/03/2026');
    expect(formatDateTime('2026-03-10T23:30:00.000+07:00')).toBe('10/03/2026 23:30');
  });

  it('keeps the wall-clock day of an instant, whatever the machine’s zone', () => {
    expect(formatDate('2026-03-10T00:15:00.000+07:00')).toBe('10/03/2026');
  });

  it('writes amounts in đồng', () => {
    expect(formatMoney(12000)).toMatch(/^12\.000 đ$/u);
  });
});
