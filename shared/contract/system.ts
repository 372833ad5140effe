import { z } from 'zod';
import { settingsSchema } from '../domain';

export const systemChannels = {
  /** Who this desk is: app version, its device id in the outbox, and the database schema version. */
  'system.info': {
    input: z.object({}).strict(),
    output: z.object({ version: z.string(), deviceId: z.string(), schemaVersion: z.number().int() }),
  },
  /** What the desk holds now, and whether the first-run choice (empty or demo data) is still to be made. */
  'system.status': {
    input: z.object({}).strict(),
    output: z.object({
      firstRunPending: z.boolean(),
      patrons: z.number().int(),
      titles: z.number().int(),
      items: z.number().int(),
      openLoans: z.number().int(),
      outboxPending: z.number().int(),
    }),
  },
  /** The first-run choice: start empty, or load the deterministic demo library. Allowed once, on an empty desk. */
  'system.setup': {
    input: z.object({ mode: z.enum(['empty', 'demo']) }).strict(),
    output: z.object({
      patrons: z.number().int(),
      titles: z.number().int(),
      items: z.number().int(),
      loans: z.number().int(),
    }),
  },
  /** The workstation's settings. */
  'settings.get': {
    input: z.object({}).strict(),
    output: settingsSchema,
  },
  /** Change some settings; answers all of them. */
  'settings.update': {
    input: settingsSchema.partial().strict(),
    output: settingsSchema,
  },
} as const;
