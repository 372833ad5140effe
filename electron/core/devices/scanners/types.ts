/** What a scanner driver tells the device manager. */
export interface ScannerSink {
  scan(code: string, details?: { symbology?: string; aim?: string }): void;
  status(status: 'connected' | 'disconnected' | 'error', message?: string): void;
}

export interface ScannerDriver {
  /** The name used in 'scan' and 'device' events ("serial:/dev/ttyACM0", "hid:0c2e:0b87:…"). */
  readonly id: string;
  start(): void;
  stop(): Promise<void>;
}
