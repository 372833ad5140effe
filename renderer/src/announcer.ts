import { flushSync } from 'react-dom';
import { playCue, type Cue } from './sounds';
import { speakAnnouncement } from './speech';

/**
 * The outcome of the latest action, shown and spoken through the live regions.
 * A tiny store outside React state, so an announcement renders at once
 * (flushSync on the one small component that shows it) instead of waiting
 * for the rest of the screen to re-render.
 */
export interface Announcement {
  tone: Cue;
  /** Errors and warnings that need action go to role="alert"; the rest to role="status". */
  assertive: boolean;
  text: string;
}

const idle: Announcement = { tone: 'success', assertive: false, text: '' };
let current: Announcement = idle;
const listeners = new Set<() => void>();

export function subscribeAnnouncements(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function currentAnnouncement(): Announcement {
  return current;
}

const NBSP = '\u00a0';

export function announce(tone: Cue, text: string, assertive = tone === 'error'): void {
  // A screen reader says nothing when a live region's text does not change,
  // so the same message twice in a row (the same wrong card scanned again)
  // alternates a trailing no-break space.
  let shown = text;
  if (current.assertive === assertive && current.text.replace(/\u00a0$/u, '') === text) {
    shown = current.text.endsWith(NBSP) ? text : `${text}${NBSP}`;
  }
  current = { tone, assertive, text: shown };
  flushSync(() => {
    for (const listener of listeners) listener();
  });
  playCue(tone);
  speakAnnouncement(text);
}

export function clearAnnouncement(): void {
  current = idle;
  for (const listener of listeners) listener();
}
