import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, mustCall, test } from './desk-fixture';
import { scan, seedLibrary, tabTo, viDate } from './seed';

// Each test seeds a library, runs axe and walks the whole kiosk: more than the default 30 s on a shared CI machine.
test.describe.configure({ timeout: 120_000 });

const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function violations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(tags).analyze();
  return results.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
}

/** Open the kiosk page and wait until its card field has the focus. */
async function openKiosk(page: Page, url: string) {
  await page.goto(new URL('/kiosk', url).toString());
  await expect(page.getByTestId('kiosk-card')).toBeFocused();
}

// Keyboard only: every step below is typed or pressed, never clicked.
test('a reader scans their card, sees their loans, renews one and searches the catalogue', async ({ page, desk }) => {
  const { hoa, books } = await seedLibrary(desk);
  await mustCall(desk, 'circulation.checkout', { patron: hoa.card, item: books[0]!.barcode });
  await mustCall(desk, 'circulation.checkout', { patron: hoa.card, item: books[1]!.barcode });
  await openKiosk(page, desk.url);
  // No way into the desk: no navigation, no link at all, and no staff token in the page.
  await expect(page.locator('nav, a[href]')).toHaveCount(0);
  expect(await page.locator('meta[name="desk-token"]').count()).toBe(0);
  expect(await violations(page)).toEqual([]);

  await scan(page, hoa.card);
  await expect(page.getByTestId('live-status')).toContainText(`Xin chào ${hoa.name}! Bạn đang mượn 2 cuốn.`);
  await expect(page.locator('#kiosk-reader')).toBeFocused();
  const loans = page.getByTestId('kiosk-loans');
  await expect(loans.locator('li')).toHaveCount(2);
  const first = await mustCall(desk, 'circulation.loans', { patron: hoa.card });
  await expect(loans).toContainText(`Hạn trả: ${viDate(first[0]!.dueOn)}`);

  // Renew the first loan with the keyboard.
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('kiosk-renew').first()).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('live-status')).toContainText('Đã gia hạn «');
  const after = await mustCall(desk, 'circulation.loans', { patron: hoa.card });
  expect(after.filter((l) => l.renewals === 1)).toHaveLength(1);

  // Search the catalogue: without tone marks, and see what is on the shelf.
  await tabTo(page, '[data-testid="kiosk-search"]');
  await page.keyboard.type('truyen kieu');
  await page.keyboard.press('Enter');
  const results = page.getByTestId('kiosk-results');
  await expect(results).toContainText('Truyện Kiều');
  await expect(results).toContainText('Đã cho mượn hết (1 cuốn)');
  await expect(page.getByTestId('live-status')).toContainText('Tìm thấy 1 đầu sách');

  // Large targets: every button and field at least 44 px high and wide.
  // (Page code as a string: the test files are type-checked without the DOM library.)
  const small = await page.evaluate<number>(
    `[...document.querySelectorAll('button, input')]
       .map((e) => e.getBoundingClientRect())
       .filter((r) => r.width > 0 && (r.height < 44 || r.width < 44)).length`,
  );
  expect(small).toBe(0);

  // Read aloud: spoken with a voice of the language, or said plainly that there is none.
  await tabTo(page, '[data-testid="read-aloud"]', true);
  await page.keyboard.press('Enter');
  const hasVoice = await page.evaluate<boolean>(`speechSynthesis.getVoices().some((v) => v.lang.startsWith('vi'))`);
  if (!hasVoice) await expect(page.getByTestId('read-aloud-status')).toContainText('chưa có giọng đọc');

  expect(await violations(page)).toEqual([]);
  await page.screenshot({ path: test.info().outputPath('kiosk-reader.png'), fullPage: true });

  // Done: the reader leaves, and the kiosk is back at the card field.
  await tabTo(page, '[data-testid="kiosk-leave"]', true);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('kiosk-card')).toBeFocused();
  await expect(page.getByTestId('kiosk-reader')).toHaveCount(0);
  await expect(page.getByTestId('live-status')).toContainText('Bạn đã thoát');
});

test('the kiosk leaves the reader after inactivity, with a visible countdown first', async ({ page, desk }) => {
  const { minh, books } = await seedLibrary(desk);
  await mustCall(desk, 'circulation.checkout', { patron: minh.card, item: books[2]!.barcode });
  await page.clock.install();
  await openKiosk(page, desk.url);
  await scan(page, minh.card);
  await expect(page.getByTestId('kiosk-loans')).toContainText('Số đỏ');
  // From here the page's clock moves only when the test moves it (axe takes seconds on a busy machine).
  await page.keyboard.press('Shift');
  // A few seconds ahead, so the target is still in the future however slow the machine.
  await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 3_000);

  // 60 s by default; a warning 15 s before the end, counting down.
  await page.clock.runFor(44_000);
  const warning = page.getByTestId('idle-warning');
  await expect(warning).toBeVisible();
  await expect(warning.getByRole('alert')).toContainText('Sau 15 giây màn hình sẽ tự thoát');
  const left = Number(await page.getByTestId('idle-countdown').textContent());
  // 15 at most; less by the real seconds the test took before it paused the clock.
  expect(left).toBeGreaterThanOrEqual(4);
  expect(left).toBeLessThanOrEqual(15);
  await page.clock.runFor(3_000);
  await expect(page.getByTestId('idle-countdown')).toHaveText(String(left - 3));
  // axe needs running timers; with the time held still, the warning stays on screen while it looks.
  const held = await page.evaluate(() => Date.now());
  await page.clock.setFixedTime(held);
  await page.clock.resume();
  expect(await violations(page)).toEqual([]);
  await expect(warning).toBeVisible();

  // A key press means "still here": the countdown starts again (while the time is still held).
  await page.keyboard.press('Shift');
  await expect(warning).toHaveCount(0);
  await page.clock.setSystemTime(held);
  await page.clock.pauseAt(held + 3_000);
  await expect(page.getByTestId('kiosk-reader')).toBeVisible();

  // Then nobody: the reader is cleared and the kiosk is back at the card field.
  await page.clock.runFor(61_000);
  await expect(page.getByTestId('kiosk-reader')).toHaveCount(0);
  await expect(page.getByTestId('kiosk-loans')).toHaveCount(0);
  await expect(page.getByText(minh.name)).toHaveCount(0);
  await expect(page.getByTestId('live-status')).toContainText('tự thoát');
  await expect(page.getByTestId('kiosk-card')).toBeFocused();
});

test('a card that is not a reader’s is refused in simple words, and the kiosk shows no one', async ({ page, desk }) => {
  await seedLibrary(desk);
  await openKiosk(page, desk.url);
  await scan(page, '20001000999998');
  await expect(page.getByTestId('live-alert')).toContainText('Không nhận ra thẻ này');
  await expect(page.getByTestId('kiosk-reader')).toHaveCount(0);
  await expect(page.getByTestId('kiosk-card')).toBeFocused();
});
