import { mkdirSync, writeFileSync } from 'node:fs';
import { expect, mustCall, test } from './desk-fixture';
import { openDesk, seedLibrary } from './seed';
import { killAllPtyPairs, startPtyPair, type PtyPair } from '../integration/scanner-socat';

/**
 * A hardware scanner on a serial line (a socat pty pair: the desk opens one end,
 * the test "scans" by writing to the other), seen from the browser.
 */
test.afterEach(() => killAllPtyPairs());

/** What a USB-serial scanner sends for one scan: the code and its terminator. */
const hardwareScan = (pair: PtyPair, code: string) => writeFileSync(pair.b, `${code}\r`);

test('serial scans reach the checkout scan box as if typed; unplug and replug show in the status bar', async ({
  page,
  desk,
}) => {
  // socat, a desk and three scans on a machine shared with other work: room beyond the default 30 s.
  test.setTimeout(60_000);
  const { hoa, books } = await seedLibrary(desk);
  const dir = `${desk.dataDir}/pty`;
  mkdirSync(dir);
  let pair = await startPtyPair(dir);
  try {
    await mustCall(desk, 'devices.configure', {
      serial: [{ path: pair.a, baudRate: 9600, terminator: 'CR' }],
      hid: [],
    });
    await openDesk(page, desk.url);
    const scanner = page.getByTestId('status-bar').getByTestId('scanner-state');
    await expect(scanner).toHaveText(`✓ Máy quét serial:${pair.a}: đã kết nối`);

    // The reader's card, then a book: the checkout screen takes them as it takes typed scans.
    hardwareScan(pair, hoa.card);
    await expect(page.getByTestId('live-status')).toContainText(hoa.name);
    await expect(page.getByTestId('patron-panel')).toContainText(hoa.card);
    hardwareScan(pair, books[0]!.barcode);
    await expect(page.getByTestId('live-status')).toContainText(`Đã cho mượn «${books[0]!.title}»`);
    const rows = page.getByTestId('session-loans').locator('tbody tr[data-item]');
    await expect(rows).toHaveCount(1);
    // The focus stays in the scan box, empty, ready for the next scan from any scanner.
    await expect(page.getByTestId('scan-box')).toBeFocused();
    await expect(page.getByTestId('scan-box')).toHaveValue('');

    // Unplugged (socat stopped: the device node goes): the status bar says so, in words and a sign.
    await pair.stop();
    await expect(scanner).toContainText('mất kết nối', { timeout: 3000 });
    await expect(scanner).toHaveClass(/device-error/u);
    await page.screenshot({ path: test.info().outputPath('scanner-unplugged.png') });

    // Plugged back in: known again within 2 s (plus the page's share), and its next scan arrives.
    pair = await startPtyPair(dir);
    await expect(scanner).toHaveText(`✓ Máy quét serial:${pair.a}: đã kết nối`, { timeout: 3000 });
    hardwareScan(pair, books[1]!.barcode);
    await expect(rows).toHaveCount(2);
    await expect(page.getByTestId('live-status')).toContainText(`Đã cho mượn «${books[1]!.title}»`);
    expect((await mustCall(desk, 'circulation.loans', { patron: hoa.card })).map((l) => l.item).sort()).toEqual(
      [books[0]!.barcode, books[1]!.barcode].sort(),
    );
  } finally {
    await pair.stop();
  }
});
