import type { SyncStatus } from '../../shared/contract/sync';
import type { DeskEvent } from '../../shared/events';

/**
 * The sync worker's state as last heard: from the 'sync' events the App's one
 * subscription passes on, or from sync.status when a screen asks. A tiny store
 * outside React, read by the status bar and the sync screen.
 */
let state: SyncStatus | null = null;
const listeners = new Set<() => void>();

export function subscribeSync(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function syncState(): SyncStatus | null {
  return state;
}

export function setSyncState(next: SyncStatus): void {
  state = next;
  for (const listener of listeners) listener();
}

export function recordSyncEvent(event: DeskEvent): void {
  if (event.type === 'sync') setSyncState(event.status);
}

/** The latest of the last push and the last pull: "last sync". */
export function lastSyncAt(status: SyncStatus): string | null {
  const times = [status.lastPushAt, status.lastPullAt].filter((t): t is string => t !== null);
  if (times.length === 0) return null;
  return times.reduce((a, b) => (new Date(a).getTime() >= new Date(b).getTime() ? a : b));
}
