import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DisplayState } from '../../shared/display';
import type { DeskEvent } from '../../shared/events';
import { espeakArguments, findOnPath } from '../../electron/core/services/speech';
import { displayTimeoutMs } from '../../electron/core/services/display';
import { ok, refused, tempDesk, type TempDesk } from '../helpers/desk';

const realPath = process.env.PATH ?? '';

async function waitForFile(file: string, timeoutMs = 5_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (existsSync(file)) {
      const text = readFileSync(file, 'utf8');
      if (text.endsWith('\n')) return text;
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`${file} was not written within ${timeoutMs} ms`);
}

describe('speech through espeak-ng', () => {
  let desk: TempDesk;
  let bin: string;
  let record: string;

  beforeEach(() => {
    desk = tempDesk();
    bin = mkdtempSync(path.join(tmpdir(), 'fake-espeak-'));
    record = path.join(bin, 'args.json');
    // A fake espeak-ng: a Node script that writes the arguments it was given, one JSON line.
    const fake = path.join(bin, 'espeak-ng');
    writeFileSync(
      fake,
      `#!${process.execPath}\nrequire('node:fs').writeFileSync(${JSON.stringify(record)}, JSON.stringify(process.argv.slice(2)) + '\\n');\n`,
    );
    chmodSync(fake, 0o755);
  });

  afterEach(() => {
    process.env.PATH = realPath;
    desk.dispose();
    rmSync(bin, { recursive: true, force: true });
  });

  it('finds espeak-ng on the PATH and says the text as one argument, never through a shell', async () => {
    process.env.PATH = `${bin}${path.delimiter}/nonexistent`;
    expect(ok(desk.core.call('speech.status', {}))).toEqual({
      espeak: { available: true, path: path.join(bin, 'espeak-ng') },
    });
    // Shell syntax and a leading dash stay plain text: no expansion, not an option.
    const text = '-v en $(touch /tmp/pwned) «Truyện Kiều»; hạn trả 10/12/2026 && echo';
    expect(ok(desk.core.call('speech.say', { text, language: 'vi' }))).toEqual({ engine: 'espeak-ng' });
    const args = JSON.parse(await waitForFile(record)) as string[];
    expect(args).toEqual(['-v', 'vi', '-s', '150', '--', text.normalize('NFC')]);
    expect(existsSync('/tmp/pwned')).toBe(false);
  });

  it('speaks English with the English voice', async () => {
    process.env.PATH = bin;
    ok(desk.core.call('speech.say', { text: 'Lent until 10 Dec 2026', language: 'en' }));
    expect((JSON.parse(await waitForFile(record)) as string[]).slice(0, 2)).toEqual(['-v', 'en']);
  });

  it('stays silent without espeak-ng, and refuses empty or unknown input with nothing spawned', () => {
    process.env.PATH = path.join(bin, 'empty');
    expect(ok(desk.core.call('speech.status', {}))).toEqual({ espeak: { available: false, path: null } });
    expect(ok(desk.core.call('speech.say', { text: 'Xin chào', language: 'vi' }))).toEqual({ engine: 'none' });
    process.env.PATH = bin;
    expect(refused(desk.core.call('speech.say', { text: '   ', language: 'vi' })).code).toBe('VALIDATION');
    expect(refused(desk.core.call('speech.say', { text: 'x', language: 'fr' })).code).toBe('VALIDATION');
    expect(refused(desk.core.call('speech.say', { text: 'x', language: 'vi', voice: 'en' })).code).toBe('VALIDATION');
    expect(existsSync(record)).toBe(false);
  });

  it('a file that is not executable is not espeak-ng', () => {
    const plain = path.join(bin, 'plain');
    writeFileSync(path.join(bin, 'espeak-ng-plain'), '');
    expect(findOnPath('espeak-ng-plain', bin)).toBeNull();
    expect(findOnPath('espeak-ng', `${plain}${path.delimiter}${bin}`)).toBe(path.join(bin, 'espeak-ng'));
  });

  const real = findOnPath('espeak-ng', realPath);
  it.skipIf(!real)(
    'the real espeak-ng writes Vietnamese speech to a WAV file (reason: runs only where espeak-ng is installed)',
    () => {
      const wav = path.join(bin, 'xin-chao.wav');
      const run = spawnSync(real!, espeakArguments('Xin chào. Hạn trả ngày mười tháng mười hai.', 'vi', wav), {
        timeout: 20_000,
      });
      expect(run.status, run.stderr?.toString()).toBe(0);
      expect(statSync(wav).size).toBeGreaterThan(1_000);
      expect(readFileSync(wav).subarray(0, 4).toString('latin1')).toBe('RIFF');
    },
  );
});

describe('the reader display', () => {
  let desk: TempDesk;
  beforeEach(() => {
    desk = tempDesk();
  });
  afterEach(() => desk.dispose());

  const state: DisplayState = {
    reader: { name: 'Lò Thị Dung', language: 'vi' },
    lines: [
      { kind: 'lent', title: 'Dế Mèn phiêu lưu ký', barcode: '30001000000013', dueOn: '2026-03-24', overdueDays: 0 },
    ],
    message: { code: 'lent', tone: 'success' },
    ended: false,
  };

  it('pushes each state to every display as an event and keeps the last for a display that opens late', () => {
    const events: DeskEvent[] = [];
    const off = desk.core.onEvent((event) => events.push(event));
    expect(ok(desk.core.call('display.current', {}))).toEqual({ state: null });
    expect(ok(desk.core.call('display.show', { state }))).toEqual({ shown: true });
    expect(events).toEqual([{ type: 'display', state }]);
    expect(ok(desk.core.call('display.current', {}))).toEqual({ state });
    // Nothing of it goes to the outbox: a display state is no domain event.
    expect(desk.core.db.prepare('SELECT COUNT(*) AS n FROM outbox').get()).toEqual({ n: 0 });
    off();
  });

  it('forgets a finished transaction and one left for longer than the timeout', () => {
    ok(desk.core.call('display.show', { state: { ...state, ended: true } }));
    expect(ok(desk.core.call('display.current', {}))).toEqual({ state: null });
    ok(desk.core.call('display.show', { state }));
    desk.clock.advanceMs(displayTimeoutMs + 1);
    expect(ok(desk.core.call('display.current', {}))).toEqual({ state: null });
  });

  it('refuses a state with unknown fields or more than one transaction’s worth of lines', () => {
    const events: DeskEvent[] = [];
    const off = desk.core.onEvent((event) => events.push(event));
    expect(refused(desk.core.call('display.show', { state: { ...state, phone: '0912' } })).code).toBe('VALIDATION');
    const many = Array.from({ length: 51 }, (_, i) => ({ ...state.lines[0]!, barcode: String(i) }));
    expect(refused(desk.core.call('display.show', { state: { ...state, lines: many } })).code).toBe('VALIDATION');
    expect(
      refused(desk.core.call('display.show', { state: { ...state, reader: { name: 'A', language: 'VI' } } })).code,
    ).toBe('VALIDATION');
    expect(events).toEqual([]);
    off();
  });
});
