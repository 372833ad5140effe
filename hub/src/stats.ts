import type { Queryable } from './db/adapter';

/** The library's local time: a period is whole days there. */
export const libraryTimeZone = 'Asia/Ho_Chi_Minh';

export interface LibraryStats {
  library: string;
  from: string;
  to: string;
  readersRegistered: number;
  /**
   * Readers served: each reader counts once a day (library time) when they borrowed, returned or
   * renewed anything, plus any `visit.*` events a desk sends (a reading-room head count, say).
   */
  visits: number;
  loans: number;
  renewals: number;
  returns: number;
  copiesAdded: number;
  /** Copies on record at the end of the period, without lost and withdrawn ones. */
  copiesHeld: number;
}

/**
 * The figures a public library reports to its authority, for `from`..`to`
 * (calendar dates, both included, library time), counted from the events the
 * desks pushed (their own time of the change) and the catalogue built from them.
 */
export async function libraryStats(db: Queryable, libraryId: string, from: string, to: string): Promise<LibraryStats> {
  for (const date of [from, to])
    if (!/^\d{4}-\d{2}-\d{2}$/u.test(date)) throw new Error(`A date is written YYYY-MM-DD (got "${date}").`);
  const bounds = `(($2::date)::timestamp AT TIME ZONE '${libraryTimeZone}')`;
  const end = `((($3::date) + 1)::timestamp AT TIME ZONE '${libraryTimeZone}')`;
  const counts = await db.query<Record<string, number | string | boolean>>(
    `SELECT
       (SELECT name FROM libraries WHERE id = $1) AS library,
       count(*) FILTER (WHERE type = 'patron.registered' AND outcome = 'applied') AS readers,
       count(DISTINCT (subject_card, (occurred_at AT TIME ZONE '${libraryTimeZone}')::date))
         FILTER (WHERE type IN ('loan.checkedOut', 'loan.returned', 'loan.renewed') AND subject_card IS NOT NULL)
       + count(*) FILTER (WHERE type LIKE 'visit.%') AS visits,
       count(*) FILTER (WHERE type = 'loan.checkedOut') AS loans,
       count(*) FILTER (WHERE type = 'loan.renewed') AS renewals,
       count(*) FILTER (WHERE type = 'loan.returned') AS returns,
       (SELECT count(*) FROM copies WHERE library_id = $1 AND added_at >= ${bounds} AND added_at < ${end}) AS copies_added,
       (SELECT count(*) FROM copies WHERE library_id = $1 AND added_at < ${end}
          AND status NOT IN ('lost', 'withdrawn')) AS copies_held
     FROM events
     WHERE library_id = $1 AND occurred_at >= ${bounds} AND occurred_at < ${end}`,
    [libraryId, from, to],
  );
  const row = counts.rows[0]!;
  return {
    library: String(row.library),
    from,
    to,
    readersRegistered: Number(row.readers),
    visits: Number(row.visits),
    loans: Number(row.loans),
    renewals: Number(row.renewals),
    returns: Number(row.returns),
    copiesAdded: Number(row.copies_added),
    copiesHeld: Number(row.copies_held),
  };
}
