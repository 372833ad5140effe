import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';

/** A pty pair through socat: the scanner opens `a`, the test "scans" by writing to `b`. */
export interface PtyPair {
  a: string;
  b: string;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();

export async function waitFor(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function startPtyPair(dir: string): Promise<PtyPair> {
  const a = path.join(dir, 'A');
  const b = path.join(dir, 'B');
  // Its own process group, so that stopping it stops everything it started.
  const child = spawn('socat', [`pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], {
    detached: true,
    stdio: 'ignore',
  });
  running.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (!running.has(child)) return;
    running.delete(child);
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
    await exited;
    // socat removes its links on a clean exit; make sure, as a yanked cable would.
    rmSync(a, { force: true });
    rmSync(b, { force: true });
  };
  await waitFor(() => existsSync(a) && existsSync(b), 5000, 'socat links');
  return { a, b, stop };
}

/** For afterEach: whatever a failed test left running. */
export function killAllPtyPairs(): void {
  for (const child of running) {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  running.clear();
}
