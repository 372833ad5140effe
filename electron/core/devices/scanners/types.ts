/** What a scanner driver tells the device manager. */
export interface ScannerSink {
  scan(code: string, details?: { symbology?: string; aim?: string }): void;
  status(status: 'connected' | 'disconnected' | 'error', message?: string): void;
}

export interface ScannerDriver {
  /** The name used in 'scan' and 'device' events ("serial:/dev/ttyACM0", "hid:0c2e:0b87:…"). */
  readonly id: string;
  start(): void;
  /** Look for the device now (a hot-plug event came), instead of at the next poll. */
  rescan(): void;
  stop(): Promise<void>;
}

/** How long a driver waits between looks for its device: read before every wait, so it can change. */
export type PollInterval = number | (() => number);

export const intervalMs = (interval: PollInterval): number => (typeof interval === 'number' ? interval : interval());
