// What a chart shows, as plain data: the server builds it, the client chart draws
// it (components/charts/Chart.tsx), and the same spec gives the chart's text
// alternative (a data table and a one-line summary) and its CSV. No functions and
// no ECharts types here, so it crosses the server/client boundary as JSON.
import { csvLine, UTF8_BOM } from "@/lib/csv/cell";

/** ratio: a plain number with two decimals (e.g. lift). */
export type ValueFormat = "money" | "count" | "percent" | "hours" | "ratio";

export type Series = {
  name: string;
  values: (number | null)[];
  format: ValueFormat;
  type?: "bar" | "line";
  /** 1 = the second value axis (right). */
  axis?: 0 | 1;
  stack?: string;
  dashed?: boolean;
};

export type CategoryChartSpec = {
  kind: "category";
  horizontal?: boolean;
  categoryLabel: string;
  categories: string[];
  series: Series[];
  /** Where a click on a category goes (drill-down); same order as categories. */
  links?: (string | null)[];
};

export type Item = { name: string; value: number; href?: string | null };

export type PieChartSpec = { kind: "pie"; categoryLabel: string; valueLabel: string; format: ValueFormat; items: Item[] };

/** Provinces on the China map (names as the map spells them: 广东, 内蒙古…). */
export type MapChartSpec = { kind: "map"; categoryLabel: string; valueLabel: string; format: ValueFormat; items: Item[] };

/** Flows from a left column of nodes to a right one (tier migration, segment movement).
 *  Node names must differ between the columns: the page labels them ("Gold (before)"). */
export type SankeyChartSpec = {
  kind: "sankey"; sourceLabel: string; targetLabel: string; valueLabel: string; format: ValueFormat;
  links: { source: string; target: string; value: number }[];
};

/** A grid of values (cohort retention): rows y, columns x; a null cell has no value. */
export type HeatmapChartSpec = {
  kind: "heatmap"; xLabel: string; yLabel: string; valueLabel: string; format: ValueFormat;
  x: string[]; y: string[]; cells: { x: number; y: number; value: number | null }[];
};

export type ChartSpec = CategoryChartSpec | PieChartSpec | MapChartSpec | SankeyChartSpec | HeatmapChartSpec;

export type Formatter = (value: number | null, format: ValueFormat, precise?: boolean) => string;

/** Numbers as people read them in the locale; money in the tenant's currency. */
export function makeFormatter(locale: string, currency: string, hoursUnit: string): Formatter {
  const money0 = safeFormat(locale, { style: "currency", currency, maximumFractionDigits: 0 });
  const money2 = safeFormat(locale, { style: "currency", currency, minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const count = safeFormat(locale, { maximumFractionDigits: 0 });
  const pct = safeFormat(locale, { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const dec = safeFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const dec2 = safeFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return (value, format, precise = false) => {
    if (value === null || !Number.isFinite(value)) return "—";
    switch (format) {
      case "money": return (precise ? money2 : money0)(value);
      case "count": return count(value);
      case "percent": return pct(value);
      case "hours": return `${dec(value)} ${hoursUnit}`;
      case "ratio": return dec2(value);
    }
  };
}

function safeFormat(locale: string, options: Intl.NumberFormatOptions): (n: number) => string {
  try {
    const f = new Intl.NumberFormat(locale, options);
    return (n) => f.format(n);
  } catch {
    const f = new Intl.NumberFormat("en", { maximumFractionDigits: 2 });
    return (n) => f.format(n);
  }
}

export function hasData(spec: ChartSpec): boolean {
  if (spec.kind === "category") return spec.categories.length > 0 && spec.series.some((s) => s.values.some((v) => v !== null && v !== 0));
  if (spec.kind === "sankey") return spec.links.some((l) => l.value > 0);
  if (spec.kind === "heatmap") return spec.cells.some((c) => c.value !== null);
  return spec.items.some((i) => i.value !== 0);
}

/** The chart's data as a table: the text alternative and the CSV. Raw numbers. */
export function specTable(spec: ChartSpec): { header: string[]; rows: (string | number | null)[][]; formats: (ValueFormat | null)[] } {
  if (spec.kind === "category") {
    return {
      header: [spec.categoryLabel, ...spec.series.map((s) => s.name)],
      rows: spec.categories.map((c, i) => [c, ...spec.series.map((s) => s.values[i] ?? null)]),
      formats: [null, ...spec.series.map((s) => s.format)],
    };
  }
  if (spec.kind === "sankey") {
    return {
      header: [spec.sourceLabel, spec.targetLabel, spec.valueLabel],
      rows: spec.links.map((l) => [l.source, l.target, l.value]),
      formats: [null, null, spec.format],
    };
  }
  if (spec.kind === "heatmap") {
    const grid = new Map(spec.cells.map((c) => [`${c.y}:${c.x}`, c.value]));
    return {
      header: [spec.yLabel, ...spec.x],
      rows: spec.y.map((y, yi) => [y, ...spec.x.map((_, xi) => grid.get(`${yi}:${xi}`) ?? null)]),
      formats: [null, ...spec.x.map(() => spec.format)],
    };
  }
  return {
    header: [spec.categoryLabel, spec.valueLabel],
    rows: spec.items.map((i) => [i.name, i.value]),
    formats: [null, spec.format],
  };
}

/** One sentence for screen readers: the largest values (or the first and last of a trend). */
export function specSummary(spec: ChartSpec, fmt: Formatter, words: { top: string; from: string; to: string; none: string }): string {
  if (!hasData(spec)) return words.none;
  if (spec.kind === "category") {
    const main = spec.series[0]!;
    const isTrend = spec.categories.length > 6 && !spec.horizontal && main.type !== "bar";
    if (isTrend || /^\d{4}-\d{2}-\d{2}$/.test(spec.categories[0] ?? "")) {
      const n = spec.categories.length;
      return spec.series
        .map((s) => `${s.name}: ${words.from} ${spec.categories[0]} ${fmt(s.values[0] ?? null, s.format)} ${words.to} ${spec.categories[n - 1]} ${fmt(s.values[n - 1] ?? null, s.format)}`)
        .join("; ");
    }
    const ranked = spec.categories.map((c, i) => [c, main.values[i] ?? 0] as const).sort((a, b) => b[1] - a[1]).slice(0, 3);
    return `${main.name} — ${words.top}: ${ranked.map(([c, v]) => `${c} ${fmt(v, main.format)}`).join(", ")}`;
  }
  if (spec.kind === "sankey") {
    const top = [...spec.links].sort((a, b) => b.value - a.value).slice(0, 3);
    return `${spec.valueLabel} — ${words.top}: ${top.map((l) => `${l.source} → ${l.target} ${fmt(l.value, spec.format)}`).join(", ")}`;
  }
  if (spec.kind === "heatmap") {
    const top = spec.cells.filter((c) => c.value !== null).sort((a, b) => b.value! - a.value!).slice(0, 3);
    return `${spec.valueLabel} — ${words.top}: ${top.map((c) => `${spec.y[c.y]} · ${spec.x[c.x]} ${fmt(c.value, spec.format)}`).join(", ")}`;
  }
  const ranked = [...spec.items].sort((a, b) => b.value - a.value).slice(0, 3);
  return `${spec.valueLabel} — ${words.top}: ${ranked.map((i) => `${i.name} ${fmt(i.value, spec.format)}`).join(", ")}`;
}

/** RFC 4180 CSV with a UTF-8 BOM (Excel opens Chinese correctly), formula-safe cells. */
export function specCsv(spec: ChartSpec): string {
  const { header, rows } = specTable(spec);
  return UTF8_BOM + [header, ...rows].map((r) => csvLine(r)).join("");
}
