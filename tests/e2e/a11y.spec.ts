import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, mustCall, test } from './desk-fixture';
import { openDesk, scan, seedLibrary } from './seed';

const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function violations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(tags).analyze();
  return results.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
}

test('the checkout screen with a reader and loans has no axe violations', async ({ page, desk }) => {
  const { hoa, books } = await seedLibrary(desk);
  await mustCall(desk, 'circulation.checkout', { patron: hoa.card, item: books[3]!.barcode });
  await openDesk(page, desk.url);
  await scan(page, hoa.card);
  await scan(page, books[0]!.barcode);
  await scan(page, books[1]!.barcode);
  await expect(page.getByTestId('patron-loans').locator('tbody tr[data-item]')).toHaveCount(3);
  await scan(page, books[1]!.barcode); // already lent to her: the alert and the renew button show too
  await expect(page.getByTestId('renew')).toBeVisible();
  expect(await violations(page)).toEqual([]);
});

test('the return screen with results has no axe violations', async ({ page, desk }) => {
  const { hoa, books } = await seedLibrary(desk);
  for (const book of books.slice(0, 2))
    await mustCall(desk, 'circulation.checkout', { patron: hoa.card, item: book.barcode });
  await openDesk(page, `${desk.url}#/return`);
  await scan(page, books[0]!.barcode);
  await scan(page, books[1]!.barcode);
  await scan(page, books[4]!.barcode); // not on loan: an error in the alert region
  await expect(page.getByTestId('return-results').locator('tbody tr[data-item]')).toHaveCount(2);
  await expect(page.getByTestId('live-alert')).not.toHaveText('');
  expect(await violations(page)).toEqual([]);
});

test('the first-run dialog has no axe violations', async ({ page, desk }) => {
  await page.goto(desk.url);
  await expect(page.getByRole('dialog')).toBeVisible();
  expect(await violations(page)).toEqual([]);
});

test('the English screens have no axe violations either', async ({ page, desk }) => {
  const { hoa, books } = await seedLibrary(desk);
  await mustCall(desk, 'settings.update', { language: 'en' });
  await openDesk(page, desk.url);
  await scan(page, hoa.card);
  await scan(page, books[0]!.barcode);
  await expect(page.getByTestId('live-status')).toContainText('Lent');
  expect(await violations(page)).toEqual([]);
});
