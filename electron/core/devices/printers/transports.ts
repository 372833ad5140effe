import { open } from 'node:fs/promises';
import net from 'node:net';
import { SerialPort } from 'serialport';
import type { PrinterTransportConfig } from '../../../../shared/contract/printing';
import { receiptHeightMm, receiptHtml } from './html';
import type { ReceiptLine } from './receipt';
import type { PaperWidth } from './render';
import { dleEot, parseStatus, statusQueries, type PrinterStatus } from './status';
import { noSystemPrinter, type SystemPrinter } from './system-printer';

/** One way to reach a receipt printer. Every operation ends within its timeout. */
export interface PrinterTransport {
  send(bytes: Uint8Array): Promise<void>;
  /** DLE EOT status, on links that answer (TCP, serial). */
  status?(): Promise<PrinterStatus>;
}

/** A printer reached through the OS by name: it takes the laid-out receipt (as HTML), not ESC/POS bytes. */
export interface DocumentTransport {
  printLines(lines: readonly ReceiptLine[], width: PaperWidth): Promise<void>;
}

export type AnyPrinterTransport = PrinterTransport | DocumentTransport;

export const takesDocuments = (transport: AnyPrinterTransport): transport is DocumentTransport =>
  'printLines' in transport;

export interface TransportOptions {
  /** Connect/write/answer timeout, ms. */
  timeoutMs?: number | undefined;
  /** The shell's system printer (Electron's silent printing); none in the browser shell. */
  systemPrinter?: SystemPrinter | undefined;
}

/** A printer by its OS name, through the shell's system printer. */
export function systemTransport(deviceName: string, systemPrinter: SystemPrinter = noSystemPrinter): DocumentTransport {
  return {
    printLines: (lines, width) =>
      systemPrinter.printHtml({
        html: receiptHtml(lines, width),
        deviceName,
        widthMm: width,
        heightMm: receiptHeightMm(lines, width),
      }),
  };
}

export class PrinterTimeout extends Error {
  constructor(what: string, ms: number) {
    super(`PRINTER_TIMEOUT: ${what} after ${ms} ms`);
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string, onTimeout?: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout?.();
      reject(new PrinterTimeout(what, ms));
    }, ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Send queries one at a time and collect one answer byte for each. */
async function askStatus(
  write: (bytes: Uint8Array) => void,
  onData: (listener: (chunk: Buffer) => void) => () => void,
  timeoutMs: number,
): Promise<PrinterStatus> {
  const answers: number[] = [];
  for (const n of statusQueries) {
    const answer = new Promise<number>((resolve) => {
      const off = onData((chunk) => {
        off();
        resolve(chunk[0]!);
      });
    });
    write(dleEot(n));
    answers.push(await withTimeout(answer, timeoutMs, `DLE EOT ${n}`));
  }
  return parseStatus(answers[0]!, answers[1]!, answers[2]!);
}

/** TCP port 9100 (raw printing). A connection per job; status asked on a connection of its own. */
export function tcpTransport(host: string, port: number, options: TransportOptions = {}): PrinterTransport {
  const timeoutMs = options.timeoutMs ?? 3000;
  const connect = () => {
    const socket = net.createConnection({ host, port });
    socket.setNoDelay(true);
    const ready = new Promise<net.Socket>((resolve, reject) => {
      socket.once('connect', () => resolve(socket));
      socket.once('error', reject);
    });
    return withTimeout(ready, timeoutMs, `connect ${host}:${port}`, () => socket.destroy());
  };
  return {
    async send(bytes) {
      const socket = await connect();
      // Sent once every byte has left for the printer ('finish'). A printer that
      // then keeps the connection open is given a short grace to close it and is
      // not held against the job: retrying it would print the receipt twice.
      const flushed = new Promise<void>((resolve, reject) => {
        socket.once('error', reject);
        socket.end(Buffer.from(bytes), () => resolve());
      });
      await withTimeout(flushed, timeoutMs, 'write', () => socket.destroy());
      const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
      await withTimeout(closed, Math.min(500, timeoutMs), 'close').catch(() => socket.destroy());
    },
    async status() {
      const socket = await connect();
      try {
        return await askStatus(
          (b) => socket.write(Buffer.from(b)),
          (listener) => {
            socket.on('data', listener);
            return () => socket.off('data', listener);
          },
          timeoutMs,
        );
      } finally {
        socket.destroy();
      }
    },
  };
}

/** A serial (or USB virtual COM) printer: opened per job, closed after. */
export function serialTransport(path: string, baudRate: number, options: TransportOptions = {}): PrinterTransport {
  const timeoutMs = options.timeoutMs ?? 3000;
  const openPort = async () => {
    const port = new SerialPort({ path, baudRate, autoOpen: false });
    await withTimeout(
      new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve()))),
      timeoutMs,
      `open ${path}`,
    );
    return port;
  };
  const closePort = (port: SerialPort) =>
    new Promise<void>((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve()));
  return {
    async send(bytes) {
      const port = await openPort();
      try {
        await withTimeout(
          new Promise<void>((resolve, reject) =>
            port.write(Buffer.from(bytes), (e) => (e ? reject(e) : port.drain((d) => (d ? reject(d) : resolve())))),
          ),
          timeoutMs,
          'write',
        );
      } finally {
        await closePort(port);
      }
    },
    async status() {
      const port = await openPort();
      try {
        return await askStatus(
          (b) => port.write(Buffer.from(b)),
          (listener) => {
            port.on('data', listener);
            return () => port.off('data', listener);
          },
          timeoutMs,
        );
      } finally {
        await closePort(port);
      }
    },
  };
}

/** A printer device file (/dev/usb/lp0): write only, no status. */
export function fileTransport(path: string, options: TransportOptions = {}): PrinterTransport {
  const timeoutMs = options.timeoutMs ?? 3000;
  return {
    async send(bytes) {
      const write = async () => {
        const handle = await open(path, 'a');
        try {
          await handle.write(bytes);
        } finally {
          await handle.close();
        }
      };
      await withTimeout(write(), timeoutMs, `write ${path}`);
    },
  };
}

export function createTransport(config: PrinterTransportConfig, options: TransportOptions = {}): AnyPrinterTransport {
  switch (config.type) {
    case 'tcp':
      return tcpTransport(config.host, config.port, options);
    case 'serial':
      return serialTransport(config.path, config.baud, options);
    case 'file':
      return fileTransport(config.path, options);
    case 'system':
      return systemTransport(config.deviceName, options.systemPrinter);
  }
}
