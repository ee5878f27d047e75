// Number formats of the evaluation tables: "—" for an undefined rate, never 0%.
import type { Interval } from "@/lib/campaigns/evaluation/uplift";

export function pct(v: number | null, locale: string, digits = 1): string {
  return v === null ? "—" : new Intl.NumberFormat(locale, { style: "percent", minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v);
}

export function money(v: number | null, currency: string, locale: string): string {
  if (v === null) return "—";
  try {
    return new Intl.NumberFormat(locale, { style: "currency", currency, maximumFractionDigits: 2 }).format(v);
  } catch {
    return v.toFixed(2);
  }
}

export function ppInterval(ci: Interval | null, locale: string): string {
  return ci ? `${pct(ci.low, locale)} … ${pct(ci.high, locale)}` : "—";
}

export function moneyInterval(ci: Interval | null, currency: string, locale: string): string {
  return ci ? `${money(ci.low, currency, locale)} … ${money(ci.high, currency, locale)}` : "—";
}
