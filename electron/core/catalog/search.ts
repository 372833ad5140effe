import type { Database } from 'better-sqlite3';
import { accessibleMaterialTypes, type SearchField, type TitleHit } from '../../../shared/contract/catalog';
import type { ItemStatus, MaterialType } from '../../../shared/domain';
import { foldedTokens } from '../../../shared/text';
import { stmt } from '../db/statements';
import { isbnForms, normalizeIsbn } from './store';

/**
 * Catalogue search. Ranked in tiers, each a bounded query on an index:
 *
 *   0. a copy's barcode, 1. an accession number, 2. an ISBN (either form): exact;
 *   3. call numbers beginning with the query (upper-cased, by index range);
 *   4. words: FTS5 over the folded title, authors, subjects and series
 *      (foldText: case, tone marks and đ→d), every query word must begin a
 *      word, ranked by bm25 with title words weighing most, then authors,
 *      series and subjects.
 *
 * Titles where every query word is a whole word come first ("hoa": Hoà, Hòa);
 * then those where the last word only begins a word (Hoài: the librarian is
 * still typing it); when that adds nothing, every word is taken as a prefix
 * ("ng du" → Nguyễn Du).
 */

export interface SearchOptions {
  query: string;
  limit: number;
  offset: number;
  fields?: readonly SearchField[];
  materialTypes?: readonly MaterialType[];
  accessible?: boolean;
  availableOnly?: boolean;
}

/** bm25 weights, in the FTS5 column order: title, authors, subjects, series. */
const weights = '10.0, 4.0, 1.0, 2.0';

const columnOf: Partial<Record<SearchField, string>> = {
  title: 'title_folded',
  author: 'authors_folded',
  subject: 'subjects_folded',
  series: 'series_folded',
};

interface TitleRow {
  id: number;
  uuid: string;
  title: string;
  authors: string;
  material_type: string;
  year: string | null;
  publisher: string | null;
  isbn: string;
  series: string;
  needs_completion: number;
}

interface CopyRow {
  title_id: number;
  barcode: string;
  status: string;
  loanable: number;
  accession_number: string | null;
  call_number: string | null;
  location: string | null;
}

type MatchKind = TitleHit['matchedBy'];

/** The types the filters allow, or null for all. */
function allowedTypes(options: SearchOptions): Set<string> | null {
  let types: Set<string> | null = options.materialTypes ? new Set(options.materialTypes) : null;
  if (options.accessible) {
    const accessible = new Set<string>(accessibleMaterialTypes);
    types = types ? new Set([...types].filter((t) => accessible.has(t))) : accessible;
  }
  return types;
}

/** Hits, ranked and paged. */
export function searchTitles(db: Database, options: SearchOptions): TitleHit[] {
  const query = options.query.trim();
  if (query === '') return [];
  const fields = new Set<SearchField>(
    options.fields ?? ['title', 'author', 'subject', 'series', 'isbn', 'barcode', 'callNumber', 'accessionNumber'],
  );
  const types = allowedTypes(options);
  if (types && types.size === 0) return [];
  const wanted = options.offset + options.limit;
  const found = new Map<number, MatchKind>();
  const add = (ids: readonly number[], kind: MatchKind) => {
    for (const id of ids) if (!found.has(id)) found.set(id, kind);
  };

  const code = query.replace(/\s+/gu, '');
  if (fields.has('barcode')) {
    add(
      (stmt(db, 'SELECT title_id FROM items WHERE barcode = ?').all(code) as { title_id: number }[]).map(
        (r) => r.title_id,
      ),
      'barcode',
    );
  }
  if (fields.has('accessionNumber')) {
    add(
      (
        stmt(db, 'SELECT title_id FROM items WHERE accession_number = ?').all(code.toUpperCase()) as {
          title_id: number;
        }[]
      ).map((r) => r.title_id),
      'accessionNumber',
    );
  }
  if (fields.has('isbn')) {
    const forms = isbnForms(normalizeIsbn(query));
    if (forms.length > 0) {
      add(
        (
          stmt(db, 'SELECT title_id FROM title_isbns WHERE isbn IN (?, ?) ORDER BY title_id').all(
            forms[0],
            forms[1] ?? forms[0],
          ) as { title_id: number }[]
        ).map((r) => r.title_id),
        'isbn',
      );
    }
  }
  // Call numbers ("895.9223 NG-D", "634.6 TR") begin with a class number: look when the query does.
  if (fields.has('callNumber') && /^\d{3}/u.test(query)) {
    const key = query.toUpperCase();
    add(
      (
        stmt(
          db,
          `SELECT DISTINCT title_id FROM items
            WHERE call_number_key >= ? AND call_number_key < ? ORDER BY call_number_key LIMIT ?`,
        ).all(key, `${key}\uffff`, wanted + 50) as { title_id: number }[]
      ).map((r) => r.title_id),
      'callNumber',
    );
  }

  const columns = [...fields].flatMap((f) => (columnOf[f] ? [columnOf[f]] : []));
  const tokens = foldedTokens(query);
  if (columns.length > 0 && tokens.length > 0 && found.size < wanted + 200) {
    const filter = columns.length === 4 ? '' : `{${columns.join(' ')}} : `;
    const quote = (t: string) => `"${t.replace(/"/gu, '""')}"`;
    const typeClause = types ? `AND t.material_type IN (${[...types].map(() => '?').join(', ')})` : '';
    const sql = `SELECT s.rowid AS id FROM title_search s ${types ? 'JOIN titles t ON t.id = s.rowid' : ''}
       WHERE title_search MATCH ? ${typeClause}
       ORDER BY bm25(title_search, ${weights}), s.rowid LIMIT ?`;
    const run = (expression: string) =>
      (stmt(db, sql).all(`${filter}(${expression})`, ...(types ?? []), wanted + found.size) as { id: number }[]).map(
        (r) => r.id,
      );
    const last = tokens.length - 1;
    // Whole words first ("hoa": Hoà, Hòa), then the last word as a prefix (Hoài).
    add(run(tokens.map(quote).join(' ')), 'words');
    if (found.size < wanted) {
      const before = found.size;
      add(run(tokens.map((t, i) => (i === last ? `${quote(t)}*` : quote(t))).join(' ')), 'words');
      if (found.size === before && tokens.length > 1) add(run(tokens.map((t) => `${quote(t)}*`).join(' ')), 'words');
    }
  }

  const ordered = [...found.keys()];
  const rows = loadTitles(db, ordered);
  let hits = ordered.flatMap((id) => {
    const row = rows.get(id);
    if (!row) return [];
    if (types && !types.has(row.material_type)) return [];
    return [toHit(row, found.get(id)!, [])];
  });
  attachCopies(db, hits);
  if (options.availableOnly) hits = hits.filter((h) => h.availableCount > 0);
  return hits.slice(options.offset, options.offset + options.limit);
}

/** Titles by id, in one query. */
export function loadTitles(db: Database, ids: readonly number[]): Map<number, TitleRow> {
  const out = new Map<number, TitleRow>();
  if (ids.length === 0) return out;
  const rows = stmt(
    db,
    `SELECT id, uuid, title, authors, material_type, year, publisher, isbn, series, needs_completion
       FROM titles WHERE id IN (SELECT value FROM json_each(?))`,
  ).all(JSON.stringify(ids)) as TitleRow[];
  for (const row of rows) out.set(row.id, row);
  return out;
}

export function toHit(row: TitleRow, matchedBy: MatchKind, copies: TitleHit['copies']): TitleHit {
  return {
    id: row.id,
    uuid: row.uuid,
    title: row.title,
    authors: JSON.parse(row.authors) as string[],
    materialType: row.material_type as MaterialType,
    year: row.year,
    publisher: row.publisher,
    isbn: JSON.parse(row.isbn) as string[],
    series: JSON.parse(row.series) as string[],
    needsCompletion: row.needs_completion === 1,
    copies,
    availableCount: copies.filter((c) => c.available).length,
    matchedBy,
  };
}

/** Fill in every hit's copies with their availability, in one query. */
export function attachCopies(db: Database, hits: TitleHit[]): void {
  if (hits.length === 0) return;
  const rows = stmt(
    db,
    `SELECT title_id, barcode, status, loanable, accession_number, call_number, location
       FROM items WHERE title_id IN (SELECT value FROM json_each(?))
      ORDER BY title_id, accession_prefix IS NULL, accession_prefix, accession_seq, barcode`,
  ).all(JSON.stringify(hits.map((h) => h.id))) as CopyRow[];
  const byTitle = new Map<number, TitleHit['copies']>();
  for (const r of rows) {
    const list = byTitle.get(r.title_id) ?? [];
    list.push({
      barcode: r.barcode,
      status: r.status as ItemStatus,
      accessionNumber: r.accession_number,
      callNumber: r.call_number,
      location: r.location,
      loanable: r.loanable === 1,
      available: r.status === 'available' && r.loanable === 1,
    });
    byTitle.set(r.title_id, list);
  }
  for (const hit of hits) {
    hit.copies = byTitle.get(hit.id) ?? [];
    hit.availableCount = hit.copies.filter((c) => c.available).length;
  }
}
