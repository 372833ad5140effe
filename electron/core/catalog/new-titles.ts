import type { BibRecord, CopyRecord, TitleRecord } from '../../../shared/bib';
import type { ItemStatus } from '../../../shared/domain';
import type { Ctx } from '../context';
import { stmt } from '../db/statements';
import { JsonPayload } from '../outbox';
import {
  checkCopies,
  copyColumnValues,
  keptMarcRecord,
  prepareTitleRecord,
  readCopies,
  storedCopy,
  titleColumnValues,
  titleEventHead,
  titleInsertColumns,
  type ParsedTitleRecord,
  type SavedTitle,
  type TitleColumnValue,
} from './store';

const stagedColumns = `${titleInsertColumns}, marc_id`;
const stageSql = `INSERT INTO temp.new_titles (${stagedColumns}) VALUES (${stagedColumns.replace(/\w+/gu, '?')})`;
const utf8 = new TextEncoder();

/**
 * A new title ready for `NewTitleBatch.addPrepared`, made by `prepareNewTitle`
 * (for an import, on its reader thread). Plain data, so it crosses threads by
 * structured clone; the bulk of a title, its MARCXML and its outbox event, is
 * UTF-8 bytes that go to SQLite as they are, so the desk's thread neither
 * copies nor converts them.
 */
export interface PreparedTitle {
  uuid: string;
  bib: BibRecord;
  copies: CopyRecord[];
  columns: TitleColumnValue[];
  /** The MARC record to keep (MARCXML, UTF-8), or null. */
  marcxml: Uint8Array | null;
  /**
   * The catalog.titleSaved payload up to its copies (`titleEventHead`), UTF-8,
   * its marcxml null (the event names the kept record); null when no event is written (sync).
   */
  eventHead: Uint8Array | null;
}

/** A record `prepareTitleRecord` made, ready for the batch; `event`: its outbox event will be written. */
export function prepareNewTitle(r: TitleRecord, options: { event: boolean }): PreparedTitle {
  return {
    uuid: r.uuid,
    bib: r.bib,
    copies: r.copies,
    columns: titleColumnValues(r),
    marcxml: r.marcxml === null ? null : utf8.encode(r.marcxml),
    eventHead: options.event ? utf8.encode(titleEventHead({ ...r, marcxml: null })) : null,
  };
}

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
  /** The titles taken, each with its kept MARC record. */
  private titles: { title: PreparedTitle; marc: number | null }[] = [];
  private readonly barcodes = new Set<string>();
  private readonly accessions = new Set<string>();

  constructor(
    private readonly ctx: Ctx,
    private readonly options: { fromSync: boolean },
  ) {
    // Columns without a type: values are kept as bound, as the titles table gets them from the store.
    ctx.db.exec(`CREATE TEMP TABLE IF NOT EXISTS new_titles (${stagedColumns})`);
  }

  get size(): number {
    return this.titles.length;
  }

  /**
   * Check a new title (a fresh uuid when it has none) and take it into the
   * batch; the record as it will be stored. A DeskRefusal when refused.
   */
  add(record: ParsedTitleRecord): TitleRecord {
    const r = prepareTitleRecord(record);
    this.addPrepared(prepareNewTitle(r, { event: !this.options.fromSync }));
    return r;
  }

  /** `add` for a title `prepareNewTitle` made (the import makes it on its reader thread). */
  addPrepared(t: PreparedTitle): void {
    if ((t.eventHead === null) !== this.options.fromSync)
      throw new Error(this.options.fromSync ? 'a pulled title has no event' : 'a new title needs its event');
    checkCopies(this.ctx.db, null, t.copies, { barcodes: this.barcodes, accessions: this.accessions });
    // Checked: only now is anything written (a refused title leaves nothing behind).
    const marc = t.marcxml === null ? null : keptMarcRecord(this.ctx.db, null, t.marcxml);
    stmt(this.ctx.db, stageSql).run(...t.columns, t.uuid, marc);
    this.titles.push({ title: t, marc });
    for (const copy of t.copies) {
      this.barcodes.add(copy.barcode);
      if (copy.accessionNumber !== null) this.accessions.add(copy.accessionNumber);
    }
  }

  /** Write what the batch holds (in the caller's transaction) and empty it: the titles written, in order. */
  flush(): SavedTitle[] {
    if (this.titles.length === 0) return [];
    const { db, nowIso } = this.ctx;
    const inserted = stmt(
      db,
      `INSERT INTO titles (${stagedColumns}, created_at, updated_at)
       SELECT ${stagedColumns}, ?, ? FROM temp.new_titles ORDER BY rowid
       RETURNING id, uuid`,
    ).all(nowIso, nowIso) as SavedTitle[];
    stmt(db, 'DELETE FROM temp.new_titles').run();
    const ids = new Map(inserted.map((t) => [t.uuid, t.id]));
    // Each title's ISBNs, from the list just stored with it: one statement for the batch.
    stmt(
      db,
      `INSERT OR IGNORE INTO title_isbns (isbn, title_id)
       SELECT isbn.value, t.id FROM titles t, json_each(t.isbn) isbn WHERE t.id IN (SELECT value FROM json_each(?))`,
    ).run(JSON.stringify(inserted.map((t) => t.id)));
    const addCopy = stmt(
      db,
      `INSERT INTO items (status, loanable, accession_number, accession_prefix, accession_seq, call_number,
         call_number_key, location, price, acquisition_kind, acquisition_donor, acquisition_date, title_id, barcode,
         created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const saved: SavedTitle[] = [];
    for (const { title: t, marc } of this.titles) {
      const id = ids.get(t.uuid);
      if (id === undefined) throw new Error(`title ${t.uuid} was not written`);
      const copies: CopyRecord[] = [];
      for (const copy of t.copies) {
        // A new copy has no loan here: "on loan" elsewhere (the hub's word) invents none.
        const status: ItemStatus = copy.status === 'on_loan' ? 'available' : copy.status;
        addCopy.run(...copyColumnValues(copy, status), id, copy.barcode, nowIso, nowIso);
        copies.push(storedCopy(copy, status));
      }
      if (t.eventHead !== null) {
        // The event carries the record as stored: several copies in the database's order.
        const stored = copies.length <= 1 ? copies : readCopies(db, id).map(({ id: _id, ...copy }) => copy);
        const payload = Buffer.concat([t.eventHead, Buffer.from(`${JSON.stringify(stored)}}`)]);
        this.ctx.record('catalog.titleSaved', t.uuid, new JsonPayload(payload), marc);
      }
      saved.push({ id, uuid: t.uuid });
    }
    this.titles = [];
    this.barcodes.clear();
    this.accessions.clear();
    this.ctx.emit({ type: 'changed', domain: 'catalog' });
    return saved;
  }
}
