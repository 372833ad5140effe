import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests drive the browser shell (out/main/web.js) with Debian's
 * Chromium; each test gets its own desk process and data folder (tests/e2e/desk-fixture.ts).
 * Run `npm run build` first; the global setup checks for it.
 */
export default defineConfig({
  testDir: 'tests/e2e',
  globalSetup: './tests/e2e/global-setup.ts',
  workers: 2,
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  // A desk starts per test and axe scans take seconds each on a 2-core machine.
  timeout: 90_000,
  expect: { timeout: 5_000 },
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    browserName: 'chromium',
    locale: 'vi-VN',
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
