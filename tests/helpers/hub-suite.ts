import { afterAll, beforeAll } from 'vitest';
import type { HubDb } from '../../hub/src/db/adapter';
import type { HubTarget, OpenedHubDb } from './hub-db';
import { startHub, type RunningHub } from './hub-server';

/** A hub on `target` for the enclosing describe block: opened and served before its tests, closed after. */
export function hubForSuite(target: HubTarget): { readonly db: HubDb; readonly hub: RunningHub } {
  let opened: OpenedHubDb | undefined;
  let hub: RunningHub | undefined;
  beforeAll(async () => {
    opened = await target.open();
    hub = await startHub(opened.db);
  }, 180_000);
  afterAll(async () => {
    await hub?.close();
    await opened?.dispose();
  });
  return {
    get db() {
      return opened!.db;
    },
    get hub() {
      return hub!;
    },
  };
}
