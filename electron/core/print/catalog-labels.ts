import { normalizeText } from '../../../shared/text';
import { barRects, encodeCardNumber } from './barcode';
import { FONT, mm, renderPdf, type PdfNode, type RenderedPdf } from './pdf';

/**
 * Barcode and spine labels for copies, on A4 sheets of self-adhesive labels.
 * Two common sheets:
 *
 *   a4-3x8   24 labels of 70 × 37 mm, no gaps (e.g. Avery 3474 / Tanex 24):
 *            a spine block on the left (call number, accession number, large),
 *            the barcode on the right with the number, the library and a short title.
 *   a4-5x13  65 labels of 38.1 × 21.2 mm, 2.5 mm between columns (e.g. Avery L7651):
 *            the barcode with the number, then accession and call number.
 *
 * Barcodes are Code 128 (bwip-js), drawn as vector bars with a quiet zone of ten
 * modules each side, the module as wide as the label allows up to 0.33 mm.
 */

export type LabelLayout = 'a4-3x8' | 'a4-5x13';

export interface LabelSheet {
  columns: number;
  rows: number;
  widthMm: number;
  heightMm: number;
  /** Left and top edge of the first label. */
  leftMm: number;
  topMm: number;
  /** Distance between the left edges of neighbouring labels, and between top edges. */
  pitchXMm: number;
  pitchYMm: number;
}

export const labelSheets: Record<LabelLayout, LabelSheet> = {
  'a4-3x8': { columns: 3, rows: 8, widthMm: 70, heightMm: 37, leftMm: 0, topMm: 0.5, pitchXMm: 70, pitchYMm: 37 },
  'a4-5x13': {
    columns: 5,
    rows: 13,
    widthMm: 38.1,
    heightMm: 21.2,
    leftMm: 4.75,
    topMm: 10.7,
    pitchXMm: 40.6,
    pitchYMm: 21.2,
  },
};

export interface LabelData {
  barcode: string;
  accessionNumber: string | null;
  callNumber: string | null;
  title: string;
}

const QUIET_MODULES = 10;
const MAX_MODULE_MM = 0.33;

/** Top-left corner (mm) of label `slot` (0-based within a sheet). */
export function labelPosition(sheet: LabelSheet, slot: number): { x: number; y: number } {
  const column = slot % sheet.columns;
  const row = Math.floor(slot / sheet.columns);
  return { x: sheet.leftMm + column * sheet.pitchXMm, y: sheet.topMm + row * sheet.pitchYMm };
}

function text(x: number, y: number, width: number, node: PdfNode): PdfNode {
  return { absolutePosition: { x: mm(x), y: mm(y) }, columns: [{ width: mm(width), ...node }] };
}

/** Bars centred in a box of `widthMm`, with their quiet zones inside it. */
function bars(code: string, x: number, y: number, widthMm: number, heightMm: number): PdfNode {
  const pattern = encodeCardNumber(code, 'code128');
  const moduleMm = Math.min(MAX_MODULE_MM, widthMm / (pattern.modules + 2 * QUIET_MODULES));
  const barsWidth = pattern.modules * moduleMm;
  return {
    absolutePosition: { x: mm(x + (widthMm - barsWidth) / 2), y: mm(y) },
    canvas: barRects(pattern, mm(moduleMm), mm(heightMm)),
  };
}

/** A title cut to what fits on one short line. */
function shortTitle(title: string, max: number): string {
  const t = normalizeText(title);
  return t.length <= max ? t : `${t.slice(0, max - 1).trimEnd()}…`;
}

/** A call number as spine lines: "895.9223 NG-D" → ["895.9223", "NG-D"]. */
export function spineLines(callNumber: string | null): string[] {
  return callNumber === null ? [] : normalizeText(callNumber).split(' ').slice(0, 4);
}

function largeLabel(label: LabelData, library: string, x: number, y: number): PdfNode[] {
  const spineW = 20;
  const nodes: PdfNode[] = [];
  const spine = spineLines(label.callNumber);
  nodes.push(
    text(x + 1.5, y + 3, spineW - 2, {
      stack: [
        ...spine.map((line) => ({ text: line, fontSize: 10, bold: true })),
        { text: label.accessionNumber ?? '', fontSize: 8, margin: [0, 3, 0, 0] },
      ],
      alignment: 'center',
      lineHeight: 1.1,
    }),
  );
  nodes.push({
    absolutePosition: { x: mm(x + spineW), y: mm(y + 3) },
    canvas: [{ type: 'line', x1: 0, y1: 0, x2: 0, y2: mm(31), lineWidth: 0.4, lineColor: '#555555' }],
  });
  const right = x + spineW + 1;
  const rightW = 70 - spineW - 2;
  nodes.push(text(right, y + 2.5, rightW, { text: shortTitle(library, 40), fontSize: 6, alignment: 'center' }));
  nodes.push(bars(label.barcode, right, y + 6, rightW, 15));
  nodes.push(
    text(right, y + 21.8, rightW, { text: label.barcode, fontSize: 8, alignment: 'center', characterSpacing: 0.8 }),
  );
  nodes.push(
    text(right, y + 26.5, rightW, {
      text: shortTitle(label.title, 38),
      fontSize: 7,
      alignment: 'center',
      lineHeight: 1.05,
    }),
  );
  return nodes;
}

function smallLabel(label: LabelData, x: number, y: number): PdfNode[] {
  const w = 38.1;
  const below = [label.accessionNumber, label.callNumber].filter((s) => s !== null).join(' · ');
  return [
    bars(label.barcode, x, y + 1.5, w, 10),
    text(x, y + 12, w, { text: label.barcode, fontSize: 6.5, alignment: 'center', characterSpacing: 0.5 }),
    text(x + 1, y + 15.5, w - 2, { text: shortTitle(below, 30), fontSize: 6.5, bold: true, alignment: 'center' }),
  ];
}

/** The pdfmake document: labels in order, `skip` slots of the first sheet left blank (a sheet already in use). */
export function labelsDocument(labels: readonly LabelData[], layout: LabelLayout, library: string, skip = 0): PdfNode {
  const sheet = labelSheets[layout];
  const perSheet = sheet.columns * sheet.rows;
  const content: PdfNode[] = [];
  const start = skip % perSheet;
  labels.forEach((label, i) => {
    const slot = start + i;
    if (slot > 0 && slot % perSheet === 0) content.push({ text: '', pageBreak: 'before' });
    const { x, y } = labelPosition(sheet, slot % perSheet);
    content.push(...(layout === 'a4-3x8' ? largeLabel(label, library, x, y) : smallLabel(label, x, y)));
  });
  return {
    pageSize: { width: mm(210), height: mm(297) },
    pageMargins: [0, 0, 0, 0],
    info: { title: 'Nhãn mã vạch', creator: 'Library Desk', producer: 'Library Desk' },
    defaultStyle: { font: FONT, fontSize: 8, lineHeight: 1 },
    content,
  };
}

export function renderLabels(
  labels: readonly LabelData[],
  layout: LabelLayout,
  library: string,
  skip = 0,
): Promise<RenderedPdf> {
  return renderPdf(labelsDocument(labels, layout, library, skip));
}
