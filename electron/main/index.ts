import path from 'node:path';
import { app, ipcMain, screen, type BrowserWindow } from 'electron';
import { kioskAllowedChannels } from '../../shared/contract/kiosk';
import { createDeskCore, defaultDataDir } from '../core';
import { createDeviceManager } from '../core/devices/device-manager';
import { startPrintWorker, stopPrintWorker } from '../core/devices/printers/service';
import { startSyncWorker, stopSyncWorker } from '../core/services/sync';
import { bindContract } from './bind-contract';
import { electronSystemPrinter } from './system-printer';
import { createDeskWindow } from './window';
import { createDisplayWindow, readerMonitor } from './display-window';

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
    // Built beside this file (electron.vite.config.ts).
    importReader: { file: path.join(import.meta.dirname, 'import-reader.js') },
  });
  const win = createDeskWindow(process.env.ELECTRON_RENDERER_URL, rendererFile);
  // `--kiosk`: a self-service kiosk window too, full screen on a second display when there is one.
  let kioskWin: BrowserWindow | null = null;
  if (process.argv.includes('--kiosk') || process.env.LIBRARY_DESK_KIOSK === '1') {
    const other = screen.getAllDisplays().find((d) => d.id !== screen.getPrimaryDisplay().id);
    kioskWin = createDeskWindow(process.env.ELECTRON_RENDERER_URL, rendererFile, {
      role: 'kiosk',
      ...(other ? { bounds: other.bounds } : {}),
    });
  }
  const kioskChannels = new Set<string>(kioskAllowedChannels);
  // A second monitor turned towards the reader gets the reader display; one monitor, none.
  let display: BrowserWindow | null = null;
  const openReaderDisplay = () => {
    const monitor = readerMonitor(screen.getAllDisplays(), screen.getPrimaryDisplay());
    if (display && !display.isDestroyed()) {
      if (!monitor) display.close();
      else display.setBounds(monitor.bounds);
      return;
    }
    if (!monitor) return;
    display = createDisplayWindow(process.env.ELECTRON_RENDERER_URL, rendererFile, monitor.bounds);
    display.on('closed', () => {
      display = null;
    });
  };
  openReaderDisplay();
  screen.on('display-added', openReaderDisplay);
  screen.on('display-removed', openReaderDisplay);
  const displayChannels = new Set<string>(['settings.get', 'display.current']);
  const trusted = (frameUrl: string | undefined) =>
    frameUrl !== undefined &&
    (frameUrl.startsWith('file://') ||
      (process.env.ELECTRON_RENDERER_URL !== undefined && frameUrl.startsWith(process.env.ELECTRON_RENDERER_URL)));
  bindContract(ipcMain, core, (event, channel) => {
    if (!trusted(event.senderFrame?.url)) return 'untrusted';
    if (event.sender === win.webContents) return 'allowed';
    // The reader display reads the settings (its theme) and what it should show; nothing else.
    if (display !== null && event.sender === display.webContents)
      return displayChannels.has(channel) ? 'allowed' : 'forbidden';
    // The kiosk window may call the kiosk channels and nothing else.
    if (kioskWin && event.sender === kioskWin.webContents) return kioskChannels.has(channel) ? 'allowed' : 'forbidden';
    return 'untrusted';
  });
  const unsubscribe = core.onEvent((event) => {
    win.webContents.send('desk:event', event);
    if (display && !display.isDestroyed()) display.webContents.send('desk:event', event);
  });
  // Scanners: their scans and plug/unplug go out through the same event stream.
  const devices = createDeviceManager(core);
  void devices.start();
  // Receipts queued in the database go to the printer in the background, retried until printed;
  // a printer chosen by its Windows name is reached through Chromium's silent printing.
  startPrintWorker(core.db, { systemPrinter: electronSystemPrinter() });
  // The reader display is no reason to stay open: closing the desk closes it too.
  win.on('closed', () => {
    if (display && !display.isDestroyed()) display.close();
  });
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
