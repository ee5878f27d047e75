// Dates and money for display, in the tenant's time zone and the user's language.
export function formatDate(d: Date | null, locale: string, timeZone: string): string {
  if (!d) return "";
  return new Intl.DateTimeFormat(locale, { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(d);
}

/** A calendar date stored as a `date` column (UTC midnight): shown as that day, whatever the zone. */
export function formatCalendarDate(d: Date | null, locale: string): string {
  return formatDate(d, locale, "UTC");
}

export function formatDateTime(d: Date | null, locale: string, timeZone: string): string {
  if (!d) return "";
  return new Intl.DateTimeFormat(locale, {
    timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23",
  }).format(d);
}

export function formatMoney(amount: string, currency: string, locale: string): string {
  const n = Number(amount);
  if (!Number.isFinite(n)) return amount;
  try {
    return new Intl.NumberFormat(locale, { style: "currency", currency }).format(n);
  } catch {
    return `${amount} ${currency}`;
  }
}

export function formatNumber(n: number, locale: string): string {
  return new Intl.NumberFormat(locale).format(n);
}
