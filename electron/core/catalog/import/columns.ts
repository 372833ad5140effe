import {
  acquisitionSchema,
  bibRecordSchema,
  copyRecordSchema,
  type BibRecord,
  type CopyRecord,
} from '../../../../shared/bib';
import {
  columnTargets,
  type ColumnMapping,
  type ColumnTarget,
  type ImportIssue,
} from '../../../../shared/contract/catalog-io';
import { itemStatuses, materialTypes, type MaterialType } from '../../../../shared/domain';
import { foldText, normalizeText } from '../../../../shared/text';
import { isbnOf } from '../marc/to-bib';

/**
 * Spreadsheet columns ↔ desk fields. Headers are matched folded (case, tone
 * marks, đ), in English (the export's own headers are the target names) and
 * in the Vietnamese librarians use.
 */
const synonyms: Record<ColumnTarget, string[]> = {
  title: ['title', 'nhan de', 'ten sach', 'ten tai lieu', 'nhan de chinh'],
  responsibility: ['responsibility', 'thong tin trach nhiem', 'trach nhiem'],
  authors: ['authors', 'author', 'tac gia'],
  isbn: ['isbn'],
  ddc: ['ddc', 'phan loai', 'ky hieu phan loai', 'dewey'],
  edition: ['edition', 'lan xuat ban', 'tai ban'],
  place: ['place', 'noi xuat ban'],
  publisher: ['publisher', 'nha xuat ban', 'nxb'],
  year: ['year', 'nam xuat ban', 'nam xb', 'nam'],
  extent: ['extent', 'so trang', 'mo ta vat ly'],
  series: ['series', 'tung thu'],
  subjects: ['subjects', 'subject', 'chu de', 'tu khoa'],
  languages: ['languages', 'language', 'ngon ngu'],
  materialType: ['materialtype', 'material type', 'loai tai lieu', 'dang tai lieu'],
  barcode: ['barcode', 'ma vach'],
  accessionNumber: ['accessionnumber', 'accession number', 'so dkcb', 'dkcb', 'so dang ky ca biet'],
  callNumber: ['callnumber', 'call number', 'ky hieu xep gia', 'so xep gia', 'ky hieu kho'],
  location: ['location', 'kho', 'vi tri'],
  status: ['status', 'trang thai', 'tinh trang'],
  price: ['price', 'gia', 'gia tien', 'don gia'],
  acquisitionKind: ['acquisitionkind', 'acquisition', 'nguon', 'nguon bo sung', 'hinh thuc bo sung'],
  donor: ['donor', 'nguoi tang', 'nha tai tro'],
  acquisitionDate: ['acquisitiondate', 'acquisition date', 'ngay nhap', 'ngay bo sung'],
};

export function suggestMapping(headers: string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  const taken = new Set<string>();
  for (const target of columnTargets) {
    const header = headers.find((h) => !taken.has(h) && synonyms[target].includes(foldText(h)));
    if (header) {
      mapping[target] = header;
      taken.add(header);
    }
  }
  return mapping;
}

const materialWords: Record<string, MaterialType> = {
  sach: 'book',
  'bao tap chi': 'periodical',
  bao: 'periodical',
  'tap chi': 'periodical',
  'ban do': 'map',
  'am thanh': 'audio',
  'sach noi': 'audio',
  video: 'video',
  phim: 'video',
  'chu noi': 'braille',
  'sach chu noi': 'braille',
  'chu to': 'large_print',
  'chu lon': 'large_print',
  daisy: 'daisy',
  khac: 'other',
};

const list = (value: string) =>
  value
    .split(/\s*[;|\n]\s*/u)
    .map((v) => normalizeText(v))
    .filter((v) => v !== '');

/** A spreadsheet row read through the mapping: the title part, the copy part, and what is wrong. */
export interface MappedRow {
  rowNumber: number;
  /** Which title the row belongs to: rows of one title follow each other (as the export writes them). */
  key: string;
  bib: BibRecord | null;
  copy: CopyRecord | null;
  issues: ImportIssue[];
}

/** "120.000", "120,000 đ", "120000" → 120000 (đồng have no decimals). */
function priceOf(value: string): number | null {
  const digits = value.replace(/[^0-9]/gu, '');
  return digits === '' ? null : Number(digits);
}

function dateOf(value: string): string | null {
  const iso = /^(\d{4})-(\d{2})-(\d{2})/u.exec(value);
  if (iso) return `${iso[1]}-${iso[2]}-${iso[3]}`;
  const vn = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/u.exec(value);
  if (vn) return `${vn[3]}-${vn[2]!.padStart(2, '0')}-${vn[1]!.padStart(2, '0')}`;
  return null;
}

export function mapRow(rowNumber: number, cells: string[], headers: string[], mapping: ColumnMapping): MappedRow {
  const issues: ImportIssue[] = [];
  const index = new Map(headers.map((h, i) => [h, i]));
  const get = (target: ColumnTarget): string => {
    const header = mapping[target];
    if (!header) return '';
    const i = index.get(header);
    return i === undefined ? '' : normalizeText(cells[i] ?? '');
  };
  const issue = (target: ColumnTarget, code: string, reason: string) =>
    issues.push({ recordNumber: rowNumber, field: mapping[target] ?? target, code, reason });

  const title = get('title');
  if (title === '') issue('title', 'NO_TITLE', 'the row has no title');
  const isbn: string[] = [];
  for (const raw of list(get('isbn'))) {
    const found = isbnOf(raw);
    if (found) isbn.push(found);
    else issue('isbn', 'BAD_VALUE', `"${raw}" is not an ISBN`);
  }
  let materialType: MaterialType = 'book';
  const typeText = get('materialType');
  if (typeText !== '') {
    const folded = foldText(typeText).replace(/ /gu, '_');
    const direct = materialTypes.find((m) => m === folded || m === typeText);
    const word = materialWords[foldText(typeText)];
    if (direct ?? word) materialType = (direct ?? word)!;
    else issue('materialType', 'BAD_VALUE', `"${typeText}" is not a material type`);
  }
  const opt = (target: ColumnTarget) => get(target) || null;
  let bib: BibRecord | null = null;
  if (title !== '') {
    const parsed = bibRecordSchema.safeParse({
      title,
      responsibility: opt('responsibility'),
      authors: list(get('authors')),
      isbn: [...new Set(isbn)],
      ddc: opt('ddc'),
      edition: opt('edition'),
      place: opt('place'),
      publisher: opt('publisher'),
      year: opt('year'),
      extent: opt('extent'),
      series: list(get('series')),
      subjects: list(get('subjects')),
      languages: list(get('languages')).map((l) => l.toLowerCase()),
      materialType,
    });
    if (parsed.success) bib = parsed.data;
    else
      for (const i of parsed.error.issues)
        issues.push({ recordNumber: rowNumber, field: String(i.path[0] ?? ''), code: 'BAD_VALUE', reason: i.message });
  }

  let copy: CopyRecord | null = null;
  const barcode = get('barcode');
  if (barcode !== '') {
    const statusText = get('status');
    const status = statusText === '' ? 'available' : itemStatuses.find((s) => s === statusText);
    if (!status) issue('status', 'BAD_VALUE', `"${statusText}" is not a copy status`);
    const kindText = foldText(get('acquisitionKind'));
    const kind =
      kindText === ''
        ? null
        : ['purchase', 'mua'].includes(kindText)
          ? 'purchase'
          : ['donation', 'tang', 'bieu tang'].includes(kindText)
            ? 'donation'
            : undefined;
    if (kind === undefined)
      issue('acquisitionKind', 'BAD_VALUE', `"${get('acquisitionKind')}" is neither purchase nor donation`);
    const dateText = get('acquisitionDate');
    const date = dateText === '' ? null : dateOf(dateText);
    if (dateText !== '' && !date) issue('acquisitionDate', 'BAD_VALUE', `"${dateText}" is not a date`);
    const priceText = get('price');
    const parsed = copyRecordSchema.safeParse({
      barcode,
      accessionNumber: opt('accessionNumber'),
      callNumber: opt('callNumber'),
      location: opt('location'),
      status: status ?? 'available',
      price: priceText === '' ? null : priceOf(priceText),
      acquisition: kind ? acquisitionSchema.parse({ kind, donor: opt('donor'), date }) : null,
    });
    if (parsed.success) copy = parsed.data;
    else
      for (const i of parsed.error.issues)
        issues.push({
          recordNumber: rowNumber,
          field: String(i.path[0] ?? 'barcode'),
          code: 'BAD_VALUE',
          reason: i.message,
        });
  }
  const key = isbn[0] ?? `${foldText(title)}|${foldText(list(get('authors'))[0] ?? '')}|${get('year')}`;
  return { rowNumber, key, bib: issues.length === 0 ? bib : null, copy: issues.length === 0 ? copy : null, issues };
}
