import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTitleRecord } from '../../electron/core/catalog/store';
import { isbnForms } from '../../electron/core/catalog/store';
import { titleRecordSchema } from '../../shared/bib';
import { ok, tempDesk, type TempDesk } from '../helpers/desk';

let desk: TempDesk;

beforeAll(() => {
  desk = tempDesk('2026-03-15T02:30:00.000Z');
  ok(desk.core.call('system.setup', { mode: 'demo' }));
});
afterAll(() => desk.dispose());

const all = <T>(sql: string) => desk.core.db.prepare(sql).all() as T[];

describe('the demo catalogue', () => {
  it('has full, valid TitleRecords (bib fields, ISBN-13 with a right check digit, subjects, publisher, year)', () => {
    const ids = all<{ id: number }>('SELECT id FROM titles ORDER BY id').map((r) => r.id);
    expect(ids.length).toBe(1250);
    let withSeries = 0;
    for (const id of ids) {
      const record = readTitleRecord(desk.core.db, id)!;
      expect(titleRecordSchema.parse(record)).toEqual(record);
      const { bib } = record;
      expect(bib.ddc).toMatch(/^\d{3}(\.\d+)?$/u);
      expect(bib.subjects.length).toBeGreaterThan(0);
      expect(bib.publisher).not.toBeNull();
      expect(bib.year).toMatch(/^\d{4}$/u);
      expect(bib.languages).toContain('vie');
      for (const isbn of bib.isbn) {
        expect(isbn).toMatch(/^978604\d{7}$/u);
        // The ISBN-10 form's own check digit is recomputed: both forms agree only when the 13 is valid.
        expect(isbnForms(isbnForms(isbn)[1]!)[1]).toBe(isbn);
      }
      if (bib.series.length > 0) withSeries += 1;
    }
    expect(withSeries).toBeGreaterThan(50);
  });

  it('gives every copy a unique accession number in the VV, VN and TN registers, in acquisition order', () => {
    const copies = all<{
      accession_number: string;
      accession_prefix: string;
      accession_seq: number;
      acquisition_date: string;
      call_number: string;
      price: number;
      acquisition_kind: string;
    }>(
      'SELECT accession_number, accession_prefix, accession_seq, acquisition_date, call_number, price, acquisition_kind FROM items',
    );
    expect(copies).toHaveLength(16_000);
    expect(new Set(copies.map((c) => c.accession_number)).size).toBe(16_000);
    expect(new Set(copies.map((c) => c.accession_prefix))).toEqual(new Set(['VV', 'VN', 'TN']));
    for (const c of copies) {
      expect(c.accession_number).toBe(`${c.accession_prefix}${String(c.accession_seq).padStart(5, '0')}`);
      expect(c.call_number).toMatch(/^\d{3}(\.\d+)? [A-Z]/u);
      expect(c.price).toBeGreaterThan(0);
    }
    for (const prefix of ['VV', 'VN', 'TN']) {
      const run = copies.filter((c) => c.accession_prefix === prefix).sort((a, b) => a.accession_seq - b.accession_seq);
      expect(run.map((c) => c.accession_seq)).toEqual(run.map((_, i) => i + 1));
      const dates = run.map((c) => c.acquisition_date);
      expect(dates).toEqual([...dates].sort());
    }
    const kinds = new Set(copies.map((c) => c.acquisition_kind));
    expect(kinds).toEqual(new Set(['purchase', 'donation']));
  });

  it('holds accessible formats (braille, large print, audio, DAISY) that the accessible filter finds', () => {
    const types = new Set(
      all<{ material_type: string }>('SELECT material_type FROM titles').map((r) => r.material_type),
    );
    for (const t of ['braille', 'large_print', 'audio', 'daisy']) expect(types).toContain(t);
    const found = ok(desk.core.call('catalog.search', { query: 'ky thuat', accessible: true, limit: 200 }));
    expect(found.length).toBeGreaterThan(0);
    for (const hit of found) expect(['braille', 'large_print', 'audio', 'daisy']).toContain(hit.materialType);
  });

  it('continues accession numbers from the highest in use', () => {
    const highest = (
      desk.core.db.prepare("SELECT MAX(accession_seq) AS n FROM items WHERE accession_prefix = 'TN'").get() as {
        n: number;
      }
    ).n;
    const next = ok(desk.core.call('catalog.nextAccession', { prefix: 'tn', count: 2 })).numbers;
    expect(next).toEqual([`TN${String(highest + 1).padStart(5, '0')}`, `TN${String(highest + 2).padStart(5, '0')}`]);
  });
});
