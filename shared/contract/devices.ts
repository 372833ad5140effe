import { z } from 'zod';

/**
 * Scanner configuration and discovery: the settings the device manager
 * (electron/core/devices/device-manager.ts) opens scanners from, and what it found.
 */

export const serialScannerConfigSchema = z
  .object({
    path: z.string().min(1),
    baudRate: z.number().int().positive().default(9600),
    terminator: z.enum(['CR', 'LF', 'CRLF']).default('CR'),
  })
  .strict();

export const hidScannerConfigSchema = z
  .object({
    vendorId: z.number().int().min(0).max(0xffff),
    productId: z.number().int().min(0).max(0xffff),
    serialNumber: z.string().optional(),
  })
  .strict();

/** Stored under the settings key `devices.scanners`. */
export const scannerSettingsSchema = z
  .object({
    serial: z.array(serialScannerConfigSchema).default([]),
    hid: z.array(hidScannerConfigSchema).default([]),
  })
  .strict();
export type ScannerSettings = z.output<typeof scannerSettingsSchema>;

export const foundScannerSchema = z.object({
  kind: z.enum(['serial', 'hid']),
  /** The id used in 'scan' and 'device' events. */
  id: z.string(),
  path: z.string().optional(),
  vendorId: z.number().int().optional(),
  productId: z.number().int().optional(),
  serialNumber: z.string().optional(),
  manufacturer: z.string().optional(),
  product: z.string().optional(),
  /** Chosen in the settings. */
  configured: z.boolean(),
  /** Open and reading now. */
  connected: z.boolean(),
});
export type FoundScanner = z.output<typeof foundScannerSchema>;

export const devicesChannels = {
  /** Scanners present (serial ports and HID POS interfaces) and configured, with their state. */
  'devices.list': {
    input: z.object({}).strict(),
    output: z.object({ scanners: z.array(foundScannerSchema), settings: scannerSettingsSchema }),
  },
  /** Which scanners to use; answers the list as it is after reopening them. */
  'devices.configure': {
    input: scannerSettingsSchema,
    output: z.object({ scanners: z.array(foundScannerSchema), settings: scannerSettingsSchema }),
  },
} as const;
