import { useCallback, useEffect, useRef, useState } from 'react';

/** How long before the end the kiosk warns: a third of the wait, at most 15 seconds. */
export function warningSeconds(idleSeconds: number): number {
  return Math.min(15, Math.floor(idleSeconds / 3));
}

/** Seconds left before the kiosk leaves, from the last activity (pure, for the hook and its tests). */
export function secondsLeft(idleSeconds: number, lastActivity: number, now: number): number {
  return Math.max(0, Math.ceil(idleSeconds - (now - lastActivity) / 1000));
}

/**
 * Counts down while `active`; any key, pointer or input resets it. Answers the
 * seconds left (null when not counting) and a reset for "I am still here".
 */
export function useIdle(idleSeconds: number, active: boolean, onTimeout: () => void) {
  const last = useRef(Date.now());
  const [left, setLeft] = useState<number | null>(null);
  const timeout = useRef(onTimeout);
  timeout.current = onTimeout;

  const reset = useCallback(() => {
    last.current = Date.now();
    setLeft(idleSeconds);
  }, [idleSeconds]);

  useEffect(() => {
    if (!active) {
      setLeft(null);
      return undefined;
    }
    reset();
    const events = ['keydown', 'pointerdown', 'input', 'wheel'] as const;
    for (const name of events) window.addEventListener(name, reset, { capture: true });
    const timer = setInterval(() => {
      const remaining = secondsLeft(idleSeconds, last.current, Date.now());
      setLeft(remaining);
      if (remaining <= 0) timeout.current();
    }, 1000);
    return () => {
      clearInterval(timer);
      for (const name of events) window.removeEventListener(name, reset, { capture: true });
    };
  }, [active, idleSeconds, reset]);

  return { left, reset };
}
