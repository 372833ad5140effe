import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLibrary } from '../../hub/src/admin';
import { applyBatch, applyOneByOne, type BatchApplier } from '../../hub/src/apply/batch';
import type { HubDb } from '../../hub/src/db/adapter';
import { storeBatch } from '../../hub/src/push';
import type { SyncEvent } from '../../shared/sync-protocol';
import { prng, SimDesk } from '../helpers/desk-events';
import { hubTargets, type OpenedHubDb } from '../helpers/hub-db';

/**
 * The set-based apply (clean loan steps written per item, the rest through the
 * rules one by one) must leave the hub exactly as the rules one by one do:
 * the same loans, copies, readers, exceptions (in the same order), event
 * outcomes, and the same rows named in each batch's change log. Three desks
 * share copies and readers; the stream mixes clean lending with conflicts,
 * unknown barcodes and cards, blocks, erasures, renewals, returns without a
 * loan id or with another desk's, malformed payloads and unknown types.
 */
function scenario(deviceIds: string[], seed: number): SimDesk[] {
  const random = prng(seed);
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
  const start = Date.parse('2026-10-01T01:00:00Z');
  const desks = deviceIds.map((id, i) => new SimDesk(id, start + i * 1000, 0, 60_000));
  const items = Array.from({ length: 40 }, (_, i) => `D-${seed}-${i}`);
  for (let t = 0; t < 10; t += 1) desks[0]!.addTitle(`Truyện ${t}`, items.slice(t * 4, t * 4 + 4));
  const readers: string[] = [];
  desks.forEach((desk, d) => {
    for (let r = 0; r < 6; r += 1) {
      readers.push(`R-${seed}-${d}-${r}`);
      desk.register(readers[readers.length - 1]!, `Bạn đọc ${d}.${r}`);
    }
  });
  desks[2]!.register(readers[0]!, 'Trùng thẻ');
  const out = new Map<string, { loanId: string; patron: string }>();
  let late = 0;
  let previous: string | null = null;
  for (let step = 0; step < 900; step += 1) {
    const desk = pick(desks);
    const item = pick(items);
    const roll = random();
    if (roll < 0.01) desk.checkout(`MISREAD-${step}`, pick(readers));
    else if (roll < 0.02) desk.checkout(item, `NOCARD-${step}`);
    else if (roll < 0.03) desk.block(pick(readers), 'Nợ sách');
    else if (roll < 0.04) desk.custom('patron.unblocked', { cardNumber: pick(readers) });
    else if (roll < 0.045) desk.erase(pick(readers));
    else if (roll < 0.05) desk.register(`R-${seed}-late-${(late += 1)}`, 'Bạn đọc mới');
    else if (roll < 0.055) desk.custom('patron.updated', { cardNumber: pick(readers), changes: { phone: '0987' } });
    else if (roll < 0.06) desk.custom('loan.checkedOut', { item });
    else if (roll < 0.065) desk.custom('visit.counted', { at: desk.now() });
    else if (roll < 0.07) desk.addTitle(`Tái bản ${step}`, [item, `NEW-${seed}-${step}`]);
    else if (roll < 0.075) desk.custom('loan.returned', { loanId: null, item, patron: null, returnedAt: desk.now() });
    else if (roll < 0.085 && out.size > 0) {
      // Another item's loan, named at the wrong item: the rules close that loan, wherever it is.
      const [other, loan] = pick([...out.entries()]);
      if (roll < 0.08) desk.custom('loan.renewed', { loanId: loan.loanId, item, dueOn: '2027-03-03' });
      else {
        desk.custom('loan.returned', { loanId: loan.loanId, item, patron: loan.patron, returnedAt: desk.now() });
        out.delete(other);
      }
    } else if (out.has(item)) {
      const loan = out.get(item)!;
      if (roll < 0.2) {
        desk.custom('loan.renewed', { loanId: loan.loanId, item, dueOn: `2027-0${1 + (step % 9)}-01` });
        continue;
      }
      if (roll < 0.25) desk.custom('loan.renewed', { loanId: loan.loanId, item, dueOn: '2027-02-02', renewals: 4 });
      out.delete(item);
      if (roll < 0.3) continue; // taken back without a scan
      if (roll < 0.4) desk.giveBack(item, { loanId: null as unknown as string, patron: loan.patron });
      else if (roll < 0.43) desk.giveBack(item, { loanId: `OTHER-${step}`, patron: loan.patron });
      else desk.giveBack(item, loan);
    } else {
      const event = desk.checkout(item, pick(readers));
      const payload = event.payload as { loanId: string; patron: string };
      if (roll > 0.985)
        payload.loanId = `DUP-${seed}`; // a loan id seen before
      else if (roll > 0.97 && previous) payload.loanId = previous; // the last loan's id again, often in the same batch
      previous = payload.loanId;
      out.set(item, { loanId: payload.loanId, patron: payload.patron });
    }
  }
  return desks;
}

async function snapshot(db: HubDb, libraryId: string) {
  const q = async (sql: string) => (await db.query<Record<string, unknown>>(sql, [libraryId])).rows;
  return {
    loans: await q(`SELECT loan_uuid, barcode, card_number, device_id, device_seq, loaned_at, due_on, renewals,
                           closed_at, closed_as FROM loans WHERE library_id = $1 ORDER BY loan_uuid, device_id, device_seq`),
    copies: await q(
      `SELECT barcode, title_uuid::text, record, status FROM copies WHERE library_id = $1 ORDER BY barcode`,
    ),
    patrons: await q(`SELECT card_number, full_name, category, expires_on, blocked, block_reason, details, erased
                        FROM patrons WHERE library_id = $1 ORDER BY card_number`),
    exceptions: await q(`SELECT id, kind, device_id, device_seq, event_type, subject, message, details
                           FROM exceptions WHERE library_id = $1 ORDER BY id`),
    events: await q(`SELECT device_id, device_seq, outcome, payload, subject_card FROM events
                      WHERE library_id = $1 ORDER BY device_id, device_seq`),
    // Per batch (transaction), which rows it names; the set-based path names a copy once per batch.
    changes: (
      await q(`SELECT string_agg(DISTINCT kind || ' ' || ref, ',' ORDER BY kind || ' ' || ref) AS refs
                 FROM change_log WHERE library_id = $1 GROUP BY txid ORDER BY txid`)
    ).map((r) => r.refs),
  };
}

describe.each(hubTargets)('set-based apply against the rules one by one on $name', (target) => {
  const opened: OpenedHubDb[] = [];

  beforeAll(async () => {
    opened.push(await target.open(), await target.open());
  }, 180_000);
  afterAll(async () => {
    for (const o of opened) await o.dispose();
  });

  it('loans named at another item, a loan id twice in one batch, a card registered twice in a row', async () => {
    const id = 'apply-crafted';
    const hubs = await Promise.all(
      opened.map(async ({ db }, h) => {
        const library = await createLibrary(db, `Thư viện crafted ${h}`);
        await db.query(`INSERT INTO devices (device_id, library_id, name, token_hash) VALUES ($1, $2, $1, $3)`, [
          id,
          library.id,
          `${id} ${h}`,
        ]);
        return { db, libraryId: library.id };
      }),
    );
    const desk = new SimDesk(id);
    desk.addTitle('Vợ chồng A Phủ', ['A', 'B', 'C', 'D']);
    desk.register('r1', 'Lò Thị Mai');
    desk.register('r2', 'Vàng A Sùng');
    desk.register('r1', 'Trùng thẻ'); // in the same run of registrations as the card's first
    const first = desk.checkout('A', 'r1');
    const l1 = (first.payload as { loanId: string }).loanId;
    const cut = [desk.events.length];
    // B's return names A's loan (closed then, at B's time); A's own return comes later and finds it returned.
    desk.custom('loan.returned', { loanId: l1, item: 'B', patron: 'r1', returnedAt: desk.now() });
    desk.giveBack('A');
    cut.push(desk.events.length);
    // One new loan id on two items in one batch: the second is already known when it comes.
    const second = desk.checkout('B', 'r1');
    desk.custom('loan.checkedOut', { ...(second.payload as object), item: 'C', patron: 'r2' });
    // A renewal named at another item renews the loan it names.
    desk.custom('loan.renewed', {
      loanId: (second.payload as { loanId: string }).loanId,
      item: 'D',
      dueOn: '2027-05-05',
    });
    desk.giveBack('B');
    const batches = [desk.events.slice(0, cut[0]), desk.events.slice(cut[0], cut[1]), desk.events.slice(cut[1])];
    for (const events of batches)
      for (const [h, hub] of hubs.entries())
        await storeBatch(
          hub.db,
          { deviceId: id, libraryId: hub.libraryId },
          { deviceId: id, sentAt: new Date().toISOString(), events },
          [applyBatch, applyOneByOne][h],
        );
    const [fast, oneByOne] = await Promise.all([
      snapshot(hubs[0]!.db, hubs[0]!.libraryId),
      snapshot(hubs[1]!.db, hubs[1]!.libraryId),
    ]);
    expect(fast).toEqual(oneByOne);
    expect(oneByOne.exceptions.map((x) => x.kind)).toEqual(['duplicate_registration', 'unapplied']);
    expect(oneByOne.patrons.map((p) => p.full_name)).toEqual(['Lò Thị Mai', 'Vàng A Sùng']);
    expect(oneByOne.loans.map((l) => [l.barcode, l.due_on, l.renewals, l.closed_as]).sort()).toEqual([
      ['A', '2026-12-31', 0, 'returned'],
      ['B', '2027-05-05', 1, 'returned'],
    ]);
  });

  it.each([1, 2, 3, 4])(
    'seed %i: the same hub state after the same batches',
    async (seed) => {
      const ids = ['a', 'b', 'c'].map((d) => `apply-${seed}-${d}`);
      const desks = scenario(ids, seed);
      const hubs = await Promise.all(
        opened.map(async ({ db }, h) => {
          const library = await createLibrary(db, `Thư viện ${seed} ${h}`);
          for (const id of ids)
            await db.query(`INSERT INTO devices (device_id, library_id, name, token_hash) VALUES ($1, $2, $1, $3)`, [
              id,
              library.id,
              `${id} ${h}`,
            ]);
          return { db, libraryId: library.id };
        }),
      );
      const appliers: BatchApplier[] = [applyBatch, applyOneByOne];
      const push = async (i: number, events: SyncEvent[]) => {
        for (const [h, hub] of hubs.entries()) {
          const device = { deviceId: ids[i]!, libraryId: hub.libraryId };
          const request = { deviceId: ids[i]!, sentAt: new Date().toISOString(), events };
          await storeBatch(hub.db, device, request, appliers[h]);
        }
      };
      await push(0, desks[0]!.events.slice(0, 10));
      const next = desks.map((_, i): number => (i === 0 ? 10 : 0));
      const random = prng(seed * 104_729);
      while (next.some((n, i) => n < desks[i]!.events.length)) {
        const i = Math.floor(random() * desks.length);
        const events = desks[i]!.events;
        if (next[i]! >= events.length) continue;
        const size = 1 + Math.floor(random() * (random() < 0.2 ? 300 : 40));
        // Now and then a batch is sent again with the next one (a retry): its first events are duplicates.
        const from = random() < 0.1 ? Math.max(0, next[i]! - 5) : next[i]!;
        await push(i, events.slice(from, next[i]! + size));
        next[i] = Math.min(events.length, next[i]! + size);
      }
      const [fast, oneByOne] = await Promise.all([
        snapshot(hubs[0]!.db, hubs[0]!.libraryId),
        snapshot(hubs[1]!.db, hubs[1]!.libraryId),
      ]);
      expect(fast).toEqual(oneByOne);
      // The stream reached the interesting cases.
      expect(new Set(oneByOne.exceptions.map((x) => x.kind))).toEqual(
        new Set([
          'blocked_patron_loan',
          'duplicate_registration',
          'loan_conflict',
          'return_without_loan',
          'unapplied',
          'unknown_item',
          'unknown_patron',
        ]),
      );
      expect(oneByOne.loans.filter((l) => l.closed_as === 'returned').length).toBeGreaterThan(100);
    },
    300_000,
  );
});
