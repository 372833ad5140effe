import { z } from 'zod';
import { displayStateSchema } from '../display';
import { languageSchema } from '../domain';

/** Spoken announcements and the reader-facing display (accessible reader services). */
export const a11yChannels = {
  /** Which speech engines the desk itself can run: espeak-ng when it is on the PATH. */
  'speech.status': {
    input: z.object({}).strict(),
    output: z.object({ espeak: z.object({ available: z.boolean(), path: z.string().nullable() }) }),
  },
  /**
   * Say a text aloud with espeak-ng (`espeak-ng -v vi -- text`, no shell), stopping what it was
   * saying; answers at once. Without espeak-ng the desk stays silent and says so (engine 'none').
   */
  'speech.say': {
    input: z.object({ text: z.string().trim().min(1).max(1000), language: languageSchema }).strict(),
    output: z.object({ engine: z.enum(['espeak-ng', 'none']) }),
  },
  /** Show a state on the reader-facing display: pushed to every display as a 'display' event. */
  'display.show': {
    input: z.object({ state: displayStateSchema.nullable() }).strict(),
    output: z.object({ shown: z.boolean() }),
  },
  /** What the reader display should show now (a display that opens late); null once it has timed out. */
  'display.current': {
    input: z.object({}).strict(),
    output: z.object({ state: displayStateSchema.nullable() }),
  },
} as const;
