import { randomBytes } from 'node:crypto';
import { chmodSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createDeskCore, defaultDataDir } from '../core';
import { createDeviceManager } from '../core/devices/device-manager';
import { startPrintWorker, stopPrintWorker } from '../core/devices/printers/service';
import { startSyncWorker, stopSyncWorker } from '../core/services/sync';
import { createWebServer } from './server';

/**
 * The browser shell: `npm run desk -- [--data-dir DIR] [--port PORT] [--demo]`.
 * Prints one line, `Library Desk ready at http://127.0.0.1:PORT/`, when it can serve.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      demo: { type: 'boolean', default: false },
      'renderer-dir': { type: 'string' },
    },
    strict: true,
  });
  const dataDir = values['data-dir'] ? path.resolve(values['data-dir']) : defaultDataDir();
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0–65535, not ${values.port}`);
  const rendererDir = path.resolve(values['renderer-dir'] ?? path.join(import.meta.dirname, '..', 'renderer'));

  const core = createDeskCore({
    dataDir,
    // Built beside this file (electron.vite.config.ts).
    importReader: { file: path.join(import.meta.dirname, 'import-reader.js') },
  });
  if (values.demo) {
    const status = core.call('system.status', {});
    if (status.ok && status.data.firstRunPending) {
      const loaded = core.call('system.setup', { mode: 'demo' });
      if (!loaded.ok) throw new Error(loaded.error.message);
    }
  }
  const token = randomBytes(32).toString('base64url');
  const tokenFile = path.join(dataDir, 'desk.token');
  writeFileSync(tokenFile, `${token}\n`, { mode: 0o600 });
  chmodSync(tokenFile, 0o600);

  // The kiosk's token is never written to disk: only the /kiosk page carries it.
  const kioskToken = randomBytes(32).toString('base64url');
  const app = await createWebServer({ core, token, kioskToken, rendererDir });
  // Scanners: their scans and plug/unplug reach the browser through /api/events.
  const devices = createDeviceManager(core);
  await devices.start();
  // Receipts queued in the database go to the printer in the background, retried until printed.
  startPrintWorker(core.db);
  // The outbox goes up to the sync hub (once the desk is enrolled), and the shared registry comes down.
  startSyncWorker(core);
  await app.listen({ host: '127.0.0.1', port });
  const address = app.server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  console.log(`Library Desk ready at http://127.0.0.1:${actualPort}/`);

  let closing = false;
  const shutdown = () => {
    if (closing) return;
    closing = true;
    void Promise.allSettled([devices.stop(), stopPrintWorker(core.db), stopSyncWorker(core.db), app.close()]).finally(
      () => {
        core.close();
        process.exit(0);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(`Library Desk could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
