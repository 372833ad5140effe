import type { z } from 'zod';
import type { CopyRecord } from '../../shared/bib';
import type { PullChange, pullRequestSchema, PullResponse } from '../../shared/sync-protocol';
import type { Device } from './auth';
import type { Queryable } from './db/adapter';
import { HubError } from './errors';
import {
  exceptionColumns,
  toCopy,
  toException,
  toRegistryPatron,
  toTitle,
  type CopyRow,
  type ExceptionRow,
  type PatronRow,
  type TitleRow,
} from './rows';

interface Cursor {
  txid: string;
  id: number;
}

function parseCursor(cursor: string | null): Cursor {
  if (cursor === null) return { txid: '0', id: 0 };
  const match = /^(\d{1,20}):(\d{1,20})$/u.exec(cursor);
  if (!match) throw new HubError('VALIDATION', 'This pull cursor was not issued by this hub.');
  return { txid: match[1]!, id: Number(match[2]) };
}

interface LogRow {
  id: number;
  txid: string;
  kind: PullChange['kind'];
  ref: string;
}

/**
 * The change log in (txid, id) order, only below the oldest transaction still
 * in progress (pg_snapshot_xmin of the current snapshot). Every transaction
 * that could still add rows has txid ≥ that horizon, and so sorts after every
 * row served: a row committed late (out of id order) is never skipped. A long
 * open transaction delays pulls; it never loses a row.
 */
async function readLog(db: Queryable, libraryId: string, after: Cursor, limit: number): Promise<LogRow[]> {
  const rows = await db.query<LogRow>(
    `SELECT c.id, c.txid::text AS txid, c.kind, c.ref
       FROM change_log c
      WHERE c.library_id = $1
        AND c.txid < pg_snapshot_xmin(pg_current_snapshot())
        AND (c.txid, c.id) > ($2::xid8, $3::bigint)
      ORDER BY c.txid, c.id
      LIMIT $4`,
    [libraryId, after.txid, after.id, limit],
  );
  return rows.rows;
}

async function materialise(db: Queryable, libraryId: string, log: LogRow[]): Promise<PullChange[]> {
  const refs = (kind: LogRow['kind']) => [...new Set(log.filter((r) => r.kind === kind).map((r) => r.ref))];
  const patronRefs = refs('patron');
  const titleRefs = refs('title');
  const copyRefs = refs('copy');
  const exceptionRefs = refs('exception').map(Number);
  const patrons = new Map<string, PatronRow>();
  if (patronRefs.length > 0)
    for (const row of (
      await db.query<PatronRow>(
        `SELECT card_number, full_name, category, expires_on, blocked, block_reason, home_device_id, erased
           FROM patrons WHERE library_id = $1 AND card_number = ANY($2::text[])`,
        [libraryId, patronRefs],
      )
    ).rows)
      patrons.set(row.card_number, row);
  const titles = new Map<string, TitleRow>();
  const copiesOfTitle = new Map<string, CopyRecord[]>();
  if (titleRefs.length > 0) {
    for (const row of (
      await db.query<TitleRow>(
        `SELECT uuid::text AS uuid, bib, marcxml, needs_completion FROM titles
          WHERE library_id = $1 AND uuid = ANY($2::uuid[])`,
        [libraryId, titleRefs],
      )
    ).rows)
      titles.set(row.uuid, row);
    for (const row of (
      await db.query<CopyRow>(
        `SELECT barcode, title_uuid::text AS title_uuid, record, status FROM copies
          WHERE library_id = $1 AND title_uuid = ANY($2::uuid[]) ORDER BY barcode`,
        [libraryId, titleRefs],
      )
    ).rows) {
      const list = copiesOfTitle.get(row.title_uuid) ?? [];
      list.push(toCopy(row));
      copiesOfTitle.set(row.title_uuid, list);
    }
  }
  const copies = new Map<string, CopyRow>();
  if (copyRefs.length > 0)
    for (const row of (
      await db.query<CopyRow>(
        `SELECT barcode, title_uuid::text AS title_uuid, record, status FROM copies
          WHERE library_id = $1 AND barcode = ANY($2::text[])`,
        [libraryId, copyRefs],
      )
    ).rows)
      copies.set(row.barcode, row);
  const exceptions = new Map<string, ExceptionRow>();
  if (exceptionRefs.length > 0)
    for (const row of (
      await db.query<ExceptionRow>(
        `SELECT ${exceptionColumns} FROM exceptions WHERE library_id = $1 AND id = ANY($2::bigint[])`,
        [libraryId, exceptionRefs],
      )
    ).rows)
      exceptions.set(String(row.id), row);

  const changes: PullChange[] = [];
  const seen = new Set<string>();
  for (const entry of log) {
    const key = `${entry.kind} ${entry.ref}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (entry.kind === 'patron') {
      const row = patrons.get(entry.ref);
      if (row) changes.push({ kind: 'patron', patron: toRegistryPatron(row) });
    } else if (entry.kind === 'title') {
      const row = titles.get(entry.ref);
      if (row) changes.push({ kind: 'title', title: toTitle(row, copiesOfTitle.get(row.uuid) ?? []) });
    } else if (entry.kind === 'copy') {
      const row = copies.get(entry.ref);
      if (row) changes.push({ kind: 'copy', titleUuid: row.title_uuid, copy: toCopy(row) });
    } else {
      const row = exceptions.get(entry.ref);
      if (row) changes.push({ kind: 'exception', exception: toException(row) });
    }
  }
  return changes;
}

/** One page of what changed in the device's library system since its cursor, current state of each row. */
export async function pull(
  db: Queryable,
  device: Device,
  request: z.output<typeof pullRequestSchema>,
): Promise<PullResponse> {
  const after = parseCursor(request.cursor);
  const log = await readLog(db, device.libraryId, after, request.limit);
  const last = log[log.length - 1];
  const cursor = last ? `${last.txid}:${last.id}` : `${after.txid}:${after.id}`;
  return { changes: await materialise(db, device.libraryId, log), cursor, more: log.length === request.limit };
}
