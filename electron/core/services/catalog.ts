import type { Database } from 'better-sqlite3';
import type { ChannelOutput, ParsedInput } from '../../../shared/contract';
import type { ItemStatus, MaterialType, Title } from '../../../shared/domain';
import { compareVietnamese, foldedTokens } from '../../../shared/text';
import type { Ctx } from '../context';
import { DeskRefusal } from '../errors';
import { saveTitle } from '../catalog/store';
import { findItem } from './rows';
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
  const saved = saveTitle(ctx, {
    bib: { title: input.title, authors: input.authors ?? [], materialType: input.materialType ?? 'book' },
    copies: (input.copies ?? []).map((c) => ({ barcode: c.barcode })),
  });
  const row = stmt(ctx.db, 'SELECT * FROM titles WHERE id = ?').get(saved.id) as TitleRow;
  return toTitle(ctx.db, row);
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
