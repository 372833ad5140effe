import type { Database } from 'better-sqlite3';
import { makeLibraryBarcode } from '../../../shared/barcode';
import type { ChannelOutput, ParsedInput } from '../../../shared/contract';
import { compareVietnamese, foldText, foldedTokens } from '../../../shared/text';
import type { Ctx } from '../context';
import { DeskRefusal } from '../errors';
import { addYears } from '../rules/dates';
import { readSetting, writeSetting } from '../settings-store';
import { findPatron, openLoansOfPatron, refuseMisread, toPatron, type PatronRow } from './rows';
import { stmt } from '../db/statements';

/** Institution code in the 14-digit card number; one district library. */
const INSTITUTION = 1;

function nextCardNumber(db: Database): string {
  let seq = Number(readSetting(db, 'sequence.patronCard') ?? 0);
  let card: string;
  do {
    seq += 1;
    card = makeLibraryBarcode(2, INSTITUTION, seq);
  } while (findPatron(db, card));
  writeSetting(db, 'sequence.patronCard', seq);
  return card;
}

/** A 14-digit card number must carry a correct check digit, so a misread is refused, never looked up or issued. */
/** A scanned card number: a 14-digit one must carry a correct check digit, so a misread is refused. */
export function requirePatron(db: Database, cardNumber: string): PatronRow {
  refuseMisread(cardNumber);
  const row = findPatron(db, cardNumber);
  if (!row) throw new DeskRefusal('NOT_FOUND', { code: cardNumber }, 'NOT_FOUND_patron');
  return row;
}

export function register(input: ParsedInput<'patrons.register'>, ctx: Ctx): ChannelOutput<'patrons.register'> {
  if (input.cardNumber !== undefined) refuseMisread(input.cardNumber);
  const cardNumber = input.cardNumber ?? nextCardNumber(ctx.db);
  if (findPatron(ctx.db, cardNumber)) throw new DeskRefusal('CONFLICT', { code: cardNumber }, 'CONFLICT_card');
  const expiresOn = input.expiresOn ?? addYears(ctx.today, 1);
  const category = input.category ?? 'adult';
  const info = stmt(
    ctx.db,
    `INSERT INTO patrons (card_number, full_name, name_folded, category, expires_on, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(cardNumber, input.fullName, foldText(input.fullName), category, expiresOn, ctx.nowIso, ctx.nowIso);
  const patron = toPatron(findPatron(ctx.db, cardNumber)!);
  ctx.record('patron.registered', cardNumber, { ...patron, id: Number(info.lastInsertRowid) });
  ctx.emit({ type: 'changed', domain: 'patrons' });
  return patron;
}

/** Every word of the query must begin a word of the name, or the query is a card-number prefix. */
export function search(input: ParsedInput<'patrons.search'>, ctx: Ctx): ChannelOutput<'patrons.search'> {
  const limit = input.limit ?? 20;
  const tokens = foldedTokens(input.query);
  if (tokens.length === 0) return [];
  const nameClause = tokens.map(() => `(' ' || name_folded) LIKE ? ESCAPE '\\'`).join(' AND ');
  const likeArgs = tokens.map((t) => `% ${t.replace(/[\\%_]/gu, (c) => `\\${c}`)}%`);
  const rows = stmt(
    ctx.db,
    `SELECT * FROM patrons WHERE (${nameClause}) OR card_number LIKE ? ESCAPE '\\' LIMIT ?`,
  ).all(...likeArgs, `${input.query.trim().replace(/[\\%_]/gu, (c) => `\\${c}`)}%`, limit * 5) as PatronRow[];
  return rows
    .map(toPatron)
    .sort((a, b) => compareVietnamese(a.fullName, b.fullName))
    .slice(0, limit);
}

export function get(input: ParsedInput<'patrons.get'>, ctx: Ctx): ChannelOutput<'patrons.get'> {
  const row = requirePatron(ctx.db, input.cardNumber);
  ctx.audit('patron.viewed', row.card_number);
  return {
    patron: toPatron(row),
    expired: row.expires_on < ctx.today,
    blockReason: row.block_reason,
    loans: openLoansOfPatron(ctx.db, row.id, ctx.today),
  };
}

export function setBlock(input: ParsedInput<'patrons.setBlock'>, ctx: Ctx): ChannelOutput<'patrons.setBlock'> {
  const row = requirePatron(ctx.db, input.cardNumber);
  const reason = input.blocked ? input.reason?.trim() || null : null;
  stmt(ctx.db, 'UPDATE patrons SET blocked = ?, block_reason = ?, updated_at = ? WHERE id = ?').run(
    input.blocked ? 1 : 0,
    reason,
    ctx.nowIso,
    row.id,
  );
  ctx.record(input.blocked ? 'patron.blocked' : 'patron.unblocked', row.card_number, {
    cardNumber: row.card_number,
    reason,
    by: ctx.settings.operator,
  });
  ctx.emit({ type: 'changed', domain: 'patrons' });
  return toPatron(findPatron(ctx.db, row.card_number)!);
}
