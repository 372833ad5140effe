import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDeskCore } from '../../electron/core';
import { createDeviceManager } from '../../electron/core/devices/device-manager';
import { parseUdevMonitorLine, udevadmArgs } from '../../electron/core/devices/hotplug';
import type { HidDeviceInfo } from '../../electron/core/devices/scanners/hid-scanner';
import type { DeskEvent } from '../../shared/events';
import { tempDir } from '../helpers/desk';
import { FakeHid } from '../helpers/fake-hid';
import { waitFor } from './scanner-socat';

/** tests/fixtures/udev/udevadm: prints what the test appends to $FAKE_UDEV_EVENTS, as `udevadm monitor` would. */
const fakeUdevDir = path.join(import.meta.dirname, '..', 'fixtures', 'udev');

const zebra: HidDeviceInfo = {
  vendorId: 0x05e0,
  productId: 0x1300,
  path: '/dev/hidraw2',
  manufacturer: 'Zebra',
  product: 'DS2208',
  usagePage: 0x8c,
  usage: 0x02,
};

const hidrawLine = (action: string, n: number) =>
  `UDEV  [${(8123.45 + n).toFixed(6)}] ${action.padEnd(8)} /devices/pci0000:00/0000:00:14.0/usb1/1-2/1-2:1.0/0003:05E0:1300.000${n}/hidraw/hidraw${n} (hidraw)\n`;

const cleanups: (() => Promise<void> | void)[] = [];
const savedEnv = { ...process.env };
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  process.env = { ...savedEnv };
});

/** A desk whose HID scanner is configured; udevadm found on PATH at `pathDir` (or not at all). */
function setup(options: { pathDir: string; pollMs: number; eventPollMs: number; die?: boolean }) {
  const temp = tempDir('scanner-hotplug-');
  const files = {
    events: path.join(temp.dir, 'events'),
    args: path.join(temp.dir, 'args'),
    pid: path.join(temp.dir, 'pid'),
  };
  writeFileSync(files.events, '');
  process.env.PATH = `${options.pathDir}${path.delimiter}${savedEnv.PATH ?? ''}`;
  process.env.FAKE_UDEV_EVENTS = files.events;
  process.env.FAKE_UDEV_ARGS = files.args;
  process.env.FAKE_UDEV_PID = files.pid;
  if (options.die) process.env.FAKE_UDEVADM_DIE = '1';
  const core = createDeskCore({ dataDir: temp.dir });
  const events: DeskEvent[] = [];
  core.onEvent((e) => events.push(e));
  const logs: string[] = [];
  const hid = new FakeHid();
  const manager = createDeviceManager(core, {
    hid,
    listSerialPorts: async () => [],
    pollMs: options.pollMs,
    eventPollMs: options.eventPollMs,
    log: (line) => logs.push(line),
  });
  cleanups.push(() => temp.remove());
  cleanups.push(() => core.close());
  cleanups.push(() => manager.stop());
  return { files, events, logs, hid, manager };
}

const statuses = (events: DeskEvent[]) => events.flatMap((e) => (e.type === 'device' ? [e.status] : []));

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('udevadm monitor lines', () => {
  it('reads add, remove, bind and unbind with their subsystem; headers and change events are not plug events', () => {
    expect(parseUdevMonitorLine(hidrawLine('add', 3).trimEnd())).toEqual({
      action: 'add',
      devpath: '/devices/pci0000:00/0000:00:14.0/usb1/1-2/1-2:1.0/0003:05E0:1300.0003/hidraw/hidraw3',
      subsystem: 'hidraw',
    });
    expect(
      parseUdevMonitorLine(
        'UDEV  [90210.000001] remove   /devices/pci0000:00/0000:00:14.0/usb1/1-3/1-3:1.0/tty/ttyACM0 (tty)',
      ),
    ).toMatchObject({ action: 'remove', subsystem: 'tty' });
    expect(parseUdevMonitorLine('UDEV  [7.5] bind     /devices/pci0000:00/0000:00:14.0/usb1/1-3 (usb)')).toMatchObject({
      action: 'bind',
      subsystem: 'usb',
    });
    expect(parseUdevMonitorLine('monitor will print the received events for:')).toBeUndefined();
    expect(parseUdevMonitorLine('UDEV - the event which udev sends out after rule processing')).toBeUndefined();
    expect(parseUdevMonitorLine('UDEV  [12.000001] change   /devices/virtual/tty/tty1 (tty)')).toBeUndefined();
    expect(parseUdevMonitorLine('KERNEL[12.000001] add      /devices/virtual/tty/tty1 (tty)')).toBeUndefined();
  });
});

describe('hot-plug by udev events', () => {
  it('re-lists at once on an add or remove event (polling is slow here), and kills udevadm on stop', async () => {
    // Polls every minute: only the events can find the scanner within the test's time.
    const { files, events, hid, manager } = setup({ pathDir: fakeUdevDir, pollMs: 60_000, eventPollMs: 60_000 });
    await manager.configure({ hid: [{ vendorId: 0x05e0, productId: 0x1300 }] });
    await manager.start();
    await waitFor(() => existsSync(files.pid) && existsSync(files.args), 3000, 'udevadm started');
    expect(readFileSync(files.args, 'utf8').trim().split('\n')).toEqual([...udevadmArgs]);
    await waitFor(() => statuses(events).length === 1, 1000, 'first status');
    expect(statuses(events)).toEqual(['disconnected']);

    hid.present = [zebra];
    let plugged = performance.now();
    appendFileSync(files.events, hidrawLine('add', 2));
    await waitFor(() => hid.handles.length === 1, 2000, 'opened on the add event');
    expect(performance.now() - plugged).toBeLessThan(2000);
    await waitFor(() => statuses(events).at(-1) === 'connected', 1000, 'connected');

    // Unplugged: the remove event is enough (no read error from the device this time).
    hid.present = [];
    appendFileSync(files.events, hidrawLine('remove', 2));
    await waitFor(() => statuses(events).at(-1) === 'disconnected', 2000, 'disconnected on the remove event');
    expect(hid.handles[0]!.closed).toBe(true);

    // Plugged back in, at a new hidraw node: a known scanner is back within 2 s, and its scan arrives.
    hid.present = [{ ...zebra, path: '/dev/hidraw4' }];
    plugged = performance.now();
    appendFileSync(files.events, hidrawLine('add', 4));
    await waitFor(() => hid.handles.length === 2, 2000, 'reopened on the add event');
    expect(performance.now() - plugged).toBeLessThan(2000);
    const report = Buffer.alloc(64);
    report.set([0x02, 14, 0x5d, 0x43, 0x30], 0);
    report.write('30001000000010', 5, 'latin1');
    hid.handles[1]!.emit('data', report);
    expect(events.at(-1)).toEqual({ type: 'scan', source: 'hid:05e0:1300', code: '30001000000010' });
    expect(statuses(events)).toEqual(['disconnected', 'connected', 'disconnected', 'connected']);

    const pid = Number(readFileSync(files.pid, 'utf8'));
    expect(processAlive(pid)).toBe(true);
    await manager.stop();
    await waitFor(() => !processAlive(pid), 2000, 'udevadm killed on stop');
  });

  it('when udevadm dies, polling takes over', async () => {
    const { files, hid, manager, logs } = setup({ pathDir: fakeUdevDir, pollMs: 100, eventPollMs: 60_000, die: true });
    await manager.configure({ hid: [{ vendorId: 0x05e0, productId: 0x1300 }] });
    await manager.start();
    await waitFor(() => logs.some((l) => l.includes('hot-plug events stopped')), 3000, 'udevadm exit noticed');
    expect(logs.find((l) => l.includes('hot-plug events stopped'))).toContain('code 3');
    expect(existsSync(files.pid)).toBe(true);
    hid.present = [zebra];
    // No event will come: the scanner is found by polling, well within 2 s.
    await waitFor(() => hid.handles.length === 1, 2000, 'opened by polling');
  });

  it('without udevadm on the PATH, polling alone finds the scanner', async () => {
    const empty = tempDir('no-udevadm-');
    cleanups.push(() => empty.remove());
    const { files, hid, manager, logs } = setup({ pathDir: empty.dir, pollMs: 100, eventPollMs: 60_000 });
    process.env.PATH = empty.dir;
    await manager.configure({ hid: [{ vendorId: 0x05e0, productId: 0x1300 }] });
    await manager.start();
    await waitFor(() => logs.some((l) => l.includes('hot-plug events stopped')), 3000, 'udevadm missing noticed');
    expect(logs.join('\n')).toContain('ENOENT');
    expect(existsSync(files.pid)).toBe(false);
    hid.present = [zebra];
    await waitFor(() => hid.handles.length === 1, 2000, 'opened by polling');
  });
});
