import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildOption, escapeHtml } from "@/components/charts/options";
import { hasData, makeFormatter, specCsv, specSummary, specTable, type ChartSpec } from "@/components/charts/spec";

const fmt = makeFormatter("en", "CNY", "h");
const words = { top: "largest", from: "from", to: "to", none: "No data" };

const trend: ChartSpec = {
  kind: "category", categoryLabel: "Period", categories: ["2026-11-01", "2026-11-02"],
  series: [
    { name: "Revenue", values: [1200.5, 800], format: "money", type: "bar" },
    { name: "Orders", values: [3, 2], format: "count", type: "line", axis: 1 },
  ],
};

describe("chart specs", () => {
  it("format money, counts, rates and hours in the locale", () => {
    expect(fmt(1234.5, "money")).toBe("CN¥1,235");
    expect(fmt(1234.5, "money", true)).toBe("CN¥1,234.50");
    expect(fmt(0.1234, "percent")).toBe("12.3%");
    expect(fmt(12.345, "hours")).toBe("12.3 h");
    expect(fmt(null, "count")).toBe("—");
    expect(makeFormatter("zh-CN", "CNY", "小时")(1234, "money")).toBe("¥1,234");
  });

  it("give the data as a table and as CSV with a BOM, formula-safe", () => {
    expect(specTable(trend)).toEqual({ header: ["Period", "Revenue", "Orders"], rows: [["2026-11-01", 1200.5, 3], ["2026-11-02", 800, 2]], formats: [null, "money", "count"] });
    const csv = specCsv({ kind: "pie", categoryLabel: "Store", valueLabel: "Revenue", format: "money", items: [{ name: "=HYPERLINK(\"x\")", value: 5 }, { name: "广州, 天河", value: 7 }] });
    expect(csv).toBe("\uFEFFStore,Revenue\r\n\"'=HYPERLINK(\"\"x\"\")\",5\r\n\"广州, 天河\",7\r\n");
  });

  it("summarise for screen readers: a trend by its ends, a breakdown by its largest", () => {
    expect(specSummary(trend, fmt, words)).toBe("Revenue: from 2026-11-01 CN¥1,201 to 2026-11-02 CN¥800; Orders: from 2026-11-01 3 to 2026-11-02 2");
    const pie: ChartSpec = { kind: "pie", categoryLabel: "Channel", valueLabel: "Revenue", format: "money", items: [{ name: "a", value: 1 }, { name: "b", value: 3 }] };
    expect(specSummary(pie, fmt, words)).toBe("Revenue — largest: b CN¥3, a CN¥1");
    expect(specSummary({ ...pie, items: [] }, fmt, words)).toBe("No data");
    expect(hasData({ ...trend, series: [{ ...trend.series[0]!, values: [0, null] }] })).toBe(false);
  });
});

describe("ECharts options", () => {
  it("put a second series on the right axis and stack what asks to be stacked", () => {
    const o = buildOption(trend, fmt) as { yAxis: { position: string }[]; series: { type: string; yAxisIndex: number }[] };
    expect(o.yAxis.map((a) => a.position)).toEqual(["left", "right"]);
    expect(o.series.map((s) => [s.type, s.yAxisIndex])).toEqual([["bar", 0], ["line", 1]]);
    const h = buildOption({ ...trend, horizontal: true }, fmt) as { xAxis: { type: string }[]; yAxis: { type: string; inverse: boolean } };
    expect(h.xAxis.map((a) => a.type)).toEqual(["value", "value"]);
    expect(h.yAxis).toMatchObject({ type: "category", inverse: true });
  });

  it("escape tenant text in tooltips (they are HTML)", () => {
    const o = buildOption({ ...trend, categories: ["<img src=x onerror=alert(1)>", "b"] }, fmt) as { tooltip: { formatter: (p: unknown) => string } };
    const html = o.tooltip.formatter([{ name: "<img src=x onerror=alert(1)>", seriesName: "Revenue", value: 1, seriesIndex: 0, marker: "" }]);
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;img");
    expect(escapeHtml(`"'&`)).toBe("&quot;&#39;&amp;");
  });

  it("draw provinces on the vendored China map, whose names the rollups use", () => {
    const o = buildOption({ kind: "map", categoryLabel: "Province", valueLabel: "Customers", format: "count", items: [{ name: "广东", value: 10 }] }, fmt) as {
      series: { type: string; map: string; data: unknown[] }[]; visualMap: { max: number };
    };
    expect(o.series[0]).toMatchObject({ type: "map", map: "china", data: [{ name: "广东", value: 10 }] });
    expect(o.visualMap.max).toBe(10);
    const geo = JSON.parse(readFileSync("public/maps/china.json", "utf8")) as { features: { properties: { name: string } }[] };
    expect(geo.features.map((f) => f.properties.name)).toEqual(expect.arrayContaining(["广东", "内蒙古", "新疆", "北京", "香港"]));
  });
});

describe("the chart component", () => {
  it("imports ECharts modularly (echarts/core and the parts used), never the whole library", () => {
    const source = readFileSync("components/charts/Chart.tsx", "utf8");
    const imports = [...source.matchAll(/from "(echarts[^"]*)"/g)].map((m) => m[1]);
    expect(imports).toEqual(["echarts/core", "echarts/charts", "echarts/components", "echarts/renderers", "echarts-for-react/lib/core"]);
  });
});
