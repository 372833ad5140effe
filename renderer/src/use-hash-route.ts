import { useEffect, useState } from 'react';

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

export function useHashRoute(): Screen {
  const [screen, setScreen] = useState<Screen>(() => screenFromHash(window.location.hash));
  useEffect(() => {
    const onChange = () => setScreen(screenFromHash(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return screen;
}

export function goTo(screen: Screen): void {
  window.location.hash = screenHref(screen);
}
