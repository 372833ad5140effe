import { createRequire } from 'node:module';
import { createCanvas, GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';
import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import type { ReceiptLine } from './receipt';

/**
 * Receipts to ESC/POS bytes. Raster (the default) draws the lines with Roboto,
 * which carries every stacked Vietnamese tone mark, thresholds the drawing to
 * 1 bit and sends it as GS v 0; text mode uses the printer's Windows-1258 code
 * page for models known to have one (decomposed marks, no stacking guarantee).
 */
export type PaperWidth = 58 | 80;
export const paperDots: Record<PaperWidth, number> = { 58: 384, 80: 576 };
const paperColumns: Record<PaperWidth, number> = { 58: 32, 80: 48 };

const FAMILY = 'DeskReceiptRoboto';
let fontsReady = false;
function ensureFonts(): void {
  if (fontsReady) return;
  const resolve = createRequire(import.meta.url).resolve;
  GlobalFonts.registerFromPath(resolve('pdfmake/build/fonts/Roboto/Roboto-Regular.ttf'), FAMILY);
  GlobalFonts.registerFromPath(resolve('pdfmake/build/fonts/Roboto/Roboto-Medium.ttf'), FAMILY);
  fontsReady = true;
}

export interface Bitmap {
  width: number;
  height: number;
  /** One byte per dot: 1 black, 0 white. */
  dots: Uint8Array;
}

const fontPx = (width: PaperWidth, size: ReceiptLine['size']) => {
  const base = width === 58 ? 22 : 28;
  return size === 'large' ? Math.round(base * 1.3) : base;
};

/** Break a line into pieces no wider than the paper, at spaces where possible. */
function wrap(ctx: SKRSContext2D, text: string, maxWidth: number): string[] {
  if (ctx.measureText(text).width <= maxWidth) return [text];
  const indent = /^\s*/u.exec(text)?.[0] ?? '';
  const out: string[] = [];
  let current = '';
  for (const word of text.trim().split(/\s+/u)) {
    const candidate = current ? `${current} ${word}` : `${out.length ? indent + '  ' : indent}${word}`;
    if (ctx.measureText(candidate).width <= maxWidth || !current) {
      current = candidate;
      // A single word wider than the paper: cut it by characters.
      while (ctx.measureText(current).width > maxWidth && current.length > 1) {
        let cut = current.length - 1;
        while (cut > 1 && ctx.measureText(current.slice(0, cut)).width > maxWidth) cut--;
        out.push(current.slice(0, cut));
        current = current.slice(cut);
      }
    } else {
      out.push(current);
      current = `${indent}  ${word}`;
    }
  }
  if (current) out.push(current);
  return out;
}

/** Draw the lines on a canvas the paper's width and threshold them to black and white. */
export function renderReceiptBitmap(lines: readonly ReceiptLine[], width: PaperWidth): Bitmap {
  ensureFonts();
  const dots = paperDots[width];
  const margin = 8;
  const maxWidth = dots - 2 * margin;
  const measure = createCanvas(dots, 10).getContext('2d');
  type Placed = { text: string; font: string; align: ReceiptLine['align']; lineHeight: number; rule: boolean };
  const placed: Placed[] = [];
  for (const line of lines) {
    const px = fontPx(width, line.size);
    const font = `${line.bold ? '500 ' : ''}${px}px ${FAMILY}`;
    // Stacked marks (Ễ, Ặ) rise well above the cap height: leave 60% of the size between lines.
    const lineHeight = Math.ceil(px * 1.6);
    if (line.rule) {
      placed.push({ text: '', font, align: 'left', lineHeight: Math.ceil(px * 0.8), rule: true });
      continue;
    }
    measure.font = font;
    for (const piece of wrap(measure, line.text.normalize('NFC'), maxWidth)) {
      placed.push({ text: piece, font, align: line.align ?? 'left', lineHeight, rule: false });
    }
  }
  const contentHeight = placed.reduce((sum, p) => sum + p.lineHeight, 0) + 2 * margin;
  const height = Math.ceil(contentHeight / 24) * 24;
  const canvas = createCanvas(dots, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, dots, height);
  ctx.fillStyle = '#000';
  ctx.strokeStyle = '#000';
  ctx.textBaseline = 'alphabetic';
  let y = margin;
  for (const p of placed) {
    if (p.rule) {
      const mid = y + Math.floor(p.lineHeight / 2);
      for (let x = margin; x < dots - margin; x += 8) ctx.fillRect(x, mid, 5, 2);
    } else {
      ctx.font = p.font;
      ctx.textAlign = p.align ?? 'left';
      const x = p.align === 'center' ? dots / 2 : p.align === 'right' ? dots - margin : margin;
      // Baseline at ~72% of the line: room above for two stacked marks, below for descenders and dots (ạ, ệ).
      ctx.fillText(p.text, x, y + Math.round(p.lineHeight * 0.72));
    }
    y += p.lineHeight;
  }
  const rgba = ctx.getImageData(0, 0, dots, height).data;
  const bw = new Uint8Array(dots * height);
  for (let i = 0; i < bw.length; i++) {
    const lum = 0.299 * rgba[i * 4]! + 0.587 * rgba[i * 4 + 1]! + 0.114 * rgba[i * 4 + 2]!;
    bw[i] = lum < 150 ? 1 : 0;
  }
  return { width: dots, height, dots: bw };
}

function encoder(width: PaperWidth, text: boolean): ReceiptPrinterEncoder {
  return new ReceiptPrinterEncoder({
    language: 'esc-pos',
    columns: paperColumns[width],
    imageMode: 'raster',
    feedBeforeCut: 4,
    ...(text ? { codepageMapping: 'epson', codepageCandidates: ['windows1258'] } : {}),
  });
}

/** ESC @, the 1-bit image as GS v 0, feed and cut. */
export function encodeRaster(bitmap: Bitmap, width: PaperWidth): Uint8Array {
  const data = new Uint8ClampedArray(bitmap.width * bitmap.height * 4);
  for (let i = 0; i < bitmap.dots.length; i++) {
    const v = bitmap.dots[i] ? 0 : 255;
    data[i * 4] = v;
    data[i * 4 + 1] = v;
    data[i * 4 + 2] = v;
    data[i * 4 + 3] = 255;
  }
  return encoder(width, false)
    .initialize()
    .image({ data, width: bitmap.width, height: bitmap.height }, bitmap.width, bitmap.height, 'threshold', 128)
    .cut('partial')
    .encode();
}

/**
 * Windows-1258 writes Vietnamese with the vowel letters â ê ô ă ơ ư precomposed
 * and the five tone marks as combining characters after them: decompose, then
 * put back only the vowel modifiers (circumflex, breve, horn).
 */
export function toCp1258Form(text: string): string {
  return text
    .normalize('NFD')
    .replace(
      /([AEOUaeou])([\u0300-\u036F]*?)([\u0302\u0306\u031B])/gu,
      (_m, base: string, tones: string, modifier: string) => `${(base + modifier).normalize('NFC')}${tones}`,
    );
}

/** Plain ESC/POS text with the Vietnamese code page (Windows-1258), for printers known to support it. */
export function encodeText(lines: readonly ReceiptLine[], width: PaperWidth): Uint8Array {
  const enc = encoder(width, true).initialize().codepage('windows1258');
  for (const line of lines) {
    if (line.rule) {
      enc.rule();
      continue;
    }
    enc.align(line.align ?? 'left').bold(Boolean(line.bold));
    enc.line(toCp1258Form(line.text));
  }
  return enc.bold(false).align('left').cut('partial').encode();
}

/** Lines to printer bytes in the chosen mode. */
export function encodeReceipt(lines: readonly ReceiptLine[], width: PaperWidth, mode: 'raster' | 'text'): Uint8Array {
  return mode === 'text' ? encodeText(lines, width) : encodeRaster(renderReceiptBitmap(lines, width), width);
}
