import { expect, mustCall, test } from './desk-fixture';
import { downloadHead, openDesk, scan, seedLibrary, tabTo } from './seed';

// Keyboard events only: no click, no mouse, from the first key to the last.
test('the whole checkout and return flow works from the keyboard alone', async ({ page, desk }) => {
  const { hoa, books } = await seedLibrary(desk);
  const lent = books.slice(0, 2);
  await openDesk(page, desk.url);
  const box = page.getByTestId('scan-box');
  await expect(box).toBeFocused();

  await scan(page, hoa.card);
  await expect(page.getByTestId('patron-name')).toHaveText(hoa.name);
  for (const book of lent) {
    await scan(page, book.barcode);
    await expect(page.getByTestId('live-status')).toContainText(book.barcode);
  }
  await expect(page.getByTestId('session-loans').locator('tbody tr[data-item]')).toHaveCount(2);

  // The same item again: the desk offers a renewal, and F8 takes it.
  await scan(page, lent[0]!.barcode);
  await expect(page.getByTestId('renew')).toBeVisible();
  await page.keyboard.press('F8');
  await expect(page.getByTestId('live-status')).toContainText(`Đã gia hạn «${lent[0]!.title}»`);
  await expect(box).toBeFocused();

  // Tab from the empty scan box passes "borrow for a reader" and reaches the finish button;
  // Enter presses it and focus comes back.
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('borrow-for')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('finish')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('patron-panel')).toContainText('Chưa có bạn đọc');
  await expect(box).toBeFocused();

  // F3 opens the return screen, its scan box takes the focus.
  await page.keyboard.press('F3');
  await expect(page.getByTestId('nav-return')).toHaveAttribute('aria-current', 'page');
  await expect(box).toBeFocused();
  for (const book of lent) {
    await scan(page, book.barcode);
    await expect(page.getByTestId('return-results').locator(`tr[data-item="${book.barcode}"]`)).toContainText(hoa.name);
  }
  expect(await mustCall(desk, 'circulation.loans', { patron: hoa.card })).toEqual([]);

  // Shift+Tab walks back through the header to the navigation; Enter follows the link.
  const checkoutLink = page.getByTestId('nav-checkout');
  for (let i = 0; i < 40; i += 1) {
    await page.keyboard.press('Shift+Tab');
    if ((await page.evaluate('document.activeElement?.dataset.testid')) === 'nav-checkout') break;
  }
  await expect(checkoutLink).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(checkoutLink).toHaveAttribute('aria-current', 'page');
  await expect(box).toBeFocused();
});

test('the first-run dialog can be answered from the keyboard', async ({ page, desk }) => {
  await page.goto(desk.url);
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  // Focus starts inside the dialog and stays there: Tab cycles between its two choices.
  const empty = dialog.getByRole('button', { name: /Bắt đầu với thư viện trống/u });
  await expect(empty).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: /Nạp dữ liệu mẫu/u })).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(empty).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('scan-box')).toBeFocused();
});

// Counts any pointer or mouse event the page receives: the test below must leave it at zero.
const pointerWatch = `(() => {
  window.__pointerEvents = 0;
  for (const type of ['pointerdown', 'pointerup', 'mousedown', 'mouseup']) {
    window.addEventListener(type, () => { window.__pointerEvents += 1; }, true);
  }
})()`;

test('registering a reader and printing their card works from the keyboard alone', async ({ page, desk }) => {
  await seedLibrary(desk);
  await page.addInitScript(pointerWatch);
  await openDesk(page, desk.url);

  // F4 opens the readers screen with the focus in its search box.
  await page.keyboard.press('F4');
  await expect(page.getByTestId('nav-readers')).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('reader-search')).toBeFocused();
  await tabTo(page, '[data-testid="open-register"]', true);
  await page.keyboard.press('Enter');
  const form = page.getByTestId('register-form');
  await expect(form.getByLabel(/Họ và tên/u)).toBeFocused();
  await page.keyboard.type('Lò Thị Mai');
  await tabTo(page, 'input[name="phone"]');
  await page.keyboard.type('0915 222 333');
  await tabTo(page, 'input[name="commune"]');
  await page.keyboard.type('Bản Bo');
  // The consent box is a checkbox: Space ticks it, and the sensitive fields appear.
  await tabTo(page, '[data-testid="consent"]');
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Dao');
  await tabTo(page, '[data-testid="reader-submit"]');
  await page.keyboard.press('Enter');

  const status = page.getByTestId('live-status');
  await expect(status).toContainText('Đã đăng ký bạn đọc Lò Thị Mai, số thẻ');
  const card = /số thẻ (\d{14})/u.exec((await status.textContent()) ?? '')![1]!;
  await expect(page.getByTestId('print-card')).toBeFocused();
  await page.keyboard.press('Enter');
  const link = page.getByTestId('document-card-download');
  await expect(link).toBeFocused();
  await expect(link).toHaveAttribute('download', `the-ban-doc-${card}.pdf`);
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  expect(await downloadHead(download)).toBe('%PDF-');

  // F4 again: back to the search; the new reader is found without tone marks and opened with Enter.
  await page.keyboard.press('F4');
  await expect(page.getByTestId('reader-search')).toBeFocused();
  await page.keyboard.type('lo thi mai');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('reader-results-count')).toContainText('lo thi mai');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('reader-results').getByRole('button').first()).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('reader-record').getByRole('heading', { level: 2 })).toBeFocused();
  await expect(page.getByTestId('record-ethnicity')).toHaveText('Dao');

  const stored = await mustCall(desk, 'patrons.get', { cardNumber: card });
  expect(stored.record).toMatchObject({ fullName: 'Lò Thị Mai', phone: '0915222333', commune: 'Bản Bo' });
  expect(await page.evaluate('window.__pointerEvents')).toBe(0);
});
