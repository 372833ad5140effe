import { useSyncExternalStore } from 'react';

/** Screens by URL hash, so a reload stays where it was and no server routes are needed. */
export const screens = [
  'checkout',
  'return',
  'readers',
  'devices',
  'catalog',
  'catalogIo',
  'deliveries',
  'sync',
  'exceptions',
] as const;
export type Screen = (typeof screens)[number];

export function screenHref(screen: Screen): string {
  return `#/${screen}`;
}

function screenFromHash(hash: string): Screen {
  const name = hash.replace(/^#\/?/u, '');
  return (screens as readonly string[]).includes(name) ? (name as Screen) : 'checkout';
}

/*
 * The screen on show, kept here rather than read from the hash alone: `hashchange`
 * arrives as a later task, and a scanner that starts typing right after F3 would
 * send its first keys to the screen being left. A shortcut switches at once (a
 * store update renders synchronously, effects and focus included); links, Back
 * and a typed address arrive through `hashchange`.
 */
let current: Screen = screenFromHash(window.location.hash);
const listeners = new Set<() => void>();

function show(screen: Screen): void {
  if (screen === current) return;
  current = screen;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const onHash = () => show(screenFromHash(window.location.hash));
  window.addEventListener('hashchange', onHash);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('hashchange', onHash);
  };
}

export function useHashRoute(): Screen {
  return useSyncExternalStore(subscribe, () => current);
}

export function goTo(screen: Screen): void {
  show(screen);
  if (window.location.hash !== screenHref(screen)) window.location.hash = screenHref(screen);
}
