import type { Database } from 'better-sqlite3';
import type { Settings } from '../../shared/domain';
import type { DeskEvent } from '../../shared/events';
import type { Outbox } from './outbox';
import { stmt } from './db/statements';

/** What a handler gets: the database inside its transaction, and the desk's facilities. */
export interface Ctx {
  db: Database;
  deviceId: string;
  settings: Settings;
  now: Date;
  /** Today in the library's time zone, YYYY-MM-DD. */
  today: string;
  /** Now as ISO 8601 with the library's offset. */
  nowIso: string;
  t: (key: string, params?: Record<string, string | number>) => string;
  /**
   * Append a domain event to the outbox and a line to the audit log, in this
   * transaction. `marcRecord`: the payload's marcxml is that kept MARC record
   * (see `Outbox.append`).
   */
  record: (type: string, subject: string, payload: object, marcRecord?: number | null) => void;
  /** A line in the audit log only (views, settings). */
  audit: (action: string, subject: string, details?: Record<string, unknown>) => void;
  /** Work that must follow the commit (it cannot run inside the transaction). */
  afterCommit: (work: () => void) => void;
  /** Pushed to the shells once the transaction has committed. */
  emit: (event: DeskEvent) => void;
}

export interface CtxDeps {
  db: Database;
  deviceId: string;
  outbox: Outbox;
}

export function auditLine(
  db: Database,
  at: string,
  operator: string,
  action: string,
  subject: string,
  details?: unknown,
) {
  stmt(db, 'INSERT INTO audit_log (at, operator, action, subject, details) VALUES (?, ?, ?, ?, ?)').run(
    at,
    operator,
    action,
    subject,
    details === undefined ? null : JSON.stringify(details),
  );
}
