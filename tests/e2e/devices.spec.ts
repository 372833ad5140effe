import { createServer, type Server, type Socket } from 'node:net';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, mustCall, test } from './desk-fixture';
import { openDesk, scan, seedLibrary, tabTo } from './seed';

const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

// A desk, a printer, axe runs (10–15 s each when the machine is busy): room beyond the default 30 s.
test.describe.configure({ timeout: 90_000 });

/** A receipt printer on TCP: every connection's bytes, kept until the test reads them. */
interface FakePrinter {
  port: number;
  /** The bytes of each finished connection (one print job each). */
  jobs: Buffer[];
  stop(): Promise<void>;
  start(): Promise<void>;
}

function isStatusQuery(chunk: Buffer): boolean {
  if (chunk.length === 0 || chunk.length % 3 !== 0) return false;
  for (let i = 0; i < chunk.length; i += 3) if (chunk[i] !== 0x10 || chunk[i + 1] !== 0x04) return false;
  return true;
}

async function fakePrinter(port = 0): Promise<FakePrinter> {
  const jobs: Buffer[] = [];
  let server: Server | null = null;
  const sockets = new Set<Socket>();
  const printer: FakePrinter = {
    port,
    jobs,
    start: () =>
      new Promise<void>((resolve, reject) => {
        const s = createServer((socket) => {
          sockets.add(socket);
          socket.on('close', () => sockets.delete(socket));
          const chunks: Buffer[] = [];
          socket.on('data', (chunk: Buffer) => {
            // DLE EOT n (0x10 0x04 n): the desk asks the status on a connection of its own;
            // answer "online, paper, cover closed" (0x12) and keep only the print data.
            if (isStatusQuery(chunk)) socket.write(Buffer.alloc(chunk.length / 3, 0x12));
            else chunks.push(chunk);
          });
          socket.on('end', () => {
            if (chunks.length) jobs.push(Buffer.concat(chunks));
            socket.end();
          });
          socket.on('error', () => undefined);
        });
        s.once('error', reject);
        s.listen(printer.port, '127.0.0.1', () => {
          const address = s.address();
          if (address && typeof address === 'object') printer.port = address.port;
          server = s;
          resolve();
        });
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        const s = server;
        server = null;
        if (!s) return resolve();
        s.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
  await printer.start();
  return printer;
}

/** Open the devices screen with F5 from the checkout screen. */
async function openDevices(page: Page, url: string) {
  await openDesk(page, url);
  await page.keyboard.press('F5');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Thiết bị');
  await expect(page.getByTestId('printer-form')).toBeVisible();
}

/** Choose the TCP printer through the form. */
async function configurePrinter(page: Page, port: number, autoPrint = false) {
  await page.getByTestId('printer-type').selectOption('tcp');
  await page.getByTestId('printer-host').fill('127.0.0.1');
  await page.getByTestId('printer-port').fill(String(port));
  if (autoPrint) await page.getByTestId('printer-auto').check();
  await page.getByTestId('printer-save').click();
  await expect(page.getByTestId('live-status')).toContainText('Đã lưu cài đặt máy in');
}

const startsWithInit = (bytes: Buffer | undefined) => bytes !== undefined && bytes[0] === 0x1b && bytes[1] === 0x40;

test('a printer configured on the devices screen prints the test page', async ({ page, desk }) => {
  await seedLibrary(desk);
  const printer = await fakePrinter();
  try {
    await openDevices(page, desk.url);
    await configurePrinter(page, printer.port);
    expect((await mustCall(desk, 'printing.getConfig', {})).transport).toEqual({
      type: 'tcp',
      host: '127.0.0.1',
      port: printer.port,
    });
    await page.getByTestId('printer-test').click();
    await expect(page.getByTestId('live-status')).toContainText('trang in thử');
    await expect.poll(() => printer.jobs.length, { timeout: 10_000 }).toBeGreaterThan(0);
    expect(startsWithInit(printer.jobs[0])).toBe(true);
    // The queue on the screen shows the job printed.
    await expect(page.getByTestId('print-queue').locator('tr[data-kind="test"]')).toHaveAttribute(
      'data-status',
      'done',
      { timeout: 10_000 },
    );
  } finally {
    await printer.stop();
  }
});

test('with automatic printing, F9 after a checkout of two items prints the receipt', async ({ page, desk }) => {
  const { hoa, books } = await seedLibrary(desk);
  const printer = await fakePrinter();
  try {
    await openDevices(page, desk.url);
    await configurePrinter(page, printer.port, true);
    await page.keyboard.press('F2');
    await expect(page.getByTestId('scan-box')).toBeFocused();
    await scan(page, hoa.card);
    await scan(page, books[0]!.barcode);
    await scan(page, books[1]!.barcode);
    await expect(page.getByTestId('session-loans').locator('tbody tr[data-item]')).toHaveCount(2);
    await page.keyboard.press('F9');
    await expect(page.getByTestId('live-status')).toContainText(`${hoa.name}: cho mượn 2 tài liệu`);
    await expect(page.getByTestId('live-status')).toContainText('hàng đợi in');
    await expect(page.getByTestId('scan-box')).toBeFocused();
    await expect.poll(() => printer.jobs.length, { timeout: 10_000 }).toBe(1);
    expect(startsWithInit(printer.jobs[0])).toBe(true);
    // The loans stay recorded whatever the printer does.
    expect((await mustCall(desk, 'circulation.loans', { patron: hoa.card })).length).toBe(2);
  } finally {
    await printer.stop();
  }
});

test('a receipt waits in the queue while the printer is off, and prints once it is back', async ({ page, desk }) => {
  // The desk retries with a growing pause (1 s, 2 s, 4 s …): give it time to come round.
  test.setTimeout(75_000);
  const { hoa, books } = await seedLibrary(desk);
  const printer = await fakePrinter();
  try {
    await openDevices(page, desk.url);
    await configurePrinter(page, printer.port, true);
    await printer.stop();

    await page.keyboard.press('F2');
    await expect(page.getByTestId('scan-box')).toBeFocused();
    await scan(page, hoa.card);
    await scan(page, books[0]!.barcode);
    await scan(page, books[1]!.barcode);
    await expect(page.getByTestId('session-loans').locator('tbody tr[data-item]')).toHaveCount(2);
    await page.keyboard.press('F9');
    await expect(page.getByTestId('live-status')).toContainText('hàng đợi in');

    await page.keyboard.press('F5');
    const row = page.getByTestId('print-queue').locator('tr[data-kind="checkout"]');
    await expect(row).toHaveAttribute('data-status', /queued|printing/u);
    await expect(page.getByTestId('print-status')).toContainText('Phiếu chờ in: 1', { timeout: 10_000 });
    expect(printer.jobs.length).toBe(0);

    await printer.start();
    await expect.poll(() => printer.jobs.length, { timeout: 45_000 }).toBe(1);
    expect(startsWithInit(printer.jobs[0])).toBe(true);
    await expect(row).toHaveAttribute('data-status', 'done', { timeout: 10_000 });
  } finally {
    await printer.stop();
  }
});

test('a refused receipt is said in the alert region, and the transaction stays done', async ({ page, desk }) => {
  const { hoa, books } = await seedLibrary(desk);
  await openDesk(page, desk.url);
  // Nothing printed yet: there is no last receipt to print again.
  await page.getByTestId('reprint-receipt').click();
  await expect(page.getByTestId('live-status')).toContainText('Chưa có phiếu nào để in lại');
  await expect(page.getByTestId('scan-box')).toBeFocused();
  await scan(page, hoa.card);
  await scan(page, books[0]!.barcode);
  await scan(page, books[1]!.barcode);
  await expect(page.getByTestId('session-loans').locator('tbody tr[data-item]')).toHaveCount(2);
  // Automatic printing is off: F9 offers the receipt instead.
  await page.keyboard.press('F9');
  await expect(page.getByTestId('live-status')).toContainText(`${hoa.name}: cho mượn 2 tài liệu`);
  // One of the books comes back before the receipt is asked for: the desk refuses that receipt.
  await mustCall(desk, 'circulation.return', { item: books[1]!.barcode });
  await page.getByTestId('print-receipt').click();
  await expect(page.getByTestId('live-alert')).toContainText('Không in được phiếu');
  await expect(page.getByTestId('live-alert')).toContainText('vẫn được ghi nhận');
  await expect(page.getByTestId('print-receipt')).toBeVisible();
  expect((await mustCall(desk, 'circulation.loans', { patron: hoa.card })).map((l) => l.item)).toEqual([
    books[0]!.barcode,
  ]);
  expect(await mustCall(desk, 'printing.queue', {})).toEqual([]);

  // On the return screen, F9 ends the round and offers its receipt; this one is queued.
  await page.keyboard.press('F3');
  await scan(page, books[0]!.barcode);
  await expect(page.getByTestId('return-results').locator('tbody tr[data-item]')).toHaveCount(1);
  await page.keyboard.press('F9');
  await expect(page.getByTestId('live-status')).toContainText('nhận 1 tài liệu');
  await page.getByTestId('print-receipt').click();
  await expect(page.getByTestId('live-status')).toContainText('hàng đợi in');
  await expect(page.getByTestId('scan-box')).toBeFocused();
  const queue = await mustCall(desk, 'printing.queue', {});
  expect(queue.map((job) => job.kind)).toEqual(['return']);
});

test('the devices screen has no axe violations and works from the keyboard', async ({ page, desk }) => {
  await seedLibrary(desk);
  const printer = await fakePrinter();
  try {
    await openDevices(page, desk.url);
    await expect(page.getByTestId('nav-devices')).toHaveAttribute('aria-current', 'page');
    await expect(page.getByTestId('scan-test')).toContainText('Chưa nhận được lần quét');
    const results = await new AxeBuilder({ page }).withTags(tags).analyze();
    expect(results.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target.join(' ')) }))).toEqual([]);

    // Keyboard only: the connection, the address, the port, save, then the test page.
    await tabTo(page, '[data-testid="printer-type"]');
    await page.keyboard.press('ArrowDown'); // none → tcp
    await expect(page.getByTestId('printer-type')).toHaveValue('tcp');
    await page.keyboard.press('Tab');
    await expect(page.getByTestId('printer-host')).toBeFocused();
    await page.keyboard.type('127.0.0.1');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Control+A');
    await page.keyboard.type(String(printer.port));
    await tabTo(page, '[data-testid="printer-save"]');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('live-status')).toContainText('Đã lưu cài đặt máy in');
    await page.keyboard.press('Tab');
    await expect(page.getByTestId('printer-test')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect.poll(() => printer.jobs.length, { timeout: 10_000 }).toBe(1);

    // A refused form: the port field says why, and axe is still content.
    await page.getByTestId('printer-port').fill('99999');
    await page.getByTestId('printer-save').click();
    await expect(page.getByTestId('live-alert')).toContainText('chưa đúng');
    await expect(page.getByTestId('printer-port')).toBeFocused();
    await expect(page.getByTestId('printer-port')).toHaveAttribute('aria-invalid', 'true');
    const again = await new AxeBuilder({ page }).withTags(tags).analyze();
    expect(again.violations.map((v) => v.id)).toEqual([]);
  } finally {
    await printer.stop();
  }
});
