import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { SerialPort } from 'serialport';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Receipt } from '../../shared/contract/printing';
import { foldText } from '../../shared/text';
import { startPrintWorker, stopPrintWorker } from '../../electron/core/devices/printers/service';
import {
  enqueuePrintJob,
  getPrintJob,
  listPrintJobs,
  PrintWorker,
  reprintLast,
  writePrinterConfig,
} from '../../electron/core/devices/printers/queue';
import { receiptLines } from '../../electron/core/devices/printers/receipt';
import { encodeReceipt } from '../../electron/core/devices/printers/render';
import { statusBytes } from '../../electron/core/devices/printers/status';
import { fileTransport, serialTransport, tcpTransport } from '../../electron/core/devices/printers/transports';
import { decodeEscPos, joinImages } from '../helpers/escpos-decoder';
import { addTitle, ok, refused, registerReader, tempDesk, tempDir, type TempDesk } from '../helpers/desk';

/** Where the decoded receipts are left for a person to look at. */
const pngDir = '/tmp/library-desk-receipts';

const receipt: Receipt = {
  kind: 'checkout',
  libraryName: 'Thư viện huyện Tam Đường',
  at: '2026-11-26 13:05',
  patron: { name: 'Nguyễn Thị Hằng', card: 'P000123' },
  items: [
    { title: 'Truyện Kiều', barcode: '30001', dueDate: '2026-12-10' },
    { title: 'Dế Mèn phiêu lưu ký', barcode: '30002', dueDate: '2026-12-10' },
    { title: 'Số đỏ', barcode: '30003', dueDate: '2026-12-10' },
  ],
  transaction: 'GD-000042',
};

interface FakePrinter {
  port: number;
  /** One entry per print connection: everything it sent. */
  prints: Buffer[];
  state: { paperOut?: boolean; coverOpen?: boolean; silent?: boolean; keepOpen?: boolean };
  statusQueries: number;
  close: () => Promise<void>;
}

/** A receipt printer on 127.0.0.1:0 that answers DLE EOT from its state and keeps what it is sent. */
async function fakePrinter(): Promise<FakePrinter> {
  const sockets = new Set<net.Socket>();
  const printer: FakePrinter = { port: 0, prints: [], state: {}, statusQueries: 0, close: async () => {} };
  const server = net.createServer((socket) => {
    sockets.add(socket);
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => {
      if (printer.state.silent) return;
      const all = Buffer.concat([...chunks, chunk]);
      if (
        all.length % 3 === 0 &&
        all.length <= 9 &&
        [...all].every((b, i) => (i % 3 === 0 ? b === 0x10 : i % 3 === 1 ? b === 0x04 : true))
      ) {
        printer.statusQueries++;
        chunks.length = 0;
        socket.write(Buffer.from([statusBytes(printer.state)[chunk[2]!]!]));
        return;
      }
      chunks.push(chunk);
    });
    socket.on('end', () => {
      if (chunks.length) printer.prints.push(Buffer.concat(chunks));
      if (!printer.state.silent && !printer.state.keepOpen) socket.end();
    });
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  printer.port = (server.address() as net.AddressInfo).port;
  printer.close = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
  return printer;
}

function ocr(png: Buffer, name: string): string {
  mkdirSync(pngDir, { recursive: true });
  const file = path.join(pngDir, name);
  writeFileSync(file, png);
  // --psm 6: a receipt is one uniform column of text. With the default page
  // segmentation tesseract sometimes drops a short bold line ("1. Truyện Kiều")
  // of a short receipt as if it were a picture.
  const run = spawnSync('tesseract', [file, '-', '-l', 'vie', '--psm', '6'], { encoding: 'utf8' });
  expect(run.status).toBe(0);
  return run.stdout.normalize('NFC');
}

let desk: TempDesk;
let printer: FakePrinter;

beforeEach(async () => {
  desk = tempDesk();
  printer = await fakePrinter();
});

afterEach(async () => {
  await printer.close();
  desk.dispose();
});

const enqueue = (r: Receipt = receipt) =>
  enqueuePrintJob(desk.core.db, r.kind, { lines: receiptLines(r) }, '2026-11-26T13:05:00.000+07:00');

describe('receipts through a TCP 9100 printer', () => {
  it.each([58, 80] as const)(
    '%i mm: the raster receipt arrives whole, and tesseract reads back the reader and the titles with their stacked marks',
    async (width) => {
      writePrinterConfig(desk.core.db, { transport: { type: 'tcp', host: '127.0.0.1', port: printer.port }, width });
      const job = enqueue();
      const worker = new PrintWorker({ db: desk.core.db, timeoutMs: 2000 });
      expect(await worker.runOnce()).toBe(true);
      expect(getPrintJob(desk.core.db, job.id)).toMatchObject({ status: 'done', attempts: 1, lastError: null });
      expect(printer.prints).toHaveLength(1);
      expect(printer.statusQueries).toBe(3); // DLE EOT 1, 2, 4 before printing

      const decoded = decodeEscPos(printer.prints[0]!);
      expect(decoded.commands[0]).toBe('ESC @');
      expect(decoded.cuts).toBe(1);
      const image = joinImages(decoded.images);
      expect(image.width).toBe(width === 58 ? 384 : 576);
      const text = ocr(image.png, `checkout-${width}mm.png`);
      // Exact NFC matches: no OCR slip is allowed on the reader's name or the titles.
      expect(text).toContain('Nguyễn Thị Hằng');
      expect(text).toContain('Truyện Kiều');
      expect(text).toContain('Dế Mèn phiêu lưu ký');
      expect(text).toContain('PHIẾU MƯỢN SÁCH');
      // The rest by folded text (tesseract sometimes reads "thẻ" as "thả").
      for (const s of ['Thư viện huyện Tam Đường', 'GD-000042', '30003', '2026-12-10']) {
        expect(foldText(text)).toContain(foldText(s));
      }
    },
  );

  it('paper out: the job stays queued with the reason and nothing is sent; paper back, it prints once', async () => {
    writePrinterConfig(desk.core.db, { transport: { type: 'tcp', host: '127.0.0.1', port: printer.port } });
    const job = enqueue();
    const worker = new PrintWorker({ db: desk.core.db, timeoutMs: 1000, backoffMs: () => 0 });
    printer.state.paperOut = true;
    expect(await worker.runOnce()).toBe(false);
    expect(getPrintJob(desk.core.db, job.id)).toMatchObject({ status: 'queued', attempts: 1, lastError: 'PAPER_OUT' });
    printer.state = { coverOpen: true };
    await worker.runOnce();
    expect(getPrintJob(desk.core.db, job.id)).toMatchObject({ status: 'queued', attempts: 2, lastError: 'COVER_OPEN' });
    expect(printer.prints).toHaveLength(0);

    printer.state = {};
    expect(await worker.runOnce()).toBe(true);
    expect(getPrintJob(desk.core.db, job.id)).toMatchObject({ status: 'done', attempts: 3, lastError: null });
    expect(await worker.runOnce()).toBe(false); // nothing left
    expect(printer.prints).toHaveLength(1);
  });

  it('unplugged (connection refused): queued with the error, with a pause before the next try; nothing lost', async () => {
    const port = printer.port;
    await printer.close();
    writePrinterConfig(desk.core.db, { transport: { type: 'tcp', host: '127.0.0.1', port } });
    const job = enqueue();
    const worker = new PrintWorker({ db: desk.core.db, timeoutMs: 1000 });
    await worker.runOnce();
    expect(getPrintJob(desk.core.db, job.id)).toMatchObject({ status: 'queued', attempts: 1 });
    expect(getPrintJob(desk.core.db, job.id)!.lastError).toMatch(/ECONNREFUSED/u);
    // The default backoff (1 s) keeps it from being tried again at once.
    expect(await worker.runOnce()).toBe(false);
    expect(getPrintJob(desk.core.db, job.id)!.attempts).toBe(1);
    printer = await fakePrinter();
  });

  it('a printer that never answers times out, and core.call is answered meanwhile', async () => {
    printer.state.silent = true;
    writePrinterConfig(desk.core.db, { transport: { type: 'tcp', host: '127.0.0.1', port: printer.port } });
    const job = enqueue();
    const worker = new PrintWorker({ db: desk.core.db, timeoutMs: 300 });
    const started = Date.now();
    let settled = false;
    const attempt = worker.runOnce().finally(() => (settled = true));
    // While the worker waits on the silent printer, the desk answers at once,
    // synchronously, and checkouts go on (each in its own transaction).
    await new Promise((r) => setTimeout(r, 50));
    const t0 = performance.now();
    const info = desk.core.call('system.info', {});
    expect(info).not.toBeInstanceOf(Promise);
    expect(info.ok).toBe(true);
    expect(performance.now() - t0).toBeLessThan(250);
    expect(settled).toBe(false);
    await attempt;
    expect(Date.now() - started).toBeLessThan(2000);
    expect(getPrintJob(desk.core.db, job.id)).toMatchObject({ status: 'queued', attempts: 1 });
    expect(getPrintJob(desk.core.db, job.id)!.lastError).toMatch(/PRINTER_TIMEOUT/u);
    expect(printer.prints).toHaveLength(0);
  });

  it('the worker loop: enqueued inside a transaction, printed in the background, stopped on close; reprint queues the last receipt again', async () => {
    writePrinterConfig(desk.core.db, { transport: { type: 'tcp', host: '127.0.0.1', port: printer.port } });
    const worker = new PrintWorker({ db: desk.core.db, timeoutMs: 1000, idleMs: 20 });
    worker.start();
    const job = desk.core.db.transaction(() => enqueue())();
    worker.kick();
    const until = async (check: () => boolean) => {
      for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
      expect(check()).toBe(true);
    };
    await until(() => getPrintJob(desk.core.db, job.id)!.status === 'done');
    const again = reprintLast(desk.core.db, '2026-11-26T13:06:00.000+07:00')!;
    expect(again.id).toBeGreaterThan(job.id);
    await until(() => getPrintJob(desk.core.db, again.id)!.status === 'done');
    await worker.stop();
    expect(printer.prints).toHaveLength(2);
    expect(printer.prints[0]!.equals(printer.prints[1]!)).toBe(true);
    expect(listPrintJobs(desk.core.db).map((j) => j.status)).toEqual(['done', 'done']);
  });
});

describe('receipts through a serial printer (socat pty pair)', () => {
  let socat: ChildProcess | undefined;
  let dir: string;
  let remove: () => void;

  beforeEach(async () => {
    ({ dir, remove } = tempDir());
    socat = spawn('socat', [`pty,raw,echo=0,link=${dir}/printer`, `pty,raw,echo=0,link=${dir}/desk`], {
      stdio: 'ignore',
    });
    for (let i = 0; i < 100 && !(existsSync(`${dir}/printer`) && existsSync(`${dir}/desk`)); i++) {
      await new Promise((r) => setTimeout(r, 20));
    }
  });

  afterEach(() => {
    socat?.kill();
    remove();
  });

  it('status answered over the line, the receipt read back and decoded', async () => {
    const device = new SerialPort({ path: `${dir}/printer`, baudRate: 115200 });
    await new Promise<void>((resolve, reject) => device.once('open', resolve).once('error', reject));
    let received = Buffer.alloc(0);
    const state: { paperOut?: boolean } = {};
    device.on('data', (chunk: Buffer) => {
      if (chunk.length === 3 && chunk[0] === 0x10 && chunk[1] === 0x04) {
        device.write(Buffer.from([statusBytes(state)[chunk[2]!]!]));
        return;
      }
      received = Buffer.concat([received, chunk]);
    });
    try {
      const transport = serialTransport(`${dir}/desk`, 115200, { timeoutMs: 2000 });
      state.paperOut = true;
      expect(await transport.status!()).toMatchObject({ paperOut: true, online: false });
      state.paperOut = false;
      expect(await transport.status!()).toMatchObject({ paperOut: false, online: true, coverOpen: false });

      const bytes = encodeReceipt(receiptLines(receipt), 58, 'raster');
      await transport.send(bytes);
      for (let i = 0; i < 200 && received.length < bytes.length; i++) await new Promise((r) => setTimeout(r, 10));
      expect(received.equals(Buffer.from(bytes))).toBe(true);
      const text = ocr(joinImages(decodeEscPos(received).images).png, 'checkout-serial-58mm.png');
      expect(text).toContain('Nguyễn Thị Hằng');
      expect(text).toContain('Truyện Kiều');
    } finally {
      await new Promise<void>((resolve) => device.close(() => resolve()));
    }
  });
});

describe('receipts through a printer device file', () => {
  it('appends the bytes (as to /dev/usb/lp0); a text-mode receipt decodes back to Vietnamese', async () => {
    const { dir, remove } = tempDir();
    try {
      const file = path.join(dir, 'lp0');
      writeFileSync(file, '');
      const bytes = encodeReceipt(
        receiptLines({
          ...receipt,
          kind: 'return',
          items: [{ title: 'Truyện Kiều', barcode: '30001', overdueDays: 3, fee: 1500 }],
        }),
        80,
        'text',
      );
      await fileTransport(file).send(bytes);
      const decoded = decodeEscPos(readFileSync(file));
      expect(decoded.text).toContain('PHIẾU TRẢ SÁCH');
      expect(decoded.text).toContain('Bạn đọc: Nguyễn Thị Hằng');
      expect(decoded.text).toContain('Quá hạn (ngày): 3');
      expect(decoded.text).toContain('Tổng phí: 1.500 đ');
    } finally {
      remove();
    }
  });

  it('a printer that keeps the connection open after the receipt: sent, not timed out (so not printed twice)', async () => {
    printer.state.keepOpen = true;
    const started = Date.now();
    await tcpTransport('127.0.0.1', printer.port, { timeoutMs: 3000 }).send(Uint8Array.from([0x1b, 0x40, 0x42, 0x0a]));
    expect(Date.now() - started).toBeLessThan(1500);
    for (let i = 0; i < 100 && printer.prints.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(decodeEscPos(printer.prints[0]!).text).toBe('B\n');
  });

  it('tcpTransport without status still sends (a printer that only listens)', async () => {
    await tcpTransport('127.0.0.1', printer.port).send(Uint8Array.from([0x1b, 0x40, 0x41, 0x0a]));
    for (let i = 0; i < 100 && printer.prints.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(decodeEscPos(printer.prints[0]!).text).toBe('A\n');
  });
});

describe('the printing.* channels', () => {
  const until = async (check: () => boolean) => {
    for (let i = 0; i < 300 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
    expect(check()).toBe(true);
  };

  it('configure, check out, print the receipt by barcodes; return with a fee; reprint; the queue shows it all', async () => {
    const core = desk.core;
    const config = ok(
      core.call('printing.configure', {
        transport: { type: 'tcp', host: '127.0.0.1', port: printer.port },
        width: 58,
        wording: { footerLines: ['Cảm ơn bạn đọc!'] },
      }),
    );
    expect(config).toMatchObject({ width: 58, mode: 'raster', autoPrint: false });
    expect(config.wording.footerLines).toEqual(['Cảm ơn bạn đọc!']);
    expect(config.wording.reader).toBe('Bạn đọc');
    ok(core.call('settings.update', { feesEnabled: true }));

    const reader = registerReader(core, { fullName: 'Nguyễn Thị Hằng' });
    const [kieu] = addTitle(core, { title: 'Truyện Kiều' });
    const [demen] = addTitle(core, { title: 'Dế Mèn phiêu lưu ký' });
    ok(core.call('circulation.checkout', { patron: reader, item: kieu! }));
    ok(core.call('circulation.checkout', { patron: reader, item: demen! }));

    startPrintWorker(core.db, { timeoutMs: 1000, idleMs: 20 });
    try {
      const job = ok(core.call('printing.printReceipt', { kind: 'checkout', patron: reader, items: [kieu!, demen!] }));
      expect(job.status).toBe('queued');
      await until(() => printer.prints.length === 1);
      const text = ocr(joinImages(decodeEscPos(printer.prints[0]!).images).png, 'channel-checkout-58mm.png');
      expect(text).toContain('Nguyễn Thị Hằng');
      expect(text).toContain('Truyện Kiều');
      expect(text).toContain('Dế Mèn phiêu lưu ký');
      expect(foldText(text)).toContain(foldText(reader));
      expect(foldText(text)).toContain(foldText('Cảm ơn bạn đọc!'));

      // Not this reader's loan: refused, nothing queued.
      const other = registerReader(core, { fullName: 'Lò Văn Đức' });
      expect(
        refused(core.call('printing.printReceipt', { kind: 'checkout', patron: other, items: [kieu!] })).code,
      ).toBe('NOT_ON_LOAN');

      desk.clock.advanceDays(40);
      const back = ok(core.call('circulation.return', { item: kieu! }));
      ok(core.call('printing.printReceipt', { kind: 'return', items: [kieu!] }));
      await until(() => printer.prints.length === 2);
      const returned = ocr(joinImages(decodeEscPos(printer.prints[1]!).images).png, 'channel-return-58mm.png');
      expect(returned).toContain('PHIẾU TRẢ SÁCH');
      expect(returned).toContain('Truyện Kiều');
      expect(foldText(returned)).toContain(foldText(`Quá hạn (ngày): ${back.overdueDays}`));

      ok(core.call('printing.reprintLast', {}));
      await until(() => printer.prints.length === 3);
      expect(printer.prints[2]!.equals(printer.prints[1]!)).toBe(true);
      ok(core.call('printing.testPage', {}));
      await until(() => printer.prints.length === 4);
      ocr(joinImages(decodeEscPos(printer.prints[3]!).images).png, 'test-page-58mm.png');

      await until(() => ok(core.call('printing.queue', {})).every((j) => j.status === 'done'));
      expect(ok(core.call('printing.queue', {})).map((j) => j.kind)).toEqual(['test', 'return', 'return', 'checkout']);
    } finally {
      await stopPrintWorker(core.db);
    }
  });
});
