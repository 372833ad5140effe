import { BrowserWindow } from 'electron';
import type { SystemPrinter, SystemPrintJob } from '../core/devices/printers/system-printer';

/**
 * The Electron shell's system printer: the HTML receipt drawn by Chromium in a
 * hidden window (sandboxed, no script, no preload) and printed silently to the
 * printer the OS knows by that name (the Windows spooler). Chromium renders
 * Vietnamese with the system's fonts, so no code page is involved.
 */
export function electronSystemPrinter(): SystemPrinter {
  return {
    async printHtml(job: SystemPrintJob): Promise<void> {
      const win = new BrowserWindow({
        show: false,
        webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false },
      });
      try {
        const printers = await win.webContents.getPrintersAsync();
        if (!printers.some((p) => p.name === job.deviceName)) {
          throw new Error(`SYSTEM_PRINTER_NOT_FOUND: no printer named “${job.deviceName}”`);
        }
        await win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(job.html)}`);
        await new Promise<void>((resolve, reject) => {
          win.webContents.print(
            {
              silent: true,
              deviceName: job.deviceName,
              printBackground: false,
              color: false,
              margins: { marginType: 'none' },
              // Microns: the roll's width, and the receipt's length so the driver feeds no blank page.
              pageSize: { width: job.widthMm * 1000, height: job.heightMm * 1000 },
            },
            (success, failureReason) =>
              success ? resolve() : reject(new Error(`SYSTEM_PRINTER_FAILED: ${failureReason}`)),
          );
        });
      } finally {
        win.destroy();
      }
    },
  };
}
