import { readFileSync } from 'node:fs';
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

/** Open the readers screen and wait until its search box has the focus. */
export async function openReaders(page: Page, url: string): Promise<void> {
  await page.goto(`${url}#/readers`);
  await expect(page.getByTestId('reader-search')).toBeFocused();
}

/** Search the readers from the search box, and wait for the count line to name the query. */
export async function searchReaders(page: Page, query: string): Promise<void> {
  const box = page.getByTestId('reader-search');
  await box.fill(query);
  await box.press('Enter');
  await expect(page.getByTestId('reader-results-count')).toContainText(query.trim());
}

/** A small PNG picture (24 × 30 px, a colour gradient), for the photo field. */
export const tinyPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAABgAAAAeCAIAAAC5TEmyAAAFKElEQVR42hXUoa6DQABEUSRBVSBQpHIlQSEQVQS5kqAQCBSpXNmgKhBVBHklQVUgUKRyJUEhECjCZzzefMARk8kYhoFlYBu4BsLANwgNIgNpkBrkBqWBMqgMaoPGAIPeYDCYDLTBYrAZHAaGYWKZ2CauiTDxTUKTyESapCa5SWmiTCqT2qQxwaQ3GUwmE22ymGwmh3lBN6wb9g33hrjh3whvRDfkjfRGfqO8oW5UN+obzQ1u9DeGG9MNfWO5sd04bhfkYDnYDq6DcPAdQofIQTqkDrlD6aAcKofaoXHAoXcYHCYH7bA4bA6Hc0F3rDv2HfeOuOPfCe9Ed+Sd9E5+p7yj7lR36jvNHe70d4Y70x19Z7mz3TnuFySwBLbAFQiBLwgFkUAKUkEuKAVKUAlqQSNA0AsGwSTQgkWwCQ5xQR6Wh+3heggP3yP0iDykR+qRe5QeyqPyqD0aDzx6j8Fj8tAei8fmcXgXFGAF2AFugAjwA8KAKEAGpAF5QBmgAqqAOqAJIKAPGAKmAB2wBGwBR3BBD6wH9gP3gXjgPwgfRA/kg/RB/qB8oB5UD+oHzQMe9A+GB9MD/WB5sD04HhcUY8XYMW6MiPFjwpgoRsakMXlMGaNiqpg6pokhpo8ZYqYYHbPEbDFHfEESS2JLXImQ+JJQEkmkJJXkklKiJJWkljQSJL1kkEwSLVkkm+SQF5RgJdgJboJI8BPChChBJqQJeUKZoBKqhDqhSSChTxgSpgSdsCRsCUdyQRlWhp3hZogMPyPMiDJkRpqRZ5QZKqPKqDOaDDL6jCFjytAZS8aWcWQXVGAV2AVugSjwC8KCqEAWpAV5QVmgCqqCuqApoKAvGAqmAl2wFGwFR3FBT6wn9hP3iXjiPwmfRE/kk/RJ/qR8op5UT+onzROe9E+GJ9MT/WR5sj05nheksBS2wlUIha8IFZFCKlJFrigVSlEpakWjQNErBsWk0IpFsSkOdUEvrBf2C/eFeOG/CF9EL+SL9EX+onyhXlQv6hfNC170L4YX0wv9YnmxvTheF/TGemO/cd+IN/6b8E30Rr5J3+RvyjfqTfWmftO84U3/ZngzvdFvljfbm+N9QR+sD/YH94P44H8IP0Qf5If0Q/6h/KA+VB/qD80HPvQfhg/TB/1h+bB9OD4X1GK12C1ui2jxW8KWqEW2pC15S9miWqqWuqVpoaVvGVqmFt2ytGwtR3tBYIEN7v9D4EMI0f+ASSGH8r9fKqih4T89DDCBhgU2OK4rNzqsDrvD7RAdfkfYEXXIjrQj7yg7VEfVUXc0HXT0HUPH1KE7lo6t4+gu6Iv1xf7ifhFf/C/hl+iL/JJ+yb+UX9SX6kv9pfnCl/7L8GX6or8sX7Yvx/eCRqwRe8QdESP+SDgSjciRdCQfKUfUSDVSjzQjjPQjw8g0okeWkW3kGC/oh/XD/uH+ED/8H+GP6If8kf7If5Q/1I/qR/2j+cGP/sfwY/qhfyw/th/H74I0lsbWuBqh8TWhJtJITarJNaVGaSpNrWn0f8O9ZtBMGq1ZNJvm0Bc0Y83YM+6MmPFnwploRs6kM/lMOaNmqpl6pplhpp8ZZqYZPbPMbDPHfEEr1oq94q6IFX8lXIlW5Eq6kq+UK2qlWqlXmhVW+pVhZVrRK8vKtnKsF7Rj7dg77o7Y8XfCnWhH7qQ7+U65o3aqnXqn2WGn3xl2ph29s+xsO8d+QSfWiX3inogT/yQ8iU7kSXqSn5Qn6qQ6qU+aE076k+FkOtEny8l2cpz8Aci3S+0uSgK9AAAAAElFTkSuQmCC',
  'base64',
);

/** Search the readers screen and open one reader's record from the results. */
export async function openRecord(page: Page, query: string, name: string | RegExp): Promise<void> {
  await searchReaders(page, query);
  await page.getByTestId('reader-results').getByRole('button', { name }).first().click();
  await expect(page.getByTestId('reader-record').getByTestId('record-name')).toBeVisible();
}

/** Press Tab (or Shift+Tab) until the focus is on what `selector` matches: the keyboard's way to a control. */
export async function tabTo(page: Page, selector: string, back = false, max = 60): Promise<void> {
  for (let i = 0; i < max; i += 1) {
    if (await page.evaluate(`document.activeElement?.matches(${JSON.stringify(selector)}) ?? false`)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  await expect(page.locator(selector)).toBeFocused();
}

/** The first bytes of a download, to tell a PDF (%PDF) from anything else. */
export async function downloadHead(download: { path(): Promise<string> }, bytes = 5): Promise<string> {
  return readFileSync(await download.path())
    .subarray(0, bytes)
    .toString('latin1');
}
