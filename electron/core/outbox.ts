import { uuidv7 } from './uuid7';
import type { Database } from 'better-sqlite3';
import { formatHlc, parseHlc, tickHlc, type HlcState } from './hlc';
import { stmt } from './db/statements';

export interface OutboxEvent {
  deviceSeq: number;
  eventId: string;
  deviceId: string;
  hlc: string;
  operator: string;
  type: string;
  payload: unknown;
  createdAt: string;
  ackedAt: string | null;
}

/**
 * An event's payload already written as JSON, in UTF-8: appended as it is.
 * For payloads made off the desk's thread (the import's new titles, see
 * catalog/new-titles.ts), which the desk's thread then neither serialises nor
 * converts.
 */
export class JsonPayload {
  constructor(readonly utf8: Uint8Array) {}
}

/**
 * Appends domain events. Must be called inside the transaction that makes the
 * change, so an event exists exactly when its change does. The sequence is
 * gap-free (a trigger holds it); the clock is hybrid-logical.
 */
export class Outbox {
  private hlc: HlcState;
  private readonly insert;

  constructor(
    private readonly db: Database,
    private readonly deviceId: string,
    private readonly now: () => Date,
  ) {
    const last = stmt(db, 'SELECT hlc FROM outbox ORDER BY device_seq DESC LIMIT 1').get() as
      { hlc: string } | undefined;
    this.hlc = last ? parseHlc(last.hlc) : { ms: 0, counter: 0 };
    this.insert = stmt(
      db,
      `INSERT INTO outbox (device_seq, event_id, device_id, hlc, operator, type, payload, created_at, marc_id)
       VALUES ((SELECT COALESCE(MAX(device_seq), 0) + 1 FROM outbox), ?, ?, ?, ?, ?, CAST(? AS TEXT), ?, ?)`,
    );
  }

  /**
   * Append an event. `marcRecord`: the payload's `marcxml` is that kept MARC
   * record (marc_records), shared with the title rather than written again;
   * the payload gives `marcxml: null`, and `read` puts the record's text there.
   */
  append(type: string, payload: unknown, operator: string, marcRecord: number | null = null): number {
    if (!this.db.inTransaction) throw new Error('outbox events are written in the transaction of their change');
    const now = this.now();
    this.hlc = tickHlc(this.hlc, now.getTime());
    const info = this.insert.run(
      uuidv7(),
      this.deviceId,
      formatHlc(this.hlc, this.deviceId),
      operator,
      type,
      payload instanceof JsonPayload ? payload.utf8 : JSON.stringify(payload),
      now.toISOString(),
      marcRecord,
    );
    return Number(info.lastInsertRowid);
  }

  pending(): number {
    return (stmt(this.db, 'SELECT COUNT(*) AS n FROM outbox WHERE acked_at IS NULL').get() as { n: number }).n;
  }

  /** Events in device order, from `afterSeq` on, with their payloads whole (a kept MARC record put back). */
  read(afterSeq = 0, limit = 1000): OutboxEvent[] {
    const rows = stmt(
      this.db,
      `SELECT o.*, m.marcxml AS marc FROM outbox o LEFT JOIN marc_records m ON m.id = o.marc_id
        WHERE o.device_seq > ? ORDER BY o.device_seq LIMIT ?`,
    ).all(afterSeq, limit) as Record<string, string | number | null>[];
    return rows.map((r) => {
      const payload = JSON.parse(String(r.payload)) as unknown;
      if (r.marc_id !== null) (payload as { marcxml: string }).marcxml = String(r.marc);
      return {
        deviceSeq: Number(r.device_seq),
        eventId: String(r.event_id),
        deviceId: String(r.device_id),
        hlc: String(r.hlc),
        operator: String(r.operator),
        type: String(r.type),
        payload,
        createdAt: String(r.created_at),
        ackedAt: r.acked_at === null ? null : String(r.acked_at),
      };
    });
  }
}
