import { readFileSync } from 'node:fs';
import { expect, mustCall, test } from './desk-fixture';
import {
  downloadHead,
  openDesk,
  openReaders,
  openRecord,
  scan,
  searchReaders,
  seedLibrary,
  tinyPng,
  viDate,
} from './seed';

test('a reader typed without tone marks is found with them, and the other way round', async ({ page, desk }) => {
  await seedLibrary(desk);
  await openReaders(page, desk.url);
  const status = page.getByTestId('live-status');

  await page.getByTestId('open-register').click();
  const form = page.getByTestId('register-form');
  await expect(form.getByLabel(/Họ và tên/u)).toBeFocused();
  await form.getByLabel(/Họ và tên/u).fill('Lo Van Duc');
  await form.getByLabel('Ngày sinh').fill('1991-02-03');
  await form.getByLabel('Xã, thị trấn').fill('Bình Lư');
  await page.getByTestId('reader-submit').click();
  await expect(status).toContainText('Đã đăng ký bạn đọc Lo Van Duc, số thẻ');
  const card = /số thẻ (\d{14})/u.exec((await status.textContent()) ?? '')![1]!;
  // After registering, the focus is on "Print card", ready for the card.
  await expect(page.getByTestId('print-card')).toBeFocused();
  await expect(page.getByTestId('record-name')).toHaveText('Lo Van Duc');

  await searchReaders(page, 'Lò Văn Đức');
  const results = page.getByTestId('reader-results');
  await expect(results.locator(`button[data-card="${card}"]`)).toContainText('Lo Van Duc');

  await page.getByTestId('open-register').click();
  await form.getByLabel(/Họ và tên/u).fill('Nguyễn Thị Hoà');
  await form.getByLabel('Ngày sinh').fill('2001-03-04');
  await page.getByTestId('reader-submit').click();
  await expect(status).toContainText('Đã đăng ký bạn đọc Nguyễn Thị Hoà');
  const hoaCard = /số thẻ (\d{14})/u.exec((await status.textContent()) ?? '')![1]!;
  await searchReaders(page, 'nguyen thi hoa');
  await expect(results.locator(`button[data-card="${hoaCard}"]`)).toContainText('Nguyễn Thị Hoà');
  // The seeded Nguyễn Thị Hoà is found too: both, whatever the accents typed.
  await expect(results.getByRole('button')).toHaveCount(2);
  // Stored as typed, in NFC.
  const stored = await mustCall(desk, 'patrons.get', { cardNumber: hoaCard });
  expect(stored.record.fullName).toBe('Nguyễn Thị Hoà'.normalize('NFC'));
  expect(stored.record.dateOfBirth).toBe('2001-03-04');
});

test('the same name and birth date warns of a duplicate; “register anyway” registers', async ({ page, desk }) => {
  await mustCall(desk, 'system.setup', { mode: 'empty' });
  const existing = await mustCall(desk, 'patrons.register', {
    fullName: 'Lò Văn Đức',
    dateOfBirth: '1990-05-12',
    phone: '0912 345 678',
  });
  await openReaders(page, desk.url);
  await page.getByTestId('open-register').click();
  const form = page.getByTestId('register-form');
  await form.getByLabel(/Họ và tên/u).fill('lo van duc');
  await form.getByLabel('Ngày sinh').fill('1990-05-12');
  await page.getByTestId('reader-submit').click();

  const panel = page.getByTestId('duplicates');
  await expect(panel).toBeVisible();
  await expect(panel.getByRole('heading', { level: 3 })).toBeFocused();
  await expect(page.getByTestId('live-alert')).toContainText('Có thể trùng với 1 bạn đọc');
  const candidate = panel.locator(`li[data-card="${existing.cardNumber}"]`);
  await expect(candidate).toContainText('Lò Văn Đức');
  await expect(candidate).toContainText('12/05/1990');
  await expect(candidate).toContainText('0912345678');
  await expect(candidate.getByTestId('duplicate-reasons')).toHaveText('họ tên và ngày sinh');
  // Nothing registered yet.
  expect(await mustCall(desk, 'patrons.search', { query: 'lo van duc' })).toHaveLength(1);

  await page.getByTestId('register-anyway').click();
  await expect(page.getByTestId('live-status')).toContainText('Đã đăng ký bạn đọc lo van duc');
  await expect(page.getByTestId('print-card')).toBeFocused();
  const both = await mustCall(desk, 'patrons.search', { query: 'Lò Văn Đức' });
  expect(both.map((p) => p.cardNumber)).toContain(existing.cardNumber);
  expect(both).toHaveLength(2);

  // Again, and this time the librarian opens the reader already registered.
  await page.getByTestId('open-register').click();
  await form.getByLabel(/Họ và tên/u).fill('Lò Văn Đức');
  await form.getByLabel('Số điện thoại').fill('+84 912 345 678');
  await page.getByTestId('reader-submit').click();
  await expect(panel.locator(`li[data-card="${existing.cardNumber}"]`).getByTestId('duplicate-reasons')).toHaveText(
    'số điện thoại',
  );
  await panel.getByRole('button', { name: 'Mở hồ sơ Lò Văn Đức' }).click();
  await expect(page.getByTestId('record-name')).toHaveText('Lò Văn Đức');
  await expect(page.getByTestId('reader-record')).toContainText(existing.cardNumber);
  expect(await mustCall(desk, 'patrons.search', { query: 'lo van duc' })).toHaveLength(2);
});

test('a missing name and a bad phone are shown at their fields, and the summary takes the focus', async ({
  page,
  desk,
}) => {
  await seedLibrary(desk);
  await openReaders(page, desk.url);
  await page.getByTestId('open-register').click();
  const form = page.getByTestId('register-form');
  const name = form.getByLabel(/Họ và tên/u);
  const phone = form.getByLabel('Số điện thoại');
  await phone.fill('09-12 ab');
  await page.getByTestId('reader-submit').click();

  const summary = page.getByTestId('error-summary');
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('listitem')).toHaveCount(2);
  await expect(summary).toContainText('Hãy nhập họ và tên bạn đọc.');
  await expect(summary).toContainText('Số điện thoại chỉ gồm 8 đến 15 chữ số');
  await expect(page.getByTestId('live-alert')).toContainText('Chưa lưu: có 2 chỗ cần sửa');
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await expect(phone).toHaveAttribute('aria-invalid', 'true');
  // Each field names its error (and its hint) in aria-describedby.
  await expect(name).toHaveAccessibleDescription(/Hãy nhập họ và tên bạn đọc\./u);
  await expect(phone).toHaveAccessibleDescription(/8 đến 15 chữ số/u);
  // No raw zod English anywhere.
  await expect(form).not.toContainText('Too small');
  await expect(form).not.toContainText('expected');

  // The summary's link leads to its field.
  await summary.getByRole('link', { name: /Số điện thoại/u }).press('Enter');
  await expect(phone).toBeFocused();
  await expect(page).toHaveURL(/#\/readers$/u);
  expect((await mustCall(desk, 'system.status', {})).patrons).toBe(2);

  // Fixed, it registers; the errors go.
  await name.fill('Hà Thị Lan');
  await phone.fill('0912.345.678');
  await page.getByTestId('reader-submit').click();
  await expect(page.getByTestId('live-status')).toContainText('Đã đăng ký bạn đọc Hà Thị Lan');
});

test('the form’s messages are in English when the desk is', async ({ page, desk }) => {
  await seedLibrary(desk);
  await mustCall(desk, 'settings.update', { language: 'en' });
  await openReaders(page, desk.url);
  await page.getByTestId('open-register').click();
  await page.getByTestId('register-form').getByLabel('Phone number').fill('12');
  await page.getByTestId('reader-submit').click();
  const summary = page.getByTestId('error-summary');
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('Enter the reader’s full name.');
  await expect(summary).toContainText('A phone number has 8 to 15 digits');
});

test('printing a card gives a PDF named after the card, opened and offered as a download', async ({ page, desk }) => {
  const { hoa } = await seedLibrary(desk);
  await openReaders(page, desk.url);
  await openRecord(page, hoa.card, /Nguyễn Thị Hoà/u);

  const popup = page.waitForEvent('popup');
  await page.getByTestId('print-card').click();
  expect((await popup).url()).toMatch(/^blob:/u);
  const link = page.getByTestId('document-card-download');
  await expect(link).toHaveAttribute('download', `the-ban-doc-${hoa.card}.pdf`);
  await expect(link).toHaveAttribute('href', /^blob:/u);
  await expect(link).toBeFocused();
  await expect(page.getByTestId('live-status')).toContainText(`the-ban-doc-${hoa.card}.pdf (1 trang)`);
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  expect(download.suggestedFilename()).toBe(`the-ban-doc-${hoa.card}.pdf`);
  expect(await downloadHead(download)).toBe('%PDF-');
});

test('a blocked pop-up leaves the download link', async ({ page, desk }) => {
  const { hoa } = await seedLibrary(desk);
  await page.addInitScript('window.open = () => null;');
  await openReaders(page, desk.url);
  await openRecord(page, hoa.card, /Nguyễn Thị Hoà/u);
  await page.getByTestId('print-card').click();
  await expect(page.getByTestId('live-status')).toContainText('dùng liên kết «Tải về»');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('document-card-download').press('Enter'),
  ]);
  expect(await downloadHead(download)).toBe('%PDF-');
});

test('cards for the readers registered today print on one sheet; none since a date says so', async ({ page, desk }) => {
  await mustCall(desk, 'system.setup', { mode: 'empty' });
  await openReaders(page, desk.url);
  await page.getByTestId('open-batch').click();
  await page.getByTestId('batch-today').click();
  await expect(page.getByTestId('live-alert')).toContainText('Không có bạn đọc nào đăng ký từ ngày');

  for (const fullName of ['Lò Văn Đức', 'Tẩn Láo Lở', 'Giàng A Páo'])
    await mustCall(desk, 'patrons.register', { fullName });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    (async () => {
      await page.getByTestId('batch-today').click();
      const link = page.getByTestId('document-sheet-download');
      await expect(link).toBeFocused();
      await expect(link).toHaveAttribute('download', /\.pdf$/u);
      await link.press('Enter');
    })(),
  ]);
  expect(await downloadHead(download)).toBe('%PDF-');
  await expect(page.getByTestId('document-sheet')).toContainText('1 trang');
});

test('a card blocked with a reason is shown blocked at the checkout, and unblocked again', async ({ page, desk }) => {
  const { hoa, books } = await seedLibrary(desk);
  await openReaders(page, desk.url);
  await openRecord(page, 'nguyen thi hoa', /Nguyễn Thị Hoà/u);
  await page.getByTestId('block-reader').click();
  const reason = page.getByTestId('block-form').getByLabel('Lý do khoá thẻ');
  await expect(reason).toBeFocused();
  await reason.fill('Làm mất sách «Tắt đèn»');
  await page.getByTestId('block-submit').click();
  await expect(page.getByTestId('record-blocked')).toBeVisible();
  await expect(page.getByTestId('record-block-reason')).toHaveText('Làm mất sách «Tắt đèn»');
  await expect(page.getByTestId('reader-record')).toContainText('thủ thư');
  await expect(page.getByTestId('live-status')).toContainText(`Đã khoá thẻ của ${hoa.name}: Làm mất sách «Tắt đèn»`);
  await expect(page.getByTestId('block-reader')).toBeFocused();
  await expect(page.getByTestId('reader-results').locator(`[data-card="${hoa.card}"]`)).toContainText('Đang bị khoá');

  await page.keyboard.press('F2');
  await expect(page.getByTestId('scan-box')).toBeFocused();
  await scan(page, hoa.card);
  await expect(page.getByTestId('patron-blocked')).toBeVisible();
  await expect(page.getByTestId('patron-panel')).toContainText('Làm mất sách «Tắt đèn»');
  await scan(page, books[0]!.barcode);
  await expect(page.getByTestId('live-alert')).toContainText(
    `Thẻ của ${hoa.name} đang bị khoá: Làm mất sách «Tắt đèn»`,
  );

  await page.keyboard.press('F4');
  await expect(page.getByTestId('reader-search')).toBeFocused();
  await openRecord(page, hoa.card, /Nguyễn Thị Hoà/u);
  await page.getByTestId('block-reader').click();
  await expect(page.getByTestId('live-status')).toContainText(`Đã mở khoá thẻ của ${hoa.name}`);
  await expect(page.getByTestId('record-blocked')).toHaveCount(0);
  expect((await mustCall(desk, 'patrons.get', { cardNumber: hoa.card })).patron.blocked).toBe(false);
});

test('erasing is refused while items are on loan, then done; the name is found no more', async ({ page, desk }) => {
  const { books } = await seedLibrary(desk);
  const reader = await mustCall(desk, 'patrons.register', { fullName: 'Vàng Thị Mỷ', phone: '0977000111' });
  await mustCall(desk, 'circulation.checkout', { patron: reader.cardNumber, item: books[0]!.barcode });
  await openReaders(page, desk.url);
  await openRecord(page, 'vang thi my', /Vàng Thị Mỷ/u);

  await page.getByTestId('erase-reader').click();
  const dialog = page.getByRole('dialog', { name: 'Xoá dữ liệu cá nhân của Vàng Thị Mỷ?' });
  await expect(dialog).toBeVisible();
  const confirm = dialog.getByTestId('erase-confirm');
  await expect(confirm).toBeFocused();
  // A different number is not accepted.
  await confirm.fill('20001000000012');
  await confirm.press('Enter');
  await expect(dialog.getByTestId('field-error')).toContainText(`không khớp với ${reader.cardNumber}`);
  await expect(confirm).toHaveAttribute('aria-invalid', 'true');

  await confirm.fill(reader.cardNumber);
  await dialog.getByTestId('erase-submit').click();
  await expect(dialog.getByRole('alert')).toContainText('Vàng Thị Mỷ còn 1 tài liệu đang mượn; hãy nhận trả trước.');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('erase-reader')).toBeFocused();
  expect((await mustCall(desk, 'patrons.get', { cardNumber: reader.cardNumber })).record.erased).toBe(false);

  await mustCall(desk, 'circulation.return', { item: books[0]!.barcode });
  await page.getByTestId('erase-reader').click();
  await dialog.getByTestId('erase-confirm').fill(reader.cardNumber);
  await dialog.getByTestId('erase-submit').click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('live-status')).toContainText(
    `Đã xoá dữ liệu cá nhân của bạn đọc thẻ ${reader.cardNumber}; số lượt mượn đã ẩn danh: 1.`,
  );
  await expect(page.getByTestId('reader-record')).toHaveCount(0);
  await expect(page.getByTestId('reader-search')).toBeFocused();
  // The list was refreshed: the reader is gone from it, and a new search finds no one.
  await expect(page.getByTestId('reader-results-count')).toContainText('Không tìm thấy bạn đọc nào cho «vang thi my»');
  await searchReaders(page, 'Vàng Thị Mỷ');
  await expect(page.getByTestId('reader-results')).toHaveCount(0);
  expect(await mustCall(desk, 'patrons.search', { query: '0977000111' })).toEqual([]);
  expect((await mustCall(desk, 'patrons.get', { cardNumber: reader.cardNumber })).record.erased).toBe(true);
});

test('details are edited, consent recorded and withdrawn, and the data exported', async ({ page, desk }) => {
  const { hoa } = await seedLibrary(desk);
  await openReaders(page, desk.url);
  await openRecord(page, hoa.card, /Nguyễn Thị Hoà/u);

  await page.getByTestId('edit-reader').click();
  const form = page.getByTestId('edit-form');
  await expect(form.getByLabel(/Họ và tên/u)).toBeFocused();
  await expect(form.getByLabel(/Họ và tên/u)).toHaveValue(hoa.name);
  await form.getByLabel('Số điện thoại').fill('0988 111 222');
  await form.getByLabel('Địa chỉ (bản, thôn, số nhà)').fill('Bản Hon');
  await form.getByLabel('Nữ').check();
  await page.getByTestId('reader-submit').click();
  await expect(page.getByTestId('live-status')).toContainText(`Đã lưu thông tin của ${hoa.name}`);
  await expect(page.getByTestId('edit-reader')).toBeFocused();
  const record = page.getByTestId('reader-record');
  await expect(record).toContainText('0988111222');
  await expect(record).toContainText('Bản Hon');
  await expect(record).toContainText('Nữ');

  await expect(page.getByTestId('record-no-consent')).toBeVisible();
  await page.getByTestId('sensitive-reader').click();
  const consent = page.getByTestId('sensitive-form').getByTestId('consent');
  await expect(consent).toBeFocused();
  await consent.check();
  await page.getByTestId('sensitive-form').getByLabel('Dân tộc', { exact: true }).fill('Giáy');
  await page.getByTestId('sensitive-submit').click();
  await expect(page.getByTestId('record-ethnicity')).toHaveText('Giáy');
  await expect(record).toContainText('người ghi: thủ thư');
  expect((await mustCall(desk, 'patrons.get', { cardNumber: hoa.card })).record.sensitive?.ethnicity).toBe('Giáy');

  const [json] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-json').click()]);
  expect(json.suggestedFilename()).toBe(`du-lieu-ban-doc-${hoa.card}.json`);
  const exported = JSON.parse(readFileSync(await json.path(), 'utf8')) as {
    record: { cardNumber: string; phone: string };
  };
  expect(exported.record.cardNumber).toBe(hoa.card);
  expect(exported.record.phone).toBe('0988111222');
  await expect(page.getByTestId('document-exportJson')).toContainText(`du-lieu-ban-doc-${hoa.card}.json`);

  await page.getByTestId('export-pdf').click();
  const pdfLink = page.getByTestId('document-exportPdf-download');
  await expect(pdfLink).toBeFocused();
  const [pdf] = await Promise.all([page.waitForEvent('download'), pdfLink.press('Enter')]);
  expect(await downloadHead(pdf)).toBe('%PDF-');

  // Withdrawing consent erases the sensitive data.
  await page.getByTestId('sensitive-reader').click();
  await page.getByTestId('sensitive-form').getByTestId('consent').uncheck();
  await page.getByTestId('sensitive-submit').click();
  await expect(page.getByTestId('live-status')).toContainText('Đã rút lại sự đồng ý');
  await expect(page.getByTestId('record-no-consent')).toBeVisible();
  expect((await mustCall(desk, 'patrons.get', { cardNumber: hoa.card })).record.sensitive).toBeNull();
});

test('a child’s registration asks for the guardian; a photo is made smaller and kept', async ({ page, desk }) => {
  await seedLibrary(desk);
  await openReaders(page, desk.url);
  await page.getByTestId('open-register').click();
  const form = page.getByTestId('register-form');
  await expect(page.getByTestId('guardian-fields')).toHaveCount(0);
  await form.getByLabel(/Họ và tên/u).fill('Lò Thị Pà');
  await form.getByLabel('Đối tượng bạn đọc').selectOption('child');
  await form.getByLabel('Họ tên người giám hộ').fill('Lò Văn Khiêm');
  await form.getByLabel('Điện thoại người giám hộ').fill('0912000333');
  await page.getByTestId('photo-input').setInputFiles({ name: 'pa.png', mimeType: 'image/png', buffer: tinyPng });
  await expect(page.getByTestId('photo-preview')).toHaveAttribute('src', /^data:image\/jpeg;base64,/u);
  await form.getByTestId('consent').check();
  await form.getByLabel('Dân tộc', { exact: true }).fill('Thái');
  await page.getByTestId('reader-submit').click();
  await expect(page.getByTestId('live-status')).toContainText('Đã đăng ký bạn đọc Lò Thị Pà');

  const record = page.getByTestId('reader-record');
  await expect(record).toContainText('Thiếu nhi');
  await expect(record).toContainText('Lò Văn Khiêm');
  await expect(page.getByTestId('record-photo')).toHaveAttribute('src', /^data:image\/jpeg;base64,/u);
  await expect(page.getByTestId('record-photo')).toHaveAccessibleName('Ảnh của Lò Thị Pà');
  await expect(page.getByTestId('record-ethnicity')).toHaveText('Thái');
  const card = (await record.locator('.code').first().textContent())!;
  const stored = await mustCall(desk, 'patrons.get', { cardNumber: card });
  expect(stored.record.guardianPhone).toBe('0912000333');
  expect(stored.record.photo!.length).toBeLessThan(400_000);
});

test('an expired card is flagged in the results and the record, and renewed', async ({ page, desk }) => {
  await seedLibrary(desk);
  const old = await mustCall(desk, 'patrons.register', { fullName: 'Hoàng Thị Đào', expiresOn: '2024-01-31' });
  await openReaders(page, desk.url);
  await searchReaders(page, 'dao');
  const result = page.getByTestId('reader-results').locator(`[data-card="${old.cardNumber}"]`);
  await expect(result.getByTestId('reader-expired')).toBeVisible();
  await result.click();
  await expect(page.getByTestId('record-expired')).toBeVisible();
  await expect(page.getByTestId('record-expires')).toContainText(viDate('2024-01-31'));
  await page.getByTestId('renew-card').click();
  await expect(page.getByTestId('live-status')).toContainText('Đã gia hạn thẻ của Hoàng Thị Đào đến ngày');
  await expect(page.getByTestId('record-expired')).toHaveCount(0);
  await expect(result.getByTestId('reader-expired')).toHaveCount(0);
});

test('at the checkout, a reader without their card is found by name and chosen from the keyboard', async ({
  page,
  desk,
}) => {
  const { minh, books } = await seedLibrary(desk);
  const duc = await mustCall(desk, 'patrons.register', { fullName: 'Lò Văn Đức', phone: '0912 345 678' });
  await openDesk(page, desk.url);
  const box = page.getByTestId('scan-box');

  await scan(page, 'lo van duc');
  const picker = page.getByTestId('patron-picker');
  await expect(picker).toContainText('Bạn đọc khớp với «lo van duc»');
  await expect(picker.getByRole('button', { name: /Lò Văn Đức/u })).toBeFocused();
  await expect(page.getByTestId('live-status')).toContainText('Tìm thấy 1 bạn đọc cho «lo van duc»');
  // Escape closes the list and goes back to the scan box.
  await page.keyboard.press('Escape');
  await expect(picker).toHaveCount(0);
  await expect(box).toBeFocused();

  // Two matches: arrow down to the second, Enter chooses.
  await scan(page, 'Lò Văn');
  const options = picker.getByTestId('picker-results').getByRole('button');
  await expect(options).toHaveCount(2);
  await expect(options.nth(0)).toContainText('Lò Văn Đức');
  await expect(options.nth(0)).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(options.nth(1)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('patron-name')).toHaveText(minh.name);
  await expect(picker).toHaveCount(0);
  await expect(box).toBeFocused();
  await scan(page, books[0]!.barcode);
  await expect(page.getByTestId('live-status')).toContainText(`Đã cho mượn «${books[0]!.title}»`);
  expect((await mustCall(desk, 'circulation.loans', { patron: minh.card })).map((l) => l.item)).toEqual([
    books[0]!.barcode,
  ]);

  // With Tab too; and a phone number typed in finds the reader as well.
  await page.keyboard.press('F9');
  await scan(page, '0912345678');
  await expect(picker.getByRole('button', { name: /Lò Văn Đức/u })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('patron-name')).toHaveText(duc.fullName);

  // A name nobody has is said plainly.
  await scan(page, 'khong ai ca');
  await expect(page.getByTestId('live-alert')).toContainText('Không tìm thấy bạn đọc nào cho «khong ai ca»');
});
