import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, mustCall, test } from './desk-fixture';
import { openDesk, openReaders, openRecord, scan, searchReaders, seedLibrary, tinyPng } from './seed';

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

test('the readers screen with search results and a record open has no axe violations', async ({ page, desk }) => {
  const { hoa, books } = await seedLibrary(desk);
  await mustCall(desk, 'patrons.update', {
    cardNumber: hoa.card,
    dateOfBirth: '1985-09-02',
    phone: '0912345678',
    photo: `data:image/png;base64,${tinyPng.toString('base64')}`,
  });
  await mustCall(desk, 'patrons.setSensitive', { cardNumber: hoa.card, consent: true, ethnicity: 'Thái' });
  await mustCall(desk, 'circulation.checkout', { patron: hoa.card, item: books[0]!.barcode });
  await mustCall(desk, 'patrons.setBlock', { cardNumber: hoa.card, blocked: true, reason: 'Làm mất sách' });
  await mustCall(desk, 'patrons.register', { fullName: 'Nguyễn Văn Hoà', expiresOn: '2024-01-31' });
  await openReaders(page, desk.url);
  await searchReaders(page, 'hoa');
  await expect(page.getByTestId('reader-results').getByRole('button')).toHaveCount(2);
  expect(await violations(page)).toEqual([]);

  await page
    .getByTestId('reader-results')
    .getByRole('button', { name: /Nguyễn Thị Hoà/u })
    .click();
  await expect(page.getByTestId('record-blocked')).toBeVisible();
  await page.getByTestId('print-card').click();
  await expect(page.getByTestId('document-card')).toBeVisible();
  await page.getByTestId('sensitive-reader').click();
  await expect(page.getByTestId('sensitive-form')).toBeVisible();
  expect(await violations(page)).toEqual([]);

  await page.getByTestId('edit-reader').click();
  await expect(page.getByTestId('edit-form')).toBeVisible();
  expect(await violations(page)).toEqual([]);
});

test('the registration form with errors shown, and the duplicates panel, have no axe violations', async ({
  page,
  desk,
}) => {
  await seedLibrary(desk);
  await mustCall(desk, 'patrons.register', { fullName: 'Lò Văn Đức', dateOfBirth: '1990-05-12', phone: '0912345678' });
  await openReaders(page, desk.url);
  await page.getByTestId('open-register').click();
  const form = page.getByTestId('register-form');
  await form.getByLabel('Số điện thoại').fill('12ab');
  await form.getByLabel('Số căn cước công dân (CCCD)').fill('0120-88!');
  await form.getByLabel('Đối tượng bạn đọc').selectOption('child');
  await form.getByTestId('consent').check();
  await page.getByTestId('reader-submit').click();
  await expect(page.getByTestId('error-summary')).toBeFocused();
  await expect(page.getByTestId('error-summary').getByRole('listitem')).toHaveCount(3);
  expect(await violations(page)).toEqual([]);

  await form.getByLabel(/Họ và tên/u).fill('Lo Van Duc');
  await form.getByLabel('Ngày sinh').fill('1990-05-12');
  await form.getByLabel('Số điện thoại').fill('0912345678');
  await form.getByLabel('Số căn cước công dân (CCCD)').fill('');
  await page.getByTestId('reader-submit').click();
  await expect(page.getByTestId('duplicates')).toBeVisible();
  expect(await violations(page)).toEqual([]);
});

test('the erase dialog with a refusal, and the batch panel, have no axe violations', async ({ page, desk }) => {
  const { minh, books } = await seedLibrary(desk);
  await mustCall(desk, 'circulation.checkout', { patron: minh.card, item: books[0]!.barcode });
  await openReaders(page, desk.url);
  await openRecord(page, minh.card, /Lò Văn Minh/u);
  await page.getByTestId('erase-reader').click();
  await page.getByTestId('erase-confirm').fill(minh.card);
  await page.getByTestId('erase-submit').click();
  await expect(page.getByTestId('erase-refusal')).toContainText('đang mượn');
  expect(await violations(page)).toEqual([]);
  await page.keyboard.press('Escape');

  await page.getByTestId('open-batch').click();
  await page.getByTestId('batch-today').click();
  await expect(page.getByTestId('document-sheet')).toBeVisible();
  expect(await violations(page)).toEqual([]);
});

test('the checkout’s name search and the English readers screen have no axe violations', async ({ page, desk }) => {
  const { hoa } = await seedLibrary(desk);
  await openDesk(page, desk.url);
  await scan(page, 'lo van');
  await expect(page.getByTestId('patron-picker')).toBeVisible();
  expect(await violations(page)).toEqual([]);

  await mustCall(desk, 'settings.update', { language: 'en' });
  await openReaders(page, desk.url);
  await openRecord(page, hoa.card, /Nguyễn Thị Hoà/u);
  await page.getByTestId('open-register').click();
  await page.getByTestId('reader-submit').click();
  await expect(page.getByTestId('error-summary')).toBeFocused();
  expect(await violations(page)).toEqual([]);
});
