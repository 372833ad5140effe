import { makeLibraryBarcode } from '../../shared/barcode';
import { expect, mustCall, test } from './desk-fixture';
import { expectedDueOn, openDesk, scan, seedLibrary, viDate } from './seed';

test('lends three items scanned one by one, then takes them back on the return screen', async ({ page, desk }) => {
  const { hoa, books } = await seedLibrary(desk);
  const lent = books.slice(0, 3);
  const due = await expectedDueOn(desk, hoa.category);
  const status = page.getByTestId('live-status');
  // No script error and no CSP violation along the way.
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });

  await openDesk(page, desk.url);
  await expect(page.getByTestId('scan-box')).toBeFocused();
  await expect(page.getByRole('dialog')).toHaveCount(0);

  await scan(page, hoa.card);
  await expect(page.getByTestId('patron-name')).toHaveText(hoa.name);
  await expect(status).toContainText(hoa.name);
  await expect(status).toContainText(hoa.card);
  await expect(page.getByTestId('patron-panel')).toContainText('Người lớn');

  for (const book of lent) {
    await scan(page, book.barcode);
    await expect(status).toContainText(`Đã cho mượn «${book.title}» (${book.barcode}), hạn trả ${viDate(due)}`);
    const row = page.getByTestId('session-loans').locator(`tr[data-item="${book.barcode}"]`);
    await expect(row).toContainText(book.title);
    await expect(row).toContainText(viDate(due));
    await expect(page.getByTestId('scan-box')).toBeFocused();
  }
  await expect(page.getByTestId('session-loans').locator('tbody tr[data-item]')).toHaveCount(3);
  await expect(page.getByTestId('patron-loans').locator('tbody tr[data-item]')).toHaveCount(3);
  await expect(page.getByTestId('live-alert')).toHaveText('');

  // The desk agrees: three open loans, each due on the date shown.
  const loans = await mustCall(desk, 'circulation.loans', { patron: hoa.card });
  expect(loans.map((l) => l.item).sort()).toEqual(lent.map((b) => b.barcode).sort());
  for (const loan of loans) expect(loan.dueOn).toBe(due);

  await page.getByTestId('nav-return').click();
  await expect(page).toHaveURL(/#\/return$/u);
  await expect(page.getByTestId('nav-return')).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('scan-box')).toBeFocused();
  for (const book of lent) {
    await scan(page, book.barcode);
    await expect(status).toContainText(`Đã nhận trả «${book.title}» (${book.barcode}) của ${hoa.name}`);
    const row = page.getByTestId('return-results').locator(`tr[data-item="${book.barcode}"]`);
    await expect(row).toContainText(book.title);
    await expect(row).toContainText(hoa.name);
    await expect(row).toContainText(viDate(due));
    await expect(row).toContainText('Đúng hạn');
  }
  await expect(page.getByTestId('return-results').locator('tbody tr[data-item]')).toHaveCount(3);
  expect(await mustCall(desk, 'circulation.loans', { patron: hoa.card })).toEqual([]);
  await expect(page.getByTestId('status-bar')).toContainText('Đang cho mượn: 0');
  expect(problems).toEqual([]);
});

test('scans typed back to back, ended by Tab, are handled in order', async ({ page, desk }) => {
  const { hoa, books } = await seedLibrary(desk);
  await openDesk(page, desk.url);
  const box = page.getByTestId('scan-box');
  await expect(box).toBeFocused();

  // No waiting between scans: the card's lookup must finish before the items are lent.
  for (const code of [hoa.card, books[0]!.barcode, books[1]!.barcode]) await scan(page, code, 'Tab');
  await expect(page.getByTestId('session-loans').locator('tbody tr[data-item]')).toHaveCount(2);
  await expect(page.getByTestId('live-status')).toContainText(books[1]!.barcode);
  await expect(box).toBeFocused();
  await expect(box).toHaveValue('');

  // Finish clears the reader and keeps the scan box ready.
  await page.keyboard.press('F9');
  await expect(page.getByTestId('patron-panel')).toContainText('Chưa có bạn đọc');
  await expect(page.getByTestId('live-status')).toContainText(`${hoa.name}: cho mượn 2 tài liệu`);
  await expect(box).toBeFocused();
});

test('a scan typed the moment F3 is pressed lands on the return screen, whole', async ({ page, desk }) => {
  const { hoa, books } = await seedLibrary(desk);
  await openDesk(page, desk.url);
  for (const code of [hoa.card, books[0]!.barcode, books[1]!.barcode]) await scan(page, code);
  await expect(page.getByTestId('session-loans').locator('tbody tr[data-item]')).toHaveCount(2);

  // A librarian ends the loan, switches and scans in one movement: no key may reach the screen being left.
  await page.keyboard.press('F9');
  await page.keyboard.press('F3');
  await page.keyboard.type(books[0]!.barcode, { delay: 2 });
  await page.keyboard.press('Enter');
  await page.keyboard.press('F2');
  await page.keyboard.press('F3');
  await page.keyboard.type(books[1]!.barcode, { delay: 2 });
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Trả tài liệu');
  await expect(page.getByTestId('live-status')).toContainText(books[1]!.barcode);
  // The return screen is new after F2 and F3: only the second return is listed, and neither scan was refused.
  await expect(page.getByTestId('return-results').locator('tbody tr[data-item]')).toHaveCount(1);
  expect((await mustCall(desk, 'patrons.get', { cardNumber: hoa.card })).loans).toHaveLength(0);
});

test('the language switch turns the screens and the desk’s own messages to English and back', async ({
  page,
  desk,
}) => {
  const { hoa } = await seedLibrary(desk);
  await openDesk(page, desk.url);
  await page.getByTestId('language-en').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByTestId('nav-checkout')).toContainText('Check out');
  await expect(page.getByTestId('language-en')).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByTestId('scan-box')).toBeFocused();
  await expect.poll(async () => (await mustCall(desk, 'settings.get', {})).language).toBe('en');

  const unknown = makeLibraryBarcode(2, 1, 999);
  await scan(page, unknown);
  await expect(page.getByTestId('live-alert')).toContainText(`No reader card ${unknown}`);
  await scan(page, hoa.card);
  await expect(page.getByTestId('patron-panel')).toContainText('Adult');

  await openDesk(page, desk.url);
  await expect(page.getByTestId('nav-return')).toContainText('Return');
  await page.getByTestId('language-vi').click();
  await expect(page.getByTestId('nav-return')).toContainText('Trả');
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
});
