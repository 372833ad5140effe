import { describe, expect, it } from 'vitest';
import { characterOf, WedgeDetector, type WedgeKey, type WedgeVerdict } from '../../renderer/src/scanner/wedge';

/** Key events for `codes`, `gap` ms apart (a number or a function of the index), starting at `start`. */
function keys(pairs: [code: string, key: string][], gap: number | ((i: number) => number), start = 1000): WedgeKey[] {
  let t = start;
  return pairs.map(([code, key], i) => {
    if (i > 0) t += typeof gap === 'number' ? gap : gap(i);
    return { code, key, timeStamp: t };
  });
}

function digits(text: string): [string, string][] {
  return [...text].map((c) => [/\d/.test(c) ? `Digit${c}` : `Key${c.toUpperCase()}`, c]);
}

function feedAll(detector: WedgeDetector, events: WedgeKey[]): WedgeVerdict[] {
  return events.map((e) => detector.feed(e));
}

const enter: [string, string] = ['Enter', 'Enter'];

describe('wedge: characters from KeyboardEvent.code', () => {
  it('reads digits, letters, numpad and punctuation from the physical key', () => {
    expect(characterOf({ code: 'Digit7', key: '7', timeStamp: 0 })).toBe('7');
    expect(characterOf({ code: 'Numpad3', key: '3', timeStamp: 0 })).toBe('3');
    expect(characterOf({ code: 'KeyA', key: 'A', timeStamp: 0 })).toBe('A');
    expect(characterOf({ code: 'KeyB', key: 'b', timeStamp: 0 })).toBe('b');
    expect(characterOf({ code: 'Minus', key: '-', timeStamp: 0 })).toBe('-');
    expect(characterOf({ code: 'Period', key: '.', timeStamp: 0 })).toBe('.');
    expect(characterOf({ code: 'Slash', key: '/', timeStamp: 0 })).toBe('/');
    expect(characterOf({ code: 'F5', key: 'F5', timeStamp: 0 })).toBeUndefined();
  });

  it('ignores what a Vietnamese IME made of the key', () => {
    expect(characterOf({ code: 'KeyD', key: 'đ', timeStamp: 0 })).toBe('d');
    expect(characterOf({ code: 'KeyD', key: 'Đ', timeStamp: 0, shiftKey: true })).toBe('D');
    expect(characterOf({ code: 'Digit8', key: 'ă', timeStamp: 0 })).toBe('8');
    expect(characterOf({ code: 'Digit1', key: '\u0301', timeStamp: 0 })).toBe('1');
    expect(characterOf({ code: 'KeyW', key: 'Process', timeStamp: 0 })).toBe('w');
  });
});

describe('wedge: bursts and typing', () => {
  it('a 5 ms scanner burst ending in Enter is a scan', () => {
    const detector = new WedgeDetector();
    const verdicts = feedAll(detector, keys([...digits('30001000000010'), enter], 5));
    const last = verdicts.at(-1)!;
    expect(last).toEqual({ action: 'scan', code: '30001000000010', leaked: 3 });
    // The first three characters went through before the burst was recognised; the rest were held.
    expect(verdicts.slice(0, 3).every((v) => v.action === 'pass')).toBe(true);
    expect(verdicts.slice(3, -1).every((v) => v.action === 'hold')).toBe(true);
  });

  it('a 5 ms burst under an active Telex/VNI composition still reads the physical keys', () => {
    // Telex turns "dd" into "đ" and "aw" into "ă"; VNI turns digits into tone marks (1 = sắc, 8 = breve).
    const events = keys(
      [
        ['KeyA', 'A'],
        ['Digit2', '2'],
        ['Digit0', '0'],
        ['KeyD', 'd'],
        ['KeyD', 'đ'],
        ['Digit8', 'ă'],
        ['Digit1', '\u0301'],
        ['KeyW', 'ư'],
        ['Digit6', 'Process'],
        ['KeyB', 'B'],
        enter,
      ],
      5,
    );
    const detector = new WedgeDetector();
    const last = feedAll(detector, events).at(-1)!;
    expect(last).toMatchObject({ action: 'scan', code: 'A20dd81w6B' });
  });

  it('a fast typist (35–60 ms per key) is never taken for a scanner', () => {
    const gaps = [35, 42, 60, 38, 51, 36, 44, 58, 40, 37, 45, 39, 55];
    const events = keys([...digits('30001000000010'), enter], (i) => gaps[(i - 1) % gaps.length]!);
    const verdicts = feedAll(new WedgeDetector(), events);
    expect(verdicts.every((v) => v.action === 'pass')).toBe(true);
    expect(verdicts.some((v) => 'release' in v)).toBe(false);
  });

  it('a burst with the configured prefix gives the code without the prefix', () => {
    const detector = new WedgeDetector({ prefix: 'Q-' });
    const events = keys([['KeyQ', 'Q'], ['Minus', '-'], ...digits('20001000000015'), enter], 4);
    expect(feedAll(detector, events).at(-1)).toMatchObject({ action: 'scan', code: '20001000000015' });
  });

  it('a burst without the required prefix is not a scan, and its held characters are given back', () => {
    const detector = new WedgeDetector({ prefix: 'Q-' });
    const last = feedAll(detector, keys([...digits('20001000000015'), enter], 4)).at(-1)!;
    expect(last).toEqual({ action: 'pass', release: '01000000015' });
  });

  it('too short a burst is not a scan', () => {
    const detector = new WedgeDetector({ minLength: 6 });
    const last = feedAll(detector, keys([...digits('12345'), enter], 5)).at(-1)!;
    expect(last.action).toBe('pass');
    expect(last).toEqual({ action: 'pass', release: '45' });
  });

  it('a burst interrupted by a pause is not a scan; the part after the pause starts afresh', () => {
    const detector = new WedgeDetector();
    const first = keys(digits('3000100'), 5, 1000);
    const second = keys([...digits('0000010'), enter], 5, first.at(-1)!.timeStamp + 400);
    const verdicts = feedAll(detector, [...first, ...second]);
    // The first key after the pause gives back what the first half held.
    expect(verdicts[first.length]).toEqual({ action: 'pass', release: '0100' });
    // The second half alone is a burst of 7: a scan of just that, never the whole code.
    expect(verdicts.at(-1)).toMatchObject({ action: 'scan', code: '0000010' });
  });

  it('a burst that goes quiet is given back by tick()', () => {
    const detector = new WedgeDetector();
    const events = keys(digits('300010'), 5, 1000);
    feedAll(detector, events);
    expect(detector.tick(events.at(-1)!.timeStamp + 10)).toBeUndefined();
    expect(detector.tick(events.at(-1)!.timeStamp + 500)).toBe('010');
    expect(detector.pending).toBe('');
  });

  it('Tab as the terminator, and Shift does not break a burst of capitals', () => {
    const detector = new WedgeDetector({ terminator: 'Tab' });
    const events = keys(
      [
        ['ShiftLeft', 'Shift'],
        ['KeyA', 'A'],
        ...digits('2000100000001'),
        ['ShiftLeft', 'Shift'],
        ['KeyB', 'B'],
        ['Tab', 'Tab'],
      ],
      3,
    );
    expect(feedAll(detector, events).at(-1)).toMatchObject({ action: 'scan', code: 'A2000100000001B' });
    // Enter is an ordinary key when Tab terminates.
    expect(feedAll(detector, keys([...digits('123456'), enter], 3)).at(-1)?.action).toBe('pass');
  });
});

describe('wedge: text that comes without a physical key', () => {
  it('a composed letter an input method sends as a key without a code ends the burst, held keys first', () => {
    const detector = new WedgeDetector();
    // "Chuy" typed fast enough to look like a burst: "y" is held; then Unikey's "ệ" (VK_PACKET: no code).
    const verdicts = feedAll(detector, keys([...digits('Chuy'), ['', 'ệ'], ['KeyN', 'n']], 5));
    expect(verdicts.map((v) => v.action)).toEqual(['pass', 'pass', 'pass', 'hold', 'pass', 'pass']);
    // The held "y" is given back before "ệ" goes through: "Chuyện", not "Chuệyn".
    expect(verdicts[4]).toEqual({ action: 'pass', release: 'y' });
    expect(detector.pending).toBe('n');
  });

  it('a bare modifier reported without a code neither adds to nor breaks a burst', () => {
    const detector = new WedgeDetector();
    const verdicts = feedAll(detector, keys([...digits('3000'), ['', 'Shift'], ...digits('1000'), enter], 5));
    expect(verdicts.at(-1)).toEqual({ action: 'scan', code: '30001000', leaked: 3 });
  });

  it('interrupt answers the held keys and starts afresh', () => {
    const detector = new WedgeDetector();
    feedAll(detector, keys(digits('Chuy'), 5));
    expect(detector.interrupt()).toBe('y');
    expect(detector.pending).toBe('');
    expect(detector.interrupt()).toBeUndefined();
  });
});
