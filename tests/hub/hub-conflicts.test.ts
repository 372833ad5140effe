import { describe, expect, it } from 'vitest';
import { appliedEventTypes } from '../../hub/src/apply/prepare';
import { prng, SimDesk } from '../helpers/desk-events';
import { hubTargets } from '../helpers/hub-db';
import { hubForSuite } from '../helpers/hub-suite';
import { libraryWithDesks, postJson } from '../helpers/hub-server';
import { pushAll } from '../helpers/push-client';

/**
 * Three desks of one library system lend and take back the same copies in one
 * shared timeline, each writing its own outbox; some returns are never
 * scanned, some returns happen at another desk, some scans are misreads. The
 * outboxes then reach the hub in a random interleaving of batches (seeded), so
 * the hub sees checkouts before the returns that preceded them, and so on.
 */
function scenario(deviceIds: string[], seed: number) {
  const random = prng(seed);
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
  const start = Date.parse('2026-10-01T01:00:00Z');
  const desks = deviceIds.map((id, i) => new SimDesk(id, start + i * 1000, 0, 3 * 60_000));
  const items = Array.from({ length: 30 }, (_, i) => `X-${seed}-${i}`);
  for (let t = 0; t < 10; t += 1) desks[0]!.addTitle(`Tiểu thuyết ${t}`, items.slice(t * 3, t * 3 + 3));
  const readers: string[] = [];
  desks.forEach((desk, d) => {
    for (let r = 0; r < 8; r += 1) {
      const card = `Y-${seed}-${d}-${r}`;
      readers.push(card);
      desk.register(card, `Bạn đọc ${d}.${r}`);
    }
  });
  desks[1]!.block(readers[9]!, 'Nợ sách');
  desks[2]!.register(readers[0]!, 'Trùng thẻ');
  // Who really holds each item, and the loan the lending desk recorded.
  const out = new Map<string, { loanId: string; patron: string }>();
  for (let step = 0; step < 600; step += 1) {
    const desk = pick(desks);
    const item = pick(items);
    const roll = random();
    if (roll < 0.03) desk.checkout(`MISREAD-${step}`, pick(readers));
    else if (roll < 0.05) desk.checkout(item, `NOCARD-${step}`);
    else if (out.has(item)) {
      const loan = out.get(item)!;
      out.delete(item);
      if (roll < 0.15) continue; // taken back without a scan: the next loan closes it as unverified
      desk.giveBack(item, roll < 0.6 ? loan : { loanId: '', patron: loan.patron });
    } else {
      const event = desk.checkout(item, pick(readers));
      out.set(item, {
        loanId: (event.payload as { loanId: string }).loanId,
        patron: (event.payload as { patron: string }).patron,
      });
    }
  }
  // A return without a loan id is what a desk writes when it did not know the loan.
  for (const desk of desks)
    for (const event of desk.events) {
      const payload = event.payload as { loanId?: string | null };
      if (event.type === 'loan.returned' && payload.loanId === '') payload.loanId = null;
    }
  return desks;
}

describe.each(hubTargets)('conflicting desks on $name', (target) => {
  const suite = hubForSuite(target);

  it.each([1, 2, 3])(
    'random interleaving, seed %i: one open loan per item, every event applied or in exceptions',
    async (seed) => {
      const ids = ['a', 'b', 'c'].map((d) => `conflict-${seed}-${d}`);
      const { desks: enrolled, libraryId } = await libraryWithDesks(
        suite.db,
        suite.hub.url,
        `Xung đột ${target.name} ${seed}`,
        ids,
      );
      const desks = scenario(ids, seed);
      // The catalogue desk syncs first (so the copies exist); then batches from all three, interleaved at random.
      await pushAll({
        url: suite.hub.url,
        deviceId: ids[0]!,
        token: enrolled[0]!.token,
        events: desks[0]!.events.slice(0, 10),
      });
      const next: number[] = desks.map((_, i) => (i === 0 ? 10 : 0));
      const random = prng(seed * 7919);
      while (next.some((n, i) => n < desks[i]!.events.length)) {
        const i = Math.floor(random() * desks.length);
        const events = desks[i]!.events;
        if (next[i]! >= events.length) continue;
        const size = 1 + Math.floor(random() * 25);
        const batch = events.slice(next[i]!, next[i]! + size);
        const answer = await postJson(
          `${suite.hub.url}/v1/push`,
          { deviceId: ids[i], sentAt: new Date().toISOString(), events: batch },
          enrolled[i]!.token,
        );
        expect(answer.status).toBe(200);
        next[i] = next[i]! + batch.length;
      }
      const total = desks.reduce((sum, d) => sum + d.events.length, 0);
      const q = async (sql: string) => (await suite.db.query<Record<string, unknown>>(sql, [libraryId])).rows;

      expect(await q(`SELECT count(*) AS n FROM events WHERE library_id = $1`)).toEqual([{ n: total }]);
      // One open loan per item (the partial unique index holds it; this checks nothing slipped around it).
      expect(
        await q(
          `SELECT barcode FROM loans WHERE library_id = $1 AND closed_at IS NULL GROUP BY barcode HAVING count(*) > 1`,
        ),
      ).toEqual([]);
      // Every event of a known type was applied, or raised an exception that names it.
      expect(
        await q(`SELECT e.device_id, e.device_seq, e.type, e.outcome FROM events e
                WHERE e.library_id = $1 AND NOT (
                  e.outcome = 'applied'
                  OR (e.outcome = 'exception' AND EXISTS (
                        SELECT 1 FROM exceptions x WHERE x.device_id = e.device_id AND x.device_seq = e.device_seq)))`),
      ).toEqual([]);
      expect(appliedEventTypes).toEqual(
        expect.arrayContaining(['loan.checkedOut', 'loan.returned', 'patron.registered']),
      );
      // A copy is on loan exactly when a loan is open.
      expect(
        await q(`SELECT c.barcode, c.status FROM copies c WHERE c.library_id = $1 AND (c.status = 'on_loan') <>
                 EXISTS (SELECT 1 FROM loans l WHERE l.library_id = c.library_id AND l.barcode = c.barcode AND l.closed_at IS NULL)`),
      ).toEqual([]);
      // Every checkout of a known copy to a known reader became a loan.
      const parked = await q(`SELECT count(*) AS n FROM exceptions x JOIN events e USING (device_id, device_seq)
                             WHERE x.library_id = $1 AND e.type = 'loan.checkedOut' AND x.kind IN ('unknown_item', 'unknown_patron')`);
      const checkouts = desks.flatMap((d) => d.events).filter((e) => e.type === 'loan.checkedOut').length;
      expect(await q(`SELECT count(*) AS n FROM loans WHERE library_id = $1`)).toEqual([
        { n: checkouts - Number(parked[0]!.n) },
      ]);
      const kinds = (await q(`SELECT DISTINCT kind FROM exceptions WHERE library_id = $1 ORDER BY kind`)).map(
        (r) => r.kind,
      );
      expect(kinds).toEqual(
        expect.arrayContaining([
          'blocked_patron_loan',
          'duplicate_registration',
          'loan_conflict',
          'unknown_item',
          'unknown_patron',
        ]),
      );
    },
    300_000,
  );
});
