import type { FoundScanner } from '../../shared/contract/devices';
import type { DeskEvent } from '../../shared/events';

/**
 * What the hardware said last: the last scan (for the devices screen's
 * "scan to test") and each scanner's state (for the status bar). A tiny store
 * outside React, fed by the App's one subscription to the desk's events.
 */
export type ScanEvent = Extract<DeskEvent, { type: 'scan' }> & { at: number };
export type DeviceEvent = Extract<DeskEvent, { type: 'device' }>;

export interface DeviceState {
  lastScan: ScanEvent | null;
  /** The latest state of each device by name, in the order they were first heard of. */
  devices: DeviceEvent[];
}

let state: DeviceState = { lastScan: null, devices: [] };
const listeners = new Set<() => void>();

export function subscribeDevices(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function deviceState(): DeviceState {
  return state;
}

export function recordDeviceEvent(event: DeskEvent): void {
  if (event.type === 'scan') {
    state = { ...state, lastScan: { ...event, at: Date.now() } };
  } else if (event.type === 'device') {
    const known = state.devices.some((d) => d.device === event.device);
    const devices = known
      ? state.devices.map((d) => (d.device === event.device ? event : d))
      : [...state.devices, event];
    state = { ...state, devices };
  } else {
    return;
  }
  for (const listener of listeners) listener();
}

/**
 * The configured scanners' state as the desk has it now (devices.list), for a page that
 * opened after their last event; a device already heard of keeps what its events said.
 */
export function seedDeviceStates(scanners: readonly FoundScanner[]): void {
  const unknown = scanners.filter((s) => s.configured && !state.devices.some((d) => d.device === s.id));
  if (unknown.length === 0) return;
  const seeded: DeviceEvent[] = unknown.map((s) => ({
    type: 'device',
    device: s.id,
    status: s.connected ? 'connected' : 'disconnected',
  }));
  state = { ...state, devices: [...state.devices, ...seeded] };
  for (const listener of listeners) listener();
}
