import type { CopyRecord, TitleRecord } from '../../../shared/bib';
import type { ItemStatus } from '../../../shared/domain';
import type { Ctx } from '../context';
import { stmt } from '../db/statements';
import {
  checkCopies,
  copyColumnValues,
  prepareTitleRecord,
  readCopies,
  storedCopy,
  storedRecord,
  titleColumnValues,
  titleInsertColumns,
  type ParsedTitleRecord,
  type SavedTitle,
  type TitleColumnValue,
} from './store';

const stageSql = `INSERT INTO temp.new_titles (${titleInsertColumns}) VALUES (${titleInsertColumns.replace(/\w+/gu, '?')})`;

/**
 * New titles with new copies, checked one by one and written together.
 *
 * Why: the titles table feeds the FTS5 index title_search through a trigger,
 * and FTS5 writes its pending words out as a new segment at every statement
 * savepoint. One INSERT per title therefore wrote one tiny segment per title
 * (then merged them again): most of the time of a bulk write. Here the titles
 * are staged in a temporary table (no index, no trigger) and go into titles
 * by one INSERT … SELECT, so the trigger fills the pending index for all of
 * them and FTS5 writes it once.
 *
 * `add` makes every check `saveParsedTitle` makes for a new title (the
 * record's limits, a misread or repeated barcode, a barcode or accession
 * number already in the catalogue) and also refuses what an earlier title of
 * the batch claimed; a refused title is not taken and leaves nothing behind.
 * `flush` writes what was taken, in order, exactly as `saveParsedTitle` would
 * write each (same normalising, column values and copy status), with its
 * outbox event unless the batch is `fromSync`. Both run in the caller's
 * transaction: a rolled-back batch leaves no staging rows behind.
 *
 * Used by the import (electron/core/catalog/import/run-import.ts) and the sync
 * pull (electron/core/sync/bulk-titles.ts).
 */
export class NewTitleBatch {
  private records: TitleRecord[] = [];
  private readonly barcodes = new Set<string>();
  private readonly accessions = new Set<string>();

  constructor(
    private readonly ctx: Ctx,
    private readonly options: { fromSync: boolean },
  ) {
    // Columns without a type: values are kept as bound, as the titles table gets them from the store.
    ctx.db.exec(`CREATE TEMP TABLE IF NOT EXISTS new_titles (${titleInsertColumns})`);
  }

  get size(): number {
    return this.records.length;
  }

  /**
   * Check a new title (a fresh uuid when it has none) and take it into the
   * batch; the record as it will be stored. A DeskRefusal when refused.
   */
  add(record: ParsedTitleRecord): TitleRecord {
    const r = prepareTitleRecord(record);
    this.addPrepared(r, titleColumnValues(r));
    return r;
  }

  /**
   * `add` for a record `prepareTitleRecord` made already, with its
   * `titleColumnValues` (the import makes both on its reader thread).
   */
  addPrepared(r: TitleRecord, columns: TitleColumnValue[]): void {
    checkCopies(this.ctx.db, null, r.copies, { barcodes: this.barcodes, accessions: this.accessions });
    stmt(this.ctx.db, stageSql).run(...columns, r.uuid);
    this.records.push(r);
    for (const copy of r.copies) {
      this.barcodes.add(copy.barcode);
      if (copy.accessionNumber !== null) this.accessions.add(copy.accessionNumber);
    }
  }

  /** Write what the batch holds (in the caller's transaction) and empty it: the titles written, in order. */
  flush(): SavedTitle[] {
    if (this.records.length === 0) return [];
    const { db, nowIso } = this.ctx;
    const inserted = stmt(
      db,
      `INSERT INTO titles (${titleInsertColumns}, created_at, updated_at)
       SELECT ${titleInsertColumns}, ?, ? FROM temp.new_titles ORDER BY rowid
       RETURNING id, uuid`,
    ).all(nowIso, nowIso) as SavedTitle[];
    stmt(db, 'DELETE FROM temp.new_titles').run();
    const ids = new Map(inserted.map((t) => [t.uuid, t.id]));
    const addIsbn = stmt(db, 'INSERT OR IGNORE INTO title_isbns (isbn, title_id) VALUES (?, ?)');
    const addCopy = stmt(
      db,
      `INSERT INTO items (status, loanable, accession_number, accession_prefix, accession_seq, call_number,
         call_number_key, location, price, acquisition_kind, acquisition_donor, acquisition_date, title_id, barcode,
         created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const saved: SavedTitle[] = [];
    for (const r of this.records) {
      const id = ids.get(r.uuid);
      if (id === undefined) throw new Error(`title ${r.uuid} was not written`);
      for (const isbn of r.bib.isbn) addIsbn.run(isbn, id);
      const copies: CopyRecord[] = [];
      for (const copy of r.copies) {
        // A new copy has no loan here: "on loan" elsewhere (the hub's word) invents none.
        const status: ItemStatus = copy.status === 'on_loan' ? 'available' : copy.status;
        addCopy.run(...copyColumnValues(copy, status), id, copy.barcode, nowIso, nowIso);
        copies.push(storedCopy(copy, status));
      }
      if (!this.options.fromSync) {
        // The event carries the record as stored: several copies in the database's order.
        const stored = copies.length <= 1 ? copies : readCopies(db, id).map(({ id: _id, ...copy }) => copy);
        this.ctx.record('catalog.titleSaved', r.uuid, storedRecord(r, stored));
      }
      saved.push({ id, uuid: r.uuid });
    }
    this.records = [];
    this.barcodes.clear();
    this.accessions.clear();
    this.ctx.emit({ type: 'changed', domain: 'catalog' });
    return saved;
  }
}
