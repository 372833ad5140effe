import type { Database } from 'better-sqlite3';
import type { ChannelOutput, ParsedInput } from '../../../shared/contract';
import type { ItemStatus, MaterialType, Title } from '../../../shared/domain';
import { compareVietnamese, foldText, foldedTokens } from '../../../shared/text';
import type { Ctx } from '../context';
import { DeskRefusal } from '../errors';
import { findItem, refuseMisread } from './rows';
import { stmt } from '../db/statements';

interface TitleRow {
  id: number;
  title: string;
  authors: string;
  material_type: string;
}

function copiesOf(db: Database, titleId: number): Title['copies'] {
  return (
    stmt(db, 'SELECT barcode, status FROM items WHERE title_id = ? ORDER BY barcode').all(titleId) as {
      barcode: string;
      status: ItemStatus;
    }[]
  ).map((c) => ({ barcode: c.barcode, status: c.status }));
}

function toTitle(db: Database, row: TitleRow): Title {
  return {
    id: row.id,
    title: row.title,
    authors: JSON.parse(row.authors) as string[],
    materialType: row.material_type as MaterialType,
    copies: copiesOf(db, row.id),
  };
}

export function addTitle(input: ParsedInput<'catalog.addTitle'>, ctx: Ctx): ChannelOutput<'catalog.addTitle'> {
  const authors = input.authors ?? [];
  const materialType = input.materialType ?? 'book';
  const barcodes = (input.copies ?? []).map((c) => c.barcode);
  const seen = new Set<string>();
  for (const barcode of barcodes) {
    refuseMisread(barcode);
    if (seen.has(barcode) || findItem(ctx.db, barcode))
      throw new DeskRefusal('CONFLICT', { code: barcode }, 'CONFLICT_barcode');
    seen.add(barcode);
  }
  const info = stmt(
    ctx.db,
    `INSERT INTO titles (title, authors, material_type, search_folded, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(
    input.title,
    JSON.stringify(authors),
    materialType,
    foldText([input.title, ...authors].join(' ')),
    ctx.nowIso,
    ctx.nowIso,
  );
  const titleId = Number(info.lastInsertRowid);
  const addCopy = stmt(
    ctx.db,
    `INSERT INTO items (title_id, barcode, status, created_at, updated_at) VALUES (?, ?, 'available', ?, ?)`,
  );
  for (const barcode of barcodes) addCopy.run(titleId, barcode, ctx.nowIso, ctx.nowIso);
  const title = toTitle(ctx.db, {
    id: titleId,
    title: input.title,
    authors: JSON.stringify(authors),
    material_type: materialType,
  });
  ctx.record('catalog.titleAdded', String(titleId), { ...title });
  ctx.emit({ type: 'changed', domain: 'catalog' });
  return title;
}

/** Every word must begin a word of the title or an author; or the query is a copy's barcode. */
export function search(input: ParsedInput<'catalog.search'>, ctx: Ctx): ChannelOutput<'catalog.search'> {
  const limit = input.limit ?? 20;
  const byBarcode = findItem(ctx.db, input.query.trim());
  if (byBarcode) {
    const row = stmt(ctx.db, 'SELECT * FROM titles WHERE id = ?').get(byBarcode.title_id) as TitleRow;
    return [toTitle(ctx.db, row)];
  }
  const tokens = foldedTokens(input.query);
  if (tokens.length === 0) return [];
  const clause = tokens.map(() => `(' ' || search_folded) LIKE ? ESCAPE '\\'`).join(' AND ');
  const rows = stmt(ctx.db, `SELECT * FROM titles WHERE ${clause} LIMIT ?`).all(
    ...tokens.map((t) => `% ${t.replace(/[\\%_]/gu, (c) => `\\${c}`)}%`),
    limit * 5,
  ) as TitleRow[];
  return rows
    .sort((a, b) => compareVietnamese(a.title, b.title))
    .slice(0, limit)
    .map((r) => toTitle(ctx.db, r));
}

export function item(input: ParsedInput<'catalog.item'>, ctx: Ctx): ChannelOutput<'catalog.item'> {
  const row = findItem(ctx.db, input.barcode);
  if (!row) throw new DeskRefusal('NOT_FOUND', { code: input.barcode }, 'NOT_FOUND_item');
  return {
    barcode: row.barcode,
    status: row.status as ItemStatus,
    loanable: row.loanable === 1,
    title: row.title,
    authors: JSON.parse(row.authors) as string[],
    materialType: row.material_type as MaterialType,
  };
}
