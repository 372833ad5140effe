import { readFileSync, writeFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, mustCall, test } from './desk-fixture';
import { openDesk, openReaders, scan, seedLibrary, tabTo } from './seed';

// Seeding, axe and whole flows: more than the default 30 s on a shared CI machine.
test.describe.configure({ timeout: 180_000 });

const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function violations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(tags).analyze();
  return results.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
}

/** Search the readers and open one record, all from the keyboard. */
async function openRecordByKeyboard(page: Page, query: string, card: string) {
  await page.keyboard.type(query);
  await page.keyboard.press('Enter');
  await tabTo(page, `[data-testid="reader-results"] button[data-card="${card}"]`);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('reader-record').getByTestId('record-name')).toBeVisible();
}

// Keyboard only: every step below is typed or pressed, never clicked.
test('the reader record: needs only with consent, proxies, preferred language', async ({ page, desk }) => {
  const { hoa, minh } = await seedLibrary(desk);
  await openReaders(page, desk.url);
  await openRecordByKeyboard(page, 'hoa', hoa.card);
  // Without consent the needs cannot be recorded: the record says why.
  await expect(page.getByTestId('needs-no-consent')).toContainText('chỉ lưu khi bạn đọc đồng ý');
  await expect(page.getByTestId('edit-needs')).toHaveCount(0);

  // Record consent (the existing sensitive-data form), then the needs.
  await mustCall(desk, 'patrons.setSensitive', { cardNumber: hoa.card, consent: true, disability: 'Nhìn kém' });
  await page.reload();
  await expect(page.getByTestId('reader-search')).toBeFocused();
  await openRecordByKeyboard(page, 'hoa', hoa.card);
  await tabTo(page, '[data-testid="edit-needs"]');
  await page.keyboard.press('Enter');
  const needsForm = page.getByTestId('needs-form');
  await expect(needsForm.getByLabel('Thị giác (khiếm thị, nhìn kém)')).toBeFocused();
  await page.keyboard.press('Space');
  await tabTo(page, '[data-testid="needs-form"] textarea');
  await page.keyboard.type('Cần sách chữ to');
  await tabTo(page, '[data-testid="needs-submit"]');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('live-status')).toContainText(`Đã lưu nhu cầu hỗ trợ của ${hoa.name}`);
  await expect(page.getByTestId('needs-summary')).toHaveText('Thị giác (khiếm thị, nhìn kém) — Cần sách chữ to');
  await expect(page.getByTestId('edit-needs')).toBeFocused();
  const stored = await mustCall(desk, 'patrons.get', { cardNumber: hoa.card });
  expect(stored.record.needs).toEqual({ kinds: ['visual'], note: 'Cần sách chữ to' });

  // A proxy: a registered reader, by card.
  await tabTo(page, '[data-testid="add-proxy"]');
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Bạn đọc đã có thẻ')).toBeFocused();
  await tabTo(page, '[data-testid="proxy-card"]');
  await page.keyboard.type(minh.card);
  await tabTo(page, '[data-testid="proxy-relation"]');
  await page.keyboard.type('con trai');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('live-status')).toContainText(`Đã thêm ${minh.name} làm người mượn hộ cho ${hoa.name}`);
  await expect(page.getByTestId('proxy-list')).toContainText(`${minh.name} (thẻ ${minh.card}) — con trai`);
  await expect(page.getByTestId('add-proxy')).toBeFocused();
  expect(await violations(page)).toEqual([]);

  // The preferred language, in the reader form.
  await tabTo(page, '[data-testid="edit-reader"]');
  await page.keyboard.press('Enter');
  await tabTo(page, '[data-testid="preferred-language"]');
  await page.keyboard.type('E');
  await expect(page.getByTestId('preferred-language')).toHaveValue('en');
  await tabTo(page, '[data-testid="reader-submit"]');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('record-language')).toContainText('English');
  expect((await mustCall(desk, 'patrons.get', { cardNumber: hoa.card })).record.preferredLanguage).toBe('en');
  expect(await violations(page)).toEqual([]);
});

test('borrowing for a reader: the proxy scans their card, chooses the reader, the loan is the reader’s', async ({
  page,
  desk,
}) => {
  const { hoa, minh, books } = await seedLibrary(desk);
  const stranger = await mustCall(desk, 'patrons.register', { fullName: 'Vàng A Sử' });
  await mustCall(desk, 'proxies.add', { cardNumber: hoa.card, proxyCard: minh.card, relation: 'con trai' });
  await openDesk(page, desk.url);

  // Minh comes with his card and says he borrows for his mother.
  await scan(page, minh.card);
  await expect(page.getByTestId('live-status')).toContainText(minh.name);
  await page.keyboard.press('F7');
  const chooser = page.getByTestId('proxy-chooser');
  await expect(chooser).toContainText(`${minh.name} mượn hộ cho bạn đọc nào?`);
  // A card of someone who has not named him: refused, in words.
  await expect(chooser.getByRole('button', { name: new RegExp(hoa.name, 'u') })).toBeFocused();
  await page.keyboard.press('ArrowUp'); // back to the scan box, the list staying on show
  await expect(page.getByTestId('scan-box')).toBeFocused();
  await scan(page, stranger.cardNumber);
  await expect(page.getByTestId('live-alert')).toContainText(
    `Bạn đọc thẻ ${stranger.cardNumber} chưa nêu tên ${minh.name} làm người mượn hộ.`,
  );
  expect(await violations(page)).toEqual([]);
  // The reader who did name him: chosen by scanning her card.
  await scan(page, hoa.card);
  await expect(page.getByTestId('proxy-banner')).toHaveText(`Mượn hộ: ${minh.name} mượn cho ${hoa.name}`);
  await expect(page.getByTestId('scan-box')).toBeFocused();

  await scan(page, books[0]!.barcode);
  await expect(page.getByTestId('live-status')).toContainText(`(${minh.name} mượn hộ cho ${hoa.name}.)`);
  const hers = await mustCall(desk, 'circulation.loans', { patron: hoa.card });
  expect(hers.map((l) => l.item)).toEqual([books[0]!.barcode]);
  expect(await mustCall(desk, 'circulation.loans', { patron: minh.card })).toEqual([]);
  expect(await violations(page)).toEqual([]);

  // F9 ends it; the next reader is no one's proxy.
  await page.keyboard.press('F9');
  await expect(page.getByTestId('proxy-banner')).toHaveCount(0);
  await scan(page, stranger.cardNumber);
  await page.keyboard.press('F7');
  await expect(page.getByTestId('live-alert')).toContainText(
    'Chưa có bạn đọc nào nêu tên Vàng A Sử làm người mượn hộ.',
  );
});

test('home delivery: request, deliver, print the round, collect', async ({ page, desk }) => {
  const { hoa, books } = await seedLibrary(desk);
  await mustCall(desk, 'patrons.update', { cardNumber: hoa.card, address: 'Bản Nà Luồng', commune: 'Bình Lư' });
  await openDesk(page, desk.url);
  await tabTo(page, '[data-testid="nav-deliveries"]');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Giao sách tận nhà');
  await tabTo(page, '[data-testid="delivery-card"]');
  await page.keyboard.type(hoa.card);
  await page.keyboard.press('Tab');
  await page.keyboard.type(books[2]!.barcode);
  await tabTo(page, '[data-testid="delivery-text"]');
  await page.keyboard.type('Thêm truyện cổ tích');
  await tabTo(page, '[data-testid="delivery-submit"]');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('live-status')).toContainText(`Đã ghi yêu cầu giao sách cho ${hoa.name}`);
  const row = page.getByTestId('delivery-table').locator('tbody tr[data-delivery]');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Số đỏ');
  await expect(row).toHaveAttribute('data-status', 'requested');

  // The round as a PDF, downloaded from the keyboard.
  await tabTo(page, '[data-testid="print-round"]');
  await page.keyboard.press('Enter');
  // The PDF is laid out by the desk: allow for a busy machine.
  await expect(page.getByTestId('document-round-download')).toBeFocused({ timeout: 30_000 });
  const download = page.waitForEvent('download');
  await page.keyboard.press('Enter');
  const pdf = readFileSync(await (await download).path());
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  if (process.env.SHOTS_DIR) writeFileSync(`${process.env.SHOTS_DIR}/delivery-round.pdf`, pdf);
  expect(await violations(page)).toEqual([]);

  await tabTo(page, '[data-testid="delivery-delivered"]');
  await page.keyboard.press('Enter');
  await expect(row).toHaveAttribute('data-status', 'delivered');
  await tabTo(page, '[data-testid="delivery-collected"]');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('live-status')).toContainText(`đã thu hồi sách của ${hoa.name}`);
  // Collected requests leave the open list.
  await expect(row).toHaveCount(0);
  const all = await mustCall(desk, 'deliveries.list', {});
  expect(all.map((d) => d.status)).toEqual(['collected']);
  expect(await violations(page)).toEqual([]);
});
