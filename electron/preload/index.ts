import { contextBridge, ipcRenderer } from 'electron';
import { channels, type DeskApi } from '../../shared/contract';
import { deskEventSchema, type DeskEvent } from '../../shared/events';

/**
 * Exposes exactly the contract's channels as `window.api.<domain>.<action>`,
 * plus a subscription to pushed events. Nothing else of IPC reaches the page.
 */
const api: Record<string, Record<string, (input: unknown) => Promise<unknown>>> = {};
for (const channel of channels) {
  const [domain, action] = channel.split('.') as [string, string];
  api[domain] ??= {};
  api[domain][action] = (input: unknown) => ipcRenderer.invoke(channel, input);
}

function onEvent(listener: (event: DeskEvent) => void): () => void {
  const handler = (_event: unknown, payload: unknown) => {
    const parsed = deskEventSchema.safeParse(payload);
    if (parsed.success) listener(parsed.data);
  };
  ipcRenderer.on('desk:event', handler);
  return () => ipcRenderer.off('desk:event', handler);
}

contextBridge.exposeInMainWorld('api', api as unknown as DeskApi);
contextBridge.exposeInMainWorld('deskEvents', { subscribe: onEvent });
