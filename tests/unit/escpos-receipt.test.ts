import { describe, expect, it } from 'vitest';
import type { Receipt } from '../../shared/contract/printing';
import {
  changedWording,
  defaultReceiptWording,
  formatFee,
  receiptLines,
  receiptWording,
  testPageLines,
} from '../../electron/core/devices/printers/receipt';
import { encodeReceipt, renderReceiptBitmap, toCp1258Form } from '../../electron/core/devices/printers/render';
import { parseStatus, statusBytes, statusProblem } from '../../electron/core/devices/printers/status';
import { decodeEscPos, joinImages } from '../helpers/escpos-decoder';

const checkout: Receipt = {
  kind: 'checkout',
  libraryName: 'Thư viện huyện Tam Đường',
  at: '2026-11-26 13:05',
  patron: { name: 'Nguyễn Thị Hằng', card: 'P000123' },
  items: [
    { title: 'Truyện Kiều', barcode: '30001', dueDate: '2026-12-10' },
    { title: 'Dế Mèn phiêu lưu ký', barcode: '30002', dueDate: '2026-12-10' },
  ],
  transaction: 'GD-000042',
};

describe('receipt content', () => {
  it('a checkout receipt names the library, the reader and card, each item with barcode and due date, and the transaction', () => {
    const text = receiptLines(checkout).map((l) => l.text);
    expect(text[0]).toBe('Thư viện huyện Tam Đường');
    expect(text).toContain('PHIẾU MƯỢN SÁCH');
    expect(text).toContain('2026-11-26 13:05');
    expect(text).toContain('Bạn đọc: Nguyễn Thị Hằng');
    expect(text).toContain('Số thẻ: P000123');
    expect(text).toContain('1. Truyện Kiều');
    expect(text).toContain('   Mã: 30002');
    expect(text.filter((t) => t === '   Hạn trả: 2026-12-10')).toHaveLength(2);
    expect(text).toContain('Số giao dịch: GD-000042');
  });

  it('a return receipt shows overdue days and fees, with their total', () => {
    const text = receiptLines({
      ...checkout,
      kind: 'return',
      items: [
        { title: 'Truyện Kiều', barcode: '30001', overdueDays: 4, fee: 2000 },
        { title: 'Dế Mèn phiêu lưu ký', barcode: '30002', overdueDays: 0, fee: 0 },
      ],
    }).map((l) => l.text);
    expect(text).toContain('PHIẾU TRẢ SÁCH');
    expect(text).toContain('   Quá hạn (ngày): 4');
    expect(text).toContain('   Phí: 2.000 đ');
    expect(text).toContain('Tổng phí: 2.000 đ');
    expect(formatFee(1250000)).toBe('1.250.000 đ');
  });

  it('wording comes from settings over the Vietnamese defaults, and all text is NFC', () => {
    const wording = receiptWording({ reader: 'Reader' });
    expect(wording.card).toBe(defaultReceiptWording().card);
    const lines = receiptLines(
      { ...checkout, patron: { name: 'Nguyễn Thị Hằng'.normalize('NFD'), card: 'P1' } },
      wording,
    );
    expect(lines.map((l) => l.text)).toContain('Reader: Nguyễn Thị Hằng'.normalize('NFC'));
    expect(lines.every((l) => l.text === l.text.normalize('NFC'))).toBe(true);
  });
});

describe('receipt wording', () => {
  it('defaults come from the i18n catalogue of the desk language (Vietnamese, English)', () => {
    expect(defaultReceiptWording('vi')).toMatchObject({
      libraryName: '',
      headerLines: [],
      footerLines: ['Xin cảm ơn! Hẹn gặp lại.'],
      checkoutTitle: 'PHIẾU MƯỢN SÁCH',
    });
    expect(defaultReceiptWording('en')).toMatchObject({
      footerLines: ['Thank you! See you again.'],
      checkoutTitle: 'LOAN RECEIPT',
      reader: 'Reader',
    });
    // Unchanged words follow the language; changed ones stay.
    expect(receiptWording({ headerLines: ['Tổ 3, thị trấn Tam Đường'] }, 'en')).toMatchObject({
      headerLines: ['Tổ 3, thị trấn Tam Đường'],
      returnTitle: 'RETURN RECEIPT',
    });
    // A footer stored as one string (before lines) is kept as the footer's one line.
    expect(receiptWording({ footer: 'Cảm ơn!' } as never).footerLines).toEqual(['Cảm ơn!']);
  });

  it('only what differs from the defaults is stored', () => {
    const wording = { ...defaultReceiptWording('vi'), headerLines: ['ĐT: 0213 3875 123'], reader: 'Người mượn' };
    expect(changedWording(wording, 'vi')).toEqual({ headerLines: ['ĐT: 0213 3875 123'], reader: 'Người mượn' });
    expect(changedWording(defaultReceiptWording('en'), 'en')).toEqual({});
  });

  it('the library name on receipts, header lines under it, footer lines at the end; empty name: the desk’s', () => {
    const wording = {
      ...defaultReceiptWording('vi'),
      libraryName: 'TV huyện Tam Đường',
      headerLines: ['Tổ 3, thị trấn Tam Đường', 'Mở cửa 7:30–17:00'],
      footerLines: ['Giữ gìn sách chung!', 'ĐT: 0213 3875 123'],
    };
    const lines = receiptLines(checkout, wording);
    expect(lines.slice(0, 4).map((l) => [l.text, l.align])).toEqual([
      ['TV huyện Tam Đường', 'center'],
      ['Tổ 3, thị trấn Tam Đường', 'center'],
      ['Mở cửa 7:30–17:00', 'center'],
      ['PHIẾU MƯỢN SÁCH', 'center'],
    ]);
    expect(lines.slice(-2).map((l) => l.text)).toEqual(['Giữ gìn sách chung!', 'ĐT: 0213 3875 123']);
    expect(receiptLines(checkout, { ...wording, libraryName: '  ' })[0]!.text).toBe('Thư viện huyện Tam Đường');
    const test = testPageLines('Thư viện huyện Tam Đường', '26/11/2026 13:05', 58, wording);
    expect(test[0]!.text).toBe('TV huyện Tam Đường');
    expect(test.at(-1)!.text).toBe('ĐT: 0213 3875 123');
  });
});

describe('raster encoding', () => {
  it.each([
    [58, 384],
    [80, 576],
  ] as const)('%i mm: ESC @, GS v 0 bands %i dots wide, cut last; black and white only', (width, dots) => {
    const lines = receiptLines(checkout);
    const bitmap = renderReceiptBitmap(lines, width);
    expect(bitmap.width).toBe(dots);
    expect(bitmap.height % 8).toBe(0);
    const decoded = decodeEscPos(encodeReceipt(lines, width, 'raster'));
    expect(decoded.commands[0]).toBe('ESC @');
    expect(decoded.commands.at(-1)).toMatch(/^GS V/u);
    expect(decoded.cuts).toBe(1);
    expect(decoded.images.length).toBeGreaterThan(0);
    expect(decoded.images.every((im) => im.width === dots)).toBe(true);
    const joined = joinImages(decoded.images);
    expect(joined.height).toBe(bitmap.height);
    // What arrives is exactly the thresholded drawing.
    expect(Buffer.from(joined.dots).equals(Buffer.from(bitmap.dots))).toBe(true);
    expect(decoded.text.trim()).toBe('');
  });

  it('a title wider than the paper wraps instead of being clipped: no ink in the side margins', () => {
    const long = {
      ...checkout,
      items: [{ title: 'Tuyển tập truyện ngắn và thơ các dân tộc vùng Tây Bắc Việt Nam', barcode: '1' }],
    };
    const bitmap = renderReceiptBitmap(receiptLines(long), 58);
    for (let y = 0; y < bitmap.height; y++) {
      for (const x of [0, 1, 2, 3, bitmap.width - 4, bitmap.width - 3, bitmap.width - 2, bitmap.width - 1]) {
        expect(bitmap.dots[y * bitmap.width + x]).toBe(0);
      }
    }
  });
});

describe('text mode (Windows-1258)', () => {
  it('writes tone marks as combining characters after â ê ô ă ơ ư, and decodes back to the same NFC text', () => {
    expect(toCp1258Form('ệ')).toBe('ê\u0323');
    expect(toCp1258Form('ợ')).toBe('ơ\u0323');
    expect(toCp1258Form('Hằng')).toBe('Hă\u0300ng');
    const decoded = decodeEscPos(encodeReceipt(receiptLines(checkout), 58, 'text'));
    expect(decoded.commands).toContain('ESC t 52');
    expect(decoded.text).toContain('Bạn đọc: Nguyễn Thị Hằng');
    expect(decoded.text).toContain('1. Truyện Kiều');
    expect(decoded.text).toContain('2. Dế Mèn phiêu lưu ký');
    expect(decoded.text).toContain('PHIẾU MƯỢN SÁCH');
    expect(decoded.images).toHaveLength(0);
    expect(decoded.cuts).toBe(1);
  });
});

describe('DLE EOT status', () => {
  it('reads online, paper out, cover open and refuses bytes that are not status bytes', () => {
    const ready = statusBytes({});
    expect(statusProblem(parseStatus(ready[1]!, ready[2]!, ready[4]!))).toBeNull();
    const paper = statusBytes({ paperOut: true });
    expect(parseStatus(paper[1]!, paper[2]!, paper[4]!)).toMatchObject({
      online: false,
      paperOut: true,
      coverOpen: false,
    });
    expect(statusProblem(parseStatus(paper[1]!, paper[2]!, paper[4]!))).toBe('PAPER_OUT');
    const cover = statusBytes({ coverOpen: true });
    expect(statusProblem(parseStatus(cover[1]!, cover[2]!, cover[4]!))).toBe('COVER_OPEN');
    // Bit 2 of n = 1 is the drawer pin, not a problem; bit 3 is offline.
    expect(parseStatus(0x16, 0x12, 0x12).online).toBe(true);
    expect(parseStatus(0x1a, 0x12, 0x12).online).toBe(false);
    expect(parseStatus(0x12, 0x12, 0x1e).paperNearEnd).toBe(true);
    expect(() => parseStatus(0x00, 0x12, 0x12)).toThrow(/status byte/u);
  });
});
