import type { Database } from 'better-sqlite3';
import type { ChannelOutput, ParsedInput } from '../../../shared/contract';
import type { DisplayState } from '../../../shared/display';
import type { Ctx } from '../context';

/** A display that opens (or reloads) more than this long after the last change shows nothing. */
export const displayTimeoutMs = 120_000;

// The last state per desk, in memory only: it is the reader's, and never worth keeping.
const shown = new WeakMap<Database, { state: DisplayState | null; at: number }>();

export function show(input: ParsedInput<'display.show'>, ctx: Ctx): ChannelOutput<'display.show'> {
  shown.set(ctx.db, { state: input.state, at: ctx.now.getTime() });
  ctx.emit({ type: 'display', state: input.state });
  return { shown: true };
}

export function current(_input: ParsedInput<'display.current'>, ctx: Ctx): ChannelOutput<'display.current'> {
  const last = shown.get(ctx.db);
  if (!last || ctx.now.getTime() - last.at > displayTimeoutMs || last.state?.ended) return { state: null };
  return { state: last.state };
}
