import type { TitleRecord } from '../../../shared/bib';
import { NewTitleBatch } from '../catalog/new-titles';
import { findTitleByUuid } from '../catalog/store';
import type { Ctx } from '../context';
import { DeskRefusal } from '../errors';

/**
 * Titles of a pull page that are new to this desk, written together by the
 * catalogue's `NewTitleBatch` (one INSERT … SELECT into titles, so the FTS5
 * index is written once per page, not once per title).
 *
 * Only what needs no decision is taken: a title whose uuid the desk does not
 * hold, whose copies' barcodes and accession numbers are nowhere in the desk
 * (nor earlier in the batch). Such a title is written exactly as
 * `saveParsedTitle(…, { fromSync: true })` would write it, without an outbox
 * event. Anything else is refused by `add`, and the caller flushes and
 * applies it through the catalogue's store, in page order, which says why.
 */
export class PulledTitleBatch {
  private readonly batch: NewTitleBatch;
  private readonly uuids = new Set<string>();

  constructor(private readonly ctx: Ctx) {
    this.batch = new NewTitleBatch(ctx, { fromSync: true });
  }

  /** Take a new title with new copies into the batch; false (and nothing taken) for anything else. */
  add(record: TitleRecord): boolean {
    // Over the whole-record limits saveParsedTitle validates again with the schema: its path.
    if (record.copies.length > 1000 || (record.marcxml !== null && record.marcxml.length > 200_000)) return false;
    if (this.uuids.has(record.uuid) || findTitleByUuid(this.ctx.db, record.uuid)) return false;
    try {
      this.batch.add(record);
    } catch (error) {
      if (error instanceof DeskRefusal) return false;
      throw error;
    }
    this.uuids.add(record.uuid);
    return true;
  }

  /** Write what the batch holds (in the caller's transaction) and empty it. */
  flush(): void {
    this.batch.flush();
    this.uuids.clear();
  }
}
