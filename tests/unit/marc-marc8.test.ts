import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MarcFault } from '../../electron/core/catalog/marc/issues';
import { readIso2709 } from '../../electron/core/catalog/marc/iso2709-reader';
import { decodeMarc8 } from '../../electron/core/catalog/marc/marc8';
import { dataFields, firstSubfield, type MarcRecord } from '../../electron/core/catalog/marc/record';

const fixtures = path.join(__dirname, '../fixtures/marc');

async function only(name: string): Promise<MarcRecord> {
  const out: MarcRecord[] = [];
  for await (const item of readIso2709([readFileSync(path.join(fixtures, name))]))
    if (item.kind === 'record') out.push(item.record);
  expect(out).toHaveLength(1);
  return out[0]!;
}

const decode = (bytes: number[] | string) =>
  decodeMarc8(typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : Uint8Array.from(bytes), '245');

describe('MARC-8 decoding', () => {
  it('decodes marc8.dat’s diacritics to the same NFC text as the UTF-8 edition of the record', async () => {
    const marc8 = await only('marc8.dat');
    const utf8 = await only('utf8_with_leader_flag.dat');
    const title240 = firstSubfield(dataFields(marc8, '240')[0]!, 'a');
    expect(title240).toBe('De la solitude \u00e0 la communaut\u00e9.');
    expect(title240).toBe(title240!.normalize('NFC'));
    // The UTF-8 file writes the same letters decomposed; both are the same text.
    expect(firstSubfield(dataFields(utf8, '240')[0]!, 'a')!.normalize('NFC')).toBe(title240);
  });

  it('puts combining marks after their base letter (MARC-8 writes them before) and composes Vietnamese', () => {
    // "Nguyễn Trường Đức": circumflex + tilde before e; ư (0xBD) and ơ (0xBC) with grave before; Đ (0xA3), acute before u.
    const bytes = [
      ...Buffer.from('Nguy', 'latin1'),
      0xe3,
      0xe4,
      0x65,
      ...Buffer.from('n Tr', 'latin1'),
      0xbd,
      0xe1,
      0xbc,
      ...Buffer.from('ng ', 'latin1'),
      0xa3,
      0xe2,
      0xbd,
      0x63,
    ];
    expect(decode(bytes)).toBe('Nguyễn Trường Đức'.normalize('NFC'));
  });

  it('keeps subfield delimiters and does not carry a mark across one', () => {
    expect(decode([0x61, 0x1f, 0x62, 0xe2, 0x65])).toBe('a\u001fbé');
  });

  it('switches G0 to Greek, Cyrillic, Hebrew and Arabic by escape sequence and back to Latin', () => {
    expect(decode('\u001b(Sabd\u001b(B ok')).toBe('αβγ ok');
    expect(decode('\u001b(NmIR\u001b(B')).toBe('Мир');
    expect(decode('\u001b(2`a\u001b(B')).toBe('אב');
    expect(decode('\u001b(3GO\u001b(B')).toBe('\u0627\u062f');
  });

  it('decodes subscripts, superscripts and Greek symbols (technique 1)', () => {
    expect(decode('H\u001bb2\u001bsO')).toBe('H₂O');
    expect(decode('x\u001bp2\u001bs')).toBe('x²');
    expect(decode('\u001bgb\u001bs-rays')).toBe('β-rays');
  });

  it('designates G1 sets: extended Cyrillic in the upper half', () => {
    expect(decode([0x1b, 0x29, 0x51, 0xe4, 0xc4])).toBe('Ёё');
  });

  it('refuses EACC (CJK) by name instead of producing wrong text', () => {
    let fault: unknown;
    try {
      decode('\u001b$1!0c\u001b(B');
    } catch (error) {
      fault = error;
    }
    expect(fault).toBeInstanceOf(MarcFault);
    expect((fault as MarcFault).code).toBe('MARC8_EACC_UNSUPPORTED');
    expect((fault as MarcFault).message).toBe('MARC-8 EACC not supported');
  });

  it('refuses bytes that have no character in the active set', () => {
    expect(() => decode([0x41, 0xbf])).toThrow(/0xbf has no character in Extended Latin/u);
  });
});
