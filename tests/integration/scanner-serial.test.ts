import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { killAllPtyPairs, startPtyPair, waitFor } from './scanner-socat';
import { LineSplitter, SerialScanner, type Terminator } from '../../electron/core/devices/scanners/serial-scanner';

interface Recorded {
  scans: string[];
  statuses: string[];
}

function recorder(): Recorded & { sink: { scan(code: string): void; status(s: string): void } } {
  const scans: string[] = [];
  const statuses: string[] = [];
  return { scans, statuses, sink: { scan: (code) => scans.push(code), status: (s) => statuses.push(s) } };
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  killAllPtyPairs();
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'scanner-pty-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('LineSplitter', () => {
  it.each<[Terminator, string]>([
    ['CR', '30001000000010\r\r20001000000015\r'],
    ['LF', '30001000000010\n\n20001000000015\n'],
    ['CRLF', '30001000000010\r\n\r\n20001000000015\r\n'],
  ])('%s: strips the terminator, drops empty lines, keeps a partial code for the next chunk', (terminator, text) => {
    const splitter = new LineSplitter(terminator);
    const cut = 7;
    expect(splitter.push(text.slice(0, cut))).toEqual([]);
    expect(splitter.push(text.slice(cut))).toEqual(['30001000000010', '20001000000015']);
  });
});

describe('serial scanner through a socat pty pair', () => {
  it('reads a scan, notices the unplug, and reads the scan after the replug', async () => {
    const dir = tempDir();
    let pair = await startPtyPair(dir);
    const seen = recorder();
    const scanner = new SerialScanner({ path: pair.a, baudRate: 9600, terminator: 'CR' }, seen.sink);
    cleanups.push(() => scanner.stop());
    scanner.start();
    await waitFor(() => seen.statuses.includes('connected'), 2000, 'connected');

    writeFileSync(pair.b, '30001000000010\r');
    await waitFor(() => seen.scans.length === 1, 2000, 'first scan');
    expect(seen.scans).toEqual(['30001000000010']);

    // Unplug.
    await pair.stop();
    await waitFor(() => seen.statuses.at(-1) === 'disconnected', 2000, 'disconnected');

    // Replug with the same link path: back within 2 s, and the next scan arrives.
    const replugged = Date.now();
    pair = await startPtyPair(dir);
    cleanups.push(() => pair.stop());
    await waitFor(() => seen.statuses.at(-1) === 'connected', 2000, 'connected again');
    expect(Date.now() - replugged).toBeLessThan(2000);
    writeFileSync(pair.b, '20001000000015\r');
    await waitFor(() => seen.scans.length === 2, 2000, 'scan after replug');
    expect(seen.scans).toEqual(['30001000000010', '20001000000015']);
    expect(seen.statuses).toEqual(['connected', 'disconnected', 'connected']);
  });

  it('reports a configured port that is not there as disconnected, and connects when it appears', async () => {
    const dir = tempDir();
    const seen = recorder();
    const scanner = new SerialScanner({ path: path.join(dir, 'A'), baudRate: 115200, terminator: 'CRLF' }, seen.sink);
    cleanups.push(() => scanner.stop());
    scanner.start();
    await waitFor(() => seen.statuses.length === 1, 1000, 'first status');
    expect(seen.statuses).toEqual(['disconnected']);
    const pair = await startPtyPair(dir);
    cleanups.push(() => pair.stop());
    await waitFor(() => seen.statuses.at(-1) === 'connected', 2000, 'connected');
    writeFileSync(pair.b, '\r\nA20001000000015B\r\n');
    await waitFor(() => seen.scans.length === 1, 2000, 'scan');
    expect(seen.scans).toEqual(['A20001000000015B']);
  });
});
