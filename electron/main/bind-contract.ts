import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { channels, contract } from '../../shared/contract';
import type { Result } from '../../shared/result';
import type { DeskCore } from '../core';

/**
 * The whole contract on ipcMain, generically: each channel checks who sent it,
 * parses the input with the channel's zod schema, and answers the core's Result.
 */
export function bindContract(
  ipcMain: IpcMain,
  core: DeskCore,
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean,
): void {
  for (const channel of channels) {
    ipcMain.handle(channel, async (event, input: unknown): Promise<Result<unknown>> => {
      if (!isTrustedSender(event)) return { ok: false, error: { code: 'UNAUTHORIZED', message: 'Untrusted sender' } };
      const parsed = contract[channel].input.safeParse(input === undefined ? {} : input);
      if (!parsed.success) {
        // The core parses again and words the message in the UI language.
        return await core.call(channel, input);
      }
      return await core.call(channel, parsed.data);
    });
  }
}
