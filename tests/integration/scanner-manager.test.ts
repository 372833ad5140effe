import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDeskCore } from '../../electron/core';
import { createDeviceManager, scannerSettingsKey } from '../../electron/core/devices/device-manager';
import type { HidDeviceInfo } from '../../electron/core/devices/scanners/hid-scanner';
import * as service from '../../electron/core/devices/scanners/service';
import { readSetting } from '../../electron/core/settings-store';
import type { DeskEvent } from '../../shared/events';
import { tempDir } from '../helpers/desk';
import { FakeHid } from '../helpers/fake-hid';
import { killAllPtyPairs, startPtyPair, waitFor } from './scanner-socat';

const honeywell: HidDeviceInfo = {
  vendorId: 0x0c2e,
  productId: 0x0b87,
  path: '/dev/hidraw3',
  serialNumber: '21034B1234',
  manufacturer: 'Honeywell',
  product: 'Voyager 1450g',
  usagePage: 0x8c,
  usage: 0x02,
};
const keyboard: HidDeviceInfo = {
  vendorId: 0x046d,
  productId: 0xc31c,
  path: '/dev/hidraw0',
  usagePage: 0x01,
  usage: 6,
};

function fixture(name: string): Buffer[] {
  return readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'hid', name), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'))
    .map((l) => Buffer.from(l.replace(/\s+/g, ''), 'hex'));
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  killAllPtyPairs();
});

function setup() {
  const temp = tempDir('scanner-manager-');
  const core = createDeskCore({ dataDir: temp.dir });
  const events: DeskEvent[] = [];
  core.onEvent((e) => events.push(e));
  const hid = new FakeHid();
  const manager = createDeviceManager(core, {
    hid,
    listSerialPorts: async () => [
      { path: '/dev/ttyACM0', manufacturer: 'Datalogic', vendorId: '05f9', productId: '4204' },
    ],
    pollMs: 100,
    // Polling alone here (tests/integration/scanner-hotplug.test.ts has the udev events).
    hotplug: null,
    log: () => undefined,
  });
  cleanups.push(() => temp.remove());
  cleanups.push(() => core.close());
  cleanups.push(() => manager.stop());
  return { temp, core, events, hid, manager };
}

describe('device manager', () => {
  it('lists serial ports and HID POS interfaces (not keyboards), and stores the choice', async () => {
    const { core, hid, manager } = setup();
    hid.present = [keyboard, honeywell];
    await manager.start();
    const before = await manager.list();
    expect(before.scanners.map((s) => [s.kind, s.id, s.configured, s.connected])).toEqual([
      ['serial', 'serial:/dev/ttyACM0', false, false],
      ['hid', 'hid:0c2e:0b87:21034B1234', false, false],
    ]);
    const after = await manager.configure({ hid: [{ vendorId: 0x0c2e, productId: 0x0b87 }] });
    expect(readSetting(core.db, scannerSettingsKey)).toEqual({
      serial: [],
      hid: [{ vendorId: 0x0c2e, productId: 0x0b87 }],
    });
    expect(after.settings.hid).toHaveLength(1);
    expect(after.scanners.find((s) => s.kind === 'hid')).toMatchObject({ configured: true, connected: true });
    await expect(manager.configure({ serial: [{ path: '/dev/x', terminator: 'NUL' }] })).rejects.toThrow();
  });

  it('a HID POS scanner: scans reach the event stream, unplug and replug are reported', async () => {
    const { hid, manager, events } = setup();
    await manager.configure({ hid: [{ vendorId: 0x0c2e, productId: 0x0b87 }] });
    await manager.start();
    await waitFor(() => events.some((e) => e.type === 'device'), 1000, 'first status');
    expect(events).toEqual([
      { type: 'device', device: 'hid:0c2e:0b87', status: 'disconnected', message: 'not present' },
    ]);
    hid.present = [honeywell];
    await waitFor(() => hid.handles.length === 1, 1000, 'opened');
    for (const report of fixture('honeywell-qr-long.hex')) hid.handles[0]!.emit('data', report);
    for (const report of fixture('honeywell-ean13.hex')) hid.handles[0]!.emit('data', report);
    const scans = events.filter((e) => e.type === 'scan');
    expect(scans.map((s) => s.code.length)).toEqual([124, 13]);
    expect(scans[1]).toEqual({ type: 'scan', source: 'hid:0c2e:0b87', code: '8935235000019' });

    // Unplug: the read fails and the device leaves the list.
    hid.present = [];
    hid.handles[0]!.emit('error', new Error('could not read from HID device'));
    expect(hid.handles[0]!.closed).toBe(true);
    // Replug, at a new hidraw path.
    hid.present = [{ ...honeywell, path: '/dev/hidraw5' }];
    await waitFor(() => hid.handles.length === 2, 1000, 'reopened');
    hid.handles[1]!.emit('data', fixture('zebra-code128.hex')[0]);
    const statuses = events.filter((e) => e.type === 'device').map((e) => e.type === 'device' && e.status);
    expect(statuses).toEqual(['disconnected', 'connected', 'disconnected', 'connected']);
    expect(events.at(-1)).toEqual({ type: 'scan', source: 'hid:0c2e:0b87', code: '30001000000010' });
  });

  it('a serial scanner on a pty: its scans reach the event stream; a listener that throws does not stop it', async () => {
    const { temp, core, manager, events } = setup();
    const pair = await startPtyPair(temp.dir);
    cleanups.push(() => pair.stop());
    core.onEvent(() => {
      throw new Error('a broken listener');
    });
    await manager.configure({ serial: [{ path: pair.a, baudRate: 9600, terminator: 'LF' }] });
    await manager.start();
    await waitFor(() => events.some((e) => e.type === 'device' && e.status === 'connected'), 2000, 'connected');
    writeFileSync(pair.b, '30001000000010\n20001000000015\n');
    await waitFor(() => events.filter((e) => e.type === 'scan').length === 2, 2000, 'scans');
    expect(events.filter((e) => e.type === 'scan').map((e) => e.type === 'scan' && e.code)).toEqual([
      '30001000000010',
      '20001000000015',
    ]);
    const listed = await manager.list();
    expect(listed.scanners.find((s) => s.path === pair.a)).toMatchObject({ configured: true, connected: true });
  });

  it('the (not yet wired) channel handlers: list answers the snapshot, configure stores and reopens after commit', async () => {
    const { core, hid, manager, events } = setup();
    hid.present = [honeywell];
    await manager.start();
    await manager.list();
    expect(service.list({}, core).scanners.map((s) => s.id)).toEqual([
      'serial:/dev/ttyACM0',
      'hid:0c2e:0b87:21034B1234',
    ]);
    const afterCommit: (() => void)[] = [];
    const settings = { serial: [], hid: [{ vendorId: 0x0c2e, productId: 0x0b87 }] };
    const answer = core.db.transaction(() =>
      service.configure(settings, { db: core.db, afterCommit: (w) => afterCommit.push(w) }),
    )();
    expect(answer.settings).toEqual(settings);
    expect(hid.handles).toHaveLength(0);
    for (const work of afterCommit) work();
    await waitFor(() => hid.handles.length === 1, 1000, 'opened after commit');
    await waitFor(() => events.some((e) => e.type === 'device' && e.status === 'connected'), 1000, 'connected');
    await waitFor(
      () => service.list({}, core).scanners.some((s) => s.id === 'hid:0c2e:0b87' && s.connected && s.configured),
      3000,
      'snapshot shows it connected',
    );
  });

  it('a stored setting that no longer parses opens nothing and does not crash', async () => {
    const { core, manager, events } = setup();
    core.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run(scannerSettingsKey, '{"serial": 7}');
    await manager.start();
    expect((await manager.list()).settings).toEqual({ serial: [], hid: [] });
    expect(events).toEqual([]);
  });
});
