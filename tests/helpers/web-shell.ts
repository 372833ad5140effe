import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, statSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

export const projectRoot = path.resolve(import.meta.dirname, '..', '..');
export const webEntry = path.join(projectRoot, 'out', 'main', 'web.js');
export const readyLine = /^Library Desk ready at http:\/\/127\.0\.0\.1:(\d+)\/$/mu;

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

function needsBuild(): boolean {
  if (!existsSync(webEntry) || !existsSync(path.join(projectRoot, 'out', 'renderer', 'index.html'))) return true;
  const built = statSync(webEntry).mtimeMs;
  const sources = ['electron/core', 'electron/web', 'shared'].map((d) => newestSource(path.join(projectRoot, d)));
  return Math.max(...sources) > built;
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Build out/main/web.js when it is missing or older than the core, the shell or
 * the contract. Test files run in parallel: a lock folder lets one build at a time.
 */
export function ensureBuilt(): void {
  if (!needsBuild()) return;
  const lock = path.join(os.tmpdir(), `library-desk-build-${Buffer.from(projectRoot).toString('hex').slice(-24)}.lock`);
  const deadline = Date.now() + 300_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`build lock ${lock} held for too long`);
      // A lock left by a killed run is older than any build takes.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 240_000) rmdirSync(lock);
      sleep(200);
    }
  }
  try {
    if (needsBuild())
      execFileSync(path.join(projectRoot, 'node_modules', '.bin', 'electron-vite'), ['build'], {
        cwd: projectRoot,
        stdio: 'pipe',
        timeout: 280_000,
      });
  } finally {
    rmdirSync(lock);
  }
}

export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json: () => unknown;
}

export interface RequestOptions {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  agent?: http.Agent;
}

/** A plain node:http request, so that tests can send any Host header they like. */
export function request(port: number, options: RequestOptions): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: { Host: `127.0.0.1:${port}`, ...options.headers },
        agent: options.agent,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) as unknown });
        });
        res.on('error', reject);
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) => {
      // A server that refuses a large body answers before reading it all and closes: the write can then
      // fail with EPIPE/ECONNRESET while the answer is still arriving. Give the answer a moment to win.
      if (error.code === 'EPIPE' || error.code === 'ECONNRESET') setTimeout(() => reject(error), 1000);
      else reject(error);
    });
    req.end(options.body);
  });
}

export interface WebShell {
  process: ChildProcess;
  port: number;
  baseUrl: string;
  token: string;
  dataDir: string;
  tokenFile: string;
  /** POST /api/<channel> with the token and a JSON body. */
  post: (channel: string, input: unknown, agent?: http.Agent) => Promise<HttpAnswer>;
  /** SIGTERM, then the exit code. */
  stop: () => Promise<number | null>;
  /** SIGKILL, then wait for the process to be gone. */
  kill: () => Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stdout: () => string;
  stderr: () => string;
}

/** Start `node out/main/web.js --data-dir DIR --port 0` and wait for its ready line. */
export async function startWebShell(dataDir: string, extraArgs: string[] = []): Promise<WebShell> {
  const child = spawn(process.execPath, [webEntry, '--data-dir', dataDir, '--port', '0', ...extraArgs], {
    cwd: projectRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d: string) => {
    stderr += d;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web shell not ready after 30 s: ${stdout} ${stderr}`)), 30_000);
    child.stdout.on('data', (d: string) => {
      stdout += d;
      const match = readyLine.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`web shell exited (${code ?? signal}) before it was ready: ${stderr}`));
    });
  });
  const tokenFile = path.join(dataDir, 'desk.token');
  const token = readFileSync(tokenFile, 'utf8').trim();
  const post = (channel: string, input: unknown, agent?: http.Agent) =>
    request(port, {
      method: 'POST',
      path: `/api/${channel}`,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(input),
      agent,
    });
  return {
    process: child,
    port,
    baseUrl: `http://127.0.0.1:${port}/`,
    token,
    dataDir,
    tokenFile,
    post,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return (await exited).code;
    },
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    exited,
    stdout: () => stdout,
    stderr: () => stderr,
  };
}
