import { createContext, useContext, type RefObject } from 'react';
import type { ChannelOutput, DeskApi } from '../../shared/contract';
import type { Settings } from '../../shared/domain';
import type { PatronCategoryInfo } from '../../shared/patron-record';

export type DeskStatus = ChannelOutput<'system.status'>;

/** What every screen needs from the desk: the api, the settings, and the one scan box. */
export interface Desk {
  api: DeskApi;
  settings: Settings;
  /** The library's reader categories with their labels; empty until loaded. */
  categories: PatronCategoryInfo[];
  /** The scan box of the screen on show; focus comes back here after every action. */
  scanBox: RefObject<HTMLInputElement | null>;
  focusScanBox: () => void;
  /** Scans that arrive from a hardware scanner (HID, serial) rather than the keyboard. */
  hardwareScan: RefObject<((code: string) => void) | null>;
  /** Settings changed by a screen (settings.update answered them all). */
  updateSettings: (settings: Settings) => void;
}

export const DeskContext = createContext<Desk | null>(null);

export function useDesk(): Desk {
  const desk = useContext(DeskContext);
  if (!desk) throw new Error('useDesk outside <DeskContext>');
  return desk;
}
