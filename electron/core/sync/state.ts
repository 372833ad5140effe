import type { Database } from 'better-sqlite3';
import type { SyncStatus } from '../../../shared/contract/sync';
import type { SyncException } from '../../../shared/sync-protocol';
import { stmt } from '../db/statements';

/** The one sync_state row (migration 7). The token is read here and nowhere else. */
export interface SyncStateRow {
  hub_url: string | null;
  device_token: string | null;
  hub_id: string | null;
  library_id: string | null;
  library_name: string | null;
  enrolled_at: string | null;
  acked_through: number;
  pull_cursor: string | null;
  last_push_at: string | null;
  last_pull_at: string | null;
  last_error: string | null;
  last_error_at: string | null;
}

export function readSyncState(db: Database): SyncStateRow {
  return stmt(db, 'SELECT * FROM sync_state WHERE id = 1').get() as SyncStateRow;
}

export interface Enrolment {
  hubUrl: string;
  deviceToken: string;
  hubId: string;
  libraryId: string;
  libraryName: string;
  at: string;
}

/**
 * A new enrolment starts from nothing at the hub's side: what the hub stores
 * will be learnt from its storedThrough, and the pull starts over.
 */
export function writeEnrolment(db: Database, e: Enrolment): void {
  stmt(
    db,
    `UPDATE sync_state SET hub_url = ?, device_token = ?, hub_id = ?, library_id = ?, library_name = ?, enrolled_at = ?,
       acked_through = 0, pull_cursor = NULL, last_error = NULL, last_error_at = NULL WHERE id = 1`,
  ).run(e.hubUrl, e.deviceToken, e.hubId, e.libraryId, e.libraryName, e.at);
}

/**
 * The hub stores everything up to `storedThrough`: mark those outbox rows
 * acknowledged (the only update the outbox allows) and remember the figure.
 * It is the hub's word, so it may also move back (a hub restored from a backup).
 */
export function acknowledge(db: Database, storedThrough: number, at: string): void {
  db.transaction(() => {
    stmt(db, 'UPDATE outbox SET acked_at = ? WHERE device_seq <= ? AND acked_at IS NULL').run(at, storedThrough);
    stmt(db, 'UPDATE sync_state SET acked_through = ?, last_push_at = ? WHERE id = 1').run(storedThrough, at);
  }).immediate();
}

export function recordSyncError(db: Database, message: string | null, at: string): void {
  stmt(db, 'UPDATE sync_state SET last_error = ?, last_error_at = ? WHERE id = 1').run(
    message,
    message === null ? null : at,
  );
}

export function pendingEvents(db: Database): number {
  return (stmt(db, 'SELECT COUNT(*) AS n FROM outbox WHERE acked_at IS NULL').get() as { n: number }).n;
}

/** The worker writes "unreachable: …", "refused: CODE …" or "failed: …" (worker.ts, describe). */
function errorKind(message: string | null): SyncStatus['lastErrorKind'] {
  if (message === null) return null;
  const kind = message.slice(0, message.indexOf(':'));
  return kind === 'unreachable' || kind === 'refused' ? kind : 'failed';
}

export interface WorkerView {
  online: boolean | null;
  syncing: boolean;
  nextAttemptAt: string | null;
}

export function syncStatus(db: Database, deviceId: string, view: WorkerView): SyncStatus {
  const s = readSyncState(db);
  const enrolled = s.device_token !== null;
  const open = stmt(db, "SELECT COUNT(*) AS n FROM sync_exceptions WHERE status = 'open'").get() as { n: number };
  // Before the worker has tried (a fresh start), the last round's outcome tells: an error means offline.
  const online = view.online ?? (s.last_error === null && (s.last_push_at !== null || s.last_pull_at !== null));
  return {
    state: !enrolled ? 'never_enrolled' : online ? 'online' : 'offline',
    hubUrl: s.hub_url,
    libraryName: s.library_name,
    deviceId,
    syncing: view.syncing,
    pending: pendingEvents(db),
    ackedThrough: s.acked_through,
    lastPushAt: s.last_push_at,
    lastPullAt: s.last_pull_at,
    lastError: s.last_error,
    lastErrorKind: errorKind(s.last_error),
    lastErrorAt: s.last_error_at,
    nextAttemptAt: view.nextAttemptAt,
    openExceptions: open.n,
  };
}

interface ExceptionRow {
  id: string;
  kind: SyncException['kind'];
  status: SyncException['status'];
  device_id: string;
  device_seq: number;
  event_type: string;
  subject: string | null;
  message: string;
  details: string;
  raised_at: string;
  resolved_at: string | null;
  resolved_by: string | null;
  resolution: string | null;
}

export function cacheException(db: Database, e: SyncException): void {
  stmt(
    db,
    `INSERT INTO sync_exceptions (id, kind, status, device_id, device_seq, event_type, subject, message, details,
       raised_at, resolved_at, resolved_by, resolution)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(id) DO UPDATE SET kind = excluded.kind, status = excluded.status, device_id = excluded.device_id,
       device_seq = excluded.device_seq, event_type = excluded.event_type, subject = excluded.subject,
       message = excluded.message, details = excluded.details, raised_at = excluded.raised_at,
       resolved_at = excluded.resolved_at, resolved_by = excluded.resolved_by, resolution = excluded.resolution`,
  ).run(
    e.id,
    e.kind,
    e.status,
    e.deviceId,
    e.deviceSeq,
    e.eventType,
    e.subject,
    e.message,
    JSON.stringify(e.details),
    e.raisedAt,
    e.resolvedAt,
    e.resolvedBy,
    e.resolution,
  );
}

const toException = (r: ExceptionRow): SyncException => ({
  id: r.id,
  kind: r.kind,
  status: r.status,
  deviceId: r.device_id,
  deviceSeq: r.device_seq,
  eventType: r.event_type,
  subject: r.subject,
  message: r.message,
  details: JSON.parse(r.details) as Record<string, unknown>,
  raisedAt: r.raised_at,
  resolvedAt: r.resolved_at,
  resolvedBy: r.resolved_by,
  resolution: r.resolution,
});

/** Open ones first, each group newest first. */
export function cachedExceptions(db: Database, status: 'open' | 'resolved' | 'all', limit = 500): SyncException[] {
  const rows = stmt(
    db,
    `SELECT * FROM sync_exceptions WHERE (? = 'all' OR status = ?)
     ORDER BY status = 'resolved', raised_at DESC, id LIMIT ?`,
  ).all(status, status, limit) as ExceptionRow[];
  return rows.map(toException);
}
