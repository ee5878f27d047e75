// ChartSpec → ECharts option. Pure (unit-tested), so the client component only
// creates the instance and hands it this. Colours are the app's palette, chosen to
// stay apart for the common colour-vision deficiencies and on white.
import type { EChartsCoreOption } from "echarts/core";
import type { ChartSpec, Formatter, Series } from "@/components/charts/spec";

export const PALETTE = ["#1d4ed8", "#ea580c", "#059669", "#9333ea", "#dc2626", "#0891b2", "#ca8a04", "#4b5563", "#db2777", "#65a30d"];

export const MAP_NAME = "china";

/** Tooltips are HTML: names come from tenant data (store and product names), so escape them. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

type TooltipParam = { seriesIndex?: number; seriesName?: string; name?: string; value?: unknown; marker?: string; percent?: number };

/** Text and line colours on the dark big screen (contrast ≥ 4.5 on slate-950). */
const DARK = { text: "#e2e8f0", line: "#475569" };

export function buildOption(spec: ChartSpec, fmt: Formatter, theme: "light" | "dark" = "light"): EChartsCoreOption {
  const option = buildLightOption(spec, fmt);
  if (theme === "light") return option;
  // The same option on a dark background: light text, muted grid lines, a palette that reads on dark.
  const axis = (a: unknown) => (Array.isArray(a) ? a : a ? [a] : []).map((x: Record<string, unknown>) => ({
    ...x, axisLabel: { ...(x.axisLabel as object), color: DARK.text }, axisLine: { lineStyle: { color: DARK.line } },
    splitLine: { ...(x.splitLine as object), lineStyle: { color: DARK.line } },
  }));
  return {
    ...option,
    color: DARK_PALETTE,
    textStyle: { fontFamily: "inherit", color: DARK.text },
    legend: option.legend ? { ...(option.legend as object), textStyle: { color: DARK.text } } : undefined,
    ...(option.xAxis ? { xAxis: axis(option.xAxis) } : {}),
    ...(option.yAxis ? { yAxis: axis(option.yAxis) } : {}),
    ...(option.visualMap ? { visualMap: { ...(option.visualMap as object), textStyle: { color: DARK.text } } } : {}),
  };
}

export const DARK_PALETTE = ["#60a5fa", "#fb923c", "#34d399", "#c084fc", "#f87171", "#22d3ee", "#facc15", "#cbd5e1", "#f472b6", "#a3e635"];

function buildLightOption(spec: ChartSpec, fmt: Formatter): EChartsCoreOption {
  const base = { color: PALETTE, animation: false, textStyle: { fontFamily: "inherit" } };
  if (spec.kind === "sankey") {
    const names = [...new Set(spec.links.flatMap((l) => [l.source, l.target]))];
    return {
      ...base,
      tooltip: {
        trigger: "item",
        formatter: (p: TooltipParam & { dataType?: string; data?: { source?: string; target?: string; value?: number } }) =>
          p.dataType === "edge"
            ? `${escapeHtml(String(p.data?.source ?? ""))} → ${escapeHtml(String(p.data?.target ?? ""))}: ${fmt(Number(p.data?.value ?? 0), spec.format, true)}`
            : `${escapeHtml(String(p.name ?? ""))}: ${fmt(Number(p.value ?? 0), spec.format, true)}`,
      },
      series: [{
        type: "sankey", left: 8, right: 120, top: 12, bottom: 12, nodeGap: 10, draggable: false,
        emphasis: { focus: "adjacency" }, lineStyle: { color: "gradient", opacity: 0.45 },
        label: { color: "inherit" },
        data: names.map((name) => ({ name })),
        links: spec.links.filter((l) => l.value > 0).map((l) => ({ source: l.source, target: l.target, value: l.value })),
      }],
    };
  }
  if (spec.kind === "heatmap") {
    const values = spec.cells.map((c) => c.value).filter((v): v is number => v !== null);
    const max = Math.max(spec.format === "percent" ? 0.01 : 1, ...values);
    return {
      ...base,
      grid: { left: 12, right: 12, top: 12, bottom: 56, containLabel: true },
      tooltip: { trigger: "item", formatter: (p: TooltipParam & { data?: [number, number, number | null] }) => {
        const [x, y, v] = p.data ?? [0, 0, null];
        return `${escapeHtml(spec.y[y] ?? "")} · ${escapeHtml(spec.x[x] ?? "")}: ${fmt(v, spec.format, true)}`;
      } },
      xAxis: { type: "category", data: spec.x, name: spec.xLabel, nameLocation: "middle", nameGap: 28, splitArea: { show: true } },
      yAxis: { type: "category", data: spec.y, inverse: true, splitArea: { show: true } },
      visualMap: {
        min: 0, max, calculable: false, orient: "horizontal", left: "center", bottom: 0, itemHeight: 120,
        text: [fmt(max, spec.format), fmt(0, spec.format)], inRange: { color: ["#eff6ff", "#93c5fd", "#1d4ed8", "#1e3a8a"] },
      },
      series: [{
        type: "heatmap", name: spec.valueLabel,
        data: spec.cells.filter((c) => c.value !== null).map((c) => [c.x, c.y, c.value]),
        label: { show: spec.x.length <= 13, formatter: (p: { data?: [number, number, number] }) => fmt(p.data?.[2] ?? null, spec.format), fontSize: 10 },
      }],
    };
  }
  if (spec.kind === "pie") {
    return {
      ...base,
      tooltip: { trigger: "item", formatter: (p: TooltipParam) => `${p.marker ?? ""}${escapeHtml(String(p.name ?? ""))}: ${fmt(Number(p.value), spec.format, true)} (${(p.percent ?? 0).toFixed(1)}%)` },
      legend: { type: "scroll", bottom: 0 },
      series: [{
        type: "pie", radius: ["30%", "55%"], center: ["50%", "45%"], avoidLabelOverlap: true,
        label: { formatter: "{b}\n{d}%", overflow: "break", width: 90 },
        data: spec.items.map((i) => ({ name: i.name, value: i.value })),
      }],
    };
  }
  if (spec.kind === "map") {
    const max = Math.max(1, ...spec.items.map((i) => i.value));
    return {
      ...base,
      tooltip: { trigger: "item", formatter: (p: TooltipParam) => `${escapeHtml(String(p.name ?? ""))}: ${fmt(Number.isFinite(Number(p.value)) ? Number(p.value) : 0, spec.format, true)}` },
      visualMap: {
        min: 0, max, left: 8, bottom: 8, calculable: true, text: [fmt(max, spec.format), fmt(0, spec.format)],
        inRange: { color: ["#dbeafe", "#60a5fa", "#1d4ed8", "#1e3a8a"] },
      },
      series: [{
        type: "map", map: MAP_NAME, roam: false, name: spec.valueLabel,
        label: { show: false }, emphasis: { label: { show: true } },
        itemStyle: { borderColor: "#94a3b8", areaColor: "#f1f5f9" },
        data: spec.items.map((i) => ({ name: i.name, value: i.value })),
      }],
    };
  }
  const axes = [0, 1].filter((a) => spec.series.some((s) => (s.axis ?? 0) === a));
  const valueAxis = axes.map((a) => {
    const first = spec.series.find((s) => (s.axis ?? 0) === a)!;
    return {
      type: "value", position: a === 0 ? (spec.horizontal ? "bottom" : "left") : (spec.horizontal ? "top" : "right"),
      minInterval: first.format === "count" ? 1 : undefined, max: first.format === "percent" ? 1 : undefined,
      axisLabel: { formatter: (v: number) => fmt(v, first.format) }, splitLine: { show: a === 0 },
    };
  });
  const categoryAxis = {
    type: "category", data: spec.categories, inverse: Boolean(spec.horizontal),
    axisLabel: spec.horizontal ? { width: 140, overflow: "truncate" } : { hideOverlap: true },
  };
  const seriesOf = (s: Series) => ({
    name: s.name, type: s.type ?? "bar", data: s.values, stack: s.stack,
    ...(spec.horizontal ? { xAxisIndex: s.axis ?? 0 } : { yAxisIndex: s.axis ?? 0 }),
    ...(s.type === "line" ? { symbol: spec.categories.length > 40 ? "none" : "circle", smooth: false, lineStyle: s.dashed ? { type: "dashed" } : undefined } : { barMaxWidth: 36 }),
  });
  return {
    ...base,
    grid: { left: 12, right: 12, top: 36, bottom: spec.series.length > 1 ? 40 : 12, containLabel: true },
    legend: spec.series.length > 1 ? { bottom: 0, type: "scroll" } : undefined,
    tooltip: {
      trigger: "axis", axisPointer: { type: spec.series.some((s) => s.type === "line") ? "line" : "shadow" },
      formatter: (ps: TooltipParam[]) => {
        const list = Array.isArray(ps) ? ps : [ps];
        const head = escapeHtml(String(list[0]?.name ?? ""));
        return [head, ...list.map((p) => `${p.marker ?? ""}${escapeHtml(String(p.seriesName ?? ""))}: ${fmt(p.value === null || p.value === undefined ? null : Number(p.value), spec.series[p.seriesIndex ?? 0]?.format ?? "count", true)}`)].join("<br/>");
      },
    },
    xAxis: spec.horizontal ? valueAxis : categoryAxis,
    yAxis: spec.horizontal ? categoryAxis : valueAxis,
    series: spec.series.map(seriesOf),
  };
}
