// The dashboards' filters come from the URL (a plain GET form: a view is a link to
// share). Each value is parsed on its own; a bad one is dropped and reported, the
// others still apply. The default range is the 30 days ending on the last day with
// orders (or today), compared with the 30 days before.
import { z } from "zod";
import { GRAINS, normalizeProvince, type Grain } from "@/lib/rollups/dimensions";
import { addDays, daysBetween, isDay } from "@/lib/dashboard/dates";
import { RFM_SEGMENTS } from "@/lib/analytics/rfm/segments";

export type Compare = "previous" | "none";

export type DashboardFilters = {
  from: string;
  to: string;
  grain: Grain;
  compare: Compare;
  storeId: string | null;
  channel: string | null;
  /** Short province name (广东), as the rollups and the map spell it. */
  province: string | null;
  /** RFM segment (champions, at_risk…): narrows the customer-level score charts. */
  segment: string | null;
};

export type FilterName = "from" | "to" | "grain" | "compare" | "storeId" | "channel" | "province" | "segment";

export const DEFAULT_DAYS = 30;
/** About ten years: more is not a dashboard question. */
export const MAX_DAYS = 3660;

type SearchParams = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() || undefined;
const text = z.string().min(1).max(50);

/** A grain that gives a readable number of points for the range. */
export function defaultGrain(days: number): Grain {
  return days <= 62 ? "day" : days <= 190 ? "week" : "month";
}

export function parseDashboardFilters(params: SearchParams, lastDay: string): { filters: DashboardFilters; invalid: FilterName[] } {
  const invalid: FilterName[] = [];
  const day = (name: "from" | "to") => {
    const v = first(params[name]);
    if (v === undefined) return undefined;
    if (isDay(v)) return v;
    invalid.push(name);
    return undefined;
  };
  let to = day("to") ?? lastDay;
  let from = day("from") ?? addDays(to, -(DEFAULT_DAYS - 1));
  if (from > to) {
    invalid.push("from");
    from = addDays(to, -(DEFAULT_DAYS - 1));
  }
  if (daysBetween(from, to) + 1 > MAX_DAYS) {
    invalid.push("from");
    from = addDays(to, -(MAX_DAYS - 1));
  }
  if (to < from) to = from;

  const grainParam = first(params.grain);
  let grain = defaultGrain(daysBetween(from, to) + 1);
  if (grainParam !== undefined) {
    if ((GRAINS as readonly string[]).includes(grainParam)) grain = grainParam as Grain;
    else invalid.push("grain");
  }
  const compareParam = first(params.compare);
  let compare: Compare = "previous";
  if (compareParam !== undefined) {
    if (compareParam === "previous" || compareParam === "none") compare = compareParam;
    else invalid.push("compare");
  }
  const storeParam = first(params.storeId);
  let storeId: string | null = null;
  if (storeParam !== undefined) {
    if (z.guid().safeParse(storeParam).success) storeId = storeParam.toLowerCase();
    else invalid.push("storeId");
  }
  const pick = (name: "channel" | "province") => {
    const v = first(params[name]);
    if (v === undefined) return null;
    if (text.safeParse(v).success) return v;
    invalid.push(name);
    return null;
  };
  const channel = pick("channel");
  const provinceRaw = pick("province");
  const province = provinceRaw === null ? null : normalizeProvince(provinceRaw) || null;
  const segmentParam = first(params.segment);
  let segment: string | null = null;
  if (segmentParam !== undefined) {
    if ((RFM_SEGMENTS as readonly string[]).includes(segmentParam)) segment = segmentParam;
    else invalid.push("segment");
  }
  return { filters: { from, to, grain, compare, storeId, channel, province, segment }, invalid };
}

/** The period of the same length just before [from, to]. */
export function previousPeriod(f: { from: string; to: string }): { from: string; to: string } {
  const days = daysBetween(f.from, f.to) + 1;
  return { from: addDays(f.from, -days), to: addDays(f.from, -1) };
}

/** The query string of filters (defaults left out), with overrides; for links between dashboards. */
export function filterQuery(f: DashboardFilters, overrides: Partial<Record<FilterName, string | null>> = {}, keep: readonly FilterName[] = ["from", "to", "grain", "compare", "storeId", "channel", "province", "segment"]): string {
  const values: Record<FilterName, string | null> = {
    from: f.from, to: f.to, grain: f.grain, compare: f.compare === "previous" ? null : f.compare,
    storeId: f.storeId, channel: f.channel, province: f.province, segment: f.segment, ...overrides,
  };
  const q = new URLSearchParams();
  for (const name of keep) {
    const v = values[name];
    if (v) q.set(name, v);
  }
  const s = q.toString();
  return s ? `?${s}` : "";
}
