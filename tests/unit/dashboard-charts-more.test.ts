// The Sankey and heatmap chart specs (tier / segment migration, cohort retention)
// and the big screen's dark theme: the option ECharts gets, the text alternative
// and the CSV all come from the same spec.
import { describe, expect, it } from "vitest";
import { buildOption, DARK_PALETTE } from "@/components/charts/options";
import { hasData, makeFormatter, specCsv, specSummary, specTable, type HeatmapChartSpec, type SankeyChartSpec } from "@/components/charts/spec";

const fmt = makeFormatter("en", "CNY", "h");
const words = { top: "largest", from: "from", to: "to", none: "no data" };

const sankey: SankeyChartSpec = {
  kind: "sankey", sourceLabel: "From tier", targetLabel: "To tier", valueLabel: "Members", format: "count",
  links: [
    { source: "Silver (before)", target: "Gold (after)", value: 12 },
    { source: "Gold (before)", target: "Silver (after)", value: 3 },
    { source: "<b>x</b> (before)", target: "Gold (after)", value: 0 },
  ],
};

const heatmap: HeatmapChartSpec = {
  kind: "heatmap", xLabel: "Months after", yLabel: "Cohort", valueLabel: "Retention", format: "percent",
  x: ["M0", "M1", "M2"], y: ["2026-01", "2026-02"],
  cells: [{ x: 0, y: 0, value: 1 }, { x: 1, y: 0, value: 0.25 }, { x: 2, y: 0, value: null }, { x: 0, y: 1, value: 1 }, { x: 1, y: 1, value: null }],
};

describe("sankey", () => {
  it("draws each node once and only the flows with members (a tier moving both ways stays acyclic)", () => {
    const option = buildOption(sankey, fmt) as { series: { type: string; data: { name: string }[]; links: unknown[] }[] };
    expect(option.series[0]!.type).toBe("sankey");
    expect(option.series[0]!.data.map((d) => d.name).sort()).toEqual(["<b>x</b> (before)", "Gold (after)", "Gold (before)", "Silver (after)", "Silver (before)"]);
    expect(option.series[0]!.links).toEqual([
      { source: "Silver (before)", target: "Gold (after)", value: 12 },
      { source: "Gold (before)", target: "Silver (after)", value: 3 },
    ]);
  });

  it("has a table, a summary and a CSV of its flows", () => {
    expect(hasData(sankey)).toBe(true);
    expect(hasData({ ...sankey, links: [] })).toBe(false);
    expect(specTable(sankey).header).toEqual(["From tier", "To tier", "Members"]);
    expect(specTable(sankey).rows[0]).toEqual(["Silver (before)", "Gold (after)", 12]);
    expect(specSummary(sankey, fmt, words)).toBe("Members — largest: Silver (before) → Gold (after) 12, Gold (before) → Silver (after) 3, <b>x</b> (before) → Gold (after) 0");
    expect(specCsv(sankey).split("\r\n")[1]).toBe("Silver (before),Gold (after),12");
  });

  it("escapes tenant names in its tooltip", () => {
    const option = buildOption(sankey, fmt) as { tooltip: { formatter: (p: unknown) => string } };
    expect(option.tooltip.formatter({ dataType: "edge", data: { source: "<b>x</b>", target: "Gold", value: 2 } })).toBe("&lt;b&gt;x&lt;/b&gt; → Gold: 2");
  });
});

describe("heatmap", () => {
  it("gives ECharts [x, y, value] cells without the empty ones", () => {
    const option = buildOption(heatmap, fmt) as { series: { type: string; data: unknown[] }[]; visualMap: { max: number } };
    expect(option.series[0]!.type).toBe("heatmap");
    expect(option.series[0]!.data).toEqual([[0, 0, 1], [1, 0, 0.25], [0, 1, 1]]);
    expect(option.visualMap.max).toBe(1);
  });

  it("reads as a grid: one row per cohort, a column per month, empty cells left empty", () => {
    expect(specTable(heatmap)).toEqual({
      header: ["Cohort", "M0", "M1", "M2"],
      rows: [["2026-01", 1, 0.25, null], ["2026-02", 1, null, null]],
      formats: [null, "percent", "percent", "percent"],
    });
    expect(hasData({ ...heatmap, cells: [{ x: 0, y: 0, value: null }] })).toBe(false);
    expect(specSummary(heatmap, fmt, words)).toBe("Retention — largest: 2026-01 · M0 100.0%, 2026-02 · M0 100.0%, 2026-01 · M1 25.0%");
  });
});

describe("the dark theme", () => {
  it("uses light text and the dark palette on every axis and the legend", () => {
    const spec = { kind: "category" as const, categoryLabel: "Day", categories: ["a", "b"], series: [
      { name: "Revenue", values: [1, 2], format: "money" as const }, { name: "Orders", values: [3, 4], format: "count" as const, type: "line" as const, axis: 1 as const },
    ] };
    const dark = buildOption(spec, fmt, "dark") as { color: string[]; textStyle: { color: string }; legend: { textStyle: { color: string } }; xAxis: { axisLabel: { color: string } }[]; yAxis: { axisLabel: { color: string } }[] };
    expect(dark.color).toEqual(DARK_PALETTE);
    expect(dark.textStyle.color).toBe("#e2e8f0");
    expect(dark.legend.textStyle.color).toBe("#e2e8f0");
    expect(dark.xAxis.every((a) => a.axisLabel.color === "#e2e8f0")).toBe(true);
    expect(dark.yAxis).toHaveLength(2);
    expect(dark.yAxis.every((a) => a.axisLabel.color === "#e2e8f0")).toBe(true);
    const light = buildOption(spec, fmt) as { color: string[] };
    expect(light.color[0]).toBe("#1d4ed8");
  });
});
