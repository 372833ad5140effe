import type { z } from 'zod';
import { type devicesChannels, type FoundScanner, type ScannerSettings } from '../../../../shared/contract/devices';
import type { Ctx } from '../../context';
import { writeSetting } from '../../settings-store';
import { deviceManagerFor, readScannerSettings, scannerSettingsKey } from '../device-manager';

/**
 * Channel handlers for `devices.list` and `devices.configure`, in the handlers.ts shape
 * (synchronous, inside the channel's transaction): the manager's last snapshot, not a
 * fresh (asynchronous) listing; the manager re-lists by polling.
 */
type ListInput = z.output<(typeof devicesChannels)['devices.list']['input']>;
type ConfigureInput = z.output<(typeof devicesChannels)['devices.configure']['input']>;
type Answer = { scanners: FoundScanner[]; settings: ScannerSettings };

export function list(_input: ListInput, ctx: Pick<Ctx, 'db'>): Answer {
  const settings = readScannerSettings(ctx.db);
  return { scanners: deviceManagerFor(ctx.db)?.snapshot() ?? [], settings };
}

export function configure(input: ConfigureInput, ctx: Pick<Ctx, 'db' | 'afterCommit'>): Answer {
  writeSetting(ctx.db, scannerSettingsKey, input);
  // The scanners reopen once the choice is committed; their 'device' events follow.
  ctx.afterCommit(() => void deviceManagerFor(ctx.db)?.reload());
  return { scanners: deviceManagerFor(ctx.db)?.snapshot() ?? [], settings: input };
}
