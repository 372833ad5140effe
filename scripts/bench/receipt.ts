import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { makeLibraryBarcode } from '../../shared/barcode';
import { createDeskCore } from '../../electron/core/desk';
import { startPrintWorker, stopPrintWorker } from '../../electron/core/devices/printers/service';
import { statusBytes } from '../../electron/core/devices/printers/status';
import { fmtMs, percentile, round } from './stats';
import type { Figure } from './types';

const RUNS = 60;
const WARMUP = 5;

function must<T>(result: { ok: true; data: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.data;
}

/**
 * A 5-item raster checkout receipt, from printing.printReceipt (the UI's
 * "finish transaction") to the last byte at a TCP 9100 printer on 127.0.0.1:
 * the enqueue, the worker's DLE EOT status check, the drawing at 58 mm, the
 * GS v 0 encoding and the send.
 */
export const receiptToPrinterP95Ms: Figure = {
  name: 'receipt_to_printer_p95_ms',
  unit: 'ms',
  target: '≤ 300',
  meets: (value) => value <= 300,
  async run() {
    const dir = mkdtempSync(path.join(tmpdir(), 'library-desk-bench-receipt-'));
    let arrived: ((bytes: number) => void) | undefined;
    const server = net.createServer((socket) => {
      let size = 0;
      socket.on('data', (chunk) => {
        if (chunk.length === 3 && chunk[0] === 0x10 && chunk[1] === 0x04) {
          socket.write(Buffer.from([statusBytes({})[chunk[2]!]!]));
          return;
        }
        size += chunk.length;
      });
      socket.on('end', () => {
        if (size > 0) arrived?.(size);
        socket.end();
      });
      socket.on('error', () => {});
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    const core = createDeskCore({ dataDir: dir });
    try {
      must(core.call('system.setup', { mode: 'empty' }));
      must(core.call('printing.configure', { transport: { type: 'tcp', host: '127.0.0.1', port }, width: 58 }));
      const reader = must(core.call('patrons.register', { fullName: 'Nguyễn Thị Hằng', category: 'adult' }));
      const titles = ['Truyện Kiều', 'Dế Mèn phiêu lưu ký', 'Số đỏ', 'Tắt đèn', 'Kỹ thuật trồng chè Shan tuyết'];
      const items = titles.map((_, i) => makeLibraryBarcode(3, 1, i + 1));
      titles.forEach((title, i) =>
        must(core.call('catalog.addTitle', { title, authors: [], copies: [{ barcode: items[i]! }] })),
      );
      for (const item of items) must(core.call('circulation.checkout', { patron: reader.cardNumber, item }));
      startPrintWorker(core.db, { timeoutMs: 2000, idleMs: 200 });
      const samples: number[] = [];
      let bytes = 0;
      for (let i = 0; i < WARMUP + RUNS; i++) {
        const done = new Promise<number>((resolve) => (arrived = resolve));
        const t0 = performance.now();
        must(core.call('printing.printReceipt', { kind: 'checkout', patron: reader.cardNumber, items }));
        bytes = await done;
        if (i >= WARMUP) samples.push(performance.now() - t0);
      }
      await stopPrintWorker(core.db);
      const p95 = percentile(samples, 95);
      return {
        value: round(p95, 1),
        details: [
          `${RUNS} receipts of 5 items, ${bytes} bytes each at 58 mm`,
          `p50 ${fmtMs(percentile(samples, 50))}, p95 ${fmtMs(p95)}, max ${fmtMs(Math.max(...samples))}`,
        ],
      };
    } finally {
      core.close();
      server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
