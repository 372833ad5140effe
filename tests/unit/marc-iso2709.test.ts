import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readIso2709, type MarcReadItem } from '../../electron/core/catalog/marc/iso2709-reader';
import { writeIso2709 } from '../../electron/core/catalog/marc/iso2709-writer';
import { dataFields, firstSubfield, type MarcRecord } from '../../electron/core/catalog/marc/record';

const fixtures = path.join(__dirname, '../fixtures/marc');
const fixture = (name: string) => readFileSync(path.join(fixtures, name));

async function readAll(bytes: Buffer, chunkSize = bytes.length): Promise<MarcReadItem[]> {
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunkSize) chunks.push(bytes.subarray(i, i + chunkSize));
  const items: MarcReadItem[] = [];
  for await (const item of readIso2709(chunks)) items.push(item);
  return items;
}

function records(items: MarcReadItem[]): MarcRecord[] {
  return items.flatMap((i) => (i.kind === 'record' ? [i.record] : []));
}

function issues(items: MarcReadItem[]) {
  return items.flatMap((i) => (i.kind === 'issue' ? [i.issue] : []));
}

function sub(record: MarcRecord, tag: string, code: string): string | null {
  const field = dataFields(record, tag)[0];
  return field ? firstSubfield(field, code) : null;
}

describe('ISO 2709 reader on the Library of Congress records (marc.dat)', () => {
  it('reads all 20 records with their leaders and known fields', async () => {
    const items = await readAll(fixture('marc.dat'));
    expect(issues(items)).toEqual([]);
    const all = records(items);
    expect(all).toHaveLength(20);
    const first = all[0]!;
    expect(first.leader).toBe('01060cam  22002894a 4500');
    expect(sub(first, '245', 'a')).toBe('The pragmatic programmer :');
    expect(sub(first, '245', 'b')).toBe('from journeyman to master /');
    expect(sub(first, '100', 'a')).toBe('Hunt, Andrew,');
    expect(sub(first, '020', 'a')).toBe('020161622X');
    expect(sub(first, '650', 'a')).toBe('Computer programming.');
    expect(dataFields(first, '245')[0]).toMatchObject({ ind1: '1', ind2: '4' });
    const last = all[19]!;
    expect(sub(last, '245', 'a')).toBe('ANSI Common Lisp /');
    expect(sub(last, '100', 'a')).toBe('Graham, Paul.');
    expect(sub(last, '020', 'a')).toBe('0133708756 (pbk.)');
  });

  it('gives the same records whatever the chunk size (records cut across chunks)', async () => {
    const whole = await readAll(fixture('marc.dat'));
    for (const size of [1, 7, 100, 4096]) expect(await readAll(fixture('marc.dat'), size)).toEqual(whole);
  });
});

describe('ISO 2709 faults (bad_records.mrc): one issue per bad record, nothing of it produced', () => {
  it('reports each structural fault with its record number and keeps the good records', async () => {
    const items = await readAll(fixture('bad_records.mrc'));
    expect(
      items.map((i) => (i.kind === 'record' ? `${i.recordNumber}:ok` : `${i.issue.recordNumber}:${i.issue.code}`)),
    ).toEqual([
      '1:ok',
      '2:BAD_BASE_ADDRESS',
      '3:BAD_BASE_ADDRESS',
      '4:BAD_DIRECTORY',
      '5:BAD_DIRECTORY',
      '6:BAD_LEADER',
      '7:NO_FIELDS',
      '8:ok',
    ]);
    for (const issue of issues(items)) expect(issue.reason.length).toBeGreaterThan(10);
  });

  it('a length that lies costs that record only', async () => {
    const bytes = Buffer.from(fixture('marc.dat'));
    // Record 2 starts right after record 1 (1060 bytes); make its length claim 00999 instead of 00979.
    expect(bytes.subarray(1060, 1065).toString('latin1')).toBe('00979');
    bytes.write('00999', 1060, 'latin1');
    const items = await readAll(bytes, 512);
    expect(issues(items)).toEqual([
      {
        recordNumber: 2,
        field: null,
        code: 'LENGTH_MISMATCH',
        reason: 'leader says 999 bytes but the record terminator comes after 979',
      },
    ]);
    expect(records(items)).toHaveLength(19);
    expect(sub(records(items)[1]!, '245', 'a')).toBe('Learning Python /');
  });

  it('a directory entry pointing outside the record names its field', async () => {
    const bytes = Buffer.from(fixture('marc.dat').subarray(0, 1060));
    // The 245 entry of record 1 is "245008800510"; point it past the end.
    const directory = bytes.subarray(24, 289).toString('latin1');
    const at = 24 + directory.indexOf('245008800510');
    bytes.write('245008899999', at, 'latin1');
    const items = await readAll(bytes);
    expect(records(items)).toEqual([]);
    expect(issues(items)).toMatchObject([{ recordNumber: 1, field: '245', code: 'FIELD_OUTSIDE_RECORD' }]);
  });

  it('a field without its terminator is reported for that field', async () => {
    const bytes = Buffer.from(fixture('utf8_with_leader_flag.dat'));
    const record = records(await readAll(bytes))[0]!;
    expect(record).toBeDefined();
    // The last byte of the 001 field (at the base address + 1) is its terminator; overwrite it.
    const base = Number(bytes.subarray(12, 17).toString('latin1'));
    expect(bytes[base + 1]).toBe(0x1e);
    bytes[base + 1] = 0x41;
    expect(issues(await readAll(bytes))).toMatchObject([
      { recordNumber: 1, field: '001', code: 'MISSING_FIELD_TERMINATOR' },
    ]);
  });

  it('a truncated file gives every whole record and one TRUNCATED issue for the last', async () => {
    const whole = fixture('marc.dat');
    const cut = whole.subarray(0, whole.length - 300);
    const items = await readAll(cut, 1000);
    expect(records(items)).toHaveLength(19);
    expect(issues(items)).toMatchObject([{ recordNumber: 20, field: null, code: 'TRUNCATED' }]);
  });

  it('invalid UTF-8 in a record flagged UTF-8 is that record’s error', async () => {
    const bytes = Buffer.from(fixture('utf8_with_leader_flag.dat'));
    const at = bytes.indexOf('Escape from', 0, 'latin1');
    bytes[at] = 0xff;
    expect(issues(await readAll(bytes))).toMatchObject([{ recordNumber: 1, field: '245', code: 'BAD_UTF8' }]);
  });
});

describe('ISO 2709 writer', () => {
  it('round-trips a UTF-8 record byte for byte (utf8_with_leader_flag.dat)', async () => {
    const original = fixture('utf8_with_leader_flag.dat');
    const [record] = records(await readAll(original));
    expect(writeIso2709(record!).equals(original)).toBe(true);
  });

  it('MARC-8 records cannot round-trip byte for byte (UTF-8 changes lengths) but keep every field', async () => {
    const original = fixture('marc.dat');
    const marc8 = records(await readAll(original));
    const rewritten = Buffer.concat(marc8.map(writeIso2709));
    expect(rewritten.equals(original)).toBe(false);
    const again = records(await readAll(rewritten));
    expect(again.map((r) => r.fields)).toEqual(marc8.map((r) => r.fields));
    // Only leader/09 (now 'a') and the computed lengths and base address differ.
    for (const [i, r] of again.entries()) {
      expect(r.leader[9]).toBe('a');
      expect(r.leader.slice(5, 9) + r.leader.slice(17)).toBe(
        marc8[i]!.leader.slice(5, 9) + marc8[i]!.leader.slice(17, 20) + '4500',
      );
    }
    // Written UTF-8 records are then stable: a second write is byte for byte the first.
    expect(Buffer.concat(again.map(writeIso2709)).equals(rewritten)).toBe(true);
  });

  it('refuses a field too long for ISO 2709', () => {
    const record: MarcRecord = {
      leader: '00000nam a2200000 i 4500',
      fields: [{ tag: '500', ind1: ' ', ind2: ' ', subfields: [{ code: 'a', value: 'x'.repeat(10_000) }] }],
    };
    expect(() => writeIso2709(record)).toThrow(/longer than 9,999 bytes/u);
  });
});
