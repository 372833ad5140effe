import { contextBridge, ipcRenderer } from 'electron';
import { kioskAllowedChannels } from '../../shared/contract/kiosk';

/**
 * The kiosk window's preload: `window.kioskApi.kiosk.<action>` for the
 * allowlisted kiosk channels and nothing else (no `window.api`, no events).
 * The main process checks again that this window calls only these channels.
 */
const kiosk: Record<string, (input: unknown) => Promise<unknown>> = {};
for (const channel of kioskAllowedChannels) {
  const action = channel.slice('kiosk.'.length);
  kiosk[action] = (input: unknown) => ipcRenderer.invoke(channel, input);
}

contextBridge.exposeInMainWorld('kioskApi', { kiosk });
