import type { Database } from 'better-sqlite3';
import type { ChannelOutput, ParsedInput } from '../../../shared/contract';
import { erasedName } from '../../../shared/patron-record';
import { collationKey } from '../../../shared/text';
import type { Ctx } from '../context';
import { stmt } from '../db/statements';
import { DeskRefusal } from '../errors';
import { deliveriesOfPatron } from './deliveries';
import { readPatronRecord, requirePatron, requirePatronRow } from './patrons';
import { proxiesOf, readersOfProxy } from './proxies';
import { toPatron } from './rows';

/**
 * A reader's rights under Decree 13/2023 (and the 2025 personal-data law):
 * sensitive data only with recorded consent, access to everything held, and
 * erasure. Sensitive values never enter the outbox; events say what changed.
 */

/** Record ethnicity and disability with consent (when and by whom), or withdraw consent and drop them. */
export function setSensitive(
  input: ParsedInput<'patrons.setSensitive'>,
  ctx: Ctx,
): ChannelOutput<'patrons.setSensitive'> {
  const row = requirePatron(ctx.db, input.cardNumber);
  const set = stmt(
    ctx.db,
    `UPDATE patrons SET ethnicity = ?, disability = ?, consent_given_at = ?, consent_recorded_by = ?, updated_at = ?
      WHERE id = ?`,
  );
  if (input.consent) {
    set.run(input.ethnicity ?? null, input.disability ?? null, ctx.nowIso, ctx.settings.operator, ctx.nowIso, row.id);
  } else {
    set.run(null, null, null, null, ctx.nowIso, row.id);
    // The needs profile is sensitive too: it goes with the consent.
    stmt(ctx.db, 'UPDATE patrons SET needs = NULL, needs_note = NULL WHERE id = ?').run(row.id);
  }
  const record = readPatronRecord(ctx.db, row.card_number, ctx.today)!;
  ctx.record('patron.consentChanged', row.card_number, {
    cardNumber: row.card_number,
    consent: input.consent,
    // Which sensitive fields the desk now holds, never their values.
    held: input.consent
      ? [
          ...(['ethnicity', 'disability'] as const).filter((f) => record.sensitive?.[f] !== null),
          ...(record.needs ? ['needs'] : []),
        ]
      : [],
  });
  ctx.emit({ type: 'changed', domain: 'patrons' });
  return record;
}

interface ExportLoanRow {
  barcode: string;
  title: string;
  loaned_at: string;
  due_on: string;
  returned_at: string | null;
  overdue_days: number | null;
  fee: number | null;
}

/**
 * Everything the desk holds about a reader: the record (sensitive fields
 * included), every loan ever, and the audit trail of the card. The export is
 * itself audited, and appears in its own trail.
 */
export function exportData(input: { cardNumber: string }, ctx: Ctx): ChannelOutput<'patrons.exportData'> {
  const row = requirePatronRow(ctx.db, input.cardNumber);
  ctx.audit('patron.exported', row.card_number);
  const loans = stmt(
    ctx.db,
    `SELECT i.barcode, t.title, l.loaned_at, l.due_on, l.returned_at, l.overdue_days, l.fee
       FROM loans l JOIN items i ON i.id = l.item_id JOIN titles t ON t.id = i.title_id
      WHERE l.patron_id = ? ORDER BY l.loaned_at, l.id`,
  ).all(row.id) as ExportLoanRow[];
  const auditTrail = stmt(ctx.db, 'SELECT at, operator, action FROM audit_log WHERE subject = ? ORDER BY id').all(
    row.card_number,
  ) as { at: string; operator: string; action: string }[];
  return {
    exportedAt: ctx.nowIso,
    record: readPatronRecord(ctx.db, row.card_number, ctx.today)!,
    loans: loans.map((l) => ({
      item: l.barcode,
      title: l.title,
      loanedAt: l.loaned_at,
      dueOn: l.due_on,
      returnedAt: l.returned_at,
      overdueDays: l.overdue_days,
      fee: l.fee,
    })),
    auditTrail,
    proxies: proxiesOf(ctx.db, row.id),
    actingFor: readersOfProxy(ctx.db, { card: row.card_number }).map(toPatron),
    deliveries: deliveriesOfPatron(ctx.db, row.id),
  };
}

/**
 * The erasure itself, shared with readers erased at their home desk and pulled
 * from the hub (electron/core/sync/apply.ts): personal data overwritten, audit
 * details dropped, the name index merged so the old words are gone.
 */
export function eraseReaderRow(db: Database, id: number, cardNumber: string, nowIso: string): void {
  stmt(
    db,
    `UPDATE patrons SET full_name = ?, name_folded = '', sort_key = ?, blocked = 0, block_reason = NULL,
       date_of_birth = NULL, sex = NULL, phone = NULL, phone_key = NULL, address = NULL, commune = NULL,
       id_number = NULL, introduced_by = NULL, guardian_name = NULL, guardian_phone = NULL,
       guardian_phone_key = NULL, notes = NULL, photo = NULL, ethnicity = NULL, disability = NULL,
       consent_given_at = NULL, consent_recorded_by = NULL, blocked_by = NULL, blocked_at = NULL,
       preferred_language = NULL, needs = NULL, needs_note = NULL,
       erased_at = ?, updated_at = ?
     WHERE id = ?`,
  ).run(erasedName, collationKey(erasedName), nowIso, nowIso, id);
  stmt(db, 'UPDATE audit_log SET details = NULL WHERE subject = ?').run(cardNumber);
  // Reader services: their proxies and whom they were proxy for, their name on others'
  // loans as a proxy, and what their delivery requests said in words.
  stmt(db, 'DELETE FROM patron_proxies WHERE patron_id = ? OR proxy_patron_id = ?').run(id, id);
  stmt(db, 'UPDATE loans SET proxy_name = ? WHERE proxy_card = ?').run(erasedName, cardNumber);
  stmt(db, 'UPDATE loans SET return_proxy_name = ? WHERE return_proxy_card = ?').run(erasedName, cardNumber);
  // Proxies without a card were known only through this reader: their names go too.
  stmt(
    db,
    `UPDATE loans SET proxy_name = CASE WHEN proxy_card IS NULL THEN NULL ELSE proxy_name END,
       return_proxy_name = CASE WHEN return_proxy_card IS NULL THEN NULL ELSE return_proxy_name END
     WHERE patron_id = ?`,
  ).run(id);
  // A request in words must keep some text (the table holds it), so it keeps the erased mark.
  stmt(db, 'UPDATE deliveries SET text = ? WHERE patron_id = ? AND text IS NOT NULL').run(erasedName, id);
  // The name index only marks the old words deleted; merging its segments drops them (≈15 ms at 50,000 readers).
  stmt(db, "INSERT INTO patron_names (patron_names) VALUES ('optimize')").run();
}

/**
 * Erase a reader's personal data. The row stays, nameless, with its category
 * and dates, so that loans keep counting in statistics without pointing at a
 * person; audit lines keep the card number and lose their details. Events
 * already in the outbox cannot be edited: the 'patron.erased' event tells the
 * hub to erase what it received.
 */
export function erase(input: ParsedInput<'patrons.erase'>, ctx: Ctx): ChannelOutput<'patrons.erase'> {
  if (input.confirmCardNumber !== input.cardNumber) {
    throw new DeskRefusal(
      'VALIDATION',
      { code: input.cardNumber, given: input.confirmCardNumber, details: 'confirmCardNumber' },
      'ERASE_CONFIRM',
    );
  }
  const row = requirePatron(ctx.db, input.cardNumber);
  const open = stmt(ctx.db, 'SELECT COUNT(*) AS n FROM loans WHERE patron_id = ? AND returned_at IS NULL').get(
    row.id,
  ) as { n: number };
  if (open.n > 0) throw new DeskRefusal('HAS_LOANS', { name: row.full_name, count: open.n });

  eraseReaderRow(ctx.db, row.id, row.card_number, ctx.nowIso);
  const loans = stmt(ctx.db, 'SELECT COUNT(*) AS n FROM loans WHERE patron_id = ?').get(row.id) as { n: number };
  ctx.record('patron.erased', row.card_number, {
    cardNumber: row.card_number,
    erasedAt: ctx.nowIso,
    loansAnonymised: loans.n,
  });
  ctx.emit({ type: 'changed', domain: 'patrons' });
  // The old page images stay in the WAL until it is checkpointed and truncated.
  ctx.afterCommit(() => ctx.db.pragma('wal_checkpoint(TRUNCATE)'));
  return { cardNumber: row.card_number, erasedAt: ctx.nowIso, loansAnonymised: loans.n };
}
