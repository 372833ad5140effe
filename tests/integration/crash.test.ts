import http from 'node:http';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeLibraryBarcode } from '../../shared/barcode';
import { databaseFileName } from '../../electron/core';
import { tempDir } from '../helpers/desk';
import { ensureBuilt, startWebShell, type WebShell } from '../helpers/web-shell';

/**
 * Power-cut safety, approximated by SIGKILL: a checkout the desk has answered
 * 200 to must be in the database after a restart, with its outbox event, and
 * the database must be whole. Three kill cycles on the same data folder.
 */

const READERS = 30; // the contract caps a policy at 100 items per reader: spread the loans
const ITEMS = 2000;
const WORKERS = 4;
const ROUNDS = 3;

interface Ack {
  item: string;
  patron: string;
  loanId: number;
}

let dir: string;
let removeDir: () => void;

beforeAll(() => {
  ensureBuilt();
  ({ dir, remove: removeDir } = tempDir('library-desk-crash-'));
}, 300_000);

afterAll(() => removeDir?.());

async function okData(shell: WebShell, channel: string, input: unknown): Promise<unknown> {
  const answer = await shell.post(channel, input);
  const body = answer.json() as { ok: boolean; data?: unknown; error?: unknown };
  if (answer.status !== 200 || !body.ok) throw new Error(`${channel}: ${answer.status} ${JSON.stringify(body.error)}`);
  return body.data;
}

async function seed(shell: WebShell): Promise<string[]> {
  await okData(shell, 'policies.upsert', {
    patronCategory: '*',
    materialType: '*',
    loanDays: 14,
    maxItems: 100,
    maxRenewals: 2,
    graceDays: 3,
    dailyFee: 0,
  });
  const cards: string[] = [];
  for (let r = 0; r < READERS; r += 1) {
    const patron = (await okData(shell, 'patrons.register', { fullName: `Bạn đọc thử ${r + 1}` })) as {
      cardNumber: string;
    };
    cards.push(patron.cardNumber);
  }
  for (let t = 0; t < ITEMS / 500; t += 1) {
    const copies = Array.from({ length: 500 }, (_, i) => ({ barcode: makeLibraryBarcode(3, 2, t * 500 + i + 1) }));
    await okData(shell, 'catalog.addTitle', { title: `Sách thử ${t + 1}`, copies });
  }
  return cards;
}

interface DbState {
  integrity: string;
  openLoans: Map<string, { patron: string; id: number; uuid: string }>;
  itemStatus: Map<string, string>;
  outbox: { seq: number; type: string; payload: { item?: string; loanId?: string; patron?: string } }[];
}

function readState(): DbState {
  const db = new Database(path.join(dir, databaseFileName), { readonly: true });
  try {
    const integrity = db.pragma('integrity_check', { simple: true }) as string;
    const loans = db
      .prepare(
        `SELECT l.id, l.uuid, i.barcode, p.card_number FROM loans l
         JOIN items i ON i.id = l.item_id JOIN patrons p ON p.id = l.patron_id WHERE l.returned_at IS NULL`,
      )
      .all() as { id: number; uuid: string; barcode: string; card_number: string }[];
    const items = db.prepare('SELECT barcode, status FROM items').all() as { barcode: string; status: string }[];
    const outbox = (
      db.prepare('SELECT device_seq, type, payload FROM outbox ORDER BY device_seq').all() as {
        device_seq: number;
        type: string;
        payload: string;
      }[]
    ).map((r) => ({
      seq: r.device_seq,
      type: r.type,
      payload: JSON.parse(r.payload) as DbState['outbox'][0]['payload'],
    }));
    return {
      integrity,
      openLoans: new Map(loans.map((l) => [l.barcode, { patron: l.card_number, id: l.id, uuid: l.uuid }])),
      itemStatus: new Map(items.map((i) => [i.barcode, i.status])),
      outbox,
    };
  } finally {
    db.close();
  }
}

/**
 * Stream checkouts from several workers at once and SIGKILL the desk after
 * `killAfterMs`. Answers what was acknowledged and what was sent at all.
 */
async function streamAndKill(
  shell: WebShell,
  items: string[],
  cards: string[],
  loansPerCard: Map<string, number>,
  killAfterMs: number,
): Promise<{ acks: Ack[]; sent: Set<string>; refusals: string[] }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: WORKERS });
  const acks: Ack[] = [];
  const sent = new Set<string>();
  const refusals: string[] = [];
  let next = 0;
  let stopped = false;
  let firstAck: () => void = () => undefined;
  const streaming = new Promise<void>((resolve) => {
    firstAck = resolve;
  });
  const pickCard = () => {
    // The reader with the fewest loans, so no one reaches the limit of 100.
    let best = cards[0]!;
    for (const c of cards) if ((loansPerCard.get(c) ?? 0) < (loansPerCard.get(best) ?? 0)) best = c;
    loansPerCard.set(best, (loansPerCard.get(best) ?? 0) + 1);
    return best;
  };
  const worker = async () => {
    while (!stopped && next < items.length) {
      const item = items[next]!;
      next += 1;
      const patron = pickCard();
      sent.add(item);
      try {
        const answer = await shell.post('circulation.checkout', { patron, item }, agent);
        const body = answer.json() as { ok: boolean; data?: { id: number; item: string; patron: string } };
        if (answer.status === 200 && body.ok && body.data) {
          acks.push({ item, patron, loanId: body.data.id });
          firstAck();
        } else refusals.push(`${item}: ${answer.status} ${answer.text}`);
      } catch {
        // The desk died with this request in flight: it may or may not have committed.
        stopped = true;
      }
    }
  };
  const workers = Array.from({ length: WORKERS }, () => worker());
  // The clock starts once checkouts are flowing, so the kill falls mid-stream.
  await Promise.race([streaming, Promise.all(workers)]);
  await new Promise((resolve) => setTimeout(resolve, killAfterMs));
  shell.process.kill('SIGKILL');
  const exit = await shell.exited;
  stopped = true;
  await Promise.all(workers);
  agent.destroy();
  expect(exit.signal).toBe('SIGKILL');
  return { acks, sent, refusals };
}

describe('crash safety', () => {
  it('every acknowledged checkout survives SIGKILL, with its outbox event, three times over', async () => {
    let shell = await startWebShell(dir);
    const cards = await seed(shell);
    const loansPerCard = new Map<string, number>();
    const allAcks: Ack[] = [];
    const allSent = new Set<string>();

    for (let round = 1; round <= ROUNDS; round += 1) {
      const before = readState();
      const available = [...before.itemStatus].filter(([, s]) => s === 'available').map(([b]) => b);
      loansPerCard.clear();
      for (const [, loan] of before.openLoans) loansPerCard.set(loan.patron, (loansPerCard.get(loan.patron) ?? 0) + 1);
      const killAfterMs = 150 + Math.floor(Math.random() * 250);
      const { acks, sent, refusals } = await streamAndKill(shell, available, cards, loansPerCard, killAfterMs);
      expect(refusals, `round ${round}`).toEqual([]);
      expect(acks.length, `round ${round}: only the first checkout before the kill`).toBeGreaterThan(1);
      expect(acks.length, `round ${round}: the stream ran out before the kill`).toBeLessThan(available.length);
      allAcks.push(...acks);
      for (const s of sent) allSent.add(s);

      // Restart on the same folder; the desk must open it, recover the WAL and serve.
      shell = await startWebShell(dir);
      const state = readState();
      expect(state.integrity, `round ${round}`).toBe('ok');

      // Every acknowledged checkout is there, as the loan that was answered.
      for (const ack of allAcks) {
        const loan = state.openLoans.get(ack.item);
        expect(loan, `round ${round}: acknowledged ${ack.item} lost`).toBeDefined();
        expect(loan).toMatchObject({ patron: ack.patron, id: ack.loanId });
      }
      // Nothing was invented: every open loan was asked for.
      for (const item of state.openLoans.keys()) expect(allSent.has(item), item).toBe(true);
      // At most the requests in flight at each kill committed without an answer.
      expect(state.openLoans.size - allAcks.length).toBeLessThanOrEqual(WORKERS * round);

      // Item statuses match the loans.
      for (const [barcode, status] of state.itemStatus)
        expect(status, barcode).toBe(state.openLoans.has(barcode) ? 'on_loan' : 'available');

      // The outbox: gap-free 1..N, exactly one loan.checkedOut per open loan, the same loan.
      expect(state.outbox.map((e) => e.seq)).toEqual(state.outbox.map((_, i) => i + 1));
      const checkedOut = state.outbox.filter((e) => e.type === 'loan.checkedOut');
      expect(checkedOut).toHaveLength(state.openLoans.size);
      const byItem = new Map(checkedOut.map((e) => [e.payload.item!, e.payload]));
      expect(byItem.size).toBe(checkedOut.length);
      for (const [item, loan] of state.openLoans) {
        expect(byItem.get(item), item).toMatchObject({ loanId: loan.uuid, patron: loan.patron });
      }

      // The desk itself agrees: its open loans per reader are the database's.
      let total = 0;
      for (const card of cards) {
        const answer = await shell.post('circulation.loans', { patron: card });
        const loans = (answer.json() as { data: { item: string; patron: string }[] }).data;
        for (const l of loans) expect(state.openLoans.get(l.item)?.patron).toBe(card);
        total += loans.length;
      }
      expect(total).toBe(state.openLoans.size);
    }
    expect(await shell.stop()).toBe(0);
  }, 180_000);
});
