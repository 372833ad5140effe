import { bibRecordSchema, fitsBibRecordSchema, type BibRecord } from '../../../../shared/bib';
import type { MaterialType } from '../../../../shared/domain';
import { normalizeText } from '../../../../shared/text';
import { MarcFault } from './issues';
import {
  controlValue,
  dataFields,
  firstDataField,
  firstSubfield,
  isControlField,
  type DataField,
  type MarcRecord,
} from './record';

/** / : ; , = + */
function isIsbdMark(code: number): boolean {
  return code === 0x2f || code === 0x3a || code === 0x3b || code === 0x2c || code === 0x3d || code === 0x2b;
}

/** ISBD punctuation that ends a MARC subfield and is no part of the value. */
function trimIsbd(value: string): string {
  const v = normalizeText(value);
  // normalizeText leaves no white space but single spaces between words: a mark goes with the space before it.
  let end = v.length;
  while (end > 0 && isIsbdMark(v.charCodeAt(end - 1))) {
    end -= 1;
    while (end > 0 && v.charCodeAt(end - 1) === 0x20) end -= 1;
  }
  return end === v.length ? v : v.slice(0, end);
}

const abbreviation = /^(ed|eds|etc|co|inc|ltd|jr|sr|st|dr|tr|comp|rev|vol|v|no|p|pp)$/iu;

/** A final full stop goes, unless it ends an initial or an abbreviation ("Smith, J.", "ed."). */
function trimPeriod(value: string): string {
  const v = trimIsbd(value);
  if (!v.endsWith('.')) return v;
  // The word before the stop runs from the last space or comma (trimIsbd left no other white space).
  const stop = v.length - 1;
  const wordStart = Math.max(v.lastIndexOf(' ', stop - 1), v.lastIndexOf(',', stop - 1)) + 1;
  const lastWord = v.slice(wordStart, stop);
  if (lastWord.length <= 1 || abbreviation.test(lastWord)) return v;
  return v.slice(0, -1).trim();
}

function clip(value: string, max: number): string {
  return value.length > max ? value.slice(0, max) : value;
}

const spacesAndHyphens = /[\s-]/gu;
const leadingIsbn = /^([0-9]{13}|[0-9]{9}[0-9X])(?![0-9X])/u;

/** "0-262-03293-7 (alk. paper)" → "0262032937"; null when there is no ISBN in it. */
export function isbnOf(value: string): string | null {
  const compact = value.replace(spacesAndHyphens, '').toUpperCase();
  const match = leadingIsbn.exec(compact);
  return match ? match[1]! : null;
}

/** Add a value not in the list yet while the list is shorter than max: `unique(values).slice(0, max)` as it goes. */
function addOnce(list: string[], value: string, max: number): void {
  if (list.length < max && !list.includes(value)) list.push(value);
}

function yearOf(record: MarcRecord, dateText: string | null): string | null {
  const fromField = dateText ? /[12][0-9]{3}/u.exec(dateText)?.[0] : undefined;
  if (fromField) return fromField;
  const date1 = controlValue(record, '008')?.slice(7, 11);
  return date1 && /^[12][0-9]{3}$/u.test(date1) ? date1 : null;
}

function publication(record: MarcRecord): DataField | undefined {
  // 264 second indicator 1 is publication (RDA); 260 is the older field for the same.
  for (const f of record.fields) if (f.tag === '264' && !isControlField(f) && f.ind2 === '1') return f;
  return firstDataField(record, '260') ?? firstDataField(record, '264');
}

const daisy = /\bDAISY\b/iu;
// Its letters in any case as /iu has them (ſ is an s to it): a case-sensitive scan, five times quicker,
// finds the few values worth the full test.
const daisyLetters = /[Dd][Aa][Ii][Ssſ][Yy]/u;
const daisyTags = ['538', '500', '347', '245'];

function mentionsDaisy(record: MarcRecord): boolean {
  return record.fields.some(
    (f) =>
      !isControlField(f) &&
      daisyTags.includes(f.tag) &&
      f.subfields.some((s) => daisyLetters.test(s.value) && daisy.test(s.value)),
  );
}

/**
 * The desk's material type: leader/06 (type of record) and /07 (bibliographic
 * level) first, then 007/00–01 (physical form: tactile, large print) and
 * 008/23 (form of item: braille "f", large print "d", electronic "o/q/s").
 */
export function materialTypeOf(record: MarcRecord): MaterialType {
  const type = record.leader[6] ?? 'a';
  const level = record.leader[7] ?? 'm';
  const f007 = controlValue(record, '007') ?? '';
  const f008 = controlValue(record, '008') ?? '';
  if (f007[0] === 'f' || (f007[0] === 't' && f007[1] === 'c')) return 'braille';
  if (mentionsDaisy(record)) return 'daisy';
  const textual = type === 'a' || type === 't';
  if (textual) {
    const form = f008[23];
    if (form === 'f') return 'braille';
    if (form === 'd' || (f007[0] === 't' && f007[1] === 'b')) return 'large_print';
    if (form === 'o' || form === 'q' || form === 's') return 'daisy';
    return level === 's' || level === 'b' || level === 'i' ? 'periodical' : 'book';
  }
  if (type === 'e' || type === 'f') return 'map';
  if (type === 'i' || type === 'j') return 'audio';
  if (type === 'g') return 'video';
  return 'other';
}

const languageCodes = /[a-z]{3}/gu;
const languageCode = /^[a-z]{3}$/u;
const bracketed = /^\[(.*)\]$/u;

/** 100 $a, then 700 $a: the main entry first. */
function authorsOf(record: MarcRecord): string[] {
  const authors: string[] = [];
  for (const tag of ['100', '700']) {
    for (const f of dataFields(record, tag)) {
      const a = firstSubfield(f, 'a');
      if (a === null) continue;
      const author = clip(trimPeriod(a), 300);
      if (author !== '') addOnce(authors, author, 50);
    }
  }
  return authors;
}

function isbnsOf(record: MarcRecord): string[] {
  const isbn: string[] = [];
  for (const f of dataFields(record, '020')) {
    for (const s of f.subfields) {
      if (s.code !== 'a') continue;
      const found = isbnOf(s.value);
      if (found !== null) addOnce(isbn, found, 20);
    }
  }
  return isbn;
}

/** 041 $a (codes run together, "vieeng", are split in threes), else 008/35–37. */
function languagesOf(record: MarcRecord): string[] {
  const languages: string[] = [];
  for (const f of dataFields(record, '041')) {
    for (const s of f.subfields) {
      if (s.code !== 'a') continue;
      for (const code of s.value.toLowerCase().match(languageCodes) ?? []) addOnce(languages, code, 10);
    }
  }
  if (languages.length > 0) return languages;
  const language008 = controlValue(record, '008')?.slice(35, 38).toLowerCase() ?? '';
  return languageCode.test(language008) ? [language008] : [];
}

/** 650 $a with its subdivisions $x $y $z, joined with " -- ". */
function subjectsOf(record: MarcRecord): string[] {
  const subjects: string[] = [];
  for (const f of dataFields(record, '650')) {
    let heading = '';
    for (const s of f.subfields) {
      if (!'axyz'.includes(s.code)) continue;
      const part = trimPeriod(s.value);
      if (part !== '') heading = heading === '' ? part : `${heading} -- ${part}`;
    }
    if (heading !== '') addOnce(subjects, clip(heading, 500), 100);
  }
  return subjects;
}

function seriesOf(record: MarcRecord): string[] {
  const series: string[] = [];
  for (const f of dataFields(record, '490')) {
    const v = firstSubfield(f, 'a');
    if (v === null) continue;
    const title = clip(trimIsbd(v), 500);
    if (title !== '') addOnce(series, title, 20);
  }
  return series;
}

/** 245 $a and $b, one after the other. */
function titleOf(f245: DataField | undefined): string {
  let title = '';
  let first = true;
  for (const s of f245?.subfields ?? []) {
    if (s.code !== 'a' && s.code !== 'b') continue;
    title = first ? s.value : `${title} ${s.value}`;
    first = false;
  }
  return trimIsbd(title);
}

/**
 * MARC21 → the desk's BibRecord, field by field as shared/bib.ts documents.
 * Text is NFC with single spaces; values longer than the schema allows are
 * cut, never refused. Throws MarcFault NO_TITLE when there is no 245 $a.
 */
export function marcToBib(record: MarcRecord): BibRecord {
  const f245 = firstDataField(record, '245');
  const title = titleOf(f245);
  if (title === '') throw new MarcFault('NO_TITLE', '245', 'the record has no title (245 $a)');
  const responsibility = f245 ? firstSubfield(f245, 'c') : null;

  const pub = publication(record);
  const firstOf = (tag: string) => {
    const f = firstDataField(record, tag);
    const v = f ? firstSubfield(f, 'a') : null;
    return v === null ? null : trimIsbd(v) || null;
  };
  const pubValue = (code: string) => {
    const v = pub ? firstSubfield(pub, code) : null;
    if (v === null) return null;
    const value = trimIsbd(v);
    // Only a value that starts with a bracket can be one in brackets: the rest need no regex.
    const trimmed = value.startsWith('[') ? value.replace(bracketed, '$1') : value;
    return trimmed === '' ? null : clip(trimmed, 300);
  };

  const edition = firstOf('250');
  const extent = firstOf('300');
  const ddc = firstOf('082');
  const dateText = pub ? firstSubfield(pub, 'c') : null;
  const bib: BibRecord = {
    title: clip(title, 1000),
    responsibility: responsibility === null ? null : clip(trimPeriod(responsibility), 1000) || null,
    authors: authorsOf(record),
    isbn: isbnsOf(record),
    ddc: ddc === null ? null : clip(ddc, 100),
    edition: edition === null ? null : clip(edition, 300),
    place: pubValue('a'),
    publisher: pubValue('b'),
    year: yearOf(record, dateText),
    extent: extent === null ? null : clip(extent, 300),
    series: seriesOf(record),
    subjects: subjectsOf(record),
    languages: languagesOf(record),
    materialType: materialTypeOf(record),
  };
  // Built within the schema's limits, so the quick check passes; the schema would say what is wrong if not.
  return fitsBibRecordSchema(bib) ? bib : bibRecordSchema.parse(bib);
}
