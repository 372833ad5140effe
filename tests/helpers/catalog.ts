import type { DeskCore } from '../../electron/core';
import { localDate, localInstant } from '../../electron/core/clock';
import { auditLine, type Ctx } from '../../electron/core/context';
import { readSettings } from '../../electron/core/settings-store';

/**
 * Run `work` with a handler's context in one immediate transaction, as
 * `core.call` would: for store functions that no channel calls directly
 * (the import and sync call them from their own handlers).
 */
export function inTransaction<T>(core: DeskCore, now: Date, work: (ctx: Ctx) => T): T {
  const settings = readSettings(core.db);
  const followUps: (() => void)[] = [];
  const ctx: Ctx = {
    db: core.db,
    deviceId: core.deviceId,
    settings,
    now,
    today: localDate(now, settings.timeZone),
    nowIso: localInstant(now, settings.timeZone),
    t: (key) => key,
    record: (type, subject, payload, marcRecord) => {
      core.outbox.append(type, payload, settings.operator, marcRecord);
      auditLine(core.db, ctx.nowIso, settings.operator, type, subject);
    },
    audit: (action, subject, details) => auditLine(core.db, ctx.nowIso, settings.operator, action, subject, details),
    afterCommit: (w) => followUps.push(w),
    emit: () => undefined,
  };
  const result = core.db.transaction(() => work(ctx)).immediate();
  for (const w of followUps) w();
  return result;
}
