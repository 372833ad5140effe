import type { Database } from 'better-sqlite3';
import type { Patron } from '../../../shared/domain';
import { phoneKey } from '../../../shared/patron-record';
import { compareVietnamese, foldedTokens } from '../../../shared/text';
import { stmt } from '../db/statements';
import { toPatron, type PatronRow } from './rows';

/**
 * Reader search. Ranks, best first:
 *  0. the query is exactly a card number, a phone (either form) or an ID number;
 *  1. the query is exactly the whole name (folded);
 *  2. the query's words begin the name's words in order, from the first word ("lo van" → "Lò Văn Đức");
 *  3. every query word begins some word of the name, in any order; or the query begins
 *     a card number, phone or ID number.
 * Within a rank, Vietnamese alphabetical order (sort_key, then Intl.Collator on the page).
 *
 * Speed over 50,000 readers: each rank is a bounded query. Names go through the
 * FTS5 table patron_names (folded words, prefix indexes) when few readers match;
 * when many do (a short common prefix such as "th"), the walk in sort_key order
 * finds a page of them after a few hundred index entries, so nothing ever sorts
 * thousands of rows.
 */

/** Above this many candidates, walk the sort order instead of sorting the candidates. */
const BROAD = 1000;
/** A code-point above any in folded text: "lo" ≤ name_folded < "lo\u{10FFFF}" is a prefix range. */
const TOP = '\u{10FFFF}';
const columns = 'p.id, p.card_number, p.full_name, p.category, p.expires_on, p.blocked, p.block_reason, p.erased_at';

interface Hit {
  row: PatronRow;
  rank: number;
}

/** Card numbers, phones and ID numbers as the query may hold them. */
function codesOf(query: string) {
  const raw = query.trim();
  if (!/\d/u.test(raw) || raw.length > 40) return undefined;
  const compact = raw.replace(/[\s.\-()]/gu, '');
  return {
    card: /^[0-9A-Za-z.\-/_]+$/u.test(raw) ? raw : null,
    phone: /^\+?\d+$/u.test(compact) ? phoneKey(compact) : null,
    idNumber: /^[0-9A-Za-z]+$/u.test(compact) ? compact.toUpperCase() : null,
  };
}

/** Rows for ids in the order given. */
function rowsById(db: Database, ids: number[]): PatronRow[] {
  const one = stmt(db, `SELECT ${columns} FROM patrons p WHERE p.id = ?`);
  return ids.map((id) => one.get(id) as PatronRow);
}

function codeHits(db: Database, codes: NonNullable<ReturnType<typeof codesOf>>, limit: number): Hit[] {
  // A value that matches nothing stands in for a missing one, so the SQL stays fixed.
  const none = '\u0000';
  const card = codes.card ?? none;
  const phone = codes.phone ?? none;
  const idNumber = codes.idNumber ?? none;
  const exact = stmt(
    db,
    `SELECT ${columns} FROM patrons p
      WHERE p.erased_at IS NULL
        AND (p.card_number = ? OR p.phone_key = ? OR p.guardian_phone_key = ? OR p.id_number = ?)
      ORDER BY p.sort_key LIMIT ?`,
  ).all(card, phone, phone, idNumber, limit) as PatronRow[];
  const hits: Hit[] = exact.map((row) => ({ row, rank: 0 }));

  const ranges = [card, card + TOP, phone, phone + TOP, phone, phone + TOP, idNumber, idNumber + TOP];
  const where = `(p.card_number >= ? AND p.card_number < ?)
        OR (p.phone_key >= ? AND p.phone_key < ?)
        OR (p.guardian_phone_key >= ? AND p.guardian_phone_key < ?)
        OR (p.id_number >= ? AND p.id_number < ?)`;
  const { n } = stmt(db, `SELECT COUNT(*) AS n FROM (SELECT 1 FROM patrons p WHERE ${where} LIMIT ?)`).get(
    ...ranges,
    BROAD + 1,
  ) as { n: number };
  const want = limit + hits.length;
  let prefixed: PatronRow[];
  if (n <= BROAD) {
    // `+sort_key`: sort the few candidates rather than walk the whole sort index.
    prefixed = stmt(
      db,
      `SELECT ${columns} FROM patrons p WHERE p.erased_at IS NULL AND (${where}) ORDER BY +p.sort_key LIMIT ?`,
    ).all(...ranges, want) as PatronRow[];
  } else {
    const globs = [card, phone, phone, idNumber].map((v) => `${v}*`);
    const ids = stmt(
      db,
      `SELECT p.id FROM patrons p INDEXED BY patrons_sort
        WHERE p.erased_at IS NULL AND (p.card_number GLOB ? OR p.phone_key GLOB ? OR p.guardian_phone_key GLOB ?
          OR p.id_number GLOB ?)
        ORDER BY p.sort_key LIMIT ?`,
    )
      .pluck()
      .all(...globs, want) as number[];
    prefixed = rowsById(db, ids);
  }
  return [...hits, ...prefixed.map((row) => ({ row, rank: 3 }))];
}

function nameHits(db: Database, tokens: string[], limit: number): Hit[] {
  const whole = tokens.join(' ');
  // " lo* van*" against " " || name_folded: the first word begins "lo", a later one "van".
  const inOrder = ` ${tokens.map((t) => `${t}*`).join(' ')}`;
  const first = tokens[0]!;

  // Ranks 1 and 2 from the name index alone (name_folded, sort_key), then the page's rows.
  const leading = stmt(
    db,
    `SELECT id, CASE WHEN name_folded = ? THEN 1 ELSE 2 END AS tier FROM patrons INDEXED BY patrons_name
      WHERE name_folded >= ? AND name_folded < ? AND (' ' || name_folded) GLOB ?
      ORDER BY tier, sort_key LIMIT ?`,
  ).all(whole, first, first + TOP, inOrder, limit) as { id: number; tier: number }[];
  const hits: Hit[] = rowsById(
    db,
    leading.map((l) => l.id),
  ).map((row, i) => ({ row, rank: leading[i]!.tier }));
  if (hits.length >= limit) return hits;

  // Rank 3: every word begins some word of the name, not in order from the first.
  const match = tokens.map((t) => `"${t}"*`).join(' ');
  const { n } = stmt(
    db,
    'SELECT COUNT(*) AS n FROM (SELECT rowid FROM patron_names WHERE patron_names MATCH ? LIMIT ?)',
  ).get(match, BROAD + 1) as { n: number };
  const want = limit - hits.length;
  let rest: PatronRow[];
  if (n <= BROAD) {
    rest = stmt(
      db,
      `SELECT ${columns} FROM patrons p
        WHERE p.id IN (SELECT rowid FROM patron_names WHERE patron_names MATCH ?)
          AND NOT ((' ' || p.name_folded) GLOB ?)
        ORDER BY +p.sort_key LIMIT ?`,
    ).all(match, inOrder, want) as PatronRow[];
  } else {
    // Many match: walking the names in order finds a page of them quickly.
    const words = tokens.map(() => `(' ' || name_folded) GLOB ?`).join(' AND ');
    const ids = stmt(
      db,
      `SELECT id FROM patrons INDEXED BY patrons_sort
        WHERE ${words} AND NOT ((' ' || name_folded) GLOB ?)
        ORDER BY sort_key LIMIT ?`,
    )
      .pluck()
      .all(...tokens.map((t) => `* ${t}*`), inOrder, want) as number[];
    rest = rowsById(db, ids);
  }
  return [...hits, ...rest.map((row) => ({ row, rank: 3 }))];
}

export function searchPatrons(db: Database, query: string, limit: number): Patron[] {
  const best = new Map<number, Hit>();
  const add = (hits: Hit[]) => {
    for (const hit of hits) {
      const known = best.get(hit.row.id);
      if (!known || hit.rank < known.rank) best.set(hit.row.id, hit);
    }
  };
  const codes = codesOf(query);
  if (codes) add(codeHits(db, codes, limit));
  const tokens = foldedTokens(query);
  // A query of digits alone is a code, never a name.
  if (tokens.some((t) => /\D/u.test(t))) add(nameHits(db, tokens, limit));
  return [...best.values()]
    .sort(
      (a, b) =>
        a.rank - b.rank ||
        compareVietnamese(a.row.full_name, b.row.full_name) ||
        (a.row.card_number < b.row.card_number ? -1 : 1),
    )
    .slice(0, limit)
    .map((hit) => toPatron(hit.row));
}

/** Readers registered on or after a local date, in Vietnamese order: the batch of new cards to print. */
export function registeredSince(db: Database, since: string, limit: number): Patron[] {
  const rows = stmt(
    db,
    `SELECT ${columns} FROM patrons p WHERE p.created_at >= ? AND p.erased_at IS NULL ORDER BY p.sort_key LIMIT ?`,
  ).all(since, limit) as PatronRow[];
  return rows.sort((a, b) => compareVietnamese(a.full_name, b.full_name)).map(toPatron);
}
