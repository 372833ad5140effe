import { expect, type Page } from '@playwright/test';
import { makeLibraryBarcode } from '../../shared/barcode';
import type { LoanView, Patron, PatronCategory } from '../../shared/domain';
import { mustCall, type DeskProcess } from './desk-fixture';

export interface Reader {
  name: string;
  card: string;
  category: PatronCategory;
}

export interface Book {
  title: string;
  barcode: string;
}

export interface Library {
  hoa: Reader;
  minh: Reader;
  books: Book[];
}

const titles: [string, string][] = [
  ['Dế Mèn phiêu lưu ký', 'Tô Hoài'],
  ['Truyện Kiều', 'Nguyễn Du'],
  ['Số đỏ', 'Vũ Trọng Phụng'],
  ['Tắt đèn', 'Ngô Tất Tố'],
  ['Nỗi buồn chiến tranh', 'Bảo Ninh'],
];

/** Dismiss the first run (start empty), then two readers and five books, each with one copy. */
export async function seedLibrary(desk: DeskProcess): Promise<Library> {
  await mustCall(desk, 'system.setup', { mode: 'empty' });
  const hoa = await mustCall(desk, 'patrons.register', { fullName: 'Nguyễn Thị Hoà', category: 'adult' });
  const minh = await mustCall(desk, 'patrons.register', { fullName: 'Lò Văn Minh', category: 'adult' });
  const books: Book[] = [];
  for (const [i, [title, author]] of titles.entries()) {
    const barcode = makeLibraryBarcode(3, 1, i + 1);
    await mustCall(desk, 'catalog.addTitle', { title, authors: [author], copies: [{ barcode }] });
    books.push({ title, barcode });
  }
  return {
    hoa: { name: hoa.fullName, card: hoa.cardNumber, category: hoa.category },
    minh: { name: minh.fullName, card: minh.cardNumber, category: minh.category },
    books,
  };
}

function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/**
 * The due date a book lent today should get, worked out from what the desk
 * says (its settings, loan policies and opening calendar), not hard-coded.
 */
export async function expectedDueOn(desk: DeskProcess, category: PatronCategory): Promise<string> {
  const policies = await mustCall(desk, 'policies.list', {});
  const calendar = await mustCall(desk, 'calendar.get', {});
  const policy =
    policies.find((p) => p.patronCategory === category && p.materialType === 'book') ??
    policies.find((p) => p.patronCategory === category && p.materialType === '*') ??
    policies.find((p) => p.patronCategory === '*' && p.materialType === 'book') ??
    policies.find((p) => p.patronCategory === '*' && p.materialType === '*');
  if (!policy) throw new Error('no loan policy for books');
  const today = await deskToday(desk);
  let due = addDays(today, policy.loanDays);
  const closed = new Set(calendar.closedDates.map((c) => c.date));
  while (!calendar.openWeekdays.includes(new Date(`${due}T00:00:00Z`).getUTCDay()) || closed.has(due)) {
    due = addDays(due, 1);
  }
  return due;
}

/** A due date as the desk shows it in Vietnamese: dd/mm/yyyy. */
export function viDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-');
  return `${d}/${m}/${y}`;
}

/** Type a code as a keyboard-wedge scanner does: fast keystrokes, then Enter. */
export async function scan(page: Page, code: string, end: 'Enter' | 'Tab' = 'Enter'): Promise<void> {
  await page.keyboard.type(code, { delay: 5 });
  await page.keyboard.press(end);
}

/** Open the desk and wait until its scan box has the focus, so no keystroke is lost while it loads. */
export async function openDesk(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByTestId('scan-box')).toBeFocused();
}

/**
 * An overdue loan in the demo library, found through the Local API: readers by
 * card-number prefix, then their open loans.
 */
export async function findOverdueLoan(desk: DeskProcess): Promise<{ loan: LoanView; reader: Patron }> {
  for (let block = 0; block < 100; block += 1) {
    const readers = await mustCall(desk, 'patrons.search', {
      query: `20001000${String(block).padStart(3, '0')}`,
      limit: 200,
    });
    for (const reader of readers) {
      const loans = await mustCall(desk, 'circulation.loans', { patron: reader.cardNumber });
      const loan = loans.find((l) => l.overdue);
      if (loan) return { loan, reader };
    }
  }
  throw new Error('the demo library holds no overdue loan');
}

/** Whole days from one calendar date to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Today in the desk's time zone, as YYYY-MM-DD. */
export async function deskToday(desk: DeskProcess): Promise<string> {
  const { timeZone } = await mustCall(desk, 'settings.get', {});
  return new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date());
}
