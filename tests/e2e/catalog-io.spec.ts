import { readFileSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, mustCall, test, type DeskProcess } from './desk-fixture';
import { openDesk, tabTo } from './seed';

const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const fixtures = path.join(import.meta.dirname, '../fixtures/marc');

async function expectAxeClean(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(tags).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** The navigation link from the checkout screen (by Tab), then the file chosen from the keyboard (Enter on the file input). */
async function openAndChoose(page: Page, desk: DeskProcess, file: { name: string; mimeType: string; buffer: Buffer }) {
  // An empty library: no first-run dialog in the way.
  await mustCall(desk, 'system.setup', { mode: 'empty' });
  await openDesk(page, desk.url);
  await tabTo(page, '[data-testid="nav-catalogIo"]');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Nhập và xuất biểu ghi');
  await tabTo(page, '[data-testid="import-file"]');
  const chooser = page.waitForEvent('filechooser');
  await page.keyboard.press('Enter');
  await (await chooser).setFiles(file);
}

test('MARC21: preview, dry run with a progress bar (nothing changed), import, error report — keyboard only', async ({
  page,
  desk,
}) => {
  // The 20 LC records, then the structurally bad ones: errors to report.
  const marc = readFileSync(path.join(fixtures, 'marc.dat'));
  const bytes = Buffer.concat([marc, readFileSync(path.join(fixtures, 'bad_records.mrc'))]);
  await openAndChoose(page, desk, { name: 'lc.mrc', mimeType: 'application/marc', buffer: bytes });
  await expect(page.getByTestId('import-format')).toHaveText('Định dạng: MARC21 ISO 2709');
  const preview = page.getByTestId('import-preview');
  await expect(preview.getByRole('row').nth(1)).toContainText('The pragmatic programmer : from journeyman to master');
  await expectAxeClean(page);

  await tabTo(page, '[data-testid="import-dry-run"]');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('import-report')).toContainText('Kết quả chạy thử (không có gì thay đổi)');
  await expect(page.getByTestId('import-counts')).toHaveText(
    'Biểu ghi: 28 · đã nhập: 20 (bản sách: 0) · bỏ qua vì trùng: 2 · lỗi: 6',
  );
  expect(await mustCall(desk, 'catalog.search', { query: 'pragmatic' })).toEqual([]);

  await tabTo(page, '[data-testid="import-run"]', true);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('import-report')).toContainText('Kết quả');
  await expect(page.getByRole('status')).toContainText('Đã nhập xong: 20 biểu ghi');
  const issues = page.getByTestId('import-issues');
  await expect(issues.getByRole('row')).toHaveCount(7);
  await expect(issues.getByRole('row').nth(1)).toContainText('22');
  // bad_records.mrc's two good records are the same book as marc.dat's first (same title, no author or year): skipped.
  expect((await mustCall(desk, 'catalog.search', { query: 'pragmatic' })).length).toBe(1);
  await expectAxeClean(page);
  await page.screenshot({ path: 'test-results/catalog-io-marc.png', fullPage: true });
});

test('a bigger file shows a progress bar while it imports', async ({ page, desk }) => {
  const marc = readFileSync(path.join(fixtures, 'marc.dat'));
  await openAndChoose(page, desk, {
    name: 'many.mrc',
    mimeType: 'application/marc',
    buffer: Buffer.concat(Array.from({ length: 60 }, () => marc)),
  });
  await expect(page.getByTestId('import-format')).toBeVisible();
  await tabTo(page, '[data-testid="import-dry-run"]');
  // Watched every frame from before the key is pressed: a fast machine may finish in well under a second,
  // too quickly for a locator's polling, yet the bar must still have been drawn, named, while it ran.
  const drawn = page.waitForFunction(
    `(() => {
      const bar = document.querySelector('progress');
      const label = bar && document.getElementById(bar.getAttribute('aria-labelledby') ?? '');
      return label ? label.textContent : false;
    })()`,
    undefined,
    { polling: 'raf', timeout: 30_000 },
  );
  await page.keyboard.press('Enter');
  expect(await (await drawn).jsonValue()).toBe('Đang nhập…');
  await expect(page.getByTestId('import-counts')).toContainText('Biểu ghi: 1200', { timeout: 60_000 });
  await expect(page.getByRole('progressbar')).toHaveCount(0);
});

test('CSV with Vietnamese headers: suggested columns, import, then export as CSV for Excel', async ({ page, desk }) => {
  const csv = [
    'Nhan đề,Tác giả,Năm xuất bản,Mã vạch,Số ĐKCB',
    'Dế Mèn phiêu lưu ký,Tô Hoài,2019,VV-1001,VV00001',
    'Dế Mèn phiêu lưu ký,Tô Hoài,2019,VV-1002,VV00002',
    'Vợ chồng A Phủ,Tô Hoài,2020,VV-1003,VV00003',
  ].join('\r\n');
  await openAndChoose(page, desk, { name: 'sach.csv', mimeType: 'text/csv', buffer: Buffer.from(`\ufeff${csv}\r\n`) });
  await expect(page.getByTestId('import-format')).toHaveText('Định dạng: CSV');
  await expect(page.getByTestId('mapping-title')).toHaveValue('Nhan đề');
  await expect(page.getByTestId('mapping-accessionNumber')).toHaveValue('Số ĐKCB');
  await expect(page.getByTestId('mapping-isbn')).toHaveValue('');
  await expectAxeClean(page);
  await page.screenshot({ path: 'test-results/catalog-io-csv.png', fullPage: true });

  await tabTo(page, '[data-testid="import-run"]');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('import-counts')).toHaveText(
    'Biểu ghi: 2 · đã nhập: 2 (bản sách: 3) · bỏ qua vì trùng: 0 · lỗi: 0',
  );

  await tabTo(page, '[data-testid="export-csv"]');
  await page.keyboard.press('Enter');
  const link = page.getByTestId('export-file-download');
  await expect(link).toBeFocused();
  const downloading = page.waitForEvent('download');
  await page.keyboard.press('Enter');
  const download = await downloading;
  const bytes = readFileSync(await download.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.toString('utf8').slice(1).trim().split('\r\n');
  expect(lines).toHaveLength(4);
  expect(lines[1]).toContain('Dế Mèn phiêu lưu ký,,Tô Hoài');
  await expectAxeClean(page);
});
