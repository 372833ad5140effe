import path from 'node:path';
import { BrowserWindow, session, shell } from 'electron';
import { contentSecurityPolicy } from '../web/csp';

export interface WindowOptions {
  /** 'desk' for the librarian's window; 'kiosk' for the self-service kiosk (its own preload, full screen). */
  role?: 'desk' | 'kiosk';
  /** Where to put the window (the kiosk: a second display). */
  bounds?: { x: number; y: number; width: number; height: number };
}

let sessionReady = false;

/** The desk window (or the kiosk window): sandboxed, context-isolated, its own origin only. */
export function createDeskWindow(
  rendererUrl: string | undefined,
  rendererFile: string,
  options: WindowOptions = {},
): BrowserWindow {
  if (!sessionReady) {
    session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy] } });
    });
    session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
    sessionReady = true;
  }
  const kiosk = options.role === 'kiosk';

  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    ...(options.bounds ?? {}),
    show: false,
    title: 'Library Desk',
    kiosk,
    webPreferences: {
      preload: path.join(import.meta.dirname, kiosk ? '../preload/kiosk.cjs' : '../preload/index.cjs'),
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  // Navigation is locked to the app itself; links to elsewhere open in the OS browser.
  win.webContents.on('will-navigate', (event, url) => {
    if (url !== win.webContents.getURL()) event.preventDefault();
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    // A document the desk made (a card, an export) opens in Chromium's PDF
    // viewer, whose Print button reaches the OS printers. Nothing else opens here.
    if (url.startsWith('blob:')) {
      return {
        action: 'allow',
        overrideBrowserWindowOptions: {
          width: 900,
          height: 1000,
          autoHideMenuBar: true,
          webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, plugins: true },
        },
      };
    }
    if (url.startsWith('https://') && !kiosk) void shell.openExternal(url);
    return { action: 'deny' };
  });
  if (rendererUrl) void win.loadURL(rendererUrl);
  else void win.loadFile(rendererFile);
  return win;
}
