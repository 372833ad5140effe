import type { Database } from 'better-sqlite3';
import type { ChannelOutput, ParsedInput } from '../../../shared/contract';
import type { Proxy, ProxyRef } from '../../../shared/reader-services';
import { compareVietnamese } from '../../../shared/text';
import type { Ctx } from '../context';
import { stmt } from '../db/statements';
import { DeskRefusal } from '../errors';
import { requirePatron } from './patrons';
import { toPatron, type PatronRow } from './rows';

/**
 * Proxy borrowers: a carer or relative a reader has named, who may borrow and
 * return on the reader's behalf. A proxy is a registered reader (their card)
 * or a name with the ID document they show at the desk.
 */

interface ProxyRow {
  id: number;
  proxy_patron_id: number | null;
  proxy_card: string | null;
  proxy_full_name: string | null;
  full_name: string | null;
  id_number: string | null;
  relation: string | null;
  added_at: string;
}

const proxySelect = `
  SELECT x.id, x.proxy_patron_id, p.card_number AS proxy_card, p.full_name AS proxy_full_name,
         x.full_name, x.id_number, x.relation, x.added_at
    FROM patron_proxies x LEFT JOIN patrons p ON p.id = x.proxy_patron_id`;

function toProxy(row: ProxyRow): Proxy {
  return {
    id: row.id,
    card: row.proxy_card,
    fullName: row.proxy_full_name ?? row.full_name ?? '',
    idNumber: row.id_number,
    relation: row.relation,
    addedAt: row.added_at,
  };
}

export function proxiesOf(db: Database, patronId: number): Proxy[] {
  const rows = stmt(db, `${proxySelect} WHERE x.patron_id = ? ORDER BY x.id`).all(patronId) as ProxyRow[];
  return rows.map(toProxy);
}

export function list(input: ParsedInput<'proxies.list'>, ctx: Ctx): ChannelOutput<'proxies.list'> {
  return proxiesOf(ctx.db, requirePatron(ctx.db, input.cardNumber).id);
}

export function add(input: ParsedInput<'proxies.add'>, ctx: Ctx): ChannelOutput<'proxies.add'> {
  const reader = requirePatron(ctx.db, input.cardNumber);
  const existing = proxiesOf(ctx.db, reader.id);
  let proxyPatronId: number | null = null;
  let subject: { card: string | null };
  if ('proxyCard' in input) {
    const proxy = requirePatron(ctx.db, input.proxyCard);
    if (proxy.id === reader.id) throw new DeskRefusal('VALIDATION', { details: 'proxyCard' }, 'PROXY_SELF');
    if (existing.some((p) => p.card === proxy.card_number))
      throw new DeskRefusal('CONFLICT', { code: proxy.card_number }, 'CONFLICT_proxy');
    proxyPatronId = proxy.id;
    subject = { card: proxy.card_number };
  } else {
    if (existing.some((p) => p.idNumber === input.idNumber))
      throw new DeskRefusal('CONFLICT', { code: input.idNumber }, 'CONFLICT_proxy');
    subject = { card: null };
  }
  stmt(
    ctx.db,
    `INSERT INTO patron_proxies (patron_id, proxy_patron_id, full_name, id_number, relation, added_at, added_by)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    reader.id,
    proxyPatronId,
    'proxyCard' in input ? null : input.fullName,
    'proxyCard' in input ? null : input.idNumber,
    input.relation ?? null,
    ctx.nowIso,
    ctx.settings.operator,
  );
  // A registered proxy travels by card; someone else's name and ID number stay on this desk.
  ctx.record('patron.proxyAdded', reader.card_number, { cardNumber: reader.card_number, proxy: subject });
  ctx.emit({ type: 'changed', domain: 'patrons' });
  return proxiesOf(ctx.db, reader.id);
}

export function remove(input: ParsedInput<'proxies.remove'>, ctx: Ctx): ChannelOutput<'proxies.remove'> {
  const reader = requirePatron(ctx.db, input.cardNumber);
  const proxy = proxiesOf(ctx.db, reader.id).find((p) => p.id === input.id);
  if (!proxy) throw new DeskRefusal('NOT_FOUND', { code: String(input.id) }, 'NOT_FOUND_proxy');
  stmt(ctx.db, 'DELETE FROM patron_proxies WHERE id = ?').run(proxy.id);
  ctx.record('patron.proxyRemoved', reader.card_number, {
    cardNumber: reader.card_number,
    proxy: { card: proxy.card },
  });
  ctx.emit({ type: 'changed', domain: 'patrons' });
  return proxiesOf(ctx.db, reader.id);
}

/** The readers whose proxy this is (by card or by ID document), in Vietnamese order. */
export function readersOfProxy(db: Database, ref: ProxyRef): PatronRow[] {
  const select = `SELECT DISTINCT p.id, p.card_number, p.full_name, p.category, p.expires_on, p.blocked,
                         p.block_reason, p.erased_at
                    FROM patron_proxies x JOIN patrons p ON p.id = x.patron_id`;
  const rows =
    'card' in ref
      ? (stmt(
          db,
          `${select} JOIN patrons me ON me.id = x.proxy_patron_id WHERE me.card_number = ? AND p.erased_at IS NULL`,
        ).all(ref.card) as PatronRow[])
      : (stmt(db, `${select} WHERE x.id_number = ? AND p.erased_at IS NULL`).all(ref.idNumber) as PatronRow[]);
  return rows.sort((a, b) => compareVietnamese(a.full_name, b.full_name));
}

export function actingFor(input: ParsedInput<'proxies.actingFor'>, ctx: Ctx): ChannelOutput<'proxies.actingFor'> {
  if ('card' in input) requirePatron(ctx.db, input.card);
  return readersOfProxy(ctx.db, input).map(toPatron);
}

/**
 * The proxy acting for this reader, as the loan records them; NOT_A_PROXY when
 * the reader has not named them. Their own card must be valid to act (a
 * blocked proxy may still act: the block is on their own borrowing).
 */
export function requireProxyOf(ctx: Ctx, reader: PatronRow, ref: ProxyRef): { card: string | null; name: string } {
  const named = proxiesOf(ctx.db, reader.id);
  const found = 'card' in ref ? named.find((p) => p.card === ref.card) : named.find((p) => p.idNumber === ref.idNumber);
  if (!found) {
    const who = 'card' in ref ? ref.card : ref.idNumber;
    throw new DeskRefusal('NOT_A_PROXY', { proxy: who, name: reader.full_name });
  }
  if ('card' in ref) requirePatron(ctx.db, ref.card);
  return { card: found.card, name: found.fullName };
}
