import { intervalMs, type PollInterval, type ScannerDriver, type ScannerSink } from './types';

/**
 * What every scanner driver does around its device: look for it now and then every
 * `pollMs` (or at once when a hot-plug event says so), and tell the sink when it comes
 * and goes, once per change. A driver says how to look (`poll`) and how to let go
 * (`release`).
 */
export abstract class PolledDriver implements ScannerDriver {
  abstract readonly id: string;
  protected stopped = true;
  private timer: NodeJS.Timeout | undefined;
  private state: 'unknown' | 'connected' | 'disconnected' = 'unknown';

  protected constructor(
    protected readonly sink: ScannerSink,
    private readonly pollMs: PollInterval,
  ) {}

  /** Look for the device once: open it when it has come, notice when it has gone. */
  protected abstract poll(): void;
  /** Close the device, if open, without telling anyone. */
  protected abstract release(): Promise<void> | void;

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.poll();
    this.schedule();
  }

  rescan(): void {
    if (this.stopped) return;
    // Look now, and wait the current interval from here (it may have changed).
    if (this.timer) clearTimeout(this.timer);
    this.poll();
    this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.release();
  }

  protected setState(state: 'connected' | 'disconnected', message?: string): void {
    if (this.state === state) return;
    this.state = state;
    this.sink.status(state, message);
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.poll();
      this.schedule();
    }, intervalMs(this.pollMs));
    this.timer.unref?.();
  }
}
