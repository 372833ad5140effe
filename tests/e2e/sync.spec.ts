import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { startStubHub, type StubHub } from '../helpers/stub-hub';
import { expect, mustCall, test } from './desk-fixture';
import { openDesk, seedLibrary, tabTo } from './seed';

const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const CODE = 'TD-QUAY1-7K2M';

async function expectAxeClean(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(tags).analyze();
  expect(results.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target.join(' ')) }))).toEqual([]);
}

let hub: StubHub;

test.beforeEach(async () => {
  hub = await startStubHub({ codes: [CODE] });
});

test.afterEach(async () => {
  await hub.close();
});

test('enrol with a code, see sync in the status bar, resolve a conflict — keyboard only', async ({ page, desk }) => {
  // A long walk through three screens, with axe six times, on a machine shared with other work.
  test.setTimeout(240_000);
  await seedLibrary(desk);
  const { deviceId } = await mustCall(desk, 'system.info', {});
  await openDesk(page, desk.url);
  const bar = page.getByTestId('sync-status');
  await expect(bar).toHaveText('– Đồng bộ: chưa đăng ký');

  // The sync screen, from the navigation.
  await tabTo(page, '[data-testid="nav-sync"]');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Đồng bộ');
  await expect(page.getByTestId('sync-state')).toHaveText('Đồng bộ: chưa đăng ký');
  await expectAxeClean(page);

  // An address that is not one, and no code: refused on the page, in words, the first field focused.
  await tabTo(page, '[data-testid="sync-hub-url"]');
  await page.keyboard.type('dongbo.local');
  await tabTo(page, '[data-testid="sync-enrol"]');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('live-alert')).toContainText('http:// hoặc https://');
  await expect(page.getByTestId('sync-hub-url')).toBeFocused();
  await expect(page.getByTestId('sync-hub-url')).toHaveAttribute('aria-invalid', 'true');
  await expectAxeClean(page);

  // A wrong code: the hub refuses, the desk says so and stays unenrolled.
  await page.keyboard.press('Control+A');
  await page.keyboard.type(hub.url);
  await tabTo(page, '[data-testid="sync-code"]');
  await page.keyboard.type('WRONG-CODE');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('live-alert')).toContainText('Mã đăng ký không đúng');
  await expect(page.getByTestId('sync-code')).toBeFocused();
  expect((await mustCall(desk, 'sync.status', {})).state).toBe('never_enrolled');

  // The right code.
  await page.keyboard.press('Control+A');
  await page.keyboard.type(CODE);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('live-status')).toContainText('Đã đăng ký quầy với Thư viện huyện Tam Đường');
  await expect(page.getByTestId('sync-library')).toHaveText('Thư viện huyện Tam Đường');
  // The worker pushes at once: the reader registrations and titles of the seed reach the hub.
  await expect.poll(async () => (await mustCall(desk, 'sync.status', {})).pending, { timeout: 15_000 }).toBe(0);
  const { ackedThrough } = await mustCall(desk, 'sync.status', {});
  expect(ackedThrough).toBeGreaterThan(5);
  expect(hub.stored.get(deviceId)?.map((e) => e.deviceSeq)).toEqual(
    Array.from({ length: ackedThrough }, (_, i) => i + 1),
  );
  await expect(bar).toContainText('Đồng bộ: trực tuyến, chờ gửi: 0, lần cuối:', { timeout: 10_000 });
  await expect(page.getByTestId('sync-pending')).toHaveText('0');
  // The desk's own count of events waiting follows the push (it hears the 'sync' events).
  await expect(page.getByTestId('status-bar')).toContainText('Chờ đồng bộ: 0');
  await page.screenshot({ path: 'test-results/sync-screen.png', fullPage: true });

  // "Sync now" by keyboard.
  await tabTo(page, '[data-testid="sync-now"]');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('live-status')).toContainText('Đã đồng bộ. Còn 0 sự kiện chờ gửi.');

  // A conflict raised at the hub comes down with the next pull and shows in the status bar.
  const conflict = hub.addException({
    deviceId,
    kind: 'loan_conflict',
    deviceSeq: 3,
    subject: '30001000000013',
    message: 'Bản này đang được mượn ở quầy khác; lượt mượn cũ đã đóng, chưa xác minh.',
  });
  await page.keyboard.press('Enter');
  await expect(bar).toContainText('xung đột: 1', { timeout: 10_000 });

  // The conflicts screen, from the navigation.
  await tabTo(page, '[data-testid="nav-exceptions"]');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Xung đột cần xử lý');
  const row = page.getByTestId('exception-row');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Mượn trùng');
  await expect(row).toContainText('30001000000013');
  await expect(page.getByTestId('live-status')).toContainText('Có 1 xung đột');
  await expectAxeClean(page);

  await tabTo(page, '[data-testid="exception-resolve"]');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('exception-note')).toBeFocused();
  // Saving without a note is refused in words.
  await tabTo(page, '[data-testid="exception-submit"]');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('live-alert')).toContainText('Hãy ghi cách xử lý');
  await expect(page.getByTestId('exception-note')).toBeFocused();
  await expectAxeClean(page);
  await page.keyboard.type('Đã gọi điện cho hai bạn đọc; sách đã về kho ngày 12/3.');
  await tabTo(page, '[data-testid="exception-submit"]');
  await page.screenshot({ path: 'test-results/sync-exceptions.png', fullPage: true });
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('live-status')).toContainText('Đã ghi cách xử lý cho xung đột 30001000000013');
  expect(hub.exceptions.get(conflict.id)).toMatchObject({
    status: 'resolved',
    resolution: 'Đã gọi điện cho hai bạn đọc; sách đã về kho ngày 12/3.',
  });
  // Open ones only: the list is empty now; "all" shows it resolved, with the note.
  await expect(page.getByTestId('exceptions')).toContainText('Không có xung đột nào.');
  await tabTo(page, '[data-testid="exceptions-filter-open"]');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('exceptions-filter-all')).toBeChecked();
  await expect(row).toContainText('Đã xử lý');
  await expect(row).toContainText('Đã gọi điện cho hai bạn đọc');
  await expectAxeClean(page);

  // The hub goes away: the status bar says offline with the reason, in words.
  await hub.close();
  await tabTo(page, '[data-testid="nav-sync"]');
  await page.keyboard.press('Enter');
  await tabTo(page, '[data-testid="sync-now"]');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('live-alert')).toContainText('Chưa đồng bộ được: không liên lạc được máy chủ');
  await expect(bar).toContainText('Đồng bộ: ngoại tuyến');
  await expect(bar).toContainText('lỗi: không liên lạc được máy chủ');
  await expectAxeClean(page);
  await page.screenshot({ path: 'test-results/sync-offline.png', fullPage: true });
  hub = await startStubHub();
});
