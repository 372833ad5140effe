import { existsSync, realpathSync } from 'node:fs';
import { SerialPort } from 'serialport';
import { PolledDriver } from './polled-driver';
import type { PollInterval, ScannerSink } from './types';

export type Terminator = 'CR' | 'LF' | 'CRLF';

export interface SerialScannerConfig {
  path: string;
  baudRate: number;
  terminator: Terminator;
}

const terminatorText: Record<Terminator, string> = { CR: '\r', LF: '\n', CRLF: '\r\n' };

/** Splits a byte stream into codes at the terminator; strips it, drops empty lines. */
export class LineSplitter {
  private pending = '';
  constructor(private readonly terminator: Terminator) {}

  push(chunk: Buffer | string): string[] {
    this.pending += typeof chunk === 'string' ? chunk : chunk.toString('latin1');
    const parts = this.pending.split(terminatorText[this.terminator]);
    this.pending = parts.pop() ?? '';
    // A scanner set to CRLF while we expect CR (or the reverse) leaves a stray CR/LF: trim it.
    return parts.map((p) => p.replace(/^[\r\n]+|[\r\n]+$/g, '')).filter((p) => p !== '');
  }

  reset(): void {
    this.pending = '';
  }
}

function resolved(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

/**
 * A USB-serial (virtual COM) scanner. Opens the port when it is there, polls every
 * `pollMs` while it is not, and notices it leaving (the port closes or errors, or its
 * device node vanishes / now names another device, as a replugged pty link does).
 */
export class SerialScanner extends PolledDriver {
  readonly id: string;
  private port: SerialPort | undefined;
  private opening = false;
  private openedAt: string | undefined;
  private readonly splitter: LineSplitter;

  constructor(
    private readonly config: SerialScannerConfig,
    sink: ScannerSink,
    pollMs: PollInterval = 500,
  ) {
    super(sink, pollMs);
    this.id = `serial:${config.path}`;
    this.splitter = new LineSplitter(config.terminator);
  }

  protected poll(): void {
    if (this.stopped || this.opening) return;
    if (this.port) {
      // Still there, and still the same device? A vanished or re-pointed node means unplugged.
      const now = resolved(this.config.path);
      if (now === undefined || now !== this.openedAt) void this.lost('device node gone');
      return;
    }
    if (!existsSync(this.config.path)) {
      this.setState('disconnected', 'not present');
      return;
    }
    this.open();
  }

  private open(): void {
    this.opening = true;
    const target = resolved(this.config.path);
    const port = new SerialPort({ path: this.config.path, baudRate: this.config.baudRate, autoOpen: false });
    port.open((error) => {
      this.opening = false;
      if (error || this.stopped) {
        if (error) this.setState('disconnected', error.message);
        if (port.isOpen) port.close(() => undefined);
        return;
      }
      this.port = port;
      this.openedAt = target;
      this.splitter.reset();
      port.on('data', (chunk: Buffer) => {
        for (const code of this.splitter.push(chunk)) this.sink.scan(code);
      });
      port.on('close', () => void this.lost('closed'));
      port.on('error', (e: Error) => void this.lost(e.message));
      this.setState('connected');
    });
  }

  private async lost(reason: string): Promise<void> {
    if (!this.port) return;
    await this.release();
    if (!this.stopped) this.setState('disconnected', reason);
  }

  protected release(): Promise<void> {
    const port = this.port;
    this.port = undefined;
    this.openedAt = undefined;
    if (!port) return Promise.resolve();
    port.removeAllListeners('data');
    port.removeAllListeners('close');
    port.removeAllListeners('error');
    port.on('error', () => undefined);
    if (!port.isOpen) return Promise.resolve();
    return new Promise((resolve) => port.close(() => resolve()));
  }
}
