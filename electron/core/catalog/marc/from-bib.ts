import type { BibRecord } from '../../../../shared/bib';
import type { MaterialType } from '../../../../shared/domain';
import type { DataField, MarcField, MarcRecord } from './record';

// Leader/06–07 and 008/23 per material type: what marcToBib reads back to the same type.
const forms: Record<MaterialType, { type: string; level: string; form: string }> = {
  book: { type: 'a', level: 'm', form: ' ' },
  periodical: { type: 'a', level: 's', form: ' ' },
  map: { type: 'e', level: 'm', form: ' ' },
  audio: { type: 'i', level: 'm', form: ' ' },
  video: { type: 'g', level: 'm', form: ' ' },
  braille: { type: 'a', level: 'm', form: 'f' },
  large_print: { type: 'a', level: 'm', form: 'd' },
  daisy: { type: 'a', level: 'm', form: 's' },
  other: { type: 'p', level: 'm', form: ' ' },
};

function data(tag: string, ind1: string, ind2: string, pairs: [string, string | null][]): DataField | null {
  const subfields = pairs
    .filter((p): p is [string, string] => p[1] !== null && p[1] !== '')
    .map(([code, value]) => ({ code, value }));
  return subfields.length === 0 ? null : { tag, ind1, ind2, subfields };
}

export interface BibToMarcOptions {
  /** 001: the title's global id, so that an exported record can be matched again. */
  controlNumber?: string;
  /** YYMMDD for 008/00–05 (date entered). */
  entered?: string;
}

/**
 * A MARC21 record for a title catalogued at the desk (no MARC record kept):
 * every BibRecord field in the tag shared/bib.ts names, so that marcToBib
 * gives the same BibRecord back. Text is written without ISBD punctuation.
 */
export function bibToMarc(bib: BibRecord, options: BibToMarcOptions = {}): MarcRecord {
  const form = forms[bib.materialType];
  const leader = `00000n${form.type}${form.level} a2200000 i 4500`;
  const year = bib.year && /^[0-9]{4}$/u.test(bib.year) ? bib.year : '    ';
  const language = bib.languages[0] ?? '   ';
  const f008 = `${options.entered ?? '000000'}${year === '    ' ? 'n' : 's'}${year}    xx ${' '.repeat(5)}${form.form}${' '.repeat(11)}${language} d`;
  const fields: MarcField[] = [];
  if (options.controlNumber) fields.push({ tag: '001', value: options.controlNumber });
  fields.push({ tag: '008', value: f008 });
  const push = (field: DataField | null) => {
    if (field) fields.push(field);
  };
  for (const isbn of bib.isbn) push(data('020', ' ', ' ', [['a', isbn]]));
  if (bib.languages.length > 0)
    push({ tag: '041', ind1: '0', ind2: ' ', subfields: bib.languages.map((l) => ({ code: 'a', value: l })) });
  push(data('082', '0', '4', [['a', bib.ddc]]));
  const [main, ...others] = bib.authors;
  push(data('100', '1', ' ', [['a', main ?? null]]));
  push(
    data('245', main ? '1' : '0', '0', [
      ['a', bib.title],
      ['c', bib.responsibility],
    ]),
  );
  push(data('250', ' ', ' ', [['a', bib.edition]]));
  push(
    data('264', ' ', '1', [
      ['a', bib.place],
      ['b', bib.publisher],
      ['c', bib.year],
    ]),
  );
  push(data('300', ' ', ' ', [['a', bib.extent]]));
  for (const s of bib.series) push(data('490', '0', ' ', [['a', s]]));
  if (bib.materialType === 'daisy') push(data('538', ' ', ' ', [['a', 'DAISY']]));
  for (const subject of bib.subjects) {
    const [head, ...subdivisions] = subject.split(' -- ');
    push(data('650', ' ', '4', [['a', head ?? subject], ...subdivisions.map((s): [string, string] => ['x', s])]));
  }
  for (const author of others) push(data('700', '1', ' ', [['a', author]]));
  return { leader, fields };
}
