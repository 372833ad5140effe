import bwipjs from 'bwip-js/node';

/**
 * A card number as a linear barcode, encoded by bwip-js and drawn as vector
 * bars: every bar keeps its exact width at any printer resolution, with no
 * image to be resampled by a driver (the usual way a printed barcode goes bad).
 */

export type CardSymbology = 'codabar' | 'code128';

/** What Codabar can carry between its start and stop characters. */
const codabarData = /^[0-9\-$:/.+]+$/u;

/** Start and stop characters around the digits (a scanner gives back "A…B" unless told to strip them). */
export const CODABAR_START = 'A';
export const CODABAR_STOP = 'B';

export interface BarPattern {
  /** The symbology actually used: a card number Codabar cannot carry is printed as Code 128. */
  symbology: CardSymbology;
  /** Widths in modules, alternating bar, space, bar, …, starting and ending with a bar. */
  widths: number[];
  /** Total width in modules. */
  modules: number;
}

/** Encode a card number; Codabar falls back to Code 128 for numbers with letters. */
export function encodeCardNumber(cardNumber: string, symbology: CardSymbology): BarPattern {
  const used: CardSymbology = symbology === 'codabar' && codabarData.test(cardNumber) ? 'codabar' : 'code128';
  const [symbol] = bwipjs.raw(
    used === 'codabar'
      ? { bcid: 'rationalizedCodabar', text: `${CODABAR_START}${cardNumber}${CODABAR_STOP}` }
      : { bcid: 'code128', text: cardNumber },
  );
  if (!symbol || !('sbs' in symbol)) throw new Error(`bwip-js gave no linear symbol for ${cardNumber}`);
  const widths = [...symbol.sbs];
  // bwip-js may end the pattern with a space (Codabar's gap after the stop character): the bars end at the last bar.
  while (widths.length % 2 === 0) widths.pop();
  return { symbology: used, widths, modules: widths.reduce((sum, w) => sum + w, 0) };
}

/** Bars laid out at a module width, as pdfmake canvas rectangles (points), origin at the left of the first bar. */
export function barRects(pattern: BarPattern, moduleWidth: number, height: number): Record<string, unknown>[] {
  const rects: Record<string, unknown>[] = [];
  let x = 0;
  pattern.widths.forEach((w, i) => {
    if (i % 2 === 0) rects.push({ type: 'rect', x, y: 0, w: w * moduleWidth, h: height, color: '#000000' });
    x += w * moduleWidth;
  });
  return rects;
}
