import { describe, expect, it } from 'vitest';
import { migrations } from '../../electron/core/db/migrations';
import { migrate } from '../../electron/core/db/open';
import { databaseForEachTest } from '../helpers/migration-db';

const db = databaseForEachTest();

const before7 = Math.max(...migrations.filter((m) => m.version < 7).map((m) => m.version));

describe('migration 7: sync with the hub', () => {
  it('adds one sync_state row, the exceptions cache, the readers’ home desk, and keeps readers already there as this desk’s own', () => {
    migrate(db(), before7);
    db()
      .prepare(
        `INSERT INTO patrons (card_number, full_name, name_folded, category, expires_on, created_at, updated_at)
       VALUES ('20001000000012', 'Lò Văn Đức', 'lo van duc', 'adult', '2027-01-01', 'x', 'x')`,
      )
      .run();
    expect(migrate(db(), 7)).toBe(7);
    expect(db().prepare('SELECT * FROM sync_state').all()).toEqual([
      {
        id: 1,
        hub_url: null,
        device_token: null,
        hub_id: null,
        library_id: null,
        library_name: null,
        enrolled_at: null,
        acked_through: 0,
        pull_cursor: null,
        last_push_at: null,
        last_pull_at: null,
        last_error: null,
        last_error_at: null,
      },
    ]);
    // One row only.
    expect(() => db().prepare('INSERT INTO sync_state (id) VALUES (2)').run()).toThrow(/CHECK/u);
    expect(db().prepare('SELECT home_device_id FROM patrons').get()).toEqual({ home_device_id: null });
    expect(() =>
      db()
        .prepare(
          `INSERT INTO sync_exceptions (id, kind, status, device_id, device_seq, event_type, message, raised_at)
           VALUES ('e1', 'loan_conflict', 'pending', 'd', 1, 't', 'm', 'x')`,
        )
        .run(),
    ).toThrow(/CHECK/u);
  });

  it('the worker’s read of what is not acknowledged uses its index; acknowledging is the one update the outbox takes, once', () => {
    migrate(db(), 7);
    const plan = (
      db().prepare('EXPLAIN QUERY PLAN SELECT COUNT(*) FROM outbox WHERE acked_at IS NULL').all() as {
        detail: string;
      }[]
    )
      .map((p) => p.detail)
      .join(' ');
    expect(plan).toMatch(/outbox_unacked/u);
    db()
      .prepare(
        `INSERT INTO outbox (device_seq, event_id, device_id, hlc, operator, type, payload, created_at)
       VALUES (1, 'e', 'd', 'h', 'o', 't', '{}', 'x')`,
      )
      .run();
    db().prepare("UPDATE outbox SET acked_at = '2026-11-26T15:00:00+07:00' WHERE device_seq = 1").run();
    expect(() => db().prepare("UPDATE outbox SET acked_at = 'later' WHERE device_seq = 1").run()).toThrow(
      /only acknowledged/u,
    );
  });
});
