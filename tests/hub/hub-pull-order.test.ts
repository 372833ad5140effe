import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Device } from '../../hub/src/auth';
import type { Queryable } from '../../hub/src/db/adapter';
import { pull } from '../../hub/src/pull';
import { hubTargets, type HubTarget, type OpenedHubDb } from '../helpers/hub-db';
import { libraryWithDesks, startHub, type RunningHub } from '../helpers/hub-server';

/** A reader row and its change-log row, written as the apply functions write them. */
async function registerIn(tx: Queryable, device: Device, card: string): Promise<void> {
  await tx.query(
    `INSERT INTO patrons (library_id, card_number, full_name, category, expires_on, home_device_id)
     VALUES ($1, $2, $3, 'adult', '2027-12-31', $4)`,
    [device.libraryId, card, `Bạn đọc ${card}`, device.deviceId],
  );
  await tx.query(`SELECT hub_log($1, 'patron', $2)`, [device.libraryId, card]);
}

function deferred() {
  let release!: () => void;
  const promise = new Promise<void>((resolve) => (release = resolve));
  return { promise, release };
}

const cards = (page: { changes: { kind: string; patron?: { cardNumber: string } }[] }) =>
  page.changes.flatMap((c) => (c.kind === 'patron' && c.patron ? [c.patron.cardNumber] : []));

const server = hubTargets.find((t) => t.name === 'postgres');
const pglite = hubTargets.find((t) => t.name === 'pglite')!;

function withHub(target: HubTarget) {
  const state = {} as { opened: OpenedHubDb; hub: RunningHub; device: Device };
  beforeAll(async () => {
    state.opened = await target.open();
    state.hub = await startHub(state.opened.db);
    const { desks } = await libraryWithDesks(state.opened.db, state.hub.url, `Thứ tự ${target.name}`, [
      `order-${target.name}`,
    ]);
    state.device = { deviceId: desks[0]!.deviceId, libraryId: desks[0]!.libraryId };
  }, 180_000);
  afterAll(async () => {
    await state.hub?.close();
    await state.opened?.dispose();
  });
  return state;
}

describe.skipIf(!server)('pull cursor on the PostgreSQL server (reason: runs only when DATABASE_URL is set)', () => {
  const state = withHub(server!);

  it('never skips a row whose transaction began first but committed after a later one', async () => {
    const { opened, device } = state;
    const db = opened.db;
    const before = await pull(db, device, { deviceId: device.deviceId, cursor: null, limit: 100 });
    const aHasXid = deferred();
    const bCommitted = deferred();
    // A takes its transaction id first, writes its row last, commits last.
    const a = db.transaction(async (tx) => {
      await tx.query('SELECT pg_current_xact_id()');
      aHasXid.release();
      await bCommitted.promise;
      await registerIn(tx, device, 'LATE-A');
    });
    await aHasXid.promise;
    await db.transaction((tx) => registerIn(tx, device, 'EARLY-B'));
    const ids = await db.query<{ card: string; id: number }>(
      `SELECT ref AS card, id FROM change_log WHERE ref IN ('LATE-A', 'EARLY-B')`,
    );
    expect(ids.rows.map((r) => r.card)).toEqual(['EARLY-B']);
    // B is committed, A still open: nothing at or beyond A's transaction is served yet.
    const during = await pull(db, device, { deviceId: device.deviceId, cursor: before.cursor, limit: 100 });
    expect(cards(during)).toEqual([]);
    bCommitted.release();
    await a;
    const order = await db.query<{ ref: string; id: number }>(
      `SELECT ref, id FROM change_log WHERE ref IN ('LATE-A', 'EARLY-B') ORDER BY id`,
    );
    // A's row has the higher id, yet its transaction is the older: the (txid, id) order serves it first.
    expect(order.rows.map((r) => r.ref)).toEqual(['EARLY-B', 'LATE-A']);
    const after = await pull(db, device, { deviceId: device.deviceId, cursor: during.cursor, limit: 100 });
    expect(cards(after)).toEqual(['LATE-A', 'EARLY-B']);
    const rest = await pull(db, device, { deviceId: device.deviceId, cursor: after.cursor, limit: 100 });
    expect(rest.changes).toEqual([]);
  });

  it('does not skip a row written first, by a transaction that commits after a later row was served', async () => {
    const { opened, device } = state;
    const db = opened.db;
    const start = await pull(db, device, { deviceId: device.deviceId, cursor: null, limit: 1000 });
    const aWrote = deferred();
    const finishA = deferred();
    // A writes (lower id) and stays open; B writes (higher id) and commits: the classic id-cursor skip.
    const a = db.transaction(async (tx) => {
      await registerIn(tx, device, 'SLOW-1');
      aWrote.release();
      await finishA.promise;
    });
    await aWrote.promise;
    await db.transaction((tx) => registerIn(tx, device, 'FAST-2'));
    const during = await pull(db, device, { deviceId: device.deviceId, cursor: start.cursor, limit: 1000 });
    expect(cards(during)).toEqual([]);
    finishA.release();
    await a;
    const after = await pull(db, device, { deviceId: device.deviceId, cursor: during.cursor, limit: 1000 });
    expect(cards(after)).toEqual(['SLOW-1', 'FAST-2']);
  });
});

describe('pull cursor on PGlite', () => {
  const state = withHub(pglite);

  // PGlite is one connection: a transaction runs alone, so no row can commit
  // out of order there. What this shows: a pull waits for an open transaction
  // and then sees its rows.
  it('serialises transactions, so a pull never sees a half-committed order', async () => {
    const { opened, device } = state;
    const db = opened.db;
    const start = await pull(db, device, { deviceId: device.deviceId, cursor: null, limit: 1000 });
    const wrote = deferred();
    const finish = deferred();
    const a = db.transaction(async (tx) => {
      await registerIn(tx, device, 'ONE-CONNECTION');
      wrote.release();
      await finish.promise;
    });
    await wrote.promise;
    let pulled: string[] | null = null;
    const during = pull(db, device, { deviceId: device.deviceId, cursor: start.cursor, limit: 1000 }).then((page) => {
      pulled = cards(page);
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(pulled).toBeNull();
    finish.release();
    await a;
    await during;
    expect(pulled).toEqual(['ONE-CONNECTION']);
  });
});
