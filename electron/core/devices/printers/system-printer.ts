import type { PaperWidth } from './render';

/**
 * The print queue's one door to printers the operating system knows by name (the
 * Windows spooler). Plain Node cannot reach the spooler without a native module, so
 * the shell provides it: the Electron shell prints the HTML receipt silently with
 * Chromium (electron/main/system-printer.ts); the browser shell has none.
 */
export interface SystemPrinter {
  /** Print one HTML document on the named printer without a dialog; rejects with the reason it did not. */
  printHtml(job: SystemPrintJob): Promise<void>;
}

export interface SystemPrintJob {
  html: string;
  deviceName: string;
  /** The paper's width, and the receipt's estimated length, in millimetres. */
  widthMm: PaperWidth;
  heightMm: number;
}

export const systemPrinterUnavailable =
  'SYSTEM_PRINTER_UNAVAILABLE: printing to a Windows printer by name needs the Library Desk app (Electron); the browser shell cannot. Choose a TCP, serial or device-file printer here.';

/** What the browser shell (and every shell that provides none) has: a clear refusal, kept on the job. */
export const noSystemPrinter: SystemPrinter = {
  printHtml: () => Promise.reject(new Error(systemPrinterUnavailable)),
};
