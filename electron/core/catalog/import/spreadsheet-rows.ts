import { Readable } from 'node:stream';
import { parse } from 'csv-parse';

/**
 * Spreadsheet files as a stream of rows (arrays of cell text), the header
 * row first. CSV through csv-parse (BOM stripped, delimiter guessed from the
 * first line: Excel writes ";" where the decimal mark is a comma), Excel
 * through exceljs's streaming WorkbookReader (first worksheet only), so
 * that neither holds the whole sheet.
 */
/** One row: its number as the spreadsheet shows it (1 = the header) and its cells. */
export interface SheetRow {
  rowNumber: number;
  cells: string[];
}

export async function* csvRows(source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): AsyncGenerator<SheetRow> {
  const chunks = (async function* () {
    yield* source;
  })();
  // Peek at the first chunk to choose the delimiter.
  const first = await chunks.next();
  if (first.done) return;
  const head =
    Buffer.from(first.value).toString('utf8', 0, Math.min(first.value.length, 4096)).split(/\r?\n/u)[0] ?? '';
  const count = (c: string) => head.split(c).length - 1;
  const delimiter = [';', '\t', ','].reduce((best, c) => (count(c) > count(best) ? c : best), ',');
  const parser = parse({
    bom: true,
    delimiter,
    relax_column_count: true,
    skip_empty_lines: true,
    relax_quotes: true,
    info: true,
  });
  const input = Readable.from(
    (async function* () {
      yield Buffer.from(first.value);
      for await (const chunk of chunks) yield Buffer.from(chunk);
    })(),
  );
  input.pipe(parser);
  for await (const row of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>)
    yield { rowNumber: row.info.lines, cells: row.record.map((cell) => cell.normalize('NFC')) };
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: unknown };
    if (v.richText) return v.richText.map((r) => r.text).join('');
    if (v.text !== undefined) return cellText(v.text);
    if (v.result !== undefined) return cellText(v.result);
  }
  return '';
}

export async function* xlsxRows(source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): AsyncGenerator<SheetRow> {
  const input = Readable.from(
    (async function* () {
      for await (const chunk of source) yield Buffer.from(chunk);
    })(),
  );
  // Loaded here, not with the desk or the import's reader thread: exceljs takes about 0.2 s to load.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
  });
  for await (const sheet of workbook) {
    for await (const row of sheet) {
      // row.values is 1-based and sparse; a skipped row number is an empty row.
      const values = (row.values as unknown[]).slice(1);
      const cells = Array.from({ length: values.length }, (_, i) => cellText(values[i]).normalize('NFC'));
      if (cells.some((c) => c.trim() !== '')) yield { rowNumber: row.number, cells };
    }
    return; // the first worksheet only
  }
}
