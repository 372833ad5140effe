import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bibRecordSchema } from '../../shared/bib';
import { materialTypes } from '../../shared/domain';
import { bibToMarc } from '../../electron/core/catalog/marc/from-bib';
import { readIso2709, type MarcReadItem } from '../../electron/core/catalog/marc/iso2709-reader';
import { readMarcxml } from '../../electron/core/catalog/marc/marcxml-reader';
import {
  marcxmlCollectionEnd,
  marcxmlCollectionStart,
  marcxmlDocument,
  marcxmlRecord,
} from '../../electron/core/catalog/marc/marcxml-writer';
import { unicodeLeader, type MarcRecord } from '../../electron/core/catalog/marc/record';
import { marcToBib } from '../../electron/core/catalog/marc/to-bib';

const fixtures = path.join(__dirname, '../fixtures/marc');
const fixture = (name: string) => readFileSync(path.join(fixtures, name));

async function collect(gen: AsyncIterable<MarcReadItem>): Promise<MarcReadItem[]> {
  const out: MarcReadItem[] = [];
  for await (const item of gen) out.push(item);
  return out;
}
const recordsOf = (items: MarcReadItem[]) => items.flatMap((i) => (i.kind === 'record' ? [i.record] : []));
const chunked = (text: string, size: number) => {
  const bytes = Buffer.from(text, 'utf8');
  const out: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out;
};

describe('MARCXML reader and writer', () => {
  it('reads batch.xml (LC records, prefixed namespace) with their fields', async () => {
    const items = await collect(readMarcxml([fixture('batch.xml')]));
    const all = recordsOf(items);
    expect(items.filter((i) => i.kind === 'issue')).toEqual([]);
    expect(all.length).toBeGreaterThanOrEqual(2);
    expect(all[0]!.leader).toBe('00925njm  22002777a 4500');
    expect(marcToBib(all[0]!)).toMatchObject({
      title: 'The Great Ray Charles',
      authors: ['Charles, Ray'],
      materialType: 'audio',
      year: '1957',
    });
  });

  it('round-trips MARC-8 records (marc.dat) through MARCXML to equal field content, in chunks of any size', async () => {
    const marc8 = recordsOf(await collect(readIso2709([fixture('marc.dat')])));
    const xml = marcxmlCollectionStart + marc8.map((r) => marcxmlRecord(r, '  ')).join('') + marcxmlCollectionEnd;
    for (const size of [3, 1000, xml.length]) {
      const back = recordsOf(await collect(readMarcxml(chunked(xml, size))));
      expect(back.map((r) => r.fields)).toEqual(marc8.map((r) => r.fields));
      expect(back.map((r) => r.leader)).toEqual(marc8.map((r) => unicodeLeader(r.leader)));
    }
  });

  it('round-trips batch.xml: read, write, read gives the same records', async () => {
    const first = recordsOf(await collect(readMarcxml([fixture('batch.xml')])));
    const xml = marcxmlCollectionStart + first.map((r) => marcxmlRecord(r)).join('') + marcxmlCollectionEnd;
    expect(recordsOf(await collect(readMarcxml([Buffer.from(xml)])))).toEqual(
      first.map((r) => ({ ...r, leader: unicodeLeader(r.leader) })),
    );
  });

  it('escapes markup characters and reads a single-record document', async () => {
    const record: MarcRecord = {
      leader: '00000nam a2200000 i 4500',
      fields: [{ tag: '245', ind1: '0', ind2: '0', subfields: [{ code: 'a', value: 'Tom & Jerry <"quoted">' }] }],
    };
    expect(recordsOf(await collect(readMarcxml([Buffer.from(marcxmlDocument(record))])))).toEqual([record]);
  });

  it('writes markup as entities and characters XML cannot hold as U+FFFD, and the rest as it is', () => {
    const value = `Đèo Văn Ơn & <"Σ"> \u0001\t\n\u{1F600}\ufffe\uffff\ufffd>`;
    const record: MarcRecord = {
      leader: '00000nam a2200000 i 4500',
      fields: [{ tag: '245', ind1: '0', ind2: '0', subfields: [{ code: 'a', value }] }],
    };
    expect(marcxmlDocument(record)).toContain(
      `<subfield code="a">Đèo Văn Ơn &amp; &lt;&quot;Σ&quot;&gt; \ufffd\t\n\u{1F600}\ufffd\ufffd\ufffd&gt;</subfield>`,
    );
    expect(marcxmlDocument(record)).toBe(
      `<?xml version="1.0" encoding="UTF-8"?>\n<record xmlns="http://www.loc.gov/MARC21/slim">${marcxmlRecord(record).slice('<record>'.length)}`,
    );
  });

  it('reports a record without a leader and broken XML, keeping the records before', async () => {
    const good = marcxmlRecord(bibToMarc(bibRecordSchema.parse({ title: 'Dế Mèn phiêu lưu ký' })));
    const xml = `<collection xmlns="http://www.loc.gov/MARC21/slim">${good}<record><datafield tag="245" ind1="0" ind2="0"><subfield code="a">x</subfield></datafield></record>${good}<record><leader>`;
    const items = await collect(readMarcxml([Buffer.from(`${xml}</oops>`)]));
    expect(
      items.map((i) => (i.kind === 'record' ? `${i.recordNumber}:ok` : `${i.issue.recordNumber}:${i.issue.code}`)),
    ).toEqual(['1:ok', '2:BAD_LEADER', '3:ok', '4:BAD_XML']);
  });
});

describe('MARC ↔ BibRecord', () => {
  it('maps the known fields of LC records (marc.dat record 1 and 19)', async () => {
    const all = recordsOf(await collect(readIso2709([fixture('marc.dat')])));
    expect(marcToBib(all[0]!)).toEqual({
      title: 'The pragmatic programmer : from journeyman to master',
      responsibility: 'Andrew Hunt, David Thomas',
      authors: ['Hunt, Andrew', 'Thomas, David'],
      isbn: ['020161622X'],
      ddc: '005.1',
      edition: null,
      place: 'Reading, Mass',
      publisher: 'Addison-Wesley',
      year: '2000',
      extent: 'xxiv, 321 p.',
      series: [],
      subjects: ['Computer programming'],
      languages: ['eng'],
      materialType: 'book',
    });
    expect(marcToBib(all[18]!)).toMatchObject({
      title: 'Introduction to algorithms',
      authors: ['Cormen, Thomas H.'],
      isbn: ['0262032937'],
      edition: '2nd ed.',
      publisher: 'MIT Press',
      subjects: ['Computer programming', 'Computer algorithms'],
    });
  });

  it('reads material types from leader/06–07, 007 and 008/23', () => {
    const base = bibToMarc(bibRecordSchema.parse({ title: 'x' }));
    const withLeader = (l6: string, l7: string) => ({ ...base, leader: `00000n${l6}${l7}${base.leader.slice(8)}` });
    expect(marcToBib(withLeader('a', 's')).materialType).toBe('periodical');
    expect(marcToBib(withLeader('e', 'm')).materialType).toBe('map');
    expect(marcToBib(withLeader('j', 'm')).materialType).toBe('audio');
    expect(marcToBib(withLeader('g', 'm')).materialType).toBe('video');
    expect(marcToBib({ ...base, fields: [{ tag: '007', value: 'fb|||' }, ...base.fields] }).materialType).toBe(
      'braille',
    );
    expect(marcToBib({ ...base, fields: [{ tag: '007', value: 'tb' }, ...base.fields] }).materialType).toBe(
      'large_print',
    );
  });

  it('takes DAISY as a word in any case (ſ too) from 538, 500, 347 or 245, not inside a word or from other fields', () => {
    const base = bibToMarc(bibRecordSchema.parse({ title: 'x' }));
    const withNote = (tag: string, value: string) =>
      marcToBib({ ...base, fields: [...base.fields, { tag, ind1: ' ', ind2: ' ', subfields: [{ code: 'a', value }] }] })
        .materialType;
    expect(withNote('538', 'Sách nói DAISY 2.02')).toBe('daisy');
    expect(withNote('500', 'daisy-format')).toBe('daisy');
    expect(withNote('347', 'DaIſy')).toBe('daisy');
    expect(withNote('245', '(DAISY)')).toBe('daisy');
    expect(withNote('538', 'DAISYs')).toBe('book');
    expect(withNote('538', 'ſDAISY')).toBe('book');
    expect(withNote('538', 'DAIS Y')).toBe('book');
    expect(withNote('650', 'DAISY')).toBe('book');
  });

  it('a desk-made title goes to MARC and back unchanged, for every material type, Vietnamese NFC', () => {
    for (const materialType of materialTypes) {
      const bib = bibRecordSchema.parse({
        title: 'Truyện Kiều',
        responsibility: 'Nguyễn Du ; Đào Duy Anh chú giải',
        authors: ['Nguyễn Du', 'Đào Duy Anh'],
        isbn: ['9786049692128', '604969212X'],
        ddc: '895.9221',
        edition: 'Tái bản lần thứ 3',
        place: 'Hà Nội',
        publisher: 'Nhà xuất bản Văn học',
        year: '2019',
        extent: '250 tr.',
        series: ['Văn học cổ điển Việt Nam'],
        subjects: ['Văn học Việt Nam -- Thơ'],
        languages: ['vie'],
        materialType,
      });
      expect(marcToBib(bibToMarc(bib))).toEqual(bib);
    }
  });

  it('refuses a record without a title', () => {
    expect(() => marcToBib({ leader: '00000nam a2200000 i 4500', fields: [{ tag: '001', value: '1' }] })).toThrow(
      /no title/u,
    );
  });
});
