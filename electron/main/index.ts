import path from 'node:path';
import { app, ipcMain } from 'electron';
import { createDeskCore, defaultDataDir } from '../core';
import { createDeviceManager } from '../core/devices/device-manager';
import { startPrintWorker, stopPrintWorker } from '../core/devices/printers/service';
import { startSyncWorker, stopSyncWorker } from '../core/services/sync';
import { bindContract } from './bind-contract';
import { createDeskWindow } from './window';

/**
 * The Electron shell: lifecycle, the window, and the contract on IPC.
 * No domain logic lives here; it is all in electron/core.
 */
const rendererFile = path.join(import.meta.dirname, '../renderer/index.html');

app.enableSandbox();

void app.whenReady().then(() => {
  const core = createDeskCore({
    dataDir: process.env.LIBRARY_DESK_DATA_DIR ? defaultDataDir() : app.getPath('userData'),
    // Built by scripts/start.mjs for Electron's ABI, beside the Node build the tests use.
    nativeBinding: process.env.LIBRARY_DESK_SQLITE_BINDING,
  });
  const win = createDeskWindow(process.env.ELECTRON_RENDERER_URL, rendererFile);
  const trusted = (frameUrl: string | undefined) =>
    frameUrl !== undefined &&
    (frameUrl.startsWith('file://') ||
      (process.env.ELECTRON_RENDERER_URL !== undefined && frameUrl.startsWith(process.env.ELECTRON_RENDERER_URL)));
  bindContract(ipcMain, core, (event) => event.sender === win.webContents && trusted(event.senderFrame?.url));
  const unsubscribe = core.onEvent((event) => win.webContents.send('desk:event', event));
  // Scanners: their scans and plug/unplug go out through the same event stream.
  const devices = createDeviceManager(core);
  void devices.start();
  // Receipts queued in the database go to the printer in the background, retried until printed.
  startPrintWorker(core.db);
  // The outbox goes up to the sync hub (once the desk is enrolled), and the shared registry comes down.
  startSyncWorker(core);
  app.on('window-all-closed', () => {
    unsubscribe();
    void Promise.allSettled([devices.stop(), stopPrintWorker(core.db), stopSyncWorker(core.db)]).finally(() => {
      core.close();
      app.quit();
    });
  });
});
