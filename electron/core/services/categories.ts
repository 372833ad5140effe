import type { Database } from 'better-sqlite3';
import type { ChannelOutput, ParsedInput } from '../../../shared/contract';
import type { PatronCategoryInfo } from '../../../shared/patron-record';
import type { Ctx } from '../context';
import { stmt } from '../db/statements';
import { DeskRefusal } from '../errors';

interface CategoryRow {
  code: string;
  label_vi: string;
  label_en: string;
  active: number;
}

export function readCategories(db: Database): PatronCategoryInfo[] {
  const rows = stmt(
    db,
    'SELECT code, label_vi, label_en, active FROM patron_categories ORDER BY position, code',
  ).all() as CategoryRow[];
  return rows.map((r) => ({ code: r.code, labelVi: r.label_vi, labelEn: r.label_en, active: r.active === 1 }));
}

function findCategory(db: Database, code: string): CategoryRow | undefined {
  return stmt(db, 'SELECT code, label_vi, label_en, active FROM patron_categories WHERE code = ?').get(code) as
    CategoryRow | undefined;
}

/** A category a reader may be put in now: one of the desk's list, and not retired. */
export function requireActiveCategory(db: Database, code: string): void {
  const row = findCategory(db, code);
  if (!row) throw new DeskRefusal('VALIDATION', { code, details: `category ${code}` }, 'CATEGORY_UNKNOWN');
  if (row.active !== 1) throw new DeskRefusal('VALIDATION', { code, details: `category ${code}` }, 'CATEGORY_INACTIVE');
}

/** A category a loan policy may name: any of the list, retired or not (its readers still borrow). */
export function requireKnownCategory(db: Database, code: string): void {
  if (!findCategory(db, code)) {
    throw new DeskRefusal('VALIDATION', { code, details: `category ${code}` }, 'CATEGORY_UNKNOWN');
  }
}

export function list(_input: ParsedInput<'categories.list'>, ctx: Ctx): ChannelOutput<'categories.list'> {
  return readCategories(ctx.db);
}

/** Add a category (at the end of the list), rename one, or retire or restore it. */
export function upsert(input: ParsedInput<'categories.upsert'>, ctx: Ctx): ChannelOutput<'categories.upsert'> {
  const before = findCategory(ctx.db, input.code);
  stmt(
    ctx.db,
    `INSERT INTO patron_categories (code, label_vi, label_en, active, position)
       VALUES (?, ?, ?, ?, (SELECT COALESCE(MAX(position), 0) + 1 FROM patron_categories))
       ON CONFLICT (code) DO UPDATE SET label_vi = excluded.label_vi, label_en = excluded.label_en,
         active = excluded.active`,
  ).run(input.code, input.labelVi, input.labelEn, input.active ? 1 : 0);
  ctx.audit(before ? 'category.changed' : 'category.added', input.code, input);
  ctx.emit({ type: 'changed', domain: 'settings' });
  return readCategories(ctx.db);
}
