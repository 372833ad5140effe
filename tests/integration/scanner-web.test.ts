import { writeFileSync } from 'node:fs';
import http from 'node:http';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDeskCore } from '../../electron/core';
import { scannerSettingsKey } from '../../electron/core/devices/device-manager';
import { writeSetting } from '../../electron/core/settings-store';
import type { DeskEvent } from '../../shared/events';
import { tempDir } from '../helpers/desk';
import { ensureBuilt, startWebShell, type WebShell } from '../helpers/web-shell';
import { killAllPtyPairs, startPtyPair, waitFor } from './scanner-socat';

const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  killAllPtyPairs();
});

beforeAll(() => ensureBuilt(), 300_000);

function listen(shell: WebShell): Promise<{ events: DeskEvent[]; close(): void }> {
  return new Promise((resolve, reject) => {
    const events: DeskEvent[] = [];
    let text = '';
    const req = http.get(
      {
        host: '127.0.0.1',
        port: shell.port,
        path: '/api/events',
        headers: { Host: `127.0.0.1:${shell.port}`, Authorization: `Bearer ${shell.token}` },
      },
      (stream) => {
        stream.setEncoding('utf8');
        stream.on('data', (chunk: string) => {
          text += chunk;
          const blocks = text.split('\n\n');
          text = blocks.pop() ?? '';
          for (const block of blocks)
            if (block.startsWith('data: ')) events.push(JSON.parse(block.slice('data: '.length)) as DeskEvent);
        });
        stream.once('data', () => resolve({ events, close: () => stream.destroy() }));
      },
    );
    req.on('error', reject);
  });
}

describe('the browser shell with a serial scanner', () => {
  it('starts the device manager: a scan on the pty reaches GET /api/events; unplug and replug are pushed too', async () => {
    const temp = tempDir('scanner-web-');
    cleanups.push(() => temp.remove());
    let pair = await startPtyPair(temp.dir);
    // The choice as the settings screen would store it, before the desk starts.
    const core = createDeskCore({ dataDir: temp.dir });
    writeSetting(core.db, scannerSettingsKey, {
      serial: [{ path: pair.a, baudRate: 9600, terminator: 'CR' }],
      hid: [],
    });
    core.close();

    const shell = await startWebShell(temp.dir);
    cleanups.push(() => shell.stop());
    const stream = await listen(shell);
    cleanups.push(() => stream.close());
    const scans = () => stream.events.filter((e) => e.type === 'scan');

    // The port may have opened before the stream listened, or not yet: write until a scan comes back.
    for (let attempt = 0; scans().length === 0 && attempt < 10; attempt++) {
      writeFileSync(pair.b, '30001000000010\r');
      await waitFor(() => scans().length > 0, 300, 'scan event').catch(() => undefined);
    }
    expect(scans()[0]).toEqual({ type: 'scan', source: `serial:${pair.a}`, code: '30001000000010' });

    await pair.stop();
    await waitFor(
      () => stream.events.some((e) => e.type === 'device' && e.status === 'disconnected'),
      2000,
      'disconnected event',
    );
    pair = await startPtyPair(temp.dir);
    cleanups.push(() => pair.stop());
    await waitFor(() => stream.events.some((e) => e.type === 'device' && e.status === 'connected'), 2000, 'connected');
    writeFileSync(pair.b, '20001000000015\r');
    await waitFor(() => scans().some((e) => e.code === '20001000000015'), 2000, 'scan after replug');

    // A clean shutdown with the scanner open.
    expect(await shell.stop()).toBe(0);
  });
});
