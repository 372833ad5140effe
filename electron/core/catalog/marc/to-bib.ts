import { bibRecordSchema, type BibRecord } from '../../../../shared/bib';
import type { MaterialType } from '../../../../shared/domain';
import { normalizeText } from '../../../../shared/text';
import { MarcFault } from './issues';
import { controlValue, dataFields, firstSubfield, subfieldValues, type DataField, type MarcRecord } from './record';

/** ISBD punctuation that ends a MARC subfield and is no part of the value. */
function trimIsbd(value: string): string {
  let v = normalizeText(value);
  for (;;) {
    const next = v.replace(/\s*[/:;,=+]$/u, '').trim();
    if (next === v) break;
    v = next;
  }
  return v;
}

/** A final full stop goes, unless it ends an initial or an abbreviation ("Smith, J.", "ed."). */
function trimPeriod(value: string): string {
  const v = trimIsbd(value);
  if (!v.endsWith('.')) return v;
  const lastWord = v.slice(0, -1).split(/[\s,]/u).pop() ?? '';
  if (lastWord.length <= 1 || /^(ed|eds|etc|co|inc|ltd|jr|sr|st|dr|tr|comp|rev|vol|v|no|p|pp)$/iu.test(lastWord))
    return v;
  return v.slice(0, -1).trim();
}

function clip(value: string, max: number): string {
  return value.length > max ? value.slice(0, max) : value;
}

/** "0-262-03293-7 (alk. paper)" → "0262032937"; null when there is no ISBN in it. */
export function isbnOf(value: string): string | null {
  const compact = value.replace(/[\s-]/gu, '').toUpperCase();
  const match = /^([0-9]{13}|[0-9]{9}[0-9X])(?![0-9X])/u.exec(compact);
  return match ? match[1]! : null;
}

function yearOf(record: MarcRecord, dateText: string | null): string | null {
  const fromField = dateText ? /[12][0-9]{3}/u.exec(dateText)?.[0] : undefined;
  if (fromField) return fromField;
  const date1 = controlValue(record, '008')?.slice(7, 11);
  return date1 && /^[12][0-9]{3}$/u.test(date1) ? date1 : null;
}

function publication(record: MarcRecord): DataField | undefined {
  // 264 second indicator 1 is publication (RDA); 260 is the older field for the same.
  return (
    dataFields(record, '264').find((f) => f.ind2 === '1') ??
    dataFields(record, '260')[0] ??
    dataFields(record, '264')[0]
  );
}

function mentionsDaisy(record: MarcRecord): boolean {
  return ['538', '500', '347', '245'].some((tag) =>
    dataFields(record, tag).some((f) => f.subfields.some((s) => /\bDAISY\b/iu.test(s.value))),
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

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

/**
 * MARC21 → the desk's BibRecord, field by field as shared/bib.ts documents.
 * Text is NFC with single spaces; values longer than the schema allows are
 * cut, never refused. Throws MarcFault NO_TITLE when there is no 245 $a.
 */
export function marcToBib(record: MarcRecord): BibRecord {
  const f245 = dataFields(record, '245')[0];
  const titleParts = f245 ? f245.subfields.filter((s) => s.code === 'a' || s.code === 'b').map((s) => s.value) : [];
  const title = trimIsbd(titleParts.join(' '));
  if (title === '') throw new MarcFault('NO_TITLE', '245', 'the record has no title (245 $a)');
  const responsibility = f245 ? firstSubfield(f245, 'c') : null;

  const authors = unique(
    [...dataFields(record, '100'), ...dataFields(record, '700')]
      .map((f) => firstSubfield(f, 'a'))
      .filter((a): a is string => a !== null)
      .map((a) => clip(trimPeriod(a), 300))
      .filter((a) => a !== ''),
  ).slice(0, 50);

  const isbn = unique(
    dataFields(record, '020')
      .flatMap((f) => subfieldValues(f, 'a'))
      .map(isbnOf)
      .filter((i): i is string => i !== null),
  ).slice(0, 20);

  const pub = publication(record);
  const firstOf = (tag: string, code = 'a') => {
    const f = dataFields(record, tag)[0];
    const v = f ? firstSubfield(f, code) : null;
    return v === null ? null : trimIsbd(v) || null;
  };
  const pubValue = (code: string) => {
    const v = pub ? firstSubfield(pub, code) : null;
    if (v === null) return null;
    const trimmed = trimIsbd(v).replace(/^\[(.*)\]$/u, '$1');
    return trimmed === '' ? null : clip(trimmed, 300);
  };

  const languages041 = dataFields(record, '041')
    .flatMap((f) => subfieldValues(f, 'a'))
    .flatMap((v) => v.toLowerCase().match(/[a-z]{3}/gu) ?? []);
  const language008 = controlValue(record, '008')?.slice(35, 38).toLowerCase() ?? '';
  const languages = unique(
    languages041.length > 0 ? languages041 : /^[a-z]{3}$/u.test(language008) ? [language008] : [],
  ).slice(0, 10);

  const subjects = unique(
    dataFields(record, '650')
      .map((f) =>
        f.subfields
          .filter((s) => 'axyz'.includes(s.code))
          .map((s) => trimPeriod(s.value))
          .filter((v) => v !== '')
          .join(' -- '),
      )
      .filter((s) => s !== '')
      .map((s) => clip(s, 500)),
  ).slice(0, 100);

  const series = unique(
    dataFields(record, '490')
      .map((f) => firstSubfield(f, 'a'))
      .filter((v): v is string => v !== null)
      .map((v) => clip(trimIsbd(v), 500))
      .filter((v) => v !== ''),
  ).slice(0, 20);

  const edition = firstOf('250');
  const extent = firstOf('300');
  const ddc = firstOf('082');
  const dateText = pub ? firstSubfield(pub, 'c') : null;
  return bibRecordSchema.parse({
    title: clip(title, 1000),
    responsibility: responsibility === null ? null : clip(trimPeriod(responsibility), 1000) || null,
    authors,
    isbn,
    ddc: ddc === null ? null : clip(ddc, 100),
    edition: edition === null ? null : clip(edition, 300),
    place: pubValue('a'),
    publisher: pubValue('b'),
    year: yearOf(record, dateText),
    extent: extent === null ? null : clip(extent, 300),
    series,
    subjects,
    languages,
    materialType: materialTypeOf(record),
  });
}
