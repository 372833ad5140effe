import type { ChannelOutput, ParsedInput } from '../../../shared/contract';
import type { Ctx } from '../context';
import { schemaVersion } from '../db/open';
import { loadDemoData } from '../demo/generate';
import { DeskRefusal } from '../errors';
import { readSetting, readSettings, writeSetting, writeSettings } from '../settings-store';
import { stmt } from '../db/statements';

export const appVersion = '0.1.0';

function count(ctx: Ctx, sql: string): number {
  return (stmt(ctx.db, sql).get() as { n: number }).n;
}

export function info(_input: ParsedInput<'system.info'>, ctx: Ctx): ChannelOutput<'system.info'> {
  return { version: appVersion, deviceId: ctx.deviceId, schemaVersion: schemaVersion(ctx.db) };
}

export function status(_input: ParsedInput<'system.status'>, ctx: Ctx): ChannelOutput<'system.status'> {
  return {
    firstRunPending:
      readSetting(ctx.db, 'firstRun.choice') === undefined && count(ctx, 'SELECT COUNT(*) AS n FROM titles') === 0,
    patrons: count(ctx, 'SELECT COUNT(*) AS n FROM patrons'),
    titles: count(ctx, 'SELECT COUNT(*) AS n FROM titles'),
    items: count(ctx, 'SELECT COUNT(*) AS n FROM items'),
    openLoans: count(ctx, 'SELECT COUNT(*) AS n FROM loans WHERE returned_at IS NULL'),
    outboxPending: count(ctx, 'SELECT COUNT(*) AS n FROM outbox WHERE acked_at IS NULL'),
  };
}

/**
 * The first-run choice. Demo data goes in as one transaction and one outbox
 * event (it is sample data: it must not sync upward as real loans).
 */
export function setup(input: ParsedInput<'system.setup'>, ctx: Ctx): ChannelOutput<'system.setup'> {
  const empty = count(ctx, 'SELECT (SELECT COUNT(*) FROM patrons) + (SELECT COUNT(*) FROM titles) AS n') === 0;
  if (input.mode === 'demo') {
    if (!empty) throw new DeskRefusal('CONFLICT', {}, 'CONFLICT_setup');
    const counts = loadDemoData(ctx.db, { now: ctx.now, timeZone: ctx.settings.timeZone });
    writeSetting(ctx.db, 'firstRun.choice', 'demo');
    ctx.record('system.demoLoaded', 'demo', counts);
    ctx.emit({ type: 'changed', domain: 'catalog' });
    return counts;
  }
  writeSetting(ctx.db, 'firstRun.choice', 'empty');
  ctx.audit('system.startedEmpty', 'desk');
  return { patrons: 0, titles: 0, items: 0, loans: 0 };
}

export function getSettings(_input: ParsedInput<'settings.get'>, ctx: Ctx): ChannelOutput<'settings.get'> {
  return readSettings(ctx.db);
}

export function updateSettings(input: ParsedInput<'settings.update'>, ctx: Ctx): ChannelOutput<'settings.update'> {
  for (const pattern of [input.patronPattern, input.itemPattern]) {
    if (pattern === undefined) continue;
    try {
      new RegExp(pattern, 'u');
    } catch {
      throw new DeskRefusal('VALIDATION', { details: `pattern ${pattern}` });
    }
  }
  if (input.timeZone !== undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: input.timeZone });
    } catch {
      throw new DeskRefusal('VALIDATION', { details: `timeZone ${input.timeZone}` });
    }
  }
  writeSettings(ctx.db, input);
  ctx.audit('settings.changed', 'settings', { changed: Object.keys(input) });
  ctx.emit({ type: 'changed', domain: 'settings' });
  return readSettings(ctx.db);
}
