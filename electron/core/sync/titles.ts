import { isDeepStrictEqual } from 'node:util';
import type { Database } from 'better-sqlite3';
import type { CopyRecord, TitleRecord } from '../../../shared/bib';
import { findTitleByUuid, normaliseRecord, readTitleRecord, saveParsedTitle } from '../catalog/store';
import { auditLine, type Ctx } from '../context';
import { readSettings } from '../settings-store';

/**
 * The context the catalogue's store gets for a pulled change: the database in
 * the page's transaction, and a `record` that refuses, so that nothing pulled
 * can ever append an outbox event (saveTitle is called with `fromSync` and
 * does not call it; this makes sure of it).
 */
export function syncCtx(db: Database, deviceId: string, now: Date, nowIso: string): Ctx {
  return {
    db,
    deviceId,
    settings: readSettings(db),
    now,
    today: nowIso.slice(0, 10),
    nowIso,
    t: (key) => key,
    record: (type) => {
      throw new Error(`a pulled change tried to append an outbox event (${type})`);
    },
    audit: (action, subject, details) => auditLine(db, nowIso, 'sync', action, subject, details),
    afterCommit: () => undefined,
    emit: () => undefined,
  };
}

/**
 * A title from the hub, through the catalogue's store (keyed by its uuid), without an outbox event.
 * The record was parsed with the protocol's schema when the page arrived: not parsed again.
 * A title this desk holds already, exactly as it reads back, is left alone (a desk enrolled again
 * pulls the whole catalogue once more); any difference, however small, goes through the store.
 */
export function applyTitle(ctx: Ctx, record: TitleRecord): void {
  if (unchanged(ctx.db, record)) return;
  saveParsedTitle(ctx, record, { fromSync: true });
}

function unchanged(db: Database, record: TitleRecord): boolean {
  const known = findTitleByUuid(db, record.uuid);
  if (!known) return false;
  let incoming: TitleRecord;
  try {
    incoming = normaliseRecord(record);
  } catch {
    return false; // the store refuses it, with its reason
  }
  return isDeepStrictEqual(readTitleRecord(db, known.id), incoming);
}

/** A copy the hub knows and this desk does not yet, of a title it does: added through the store. */
export function addPulledCopy(ctx: Ctx, titleUuid: string, copy: CopyRecord): boolean {
  const title = findTitleByUuid(ctx.db, titleUuid);
  if (!title) return false;
  const record = readTitleRecord(ctx.db, title.id);
  if (!record) return false;
  saveParsedTitle(ctx, { ...record, copies: [...record.copies, copy] }, { fromSync: true });
  return true;
}
