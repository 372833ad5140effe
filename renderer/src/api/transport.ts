import { channels, type DeskApi } from '../../../shared/contract';
import { deskEventSchema, type DeskEvent } from '../../../shared/events';
import type { Result } from '../../../shared/result';

/**
 * The renderer's only door to the desk. In Electron the preload has put the
 * contract on `window.api`; in the browser shell the same contract goes over
 * HTTP with the token the page was served with.
 */
declare global {
  interface Window {
    api?: DeskApi;
    deskEvents?: { subscribe: (listener: (event: DeskEvent) => void) => () => void };
  }
}

export interface DeskClient {
  api: DeskApi;
  subscribe: (listener: (event: DeskEvent) => void) => () => void;
}

function pageToken(): string {
  const meta = document.querySelector<HTMLMetaElement>('meta[name="desk-token"]');
  if (!meta?.content) throw new Error('This page was not served by Library Desk (no token).');
  return meta.content;
}

function httpClient(token: string): DeskClient {
  const api: Record<string, Record<string, (input: unknown) => Promise<Result<unknown>>>> = {};
  for (const channel of channels) {
    const [domain, action] = channel.split('.') as [string, string];
    api[domain] ??= {};
    api[domain][action] = async (input: unknown) => {
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
    };
  }

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
                const parsed = deskEventSchema.safeParse(JSON.parse(data));
                if (parsed.success) listener(parsed.data);
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

export function connectToDesk(): DeskClient {
  if (window.api && window.deskEvents) return { api: window.api, subscribe: window.deskEvents.subscribe };
  return httpClient(pageToken());
}
