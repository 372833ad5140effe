import { EventEmitter } from 'node:events';
import { HID_POS_USAGE_PAGE, ScannedDataAssembler } from './hid-pos';
import { PolledDriver } from './polled-driver';
import type { PollInterval, ScannerSink } from './types';

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
export class HidScanner extends PolledDriver {
  readonly id: string;
  private handle: HidHandle | undefined;
  private readonly assembler = new ScannedDataAssembler();

  constructor(
    private readonly config: HidScannerConfig,
    private readonly backend: HidBackend,
    sink: ScannerSink,
    pollMs: PollInterval = 500,
  ) {
    super(sink, pollMs);
    this.id = hidScannerId(config);
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

  protected poll(): void {
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
    this.release();
    if (!this.stopped) this.setState('disconnected', reason);
  }

  protected release(): void {
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
