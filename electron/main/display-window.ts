import path from 'node:path';
import { BrowserWindow, type Display, type Rectangle } from 'electron';

/**
 * Where the reader-facing display goes: the first monitor that is not the
 * desk's own (the one turned towards the reader), or none when there is only one.
 */
export function readerMonitor(displays: readonly Display[], primary: Display): Display | null {
  return displays.find((display) => display.id !== primary.id) ?? null;
}

/**
 * The reader display: the same renderer at #/display, full screen on the reader's
 * monitor, as locked down as the desk window (sandboxed, no navigation, no new windows).
 */
export function createDisplayWindow(
  rendererUrl: string | undefined,
  rendererFile: string,
  bounds: Rectangle,
): BrowserWindow {
  const win = new BrowserWindow({
    x: bounds.x,
    y: bounds.y,
    width: bounds.width,
    height: bounds.height,
    fullscreen: true,
    frame: false,
    show: false,
    title: 'Library Desk — reader display',
    // The reader cannot reach it with a keyboard: it only shows.
    focusable: false,
    webPreferences: {
      preload: path.join(import.meta.dirname, '../preload/index.cjs'),
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.showInactive());
  win.webContents.on('will-navigate', (event) => event.preventDefault());
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  if (rendererUrl) void win.loadURL(`${rendererUrl}#/display`);
  else void win.loadFile(rendererFile, { hash: '/display' });
  return win;
}
