import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { Theme } from '../../shared/domain';
import { expect, mustCall, test } from './desk-fixture';
import { openReaders, openRecord, scan, seedLibrary, tabTo } from './seed';

// WCAG 2.2 AA, target size included, in every theme: every screen, every dialog, the open theme list, the reader display.
const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function violations(page: Page, where: string) {
  const results = await new AxeBuilder({ page }).withTags(tags).analyze();
  return results.violations.map((v) => ({
    where,
    id: v.id,
    help: v.help,
    nodes: v.nodes.map((n) => n.target.join(' ')),
  }));
}

for (const theme of ['standard', 'contrast', 'large'] satisfies Theme[]) {
  test(`every screen and dialog in the ${theme} theme has no axe violations`, async ({ page, desk }) => {
    test.setTimeout(300_000);
    const found: Awaited<ReturnType<typeof violations>> = [];
    await mustCall(desk, 'settings.update', { theme, displayTheme: theme });

    await page.goto(desk.url);
    await expect(page.getByRole('dialog')).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    found.push(...(await violations(page, 'first run')));

    const { hoa, minh, books } = await seedLibrary(desk);
    await mustCall(desk, 'circulation.checkout', { patron: minh.card, item: books[3]!.barcode });
    await page.reload();
    await expect(page.getByTestId('scan-box')).toBeFocused();
    await scan(page, hoa.card);
    await scan(page, books[0]!.barcode);
    await scan(page, books[1]!.barcode);
    await scan(page, books[1]!.barcode); // already hers: the alert and the renewal offer
    await expect(page.getByTestId('renew')).toBeVisible();
    found.push(...(await violations(page, 'checkout')));

    // The theme list, open.
    await page.getByTestId('theme-button').press('Enter');
    await expect(page.getByRole('listbox')).toBeVisible();
    found.push(...(await violations(page, 'theme list')));
    await page.keyboard.press('Escape');
    await expect(page.getByRole('listbox')).toHaveCount(0);

    // The reader display, with this reader's transaction on it.
    const display = await page.context().newPage();
    await display.goto(`${desk.url}display`);
    await expect(display.getByTestId('display-name')).toContainText(hoa.name);
    await expect(display.getByTestId('display-lines').locator('li')).toHaveCount(2);
    await expect(display.locator('html')).toHaveAttribute('data-theme', theme);
    found.push(...(await violations(display, 'reader display')));
    await display.close();

    await page.keyboard.press('F3');
    // The return screen's scan box must have the focus before the first scan is typed.
    await expect(page.getByTestId('scan-box')).toBeFocused();
    await scan(page, books[0]!.barcode);
    await expect(page.getByTestId('return-results').locator('tbody tr[data-item]')).toHaveCount(1);
    await scan(page, books[3]!.barcode);
    await scan(page, books[4]!.barcode); // not on loan: an alert
    await expect(page.getByTestId('return-results').locator('tbody tr[data-item]')).toHaveCount(2);
    found.push(...(await violations(page, 'return')));

    await openReaders(page, desk.url);
    await openRecord(page, minh.card, /Lò Văn Minh/u);
    found.push(...(await violations(page, 'reader record')));
    await mustCall(desk, 'circulation.checkout', { patron: minh.card, item: books[2]!.barcode });
    await page.getByTestId('erase-reader').press('Enter');
    await page.getByTestId('erase-confirm').fill(minh.card);
    await page.getByTestId('erase-submit').press('Enter');
    await expect(page.getByTestId('erase-refusal')).toContainText('đang mượn');
    found.push(...(await violations(page, 'erase dialog')));
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await page.getByTestId('open-register').press('Enter');
    await page.getByTestId('reader-submit').press('Enter');
    await expect(page.getByTestId('error-summary')).toBeFocused();
    found.push(...(await violations(page, 'registration with errors')));

    await page.keyboard.press('F5');
    await expect(page.getByTestId('speech-status')).toContainText('espeak-ng');
    found.push(...(await violations(page, 'devices, speech and display settings')));

    expect(found).toEqual([]);
  });
}

// Keyboard events only on the desk page; the display page is only looked at.
const pointerWatch = `(() => {
  window.__pointerEvents = 0;
  for (const type of ['pointerdown', 'pointerup', 'mousedown', 'mouseup']) {
    window.addEventListener(type, () => { window.__pointerEvents += 1; }, true);
  }
})()`;

test('the theme is switched from the header and the reader display follows the desk, by keyboard alone', async ({
  page,
  desk,
}) => {
  test.setTimeout(240_000);
  const { hoa, books } = await seedLibrary(desk);
  await page.addInitScript(pointerWatch);
  await page.goto(desk.url);
  await expect(page.getByTestId('scan-box')).toBeFocused();
  const display = await page.context().newPage();
  await display.addInitScript(pointerWatch);
  await display.goto(`${desk.url}display`);
  await expect(display.getByTestId('display-idle')).toHaveText('Xin chào! Mời bạn đưa thẻ bạn đọc cho thủ thư.');
  await page.bringToFront();

  // Theme: Shift+Tab back to the header's theme button, Enter opens the list, arrows and Enter choose.
  const button = page.getByTestId('theme-button');
  await tabTo(page, '[data-testid="theme-button"]', true, 12);
  await expect(button).toBeFocused();
  await expect(button).toContainText('Chuẩn');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('option', { name: 'Chuẩn' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'contrast');
  await expect(button).toBeFocused();
  await expect(button).toContainText('Tương phản cao');
  await expect(page.getByTestId('live-status')).toContainText('Đã đổi giao diện: Tương phản cao.');
  expect((await mustCall(desk, 'settings.get', {})).theme).toBe('contrast');
  // The display keeps its own theme.
  await expect(display.locator('html')).toHaveAttribute('data-theme', 'large');

  // The scan box again (a letter typed anywhere goes there), a reader and two books.
  // A digit typed anywhere but a text field goes to the scan box (use-stray-keys).
  await scan(page, hoa.card);
  await expect(display.getByTestId('display-name')).toHaveText(`Xin chào, ${hoa.name}`);
  await expect(display.getByTestId('display-message')).toHaveText('Xong: Mời bạn đưa sách cho thủ thư.');
  await scan(page, books[0]!.barcode);
  await scan(page, books[1]!.barcode);
  const lines = display.getByTestId('display-lines').locator('li');
  await expect(lines).toHaveCount(2);
  const loans = await mustCall(desk, 'circulation.loans', { patron: hoa.card });
  const [y, m, d] = loans[0]!.dueOn.split('-');
  await expect(lines.first()).toContainText(books[0]!.title);
  await expect(lines.first()).toContainText(`Hạn trả: ${d}/${m}/${y}`);
  await expect(display.getByTestId('display-message')).toContainText('Đã cho mượn');
  // A refusal says only "ask the librarian": the desk's words (whose loan it is) stay on the desk.
  await mustCall(desk, 'circulation.checkout', { patron: (await seedOther(desk)).card, item: books[4]!.barcode });
  await scan(page, books[4]!.barcode);
  await expect(page.getByTestId('live-alert')).not.toHaveText('');
  await expect(display.getByTestId('display-message')).toHaveText(
    'Chưa được: Chưa cho mượn được tài liệu này. Xin hỏi thủ thư.',
  );
  await expect(display.getByTestId('reader-display')).not.toContainText('Lò Văn Đức');

  // F9 ends the transaction: thanks, then the display clears itself.
  await page.keyboard.press('F9');
  await expect(display.getByTestId('display-message')).toContainText('Cảm ơn bạn!');
  await expect(display.getByTestId('display-idle')).toBeVisible({ timeout: 15_000 });
  await expect(display.getByTestId('reader-display')).not.toContainText(hoa.name);

  // Returns in English: the display words them in the desk's language (the reader's own, when chosen).
  await page.keyboard.press('F3');
  await expect(page.getByTestId('scan-box')).toBeFocused();
  // Shift+Tab from the scan box enters the language group at its last button, English; Space chooses it.
  await page.keyboard.press('Shift+Tab');
  await expect(page.getByTestId('language-en')).toBeFocused();
  await page.keyboard.press('Space');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.keyboard.press('F3');
  await expect(page.getByTestId('scan-box')).toBeFocused();
  await scan(page, books[0]!.barcode);
  await expect(display.getByTestId('display-name')).toHaveText(`Hello, ${hoa.name}`);
  await expect(display.getByTestId('display-lines').locator('li')).toContainText(['Returned']);
  await expect(display.locator('html')).toHaveAttribute('lang', 'en');

  expect(await page.evaluate('window.__pointerEvents')).toBe(0);
  expect(await display.evaluate('window.__pointerEvents')).toBe(0);
});

async function seedOther(desk: Parameters<typeof mustCall>[0]) {
  const reader = await mustCall(desk, 'patrons.register', { fullName: 'Lò Văn Đức', category: 'adult' });
  return { card: reader.cardNumber };
}
