import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

/**
 * Hot-plug events from the OS. On Linux, `udevadm monitor --udev` prints one
 * line per device event after udev's rules have run (so a new /dev/hidraw* or
 * /dev/ttyACM* already has its permissions); the device manager re-lists at once
 * on each. Where udevadm is missing or dies, the manager's polling carries on alone.
 */
export interface HotplugEvent {
  action: string;
  /** The sysfs path, e.g. /devices/pci0000:00/…/hidraw/hidraw3 */
  devpath: string;
  subsystem: string;
}

export interface HotplugWatcher {
  /** Whether events are still coming (false once the watcher has exited). */
  readonly alive: boolean;
  stop(): void;
}

export interface HotplugOptions {
  onEvent(event: HotplugEvent): void;
  /** Told once when the watcher ends without being stopped (missing, crashed, killed). */
  onExit(reason: string): void;
}

/** The udevadm command line: an argument array, never a shell string. */
export const udevadmArgs = [
  'monitor',
  '--udev',
  '--subsystem-match=hidraw',
  '--subsystem-match=tty',
  '--subsystem-match=usb',
] as const;

/** The actions that can make a scanner appear or vanish. */
const plugActions = new Set(['add', 'remove', 'bind', 'unbind']);

/**
 * One line of `udevadm monitor --udev`:
 *   UDEV  [12345.678901] add      /devices/…/hidraw/hidraw3 (hidraw)
 * Header lines and other actions (change, move) answer undefined.
 */
export function parseUdevMonitorLine(line: string): HotplugEvent | undefined {
  const match = /^UDEV\s+\[[\d.]+\]\s+(\w+)\s+(\S+)\s+\(([^)\s]+)\)\s*$/u.exec(line);
  if (!match) return undefined;
  const [, action, devpath, subsystem] = match as unknown as [string, string, string, string];
  return plugActions.has(action) ? { action, devpath, subsystem } : undefined;
}

/** Watch udev on Linux; null elsewhere (the manager polls). */
export function watchUdev(
  options: HotplugOptions,
  platform: NodeJS.Platform = process.platform,
): HotplugWatcher | null {
  if (platform !== 'linux') return null;
  let child: ChildProcess;
  let alive = true;
  let stopped = false;
  const ended = (reason: string) => {
    if (!alive) return;
    alive = false;
    if (!stopped) options.onExit(reason);
  };
  try {
    child = spawn('udevadm', [...udevadmArgs], { stdio: ['ignore', 'pipe', 'ignore'] });
  } catch (error) {
    ended(error instanceof Error ? error.message : String(error));
    return { alive: false, stop: () => undefined };
  }
  // ENOENT (udevadm not installed) arrives here, asynchronously.
  child.once('error', (error) => ended(error.message));
  child.once('exit', (code, signal) => ended(`udevadm exited (${signal ?? `code ${code}`})`));
  if (child.stdout) {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const event = parseUdevMonitorLine(line);
      if (event && !stopped) options.onEvent(event);
    });
  }
  return {
    get alive() {
      return alive;
    },
    stop() {
      stopped = true;
      if (alive) child.kill('SIGTERM');
      alive = false;
    },
  };
}
