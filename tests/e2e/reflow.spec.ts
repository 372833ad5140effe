import type { Page } from '@playwright/test';
import { expect, mustCall, test } from './desk-fixture';
import { openReaders, openRecord, scan, seedLibrary } from './seed';

/** Content wider than the window: what 320 px reflow (WCAG 1.4.10) forbids. */
async function overflow(page: Page): Promise<number> {
  return page.evaluate<number>(
    '(() => { const root = document.scrollingElement; return root.scrollWidth - root.clientWidth; })()',
  );
}

// 320 CSS px wide (a phone, or 1280 px at 400 %), and 200 % zoom of a 1280 × 800 window (640 × 400 CSS px).
const sizes = [
  { name: '320 px', viewport: { width: 320, height: 640 }, deviceScaleFactor: 1 },
  { name: '200 % zoom', viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 },
];

for (const size of sizes) {
  test.describe(`at ${size.name}`, () => {
    test.use({ viewport: size.viewport, deviceScaleFactor: size.deviceScaleFactor });

    test(`every screen reflows without horizontal scrolling in each theme (${size.name})`, async ({ page, desk }) => {
      test.setTimeout(180_000);
      const { hoa, minh, books } = await seedLibrary(desk);
      await mustCall(desk, 'circulation.checkout', { patron: minh.card, item: books[3]!.barcode });
      const wide: string[] = [];
      const check = async (where: string, on: Page = page) => {
        const extra = await overflow(on);
        if (extra > 0) wide.push(`${where}: ${extra} px too wide`);
      };
      for (const theme of ['standard', 'contrast', 'large'] as const) {
        await mustCall(desk, 'settings.update', { theme, displayTheme: theme });
        await page.goto(`${desk.url}#/checkout`);
        await page.reload();
        await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
        await expect(page.getByTestId('scan-box')).toBeFocused();
        await scan(page, hoa.card);
        await scan(page, books[0]!.barcode);
        await scan(page, books[3]!.barcode); // another reader's: the alert
        await expect(page.getByTestId('session-loans').locator('tbody tr[data-item]')).toHaveCount(1);
        await check(`${theme} checkout`);

        const display = await page.context().newPage();
        await display.goto(`${desk.url}display`);
        await expect(display.getByTestId('display-lines').locator('li')).toHaveCount(1);
        await check(`${theme} reader display`, display);
        await display.close();

        await page.keyboard.press('F9');
        await page.keyboard.press('F3');
        await scan(page, books[0]!.barcode);
        await expect(page.getByTestId('return-results').locator('tbody tr[data-item]')).toHaveCount(1);
        await check(`${theme} return`);

        await openReaders(page, desk.url);
        await openRecord(page, hoa.card, /Nguyễn Thị Hoà/u);
        await check(`${theme} reader record`);
        await page.getByTestId('open-register').press('Enter');
        await page.getByTestId('reader-submit').press('Enter');
        await expect(page.getByTestId('error-summary')).toBeFocused();
        await check(`${theme} registration`);

        await page.keyboard.press('F5');
        await expect(page.getByTestId('speech-status')).toBeVisible();
        await check(`${theme} devices`);
      }
      expect(wide).toEqual([]);
    });
  });
}
