import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { mustCall, startDesk } from '../../tests/e2e/desk-fixture';
import { startPtyPair, type PtyPair } from '../../tests/integration/scanner-socat';
import { ensureBuilt } from './build';
import { chromiumLaunch, seed } from './scan-to-status';
import { fmtMs, median, percentile, round } from './stats';
import type { Figure } from './types';

/** Item scans measured (the seeded reader may hold 100 loans: no returns needed between). */
const SCANS = 60;
const CALIBRATIONS = 40;

/** Epoch time in ms with sub-ms precision, the same expression in Node and in the page. */
const epochNow = () => performance.timeOrigin + performance.now();

/**
 * Runs in the page before a scan is written: resolves window.__serialScan with the
 * epoch time at which the live regions' text changed (MutationObserver).
 */
const installProbe = `(() => {
  const status = document.querySelector('[data-testid="live-status"]');
  const alert = document.querySelector('[data-testid="live-alert"]');
  if (!status || !alert) throw new Error('live regions not found');
  const read = () => status.textContent + '\\u0000' + alert.textContent;
  const before = read();
  window.__serialScan = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      const text = read();
      if (text === before || text === '\\u0000') return;
      const end = performance.timeOrigin + performance.now();
      observer.disconnect();
      clearTimeout(timer);
      resolve({ end, error: alert.textContent !== '', text: (alert.textContent || status.textContent || '').trim(), timedOut: false });
    });
    const timer = setTimeout(() => { observer.disconnect(); resolve({ end: 0, error: false, text: '', timedOut: true }); }, 10000);
    for (const el of [status, alert]) observer.observe(el, { childList: true, subtree: true, characterData: true });
  });
})()`;

interface Probe {
  end: number;
  error: boolean;
  text: string;
  timedOut: boolean;
}

/**
 * How far the page's epoch clock is from Node's: each round trip brackets one
 * reading of the page's clock; the tightest brackets give the offset and its
 * uncertainty (half their round trip).
 */
async function clockOffset(page: Page): Promise<{ offset: number; uncertainty: number }> {
  const trips: { offset: number; rtt: number }[] = [];
  for (let i = 0; i < CALIBRATIONS; i++) {
    const before = epochNow();
    const inPage = (await page.evaluate('performance.timeOrigin + performance.now()')) as number;
    const after = epochNow();
    trips.push({ offset: inPage - (before + after) / 2, rtt: after - before });
  }
  trips.sort((a, b) => a.rtt - b.rtt);
  const best = trips.slice(0, 5);
  return { offset: median(best.map((t) => t.offset)), uncertainty: Math.max(...best.map((t) => t.rtt)) / 2 };
}

/**
 * A USB-serial scanner (a socat pty pair: the desk reads one end, the bench writes
 * each code and CR to the other) at the checkout screen of the browser shell in
 * Chromium: from the last byte written to the pty to the live region's new text.
 * The path measured: the desk's serial read, the line split, the 'scan' event over
 * server-sent events, the page's checkout call, and React's render of the answer.
 */
export const serialScanToStatusP95Ms: Figure = {
  name: 'serial_scan_to_status_p95_ms',
  unit: 'ms',
  target: '≤ 50',
  meets: (value) => value <= 50,
  async run(log) {
    ensureBuilt(log);
    const dir = mkdtempSync(path.join(tmpdir(), 'library-desk-bench-serial-'));
    const desk = await startDesk();
    let pair: PtyPair | undefined;
    let browser: Browser | undefined;
    let fd: number | undefined;
    try {
      const { card, items } = await seed(desk);
      pair = await startPtyPair(dir);
      await mustCall(desk, 'devices.configure', {
        serial: [{ path: pair.a, baudRate: 115200, terminator: 'CR' }],
        hid: [],
      });
      browser = await chromium.launch(chromiumLaunch);
      const page = await browser.newPage();
      await page.goto(desk.url);
      await page.getByTestId('scan-box').waitFor({ state: 'visible', timeout: 15_000 });
      await page.getByTestId('scanner-state').filter({ hasText: '✓' }).waitFor({ state: 'visible', timeout: 15_000 });
      fd = openSync(pair.b, 'w');
      const writeFd = fd;

      const scan = async (code: string): Promise<{ ms: number } & Probe> => {
        await page.evaluate(installProbe);
        writeSync(writeFd, `${code}\r`);
        const start = epochNow();
        const probe = (await page.evaluate('window.__serialScan')) as Probe;
        return { ...probe, ms: probe.end - start };
      };

      const first = await scan(card);
      if (first.timedOut || first.error) throw new Error(`the reader's card was not accepted: ${first.text}`);
      const clock = await clockOffset(page);
      log(
        `page clock − Node clock: ${clock.offset.toFixed(2)} ms (± ${clock.uncertainty.toFixed(2)} ms), subtracted from each sample`,
      );

      const samples: number[] = [];
      const failures: string[] = [];
      for (const item of items.slice(0, SCANS)) {
        const t = await scan(item);
        if (t.timedOut) throw new Error(`no answer in the live regions for ${item}`);
        if (t.error) failures.push(`${item}: ${t.text}`);
        samples.push(t.ms - clock.offset);
      }
      if (failures.length > 0) {
        throw new Error(`${failures.length} scans were refused, e.g. ${failures.slice(0, 3).join(' | ')}`);
      }
      const after = await clockOffset(page);
      const p95 = percentile(samples, 95);
      return {
        value: round(p95, 1),
        details: [
          `${samples.length} item scans over a pty, last byte written → live region text: p50 ${fmtMs(percentile(samples, 50))}, ` +
            `p95 ${fmtMs(p95)}, max ${fmtMs(Math.max(...samples))}, min ${fmtMs(Math.min(...samples))}`,
          `clock offset drift over the run: ${(after.offset - clock.offset).toFixed(2)} ms`,
        ],
      };
    } finally {
      if (fd !== undefined) closeSync(fd);
      await browser?.close();
      await desk.stop();
      await pair?.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
