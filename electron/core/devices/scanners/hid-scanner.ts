import { EventEmitter } from 'node:events';
import { HID_POS_USAGE_PAGE, ScannedDataAssembler } from './hid-pos';
import { intervalMs, type PollInterval, type ScannerDriver, type ScannerSink } from './types';

/** The part of node-hid's device info we use. */
export interface HidDeviceInfo {
  vendorId: number;
  productId: number;
  path?: string | undefined;
  serialNumber?: string | undefined;
  manufacturer?: string | undefined;
  product?: string | undefined;
  usagePage?: number | undefined;
  usage?: number | undefined;
}

/** An open HID device: node-hid's HID emits 'data' (Buffer) and 'error', and closes. */
export interface HidHandle extends EventEmitter {
  close(): void;
}

/** node-hid, behind a seam so that tests (and a host without hidraw) can stand in for it. */
export interface HidBackend {
  devices(): HidDeviceInfo[];
  open(path: string): HidHandle;
}

export async function nodeHidBackend(): Promise<HidBackend> {
  const HID = await import('node-hid');
  return {
    devices: () => HID.devices(),
    // Exclusive is node-hid's default: on macOS it seizes the device; on Linux (hidraw)
    // the HID POS interface has no keyboard driver bound, so nothing else types it anyway.
    open: (path) => new HID.HID(path) as unknown as HidHandle,
  };
}

export interface HidScannerConfig {
  vendorId: number;
  productId: number;
  /** Tells two scanners of one model apart; any when missing. */
  serialNumber?: string | undefined;
}

export function isHidPosScanner(device: HidDeviceInfo): boolean {
  return device.usagePage === HID_POS_USAGE_PAGE;
}

const hex4 = (n: number) => n.toString(16).padStart(4, '0');

export function hidScannerId(config: HidScannerConfig): string {
  return `hid:${hex4(config.vendorId)}:${hex4(config.productId)}${config.serialNumber ? `:${config.serialNumber}` : ''}`;
}

/**
 * A HID POS scanner: found by vendor/product (and serial) among the usage-page-0x8C
 * interfaces, opened, its Scanned Data Reports joined into codes. Replug (at a new hidraw
 * path) is found when the manager passes on a udev event (rescan), else by polling the
 * device list: hidapi has no hot-plug events of its own.
 */
export class HidScanner implements ScannerDriver {
  readonly id: string;
  private handle: HidHandle | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;
  private state: 'unknown' | 'connected' | 'disconnected' = 'unknown';
  private readonly assembler = new ScannedDataAssembler();

  constructor(
    private readonly config: HidScannerConfig,
    private readonly backend: HidBackend,
    private readonly sink: ScannerSink,
    private readonly pollMs: PollInterval = 500,
  ) {
    this.id = hidScannerId(config);
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.poll();
    this.schedule();
  }

  rescan(): void {
    if (this.stopped) return;
    // Look now, and wait the current interval from here (it may have changed).
    if (this.timer) clearTimeout(this.timer);
    this.poll();
    this.schedule();
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.poll();
      this.schedule();
    }, intervalMs(this.pollMs));
    this.timer.unref?.();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.close();
  }

  private setState(state: 'connected' | 'disconnected', message?: string): void {
    if (this.state === state) return;
    this.state = state;
    this.sink.status(state, message);
  }

  private find(): HidDeviceInfo | undefined {
    const { vendorId, productId, serialNumber } = this.config;
    return this.backend
      .devices()
      .find(
        (d) =>
          isHidPosScanner(d) &&
          d.vendorId === vendorId &&
          d.productId === productId &&
          (serialNumber === undefined || d.serialNumber === serialNumber) &&
          d.path !== undefined,
      );
  }

  private poll(): void {
    if (this.stopped) return;
    let found: HidDeviceInfo | undefined;
    try {
      found = this.find();
    } catch (error) {
      this.setState('disconnected', error instanceof Error ? error.message : String(error));
      return;
    }
    if (this.handle) {
      if (!found) this.lost('removed');
      return;
    }
    if (!found) {
      this.setState('disconnected', 'not present');
      return;
    }
    try {
      const handle = this.backend.open(found.path!);
      this.handle = handle;
      this.assembler.reset();
      handle.on('data', (report: Buffer) => {
        const scan = this.assembler.push(report);
        if (scan) this.sink.scan(scan.code, { aim: scan.aim, symbology: scan.symbology });
      });
      handle.on('error', (error: Error) => this.lost(error.message));
      this.setState('connected');
    } catch (error) {
      // Typically EACCES on /dev/hidraw*: a udev rule must give the desk's user access.
      this.setState('disconnected', error instanceof Error ? error.message : String(error));
    }
  }

  private lost(reason: string): void {
    this.close();
    if (!this.stopped) this.setState('disconnected', reason);
  }

  private close(): void {
    const handle = this.handle;
    this.handle = undefined;
    if (!handle) return;
    handle.removeAllListeners('data');
    handle.removeAllListeners('error');
    handle.on('error', () => undefined);
    try {
      handle.close();
    } catch {
      // already closed by the unplug
    }
  }
}
