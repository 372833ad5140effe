import { normalizeText } from '../../../shared/text';
import { barRects, encodeCardNumber, type CardSymbology } from './barcode';
import { formatDate } from './format';
import { cardText } from './labels';
import { fitText } from './measure';
import { brokenImages, FONT, imageFromDataUrl, mm, renderPdf, type PdfNode, type RenderedPdf } from './pdf';

/**
 * Reader cards as PDF. A card is ID-1 (85.60 × 53.98 mm): a coloured band
 * with the library's logo and name, the words THẺ BẠN ĐỌC, the reader's photo
 * (or a neutral silhouette), name, category and expiry, and the card number
 * as a barcode with the number under it. `single` puts one card on a page of
 * exactly the card's size (card printers, or paper cut to size); `sheet` puts
 * ten on A4 (2 × 5) with cut marks in the gaps and margins, never over a card.
 */

export const CARD_WIDTH_MM = 85.6;
export const CARD_HEIGHT_MM = 53.98;
export const A4_WIDTH_MM = 210;
export const A4_HEIGHT_MM = 297;

export type CardLayout = 'single' | 'sheet';

export interface CardData {
  cardNumber: string;
  fullName: string;
  /** The category as printed (its Vietnamese label). */
  categoryLabel: string;
  /** YYYY-MM-DD. */
  expiresOn: string;
  /** JPEG or PNG data URL. */
  photo: string | null;
}

export interface CardLibrary {
  name: string;
  /** JPEG or PNG data URL. */
  logo: string | null;
  symbology: CardSymbology;
}

/** The sheet: 2 columns × 5 rows, gaps between cards (for the cut marks), centred on A4. */
export const sheetGrid = {
  columns: 2,
  rows: 5,
  gapXMm: 5,
  gapYMm: 3,
} as const;
export const CARDS_PER_SHEET = sheetGrid.columns * sheetGrid.rows;

const colours = {
  band: '#0f4c5c',
  bandText: '#ffffff',
  accent: '#0f4c5c',
  text: '#1b1f20',
  label: '#5b6669',
  photoBox: '#e6ecee',
  photoFigure: '#b9c6ca',
  photoFrame: '#9aa8ac',
  cutMark: '#000000',
};

/** Card geometry, in mm from the card's top-left corner. */
const g = {
  bandHeight: 11.5,
  edge: 3.2,
  logo: { x: 2.6, y: 1.75, size: 8 },
  libraryName: { x: 12.4, right: 2.8 },
  photo: { x: 3.2, y: 13.4, w: 18, h: 24 },
  column: { x: 24.4, right: 3.2 },
  title: { y: 13.0, size: 8.5 },
  nameLabel: { y: 17.5, size: 5.5 },
  name: { y: 19.6, maxSize: 13, minSingle: 9.5, maxWrap: 10.5, minSize: 7 },
  category: { y: 29.4, size: 7 },
  expiry: { y: 33.0, size: 7 },
  barcode: { y: 39.0, height: 9.0, maxWidth: 56, maxModule: 0.38 },
  number: { y: 48.5, size: 7.5 },
};

function textBox(x: number, y: number, width: number, node: PdfNode): PdfNode {
  return { absolutePosition: { x: mm(x), y: mm(y) }, columns: [{ width: mm(width), ...node }] };
}

/** A filled polygon (pdfmake moves polylines with their node; it does not move `path`s). */
function polygon(points: [number, number][], color: string): PdfNode {
  return { type: 'polyline', points: points.map(([x, y]) => ({ x, y })), closePath: true, color };
}

/** An open book in white, the library's mark when it has no logo of its own. */
function defaultLogo(ox: number, oy: number): PdfNode {
  const { x, y, size } = g.logo;
  const cx = mm(x + size / 2);
  const half = mm(size * 0.44);
  const top = mm(y + size * 0.22);
  const h = mm(size * 0.52);
  const dip = mm(size * 0.08);
  const gap = mm(0.3);
  const page = (dir: 1 | -1) =>
    polygon(
      [
        [cx + dir * gap, top + dip],
        [cx + dir * half, top],
        [cx + dir * half, top + h],
        [cx + dir * gap, top + h + dip],
      ],
      colours.bandText,
    );
  return { absolutePosition: { x: mm(ox), y: mm(oy) }, canvas: [page(-1), page(1)] };
}

/** A neutral head-and-shoulders in a grey box, where a photo would be. */
function photoPlaceholder(px: number, py: number): PdfNode {
  const W = mm(g.photo.w);
  const H = mm(g.photo.h);
  // Shoulders: a cubic curve from the bottom-left corner up and over to the bottom-right, sampled.
  const [x0, x1, y0, yc] = [W * 0.12, W * 0.88, H, H * 0.64];
  const shoulders: [number, number][] = [];
  for (let i = 0; i <= 24; i += 1) {
    const t = i / 24;
    const u = 1 - t;
    const bx = u * u * u * x0 + 3 * u * u * t * x0 + 3 * u * t * t * x1 + t * t * t * x1;
    const by = u * u * u * y0 + 3 * u * u * t * yc + 3 * u * t * t * yc + t * t * t * y0;
    shoulders.push([bx, by]);
  }
  return {
    absolutePosition: { x: mm(px), y: mm(py) },
    canvas: [
      { type: 'rect', x: 0, y: 0, w: W, h: H, color: colours.photoBox },
      polygon(shoulders, colours.photoFigure),
      { type: 'ellipse', x: W / 2, y: H * 0.4, r1: W * 0.19, r2: W * 0.22, color: colours.photoFigure },
    ],
  };
}

/** Everything drawn for one card whose top-left corner is at (ox, oy) mm on the page. */
function cardNodes(card: CardData, library: CardLibrary, ox: number, oy: number, photoKey: string | null): PdfNode[] {
  const nodes: PdfNode[] = [];
  const at = (x: number, y: number) => ({ x: mm(ox + x), y: mm(oy + y) });

  // Header band with logo and library name.
  nodes.push({
    absolutePosition: at(0, 0),
    canvas: [{ type: 'rect', x: 0, y: 0, w: mm(CARD_WIDTH_MM), h: mm(g.bandHeight), color: colours.band }],
  });
  if (library.logo) {
    nodes.push({
      absolutePosition: at(g.logo.x, g.logo.y),
      image: 'logo',
      fit: [mm(g.logo.size), mm(g.logo.size)],
    });
  } else {
    nodes.push(defaultLogo(ox, oy));
  }
  const nameWidth = CARD_WIDTH_MM - g.libraryName.x - g.libraryName.right;
  const libraryName = fitText(normalizeText(library.name), {
    width: mm(nameWidth),
    maxSize: 9,
    minSingleLineSize: 7.5,
    minSize: 6,
    maxLines: 2,
    bold: true,
  });
  const libraryLineHeight = libraryName.size * 1.17;
  const libraryBlock = (libraryLineHeight * libraryName.lines.length * 25.4) / 72;
  nodes.push(
    textBox(ox + g.libraryName.x, oy + (g.bandHeight - libraryBlock) / 2, nameWidth, {
      text: libraryName.lines.join('\n'),
      bold: true,
      fontSize: libraryName.size,
      color: colours.bandText,
    }),
  );

  // Photo, or a neutral placeholder.
  if (photoKey) {
    nodes.push({
      absolutePosition: at(g.photo.x, g.photo.y),
      image: photoKey,
      cover: { width: mm(g.photo.w), height: mm(g.photo.h), align: 'center', valign: 'center' },
    });
    nodes.push({
      absolutePosition: at(g.photo.x, g.photo.y),
      canvas: [
        { type: 'rect', x: 0, y: 0, w: mm(g.photo.w), h: mm(g.photo.h), lineWidth: 0.4, lineColor: colours.photoFrame },
      ],
    });
  } else {
    nodes.push(photoPlaceholder(ox + g.photo.x, oy + g.photo.y));
  }

  // The text column: title, name, category, expiry.
  const colX = ox + g.column.x;
  const colW = CARD_WIDTH_MM - g.column.x - g.column.right;
  nodes.push(
    textBox(colX, oy + g.title.y, colW, {
      text: cardText.title,
      bold: true,
      fontSize: g.title.size,
      characterSpacing: 0.9,
      color: colours.accent,
    }),
  );
  nodes.push(
    textBox(colX, oy + g.nameLabel.y, colW, {
      text: cardText.fullName,
      fontSize: g.nameLabel.size,
      color: colours.label,
    }),
  );
  const name = fitText(normalizeText(card.fullName), {
    width: mm(colW),
    maxSize: g.name.maxSize,
    minSingleLineSize: g.name.minSingle,
    maxWrapSize: g.name.maxWrap,
    minSize: g.name.minSize,
    maxLines: 2,
    bold: true,
  });
  nodes.push(
    textBox(colX, oy + g.name.y, colW, {
      text: name.lines.join('\n'),
      bold: true,
      fontSize: name.size,
      lineHeight: name.lines.length > 1 ? 0.95 : 1,
      color: colours.text,
    }),
  );
  const labelled = (label: string, value: string, y: number, size: number) => {
    const fitted = fitText(`${label}: ${value}`, { width: mm(colW), maxSize: size, minSize: 5, maxLines: 1 });
    const full = fitted.lines[0] === `${label}: ${value}`;
    return textBox(colX, oy + y, colW, {
      text: full
        ? [
            { text: `${label}: `, color: colours.label },
            { text: value, color: colours.text, bold: true },
          ]
        : fitted.lines[0],
      fontSize: fitted.size,
      color: colours.text,
    });
  };
  nodes.push(labelled(cardText.category, normalizeText(card.categoryLabel), g.category.y, g.category.size));
  nodes.push(labelled(cardText.validUntil, formatDate(card.expiresOn), g.expiry.y, g.expiry.size));

  // The barcode: vector bars at a fixed physical size, centred, with wide quiet zones either side.
  const pattern = encodeCardNumber(card.cardNumber, library.symbology);
  const moduleMm = Math.min(g.barcode.maxModule, g.barcode.maxWidth / pattern.modules);
  const barsWidth = pattern.modules * moduleMm;
  const barsX = (CARD_WIDTH_MM - barsWidth) / 2;
  nodes.push({
    absolutePosition: at(barsX, g.barcode.y),
    canvas: barRects(pattern, mm(moduleMm), mm(g.barcode.height)),
  });
  nodes.push(
    textBox(ox, oy + g.number.y, CARD_WIDTH_MM, {
      text: card.cardNumber,
      fontSize: g.number.size,
      characterSpacing: 1.2,
      alignment: 'center',
      color: colours.text,
    }),
  );
  return nodes;
}

/**
 * Cut marks for the occupied slots of one sheet: short lines on the extensions
 * of every card edge, in the margins (longer) and across the gaps between
 * cards (stopping short of both), never over a card.
 */
export function cutMarks(slots: readonly number[]): PdfNode {
  const clear = 0.6;
  const outer = 4.5;
  const margins = sheetMargins();
  const seen = new Set<string>();
  const lines: PdfNode[] = [];
  const line = (ax: number, ay: number, bx: number, by: number) => {
    const key = [ax, ay, bx, by].map((v) => v.toFixed(2)).join(',');
    if (seen.has(key) || Math.hypot(bx - ax, by - ay) < 0.3) return;
    seen.add(key);
    lines.push({
      type: 'line',
      x1: mm(ax),
      y1: mm(ay),
      x2: mm(bx),
      y2: mm(by),
      lineWidth: 0.35,
      lineColor: colours.cutMark,
    });
  };
  const marginReach = (margin: number) => Math.min(outer, margin - clear - 1.5);
  for (const slot of slots) {
    const { x, y, column, row } = sheetPosition(slot);
    const x1 = x + CARD_WIDTH_MM;
    const y1 = y + CARD_HEIGHT_MM;
    for (const cy of [y, y1]) {
      // Left and right of the card, along its top and bottom edges.
      if (column === 0) line(x - clear - marginReach(margins.x), cy, x - clear, cy);
      else line(x - sheetGrid.gapXMm + clear, cy, x - clear, cy);
      if (column === sheetGrid.columns - 1) line(x1 + clear, cy, x1 + clear + marginReach(margins.x), cy);
      else line(x1 + clear, cy, x1 + sheetGrid.gapXMm - clear, cy);
    }
    for (const cx of [x, x1]) {
      // Above and below the card, along its left and right edges.
      if (row === 0) line(cx, y - clear - marginReach(margins.y), cx, y - clear);
      else line(cx, y - sheetGrid.gapYMm + clear, cx, y - clear);
      if (row === sheetGrid.rows - 1) line(cx, y1 + clear, cx, y1 + clear + marginReach(margins.y));
      else line(cx, y1 + clear, cx, y1 + sheetGrid.gapYMm - clear);
    }
  }
  return { absolutePosition: { x: 0, y: 0 }, canvas: lines };
}

/** Top-left corner (mm) of card `index` within its sheet, and the sheet's margins. */
export function sheetPosition(index: number): { x: number; y: number; column: number; row: number } {
  const slot = index % CARDS_PER_SHEET;
  const column = slot % sheetGrid.columns;
  const row = Math.floor(slot / sheetGrid.columns);
  const { x, y } = sheetMargins();
  return {
    x: x + column * (CARD_WIDTH_MM + sheetGrid.gapXMm),
    y: y + row * (CARD_HEIGHT_MM + sheetGrid.gapYMm),
    column,
    row,
  };
}

export function sheetMargins(): { x: number; y: number } {
  const usedW = sheetGrid.columns * CARD_WIDTH_MM + (sheetGrid.columns - 1) * sheetGrid.gapXMm;
  const usedH = sheetGrid.rows * CARD_HEIGHT_MM + (sheetGrid.rows - 1) * sheetGrid.gapYMm;
  return { x: (A4_WIDTH_MM - usedW) / 2, y: (A4_HEIGHT_MM - usedH) / 2 };
}

/** The pdfmake document for a batch of cards. */
export function cardsDocument(cards: readonly CardData[], library: CardLibrary, layout: CardLayout): PdfNode {
  const images: Record<string, string> = {};
  const logo = imageFromDataUrl(library.logo);
  if (logo) images.logo = logo;
  const photoKeys = new Map<string, string>();
  const photoKey = (card: CardData): string | null => {
    const photo = imageFromDataUrl(card.photo);
    if (!photo) return null;
    let key = photoKeys.get(photo);
    if (!key) {
      key = `photo${photoKeys.size}`;
      photoKeys.set(photo, key);
      images[key] = photo;
    }
    return key;
  };
  const lib: CardLibrary = { ...library, logo };
  const perPage = layout === 'single' ? 1 : CARDS_PER_SHEET;
  const content: PdfNode[] = [];
  for (let first = 0; first < cards.length; first += perPage) {
    if (first > 0) content.push({ text: '', pageBreak: 'before' });
    const page = cards.slice(first, first + perPage);
    if (layout === 'sheet') content.push(cutMarks(page.map((_, i) => i)));
    page.forEach((card, i) => {
      const pos = layout === 'sheet' ? sheetPosition(i) : { x: 0, y: 0 };
      content.push(...cardNodes(card, lib, pos.x, pos.y, photoKey(card)));
    });
  }
  const pageSize =
    layout === 'single'
      ? { width: mm(CARD_WIDTH_MM), height: mm(CARD_HEIGHT_MM) }
      : { width: mm(A4_WIDTH_MM), height: mm(A4_HEIGHT_MM) };
  return {
    pageSize,
    pageMargins: [0, 0, 0, 0],
    info: { title: cardText.title, creator: 'Library Desk', producer: 'Library Desk' },
    defaultStyle: { font: FONT, fontSize: 8, lineHeight: 1 },
    images,
    content,
  };
}

/** Render a batch of cards; a photo or logo that cannot be read is left out (placeholder), not fatal. */
export async function renderCards(
  cards: readonly CardData[],
  library: CardLibrary,
  layout: CardLayout,
): Promise<RenderedPdf> {
  try {
    return await renderPdf(cardsDocument(cards, library, layout));
  } catch (error) {
    const broken = await brokenImages([library.logo, ...cards.map((c) => c.photo)]);
    if (broken.size === 0) throw error;
    const usable = (url: string | null) => (url !== null && broken.has(url) ? null : url);
    return renderPdf(
      cardsDocument(
        cards.map((c) => ({ ...c, photo: usable(c.photo) })),
        { ...library, logo: usable(library.logo) },
        layout,
      ),
    );
  }
}
