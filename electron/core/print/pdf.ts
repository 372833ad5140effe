import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import pdfmake from 'pdfmake';

/**
 * pdfmake on plain Node, set up once: the Roboto faces (they carry the
 * precomposed Vietnamese letters, so every string must be NFC) are read into
 * pdfmake's virtual file system and embedded (subset) in every document; no
 * document may fetch a URL or read a local file, since readers' photos and the
 * library's logo arrive as data URLs.
 */

const resolveFromHere = createRequire(import.meta.url);

/** The Roboto faces pdfmake ships; Medium serves as bold. */
const faces = {
  normal: 'Roboto-Regular.ttf',
  bold: 'Roboto-Medium.ttf',
  italics: 'Roboto-Italic.ttf',
  bolditalics: 'Roboto-MediumItalic.ttf',
} as const;

export const FONT = 'Roboto';

let ready = false;
const fontBuffers = new Map<string, Buffer>();

/** A Roboto face as bytes (for measuring text the way the PDF will set it). */
export function fontFile(face: keyof typeof faces): Buffer {
  const file = faces[face];
  let data = fontBuffers.get(file);
  if (!data) {
    data = readFileSync(resolveFromHere.resolve(`pdfmake/build/fonts/Roboto/${file}`));
    fontBuffers.set(file, data);
  }
  return data;
}

function setUp(): void {
  if (ready) return;
  for (const face of Object.keys(faces) as (keyof typeof faces)[]) {
    pdfmake.virtualfs.writeFileSync(faces[face], fontFile(face));
  }
  pdfmake.setFonts({ [FONT]: { ...faces } });
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => false);
  ready = true;
}

/** A pdfmake node; the print module builds them by hand. */
export type PdfNode = Record<string, unknown>;

export interface RenderedPdf {
  buffer: Buffer;
  pages: number;
}

/** Lay out and write a document definition; answers the bytes and the number of pages. */
export async function renderPdf(definition: PdfNode): Promise<RenderedPdf> {
  setUp();
  const output = pdfmake.createPdf(definition, { bufferPages: true });
  const document = await output.getStream();
  const pages = document.bufferedPageRange().count;
  const buffer = await output.getBuffer();
  return { buffer, pages };
}

/** Millimetres to PDF points. */
export const mm = (value: number): number => (value * 72) / 25.4;

/** The bytes of a JPEG or PNG data URL, or null when it is neither (a bad image is left out, not fatal). */
export function imageFromDataUrl(dataUrl: string | null | undefined): string | null {
  if (!dataUrl) return null;
  const match = /^data:image\/(jpeg|png);base64,([A-Za-z0-9+/=]+)$/u.exec(dataUrl);
  if (!match) return null;
  const head = Buffer.from(match[2]!.slice(0, 16), 'base64');
  const isPng = head.length >= 8 && head.readUInt32BE(0) === 0x89504e47 && head.readUInt32BE(4) === 0x0d0a1a0a;
  const isJpeg = head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff;
  return isPng || isJpeg ? dataUrl : null;
}

/**
 * Of these image data URLs, the ones pdfkit cannot open (a truncated upload, a
 * damaged file): each is tried alone in a tiny document. Only called once a
 * document has failed, so that one bad photo costs a placeholder, not the batch.
 */
export async function brokenImages(dataUrls: readonly (string | null)[]): Promise<Set<string>> {
  const broken = new Set<string>();
  for (const url of new Set(dataUrls)) {
    if (url === null || imageFromDataUrl(url) === null) continue;
    try {
      await renderPdf({
        pageSize: { width: 20, height: 20 },
        pageMargins: [0, 0, 0, 0],
        defaultStyle: { font: FONT },
        content: [{ image: url, fit: [10, 10] }],
      });
    } catch {
      broken.add(url);
    }
  }
  return broken;
}
