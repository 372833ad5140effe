import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { DeskDocument } from '../../shared/patron-record';

/**
 * Looking at generated PDFs the way a person (and a scanner) would, with
 * Debian's poppler-utils and zbar-tools: page sizes from pdfinfo, text from
 * pdftotext, pages rendered to PNG by pdftoppm, barcodes read by zbarimg.
 */

/** The fixtures the print tests (and the card-sheet bench) use. */
export const fixturesDir = path.resolve(import.meta.dirname, '../fixtures/print');

/** A data URL of a fixture file. */
export function fixtureDataUrl(file: string, mime: 'image/jpeg' | 'image/png'): string {
  return `data:${mime};base64,${readFileSync(path.join(fixturesDir, file)).toString('base64')}`;
}

/** Write a document's bytes into a folder; answers the file's path. */
export function savePdf(dir: string, document: DeskDocument, name = document.filename): string {
  const file = path.join(dir, name);
  writeFileSync(file, Buffer.from(document.base64, 'base64'));
  return file;
}

export const POINTS_PER_MM = 72 / 25.4;

/** Every page's size in millimetres, from pdfinfo. */
export function pageSizesMm(pdf: string): { width: number; height: number }[] {
  const out = execFileSync('pdfinfo', ['-f', '1', '-l', '100000', pdf], { encoding: 'utf8' });
  const sizes: { width: number; height: number }[] = [];
  for (const match of out.matchAll(/^Page\s+\d+\s+size:\s+([\d.]+) x ([\d.]+) pts/gmu)) {
    sizes.push({ width: Number(match[1]) / POINTS_PER_MM, height: Number(match[2]) / POINTS_PER_MM });
  }
  return sizes;
}

/** The text of the PDF (UTF-8, as extracted through its fonts' ToUnicode maps). */
export function pdfText(pdf: string): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });
}

/** Render every page to PNG at a resolution; answers the files, page by page. */
export function renderPages(pdf: string, dpi: number, prefix = `${pdf.replace(/\.pdf$/u, '')}-${dpi}`): string[] {
  execFileSync('pdftoppm', ['-r', String(dpi), '-png', pdf, prefix]);
  const dir = path.dirname(prefix);
  const base = path.basename(prefix);
  return readdirSync(dir)
    .filter((f) => f.startsWith(`${base}-`) && f.endsWith('.png'))
    .sort((a, b) => Number(/-(\d+)\.png$/u.exec(a)?.[1]) - Number(/-(\d+)\.png$/u.exec(b)?.[1]))
    .map((f) => path.join(dir, f));
}

/**
 * The barcodes zbarimg reads in an image, as `Type:data` (e.g. "Codabar:A20001…B", "CODE-128:20001…").
 * zbarimg exits 4 when it finds none: that is an empty list, not an error.
 */
export function readBarcodes(png: string): string[] {
  const run = spawnSync('zbarimg', ['-q', png], { encoding: 'utf8' });
  if (run.status !== 0 && run.status !== 4) {
    throw new Error(`zbarimg failed (${run.status}): ${run.stderr}`);
  }
  return run.stdout
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** The data of a barcode read, with Codabar's start and stop characters (A–D) taken off. */
export function barcodeData(read: string): string {
  const colon = read.indexOf(':');
  const type = read.slice(0, colon);
  const data = read.slice(colon + 1);
  return type.toUpperCase() === 'CODABAR' ? data.replace(/^[A-D]/u, '').replace(/[A-D]$/u, '') : data;
}
