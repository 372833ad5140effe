/** Display formats in the UI language. Dates arrive as calendar dates (YYYY-MM-DD). */

const locales: Record<string, string> = { vi: 'vi-VN', en: 'en-GB' };

function localeOf(language: string): string {
  return locales[language] ?? language;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();
const moneyFormats = new Map<string, Intl.NumberFormat>();

/** vi: 10/12/2026; en: 10 Dec 2026 (never the ambiguous 12/10/2026). */
export function formatDate(isoDate: string, language: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(isoDate);
  if (!match) return isoDate;
  let format = dateFormats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(localeOf(language), {
      day: '2-digit',
      month: language === 'vi' ? '2-digit' : 'short',
      year: 'numeric',
      timeZone: 'UTC',
    });
    dateFormats.set(language, format);
  }
  return format.format(new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))));
}

/** Fees in đồng: vi 5.000 ₫, en ₫5,000. */
export function formatMoney(amount: number, language: string): string {
  let format = moneyFormats.get(language);
  if (!format) {
    format = new Intl.NumberFormat(localeOf(language), { style: 'currency', currency: 'VND' });
    moneyFormats.set(language, format);
  }
  return format.format(amount);
}

const dateTimeFormats = new Map<string, [Intl.DateTimeFormat, Intl.DateTimeFormat]>();

/** An instant (ISO 8601) in the desk's zone, the date first: vi 26/11/2026 14:05, en 26 Nov 2026 14:05. */
export function formatDateTime(instant: string, language: string, timeZone: string): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  const key = `${language} ${timeZone}`;
  let formats = dateTimeFormats.get(key);
  if (!formats) {
    const locale = localeOf(language);
    formats = [
      new Intl.DateTimeFormat(locale, {
        day: '2-digit',
        month: language === 'vi' ? '2-digit' : 'short',
        year: 'numeric',
        timeZone,
      }),
      new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }),
    ];
    dateTimeFormats.set(key, formats);
  }
  return `${formats[0].format(date)} ${formats[1].format(date)}`;
}

/** Today's calendar date (YYYY-MM-DD) in the desk's time zone. */
export function todayIn(timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date());
}
