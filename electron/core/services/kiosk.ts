import { randomBytes } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { ChannelOutput, ParsedInput } from '../../../shared/contract';
import type { KioskLoan } from '../../../shared/contract/kiosk';
import type { Ctx } from '../context';
import { stmt } from '../db/statements';
import { DeskRefusal } from '../errors';
import { retryAfterMs, withinWindow, type WindowLimit } from '../rules/rate-limit';
import { readSetting, writeSetting } from '../settings-store';
import { search as searchCatalog } from './catalog';
import { mayRenew, renewItem } from './circulation';
import { findPatron, loanSelect, type LoanRow } from './rows';

/**
 * The self-service kiosk's side of the desk. A reader identifies with their
 * card only and gets a session (kept in memory: a restart of the desk ends
 * every kiosk session, which is what a kiosk should do); every later call
 * names the session, so the kiosk can only ever reach the reader who scanned.
 * Failed identifications are limited, so the kiosk cannot be used to try card
 * numbers one after another.
 */

/** Five wrong cards a minute: enough for a mistyped card, far too few to guess one. */
export const identifyLimit: WindowLimit = { max: 5, windowMs: 60_000 };
/** A session a kiosk forgot to end (a crashed page) ends by itself. */
const sessionLifetimeMs = 15 * 60_000;
export const defaultIdleSeconds = 60;

interface Session {
  patronId: number;
  lastUsed: number;
}

interface KioskState {
  sessions: Map<string, Session>;
  failures: number[];
}

const states = new WeakMap<Database, KioskState>();

function stateOf(db: Database): KioskState {
  let state = states.get(db);
  if (!state) {
    state = { sessions: new Map(), failures: [] };
    states.set(db, state);
  }
  return state;
}

function idleSeconds(db: Database): number {
  const stored = readSetting(db, 'kiosk.idleSeconds');
  return typeof stored === 'number' ? stored : defaultIdleSeconds;
}

function kioskLoans(ctx: Ctx, patronId: number): KioskLoan[] {
  const patron = stmt(ctx.db, 'SELECT card_number FROM patrons WHERE id = ?').get(patronId) as { card_number: string };
  const row = findPatron(ctx.db, patron.card_number)!;
  const rows = stmt(
    ctx.db,
    `${loanSelect} WHERE l.patron_id = ? AND l.returned_at IS NULL ORDER BY l.due_on, l.id`,
  ).all(patronId) as LoanRow[];
  return rows.map((r) => ({
    item: r.barcode,
    title: r.title,
    dueOn: r.due_on,
    overdue: r.due_on < ctx.today,
    renewable: mayRenew(ctx, row, r),
  }));
}

function requireSession(ctx: Ctx, token: string): Session {
  const { sessions } = stateOf(ctx.db);
  const now = ctx.now.getTime();
  const session = sessions.get(token);
  if (!session || now - session.lastUsed > sessionLifetimeMs) {
    sessions.delete(token);
    throw new DeskRefusal('SESSION_ENDED', {});
  }
  session.lastUsed = now;
  return session;
}

export function config(_input: ParsedInput<'kiosk.config'>, ctx: Ctx): ChannelOutput<'kiosk.config'> {
  return { libraryName: ctx.settings.libraryName, language: ctx.settings.language, idleSeconds: idleSeconds(ctx.db) };
}

export function configure(input: ParsedInput<'kiosk.configure'>, ctx: Ctx): ChannelOutput<'kiosk.configure'> {
  writeSetting(ctx.db, 'kiosk.idleSeconds', input.idleSeconds);
  ctx.audit('kiosk.configured', 'kiosk', { idleSeconds: input.idleSeconds });
  return { idleSeconds: input.idleSeconds };
}

export function identify(input: ParsedInput<'kiosk.identify'>, ctx: Ctx): ChannelOutput<'kiosk.identify'> {
  const state = stateOf(ctx.db);
  const now = ctx.now.getTime();
  state.failures = withinWindow(state.failures, now, identifyLimit);
  const wait = retryAfterMs(state.failures, now, identifyLimit);
  if (wait > 0) throw new DeskRefusal('RATE_LIMITED', { seconds: Math.ceil(wait / 1000) });
  // Any card that is not a reader's — misread, unknown, erased — is the same failure,
  // worded the same way: the kiosk does not tell which cards exist.
  const row = /^[0-9A-Za-z.\-/_]{1,40}$/u.test(input.card) ? findPatron(ctx.db, input.card) : undefined;
  if (!row || row.erased_at !== null) {
    state.failures.push(now);
    throw new DeskRefusal('NOT_FOUND', { code: input.card }, 'KIOSK_CARD');
  }
  for (const [token, session] of state.sessions)
    if (now - session.lastUsed > sessionLifetimeMs) state.sessions.delete(token);
  const session = randomBytes(24).toString('base64url');
  state.sessions.set(session, { patronId: row.id, lastUsed: now });
  const language = stmt(ctx.db, 'SELECT preferred_language FROM patrons WHERE id = ?').get(row.id) as {
    preferred_language: 'vi' | 'en' | null;
  };
  ctx.audit('kiosk.identified', row.card_number);
  return {
    session,
    fullName: row.full_name,
    preferredLanguage: language.preferred_language,
    loans: kioskLoans(ctx, row.id),
  };
}

export function loans(input: ParsedInput<'kiosk.loans'>, ctx: Ctx): ChannelOutput<'kiosk.loans'> {
  return kioskLoans(ctx, requireSession(ctx, input.session).patronId);
}

export function renew(input: ParsedInput<'kiosk.renew'>, ctx: Ctx): ChannelOutput<'kiosk.renew'> {
  const { patronId } = requireSession(ctx, input.session);
  renewItem(ctx, input.item, patronId, 'kiosk');
  return kioskLoans(ctx, patronId);
}

export function search(input: ParsedInput<'kiosk.search'>, ctx: Ctx): ChannelOutput<'kiosk.search'> {
  // A barcode typed at the kiosk finds nothing more than its title; copies' barcodes are not shown.
  return searchCatalog({ query: input.query, limit: input.limit ?? 10 }, ctx).map((t) => ({
    id: t.id,
    title: t.title,
    authors: t.authors,
    materialType: t.materialType,
    available: t.copies.filter((c) => c.status === 'available').length,
    total: t.copies.length,
  }));
}

export function leave(input: ParsedInput<'kiosk.leave'>, ctx: Ctx): ChannelOutput<'kiosk.leave'> {
  stateOf(ctx.db).sessions.delete(input.session);
  return {};
}
