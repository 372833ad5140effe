import { PassThrough } from 'node:stream';
import type { TitleRecord } from '../../../../shared/bib';
import { columnTargets, type ColumnTarget } from '../../../../shared/contract/catalog-io';
import { stmt } from '../../db/statements';
import { yieldToDesk, type JobCtx } from '../../job';
import { bibToMarc } from '../marc/from-bib';
import { writeIso2709 } from '../marc/iso2709-writer';
import { MarcFault } from '../marc/issues';
import { parseMarcxmlString } from '../marc/marcxml-reader';
import { marcxmlCollectionEnd, marcxmlCollectionStart, marcxmlRecord } from '../marc/marcxml-writer';
import type { DataField, MarcRecord } from '../marc/record';
import { readTitleRecord } from '../store';

export type ExportFormat = 'iso2709' | 'marcxml' | 'csv' | 'xlsx';
const pageSize = 500;

/** Titles in id order, a page per read transaction, so that a long export never holds the desk. */
async function* titlePages(job: JobCtx): AsyncGenerator<TitleRecord[]> {
  let after = 0;
  for (;;) {
    const page = job.read((ctx) => {
      const ids = stmt(ctx.db, 'SELECT id FROM titles WHERE id > ? ORDER BY id LIMIT ?').all(after, pageSize) as {
        id: number;
      }[];
      if (ids.length > 0) after = ids[ids.length - 1]!.id;
      return ids.map((r) => readTitleRecord(ctx.db, r.id)!);
    });
    if (page.length === 0) return;
    yield page;
    await yieldToDesk();
  }
}

/**
 * A title as MARC: its kept record when it came with one (020, 245… exactly
 * as kept), else one made from its description; its copies as 952 (Koha's
 * holdings field: $p barcode, $o call number, $c location, $i accession
 * number, $v price), which the import reads back.
 */
export function titleToMarc(title: TitleRecord): MarcRecord {
  let record: MarcRecord | null = null;
  if (title.marcxml) {
    const read = parseMarcxmlString(title.marcxml);
    const first = read[0];
    if (first?.kind === 'record') record = first.record;
  }
  record ??= bibToMarc(title.bib, { controlNumber: title.uuid });
  const holdings: DataField[] = title.copies.map((c) => ({
    tag: '952',
    ind1: ' ',
    ind2: ' ',
    subfields: [
      { code: 'p', value: c.barcode },
      ...(c.callNumber ? [{ code: 'o', value: c.callNumber }] : []),
      ...(c.location ? [{ code: 'c', value: c.location }] : []),
      ...(c.accessionNumber ? [{ code: 'i', value: c.accessionNumber }] : []),
      ...(c.price !== null ? [{ code: 'v', value: String(c.price) }] : []),
    ],
  }));
  return { leader: record.leader, fields: [...record.fields.filter((f) => f.tag !== '952'), ...holdings] };
}

/** One spreadsheet row per copy (a title without copies gets one row), headed by the column targets. */
function rowsOf(title: TitleRecord): string[][] {
  const b = title.bib;
  const join = (values: string[]) => values.join(' ; ');
  const titleCells: Partial<Record<ColumnTarget, string>> = {
    title: b.title,
    responsibility: b.responsibility ?? '',
    authors: join(b.authors),
    isbn: join(b.isbn),
    ddc: b.ddc ?? '',
    edition: b.edition ?? '',
    place: b.place ?? '',
    publisher: b.publisher ?? '',
    year: b.year ?? '',
    extent: b.extent ?? '',
    series: join(b.series),
    subjects: join(b.subjects),
    languages: join(b.languages),
    materialType: b.materialType,
  };
  const copies = title.copies.length > 0 ? title.copies : [null];
  return copies.map((c) => {
    const cells: Partial<Record<ColumnTarget, string>> = {
      ...titleCells,
      ...(c
        ? {
            barcode: c.barcode,
            accessionNumber: c.accessionNumber ?? '',
            callNumber: c.callNumber ?? '',
            location: c.location ?? '',
            status: c.status,
            price: c.price === null ? '' : String(c.price),
            acquisitionKind: c.acquisition?.kind ?? '',
            donor: c.acquisition?.donor ?? '',
            acquisitionDate: c.acquisition?.date ?? '',
          }
        : {}),
    };
    return columnTargets.map((t) => cells[t] ?? '');
  });
}

function csvCell(value: string): string {
  return /[",;\r\n]/u.test(value) || value.startsWith(' ') || value.endsWith(' ')
    ? `"${value.replace(/"/gu, '""')}"`
    : value;
}

export interface ExportedFile {
  filename: string;
  mimeType: string;
  bytes: Buffer;
  titles: number;
  copies: number;
}

export async function exportFile(job: JobCtx, format: ExportFormat, stamp: string): Promise<ExportedFile> {
  const parts: Buffer[] = [];
  let titles = 0;
  let copies = 0;
  const count = (page: TitleRecord[]) => {
    titles += page.length;
    copies += page.reduce((n, t) => n + t.copies.length, 0);
  };
  const filename = `catalogue-${stamp}.${format === 'iso2709' ? 'mrc' : format === 'marcxml' ? 'xml' : format}`;

  if (format === 'iso2709' || format === 'marcxml') {
    if (format === 'marcxml') parts.push(Buffer.from(marcxmlCollectionStart));
    for await (const page of titlePages(job)) {
      count(page);
      for (const title of page) {
        const record = titleToMarc(title);
        if (format === 'marcxml') parts.push(Buffer.from(marcxmlRecord(record, '  ')));
        else {
          try {
            parts.push(writeIso2709(record));
          } catch (error) {
            // A kept record too long for ISO 2709 (MARCXML has no such limit): its description is written instead.
            if (!(error instanceof MarcFault)) throw error;
            parts.push(writeIso2709(titleToMarc({ ...title, marcxml: null })));
          }
        }
      }
    }
    if (format === 'marcxml') parts.push(Buffer.from(marcxmlCollectionEnd));
    return {
      filename,
      mimeType: format === 'marcxml' ? 'application/marcxml+xml' : 'application/marc',
      bytes: Buffer.concat(parts),
      titles,
      copies,
    };
  }

  if (format === 'csv') {
    // The BOM tells Excel on Windows that the file is UTF-8 (Vietnamese would be garbled otherwise).
    parts.push(Buffer.from(`\ufeff${columnTargets.join(',')}\r\n`, 'utf8'));
    for await (const page of titlePages(job)) {
      count(page);
      const text = page
        .flatMap(rowsOf)
        .map((row) => `${row.map(csvCell).join(',')}\r\n`)
        .join('');
      parts.push(Buffer.from(text, 'utf8'));
    }
    return { filename, mimeType: 'text/csv; charset=utf-8', bytes: Buffer.concat(parts), titles, copies };
  }

  const out = new PassThrough();
  out.on('data', (chunk: Buffer) => parts.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  // Loaded here, not with the desk: exceljs takes about 0.2 s to load.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  const sheet = workbook.addWorksheet('catalogue');
  sheet.addRow([...columnTargets]).commit();
  for await (const page of titlePages(job)) {
    count(page);
    for (const row of page.flatMap(rowsOf)) sheet.addRow(row).commit();
  }
  sheet.commit();
  await workbook.commit();
  await finished;
  return {
    filename,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    bytes: Buffer.concat(parts),
    titles,
    copies,
  };
}
