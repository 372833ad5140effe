import type { Database } from 'better-sqlite3';
import type { ChannelOutput, ParsedInput } from '../../../shared/contract';
import { needKinds, type NeedKind, type NeedPolicy } from '../../../shared/reader-services';
import type { Ctx } from '../context';
import { stmt } from '../db/statements';
import { DeskRefusal } from '../errors';
import { parseNeeds } from '../rules/needs';
import { readPatronRecord, requirePatron } from './patrons';

/**
 * A reader's needs profile (visual, hearing, mobility, other) and what each
 * need adds to the loan policy. Needs are sensitive data: they exist only
 * while the reader's consent is recorded, and never enter the outbox (events
 * say that the profile changed, not what it holds).
 */

export function readNeedPolicies(db: Database): NeedPolicy[] {
  const rows = stmt(db, 'SELECT need, extra_loan_days, extra_items, extra_renewals FROM need_policies').all() as {
    need: NeedKind;
    extra_loan_days: number;
    extra_items: number;
    extra_renewals: number;
  }[];
  return rows
    .map((r) => ({
      need: r.need,
      extraLoanDays: r.extra_loan_days,
      extraItems: r.extra_items,
      extraRenewals: r.extra_renewals,
    }))
    .sort((a, b) => needKinds.indexOf(a.need) - needKinds.indexOf(b.need));
}

/** The needs that count for loans: none unless consent is recorded. */
export function needsOfPatron(db: Database, patronId: number): NeedKind[] {
  const row = stmt(db, 'SELECT needs, consent_given_at FROM patrons WHERE id = ?').get(patronId) as
    { needs: string | null; consent_given_at: string | null } | undefined;
  return row && row.consent_given_at !== null ? parseNeeds(row.needs) : [];
}

export function set(input: ParsedInput<'needs.set'>, ctx: Ctx): ChannelOutput<'needs.set'> {
  const row = requirePatron(ctx.db, input.cardNumber);
  const consent = stmt(ctx.db, 'SELECT consent_given_at FROM patrons WHERE id = ?').get(row.id) as {
    consent_given_at: string | null;
  };
  if (consent.consent_given_at === null) throw new DeskRefusal('NO_CONSENT', { name: row.full_name });
  // In the catalogue's order, each once, so equal profiles compare equal.
  const kinds = needKinds.filter((k) => input.kinds.includes(k));
  const note = input.note ?? null;
  const empty = kinds.length === 0 && note === null;
  stmt(ctx.db, 'UPDATE patrons SET needs = ?, needs_note = ?, updated_at = ? WHERE id = ?').run(
    empty ? null : JSON.stringify(kinds),
    note,
    ctx.nowIso,
    row.id,
  );
  ctx.record('patron.needsChanged', row.card_number, {
    cardNumber: row.card_number,
    // Whether the desk holds a profile, never what it says.
    held: !empty,
  });
  ctx.emit({ type: 'changed', domain: 'patrons' });
  return readPatronRecord(ctx.db, row.card_number, ctx.today)!.needs;
}

export function policies(_input: ParsedInput<'needs.policies'>, ctx: Ctx): ChannelOutput<'needs.policies'> {
  return readNeedPolicies(ctx.db);
}

export function setPolicy(input: ParsedInput<'needs.setPolicy'>, ctx: Ctx): ChannelOutput<'needs.setPolicy'> {
  stmt(
    ctx.db,
    `INSERT INTO need_policies (need, extra_loan_days, extra_items, extra_renewals) VALUES (?, ?, ?, ?)
     ON CONFLICT(need) DO UPDATE SET extra_loan_days = excluded.extra_loan_days,
       extra_items = excluded.extra_items, extra_renewals = excluded.extra_renewals`,
  ).run(input.need, input.extraLoanDays, input.extraItems, input.extraRenewals);
  ctx.audit('needs.policyChanged', input.need, { ...input });
  return readNeedPolicies(ctx.db);
}
