import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureBuilt, webEntry } from './build';
import { projectRoot } from './results';
import { fmtMs, median, percentile, round } from './stats';
import type { Figure } from './types';

const RUNS = 10;
const READY = /Library Desk ready at http:\/\/\S+/u;

/**
 * Spawn the browser shell and wait for its ready line. Answers the time from
 * spawn to the line, after the process has been stopped again.
 */
async function startOnce(dataDir: string, demo: boolean, timeoutMs = 60_000): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, [webEntry, '--data-dir', dataDir, '--port', '0', ...(demo ? ['--demo'] : [])], {
    cwd: projectRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  try {
    return await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ready line within ${timeoutMs} ms`)), timeoutMs);
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        output += chunk;
        if (READY.test(output)) {
          clearTimeout(timer);
          resolve(performance.now() - started);
        }
      });
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
        output += chunk;
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the shell exited (code ${code}) before it was ready:\n${output}`));
      });
    });
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(killer);
    }
  }
}

export const coldStartMs: Figure = {
  name: 'cold_start_ms',
  unit: 'ms',
  target: '≤ 1000',
  meets: (value) => value <= 1000,
  async run(log) {
    ensureBuilt(log);
    const dataDir = mkdtempSync(path.join(tmpdir(), 'desk-bench-cold-'));
    try {
      const prepared = await startOnce(dataDir, true);
      log(`demo data folder prepared in ${fmtMs(prepared)} (first start, with --demo)`);
      const samples: number[] = [];
      for (let i = 0; i < RUNS; i += 1) samples.push(await startOnce(dataDir, false));
      const p50 = median(samples);
      return {
        value: round(p50, 1),
        details: [
          `${RUNS} starts, spawn → ready line: p50 ${fmtMs(p50)}, min ${fmtMs(Math.min(...samples))}, ` +
            `p90 ${fmtMs(percentile(samples, 90))}, max ${fmtMs(Math.max(...samples))}`,
        ],
      };
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
