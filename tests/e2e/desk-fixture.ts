import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test as base } from '@playwright/test';
import type { Channel, ChannelInput, ChannelOutput } from '../../shared/contract';
import type { Result } from '../../shared/result';

const root = path.resolve(import.meta.dirname, '..', '..');
const webEntry = path.join(root, 'out', 'main', 'web.js');

export interface DeskProcess {
  /** The page URL, e.g. http://127.0.0.1:41234/ */
  url: string;
  /** The bearer token of the Local API (from <dataDir>/desk.token). */
  token: string;
  dataDir: string;
  /** Stop the desk (SIGTERM, then SIGKILL after 5 s) and remove a data folder it made. */
  stop(): Promise<void>;
}

export interface StartDeskOptions {
  /** Use this folder; by default a fresh temporary folder, removed on stop(). */
  dataDir?: string;
  /** Load the demo library on first run (`--demo`). */
  demo?: boolean;
  /** How long to wait for the ready line; 15 s by default. */
  timeoutMs?: number;
}

/**
 * Start the browser shell as a child process on a free port and wait for its
 * ready line. Plain Node, no Playwright: the benchmark script uses it too.
 */
export async function startDesk(options: StartDeskOptions = {}): Promise<DeskProcess> {
  const ownDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'library-desk-e2e-'));
  const args = [webEntry, '--data-dir', dataDir, '--port', '0', ...(options.demo ? ['--demo'] : [])];
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(
      () => fail(new Error(`Library Desk did not print its ready line within ${options.timeoutMs ?? 15_000} ms`)),
      options.timeoutMs ?? 15_000,
    );
    function fail(error: Error) {
      clearTimeout(timer);
      child.kill('SIGKILL');
      if (ownDir) rmSync(dataDir, { recursive: true, force: true });
      reject(error);
    }
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const match = /Library Desk ready at (http:\/\/\S+)/u.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) =>
      fail(new Error(`Library Desk exited (code ${code}) before it was ready:\n${stderr || stdout}`)),
    );
  });
  const token = readFileSync(path.join(dataDir, 'desk.token'), 'utf8').trim();

  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(killer);
      }
      if (ownDir) rmSync(dataDir, { recursive: true, force: true });
    })();
    return stopped;
  };
  return { url, token, dataDir, stop };
}

/** Call one channel of the Local API, as an integration would. */
export async function callDesk<C extends Channel>(
  desk: Pick<DeskProcess, 'url' | 'token'>,
  channel: C,
  input: ChannelInput<C>,
): Promise<Result<ChannelOutput<C>>> {
  const response = await fetch(new URL(`/api/${channel}`, desk.url), {
    method: 'POST',
    headers: { Authorization: `Bearer ${desk.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
  return (await response.json()) as Result<ChannelOutput<C>>;
}

/** Like callDesk, but the answer must be ok: for seeding data. */
export async function mustCall<C extends Channel>(
  desk: Pick<DeskProcess, 'url' | 'token'>,
  channel: C,
  input: ChannelInput<C>,
): Promise<ChannelOutput<C>> {
  const result = await callDesk(desk, channel, input);
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
  return result.data;
}

/** Playwright: `desk` is a fresh desk per test; set `deskOptions` with test.use() for demo data. */
export const test = base.extend<{ deskOptions: StartDeskOptions; desk: DeskProcess }>({
  deskOptions: [{}, { option: true }],
  desk: async ({ deskOptions }, use) => {
    const desk = await startDesk(deskOptions);
    try {
      await use(desk);
    } finally {
      await desk.stop();
    }
  },
});

export { expect } from '@playwright/test';
