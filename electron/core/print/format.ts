/**
 * Dates as people in Việt Nam write them. Stored dates are YYYY-MM-DD and
 * instants ISO 8601 with the library's offset, so the wall-clock parts are
 * read from the string itself: no time-zone conversion can shift them a day.
 */

/** "2027-03-10" (or an instant on that day) → "10/03/2027"; anything else is returned as it came. */
export function formatDate(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/u.exec(value);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : value;
}

/** "2026-03-10T10:05:00.000+07:00" → "10/03/2026 10:05". */
export function formatDateTime(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})/u.exec(value);
  return m ? `${m[3]}/${m[2]}/${m[1]} ${m[4]}:${m[5]}` : formatDate(value);
}

/** An amount in đồng: "12.000 đ". */
export function formatMoney(value: number): string {
  return `${new Intl.NumberFormat('vi-VN').format(value)} đ`;
}
