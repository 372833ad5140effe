import type { TitleRecord } from '../../../shared/bib';
import type { ItemStatus } from '../../../shared/domain';
import { copyColumnValues, findTitleByUuid, normaliseRecord, titleColumnValues } from '../catalog/store';
import type { Ctx } from '../context';
import { stmt } from '../db/statements';
import { refuseMisread } from '../services/rows';

/**
 * Titles of a pull page that are new to this desk, written together.
 *
 * Why: the titles table feeds the FTS5 index title_search through a trigger,
 * and FTS5 writes its pending words out as a new segment at every statement
 * savepoint. One INSERT per title therefore wrote one tiny segment per title
 * (then merged them again): most of a pull's time. Here the page's new titles
 * go in by one INSERT … SELECT FROM json_each, so the trigger fills the
 * pending index for all of them and FTS5 writes it once.
 *
 * Only what needs no decision is taken: a title whose uuid the desk does not
 * hold, whose copies' barcodes and accession numbers are nowhere in the desk
 * (nor earlier in the batch). Such a title is written exactly as
 * `saveParsedTitle(…, { fromSync: true })` would write it (same normalising,
 * same column values, same copy status), without an outbox event. Anything
 * else is refused by `add`, and the caller flushes and applies it through the
 * catalogue's store, in page order.
 */
export class PulledTitleBatch {
  private rows: string[] = [];
  private records: TitleRecord[] = [];
  private readonly uuids = new Set<string>();
  private readonly barcodes = new Set<string>();
  private readonly accessions = new Set<string>();

  constructor(private readonly ctx: Ctx) {}

  /** Take a new title with new copies into the batch; false (and nothing taken) for anything else. */
  add(record: TitleRecord): boolean {
    const db = this.ctx.db;
    // Over the whole-record limits saveParsedTitle validates again with the schema: its path.
    if (record.copies.length > 1000 || (record.marcxml !== null && record.marcxml.length > 200_000)) return false;
    if (this.uuids.has(record.uuid) || findTitleByUuid(db, record.uuid)) return false;
    let r: TitleRecord;
    try {
      r = normaliseRecord(record);
      for (const copy of r.copies) refuseMisread(copy.barcode);
    } catch {
      return false; // refused by the store's path, which says why
    }
    const barcodes = new Set<string>();
    const accessions = new Set<string>();
    for (const copy of r.copies) {
      if (barcodes.has(copy.barcode) || this.barcodes.has(copy.barcode)) return false;
      if (stmt(db, 'SELECT 1 FROM items WHERE barcode = ?').get(copy.barcode)) return false;
      barcodes.add(copy.barcode);
      const accession = copy.accessionNumber;
      if (accession !== null) {
        if (accessions.has(accession) || this.accessions.has(accession)) return false;
        if (stmt(db, 'SELECT 1 FROM items WHERE accession_number = ?').get(accession)) return false;
        accessions.add(accession);
      }
    }
    const row = JSON.stringify([...titleColumnValues(r), r.uuid]);
    // A lone surrogate is escaped in JSON and would reach SQLite unlike a bound string: the store's path.
    if (/\\u[dD][89a-fA-F]/u.test(row)) return false;
    this.rows.push(row);
    this.records.push(r);
    this.uuids.add(r.uuid);
    for (const b of barcodes) this.barcodes.add(b);
    for (const a of accessions) this.accessions.add(a);
    return true;
  }

  /** Write what the batch holds (in the caller's transaction) and empty it. */
  flush(): void {
    if (this.rows.length === 0) return;
    const { db, nowIso } = this.ctx;
    const inserted = stmt(
      db,
      `INSERT INTO titles (title, responsibility, authors, isbn, ddc, edition, place, publisher, year, extent,
         series, subjects, languages, material_type, marcxml, needs_completion, sort_key, title_folded,
         authors_folded, subjects_folded, series_folded, search_folded, uuid, created_at, updated_at)
       SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6,
         value ->> 7, value ->> 8, value ->> 9, value ->> 10, value ->> 11, value ->> 12, value ->> 13,
         value ->> 14, value ->> 15, value ->> 16, value ->> 17, value ->> 18, value ->> 19, value ->> 20,
         value ->> 21, value ->> 22, ?, ?
       FROM json_each(?) ORDER BY key
       RETURNING id, uuid`,
    ).all(nowIso, nowIso, `[${this.rows.join(',')}]`) as { id: number; uuid: string }[];
    const ids = new Map(inserted.map((t) => [t.uuid, t.id]));
    const addIsbn = stmt(db, 'INSERT OR IGNORE INTO title_isbns (isbn, title_id) VALUES (?, ?)');
    const addCopy = stmt(
      db,
      `INSERT INTO items (status, loanable, accession_number, accession_prefix, accession_seq, call_number,
         call_number_key, location, price, acquisition_kind, acquisition_donor, acquisition_date, title_id, barcode,
         created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const r of this.records) {
      const id = ids.get(r.uuid);
      if (id === undefined) throw new Error(`title ${r.uuid} was not written`);
      for (const isbn of r.bib.isbn) addIsbn.run(isbn, id);
      for (const copy of r.copies) {
        // A new copy: the hub's "on loan" (lent at another desk) invents no loan here.
        const status: ItemStatus = copy.status === 'on_loan' ? 'available' : copy.status;
        addCopy.run(...copyColumnValues(copy, status), id, copy.barcode, nowIso, nowIso);
      }
    }
    this.rows = [];
    this.records = [];
    this.uuids.clear();
    this.barcodes.clear();
    this.accessions.clear();
    this.ctx.emit({ type: 'changed', domain: 'catalog' });
  }
}
