import type { DeskApi } from '../../../shared/contract';
import { displayStateSchema } from '../../../shared/display';
import type { DeskEvent } from '../../../shared/events';
import type { Result } from '../../../shared/result';

/**
 * The renderer's only door to the desk. In Electron the preload has put the
 * contract on `window.api`; in the browser shell the same contract goes over
 * HTTP with the token the page was served with.
 */
declare global {
  interface Window {
    api?: DeskApi;
    /** The kiosk window's preload: the kiosk channels only. */
    kioskApi?: KioskApi;
    deskEvents?: { subscribe: (listener: (event: DeskEvent) => void) => () => void };
  }
}

/** What the self-service kiosk may call: its allowlisted kiosk.* channels, nothing else. */
export type KioskApi = { kiosk: Omit<DeskApi['kiosk'], 'configure'> };

export interface DeskClient {
  api: DeskApi;
  subscribe: (listener: (event: DeskEvent) => void) => () => void;
}

/** Whether this page is the kiosk: the kiosk window's preload, or the browser shell's /kiosk page. */
export function isKioskPage(): boolean {
  return Boolean(window.kioskApi) || document.querySelector('meta[name="kiosk-token"]') !== null;
}

function pageToken(name = 'desk-token'): string {
  const meta = document.querySelector<HTMLMetaElement>(`meta[name="${name}"]`);
  if (!meta?.content) throw new Error('This page was not served by Library Desk (no token).');
  return meta.content;
}

/**
 * A pushed event has the shape of `DeskEvent` (shared/events.ts). Checked by hand:
 * three small shapes, read on every scan, need no schema; the desk validates
 * every call on its side anyway. (Forms do load the contract's zod schemas, to
 * refuse on the page exactly what the desk would: see reader-form.ts.)
 */
function isDeskEvent(value: unknown): value is DeskEvent {
  if (typeof value !== 'object' || value === null) return false;
  const event = value as Record<string, unknown>;
  switch (event.type) {
    case 'scan':
      return typeof event.source === 'string' && typeof event.code === 'string';
    case 'device':
      return typeof event.device === 'string' && typeof event.status === 'string';
    case 'changed':
      return typeof event.domain === 'string';
    case 'progress':
      return typeof event.jobId === 'string' && typeof event.done === 'number' && typeof event.total === 'number';
    case 'display':
      // What a reader will read: checked in full.
      return displayStateSchema.nullable().safeParse(event.state).success;
    case 'sync':
      return typeof event.status === 'object' && event.status !== null && 'state' in event.status;
    default:
      return false;
  }
}

function httpClient(token: string): DeskClient {
  async function call(channel: string, input: unknown): Promise<Result<unknown>> {
    try {
      const response = await fetch(`/api/${channel}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(input ?? {}),
      });
      return (await response.json()) as Result<unknown>;
    } catch (error) {
      return {
        ok: false,
        error: { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) },
      };
    }
  }

  // `api.circulation.checkout(input)` posts to /api/circulation.checkout. The names
  // are not listed here: the type is the contract's, and the desk answers
  // UNKNOWN_CHANNEL to anything else. `then` is not a channel, so awaiting a
  // domain object by mistake does not post anything.
  const domains = new Map<string, Record<string, (input: unknown) => Promise<Result<unknown>>>>();
  const api = new Proxy(
    {},
    {
      get(_target, domain) {
        if (typeof domain !== 'string' || domain === 'then') return undefined;
        let actions = domains.get(domain);
        if (!actions) {
          actions = new Proxy({} as Record<string, (input: unknown) => Promise<Result<unknown>>>, {
            get(cache, action) {
              if (typeof action !== 'string' || action === 'then') return undefined;
              cache[action] ??= (input: unknown) => call(`${domain}.${action}`, input);
              return cache[action];
            },
          });
          domains.set(domain, actions);
        }
        return actions;
      },
    },
  );

  // Server-sent events read with fetch, so the token travels in a header, never in a URL.
  function subscribe(listener: (event: DeskEvent) => void): () => void {
    const abort = new AbortController();
    const connect = async (): Promise<void> => {
      while (!abort.signal.aborted) {
        try {
          const response = await fetch('/api/events', {
            headers: { Authorization: `Bearer ${token}` },
            signal: abort.signal,
          });
          const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
          let buffer = '';
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            buffer += value;
            let end = buffer.indexOf('\n\n');
            while (end >= 0) {
              const frame = buffer.slice(0, end);
              buffer = buffer.slice(end + 2);
              const data = frame
                .split('\n')
                .filter((line) => line.startsWith('data: '))
                .map((line) => line.slice(6))
                .join('\n');
              if (data) {
                const event: unknown = JSON.parse(data);
                if (isDeskEvent(event)) listener(event);
              }
              end = buffer.indexOf('\n\n');
            }
          }
        } catch {
          // The desk restarted or the stream broke: try again shortly.
        }
        if (!abort.signal.aborted) await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    };
    void connect();
    return () => abort.abort();
  }

  return { api: api as unknown as DeskApi, subscribe };
}

/**
 * The kiosk's door: the kiosk preload in Electron, or HTTP with the kiosk token,
 * which the Local API accepts for the kiosk channels only.
 */
export function connectToKiosk(): KioskApi {
  if (window.kioskApi) return window.kioskApi;
  const { api } = httpClient(pageToken('kiosk-token'));
  return { kiosk: api.kiosk };
}

export function connectToDesk(): DeskClient {
  if (window.api && window.deskEvents) return { api: window.api, subscribe: window.deskEvents.subscribe };
  return httpClient(pageToken());
}
