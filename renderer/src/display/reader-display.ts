import type { DeskApi } from '../../../shared/contract';
import type { DisplayLine, DisplayMessageCode, DisplayState } from '../../../shared/display';
import type { Cue } from '../sounds';

/** How long the display thanks the reader after a transaction ends before it goes blank. */
export const endedClearMs = 8_000;
/** How long the display keeps a transaction nobody touches (matches the core's display.current). */
export const idleClearMs = 120_000;

/**
 * The reader's chosen language from a reader record, when the record has one
 * (`preferredLanguage`: 'vi' | 'en' | null, added with the reader services);
 * null otherwise, and the display uses the desk's language.
 */
export function preferredLanguageOf(...records: unknown[]): string | null {
  for (const record of records) {
    if (typeof record !== 'object' || record === null) continue;
    const value = (record as { preferredLanguage?: unknown }).preferredLanguage;
    if (typeof value === 'string' && /^[a-z]{2,3}$/u.test(value)) return value;
  }
  return null;
}

export interface ReaderOnDisplay {
  /** Card number: a return by another reader starts a new display, never adds to this one. */
  card: string;
  name: string;
  language: string | null;
}

/**
 * What the checkout and return screens tell the reader display. It holds one
 * reader's transaction only: a new reader replaces it, the end clears it.
 * Publications go out one after another, so the display never sees them out of order.
 */
export class DisplayPublisher {
  private card: string | null = null;
  private state: DisplayState | null = null;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(private readonly api: DeskApi) {}

  private publish(state: DisplayState | null): void {
    this.state = state;
    this.chain = this.chain.then(() => this.api.display.show({ state })).catch(() => undefined);
  }

  /** A reader at the desk: their name and a first message (welcome, or why their card cannot borrow). */
  reader(reader: ReaderOnDisplay, code: DisplayMessageCode = 'welcome', tone: Cue = 'success'): void {
    this.card = reader.card;
    this.publish({
      reader: { name: reader.name, language: reader.language },
      lines: [],
      message: { code, tone },
      ended: false,
    });
  }

  /** The reader of a returned item: the same as on show, or a new transaction. */
  ensureReader(reader: ReaderOnDisplay): void {
    if (this.card !== reader.card || !this.state || this.state.ended) this.reader(reader, 'returned');
  }

  /** A line for the current reader (the same item again replaces its line: a renewal moves its due date). */
  line(line: DisplayLine, code: DisplayMessageCode, tone: Cue = 'success'): void {
    if (!this.state) return;
    const lines = [...this.state.lines.filter((l) => l.barcode !== line.barcode), line].slice(-50);
    this.publish({ ...this.state, lines, message: { code, tone }, ended: false });
  }

  /** Something refused for the current reader (said in words by the librarian; the display only says to ask). */
  message(code: DisplayMessageCode, tone: Cue): void {
    if (!this.state) return;
    this.publish({ ...this.state, message: { code, tone } });
  }

  /** The transaction is over: thanks, then the display clears itself. */
  end(): void {
    if (this.state) this.publish({ ...this.state, message: { code: 'finished', tone: 'success' }, ended: true });
    this.card = null;
    this.state = null;
  }

  /** Leaving the screen: nothing of this reader stays on show. */
  clear(): void {
    if (this.card !== null || this.state !== null) this.publish(null);
    this.card = null;
    this.state = null;
  }
}
