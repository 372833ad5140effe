import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDeskCore } from '../../electron/core/desk';
import { fmtMs, median, percentile, round } from './stats';
import type { Figure } from './types';

const RUNS = 20;
const WARMUP = 2;
const SHEET = 10;

/** The readers' photos: the test fixture, made distinct per reader and ~30 kB each, as webcam JPEGs are. */
function photos(): string[] {
  const jpeg = readFileSync(path.resolve(import.meta.dirname, '../../tests/fixtures/print/reader-photo.jpg'));
  return Array.from({ length: SHEET }, (_, i) => {
    // A JPEG comment segment (FF FE, length) right after the start-of-image marker.
    const text = Buffer.alloc(Math.max(0, 30_000 - jpeg.length), ` reader ${i} `);
    const segment = Buffer.alloc(4);
    segment.writeUInt16BE(0xfffe, 0);
    segment.writeUInt16BE(text.length + 2, 2);
    const bytes = Buffer.concat([jpeg.subarray(0, 2), segment, text, jpeg.subarray(2)]);
    return `data:image/jpeg;base64,${bytes.toString('base64')}`;
  });
}

const names = [
  'Nguyễn Thị Thu Hằng Phương',
  'Giàng A Páo',
  'Lò Văn Đức',
  'Hoàng Thị Mỷ',
  'Vàng Seo Chứ',
  'Tòng Thị Ánh Nguyệt',
  'Sùng A Dếnh',
  'Lường Văn Thưởng',
  'Nguyễn Hoàng Bảo Ngọc Khánh Linh Thị Thanh Thuỷ Trà My',
  'Đèo Văn Khẩm',
];

/** A sheet of ten cards, with photos, through core.call('cards.pdf'): reading, audit, layout, PDF, base64. */
export const cardSheetPdfMs: Figure = {
  name: 'card_sheet_pdf_ms',
  unit: 'ms',
  target: '≤ 1000',
  meets: (value) => value <= 1000,
  async run(log) {
    const dir = mkdtempSync(path.join(tmpdir(), 'library-desk-bench-cards-'));
    const core = createDeskCore({ dataDir: dir });
    try {
      const pictures = photos();
      const cards = names.map((fullName, i) => {
        const result = core.call('patrons.register', {
          fullName,
          photo: pictures[i],
          category: i % 3 === 0 ? 'child' : 'adult',
          acceptDuplicates: true,
        });
        if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
        return result.data.cardNumber;
      });
      const sheet = async () => {
        const started = performance.now();
        const result = await core.call('cards.pdf', { cardNumbers: cards, layout: 'sheet' });
        const ms = performance.now() - started;
        if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
        if (result.data.pages !== 1) throw new Error(`expected one page, got ${result.data.pages}`);
        return { ms, bytes: result.data.base64.length * 0.75 };
      };
      const first = await sheet();
      log(`first sheet (fonts loaded and parsed): ${fmtMs(first.ms)}, ${(first.bytes / 1024).toFixed(0)} kB`);
      for (let i = 1; i < WARMUP; i += 1) await sheet();
      const samples: number[] = [];
      for (let i = 0; i < RUNS; i += 1) samples.push((await sheet()).ms);
      const p50 = median(samples);
      return {
        value: round(p50, 1),
        details: [
          `${RUNS} sheets of ${SHEET} cards with photos: median ${fmtMs(p50)}, p95 ${fmtMs(percentile(samples, 95))}, ` +
            `max ${fmtMs(Math.max(...samples))}`,
        ],
      };
    } finally {
      core.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
