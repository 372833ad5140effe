import { makeLibraryBarcode } from '../../shared/barcode';
import { expect, mustCall, test } from './desk-fixture';
import { openDesk, scan, seedLibrary } from './seed';

test('an unknown card is refused in the alert region, and a repeat still changes the text', async ({ page, desk }) => {
  await seedLibrary(desk);
  await openDesk(page, desk.url);
  const alert = page.getByTestId('live-alert');
  const unknown = makeLibraryBarcode(2, 1, 999);

  await scan(page, unknown);
  await expect(alert).toContainText(`Không tìm thấy thẻ bạn đọc ${unknown}`);
  await expect(alert).toContainText('Lỗi');
  await expect(page.getByTestId('live-status')).toHaveText('');
  const first = await alert.textContent();

  await scan(page, unknown);
  await expect(alert).not.toHaveText(first ?? '', { useInnerText: true });
  await expect(alert).toContainText(unknown);
  await expect(page.getByTestId('patron-panel')).toContainText('Chưa có bạn đọc');
  await expect(page.getByTestId('scan-box')).toBeFocused();
});

test('an item scanned before any card asks for the card first', async ({ page, desk }) => {
  const { books } = await seedLibrary(desk);
  await openDesk(page, desk.url);
  await scan(page, books[0]!.barcode);
  await expect(page.getByTestId('live-alert')).toContainText(`${books[0]!.barcode} là mã vạch tài liệu`);
});

test('an item on loan to another reader is refused, naming that reader', async ({ page, desk }) => {
  const { hoa, minh, books } = await seedLibrary(desk);
  await mustCall(desk, 'circulation.checkout', { patron: minh.card, item: books[0]!.barcode });
  await openDesk(page, desk.url);

  await scan(page, hoa.card);
  await expect(page.getByTestId('patron-name')).toHaveText(hoa.name);
  await scan(page, books[0]!.barcode);
  const alert = page.getByTestId('live-alert');
  await expect(alert).toContainText(`«${books[0]!.title}» đang được mượn bởi ${minh.name} (${minh.card})`);
  await expect(page.getByTestId('session-loans').locator('tbody tr[data-item]')).toHaveCount(0);
  await expect(page.getByTestId('scan-box')).toBeFocused();
});

test('an item already lent to this reader offers a renewal', async ({ page, desk }) => {
  const { hoa, books } = await seedLibrary(desk);
  await mustCall(desk, 'circulation.checkout', { patron: hoa.card, item: books[2]!.barcode });
  await openDesk(page, desk.url);

  await scan(page, hoa.card);
  await expect(page.getByTestId('patron-loans').locator('tbody tr[data-item]')).toHaveCount(1);
  await scan(page, books[2]!.barcode);
  await expect(page.getByTestId('live-alert')).toContainText('có thể gia hạn');
  const renew = page.getByTestId('renew');
  await expect(renew).toContainText(books[2]!.title);
  await renew.click();
  await expect(page.getByTestId('live-status')).toContainText(`Đã gia hạn «${books[2]!.title}»`);
  await expect(renew).toHaveCount(0);
  await expect(page.getByTestId('scan-box')).toBeFocused();
  const [loan] = await mustCall(desk, 'circulation.loans', { patron: hoa.card });
  expect(loan?.renewals).toBe(1);
});

test('a blocked reader is shown with the reason, and lending is refused', async ({ page, desk }) => {
  const { hoa, books } = await seedLibrary(desk);
  await mustCall(desk, 'patrons.setBlock', { cardNumber: hoa.card, blocked: true, reason: 'Làm mất sách' });
  await openDesk(page, desk.url);

  await scan(page, hoa.card);
  await expect(page.getByTestId('patron-blocked')).toBeVisible();
  await expect(page.getByTestId('patron-panel')).toContainText('Làm mất sách');
  await expect(page.getByTestId('live-alert')).toContainText('đang bị khoá');
  await scan(page, books[0]!.barcode);
  await expect(page.getByTestId('live-alert')).toContainText(`Thẻ của ${hoa.name} đang bị khoá: Làm mất sách`);
});

test('returning an item that is not on loan is refused', async ({ page, desk }) => {
  const { books } = await seedLibrary(desk);
  await openDesk(page, `${desk.url}#/return`);
  await scan(page, books[4]!.barcode);
  await expect(page.getByTestId('live-alert')).toContainText(`«${books[4]!.title}» không có trong danh sách đang mượn`);
});

test('an expired card is flagged, and lending to it is refused', async ({ page, desk }) => {
  const { books } = await seedLibrary(desk);
  const old = await mustCall(desk, 'patrons.register', {
    fullName: 'Hoàng Thị Đào',
    category: 'elderly',
    expiresOn: '2024-01-31',
  });
  await openDesk(page, desk.url);

  await scan(page, old.cardNumber);
  await expect(page.getByTestId('patron-expired')).toBeVisible();
  await expect(page.getByTestId('patron-panel')).toContainText('31/01/2024');
  await expect(page.getByTestId('patron-panel')).toContainText('Người cao tuổi');
  await expect(page.getByTestId('live-alert')).toContainText('đã hết hạn ngày 31/01/2024');
  await scan(page, books[0]!.barcode);
  await expect(page.getByTestId('live-alert')).toContainText(`Thẻ của ${old.fullName} đã hết hạn ngày 31/01/2024`);
  await expect(page.getByTestId('session-loans').locator('tbody tr[data-item]')).toHaveCount(0);
});
