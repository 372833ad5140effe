import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { makeLibraryBarcode } from '../../shared/barcode';
import { expect, mustCall, test } from './desk-fixture';
import { downloadHead, openDesk, scan, seedLibrary, tabTo } from './seed';

// Long keyboard walks and PDFs rendered by the desk: more than the default 30 s on a shared, busy machine.
test.describe.configure({ timeout: 180_000 });

const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function violations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(tags).analyze();
  return results.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
}

test('the catalogue by keyboard alone: search as you type, open, edit, add a copy with the next accession number, labels', async ({
  page,
  desk,
}) => {
  const { books } = await seedLibrary(desk);
  await openDesk(page, desk.url);
  const status = page.getByTestId('live-status');

  await page.keyboard.press('F6');
  const query = page.getByTestId('catalog-query');
  await expect(query).toBeFocused();
  // Without tone marks, the last word still being typed.
  await page.keyboard.type('truyen ki', { delay: 20 });
  const results = page.getByTestId('catalog-results');
  await expect(results.getByRole('button')).toHaveCount(1);
  await expect(results).toContainText('Truyện Kiều');
  await expect(results.getByTestId('availability')).toContainText('1/1');
  await expect(status).toContainText('Tìm thấy 1 đầu sách');

  await page.keyboard.press('ArrowDown');
  await expect(results.getByRole('button').first()).toBeFocused();
  await page.keyboard.press('Enter');
  const detail = page.getByTestId('title-detail');
  await expect(detail.getByRole('heading', { level: 2 })).toBeFocused();
  await expect(detail.getByTestId('title-copies')).toContainText(books[1]!.barcode);
  expect(await violations(page)).toEqual([]);

  // Edit the record.
  await tabTo(page, '[data-testid="title-edit"]');
  await page.keyboard.press('Enter');
  const form = page.getByTestId('title-form');
  await expect(form.getByRole('heading', { level: 2 })).toBeFocused();
  await tabTo(page, '[data-testid="title-field-publisher"]');
  await page.keyboard.type('Văn học');
  await tabTo(page, '[data-testid="title-field-year"]');
  await page.keyboard.type('2019');
  await tabTo(page, '[data-testid="title-field-subjects"]');
  await page.keyboard.type('Thơ lục bát');
  await tabTo(page, '[data-testid="title-save"]');
  await page.keyboard.press('Enter');
  await expect(status).toContainText('Đã lưu biểu ghi «Truyện Kiều»');
  await expect(detail).toContainText('Văn học, 2019');

  // Add a copy: the next accession number of the first register (VV) is shown before it is given.
  const newCopy = makeLibraryBarcode(3, 1, 900);
  await tabTo(page, '[data-testid="add-copies-barcodes"]');
  await page.keyboard.type(newCopy);
  await expect(page.getByTestId('add-copies-next')).toContainText('VV00001');
  await tabTo(page, '[data-testid="add-copies-submit"]');
  await page.keyboard.press('Enter');
  await expect(status).toContainText('Đã thêm 1 bản sách');
  await expect(detail.getByTestId('title-copies').locator('tbody tr')).toHaveCount(2);
  await expect(detail.getByTestId('title-copies')).toContainText('VV00001');

  // Labels for the title's copies, as a PDF.
  await tabTo(page, '[data-testid="labels-print"]');
  await page.keyboard.press('Enter');
  const labels = page.getByTestId('labels-document');
  await expect(labels).toBeVisible({ timeout: 30_000 });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    labels.getByTestId('labels-document-download').click(),
  ]);
  expect(await downloadHead(download)).toBe('%PDF-');

  // The same search finds the subject just added, and the filter for accessible formats finds nothing here.
  await page.getByTestId('catalog-query').fill('');
  await page.getByTestId('catalog-query').focus();
  await page.keyboard.type('luc bat', { delay: 20 });
  await expect(results).toContainText('Truyện Kiều');
  expect(await violations(page)).toEqual([]);
  await page.screenshot({ path: 'test-results/catalog-screen.png', fullPage: true });

  const stored = await mustCall(desk, 'catalog.search', { query: 'luc bat' });
  expect(stored[0]?.copies.map((c) => c.accessionNumber)).toContain('VV00001');
});

test('checkout: an unknown item barcode offers a minimal record, the loan goes ahead, the record waits for completion', async ({
  page,
  desk,
}) => {
  const { hoa } = await seedLibrary(desk);
  await openDesk(page, desk.url);
  const unknown = makeLibraryBarcode(3, 1, 777);
  await scan(page, hoa.card);
  await expect(page.getByTestId('live-status')).toContainText(hoa.name);
  await scan(page, unknown);
  const quick = page.getByTestId('quick-add');
  await expect(quick).toBeVisible();
  await expect(page.getByTestId('quick-add-title')).toBeFocused();
  await expect(page.getByTestId('live-alert')).toContainText(unknown);
  expect(await violations(page)).toEqual([]);
  await page.screenshot({ path: 'test-results/quick-add.png', fullPage: true });

  // Typed faster than any person (as the test driver does, four keys in a few milliseconds look like a
  // scanner's burst), letters keep their order, composed ones that come without a key included.
  const titleField = page.getByTestId('quick-add-title');
  for (const text of ['Chuyện kể bản Thèn Sin', 'Nguyễn Thị Hằng đọc truyện', 'Dế Mèn phiêu lưu ký']) {
    await page.keyboard.type(text);
    await expect(titleField).toHaveValue(text);
    await titleField.fill('');
  }

  await page.keyboard.type('Chuyện kể bản Thèn Sin');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Lò Văn Pọm');
  await page.keyboard.press('Enter');
  await expect(quick).toHaveCount(0);
  await expect(page.getByTestId('live-status')).toContainText('Chuyện kể bản Thèn Sin');
  await expect(page.getByTestId('session-loans')).toContainText(unknown);
  await expect(page.getByTestId('scan-box')).toBeFocused();

  const incomplete = await mustCall(desk, 'catalog.incomplete', {});
  expect(incomplete.titles.map((t) => [t.title, t.authors, t.copies[0]?.status])).toEqual([
    ['Chuyện kể bản Thèn Sin', ['Lò Văn Pọm'], 'on_loan'],
  ]);

  // The catalogue lists it to complete.
  await page.keyboard.press('F6');
  await tabTo(page, '[data-testid="catalog-incomplete-toggle"]');
  await expect(page.getByTestId('catalog-incomplete-toggle')).toContainText('(1)');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('catalog-incomplete')).toContainText('Chuyện kể bản Thèn Sin');
  expect(await violations(page)).toEqual([]);
});

test('the accession register prints for a date range, in English too', async ({ page, desk }) => {
  await seedLibrary(desk);
  await mustCall(desk, 'settings.update', { language: 'en' });
  await page.goto(`${desk.url}#/catalog`);
  await expect(page.getByTestId('catalog-query')).toBeFocused();
  await tabTo(page, '[data-testid="register-print"]');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('register-document')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('live-status')).toContainText('so-dang-ky-ca-biet');
  expect(await violations(page)).toEqual([]);
});
