// How rollup keys read on a dashboard: store ids as names, '' as "(unknown)",
// channel codes and score buckets in the viewer's language.
import type { DashboardBase } from "@/lib/dashboard/base";
import { CLV_BANDS, NO_STORE } from "@/lib/rollups/dimensions";
import type { Formatter } from "@/components/charts/spec";
import type { Translate } from "@/lib/i18n/translate";

export function storeLabeller(base: DashboardBase, t: Translate): (id: string) => string {
  const names = new Map(base.options.stores.map((s) => [s.id, s.name]));
  return (id) => (id === NO_STORE ? t("dashboard.noStore") : names.get(id) ?? id);
}

export const orUnknown = (t: Translate) => (key: string) => key || t("dashboard.unknown");

export function keyLabel(t: Translate, prefix: string, code: string): string {
  const key = `${prefix}.${code}`;
  const text = t(key);
  return text === key ? code : text;
}

export function clvBandLabel(bucket: string, fmt: Formatter): string {
  const band = CLV_BANDS.find((b) => b.bucket === bucket);
  if (!band) return bucket;
  if (band.min === null) return `< ${fmt(band.max, "money")}`;
  if (band.max === null) return `≥ ${fmt(band.min, "money")}`;
  return `${fmt(band.min, "money")} – ${fmt(band.max, "money")}`;
}

/** The first `n` rows, the rest summed into one "Other" row. */
export function topWithOther<T extends { revenue: number; orders?: number }>(rows: T[], n: number, other: (rest: T[]) => T): T[] {
  return rows.length <= n ? rows : [...rows.slice(0, n), other(rows.slice(n))];
}
