import { describe, expect, it } from 'vitest';
import { makeLibraryBarcode } from '../../shared/barcode';
import { barRects, encodeCardNumber } from '../../electron/core/print/barcode';
import {
  A4_HEIGHT_MM,
  A4_WIDTH_MM,
  CARD_HEIGHT_MM,
  CARD_WIDTH_MM,
  CARDS_PER_SHEET,
  cardsDocument,
  cutMarks,
  sheetMargins,
  sheetPosition,
  type CardData,
} from '../../electron/core/print/cards';
import { mm } from '../../electron/core/print/pdf';

/** The card sheet's geometry and the barcode encoding, without rendering a PDF. */

const card = (i: number, fullName = 'Lò Văn Đức'): CardData => ({
  cardNumber: makeLibraryBarcode(2, 1, i + 1),
  fullName,
  categoryLabel: 'Người lớn',
  expiresOn: '2027-03-10',
  photo: null,
});
const library = { name: 'Thư viện huyện Tam Đường', logo: null, symbology: 'codabar' as const };

interface Line {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

describe('the A4 sheet', () => {
  it('holds ten cards, 2 × 5, inside the page and centred on it', () => {
    expect(CARDS_PER_SHEET).toBe(10);
    const slots = Array.from({ length: 10 }, (_, i) => sheetPosition(i));
    for (const s of slots) {
      expect(s.x).toBeGreaterThan(5);
      expect(s.y).toBeGreaterThan(5);
      expect(s.x + CARD_WIDTH_MM).toBeLessThan(A4_WIDTH_MM - 5);
      expect(s.y + CARD_HEIGHT_MM).toBeLessThan(A4_HEIGHT_MM - 5);
    }
    const right = Math.max(...slots.map((s) => s.x + CARD_WIDTH_MM));
    const bottom = Math.max(...slots.map((s) => s.y + CARD_HEIGHT_MM));
    const margins = sheetMargins();
    expect(A4_WIDTH_MM - right).toBeCloseTo(margins.x, 6);
    expect(A4_HEIGHT_MM - bottom).toBeCloseTo(margins.y, 6);
    // No two cards overlap.
    for (const a of slots) {
      for (const b of slots) {
        if (a === b) continue;
        const apart = a.x + CARD_WIDTH_MM <= b.x || b.x + CARD_WIDTH_MM <= a.x;
        const stacked = a.y + CARD_HEIGHT_MM <= b.y || b.y + CARD_HEIGHT_MM <= a.y;
        expect(apart || stacked).toBe(true);
      }
    }
  });

  it('draws cut marks on the lines of the card edges, never over a card and never off the page', () => {
    for (const count of [10, 3, 1]) {
      const slots = Array.from({ length: count }, (_, i) => i);
      const lines = (cutMarks(slots).canvas as Line[]).map((l) => ({
        x1: l.x1 / mm(1),
        y1: l.y1 / mm(1),
        x2: l.x2 / mm(1),
        y2: l.y2 / mm(1),
      }));
      expect(lines.length).toBeGreaterThanOrEqual(count * 4);
      const cards = slots.map((i) => sheetPosition(i));
      const edgesX = new Set(cards.flatMap((c) => [c.x, c.x + CARD_WIDTH_MM].map((v) => v.toFixed(3))));
      const edgesY = new Set(cards.flatMap((c) => [c.y, c.y + CARD_HEIGHT_MM].map((v) => v.toFixed(3))));
      for (const l of lines) {
        // On the page, with room for printers' unprintable edge.
        for (const x of [l.x1, l.x2]) expect(x).toBeGreaterThan(1);
        for (const x of [l.x1, l.x2]) expect(x).toBeLessThan(A4_WIDTH_MM - 1);
        for (const y of [l.y1, l.y2]) expect(y).toBeGreaterThan(1);
        for (const y of [l.y1, l.y2]) expect(y).toBeLessThan(A4_HEIGHT_MM - 1);
        // Horizontal or vertical, on the extension of a card edge.
        if (l.y1 === l.y2) expect(edgesY.has(l.y1.toFixed(3))).toBe(true);
        else {
          expect(l.x1).toBe(l.x2);
          expect(edgesX.has(l.x1.toFixed(3))).toBe(true);
        }
        // Clear of every card (0.3 mm at least), on every page of any batch.
        for (const c of Array.from({ length: 10 }, (_, i) => sheetPosition(i))) {
          const clearX = Math.min(l.x1, l.x2) >= c.x + CARD_WIDTH_MM + 0.3 || Math.max(l.x1, l.x2) <= c.x - 0.3;
          const clearY = Math.min(l.y1, l.y2) >= c.y + CARD_HEIGHT_MM + 0.3 || Math.max(l.y1, l.y2) <= c.y - 0.3;
          expect(clearX || clearY).toBe(true);
        }
      }
    }
  });

  it('marks every corner of every card', () => {
    const lines = cutMarks(Array.from({ length: 10 }, (_, i) => i)).canvas as Line[];
    for (let i = 0; i < 10; i += 1) {
      const c = sheetPosition(i);
      for (const x of [c.x, c.x + CARD_WIDTH_MM]) {
        for (const y of [c.y, c.y + CARD_HEIGHT_MM]) {
          const near = (l: Line) =>
            Math.min(Math.hypot(l.x1 / mm(1) - x, l.y1 / mm(1) - y), Math.hypot(l.x2 / mm(1) - x, l.y2 / mm(1) - y)) <
            1;
          expect(lines.filter(near).length).toBeGreaterThanOrEqual(2);
        }
      }
    }
  });

  it('keeps everything of a single card on its page, text boxes included', () => {
    const doc = cardsDocument([card(0, 'Nguyễn Hoàng Bảo Ngọc Khánh Linh Thị Thanh Thuỷ Trà My')], library, 'single');
    const page = doc.pageSize as { width: number; height: number };
    expect(page.width).toBeCloseTo(mm(85.6), 6);
    expect(page.height).toBeCloseTo(mm(53.98), 6);
    for (const node of doc.content as Record<string, unknown>[]) {
      const at = node.absolutePosition as { x: number; y: number };
      expect(at.x).toBeGreaterThanOrEqual(0);
      expect(at.y).toBeGreaterThanOrEqual(0);
      const columns = node.columns as { width: number }[] | undefined;
      if (columns) expect(at.x + columns[0]!.width).toBeLessThanOrEqual(page.width + 1e-6);
      for (const v of (node.canvas as { type: string; x?: number; w?: number; y?: number; h?: number }[]) ?? []) {
        if (v.type !== 'rect') continue;
        expect(at.x + v.x! + v.w!).toBeLessThanOrEqual(page.width + 1e-6);
        expect(at.y + v.y! + v.h!).toBeLessThanOrEqual(page.height + 1e-6);
      }
    }
  });

  it('starts a new page after every ten cards', () => {
    const doc = cardsDocument(
      Array.from({ length: 23 }, (_, i) => card(i)),
      library,
      'sheet',
    );
    const breaks = (doc.content as Record<string, unknown>[]).filter((n) => n.pageBreak === 'before');
    expect(breaks).toHaveLength(2);
  });
});

describe('card barcodes', () => {
  it('encodes Codabar with start and stop characters, as bars of exact widths', () => {
    const number = makeLibraryBarcode(2, 1, 155);
    const pattern = encodeCardNumber(number, 'codabar');
    expect(pattern.symbology).toBe('codabar');
    expect(pattern.widths.length % 2).toBe(1);
    expect(pattern.modules).toBe(pattern.widths.reduce((a, b) => a + b, 0));
    const rects = barRects(pattern, 1, 10) as { x: number; w: number }[];
    expect(rects).toHaveLength((pattern.widths.length + 1) / 2);
    const last = rects[rects.length - 1]!;
    expect(last.x + last.w).toBeCloseTo(pattern.modules, 9);
  });

  it('prints a card number Codabar cannot carry as Code 128', () => {
    expect(encodeCardNumber('TD-0042', 'codabar').symbology).toBe('code128');
    expect(encodeCardNumber('20001000001552', 'code128').symbology).toBe('code128');
  });
});
