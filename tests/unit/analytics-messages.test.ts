// Every string the analytics pages look up exists in both languages: literal keys
// found in the page and component sources, and the keys built from the fixed
// lists (tabs, measures, groupings, cohort splits, coverage).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { en, zh } from "@/lib/i18n/messages/insights";
import { STAT_GROUPS, STAT_MEASURES } from "@/lib/analytics/insights/segment-stats";
import { cohortDimensions, monthInTimeZone } from "@/lib/analytics/cohorts/retention";

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(f) ? [p] : [];
  });
}

describe("analytics messages", () => {
  const sources = [...files("app/(app)/analytics"), ...files("components/analytics")].map((f) => readFileSync(f, "utf8"));

  it("has every literal key used by the pages, in English and Chinese", () => {
    const keys = new Set(sources.flatMap((s) => [...s.matchAll(/["`](insights\.[A-Za-z0-9_.-]+)["`]/g)].map((m) => m[1]!)));
    expect(keys.size).toBeGreaterThan(80);
    const missing = [...keys].filter((k) => !(k in en) || !(k in zh));
    expect(missing).toEqual([]);
  });

  it("has the keys built from the fixed lists", () => {
    const built = [
      ...["overview", "clusters", "basket", "cohorts", "stats"].flatMap((t) => [`insights.tab.${t}`, `insights.title.${t}`, `insights.intro.${t}`]),
      ...["tenant", "scope", "mixed"].map((c) => `insights.coverage.${c}`),
      ...STAT_MEASURES.map((m) => `insights.stats.measure.${m}`),
      ...STAT_GROUPS.flatMap((g) => [`insights.stats.group.${g}`, `insights.stats.noGroup.${g}`]),
      ...cohortDimensions.map((d) => `insights.cohorts.by.${d}`),
      ...["tenure", "categories"].map((f) => `insights.run.feature.${f}`),
      ...["recency", "frequency", "monetary", "tenure", "categories"].map((f) => `insights.clusters.feature.${f}`),
    ];
    expect(built.filter((k) => !(k in en))).toEqual([]);
  });

  it("has no Chinese string left in English, and none empty", () => {
    expect(Object.entries(zh).filter(([, v]) => !v.trim()).map(([k]) => k)).toEqual([]);
    expect(Object.entries(zh).filter(([k, v]) => v === en[k as keyof typeof en] && /[a-z]{4}/.test(v)).map(([k]) => k)).toEqual([]);
  });
});

describe("monthInTimeZone", () => {
  it("is the calendar month where the tenant is", () => {
    expect(monthInTimeZone(new Date("2026-12-31T16:30:00Z"), "Asia/Shanghai")).toBe("2027-01");
    expect(monthInTimeZone(new Date("2026-12-31T16:30:00Z"), "America/New_York")).toBe("2026-12");
    expect(monthInTimeZone(new Date("2026-03-01T00:30:00Z"), "not a zone")).toBe("2026-03");
  });
});
