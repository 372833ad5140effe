import { scannerSettingsSchema, type FoundScanner, type ScannerSettings } from '../../../shared/contract/devices';
import type { DeskEvent } from '../../../shared/events';
import { readSetting, writeSetting } from '../settings-store';
import { watchUdev, type HotplugOptions, type HotplugWatcher } from './hotplug';
import { HidScanner, hidScannerId, isHidPosScanner, nodeHidBackend, type HidBackend } from './scanners/hid-scanner';
import type { ScannerDriver, ScannerSink } from './scanners/types';

export const scannerSettingsKey = 'devices.scanners';

/** What the manager needs of the core: the database for its settings, and the event stream. */
export interface DeviceManagerHost {
  readonly db: Parameters<typeof readSetting>[0];
  publish(event: DeskEvent): void;
}

export interface SerialPortInfo {
  path: string;
  manufacturer?: string | undefined;
  serialNumber?: string | undefined;
  vendorId?: string | undefined;
  productId?: string | undefined;
}

export interface DeviceManagerOptions {
  /** node-hid by default; tests pass a fake. `null`: no HID at all (node-hid failed to load). */
  hid?: HidBackend | null;
  /** SerialPort.list by default. */
  listSerialPorts?: () => Promise<SerialPortInfo[]>;
  /** How often drivers look for their devices while no OS events come (default 500 ms). */
  pollMs?: number;
  /**
   * How often HID scanners look while OS hot-plug events do come (default 2000 ms, a safety net for a
   * missed event; enumerating HID devices is not free). Serial scanners keep `pollMs`: a pty or an odd
   * driver sends no events, and their look is one realpath.
   */
  eventPollMs?: number;
  /** Hot-plug events: udevadm on Linux by default; null for polling alone. */
  hotplug?: ((options: HotplugOptions) => HotplugWatcher | null) | null;
  /** Where a device error is logged; never thrown. */
  log?: (message: string) => void;
}

export interface DeviceManager {
  start(): Promise<void>;
  /** Lists the ports and HID POS interfaces present now (and refreshes the snapshot). */
  list(): Promise<{ scanners: FoundScanner[]; settings: ScannerSettings }>;
  /** The last list (connected states live; the list itself refreshed in the background when older than 2 s); synchronous, for channel handlers. */
  snapshot(): FoundScanner[];
  configure(settings: unknown): Promise<{ scanners: FoundScanner[]; settings: ScannerSettings }>;
  /** Reread the stored settings and reopen the scanners (after a channel wrote them). */
  reload(): Promise<void>;
  stop(): Promise<void>;
}

/** The manager running on a desk's database, for the channel handlers (which only see ctx.db). */
const managers = new WeakMap<object, DeviceManager>();

export function deviceManagerFor(db: object): DeviceManager | undefined {
  return managers.get(db);
}

export function readScannerSettings(db: DeviceManagerHost['db']): ScannerSettings {
  const parsed = scannerSettingsSchema.safeParse(readSetting(db, scannerSettingsKey) ?? {});
  return parsed.success ? parsed.data : { serial: [], hid: [] };
}

async function defaultListSerialPorts(): Promise<SerialPortInfo[]> {
  const { SerialPort } = await import('serialport');
  return SerialPort.list();
}

/**
 * Opens the configured scanners and turns what they read into the core's 'scan' and
 * 'device' events. A device that errors is reported, never thrown: the desk goes on.
 */
export function createDeviceManager(host: DeviceManagerHost, options: DeviceManagerOptions = {}): DeviceManager {
  const log = options.log ?? ((message: string) => console.warn(`devices: ${message}`));
  const listSerialPorts = options.listSerialPorts ?? defaultListSerialPorts;
  const pollMs = options.pollMs ?? 500;
  const eventPollMs = options.eventPollMs ?? 2000;
  const startHotplug = options.hotplug === undefined ? watchUdev : options.hotplug;
  let watcher: HotplugWatcher | null = null;
  let rescanTimer: NodeJS.Timeout | undefined;
  // Read by the HID drivers before each wait: their polling speeds up as soon as the watcher is gone.
  const hidInterval = () => (watcher?.alive ? eventPollMs : pollMs);
  let hid: HidBackend | null | undefined = options.hid;
  const drivers = new Map<string, ScannerDriver>();
  const connected = new Set<string>();
  let settings: ScannerSettings = { serial: [], hid: [] };
  let running = false;
  let found: FoundScanner[] = [];
  let listedAt = 0;
  const refresh = () => {
    listedAt = Date.now();
    void list().catch((error: unknown) => log(`listing scanners failed: ${String(error)}`));
  };

  const publish = (event: DeskEvent) => {
    try {
      host.publish(event);
    } catch (error) {
      log(`an event listener failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  const sinkFor = (id: string): ScannerSink => ({
    scan: (code) => publish({ type: 'scan', source: id, code }),
    status: (status, message) => {
      if (status === 'connected') connected.add(id);
      else connected.delete(id);
      found = found.map((f) => (f.id === id ? { ...f, connected: status === 'connected' } : f));
      publish({ type: 'device', device: id, status, ...(message === undefined ? {} : { message }) });
    },
  });

  async function hidBackend(): Promise<HidBackend | null> {
    if (hid !== undefined) return hid;
    try {
      hid = await nodeHidBackend();
    } catch (error) {
      log(`node-hid is not available: ${error instanceof Error ? error.message : String(error)}`);
      hid = null;
    }
    return hid;
  }

  async function closeAll(): Promise<void> {
    const all = [...drivers.values()];
    drivers.clear();
    await Promise.all(all.map((d) => d.stop().catch(() => undefined)));
    connected.clear();
  }

  async function open(): Promise<void> {
    await closeAll();
    if (settings.serial.length > 0) {
      // Loaded only when needed: a native binding built for another ABI (Electron) must not stop the desk.
      let serial: typeof import('./scanners/serial-scanner') | undefined;
      try {
        serial = await import('./scanners/serial-scanner');
      } catch (error) {
        log(`serialport is not available: ${error instanceof Error ? error.message : String(error)}`);
      }
      for (const config of settings.serial) {
        const id = `serial:${config.path}`;
        if (!serial) {
          publish({ type: 'device', device: id, status: 'error', message: 'serialport is not available' });
          continue;
        }
        drivers.set(id, new serial.SerialScanner(config, sinkFor(id), pollMs));
      }
    }
    const backend = settings.hid.length > 0 ? await hidBackend() : null;
    for (const config of settings.hid) {
      const id = hidScannerId(config);
      if (!backend) {
        publish({ type: 'device', device: id, status: 'error', message: 'node-hid is not available' });
        continue;
      }
      drivers.set(id, new HidScanner(config, backend, sinkFor(id), hidInterval));
    }
    for (const driver of drivers.values()) {
      try {
        driver.start();
      } catch (error) {
        publish({ type: 'device', device: driver.id, status: 'error', message: String(error) });
      }
    }
  }

  async function list(): Promise<{ scanners: FoundScanner[]; settings: ScannerSettings }> {
    const scanners: FoundScanner[] = [];
    const seen = new Set<string>();
    let ports: SerialPortInfo[] = [];
    try {
      ports = await listSerialPorts();
    } catch (error) {
      log(`listing serial ports failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    for (const port of ports) {
      const id = `serial:${port.path}`;
      seen.add(id);
      scanners.push({
        kind: 'serial',
        id,
        path: port.path,
        ...(port.vendorId ? { vendorId: parseInt(port.vendorId, 16) } : {}),
        ...(port.productId ? { productId: parseInt(port.productId, 16) } : {}),
        ...(port.serialNumber ? { serialNumber: port.serialNumber } : {}),
        ...(port.manufacturer ? { manufacturer: port.manufacturer } : {}),
        configured: settings.serial.some((s) => s.path === port.path),
        connected: connected.has(id),
      });
    }
    // Configured ports that SerialPort.list() does not show (unplugged, or a pty).
    for (const config of settings.serial) {
      const id = `serial:${config.path}`;
      if (seen.has(id)) continue;
      seen.add(id);
      scanners.push({ kind: 'serial', id, path: config.path, configured: true, connected: connected.has(id) });
    }
    const backend = await hidBackend();
    let devices: ReturnType<HidBackend['devices']> = [];
    try {
      devices = backend ? backend.devices().filter(isHidPosScanner) : [];
    } catch (error) {
      log(`listing HID devices failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    for (const device of devices) {
      const id = hidScannerId(device);
      if (seen.has(id)) continue;
      seen.add(id);
      const configured = settings.hid.find(
        (h) =>
          h.vendorId === device.vendorId &&
          h.productId === device.productId &&
          (h.serialNumber === undefined || h.serialNumber === device.serialNumber),
      );
      const driverId = configured ? hidScannerId(configured) : id;
      scanners.push({
        kind: 'hid',
        id: driverId,
        ...(device.path ? { path: device.path } : {}),
        vendorId: device.vendorId,
        productId: device.productId,
        ...(device.serialNumber ? { serialNumber: device.serialNumber } : {}),
        ...(device.manufacturer ? { manufacturer: device.manufacturer } : {}),
        ...(device.product ? { product: device.product } : {}),
        configured: configured !== undefined,
        connected: connected.has(driverId),
      });
      seen.add(driverId);
    }
    for (const config of settings.hid) {
      const id = hidScannerId(config);
      if (seen.has(id)) continue;
      scanners.push({
        kind: 'hid',
        id,
        vendorId: config.vendorId,
        productId: config.productId,
        ...(config.serialNumber ? { serialNumber: config.serialNumber } : {}),
        configured: true,
        connected: connected.has(id),
      });
    }
    found = scanners;
    return { scanners, settings };
  }

  /** One plug sends a burst of events (usb, then tty or hidraw): look once, just after the burst. */
  function onHotplug(): void {
    if (!running || rescanTimer) return;
    rescanTimer = setTimeout(() => {
      rescanTimer = undefined;
      if (!running) return;
      for (const driver of drivers.values()) {
        try {
          driver.rescan();
        } catch (error) {
          log(`rescanning ${driver.id} failed: ${String(error)}`);
        }
      }
      // The list too (for the devices screen), once something has asked for it.
      if (listedAt > 0) refresh();
    }, 50);
    rescanTimer.unref?.();
  }

  /** Started with the first configured scanner: a desk without scanners runs no watcher. */
  function watch(): void {
    if (!startHotplug || watcher || !running) return;
    try {
      watcher = startHotplug({
        onEvent: onHotplug,
        onExit: (reason) => {
          log(`hot-plug events stopped (${reason}); polling every ${pollMs} ms`);
          // Drivers waiting out the slow interval start the fast one now.
          onHotplug();
        },
      });
    } catch (error) {
      log(`hot-plug events are not available: ${String(error)}`);
      watcher = null;
    }
  }

  async function reopen(): Promise<void> {
    if (settings.serial.length + settings.hid.length > 0) watch();
    try {
      await open();
    } catch (error) {
      log(`opening scanners failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    // A desk without scanners loads neither native module until the settings screen asks.
    if (settings.serial.length + settings.hid.length > 0) refresh();
  }

  const manager: DeviceManager = {
    async start() {
      if (running) return;
      running = true;
      settings = readScannerSettings(host.db);
      await reopen();
    },
    list,
    snapshot: () => {
      // Listing spawns work (udev on Linux): only when asked, at most every 2 s, in the background.
      if (Date.now() - listedAt > 2000) refresh();
      return found;
    },
    async configure(input) {
      const next = scannerSettingsSchema.parse(input);
      writeSetting(host.db, scannerSettingsKey, next);
      settings = next;
      if (running && settings.serial.length + settings.hid.length > 0) watch();
      if (running) await open();
      return list();
    },
    async reload() {
      settings = readScannerSettings(host.db);
      if (running) await reopen();
    },
    async stop() {
      running = false;
      watcher?.stop();
      watcher = null;
      if (rescanTimer) clearTimeout(rescanTimer);
      rescanTimer = undefined;
      await closeAll();
    },
  };
  managers.set(host.db, manager);
  return manager;
}
