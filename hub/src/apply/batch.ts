import type { Queryable } from '../db/adapter';
import { planLoanRun, type LoanRow, type LoanRunPlan } from './loan-run';
import type { PreparedEvent } from './prepare';

/** Applies a batch's prepared events (already inserted into `events`), in order. */
export type BatchApplier = (
  tx: Queryable,
  libraryId: string,
  deviceId: string,
  events: PreparedEvent[],
) => Promise<void>;

/** Every event through the rules one by one (hub_apply_batch in db/apply-functions.ts). */
export const applyOneByOne: BatchApplier = async (tx, libraryId, deviceId, events) => {
  // 'store' and 'noop' change nothing (the push inserted them with their outcome).
  const effective = events.filter((e) => e.rule !== 'store' && e.rule !== 'noop');
  if (effective.length > 0)
    await tx.query('SELECT hub_apply_batch($1, $2, $3::jsonb)', [libraryId, deviceId, JSON.stringify(effective)]);
};

const loanRules = new Set<PreparedEvent['rule']>(['checkout', 'return', 'renew']);
/**
 * Rules that change nothing the loan rules read (whether a copy or a reader
 * exists, whether the reader is blocked, the loans): they can wait for the end
 * of a run of loan events. Registrations, blocks, erasures and titles cannot.
 */
const besideLoans = new Set<PreparedEvent['rule']>(['store', 'noop', 'invalid', 'updated', 'cardRenewed', 'consent']);

async function readState(tx: Queryable, libraryId: string, run: PreparedEvent[]) {
  const items = new Set<string>();
  const loanIds = new Set<string>();
  const cards = new Set<string>();
  for (const event of run) {
    const p = event.p as { item: string; loanId?: string | null; patron?: string | null };
    items.add(p.item);
    if (event.rule !== 'checkout') continue;
    if (p.loanId) loanIds.add(p.loanId);
    if (p.patron) cards.add(p.patron);
  }
  const columns = `id, loan_uuid, barcode, card_number, (extract(epoch FROM loaned_at) * 1000000)::bigint AS loaned_us,
                   due_on, renewals, closed_at IS NULL AS open`;
  // The open loans of the run's items are what its fast steps write: locked as the rules lock them.
  const open = await tx.query<LoanRow>(
    `SELECT ${columns} FROM loans WHERE library_id = $1 AND barcode = ANY($2::text[]) AND closed_at IS NULL FOR UPDATE`,
    [libraryId, [...items]],
  );
  // Whether a checkout's loan id is already taken. (A return or renewal is a clean step only on
  // its item's open loan, read above; any other loan it names makes it, and that loan, slow.)
  // One index probe per id (LATERAL … LIMIT 1), whatever the planner's statistics say.
  const named = await tx.query<LoanRow>(
    `SELECT l.* FROM unnest($2::text[]) AS u(ref)
       CROSS JOIN LATERAL (SELECT ${columns} FROM loans WHERE library_id = $1 AND loan_uuid = u.ref LIMIT 1) l`,
    [libraryId, [...loanIds]],
  );
  const seen = new Set(open.rows.map((l) => l.id));
  const loans = { rows: [...open.rows, ...named.rows.filter((l) => !seen.has(l.id))] };
  const copies = await tx.query<{ barcode: string; status: string }>(
    `SELECT barcode, status FROM copies WHERE library_id = $1 AND barcode = ANY($2::text[])`,
    [libraryId, [...items]],
  );
  const patrons = await tx.query<{ card_number: string; blocked: boolean }>(
    `SELECT card_number, blocked FROM patrons WHERE library_id = $1 AND card_number = ANY($2::text[])`,
    [libraryId, [...cards]],
  );
  return {
    loans: loans.rows,
    copies: new Map(copies.rows.map((r) => [r.barcode, r.status])),
    patrons: new Map(patrons.rows.map((r) => [r.card_number, r.blocked])),
  };
}

async function writePlan(tx: Queryable, libraryId: string, deviceId: string, plan: LoanRunPlan): Promise<void> {
  // Closing a loan first frees its item for the next loan (one open loan per item).
  if (plan.updates.length > 0)
    await tx.query(
      `UPDATE loans l SET due_on = r.due_on, renewals = r.renewals, closed_at = r.closed_at, closed_as = r.closed_as
         FROM jsonb_to_recordset($1::jsonb) AS r(id bigint, due_on text, renewals integer, closed_at timestamptz,
              closed_as text)
        WHERE l.id = r.id`,
      [JSON.stringify(plan.updates)],
    );
  if (plan.inserts.length > 0)
    await tx.query(
      `INSERT INTO loans (library_id, loan_uuid, barcode, card_number, device_id, device_seq, loaned_at, due_on,
                          renewals, closed_at, closed_as)
       SELECT $1, r.loan_uuid, r.barcode, r.card_number, $2, r.device_seq, r.loaned_at, r.due_on, r.renewals,
              r.closed_at, r.closed_as
         FROM jsonb_to_recordset($3::jsonb) AS r(loan_uuid text, barcode text, card_number text, device_seq bigint,
              loaned_at timestamptz, due_on text, renewals integer, closed_at timestamptz, closed_as text)
        ORDER BY r.device_seq`,
      [libraryId, deviceId, JSON.stringify(plan.inserts)],
    );
  if (plan.statuses.length > 0)
    await tx.query(
      `UPDATE copies c SET status = r.status
         FROM jsonb_to_recordset($2::jsonb) AS r(barcode text, status text)
        WHERE c.library_id = $1 AND c.barcode = r.barcode AND c.status IS DISTINCT FROM r.status`,
      [libraryId, JSON.stringify(plan.statuses)],
    );
  if (plan.logged.length > 0)
    await tx.query(`INSERT INTO change_log (library_id, kind, ref) SELECT $1, 'copy', unnest($2::text[])`, [
      libraryId,
      plan.logged,
    ]);
}

/**
 * A run of registrations in a row: inserted in one statement, in sequence
 * order; a card already taken (at the hub, or earlier in the run) is not
 * inserted. Answers the events left to the rules, which raise
 * duplicate_registration for them.
 */
async function registerRun(tx: Queryable, libraryId: string, deviceId: string, run: PreparedEvent[]) {
  const inserted = await tx.query<{ card_number: string }>(
    `WITH added AS (
       INSERT INTO patrons (library_id, card_number, full_name, category, expires_on, blocked, home_device_id, details,
                            registered_at)
       SELECT $1, e.p->>'cardNumber', e.p->>'fullName', e.p->>'category', e.p->>'expiresOn',
              (e.p->>'blocked')::boolean, $2, COALESCE(e.p->'details', '{}'::jsonb), (e.at)::timestamptz
         FROM jsonb_to_recordset($3::jsonb) AS e(seq bigint, p jsonb, at text)
        ORDER BY e.seq
       ON CONFLICT (library_id, card_number) DO NOTHING
       RETURNING card_number)
     INSERT INTO change_log (library_id, kind, ref) SELECT $1, 'patron', card_number FROM added RETURNING ref AS card_number`,
    [libraryId, deviceId, JSON.stringify(run.map((e) => ({ seq: e.seq, p: e.p, at: e.at })))],
  );
  const added = new Set(inserted.rows.map((r) => r.card_number));
  // The first registration of each added card is the one inserted (rows go in sequence order).
  return run.filter((e) => !added.delete((e.p as { cardNumber: string }).cardNumber));
}

/**
 * Applies a batch with the same result as applyOneByOne, faster: the batch is
 * cut into runs of loan events (with the events beside them that change
 * nothing the loan rules read); in each run, the items whose events are clean
 * steps are written set-based (apply/loan-run.ts) and the rest go to the rules
 * one by one, in order. Registrations in a row are inserted together; blocks,
 * erasures and titles go to the rules between the runs, where they fall.
 */
export const applyBatch: BatchApplier = async (tx, libraryId, deviceId, events) => {
  let queued: PreparedEvent[] = [];
  const flush = async () => {
    await applyOneByOne(tx, libraryId, deviceId, queued);
    queued = [];
  };
  let i = 0;
  while (i < events.length) {
    const event = events[i]!;
    if (event.rule === 'registered') {
      let end = i;
      while (end < events.length && events[end]!.rule === 'registered') end += 1;
      await flush();
      queued.push(...(await registerRun(tx, libraryId, deviceId, events.slice(i, end))));
      i = end;
      continue;
    }
    if (!loanRules.has(event.rule) && !besideLoans.has(event.rule)) {
      queued.push(event);
      i += 1;
      continue;
    }
    let end = i;
    while (end < events.length && (loanRules.has(events[end]!.rule) || besideLoans.has(events[end]!.rule))) end += 1;
    const segment = events.slice(i, end);
    i = end;
    const run = segment.filter((e) => loanRules.has(e.rule));
    if (run.length === 0) {
      queued.push(...segment);
      continue;
    }
    await flush();
    const plan = planLoanRun(run, await readState(tx, libraryId, run));
    await writePlan(tx, libraryId, deviceId, plan);
    queued.push(...segment.filter((e) => !loanRules.has(e.rule) || plan.slow.has(e.seq)));
  }
  await flush();
};
