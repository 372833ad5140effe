import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeLibraryBarcode } from '../../shared/barcode';
import { addTitle, ok, refused, tempDesk, tempDir, type TempDesk } from '../helpers/desk';
import { fixtureDataUrl, pageSizesMm, pdfText, savePdf } from '../helpers/pdf-tools';

/**
 * The readable export of a reader's data (Decree 13/2023 access right): the
 * PDF's text, as pdftotext reads it, holds the record, the consent behind the
 * sensitive fields, every loan and the audit trail.
 */

let desk: TempDesk;
let out: { dir: string; remove: () => void };
let card: string;
let plainCard: string;

beforeAll(() => {
  desk = tempDesk();
  out = tempDir('library-desk-export-');
  card = ok(
    desk.core.call('patrons.register', {
      fullName: 'Lò Thị Hằng',
      dateOfBirth: '1990-05-14',
      sex: 'female',
      phone: '0912 345 678',
      address: 'Bản Nà Khum',
      commune: 'Xã Bản Bo',
      idNumber: '012345678901',
      notes: 'Thích sách kỹ thuật nông nghiệp',
      photo: fixtureDataUrl('reader-photo.jpg', 'image/jpeg'),
      category: 'adult',
    }),
  ).cardNumber;
  ok(desk.core.call('patrons.setSensitive', { cardNumber: card, consent: true, ethnicity: 'Thái' }));
  const [first, second] = addTitle(desk.core, { title: 'Kỹ thuật trồng thảo quả', copies: 2 });
  const [other] = addTitle(desk.core, { title: 'Vợ chồng A Phủ' });
  ok(desk.core.call('circulation.checkout', { patron: card, item: first }));
  ok(desk.core.call('circulation.checkout', { patron: card, item: other }));
  desk.clock.advanceDays(3);
  ok(desk.core.call('circulation.return', { item: first }));
  ok(desk.core.call('circulation.checkout', { patron: card, item: second }));
  plainCard = ok(desk.core.call('patrons.register', { fullName: 'Giàng A Páo', category: 'child' })).cardNumber;
});

afterAll(() => {
  desk?.dispose();
  out?.remove();
});

describe('patrons.exportPdf', () => {
  it('writes an A4 document with the record, the consent, the loans and the audit trail', async () => {
    const doc = ok(await desk.core.call('patrons.exportPdf', { cardNumber: card }));
    expect(doc.mimeType).toBe('application/pdf');
    expect(doc.filename).toBe(`du-lieu-ban-doc-${card}-2026-03-13.pdf`);
    expect(doc.pages).toBeGreaterThanOrEqual(1);
    const pdf = savePdf(out.dir, doc);
    const sizes = pageSizesMm(pdf);
    expect(sizes).toHaveLength(doc.pages);
    for (const size of sizes) {
      expect(Math.abs(size.width - 210)).toBeLessThan(0.1);
      expect(Math.abs(size.height - 297)).toBeLessThan(0.1);
    }

    const text = pdfText(pdf);
    expect(text).toContain('DỮ LIỆU CÁ NHÂN CỦA BẠN ĐỌC');
    expect(text).toContain('Thư viện huyện Tam Đường');
    expect(text).toContain('Lò Thị Hằng');
    expect(text).toContain(card);
    expect(text).toContain('14/05/1990');
    expect(text).toContain('Nữ');
    expect(text).toContain('0912345678');
    expect(text).toContain('Bản Nà Khum');
    expect(text).toContain('012345678901');
    expect(text).toContain('Người lớn');
    // Sensitive data: the value kept, the consent behind it (date and staff member), "không lưu" for the rest.
    expect(text).toContain('Thái');
    expect(text).toMatch(/Bạn đọc đồng ý ngày 10\/03\/2026 \d\d:\d\d, ghi nhận bởi thủ thư/u);
    expect(text).toContain('không lưu');
    // Every loan, returned or not.
    expect(text).toContain('Kỹ thuật trồng thảo quả');
    expect(text).toContain('Vợ chồng A Phủ');
    expect(text).toContain('đang mượn');
    expect(text).toContain('13/03/2026');
    // The audit trail, this export included.
    expect(text).toContain('Đăng ký bạn đọc');
    expect(text).toContain('Trích xuất dữ liệu');
    expect(text).toMatch(/Trang 1\/\d/u);
    // The photo is in it.
    expect(Buffer.from(doc.base64, 'base64').toString('latin1')).toMatch(/\/Subtype \/Image/u);
  });

  it('says "không lưu" for sensitive fields kept without consent, and lists no loans when there are none', async () => {
    const doc = ok(await desk.core.call('patrons.exportPdf', { cardNumber: plainCard }));
    const text = pdfText(savePdf(out.dir, doc, 'plain.pdf'));
    expect(text).toContain('Giàng A Páo');
    expect(text).toContain('Thiếu nhi');
    expect(text.match(/không lưu/gu)?.length).toBe(3);
    expect(text).toContain('Chưa có lượt mượn nào.');
    expect(Buffer.from(doc.base64, 'base64').toString('latin1')).not.toMatch(/\/Subtype \/Image/u);
  });

  it('audits the export', async () => {
    const count = () =>
      (
        desk.core.db
          .prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'patron.exported' AND subject = ?")
          .get(card) as { n: number }
      ).n;
    const before = count();
    ok(await desk.core.call('patrons.exportPdf', { cardNumber: card }));
    expect(count()).toBe(before + 1);
  });

  it('refuses an unknown card with NOT_FOUND', async () => {
    const unknown = makeLibraryBarcode(2, 1, 77_777);
    const error = refused(await desk.core.call('patrons.exportPdf', { cardNumber: unknown }));
    expect(error.code).toBe('NOT_FOUND');
  });
});
