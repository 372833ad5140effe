/**
 * Keyboard-wedge scanner detection, pure: no DOM, no timers. Feed it every keydown
 * ({ code, key, timeStamp }) and it tells a scanner burst from a person typing.
 *
 * - Timing: scanners send a character every 1–20 ms, people seldom type faster than
 *   30 ms between keys. Characters closer than `maxGapMs` form a burst.
 * - Characters come from `KeyboardEvent.code` (the physical key), never from `key`:
 *   a Vietnamese input method (Unikey/EVKey, Telex or VNI) rewrites `key` — "dd"
 *   becomes "đ", digits become tone marks, or `key` is "Process" during composition —
 *   but the scanner pressed Digit3 or KeyD all the same.
 * - A burst is a scan when it ends with the terminator (Enter or Tab), starts with the
 *   configured prefix, and is at least `minLength` characters long (prefix excluded).
 *
 * Verdicts, so that a scan never lands in the wrong field:
 * - `pass`: let the key through to whatever has focus.
 * - `hold`: the key belongs to a burst already recognised: swallow it (preventDefault).
 * - `scan`: the terminator of a scan: swallow it and deliver `code`; the first `leaked`
 *   characters of the burst went through before it was recognised and should be taken
 *   back out of the field they landed in.
 * - Any verdict may carry `release`: characters that were held for a burst which turned
 *   out not to be a scan (a pause, too short, wrong prefix): give them back to the field.
 */

export interface WedgeKey {
  /** KeyboardEvent.code: the physical key ("Digit3", "KeyD", "Numpad0", "Enter"). */
  code: string;
  /** KeyboardEvent.key: what the layout / input method made of it (may be wrong under an IME). */
  key: string;
  /** KeyboardEvent.timeStamp in milliseconds. */
  timeStamp: number;
  shiftKey?: boolean;
}

export interface WedgeOptions {
  /** The key the scanner sends after the code. */
  terminator: 'Enter' | 'Tab';
  /** Characters the scanner is configured to send before every code; not part of the code. */
  prefix: string;
  /** Fewest characters (prefix excluded) a scan may have. */
  minLength: number;
  /** Largest gap between two characters of one burst. */
  maxGapMs: number;
  /** Largest gap between the last character and the terminator (some scanners pause before the suffix). */
  maxTerminatorGapMs: number;
  /** After this many characters in a burst the next ones are held back from the focused field. */
  holdAfter: number;
}

export const defaultWedgeOptions: WedgeOptions = {
  terminator: 'Enter',
  prefix: '',
  minLength: 4,
  maxGapMs: 25,
  maxTerminatorGapMs: 60,
  holdAfter: 3,
};

export type WedgeVerdict =
  | { action: 'pass'; release?: string }
  | { action: 'hold'; release?: string }
  | { action: 'scan'; code: string; leaked: number; release?: string };

const punctuation: Record<string, string> = {
  Minus: '-',
  Period: '.',
  Slash: '/',
  NumpadSubtract: '-',
  NumpadDecimal: '.',
  NumpadDivide: '/',
  NumpadAdd: '+',
  NumpadMultiply: '*',
};

/** Keys that neither add a character nor break a burst (a scanner presses Shift for capitals). */
const neutralCodes = new Set(['ShiftLeft', 'ShiftRight', 'CapsLock']);

/**
 * A key event with no physical key but a character: what an input method sends when it
 * types a composed letter ("ệ" from Unikey's VK_PACKET). No scanner sends one, so it ends a
 * burst; one without a character either (a bare modifier some systems report) is neutral.
 */
function isNeutral(event: WedgeKey): boolean {
  return neutralCodes.has(event.code) || (event.code === '' && [...event.key].length !== 1);
}

/** The character a physical key stands for, whatever the input method did to `key`. */
export function characterOf(event: WedgeKey): string | undefined {
  const { code, key } = event;
  let match = /^(?:Digit|Numpad)([0-9])$/.exec(code);
  if (match) return match[1];
  match = /^Key([A-Z])$/.exec(code);
  if (match) {
    const upper = match[1]!;
    // The layout's own letter keeps its case; an IME's rewrite ("đ", "ă", "Process") does not tell it.
    if (key.length === 1 && key.toUpperCase() === upper) return key;
    return event.shiftKey ? upper : upper.toLowerCase();
  }
  return punctuation[code];
}

function isTerminator(code: string, terminator: WedgeOptions['terminator']): boolean {
  return terminator === 'Enter' ? code === 'Enter' || code === 'NumpadEnter' : code === 'Tab';
}

export class WedgeDetector {
  readonly options: WedgeOptions;
  private chars: string[] = [];
  private lastAt = -Infinity;
  /** How many characters of the current burst were let through before it was recognised. */
  private passed = 0;

  constructor(options: Partial<WedgeOptions> = {}) {
    this.options = { ...defaultWedgeOptions, ...options };
  }

  /** The characters of the burst in progress (for tests and diagnostics). */
  get pending(): string {
    return this.chars.join('');
  }

  feed(event: WedgeKey): WedgeVerdict {
    const { code, timeStamp } = event;
    if (isNeutral(event)) return { action: this.holding() ? 'hold' : 'pass' };
    const gap = timeStamp - this.lastAt;

    if (isTerminator(code, this.options.terminator)) {
      const scan = gap <= this.options.maxTerminatorGapMs ? this.asScan() : undefined;
      if (scan !== undefined) {
        const leaked = this.passed;
        this.reset();
        return { action: 'scan', code: scan, leaked };
      }
      return withRelease({ action: 'pass' }, this.abandon());
    }

    const char = characterOf(event);
    if (char === undefined) return withRelease({ action: 'pass' }, this.abandon());

    let release: string | undefined;
    if (this.chars.length > 0 && gap > this.options.maxGapMs) release = this.abandon();
    this.chars.push(char);
    this.lastAt = timeStamp;
    if (this.chars.length > this.options.holdAfter) return withRelease({ action: 'hold' }, release);
    this.passed = this.chars.length;
    return withRelease({ action: 'pass' }, release);
  }

  /**
   * Time passes without keys (call it from a timer): a held burst that went quiet for
   * longer than a scanner would is not a scan; its characters are given back.
   */
  tick(timeStamp: number): string | undefined {
    if (this.chars.length === 0 || timeStamp - this.lastAt <= this.options.maxTerminatorGapMs) return undefined;
    return this.abandon();
  }

  /**
   * Text arrived without a key this detector saw (an input method, a paste, a test driver
   * typing a character no key makes): the burst in progress was typing. Answers the held
   * characters, to be put in before that text so that nothing changes order.
   */
  interrupt(): string | undefined {
    return this.abandon();
  }

  reset(): void {
    this.chars = [];
    this.lastAt = -Infinity;
    this.passed = 0;
  }

  private holding(): boolean {
    return this.chars.length > this.options.holdAfter;
  }

  private asScan(): string | undefined {
    const text = this.chars.join('');
    const { prefix, minLength } = this.options;
    if (!text.startsWith(prefix)) return undefined;
    const code = text.slice(prefix.length);
    return code.length >= minLength && code.length > 0 ? code : undefined;
  }

  /** Drop the burst in progress; answers the characters that were held back, if any. */
  private abandon(): string | undefined {
    const held = this.chars.slice(this.passed).join('');
    this.reset();
    return held === '' ? undefined : held;
  }
}

function withRelease<V extends WedgeVerdict>(verdict: V, release: string | undefined): V {
  return release === undefined ? verdict : { ...verdict, release };
}
