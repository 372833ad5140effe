import path from 'node:path';
import { expect, mustCall, test } from './desk-fixture';
import { findOverdueLoan, openDesk, scan, seedLibrary } from './seed';

// Pictures of the screens for people to look at: `SHOTS_DIR=/tmp/shots npx playwright test screenshots`.
const shotsDir = process.env.SHOTS_DIR;
test.skip(!shotsDir, 'set SHOTS_DIR to take screenshots');

test('screenshots of the desk', async ({ page, desk }) => {
  const shot = (name: string) => page.screenshot({ path: path.join(shotsDir!, `${name}.png`), fullPage: true });

  await page.goto(desk.url);
  await expect(page.getByRole('dialog')).toBeVisible();
  await shot('first-run');

  const { hoa, minh, books } = await seedLibrary(desk);
  await mustCall(desk, 'circulation.checkout', { patron: minh.card, item: books[4]!.barcode });
  await mustCall(desk, 'circulation.checkout', { patron: hoa.card, item: books[3]!.barcode });
  await openDesk(page, desk.url);
  await scan(page, hoa.card);
  for (const book of books.slice(0, 3)) await scan(page, book.barcode);
  await expect(page.getByTestId('session-loans').locator('tbody tr[data-item]')).toHaveCount(3);
  await shot('checkout');
  await scan(page, books[4]!.barcode);
  await expect(page.getByTestId('live-alert')).toContainText(minh.name);
  await shot('checkout-error');
  await scan(page, books[3]!.barcode);
  await expect(page.getByTestId('renew')).toBeVisible();
  await shot('checkout-renew');
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('renew')).toBeFocused();
  await shot('checkout-focus');

  await page.keyboard.press('F3');
  for (const book of books.slice(0, 4)) await scan(page, book.barcode);
  await expect(page.getByTestId('return-results').locator('tbody tr[data-item]')).toHaveCount(4);
  await shot('return');

  await page.getByTestId('language-en').click();
  await scan(page, books[4]!.barcode);
  await expect(page.getByTestId('live-status')).toContainText('Took back');
  await shot('return-en');
  await page.keyboard.press('F2');
  await scan(page, hoa.card);
  await scan(page, books[0]!.barcode);
  await expect(page.getByTestId('live-status')).toContainText('Lent');
  await shot('checkout-en');
});

test.describe('with the demo library', () => {
  test.use({ deskOptions: { demo: true } });

  test('screenshots of overdue loans and fees', async ({ page, desk }) => {
    const shot = (name: string) => page.screenshot({ path: path.join(shotsDir!, `${name}.png`), fullPage: true });
    const { loan, reader } = await findOverdueLoan(desk);
    await mustCall(desk, 'settings.update', { feesEnabled: true });
    await mustCall(desk, 'policies.upsert', {
      patronCategory: reader.category,
      materialType: '*',
      loanDays: 14,
      maxItems: 5,
      maxRenewals: 2,
      graceDays: 0,
      dailyFee: 1000,
    });
    await openDesk(page, desk.url);
    await scan(page, reader.cardNumber);
    await expect(page.getByTestId('patron-name')).toHaveText(reader.fullName);
    await expect(page.getByTestId('live-status')).toContainText('quá hạn');
    await shot('demo-checkout-overdue');
    await page.keyboard.press('F3');
    await scan(page, loan.item);
    await expect(page.getByTestId('live-status')).toContainText('tiền phạt');
    await shot('demo-return-fee');
  });
});
