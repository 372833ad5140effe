import type { TitleRecord } from '../../../shared/bib';
import type { ItemStatus } from '../../../shared/domain';
import { copyColumnValues, findTitleByUuid, normaliseRecord, titleColumnValues } from '../catalog/store';
import type { Ctx } from '../context';
import { stmt } from '../db/statements';
import { refuseMisread } from '../services/rows';

// In the order of catalog/store.ts titleColumnValues, then the uuid.
const titleColumns = `title, responsibility, authors, isbn, ddc, edition, place, publisher, year, extent, series,
  subjects, languages, material_type, marcxml, needs_completion, sort_key, title_folded, authors_folded,
  subjects_folded, series_folded, search_folded, uuid`;
const stageSql = `INSERT INTO temp.pulled_titles (${titleColumns}) VALUES (${titleColumns.replace(/\w+/gu, '?')})`;

/**
 * Titles of a pull page that are new to this desk, written together.
 *
 * Why: the titles table feeds the FTS5 index title_search through a trigger,
 * and FTS5 writes its pending words out as a new segment at every statement
 * savepoint. One INSERT per title therefore wrote one tiny segment per title
 * (then merged them again): most of a pull's time. Here the page's new titles
 * are staged in a temporary table (no index, no trigger) and go into titles
 * by one INSERT … SELECT, so the trigger fills the pending index for all of
 * them and FTS5 writes it once.
 *
 * Only what needs no decision is taken: a title whose uuid the desk does not
 * hold, whose copies' barcodes and accession numbers are nowhere in the desk
 * (nor earlier in the batch). Such a title is written exactly as
 * `saveParsedTitle(…, { fromSync: true })` would write it (same normalising,
 * same column values, same copy status), without an outbox event. Anything
 * else is refused by `add`, and the caller flushes and applies it through the
 * catalogue's store, in page order. The staging rows are in the caller's
 * transaction: a rolled-back page leaves none behind.
 */
export class PulledTitleBatch {
  private records: TitleRecord[] = [];
  private readonly uuids = new Set<string>();
  private readonly barcodes = new Set<string>();
  private readonly accessions = new Set<string>();

  constructor(private readonly ctx: Ctx) {
    // Columns without a type: values are kept as bound, as the titles table gets them from the store.
    ctx.db.exec(`CREATE TEMP TABLE IF NOT EXISTS pulled_titles (${titleColumns})`);
  }

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
    stmt(db, stageSql).run(...titleColumnValues(r), r.uuid);
    this.records.push(r);
    this.uuids.add(r.uuid);
    for (const b of barcodes) this.barcodes.add(b);
    for (const a of accessions) this.accessions.add(a);
    return true;
  }

  /** Write what the batch holds (in the caller's transaction) and empty it. */
  flush(): void {
    if (this.records.length === 0) return;
    const { db, nowIso } = this.ctx;
    const inserted = stmt(
      db,
      `INSERT INTO titles (${titleColumns}, created_at, updated_at)
       SELECT ${titleColumns}, ?, ? FROM temp.pulled_titles ORDER BY rowid
       RETURNING id, uuid`,
    ).all(nowIso, nowIso) as { id: number; uuid: string }[];
    stmt(db, 'DELETE FROM temp.pulled_titles').run();
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
    this.records = [];
    this.uuids.clear();
    this.barcodes.clear();
    this.accessions.clear();
    this.ctx.emit({ type: 'changed', domain: 'catalog' });
  }
}
