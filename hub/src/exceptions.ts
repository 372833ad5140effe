import type { z } from 'zod';
import type { exceptionListRequestSchema, resolveRequestSchema, SyncException } from '../../shared/sync-protocol';
import type { Device } from './auth';
import type { HubDb, Queryable } from './db/adapter';
import { HubError } from './errors';
import { exceptionColumns, toException, type ExceptionRow } from './rows';

/** The library system's exceptions, newest first. */
export async function listExceptions(
  db: Queryable,
  device: Device,
  request: z.output<typeof exceptionListRequestSchema>,
): Promise<SyncException[]> {
  const rows = await db.query<ExceptionRow>(
    `SELECT ${exceptionColumns} FROM exceptions
      WHERE library_id = $1 AND ($2 = 'all' OR status = $2)
      ORDER BY id DESC LIMIT $3`,
    [device.libraryId, request.status, request.limit],
  );
  return rows.rows.map(toException);
}

/** Staff at any desk of the library system resolve an exception; the resolution flows to every desk by pull. */
export async function resolveException(
  db: HubDb,
  device: Device,
  request: z.output<typeof resolveRequestSchema>,
): Promise<SyncException> {
  if (!/^\d{1,18}$/u.test(request.id)) throw new HubError('NOT_FOUND', 'No such exception.');
  return db.transaction(async (tx) => {
    const rows = await tx.query<ExceptionRow>(
      `UPDATE exceptions SET status = 'resolved', resolved_at = now(), resolved_by = $3, resolution = $4
        WHERE library_id = $1 AND id = $2
        RETURNING ${exceptionColumns}`,
      [device.libraryId, request.id, request.operator.normalize('NFC'), request.resolution.normalize('NFC')],
    );
    const row = rows.rows[0];
    if (!row) throw new HubError('NOT_FOUND', 'No such exception in this library system.');
    await tx.query(`INSERT INTO change_log (library_id, kind, ref) VALUES ($1, 'exception', $2)`, [
      device.libraryId,
      String(row.id),
    ]);
    return toException(row);
  });
}
