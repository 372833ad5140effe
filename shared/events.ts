import { z } from 'zod';
import { syncStatusSchema } from './contract/sync';

/** What the desk pushes to the renderer: server-sent events in the browser, IPC in Electron. */
export const deskEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('scan'), source: z.string(), code: z.string() }),
  z.object({
    type: z.literal('device'),
    device: z.string(),
    status: z.enum(['connected', 'disconnected', 'error']),
    message: z.string().optional(),
  }),
  z.object({ type: z.literal('changed'), domain: z.enum(['patrons', 'catalog', 'circulation', 'settings']) }),
  /** The sync worker's state, after every change of it. */
  z.object({ type: z.literal('sync'), status: syncStatusSchema }),
]);
export type DeskEvent = z.infer<typeof deskEventSchema>;
