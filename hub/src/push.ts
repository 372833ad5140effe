import type { z } from 'zod';
import type { pushRequestSchema, PushResponse } from '../../shared/sync-protocol';
import { applyBatch, type BatchApplier } from './apply/batch';
import { subjectCard } from './apply/payloads';
import { prepareEvent } from './apply/prepare';
import type { Device } from './auth';
import type { HubDb } from './db/adapter';
import { HubError } from './errors';

type PushRequest = z.output<typeof pushRequestSchema>;

function parseInstant(text: string): Date | null {
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * Stores a batch and applies its new events in one transaction. The device row
 * is locked first, so two deliveries of the same batch (a retry racing a slow
 * original) run one after the other and the second finds everything stored.
 * A hub that dies after COMMIT and before answering has stored the batch once;
 * the desk's retry is answered as duplicates. `apply` is the rule engine
 * (tests compare the set-based one with the rules one by one).
 */
export async function storeBatch(
  db: HubDb,
  device: Device,
  request: PushRequest,
  apply: BatchApplier = applyBatch,
): Promise<PushResponse> {
  const first = request.events[0]!.deviceSeq;
  request.events.forEach((event, i) => {
    if (event.deviceSeq !== first + i)
      throw new HubError('VALIDATION', `Events must be contiguous in device_seq order (at index ${i}).`);
  });
  return db.transaction(async (tx) => {
    const locked = await tx.query<{ stored_through: number; now: Date }>(
      `SELECT stored_through, now() AS now FROM devices WHERE device_id = $1 AND revoked_at IS NULL FOR UPDATE`,
      [device.deviceId],
    );
    const row = locked.rows[0];
    if (!row) throw new HubError('UNAUTHORIZED', 'Unknown or revoked device token.');
    const storedThrough = row.stored_through;
    const serverTime = row.now;
    if (first > storedThrough + 1)
      throw new HubError(
        'SEQUENCE_GAP',
        `The hub holds this device's events through ${storedThrough}; the batch starts at ${first}.`,
        storedThrough + 1,
      );
    const fresh = request.events.filter((e) => e.deviceSeq > storedThrough);
    const sentAt = parseInstant(request.sentAt);
    const skew = sentAt ? sentAt.getTime() - serverTime.getTime() : null;
    if (fresh.length > 0) {
      const prepared = fresh.map((e) => prepareEvent(device.deviceId, e, serverTime));
      const rows = fresh.map((e, i) => ({
        device_seq: e.deviceSeq,
        event_id: e.eventId,
        hlc: e.hlc,
        operator: e.operator,
        type: e.type,
        payload: e.payload ?? null,
        created_at: e.createdAt,
        occurred_at: parseInstant(e.createdAt)?.toISOString() ?? null,
        subject_card: subjectCard(e.type, e.payload),
        outcome: prepared[i]!.rule === 'store' ? 'stored' : 'applied',
      }));
      await tx.query(
        `INSERT INTO events (device_id, library_id, device_seq, event_id, hlc, operator, type, payload, created_at,
                             occurred_at, subject_card, outcome)
         SELECT $1, $2, r.device_seq, r.event_id, r.hlc, r.operator, r.type, r.payload, r.created_at, r.occurred_at,
                r.subject_card, r.outcome
           FROM jsonb_to_recordset($3::jsonb) AS r(device_seq bigint, event_id uuid, hlc text, operator text, type text,
                payload jsonb, created_at text, occurred_at timestamptz, subject_card text, outcome text)`,
        [device.deviceId, device.libraryId, JSON.stringify(rows)],
      );
      // Clean loan steps set-based, the rest through the rules in the database (apply/batch.ts).
      await apply(tx, device.libraryId, device.deviceId, prepared);
    }
    const through = Math.max(storedThrough, request.events[request.events.length - 1]!.deviceSeq);
    await tx.query(
      `UPDATE devices SET stored_through = $2, last_push_at = $3, clock_skew_ms = $4,
              max_abs_skew_ms = GREATEST(COALESCE(max_abs_skew_ms, 0), abs($4::bigint))
        WHERE device_id = $1`,
      [device.deviceId, through, serverTime, skew],
    );
    return {
      storedThrough: through,
      stored: fresh.length,
      duplicates: request.events.length - fresh.length,
      serverTime: serverTime.toISOString(),
    };
  });
}
