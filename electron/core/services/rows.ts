import type { Database } from 'better-sqlite3';
import { hasValidCheckDigit } from '../../../shared/barcode';
import type { LoanView, Patron } from '../../../shared/domain';
import { DeskRefusal } from '../errors';
import { stmt } from '../db/statements';

/**
 * A 14-digit library barcode (card or item) must carry a correct check digit:
 * a misread is refused, never looked up.
 */
export function refuseMisread(code: string): void {
  if (/^\d{14}$/u.test(code) && !hasValidCheckDigit(code)) {
    throw new DeskRefusal('VALIDATION', { code }, 'CHECK_DIGIT');
  }
}

/** Row shapes and their mapping to contract types, shared by the services. */
export interface PatronRow {
  id: number;
  card_number: string;
  full_name: string;
  category: string;
  expires_on: string;
  blocked: number;
  block_reason: string | null;
  /** Set when the reader's personal data was erased: the card no longer lends. */
  erased_at: string | null;
}

export function toPatron(row: PatronRow): Patron {
  return {
    id: row.id,
    cardNumber: row.card_number,
    fullName: row.full_name,
    category: row.category,
    expiresOn: row.expires_on,
    blocked: row.blocked === 1,
  };
}

export interface ItemRow {
  id: number;
  barcode: string;
  status: string;
  loanable: number;
  title_id: number;
  title: string;
  authors: string;
  material_type: string;
}

export function findItem(db: Database, barcode: string): ItemRow | undefined {
  return stmt(
    db,
    `SELECT i.id, i.barcode, i.status, i.loanable, i.title_id, t.title, t.authors, t.material_type
       FROM items i JOIN titles t ON t.id = i.title_id WHERE i.barcode = ?`,
  ).get(barcode) as ItemRow | undefined;
}

export function findPatron(db: Database, cardNumber: string): PatronRow | undefined {
  // Not SELECT *: the photo (up to ~300 kB) stays in the database at every scan.
  return stmt(
    db,
    `SELECT id, card_number, full_name, category, expires_on, blocked, block_reason, erased_at
       FROM patrons WHERE card_number = ?`,
  ).get(cardNumber) as PatronRow | undefined;
}

export interface LoanRow {
  id: number;
  uuid: string;
  item_id: number;
  patron_id: number;
  loaned_at: string;
  due_on: string;
  renewals: number;
  barcode: string;
  card_number: string;
  full_name: string;
  title: string;
  material_type: string;
}

export const loanSelect = `
  SELECT l.id, l.uuid, l.item_id, l.patron_id, l.loaned_at, l.due_on, l.renewals,
         i.barcode, p.card_number, p.full_name, t.title, t.material_type
  FROM loans l
  JOIN items i ON i.id = l.item_id
  JOIN patrons p ON p.id = l.patron_id
  JOIN titles t ON t.id = i.title_id`;

export function toLoanView(row: LoanRow, today: string): LoanView {
  return {
    id: row.id,
    item: row.barcode,
    patron: row.card_number,
    loanedAt: row.loaned_at,
    dueOn: row.due_on,
    renewals: row.renewals,
    title: row.title,
    patronName: row.full_name,
    overdue: row.due_on < today,
  };
}

export function openLoansOfPatron(db: Database, patronId: number, today: string): LoanView[] {
  const rows = stmt(db, `${loanSelect} WHERE l.patron_id = ? AND l.returned_at IS NULL ORDER BY l.due_on, l.id`).all(
    patronId,
  ) as LoanRow[];
  return rows.map((r) => toLoanView(r, today));
}
