import type { Database } from 'better-sqlite3';
import type { CopyRecord } from '../../../shared/bib';
import type { PullChange, PullResponse } from '../../../shared/sync-protocol';
import { collationKey, foldText } from '../../../shared/text';
import { auditLine, type Ctx } from '../context';
import { stmt } from '../db/statements';
import { eraseReaderRow } from '../services/privacy';
import { PulledTitleBatch } from './bulk-titles';
import { cacheException } from './state';
import { addPulledCopy, applyTitle } from './titles';

/**
 * Applying what the hub sends down. Pulled changes are the hub's, not this
 * desk's: nothing here appends to the outbox (it would travel back up as a
 * change made here). Each page and its cursor are applied in one transaction
 * by `applyPage`; a change that cannot be applied is skipped (savepoint rolled
 * back, an audit line says why) so that one bad record cannot wedge the pull.
 */
export interface ApplyContext {
  db: Database;
  deviceId: string;
  nowIso: string;
  /** For the catalogue's store (electron/core/catalog/store.ts): see titles.ts, syncCtx. */
  ctx: Ctx;
}

export interface PageOutcome {
  applied: number;
  skipped: number;
}

type RegistryPatron = Extract<PullChange, { kind: 'patron' }>['patron'];

interface LocalPatron {
  id: number;
  home_device_id: string | null;
  erased_at: string | null;
}

function applyPatron(a: ApplyContext, p: RegistryPatron): void {
  const local = stmt(a.db, 'SELECT id, home_device_id, erased_at FROM patrons WHERE card_number = ?').get(
    p.cardNumber,
  ) as LocalPatron | undefined;
  // This desk's own readers: their home is here, their changes go up through
  // the outbox, and what comes back is never newer than what the desk holds.
  if (p.homeDeviceId === a.deviceId) return;
  if (local && local.home_device_id === null) return;
  if (p.erased) {
    if (local && local.erased_at === null) eraseReaderRow(a.db, local.id, p.cardNumber, a.nowIso);
    return;
  }
  if (local?.erased_at) return; // erased stays erased: a stale page cannot bring a name back
  const name = p.fullName.normalize('NFC');
  // The registry's columns, in the order both statements name them.
  const values = [
    name,
    foldText(name),
    collationKey(name),
    p.category,
    p.expiresOn,
    p.blocked ? 1 : 0,
    p.blockReason,
    p.homeDeviceId,
  ];
  if (local) {
    stmt(
      a.db,
      `UPDATE patrons SET full_name = ?, name_folded = ?, sort_key = ?, category = ?, expires_on = ?, blocked = ?,
         block_reason = ?, home_device_id = ?, updated_at = ? WHERE id = ?`,
    ).run(...values, a.nowIso, local.id);
  } else {
    stmt(
      a.db,
      `INSERT INTO patrons (card_number, full_name, name_folded, sort_key, category, expires_on, blocked, block_reason,
         home_device_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(p.cardNumber, ...values, a.nowIso, a.nowIso);
  }
}

/**
 * A copy's status as the hub knows it. Circulation here owns "on loan": a loan
 * open at this desk is not closed by the hub's older word, and the hub's
 * "on loan" (lent at another desk) does not invent a loan here.
 */
function applyCopy(a: ApplyContext, titleUuid: string, copy: CopyRecord): void {
  const item = stmt(a.db, 'SELECT id FROM items WHERE barcode = ?').get(copy.barcode) as { id: number } | undefined;
  if (!item) {
    addPulledCopy(a.ctx, titleUuid, copy);
    return;
  }
  const open = stmt(a.db, 'SELECT 1 FROM loans WHERE item_id = ? AND returned_at IS NULL').get(item.id);
  const status = open || copy.status === 'on_loan' ? null : copy.status;
  stmt(a.db, 'UPDATE items SET status = COALESCE(?, status), loanable = ?, updated_at = ? WHERE id = ?').run(
    status,
    copy.loanable ? 1 : 0,
    a.nowIso,
    item.id,
  );
}

function applyChange(a: ApplyContext, change: PullChange): void {
  switch (change.kind) {
    case 'patron':
      return applyPatron(a, change.patron);
    case 'title':
      return applyTitle(a.ctx, change.title);
    case 'copy':
      return applyCopy(a, change.titleUuid, change.copy);
    case 'exception':
      return cacheException(a.db, change.exception);
  }
}

/**
 * The page's changes in order; runs of titles new to this desk are written
 * together (bulk-titles.ts), everything else one change at a time.
 */
function applyInOrder(a: ApplyContext, changes: PullChange[]): void {
  const batch = new PulledTitleBatch(a.ctx);
  for (const change of changes) {
    if (change.kind === 'title' && batch.add(change.title)) continue;
    batch.flush();
    applyChange(a, change);
  }
  batch.flush();
}

const subjectOf = (change: PullChange): string =>
  change.kind === 'patron'
    ? change.patron.cardNumber
    : change.kind === 'title'
      ? change.title.uuid
      : change.kind === 'copy'
        ? change.copy.barcode
        : change.exception.id;

function applyOneByOne(a: ApplyContext, changes: PullChange[], outcome: PageOutcome): void {
  for (const change of changes) {
    try {
      // A savepoint per change: a refusal undoes that change only.
      a.db.transaction(() => applyChange(a, change))();
      outcome.applied += 1;
    } catch (error) {
      outcome.skipped += 1;
      auditLine(a.db, a.nowIso, 'sync', 'sync.skipped', subjectOf(change), {
        kind: change.kind,
        reason: error instanceof Error ? error.message : String(error),
      });
    }
  }
}

/**
 * One page and its cursor, in one transaction: after a crash either both are
 * there or neither. The page is first applied whole (one savepoint, the usual
 * case); if a change in it is refused, that savepoint is rolled back and the
 * page applied again change by change, skipping what is refused.
 */
export function applyPage(a: ApplyContext, page: PullResponse): PageOutcome {
  let outcome: PageOutcome = { applied: 0, skipped: 0 };
  a.db
    .transaction(() => {
      try {
        a.db.transaction(() => applyInOrder(a, page.changes))();
        outcome = { applied: page.changes.length, skipped: 0 };
      } catch {
        outcome = { applied: 0, skipped: 0 };
        applyOneByOne(a, page.changes, outcome);
      }
      stmt(a.db, 'UPDATE sync_state SET pull_cursor = ?, last_pull_at = ? WHERE id = 1').run(page.cursor, a.nowIso);
    })
    .immediate();
  return outcome;
}
