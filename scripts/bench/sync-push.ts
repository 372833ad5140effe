import os from 'node:os';
import type { HubDb } from '../../hub/src/db/adapter';
import { openHubDb } from '../../hub/src/db/open';
import { busyDesk } from '../../tests/helpers/desk-events';
import { dropSchema, newSchemaName } from '../../tests/helpers/hub-db';
import { libraryWithDesks, startHub } from '../../tests/helpers/hub-server';
import { pushAll } from '../../tests/helpers/push-client';
import { round } from './stats';
import type { Figure } from './types';

interface Target {
  name: string;
  open(): Promise<{ db: HubDb; dispose(): Promise<void> }>;
}

/** PGlite (in memory) always; the PostgreSQL server too when DATABASE_URL is set. */
function targets(): Target[] {
  const list: Target[] = [
    {
      name: 'PGlite',
      async open() {
        const db = await openHubDb({ dataDir: null });
        return { db, dispose: () => db.close() };
      },
    },
  ];
  const url = process.env.DATABASE_URL;
  if (url)
    list.push({
      name: 'PostgreSQL',
      async open() {
        const schema = newSchemaName();
        const db = await openHubDb({ databaseUrl: url, schema, dataDir: null });
        return {
          db,
          async dispose() {
            await db.close();
            await dropSchema(url, schema);
          },
        };
      },
    });
  return list;
}

/**
 * `desks` desks each pushing `perDesk` events of ordinary desk work (catalogue,
 * registrations, then checkouts, returns, renewals) over loopback HTTP to a
 * hub on `target`, all at once, in batches of 2,000. Seconds from the first
 * request to the last acknowledgement.
 */
async function pushRun(target: Target, desks: number, perDesk: number, log: (line: string) => void): Promise<number> {
  const { db, dispose } = await target.open();
  const hub = await startHub(db);
  try {
    const ids = Array.from({ length: desks }, (_, i) => `bench-${i + 1}`);
    const enrolled = (await libraryWithDesks(db, hub.url, 'Bench', ids)).desks;
    const sims = ids.map((id, i) => busyDesk(id, perDesk, 1000 + i));
    const started = performance.now();
    const cpu = process.cpuUsage();
    const reports = await Promise.all(
      enrolled.map((d, i) =>
        pushAll({
          url: hub.url,
          deviceId: d.deviceId,
          token: d.token,
          events: sims[i]!.events,
          batchSize: 2000,
          timeoutMs: 300_000,
        }),
      ),
    );
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    log(
      `${target.name}: ${round(seconds, 1)} s wall, ${round((used.user + used.system) / 1e6, 1)} s CPU in this process ` +
        `(hub + desks${target.name === 'PGlite' ? ' + the database' : ''}; load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores)`,
    );
    const stored = reports.reduce((sum, r) => sum + r.storedThrough, 0);
    if (stored !== desks * perDesk) throw new Error(`stored ${stored} of ${desks * perDesk}`);
    return seconds;
  } finally {
    await hub.close();
    await dispose();
  }
}

/** 100,000 events from one desk to the hub on loopback; the slower database is the figure. */
export const syncPush100kS: Figure = {
  name: 'sync_push_100k_s',
  unit: 's',
  target: '≤ 20',
  meets: (value) => value <= 20,
  async run(log) {
    const details: string[] = [];
    let worst = 0;
    for (const target of targets()) {
      log(`${target.name}: pushing 100,000 events …`);
      const seconds = await pushRun(target, 1, 100_000, log);
      details.push(`${target.name}: ${round(seconds, 1)} s (${Math.round(100_000 / seconds)} events/s)`);
      worst = Math.max(worst, seconds);
    }
    if (!process.env.DATABASE_URL) details.push('PostgreSQL server: not measured (DATABASE_URL is not set)');
    return { value: round(worst, 1), details };
  },
};

/** Sustained ingest: 10 desks × 10,000 events at once; the slower database is the figure. */
export const hubIngestEventsPerS: Figure = {
  name: 'hub_ingest_events_per_s',
  unit: 'events/s',
  target: '≥ 5000',
  meets: (value) => value >= 5000,
  async run(log) {
    const details: string[] = [];
    let worst = Number.POSITIVE_INFINITY;
    for (const target of targets()) {
      log(`${target.name}: 10 desks × 10,000 events at once …`);
      const seconds = await pushRun(target, 10, 10_000, log);
      const rate = 100_000 / seconds;
      details.push(`${target.name}: ${Math.round(rate)} events/s (${round(seconds, 1)} s for 100,000)`);
      worst = Math.min(worst, rate);
    }
    if (!process.env.DATABASE_URL) details.push('PostgreSQL server: not measured (DATABASE_URL is not set)');
    return { value: Math.round(worst), details };
  },
};
