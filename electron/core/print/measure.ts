import { createRequire } from 'node:module';
import { fontFile } from './pdf';

/**
 * Text measured with the same font engine (fontkit, under pdfkit under
 * pdfmake) and the same Roboto faces the PDF is set in, so that a reader's
 * name is sized to fit its box instead of running over the card's edge.
 */

interface GlyphRun {
  positions: { xAdvance: number }[];
}
interface Font {
  unitsPerEm: number;
  layout(text: string): GlyphRun;
}
interface Fontkit {
  create(data: Buffer): Font;
}

// fontkit comes with pdfmake (through pdfkit); resolve it from there rather than
// listing it as a dependency of its own.
const fromPdfmake = createRequire(createRequire(import.meta.url).resolve('pdfmake'));
const fontkit = createRequire(fromPdfmake.resolve('pdfkit'))('fontkit') as Fontkit;

const fonts = new Map<boolean, Font>();

function font(bold: boolean): Font {
  let f = fonts.get(bold);
  if (!f) {
    f = fontkit.create(fontFile(bold ? 'bold' : 'normal'));
    fonts.set(bold, f);
  }
  return f;
}

const widthCache = new Map<string, number>();

/** Width in points of one line of (NFC) text at a font size (widths scale with the size: measured once). */
export function textWidth(text: string, size: number, bold = false): number {
  const key = `${bold ? 'b' : 'r'}${text}`;
  let em = widthCache.get(key);
  if (em === undefined) {
    const f = font(bold);
    em = f.layout(text).positions.reduce((sum, p) => sum + p.xAdvance, 0) / f.unitsPerEm;
    if (widthCache.size > 10_000) widthCache.clear();
    widthCache.set(key, em);
  }
  return em * size;
}

/** The largest k in [min, max] for which `fits(k)` holds, `fits` being true up to some k and false after. */
function largest(min: number, max: number, fits: (k: number) => boolean): number {
  let lo = min;
  let hi = max;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export interface FitOptions {
  /** Width of the box in points. */
  width: number;
  /** Largest and smallest font sizes to try, in points. */
  maxSize: number;
  minSize: number;
  /** Smallest size worth keeping the text on one line before wrapping it (default `minSize`). */
  minSingleLineSize?: number;
  /** Largest size once the text has to wrap (default `maxSize`). */
  maxWrapSize?: number;
  /** Lines the box can hold. */
  maxLines: number;
  bold?: boolean;
  /** Step between tried sizes. */
  step?: number;
}

export interface FittedText {
  size: number;
  lines: string[];
  /** True when even the smallest size could not hold the whole text and it was cut with "…". */
  truncated: boolean;
}

/** Break text into lines of at most `width` at word boundaries; a word wider than the box is cut. */
function wrap(text: string, size: number, width: number, bold: boolean): string[] {
  const words = text.split(' ').filter((w) => w !== '');
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (textWidth(candidate, size, bold) <= width) {
      line = candidate;
      continue;
    }
    if (line !== '') lines.push(line);
    line = word;
    // A single word wider than the box: cut it (grapheme by grapheme).
    while (textWidth(line, size, bold) > width) {
      const chars = [...line];
      const keep = largest(1, chars.length, (k) => textWidth(chars.slice(0, k).join(''), size, bold) <= width);
      lines.push(chars.slice(0, keep).join(''));
      line = chars.slice(keep).join('');
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

/**
 * The largest size at which the text fits the box: on one line if it can
 * (names read best unbroken), else on up to `maxLines` lines; at the smallest
 * size, whatever does not fit is cut with an ellipsis. Never wider than the box.
 */
export function fitText(text: string, options: FitOptions): FittedText {
  const bold = options.bold ?? false;
  const step = options.step ?? 0.5;
  // A little slack: pdfmake measures word by word, so kerning across spaces may differ.
  const width = options.width * 0.98;
  const minSingle = options.minSingleLineSize ?? options.minSize;
  for (let size = options.maxSize; size >= minSingle - 1e-9; size -= step) {
    if (textWidth(text, size, bold) <= width) return { size, lines: [text], truncated: false };
  }
  for (let size = options.maxWrapSize ?? options.maxSize; size >= options.minSize - 1e-9; size -= step) {
    const lines = wrap(text, size, width, bold);
    if (lines.length <= options.maxLines) return { size, lines, truncated: false };
  }
  const size = options.minSize;
  const lines = wrap(text, size, width, bold).slice(0, options.maxLines);
  const last = [...(lines[lines.length - 1] ?? '')];
  const keep = largest(0, last.length, (k) => textWidth(`${last.slice(0, k).join('')}…`, size, bold) <= width);
  lines[lines.length - 1] = `${last.slice(0, keep).join('').trimEnd()}…`;
  return { size, lines, truncated: true };
}
