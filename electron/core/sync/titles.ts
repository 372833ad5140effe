import type { Database } from 'better-sqlite3';
import type { TitleRecord } from '../../../shared/bib';
import { foldText } from '../../../shared/text';
import { stmt } from '../db/statements';

/**
 * A pulled title, applied with the schema-1 catalogue columns only: until the
 * catalogue's store (electron/core/catalog/store.ts, which keys titles by
 * their uuid) is merged, the title is found by one of its copies' barcodes.
 * Writes no outbox event.
 */
export function applyTitleMinimal(db: Database, record: TitleRecord, nowIso: string): void {
  const { bib } = record;
  const folded = foldText([bib.title, ...bib.authors].join(' '));
  let titleId: number | undefined;
  for (const copy of record.copies) {
    const row = stmt(db, 'SELECT title_id FROM items WHERE barcode = ?').get(copy.barcode) as
      { title_id: number } | undefined;
    if (row) {
      titleId = row.title_id;
      break;
    }
  }
  if (titleId === undefined) {
    titleId = Number(
      stmt(
        db,
        `INSERT INTO titles (title, authors, material_type, search_folded, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
      ).run(bib.title, JSON.stringify(bib.authors), bib.materialType, folded, nowIso, nowIso).lastInsertRowid,
    );
  } else {
    stmt(
      db,
      'UPDATE titles SET title = ?, authors = ?, material_type = ?, search_folded = ?, updated_at = ? WHERE id = ?',
    ).run(bib.title, JSON.stringify(bib.authors), bib.materialType, folded, nowIso, titleId);
  }
  for (const copy of record.copies) {
    const item = stmt(db, 'SELECT id FROM items WHERE barcode = ?').get(copy.barcode) as { id: number } | undefined;
    if (item) continue; // a copy's status comes as its own 'copy' change
    stmt(
      db,
      'INSERT INTO items (title_id, barcode, status, loanable, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(titleId, copy.barcode, copy.status, copy.loanable ? 1 : 0, nowIso, nowIso);
  }
}
