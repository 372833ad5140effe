/**
 * DLE EOT n (0x10 0x04 n), real-time status per the Epson ESC/POS reference.
 * Every answer byte has bits 1 and 4 set and bits 0 and 7 clear; anything else
 * is not a status byte.
 *   n = 1 printer status:  bit 3 offline
 *   n = 2 offline cause:   bit 2 cover open, bit 3 paper fed by the button,
 *                          bit 5 stopped at paper end, bit 6 error
 *   n = 4 roll sensor:     bits 2–3 paper near end, bits 5–6 paper end
 */
export const statusQueries = [1, 2, 4] as const;
export const dleEot = (n: number): Uint8Array => Uint8Array.from([0x10, 0x04, n]);

export interface PrinterStatus {
  online: boolean;
  coverOpen: boolean;
  paperOut: boolean;
  paperNearEnd: boolean;
  error: boolean;
}

export const isStatusByte = (b: number): boolean => (b & 0x93) === 0x12;

/** Read the three answers (to n = 1, 2, 4, in that order). */
export function parseStatus(printer: number, offline: number, paper: number): PrinterStatus {
  for (const b of [printer, offline, paper]) {
    if (!isStatusByte(b)) throw new Error(`not a DLE EOT status byte: 0x${b.toString(16)}`);
  }
  return {
    online: (printer & 0x08) === 0,
    coverOpen: (offline & 0x04) !== 0,
    paperOut: (offline & 0x20) !== 0 || (paper & 0x60) !== 0,
    paperNearEnd: (paper & 0x0c) !== 0,
    error: (offline & 0x40) !== 0,
  };
}

/** Why a printer cannot print now, or null when it can (near end still prints). */
export function statusProblem(status: PrinterStatus): string | null {
  if (status.paperOut) return 'PAPER_OUT';
  if (status.coverOpen) return 'COVER_OPEN';
  if (status.error) return 'PRINTER_ERROR';
  if (!status.online) return 'OFFLINE';
  return null;
}

/** Status bytes a printer would answer (for tests and simulators). */
export function statusBytes(state: {
  offline?: boolean;
  coverOpen?: boolean;
  paperOut?: boolean;
}): Record<number, number> {
  const offline = Boolean(state.offline || state.coverOpen || state.paperOut);
  return {
    1: 0x12 | (offline ? 0x08 : 0),
    2: 0x12 | (state.coverOpen ? 0x04 : 0) | (state.paperOut ? 0x20 : 0),
    4: 0x12 | (state.paperOut ? 0x60 : 0),
  };
}
