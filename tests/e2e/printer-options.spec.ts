import { spawnSync } from 'node:child_process';
import AxeBuilder from '@axe-core/playwright';
import { receiptHtml } from '../../electron/core/devices/printers/html';
import { receiptLines, defaultReceiptWording } from '../../electron/core/devices/printers/receipt';
import { foldText } from '../../shared/text';
import { expect, mustCall, test } from './desk-fixture';
import { openDesk, seedLibrary } from './seed';

const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

// Two axe runs of the devices screen on a shared two-core machine: room beyond the default 30 s.
test.describe.configure({ timeout: 90_000 });

test('the receipt wording form: library name, header and footer lines are stored and printed', async ({
  page,
  desk,
}) => {
  await seedLibrary(desk);
  await openDesk(page, desk.url);
  await page.keyboard.press('F5');
  const form = page.getByTestId('wording-form');
  await expect(form).toBeVisible();
  // The Vietnamese default footer, from the i18n catalogue.
  await expect(page.getByTestId('wording-footer')).toHaveValue('Xin cảm ơn! Hẹn gặp lại.');

  await page.getByTestId('wording-library').fill('TV huyện Tam Đường');
  await page.getByTestId('wording-header').fill('Tổ 3, thị trấn Tam Đường\n\nMở cửa 7:30–17:00');
  await page.getByTestId('wording-footer').fill('Giữ gìn sách chung!');
  await page.getByTestId('wording-save').click();
  await expect(page.getByTestId('live-status')).toContainText('Đã lưu nội dung phiếu');
  expect((await mustCall(desk, 'printing.getConfig', {})).wording).toMatchObject({
    libraryName: 'TV huyện Tam Đường',
    headerLines: ['Tổ 3, thị trấn Tam Đường', 'Mở cửa 7:30–17:00'],
    footerLines: ['Giữ gìn sách chung!'],
  });

  // Seven lines: refused on the page, the field says why and has the focus; nothing stored.
  await page.getByTestId('wording-header').fill('1\n2\n3\n4\n5\n6\n7');
  await page.getByTestId('wording-save').click();
  await expect(page.getByTestId('live-alert')).toContainText('chưa đúng');
  await expect(page.getByTestId('wording-header')).toBeFocused();
  await expect(page.getByTestId('wording-header')).toHaveAttribute('aria-invalid', 'true');
  expect((await mustCall(desk, 'printing.getConfig', {})).wording.headerLines).toHaveLength(2);
  const results = await new AxeBuilder({ page }).withTags(tags).analyze();
  expect(results.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target.join(' ')) }))).toEqual([]);

  // Back to the defaults, saved.
  await page.getByTestId('wording-reset').click();
  await page.getByTestId('wording-save').click();
  await expect(page.getByTestId('live-status')).toContainText('Đã lưu nội dung phiếu');
  expect((await mustCall(desk, 'printing.getConfig', {})).wording).toMatchObject({
    libraryName: '',
    headerLines: [],
    footerLines: ['Xin cảm ơn! Hẹn gặp lại.'],
  });
});

test('printer options: skip status for TCP; a Windows printer by name, which the browser shell cannot reach', async ({
  page,
  desk,
}) => {
  await seedLibrary(desk);
  await openDesk(page, desk.url);
  await page.keyboard.press('F5');
  await page.getByTestId('printer-type').selectOption('tcp');
  await page.getByTestId('printer-host').fill('127.0.0.1');
  await page.getByTestId('printer-port').fill('9100');
  await page.getByTestId('printer-skip-status').check();
  await page.getByTestId('printer-save').click();
  await expect(page.getByTestId('live-status')).toContainText('Đã lưu cài đặt máy in');
  expect(await mustCall(desk, 'printing.getConfig', {})).toMatchObject({ skipStatus: true, autoPrint: false });

  await page.getByTestId('printer-type').selectOption('system');
  // No status question for a printer the OS holds.
  await expect(page.getByTestId('printer-skip-status')).toHaveCount(0);
  await page.getByTestId('printer-save').click();
  await expect(page.getByTestId('printer-device-name')).toBeFocused();
  await expect(page.getByTestId('printer-device-name')).toHaveAttribute('aria-invalid', 'true');
  await page.getByTestId('printer-device-name').fill('XP-58');
  await page.getByTestId('printer-save').click();
  await expect(page.getByTestId('live-status')).toContainText('Đã lưu cài đặt máy in');
  expect((await mustCall(desk, 'printing.getConfig', {})).transport).toEqual({ type: 'system', deviceName: 'XP-58' });
  const results = await new AxeBuilder({ page }).withTags(tags).analyze();
  expect(results.violations.map((v) => v.id)).toEqual([]);

  // The test page waits in the queue, and the status bar says why.
  await page.getByTestId('printer-test').click();
  await expect(page.getByTestId('print-status')).toContainText('SYSTEM_PRINTER_UNAVAILABLE', { timeout: 10_000 });
  await expect(page.getByTestId('print-queue').locator('tr[data-kind="test"]')).toHaveAttribute(
    'data-status',
    /queued|printing/u,
  );
});

test('the HTML receipt for system printers renders in Chromium with every Vietnamese tone mark', async ({
  browser,
}, testInfo) => {
  const wording = {
    ...defaultReceiptWording('vi'),
    headerLines: ['Tổ 3, thị trấn Tam Đường'],
    footerLines: ['Xin cảm ơn! Hẹn gặp lại.'],
  };
  const lines = receiptLines(
    {
      kind: 'checkout',
      libraryName: 'Thư viện huyện Tam Đường',
      at: '26/11/2026 13:05',
      patron: { name: 'Nguyễn Thị Hằng', card: '20001000000012' },
      items: [
        { title: 'Truyện Kiều', barcode: '30001000000010', dueDate: '10/12/2026' },
        { title: 'Dế Mèn phiêu lưu ký', barcode: '30001000000027', dueDate: '10/12/2026' },
        { title: 'Kỹ thuật trồng thảo quả ở vùng cao Tây Bắc', barcode: '30001000000034', dueDate: '10/12/2026' },
      ],
      transaction: 'GD-000042',
    },
    wording,
  );
  const context = await browser.newContext({ deviceScaleFactor: 3 });
  const page = await context.newPage();
  await page.setContent(receiptHtml(lines, 58));
  // The body is the printable width of a 58 mm roll: 48 mm = 181.4 CSS px.
  const width = (await page.evaluate('parseFloat(getComputedStyle(document.body).width)')) as number;
  expect(Math.abs(width - (48 * 96) / 25.4)).toBeLessThan(1);
  await expect(page.locator('p').first()).toHaveText('Thư viện huyện Tam Đường');
  const file = testInfo.outputPath('receipt-58mm.png');
  await page.locator('body').screenshot({ path: file });
  await context.close();
  // Read back what Chromium drew: the reader's name and a title with stacked marks.
  const ocr = spawnSync('tesseract', [file, '-', '-l', 'vie', '--psm', '6'], { encoding: 'utf8' });
  expect(ocr.status).toBe(0);
  const text = ocr.stdout.normalize('NFC');
  expect(text).toContain('Nguyễn Thị Hằng');
  expect(text).toContain('Truyện Kiều');
  expect(foldText(text)).toContain(foldText('PHIẾU MƯỢN SÁCH'));
});
