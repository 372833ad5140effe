import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeskCore } from '../../electron/core';
import { tempDir } from '../helpers/desk';
import { startStubHub, type StubHub } from '../helpers/stub-hub';
import { appendEvents, expectHubHoldsOutbox } from '../helpers/sync';
import { ensureBuilt, startWebShell, type WebShell } from '../helpers/web-shell';

/**
 * The desk killed (SIGKILL) in the middle of pushing, at a point where the hub
 * has stored a batch the desk has not heard about: after a restart the desk
 * resumes from the hub's storedThrough, and in the end the hub holds every
 * outbox event exactly once. Two kills, at different batches.
 */
const EVENTS = 6_000;
const CODE = 'CRASH-TEST-CODE';

let dir: string;
let removeDir: () => void;
let hub: StubHub;
let shell: WebShell | undefined;
let killAtStore = 0;
let stores = 0;

beforeAll(async () => {
  ensureBuilt();
  ({ dir, remove: removeDir } = tempDir('library-desk-sync-crash-'));
  hub = await startStubHub({
    codes: [CODE],
    // Stored, and the desk dies before it hears so: the worst moment for "exactly once".
    afterStore: async () => {
      stores += 1;
      if (stores === killAtStore && shell) {
        const dying = shell;
        dying.process.kill('SIGKILL');
        await dying.exited;
      }
    },
  });
}, 300_000);

afterAll(async () => {
  await shell?.kill();
  await hub?.close();
  removeDir?.();
});

async function data<T>(channel: string, input: unknown): Promise<T> {
  const answer = await shell!.post(channel, input);
  const body = answer.json() as { ok: boolean; data: T; error?: unknown };
  if (!body.ok) throw new Error(`${channel}: ${JSON.stringify(body.error)}`);
  return body.data;
}

describe('sync after a crash', () => {
  it('a desk killed mid-push resumes from the hub’s storedThrough: nothing lost, nothing doubled', async () => {
    const setup = createDeskCore({ dataDir: dir });
    appendEvents(setup, EVENTS);
    const deviceId = setup.deviceId;
    setup.close();

    shell = await startWebShell(dir);
    killAtStore = 3;
    // Enrolment kicks the worker at once; it dies during its third push.
    await data('sync.enrol', { hubUrl: hub.url, code: CODE });
    const first = await shell.exited;
    expect(first.signal).toBe('SIGKILL');
    expect(hub.stored.get(deviceId)).toHaveLength(1_500);

    // Back up; the desk goes on working while it catches up, and dies again two batches later.
    shell = await startWebShell(dir);
    await data('patrons.register', { fullName: 'Lò Thị Mai' });
    killAtStore = stores + 2;
    const second = await shell.exited;
    expect(second.signal).toBe('SIGKILL');

    shell = await startWebShell(dir);
    await expect
      .poll(async () => (await data<{ pending: number }>('sync.status', {})).pending, {
        timeout: 30_000,
        interval: 200,
      })
      .toBe(0);
    const status = await data<{ state: string; ackedThrough: number; lastError: string | null }>('sync.status', {});
    expect(status).toMatchObject({ state: 'online', ackedThrough: EVENTS + 1, lastError: null });
    expect(await shell.stop()).toBe(0);
    shell = undefined;

    const check = createDeskCore({ dataDir: dir });
    try {
      expectHubHoldsOutbox(expect, check, hub);
      // The batches the desk never heard about were sent again and skipped by the hub.
      expect(hub.requests.filter((r) => r.route === '/v1/push').length).toBeGreaterThan(Math.ceil((EVENTS + 1) / 500));
    } finally {
      check.close();
    }
  }, 120_000);
});
