import { createCanvas } from '@napi-rs/canvas';

/**
 * A small ESC/POS decoder of the desk's own, for tests: it reads back what the
 * desk sent a receipt printer. Text runs come back as text (decoded with the
 * code page last chosen by ESC t), GS v 0 raster images as PNGs, and every
 * command as an entry in `commands`, so a test can check the order (ESC @
 * first, GS V cut last). An unknown command is an error, not a skip: the
 * decoder must understand everything the desk sends.
 */
export interface DecodedImage {
  width: number;
  height: number;
  /** One byte per dot, 1 = black. */
  dots: Uint8Array;
  png: Buffer;
}

export interface Decoded {
  /** Text as printed, lines joined by \n, NFC. */
  text: string;
  images: DecodedImage[];
  commands: string[];
  cuts: number;
}

/** Epson's ESC t numbers for the code pages the desk uses. */
const codePages: Record<number, 'cp437' | 'windows-1258'> = { 0: 'cp437', 52: 'windows-1258' };
const cp437High: Record<number, string> = { 0xc4: '─', 0xcd: '═', 0xb3: '│' };

function decodeText(bytes: number[], page: 'cp437' | 'windows-1258'): string {
  if (page === 'windows-1258') return new TextDecoder('windows-1258').decode(Uint8Array.from(bytes));
  return bytes.map((b) => (b < 0x80 ? String.fromCharCode(b) : (cp437High[b] ?? '\uFFFD'))).join('');
}

export function bitmapToPng(width: number, height: number, dots: Uint8Array): Buffer {
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  const image = ctx.createImageData(width, height);
  for (let i = 0; i < width * height; i++) {
    const v = dots[i] ? 0 : 255;
    image.data[i * 4] = v;
    image.data[i * 4 + 1] = v;
    image.data[i * 4 + 2] = v;
    image.data[i * 4 + 3] = 255;
  }
  ctx.putImageData(image, 0, 0);
  return canvas.toBuffer('image/png');
}

export function decodeEscPos(input: Uint8Array): Decoded {
  const b = input;
  const commands: string[] = [];
  const images: DecodedImage[] = [];
  let page: 'cp437' | 'windows-1258' = 'cp437';
  let text = '';
  let run: number[] = [];
  let cuts = 0;
  const flush = () => {
    if (run.length) text += decodeText(run, page);
    run = [];
  };
  const need = (i: number, n: number, what: string) => {
    if (i + n > b.length) throw new Error(`truncated ${what} at ${i}`);
  };
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c === 0x0a) {
      flush();
      text += '\n';
      i++;
    } else if (c === 0x0d) {
      flush();
      i++;
    } else if (c === 0x1b) {
      flush();
      need(i, 2, 'ESC');
      const op = b[i + 1]!;
      if (op === 0x40) {
        commands.push('ESC @');
        page = 'cp437';
        i += 2;
      } else if (op === 0x32) {
        commands.push('ESC 2');
        i += 2;
      } else if ([0x21, 0x2d, 0x33, 0x45, 0x47, 0x4a, 0x4d, 0x61, 0x64, 0x74, 0x56].includes(op)) {
        need(i, 3, 'ESC n');
        const n = b[i + 2]!;
        const names: Record<number, string> = {
          0x21: 'ESC !',
          0x2d: 'ESC -',
          0x33: 'ESC 3',
          0x45: 'ESC E',
          0x47: 'ESC G',
          0x4a: 'ESC J',
          0x4d: 'ESC M',
          0x61: 'ESC a',
          0x64: 'ESC d',
          0x74: 'ESC t',
          0x56: 'ESC V',
        };
        commands.push(`${names[op]} ${n}`);
        if (op === 0x74) {
          const known = codePages[n];
          if (!known) throw new Error(`unknown code page ${n}`);
          page = known;
        }
        if (op === 0x64) text += '\n'.repeat(n);
        i += 3;
      } else {
        throw new Error(`unknown ESC 0x${op.toString(16)} at ${i}`);
      }
    } else if (c === 0x1c) {
      flush();
      need(i, 2, 'FS');
      const op = b[i + 1]!;
      if (op === 0x2e || op === 0x26) {
        commands.push(`FS ${String.fromCharCode(op)}`);
        i += 2;
      } else throw new Error(`unknown FS 0x${op.toString(16)} at ${i}`);
    } else if (c === 0x1d) {
      flush();
      need(i, 2, 'GS');
      const op = b[i + 1]!;
      if (op === 0x76 && b[i + 2] === 0x30) {
        need(i, 8, 'GS v 0 header');
        const bytesWide = b[i + 4]! | (b[i + 5]! << 8);
        const height = b[i + 6]! | (b[i + 7]! << 8);
        const size = bytesWide * height;
        need(i + 8, size, 'GS v 0 data');
        const width = bytesWide * 8;
        const dots = new Uint8Array(width * height);
        for (let y = 0; y < height; y++) {
          for (let x = 0; x < width; x++) {
            const byte = b[i + 8 + y * bytesWide + (x >> 3)]!;
            dots[y * width + x] = (byte >> (7 - (x & 7))) & 1;
          }
        }
        commands.push(`GS v 0 ${width}x${height}`);
        images.push({ width, height, dots, png: Buffer.alloc(0) });
        i += 8 + size;
      } else if (op === 0x56) {
        need(i, 3, 'GS V');
        const m = b[i + 2]!;
        // Function A (m = 0, 1, 48, 49) has no n; function B (65, 66) feeds n first.
        const len = m === 65 || m === 66 ? 4 : 3;
        commands.push(`GS V ${m}`);
        cuts++;
        i += len;
      } else if (op === 0x21 || op === 0x42 || op === 0x4c) {
        commands.push(`GS ${String.fromCharCode(op)} ${b[i + 2]}`);
        i += op === 0x4c ? 4 : 3;
      } else throw new Error(`unknown GS 0x${op.toString(16)} at ${i}`);
    } else if (c < 0x20) {
      throw new Error(`unknown control 0x${c.toString(16)} at ${i}`);
    } else {
      run.push(c);
      i++;
    }
  }
  flush();
  // Raster images as PNG, stacked when the encoder split one picture into bands.
  for (const image of images) image.png = bitmapToPng(image.width, image.height, image.dots);
  return { text: text.normalize('NFC'), images, commands, cuts };
}

/** All raster bands of a receipt as one picture (the encoder may split tall images). */
export function joinImages(images: readonly DecodedImage[]): DecodedImage {
  const width = Math.max(...images.map((im) => im.width));
  const height = images.reduce((s, im) => s + im.height, 0);
  const dots = new Uint8Array(width * height);
  let y0 = 0;
  for (const im of images) {
    for (let y = 0; y < im.height; y++) dots.set(im.dots.subarray(y * im.width, (y + 1) * im.width), (y0 + y) * width);
    y0 += im.height;
  }
  return { width, height, dots, png: bitmapToPng(width, height, dots) };
}
