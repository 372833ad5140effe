import { expect, mustCall, test } from './desk-fixture';

test('a fresh desk asks how to start; “start empty” dismisses it for good', async ({ page, desk }) => {
  await page.goto(desk.url);
  const dialog = page.getByRole('dialog', { name: 'Chào mừng đến với Quầy Thư Viện' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: /Nạp dữ liệu mẫu/u })).toBeVisible();

  await dialog.getByRole('button', { name: /Bắt đầu với thư viện trống/u }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByTestId('scan-box')).toBeFocused();
  expect((await mustCall(desk, 'system.status', {})).firstRunPending).toBe(false);

  await page.reload();
  await expect(page.getByTestId('scan-box')).toBeFocused();
  await expect(page.getByTestId('library-name')).toHaveText('Thư viện huyện Tam Đường');
  await expect(page.getByRole('dialog')).toHaveCount(0);
});
