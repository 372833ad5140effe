import { z } from 'zod';
import { displayStateSchema } from './display';
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
  /** How far a long job (a catalogue import) has come: bytes of its file read, records handled. */
  z.object({
    type: z.literal('progress'),
    job: z.string(),
    jobId: z.string(),
    done: z.number(),
    total: z.number(),
    records: z.number().int(),
    finished: z.boolean(),
  }),
  /** The reader-facing display's new state (null: blank). */
  z.object({ type: z.literal('display'), state: displayStateSchema.nullable() }),
  /** The sync worker's state, after every change of it. */
  z.object({ type: z.literal('sync'), status: syncStatusSchema }),
]);
export type DeskEvent = z.infer<typeof deskEventSchema>;
