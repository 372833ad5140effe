import { expect, mustCall, test } from './desk-fixture';
import { daysBetween, deskToday, findOverdueLoan, openDesk, scan, viDate } from './seed';

test.use({ deskOptions: { demo: true } });

test('returning an overdue item shows the days overdue and the fee in đồng', async ({ page, desk }) => {
  test.setTimeout(60_000);
  const { loan, reader } = await findOverdueLoan(desk);
  // Fees on, 1 000 ₫ a day from the first day late, for this reader's category.
  await mustCall(desk, 'settings.update', { feesEnabled: true });
  await mustCall(desk, 'policies.upsert', {
    patronCategory: reader.category,
    materialType: '*',
    loanDays: 14,
    maxItems: 5,
    maxRenewals: 2,
    graceDays: 0,
    dailyFee: 1000,
  });
  const days = daysBetween(loan.dueOn, await deskToday(desk));
  const fee = new Intl.NumberFormat('vi-VN', { style: 'currency', currency: 'VND' }).format(days * 1000);

  await openDesk(page, `${desk.url}#/return`);
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await scan(page, loan.item);
  const status = page.getByTestId('live-status');
  await expect(status).toContainText(`của ${reader.fullName}: quá hạn ${days} ngày, tiền phạt ${fee}`);
  await expect(status).toContainText('Lưu ý');
  const row = page.getByTestId('return-results').locator(`tr[data-item="${loan.item}"]`);
  await expect(row).toContainText(reader.fullName);
  await expect(row).toContainText(reader.cardNumber);
  await expect(row).toContainText(viDate(loan.dueOn));
  await expect(row).toContainText(`${days} ngày`);
  await expect(row).toContainText(fee);
});
