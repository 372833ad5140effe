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
