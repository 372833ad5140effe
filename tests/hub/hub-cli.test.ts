import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolResponseSchema, pushResponseSchema } from '../../shared/sync-protocol';
import { SimDesk } from '../helpers/desk-events';
import { databaseUrl, dropSchema, hubTargets, newSchemaName } from '../helpers/hub-db';

const root = path.resolve(import.meta.dirname, '..', '..');

function postHttps(url: string, body: unknown, ca: Buffer, token?: string): Promise<{ status: number; body: unknown }> {
  const text = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const request = https.request(
      url,
      {
        method: 'POST',
        ca,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(text),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString()) as unknown }),
        );
      },
    );
    request.on('error', reject);
    request.end(text);
  });
}

describe.each(hubTargets.map((t) => t.name))('hub command line on %s', (name) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'hub-cli-'));
  const dataDir = path.join(dir, 'data');
  const schema = newSchemaName();
  const env = { ...process.env, ...(name === 'postgres' ? { DATABASE_URL: databaseUrl, HUB_PG_SCHEMA: schema } : {}) };
  if (name === 'pglite') delete env.DATABASE_URL;
  const cli = (...args: string[]) =>
    execFileSync(process.execPath, ['--import', 'tsx', 'hub/src/cli.ts', ...args, '--data-dir', dataDir], {
      cwd: root,
      env,
      encoding: 'utf8',
    });
  let child: ChildProcess | undefined;

  beforeAll(() => {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        path.join(dir, 'key.pem'),
        '-out',
        path.join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
  });
  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    if (name === 'postgres') await dropSchema(databaseUrl!, schema);
  });

  it('creates a library and a desk code, serves https, enrols, counts, revokes', async () => {
    expect(cli('library', 'create', 'Thư viện huyện Tam Đường')).toMatch(/Library "Thư viện huyện Tam Đường" created/u);
    const printed = cli('desk', 'create', 'Thư viện huyện Tam Đường', 'Quầy 1');
    const code = /: ([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})\n/u.exec(printed)?.[1];
    expect(code).toBeDefined();

    child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'hub/src/cli.ts',
        'serve',
        '--port',
        '0',
        '--host',
        '127.0.0.1',
        '--data-dir',
        dataDir,
        '--tls-cert',
        path.join(dir, 'cert.pem'),
        '--tls-key',
        path.join(dir, 'key.pem'),
      ],
      { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      const onData = (chunk: Buffer) => {
        out += chunk.toString();
        const match = /ready at (https:\/\/127\.0\.0\.1:\d+)\//u.exec(out);
        if (match) resolve(match[1]!);
      };
      child!.stdout!.on('data', onData);
      child!.stderr!.on('data', onData);
      child!.on('exit', () => reject(new Error(`hub exited: ${out}`)));
    });
    const ca = readFileSync(path.join(dir, 'cert.pem'));
    const enrolled = enrolResponseSchema.parse(
      (await postHttps(`${url}/v1/enrol`, { code, deviceId: 'cli-desk', deviceName: 'Quầy 1' }, ca)).body,
    );
    expect(enrolled.libraryName).toBe('Thư viện huyện Tam Đường');
    const desk = new SimDesk('cli-desk', Date.parse('2026-03-10T03:00:00Z'));
    desk.register('CLI-1', 'Hà Thị Lan');
    desk.addTitle('Truyện Kiều', ['CLI-B1']);
    desk.checkout('CLI-B1', 'CLI-1');
    desk.giveBack('CLI-B1'); // the same reader the same day: one visit
    const pushed = await postHttps(
      `${url}/v1/push`,
      { deviceId: 'cli-desk', sentAt: new Date().toISOString(), events: desk.events },
      ca,
      enrolled.deviceToken,
    );
    expect(pushResponseSchema.parse(pushed.body).storedThrough).toBe(desk.events.length);
    const exit = new Promise((resolve) => child!.once('exit', resolve));
    child.kill('SIGTERM');
    await exit;

    const stats = cli('stats', 'Thư viện huyện Tam Đường', '--from', '2026-01-01', '--to', '2026-12-31');
    expect(stats).toMatch(/readers registered\s+1\n/u);
    expect(stats).toMatch(/visits\s+1\s+\(readers served, each once a day\)/u);
    expect(stats).toMatch(/loans\s+1\n/u);
    expect(cli('desk', 'revoke', 'cli-desk')).toMatch(/Device cli-desk revoked/u);
  }, 600_000);
});
