import type { PreparedEvent } from './prepare';

/**
 * The fast path for the events a desk sends most: checkouts, returns and
 * renewals that follow each other cleanly on an item (lent when free, given
 * back or renewed on the loan that holds it, to a known reader who is not
 * blocked). Their outcome under the rules of db/apply-functions.ts is a plain
 * `applied` with no exception, and their writes can be folded per item and
 * made with a few set-based statements per batch.
 *
 * Anything else on an item (a conflict, an unknown barcode or reader, a loan
 * id seen twice, a return that does not match the open loan …) sends all of
 * that item's events to the rules one by one (hub_apply_batch), in order. An
 * item whose loans a slow event names (by loan id) goes slow too, so what the
 * fast writes touch and what the slow events touch never overlap: the two sets
 * give the same result whichever runs first.
 *
 * The caller (apply/batch.ts) hands in only runs of loan events between which
 * nothing changes the readers or the copies, with the state read after the
 * events before the run were applied.
 */

/** A loan at the hub, as the run's state query reads it. */
export interface LoanRow {
  id: number;
  loan_uuid: string;
  barcode: string;
  card_number: string | null;
  /** loaned_at in microseconds since the epoch (exact, for the rule's `loaned_at <= at`). */
  loaned_us: number;
  due_on: string | null;
  renewals: number;
  open: boolean;
}

export interface LoanRunState {
  /** The open loans of the run's items, and any loan that already has one of its checkouts' ids. */
  loans: LoanRow[];
  /** Status of each of the run's items the hub knows. */
  copies: Map<string, string>;
  /** blocked, for each checkout's reader the hub knows. */
  patrons: Map<string, boolean>;
}

export interface NewLoan {
  loan_uuid: string;
  barcode: string;
  card_number: string;
  device_seq: number;
  loaned_at: string;
  due_on: string | null;
  renewals: number;
  closed_at: string | null;
  closed_as: 'returned' | null;
}

export interface LoanUpdate {
  id: number;
  due_on: string | null;
  renewals: number;
  closed_at: string | null;
  closed_as: 'returned' | null;
}

export interface LoanRunPlan {
  /** Sequences of the events left to the rules, one by one. */
  slow: Set<number>;
  /** Loans the run opens, in sequence order, each in its final state. */
  inserts: NewLoan[];
  /** Loans already at the hub that the run renews or closes (apply before the inserts). */
  updates: LoanUpdate[];
  /** Copies whose status differs at the end of the run. */
  statuses: { barcode: string; status: string }[];
  /** Copies whose status changed at some step (one change-log row each). */
  logged: string[];
}

interface LoanPayload {
  loanId?: string | null;
  item: string;
  patron?: string | null;
  dueOn?: string | null;
  renewals?: number;
}

interface SimLoan {
  row: LoanRow | null;
  uuid: string;
  card: string | null;
  loanedUs: number;
  seq: number;
  loanedAt: string;
  dueOn: string | null;
  renewals: number;
  closedAt: string | null;
}

interface Chain {
  item: string;
  events: PreparedEvent[];
  /** Every loan id the chain's events name, and its item's open loan. */
  uuids: Set<string>;
  fast: boolean;
  loans: SimLoan[];
  status: string | undefined;
  initial: string | undefined;
  touched: boolean;
}

const payloadOf = (event: PreparedEvent) => event.p as LoanPayload;

interface Lookup {
  state: LoanRunState;
  /** Loan ids the hub already has. */
  known: Set<string>;
  /** Open loan of each item. */
  openOf: Map<string, LoanRow>;
  /** How many checkouts of the run carry each loan id. */
  checkouts: Map<string, number>;
}

/** Follows an item's events from its state at the hub; false as soon as one is not a clean step. */
function simulate(chain: Chain, { state, known, openOf, checkouts }: Lookup): boolean {
  const row = openOf.get(chain.item) ?? null;
  let open: SimLoan | null = row
    ? {
        row,
        uuid: row.loan_uuid,
        card: row.card_number,
        loanedUs: row.loaned_us,
        seq: 0,
        loanedAt: '',
        dueOn: row.due_on,
        renewals: row.renewals,
        closedAt: null,
      }
    : null;
  if (open) chain.uuids.add(open.uuid);
  if (!state.copies.has(chain.item)) return false;
  const setStatus = (status: string) => {
    if (chain.status !== status) chain.touched = true;
    chain.status = status;
  };
  for (const event of chain.events) {
    const p = payloadOf(event);
    const loanId = p.loanId ?? null;
    if (event.rule === 'checkout') {
      if (open || loanId === null || known.has(loanId) || checkouts.get(loanId) !== 1) return false;
      if (state.patrons.get(p.patron ?? '') !== false) return false;
      open = {
        row: null,
        uuid: loanId,
        card: p.patron ?? null,
        loanedUs: Date.parse(event.at) * 1000,
        seq: event.seq,
        loanedAt: event.at,
        dueOn: p.dueOn ?? null,
        renewals: 0,
        closedAt: null,
      };
      chain.loans.push(open);
      setStatus('on_loan');
    } else if (event.rule === 'return') {
      if (!open) return false;
      const matches =
        loanId !== null
          ? loanId === open.uuid
          : open.card === (p.patron ?? null) && open.loanedUs <= Date.parse(event.at) * 1000;
      if (!matches) return false;
      open.closedAt = event.at;
      if (open.row && !chain.loans.includes(open)) chain.loans.push(open);
      open = null;
      setStatus('available');
    } else {
      if (!open || loanId !== open.uuid) return false;
      open.dueOn = p.dueOn ?? null;
      open.renewals = p.renewals ?? open.renewals + 1;
      if (open.row && !chain.loans.includes(open)) chain.loans.push(open);
    }
  }
  return true;
}

/** Splits a run of loan events (in sequence order) into fast writes and events for the rules. */
export function planLoanRun(events: PreparedEvent[], state: LoanRunState): LoanRunPlan {
  const known = new Set(state.loans.map((l) => l.loan_uuid));
  const openOf = new Map(state.loans.filter((l) => l.open).map((l) => [l.barcode, l]));
  const checkouts = new Map<string, number>();
  const chains = new Map<string, Chain>();
  for (const event of events) {
    const p = payloadOf(event);
    if (event.rule === 'checkout' && p.loanId) checkouts.set(p.loanId, (checkouts.get(p.loanId) ?? 0) + 1);
    let chain = chains.get(p.item);
    if (!chain) {
      const initial = state.copies.get(p.item);
      chain = {
        item: p.item,
        events: [],
        uuids: new Set(),
        fast: false,
        loans: [],
        status: initial,
        initial,
        touched: false,
      };
      chains.set(p.item, chain);
    }
    chain.events.push(event);
    if (p.loanId) chain.uuids.add(p.loanId);
  }
  const slowIds = new Set<string>();
  for (const chain of chains.values()) {
    chain.fast = simulate(chain, { state, known, openOf, checkouts });
    if (!chain.fast) for (const id of chain.uuids) slowIds.add(id);
  }
  // A fast item whose loans a slow event names waits for the rules too (and so on, until nothing changes).
  for (let changed = true; changed;) {
    changed = false;
    for (const chain of chains.values())
      if (chain.fast && [...chain.uuids].some((id) => slowIds.has(id))) {
        chain.fast = false;
        for (const id of chain.uuids) slowIds.add(id);
        changed = true;
      }
  }
  const plan: LoanRunPlan = { slow: new Set(), inserts: [], updates: [], statuses: [], logged: [] };
  for (const chain of chains.values()) {
    if (!chain.fast) {
      for (const event of chain.events) plan.slow.add(event.seq);
      continue;
    }
    for (const loan of chain.loans) {
      const closed = { closed_at: loan.closedAt, closed_as: loan.closedAt === null ? null : ('returned' as const) };
      if (loan.row) plan.updates.push({ id: loan.row.id, due_on: loan.dueOn, renewals: loan.renewals, ...closed });
      else
        plan.inserts.push({
          loan_uuid: loan.uuid,
          barcode: chain.item,
          card_number: loan.card!,
          device_seq: loan.seq,
          loaned_at: loan.loanedAt,
          due_on: loan.dueOn,
          renewals: loan.renewals,
          ...closed,
        });
    }
    if (chain.status !== chain.initial) plan.statuses.push({ barcode: chain.item, status: chain.status! });
    if (chain.touched) plan.logged.push(chain.item);
  }
  plan.inserts.sort((a, b) => a.device_seq - b.device_seq);
  return plan;
}
