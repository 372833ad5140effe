import { useEffect, useRef, type RefObject } from 'react';
import { modalOpen } from '../use-shortcut';
import { WedgeDetector, type WedgeOptions } from './wedge';

type TextField = HTMLInputElement | HTMLTextAreaElement;

function textField(element: Element | null): TextField | null {
  if (element instanceof HTMLTextAreaElement) return element;
  if (element instanceof HTMLInputElement && ['text', 'search', 'tel', 'email', 'url', ''].includes(element.type))
    return element;
  return null;
}

/** True while `insertText` types: the input events it causes are the detector's own. */
let inserting = false;

/** Type text where the caret is, as the keyboard would (so React sees the change). */
function insertText(field: TextField | null, text: string): void {
  if (!field) return;
  field.focus();
  inserting = true;
  try {
    // execCommand fires the input event React listens to; setRangeText is the fallback.
    if (!document.execCommand('insertText', false, text)) {
      const at = field.selectionStart ?? field.value.length;
      field.setRangeText(text, at, field.selectionEnd ?? at, 'end');
      field.dispatchEvent(new Event('input', { bubbles: true }));
    }
  } finally {
    inserting = false;
  }
}

/** Take back the `count` characters a burst typed just before the caret, before it was recognised. */
function removeLeaked(field: TextField | null, count: number): void {
  if (!field || count === 0) return;
  const end = field.selectionStart ?? field.value.length;
  const start = Math.max(0, end - count);
  field.focus();
  field.setSelectionRange(start, end);
  if (!document.execCommand('delete')) {
    field.setRangeText('', start, end, 'end');
    field.dispatchEvent(new Event('input', { bubbles: true }));
  }
}

/**
 * Keyboard-wedge scans, wherever the focus is: a burst (see wedge.ts) is held back from
 * the focused field and handed to `onScan` whole, read from the physical keys so that an
 * active Vietnamese input method cannot garble it. Typing by hand passes through untouched.
 */
export function useWedge(
  onScan: (code: string) => void,
  scanBox: RefObject<HTMLInputElement | null>,
  options: Partial<WedgeOptions> = {},
): void {
  const latest = useRef(onScan);
  useEffect(() => {
    latest.current = onScan;
  });
  const { terminator, prefix, minLength, maxGapMs, maxTerminatorGapMs, holdAfter } = options;

  useEffect(() => {
    const detector = new WedgeDetector(
      Object.fromEntries(
        Object.entries({ terminator, prefix, minLength, maxGapMs, maxTerminatorGapMs, holdAfter }).filter(
          ([, v]) => v !== undefined,
        ),
      ),
    );
    let quiet: ReturnType<typeof setTimeout> | undefined;
    let heldIn: TextField | null = null;
    /** A key let through that types a character: the next text input is that key's, not foreign. */
    let keyTypes = false;

    const onKeyDown = (event: KeyboardEvent) => {
      keyTypes = false;
      if (event.altKey || event.ctrlKey || event.metaKey || event.repeat || modalOpen()) {
        detector.reset();
        return;
      }
      const field = textField(document.activeElement);
      const verdict = detector.feed({
        code: event.code,
        key: event.key,
        timeStamp: event.timeStamp,
        shiftKey: event.shiftKey,
      });
      if (verdict.release) insertText(heldIn, verdict.release);
      clearTimeout(quiet);
      if (verdict.action === 'pass') {
        heldIn = null;
        keyTypes = [...event.key].length === 1;
        return;
      }
      event.preventDefault();
      event.stopPropagation();
      if (verdict.action === 'hold') {
        heldIn = field;
        // A burst that stops without its terminator was typing after all: give the keys back.
        quiet = setTimeout(() => {
          const back = detector.tick(performance.now());
          if (back) insertText(heldIn, back);
          heldIn = null;
        }, detector.options.maxTerminatorGapMs + 10);
        return;
      }
      heldIn = null;
      const box = scanBox.current;
      let code = verdict.code;
      if (field && field === box) {
        // In the scan box, whatever was typed there before the burst is part of the same code
        // (hand-typed, or the scanner's first keys came slower); the burst's leaked keys are not.
        code = box.value.slice(0, Math.max(0, box.value.length - verdict.leaked)).trim() + code;
        box.value = '';
      } else removeLeaked(field, verdict.leaked);
      latest.current(code);
      box?.focus();
    };
    // Text that comes without a key (an input method's composed letter, a paste): the keys held
    // so far were typing. They go in first, then that text, so that nothing changes order.
    const onBeforeInput = (event: InputEvent) => {
      if (inserting || event.inputType !== 'insertText') return;
      if (keyTypes) {
        keyTypes = false;
        return;
      }
      const back = detector.interrupt();
      if (!back) return;
      clearTimeout(quiet);
      event.preventDefault();
      insertText(heldIn ?? textField(document.activeElement), back + (event.data ?? ''));
      heldIn = null;
    };
    window.addEventListener('keydown', onKeyDown, true);
    window.addEventListener('beforeinput', onBeforeInput, true);
    return () => {
      clearTimeout(quiet);
      window.removeEventListener('keydown', onKeyDown, true);
      window.removeEventListener('beforeinput', onBeforeInput, true);
    };
  }, [scanBox, terminator, prefix, minLength, maxGapMs, maxTerminatorGapMs, holdAfter]);
}
