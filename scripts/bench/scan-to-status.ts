import { chromium, type Browser } from '@playwright/test';
import { makeLibraryBarcode } from '../../shared/barcode';
import { mustCall, startDesk, type DeskProcess } from '../../tests/e2e/desk-fixture';
import { ensureBuilt } from './build';
import { fmtMs, percentile, round } from './stats';
import type { Figure } from './types';

const SCANS = 200;
/** Loans the reader holds before the bench hands them back through the API, between scans. */
const HOLD = 90;

export const chromiumLaunch = {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

/**
 * Runs in the page, after the code is typed and before Enter: notes the time of
 * the Enter keydown (window, capture phase: before the app sees it) and the time
 * the live regions' text changes (MutationObserver), as window.__scan.
 */
const installProbe = `(() => {
  const status = document.querySelector('[data-testid="live-status"]');
  const alert = document.querySelector('[data-testid="live-alert"]');
  if (!status || !alert) throw new Error('live regions not found');
  const read = () => status.textContent + '\\u0000' + alert.textContent;
  const before = read();
  const state = { start: 0, end: 0, error: false, text: '', timedOut: false };
  window.__scan = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      const text = read();
      if (!state.start || text === before || text === '\\u0000') return;
      state.end = performance.now();
      state.error = alert.textContent !== '';
      state.text = (alert.textContent || status.textContent || '').trim();
      observer.disconnect();
      clearTimeout(timer);
      resolve(state);
    });
    const timer = setTimeout(() => {
      observer.disconnect();
      state.timedOut = true;
      resolve(state);
    }, 10000);
    for (const el of [status, alert]) observer.observe(el, { childList: true, subtree: true, characterData: true });
    const onKey = (event) => {
      if (event.key !== 'Enter') return;
      state.start = performance.now();
      window.removeEventListener('keydown', onKey, true);
    };
    window.addEventListener('keydown', onKey, true);
  });
})()`;

interface ScanTiming {
  start: number;
  end: number;
  error: boolean;
  text: string;
  timedOut: boolean;
}

/** The seeded desk: one reader, SCANS copies over a few titles, a loan limit of 100. */
export async function seed(desk: DeskProcess): Promise<{ card: string; items: string[] }> {
  await mustCall(desk, 'system.setup', { mode: 'empty' });
  await mustCall(desk, 'policies.upsert', {
    patronCategory: '*',
    materialType: '*',
    loanDays: 14,
    maxItems: 100,
    maxRenewals: 2,
    graceDays: 3,
    dailyFee: 0,
  });
  const reader = await mustCall(desk, 'patrons.register', { fullName: 'Giàng A Páo', category: 'adult' });
  const items = Array.from({ length: SCANS }, (_, i) => makeLibraryBarcode(3, 1, i + 1));
  const titles = ['Kỹ thuật trồng thảo quả', 'Vợ chồng A Phủ', 'Chăn nuôi lợn đen bản địa', 'Truyện cổ dân tộc Thái'];
  const per = Math.ceil(SCANS / titles.length);
  for (const [i, title] of titles.entries()) {
    await mustCall(desk, 'catalog.addTitle', {
      title,
      authors: ['Lò Văn Đức'],
      copies: items.slice(i * per, (i + 1) * per).map((barcode) => ({ barcode })),
    });
  }
  return { card: reader.cardNumber, items };
}

export const scanToStatusP95Ms: Figure = {
  name: 'scan_to_status_p95_ms',
  unit: 'ms',
  target: '≤ 50',
  meets: (value) => value <= 50,
  async run(log) {
    ensureBuilt(log);
    const desk = await startDesk();
    let browser: Browser | undefined;
    try {
      const { card, items } = await seed(desk);
      browser = await chromium.launch(chromiumLaunch);
      const page = await browser.newPage();
      await page.goto(desk.url);
      const box = page.getByTestId('scan-box');
      await box.waitFor({ state: 'visible', timeout: 15_000 });
      await page.getByTestId('live-status').waitFor({ state: 'attached' });

      const scan = async (code: string): Promise<ScanTiming> => {
        await box.focus();
        await page.keyboard.type(code);
        await page.evaluate(installProbe);
        await page.keyboard.press('Enter');
        return (await page.evaluate('window.__scan')) as ScanTiming;
      };

      const first = await scan(card);
      if (first.timedOut || first.error) throw new Error(`the reader's card was not accepted: ${first.text}`);
      log(`reader card scan: ${fmtMs(first.end - first.start)} (“${first.text}”)`);

      const samples: number[] = [];
      const failures: string[] = [];
      let held: string[] = [];
      for (const item of items) {
        if (held.length >= HOLD) {
          for (const back of held) await mustCall(desk, 'circulation.return', { item: back });
          held = [];
          // Let the page take in the pushed changes before the next scan.
          await page.waitForTimeout(500);
        }
        const t = await scan(item);
        if (t.timedOut) throw new Error(`no answer in the live regions for ${item}`);
        if (t.error) failures.push(`${item}: ${t.text}`);
        else held.push(item);
        samples.push(t.end - t.start);
      }
      if (failures.length > 0) {
        throw new Error(`${failures.length} scans were refused, e.g. ${failures.slice(0, 3).join(' | ')}`);
      }
      const p95 = percentile(samples, 95);
      return {
        value: round(p95, 1),
        details: [
          `${samples.length} item scans, Enter → live region text: p50 ${fmtMs(percentile(samples, 50))}, ` +
            `p95 ${fmtMs(p95)}, max ${fmtMs(Math.max(...samples))}`,
        ],
      };
    } finally {
      await browser?.close();
      await desk.stop();
    }
  },
};
