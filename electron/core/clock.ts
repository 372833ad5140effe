/** Calendar dates (YYYY-MM-DD) and instants in the library's time zone; the rules work on these. */

// Building an Intl.DateTimeFormat costs far more than formatting with one, and
// formatting costs far more than arithmetic: keep one formatter per zone, and
// the zone's offset per quarter hour (every zone changes offset on one).
const formats = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, number>();
const QUARTER_HOUR_MS = 900_000;

function formatFor(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formats.set(timeZone, format);
  }
  return format;
}

/** Minutes to add to UTC to get the zone's wall clock at `instant`. */
export function zoneOffsetMinutes(instant: Date, timeZone: string): number {
  const bucket = Math.floor(instant.getTime() / QUARTER_HOUR_MS);
  const key = `${timeZone}|${bucket}`;
  const known = offsets.get(key);
  if (known !== undefined) return known;
  const probe = new Date(bucket * QUARTER_HOUR_MS);
  const parts = Object.fromEntries(
    formatFor(timeZone)
      .formatToParts(probe)
      .map((p) => [p.type, p.value]),
  );
  const wall = Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!, +parts.second!);
  const offset = Math.round((wall - probe.getTime()) / 60_000);
  if (offsets.size > 10_000) offsets.clear();
  offsets.set(key, offset);
  return offset;
}

/** An ISO 8601 instant with the zone's offset, e.g. 2026-11-26T09:30:00.000+07:00. */
export function localInstant(instant: Date, timeZone: string): string {
  const offsetMin = zoneOffsetMinutes(instant, timeZone);
  const wall = new Date(instant.getTime() + offsetMin * 60_000).toISOString().slice(0, 23);
  const sign = offsetMin >= 0 ? '+' : '-';
  const abs = Math.abs(offsetMin);
  return `${wall}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

export function localDate(instant: Date, timeZone: string): string {
  return localInstant(instant, timeZone).slice(0, 10);
}
