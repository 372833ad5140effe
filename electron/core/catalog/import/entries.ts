import type { BibRecord, CopyRecord } from '../../../../shared/bib';
import { copyRecordSchema, fitsCopyRecordSchema } from '../../../../shared/bib';
import type { ColumnMapping, ImportFormat, ImportIssue } from '../../../../shared/contract/catalog-io';
import { normalizeText } from '../../../../shared/text';
import { MarcFault } from '../marc/issues';
import { readIso2709, type MarcReadItem } from '../marc/iso2709-reader';
import { readMarcxml } from '../marc/marcxml-reader';
import { marcxmlDocument } from '../marc/marcxml-writer';
import { dataFields, firstSubfield, type DataField, type MarcRecord } from '../marc/record';
import { marcToBib } from '../marc/to-bib';
import { mapRow, suggestMapping, type MappedRow } from './columns';
import { csvRows, xlsxRows, type SheetRow } from './spreadsheet-rows';

/**
 * What the import saves, one per MARC record or per group of spreadsheet
 * rows: the description, its copies, the MARC record kept whole (MARCXML,
 * without holdings, which live in the copies), and what is wrong with it.
 * An entry with issues is saved not at all.
 */
export interface ImportEntry {
  recordNumber: number;
  bib: BibRecord | null;
  copies: CopyRecord[];
  marcxml: string | null;
  issues: ImportIssue[];
}

type Source = AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

/** The format from the first bytes, then the name: a lying extension does not fool it. */
export function detectFormat(filename: string, head: Uint8Array): ImportFormat {
  const start = Buffer.from(head.subarray(0, 64))
    .toString('latin1')
    .replace(/^\uFEFF|^\u00ef\u00bb\u00bf/u, '')
    .trimStart();
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'xlsx';
  if (start.startsWith('<')) return 'marcxml';
  if (/^[0-9]{5}[ a-z]{5}/u.test(start) && head.includes(0x1e)) return 'iso2709';
  const ext = filename.toLowerCase().split('.').pop() ?? '';
  if (ext === 'xml') return 'marcxml';
  if (ext === 'xlsx') return 'xlsx';
  if (['mrc', 'marc', 'dat', 'iso', 'iso2709'].includes(ext)) return 'iso2709';
  return 'csv';
}

const notDigits = /[^0-9]/gu;

/** One copy from a holdings field: Koha's 952 or standard 852. */
function copyOf(f: DataField, barcode: string): CopyRecord {
  const koha = f.tag === '952';
  const callNumber = koha
    ? firstSubfield(f, 'o')
    : [firstSubfield(f, 'h'), firstSubfield(f, 'i')].filter(Boolean).join(' ') || null;
  const priceText = koha ? (firstSubfield(f, 'v') ?? firstSubfield(f, 'g')) : null;
  const price = priceText ? Number(priceText.replace(notDigits, '')) || null : null;
  // With the schema's defaults filled in, in its order: what copyRecordSchema.parse would give.
  return {
    barcode: normalizeText(barcode),
    accessionNumber: koha ? firstSubfield(f, 'i') : null,
    callNumber,
    location: firstSubfield(f, koha ? 'c' : 'b'),
    status: 'available',
    loanable: true,
    price,
    acquisition: null,
  };
}

// Holdings: Koha's 952 ($p barcode, $o call number, $c location, $i inventory, $v/$g price) and standard 852.
function copiesOf(record: MarcRecord, recordNumber: number, issues: ImportIssue[]): CopyRecord[] {
  const copies: CopyRecord[] = [];
  for (const tag of ['952', '852']) {
    for (const f of dataFields(record, tag)) {
      const barcode = firstSubfield(f, 'p');
      if (!barcode) continue;
      const copy = copyOf(f, barcode);
      // zod only for a copy the quick check finds fault with: its message is the issue's reason.
      const parsed = fitsCopyRecordSchema(copy)
        ? { success: true as const, data: copy }
        : copyRecordSchema.safeParse(copy);
      if (parsed.success) copies.push(parsed.data);
      else
        issues.push({
          recordNumber,
          field: f.tag,
          code: 'BAD_FIELD',
          reason: parsed.error.issues[0]?.message ?? 'bad copy',
        });
    }
  }
  return copies;
}

function marcEntry(item: MarcReadItem): ImportEntry {
  if (item.kind === 'issue')
    return { recordNumber: item.issue.recordNumber, bib: null, copies: [], marcxml: null, issues: [item.issue] };
  const { recordNumber, record } = item;
  const issues: ImportIssue[] = [];
  let bib: BibRecord | null = null;
  try {
    bib = marcToBib(record);
  } catch (error) {
    if (!(error instanceof MarcFault)) throw error;
    issues.push({ recordNumber, field: error.field, code: error.code, reason: error.message });
  }
  const copies = copiesOf(record, recordNumber, issues);
  const kept: MarcRecord = {
    leader: record.leader,
    fields: record.fields.filter((f) => f.tag !== '952' && f.tag !== '852'),
  };
  const marcxml = marcxmlDocument(kept);
  if (marcxml.length > 200_000)
    issues.push({ recordNumber, field: null, code: 'RECORD_TOO_LONG', reason: 'the record is too long to keep' });
  return issues.length > 0
    ? { recordNumber, bib: null, copies: [], marcxml: null, issues }
    : { recordNumber, bib, copies, marcxml, issues };
}

/** Spreadsheet rows grouped into titles: consecutive rows with the same key are one title's copies. */
async function* sheetEntries(
  rows: AsyncIterable<SheetRow>,
  mapping: ColumnMapping | undefined,
  onHeader: (headers: string[], mapping: ColumnMapping) => void,
): AsyncGenerator<ImportEntry> {
  let headers: string[] | null = null;
  let effective: ColumnMapping = {};
  let group: MappedRow[] = [];
  const flush = (): ImportEntry | null => {
    if (group.length === 0) return null;
    const issues = group.flatMap((r) => r.issues);
    const first = group[0]!;
    const entry: ImportEntry =
      issues.length > 0 || !first.bib
        ? { recordNumber: first.rowNumber, bib: null, copies: [], marcxml: null, issues }
        : {
            recordNumber: first.rowNumber,
            bib: first.bib,
            copies: group.flatMap((r) => (r.copy ? [r.copy] : [])),
            marcxml: null,
            issues,
          };
    group = [];
    return entry;
  };
  for await (const row of rows) {
    if (!headers) {
      headers = row.cells.map((h) => normalizeText(h));
      effective = mapping ?? suggestMapping(headers);
      onHeader(headers, effective);
      continue;
    }
    const mapped = mapRow(row.rowNumber, row.cells, headers, effective);
    if (group.length > 0 && group[0]!.key !== mapped.key) {
      const entry = flush();
      if (entry) yield entry;
    }
    group.push(mapped);
  }
  const last = flush();
  if (last) yield last;
}

export interface EntryStream {
  entries: AsyncGenerator<ImportEntry>;
  /** Filled once the header row is read (spreadsheets only). */
  columns: () => { headers: string[]; mapping: ColumnMapping };
}

export function readEntries(format: ImportFormat, source: Source, mapping?: ColumnMapping): EntryStream {
  let seen = { headers: [] as string[], mapping: {} as ColumnMapping };
  const onHeader = (headers: string[], m: ColumnMapping) => {
    seen = { headers, mapping: m };
  };
  async function* marc(items: AsyncGenerator<MarcReadItem>): AsyncGenerator<ImportEntry> {
    for await (const item of items) yield marcEntry(item);
  }
  const entries =
    format === 'iso2709'
      ? marc(readIso2709(source))
      : format === 'marcxml'
        ? marc(readMarcxml(source))
        : sheetEntries(format === 'csv' ? csvRows(source) : xlsxRows(source), mapping, onHeader);
  return { entries, columns: () => seen };
}
