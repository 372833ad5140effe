import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { channels, contract, type Channel } from '../../shared/contract';
import type { Result } from '../../shared/result';
import type { DeskCore } from '../core';

/**
 * The whole contract on ipcMain, generically: each channel checks who sent it
 * and whether that sender may call it (the kiosk window: kiosk channels only),
 * parses the input with the channel's zod schema, and answers the core's Result.
 */
export function bindContract(
  ipcMain: IpcMain,
  core: DeskCore,
  authorize: (event: IpcMainInvokeEvent, channel: Channel) => 'allowed' | 'forbidden' | 'untrusted',
): void {
  for (const channel of channels) {
    ipcMain.handle(channel, async (event, input: unknown): Promise<Result<unknown>> => {
      const verdict = authorize(event, channel);
      if (verdict === 'untrusted') return { ok: false, error: { code: 'UNAUTHORIZED', message: 'Untrusted sender' } };
      if (verdict === 'forbidden') return { ok: false, error: { code: 'FORBIDDEN', message: 'Forbidden' } };
      const parsed = contract[channel].input.safeParse(input === undefined ? {} : input);
      if (!parsed.success) {
        // The core parses again and words the message in the UI language.
        return await core.call(channel, input);
      }
      return await core.call(channel, parsed.data);
    });
  }
}
