import net from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  getPrintJob,
  PrintWorker,
  writePrinterConfig,
  enqueuePrintJob,
} from '../../electron/core/devices/printers/queue';
import { receiptLines } from '../../electron/core/devices/printers/receipt';
import { systemPrinterUnavailable, type SystemPrintJob } from '../../electron/core/devices/printers/system-printer';
import { readSetting } from '../../electron/core/settings-store';
import type { Receipt } from '../../shared/contract/printing';
import { ok, refused, tempDesk, type TempDesk } from '../helpers/desk';

const receipt: Receipt = {
  kind: 'checkout',
  libraryName: 'Thư viện huyện Tam Đường',
  at: '26/11/2026 13:05',
  patron: { name: 'Nguyễn Thị Hằng', card: '20001000000012' },
  items: [{ title: 'Truyện Kiều <bản đẹp>', barcode: '30001000000010', dueDate: '10/12/2026' }],
  transaction: 'GD-000042',
};

/** A printer on TCP that takes print data and never answers a DLE EOT status query. */
async function mutePrinter() {
  const received: Buffer[] = [];
  const server = net.createServer((socket) => {
    const chunks: Buffer[] = [];
    let kept = false;
    // One entry per connection, whether the desk ended it or gave up on it.
    const keep = () => {
      if (kept || chunks.length === 0) return;
      kept = true;
      received.push(Buffer.concat(chunks));
    };
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => {
      keep();
      socket.end();
    });
    socket.on('close', keep);
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let desk: TempDesk;
beforeEach(() => {
  desk = tempDesk();
});
afterEach(() => desk.dispose());

const enqueue = () =>
  enqueuePrintJob(desk.core.db, 'checkout', { lines: receiptLines(receipt) }, '2026-11-26T13:05:00.000+07:00');
const isDleEot = (b: Buffer) => b[0] === 0x10 && b[1] === 0x04;

describe('skipping DLE EOT status queries', () => {
  it('a printer that never answers status: queries time out and the job waits; with skipStatus it prints', async () => {
    const printer = await mutePrinter();
    try {
      writePrinterConfig(desk.core.db, { transport: { type: 'tcp', host: '127.0.0.1', port: printer.port } });
      const worker = new PrintWorker({ db: desk.core.db, timeoutMs: 300, backoffMs: () => 0 });
      const job = enqueue();
      expect(await worker.runOnce()).toBe(false);
      const waiting = getPrintJob(desk.core.db, job.id)!;
      expect(waiting.status).toBe('queued');
      expect(waiting.lastError).toMatch(/PRINTER_TIMEOUT: DLE EOT 1/u);
      // Only the question reached the printer, no receipt.
      await new Promise((r) => setTimeout(r, 50));
      expect(printer.received.every(isDleEot)).toBe(true);

      const config = writePrinterConfig(desk.core.db, { skipStatus: true });
      expect(config.skipStatus).toBe(true);
      const before = printer.received.length;
      expect(await worker.runOnce()).toBe(true);
      expect(getPrintJob(desk.core.db, job.id)).toMatchObject({ status: 'done', lastError: null, attempts: 2 });
      for (let i = 0; i < 100 && printer.received.length === before; i++) await new Promise((r) => setTimeout(r, 10));
      const sent = printer.received.slice(before);
      expect(sent).toHaveLength(1);
      expect([sent[0]![0], sent[0]![1]]).toEqual([0x1b, 0x40]);
      expect(sent.some(isDleEot)).toBe(false);
    } finally {
      await printer.close();
    }
  });

  it('skipStatus goes through printing.configure and defaults to asking', () => {
    expect(ok(desk.core.call('printing.getConfig', {})).skipStatus).toBe(false);
    expect(ok(desk.core.call('printing.configure', { skipStatus: true })).skipStatus).toBe(true);
    expect(refused(desk.core.call('printing.configure', { skipStatus: 'yes' })).code).toBe('VALIDATION');
  });
});

describe('the system printer transport (Windows spooler through the shell)', () => {
  it('the queue hands the HTML receipt to the injected system printer, by name, at the paper width', async () => {
    const jobs: SystemPrintJob[] = [];
    ok(
      desk.core.call('printing.configure', {
        transport: { type: 'system', deviceName: 'XP-58 (copy 1)' },
        width: 58,
        // Asking the status means nothing here: the OS has the printer.
        skipStatus: false,
      }),
    );
    const worker = new PrintWorker({
      db: desk.core.db,
      systemPrinter: { printHtml: async (job) => void jobs.push(job) },
    });
    const job = enqueue();
    expect(await worker.runOnce()).toBe(true);
    expect(getPrintJob(desk.core.db, job.id)!.status).toBe('done');
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ deviceName: 'XP-58 (copy 1)', widthMm: 58 });
    expect(jobs[0]!.heightMm).toBeGreaterThan(40);
    expect(jobs[0]!.html).toContain('Nguyễn Thị Hằng');
    expect(jobs[0]!.html).toContain('Truyện Kiều &lt;bản đẹp&gt;');
    expect(jobs[0]!.html).toContain('@page { size: 58mm');
  });

  it('a system printer that fails keeps the job queued with its reason; the browser shell has none and says so', async () => {
    ok(desk.core.call('printing.configure', { transport: { type: 'system', deviceName: 'XP-80' } }));
    const failing = new PrintWorker({
      db: desk.core.db,
      backoffMs: () => 0,
      systemPrinter: { printHtml: () => Promise.reject(new Error('SYSTEM_PRINTER_FAILED: Print job canceled')) },
    });
    const job = enqueue();
    expect(await failing.runOnce()).toBe(false);
    expect(getPrintJob(desk.core.db, job.id)).toMatchObject({
      status: 'queued',
      lastError: 'SYSTEM_PRINTER_FAILED: Print job canceled',
    });
    // No system printer given (the browser shell): a clear refusal on the job, which waits.
    const browserShell = new PrintWorker({ db: desk.core.db, backoffMs: () => 0 });
    expect(await browserShell.runOnce()).toBe(false);
    expect(getPrintJob(desk.core.db, job.id)).toMatchObject({ status: 'queued', lastError: systemPrinterUnavailable });
    expect(systemPrinterUnavailable).toMatch(/^SYSTEM_PRINTER_UNAVAILABLE: .*Electron/u);
  });

  it('a system printer without a name is refused by the contract', () => {
    expect(
      refused(desk.core.call('printing.configure', { transport: { type: 'system', deviceName: '  ' } })).code,
    ).toBe('VALIDATION');
  });
});

describe('receipt wording through printing.configure', () => {
  it('stores only what differs from the language defaults; unchanged words follow the language', () => {
    const config = ok(
      desk.core.call('printing.configure', {
        wording: {
          libraryName: 'TV huyện Tam Đường',
          headerLines: ['Tổ 3, thị trấn Tam Đường'],
          footerLines: ['Xin cảm ơn! Hẹn gặp lại.'],
        },
      }),
    );
    expect(config.wording).toMatchObject({
      libraryName: 'TV huyện Tam Đường',
      headerLines: ['Tổ 3, thị trấn Tam Đường'],
      footerLines: ['Xin cảm ơn! Hẹn gặp lại.'],
      checkoutTitle: 'PHIẾU MƯỢN SÁCH',
    });
    // The footer sent is the Vietnamese default: not stored, so it follows the language.
    expect(readSetting(desk.core.db, 'printing.wording')).toEqual({
      libraryName: 'TV huyện Tam Đường',
      headerLines: ['Tổ 3, thị trấn Tam Đường'],
    });
    ok(desk.core.call('settings.update', { language: 'en' }));
    expect(ok(desk.core.call('printing.getConfig', {})).wording).toMatchObject({
      libraryName: 'TV huyện Tam Đường',
      headerLines: ['Tổ 3, thị trấn Tam Đường'],
      footerLines: ['Thank you! See you again.'],
      checkoutTitle: 'LOAN RECEIPT',
    });
  });

  it('seven header lines, or a line too long for the paper, are refused and nothing changes', () => {
    const before = ok(desk.core.call('printing.getConfig', {}));
    expect(
      refused(desk.core.call('printing.configure', { wording: { headerLines: Array.from({ length: 7 }, () => 'x') } }))
        .code,
    ).toBe('VALIDATION');
    expect(refused(desk.core.call('printing.configure', { wording: { footerLines: ['x'.repeat(65)] } })).code).toBe(
      'VALIDATION',
    );
    expect(ok(desk.core.call('printing.getConfig', {}))).toEqual(before);
  });
});
