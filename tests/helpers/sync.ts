import type { DeskCore } from '../../electron/core';
import type { SyncEvent } from '../../shared/sync-protocol';
import type { StubHub } from './stub-hub';

/** Append `count` events straight to the outbox (one transaction): what the worker pushes. */
export function appendEvents(core: DeskCore, count: number, type = 'test.event'): void {
  core.db.transaction(() => {
    for (let i = 0; i < count; i += 1) core.outbox.append(type, { n: i }, 'thủ thư');
  })();
}

/** What the hub holds for a desk must be its outbox, 1..N, each event once, the same events. */
export function expectHubHoldsOutbox(
  expect: (value: unknown, message?: string) => { toBe: (v: unknown) => void; toEqual: (v: unknown) => void },
  core: DeskCore,
  hub: StubHub,
): void {
  const outbox = core.outbox.read(0, 1_000_000);
  const held: SyncEvent[] = hub.stored.get(core.deviceId) ?? [];
  expect(held.length, 'events at the hub').toBe(outbox.length);
  expect(held.map((e) => e.deviceSeq)).toEqual(outbox.map((e) => e.deviceSeq));
  expect(held.map((e) => e.eventId)).toEqual(outbox.map((e) => e.eventId));
  const doubled = [...hub.storeCount.entries()].filter(([key, n]) => key.startsWith(`${core.deviceId}#`) && n !== 1);
  expect(doubled, 'events stored twice').toEqual([]);
}
