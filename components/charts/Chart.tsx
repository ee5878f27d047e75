"use client";
// The one chart component. ECharts is imported modularly (echarts/core plus the
// four chart types and the components used), drawn on a canvas by echarts-for-react's
// core binding. Around the canvas: a PNG download (the chart's own image) and a CSV
// download of its data (UTF-8 with BOM, built in the browser), and the text
// alternative — the canvas sits in role="img" with a one-line summary, and the full
// data is a table in a <details> under it. A click on a province, city or store
// follows its drill-down link; the table carries the same links for keyboards.
import { useEffect, useMemo, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import * as echarts from "echarts/core";
import { BarChart, HeatmapChart, LineChart, MapChart, PieChart, SankeyChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from "echarts/components";
import { CanvasRenderer } from "echarts/renderers";
import ReactEChartsCore from "echarts-for-react/lib/core";
import { buildOption, MAP_NAME } from "@/components/charts/options";
import { hasData, makeFormatter, specCsv, specSummary, specTable, type ChartSpec } from "@/components/charts/spec";

echarts.use([BarChart, LineChart, PieChart, MapChart, SankeyChart, HeatmapChart, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

export type ChartLabels = {
  png: string; csv: string; table: string; hours: string; noData: string;
  top: string; from: string; to: string; mapFailed: string;
};

type Props = {
  spec: ChartSpec;
  title: string;
  /** File name without extension for the downloads. */
  fileName: string;
  locale: string;
  currency: string;
  labels: ChartLabels;
  height?: number;
  testId?: string;
  /** "dark": the big screen's colours (light text, no white PNG background). */
  theme?: "light" | "dark";
};

let mapLoad: Promise<void> | null = null;
/** The China province map (vendored from Apache ECharts 4.9.0, public/maps/NOTICE.txt), registered once. */
function loadChinaMap(): Promise<void> {
  mapLoad ??= fetch("/maps/china.json")
    .then((r) => {
      if (!r.ok) throw new Error(`map ${r.status}`);
      return r.json();
    })
    .then((geo) => echarts.registerMap(MAP_NAME, geo))
    .catch((err) => {
      mapLoad = null;
      throw err;
    });
  return mapLoad;
}

function download(name: string, href: string) {
  const a = document.createElement("a");
  a.href = href;
  a.download = name;
  a.rel = "noopener";
  document.body.appendChild(a);
  a.click();
  a.remove();
}

export function Chart({ spec, title, fileName, locale, currency, labels, height = 320, testId, theme = "light" }: Props) {
  const router = useRouter();
  const ref = useRef<ReactEChartsCore>(null);
  const [mapState, setMapState] = useState<"loading" | "ready" | "failed">(spec.kind === "map" ? "loading" : "ready");
  const fmt = useMemo(() => makeFormatter(locale, currency, labels.hours), [locale, currency, labels.hours]);
  const option = useMemo(() => buildOption(spec, fmt, theme), [spec, fmt, theme]);
  const table = useMemo(() => specTable(spec), [spec]);
  const summary = specSummary(spec, fmt, { top: labels.top, from: labels.from, to: labels.to, none: labels.noData });
  const some = hasData(spec);

  useEffect(() => {
    if (spec.kind !== "map") return;
    let live = true;
    loadChinaMap().then(() => live && setMapState("ready"), () => live && setMapState("failed"));
    return () => {
      live = false;
    };
  }, [spec.kind]);

  const links = useMemo(() => {
    const m = new Map<string, string>();
    if (spec.kind === "category") spec.categories.forEach((c, i) => spec.links?.[i] && m.set(c, spec.links[i]!));
    else if (spec.kind === "pie" || spec.kind === "map") spec.items.forEach((i) => i.href && m.set(i.name, i.href));
    return m;
  }, [spec]);
  const onEvents = useMemo(
    () => ({
      click: (p: { name?: string }) => {
        const href = p.name ? links.get(p.name) : undefined;
        if (href) router.push(href);
      },
    }),
    [links, router],
  );

  function savePng() {
    const chart = ref.current?.getEchartsInstance();
    if (!chart) return;
    download(`${fileName}.png`, chart.getDataURL({ type: "png", pixelRatio: 2, backgroundColor: theme === "dark" ? "#020617" : "#ffffff" }));
  }

  function saveCsv() {
    const url = URL.createObjectURL(new Blob([specCsv(spec)], { type: "text/csv;charset=utf-8" }));
    download(`${fileName}.csv`, url);
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  const canDraw = some && mapState === "ready";
  return (
    <div data-testid={testId} data-chart-kind={spec.kind}>
      <div className="mb-2 flex flex-wrap justify-end gap-2">
        <button type="button" onClick={savePng} disabled={!canDraw} aria-label={`${labels.png}: ${title}`} data-testid="chart-png"
          className="rounded border border-slate-400 bg-white px-2 py-1 text-xs font-medium text-slate-800 hover:bg-slate-100 disabled:opacity-60">
          {labels.png}
        </button>
        <button type="button" onClick={saveCsv} disabled={!some} aria-label={`${labels.csv}: ${title}`} data-testid="chart-csv"
          className="rounded border border-slate-400 bg-white px-2 py-1 text-xs font-medium text-slate-800 hover:bg-slate-100 disabled:opacity-60">
          {labels.csv}
        </button>
      </div>
      {!some ? (
        <p className={`flex items-center justify-center rounded border border-dashed border-slate-300 text-sm ${theme === "dark" ? "text-slate-200" : "text-slate-700"}`} style={{ height }} data-testid="chart-empty">
          {labels.noData}
        </p>
      ) : (
        <div role="img" aria-label={`${title}. ${summary}`} style={{ height }} data-testid="chart-canvas">
          {mapState === "failed" ? (
            <p className={`p-4 text-sm ${theme === "dark" ? "text-slate-200" : "text-slate-700"}`}>{labels.mapFailed}</p>
          ) : canDraw ? (
            <ReactEChartsCore ref={ref} echarts={echarts} option={option} notMerge lazyUpdate={false} onEvents={onEvents}
              style={{ height, width: "100%" }} opts={{ renderer: "canvas" }} />
          ) : null}
        </div>
      )}
      {some ? (
        <details className="mt-2 text-sm">
          <summary className={`cursor-pointer underline ${theme === "dark" ? "text-sky-300" : "text-blue-800"}`}>{labels.table}</summary>
          <div className="mt-2 max-h-80 overflow-auto">
            <table className="w-full border-collapse text-left text-sm">
              <caption className="sr-only">{title}</caption>
              <thead>
                <tr>{table.header.map((h, i) => <th key={i} scope="col" className="border-b border-slate-300 px-2 py-1 font-semibold">{h}</th>)}</tr>
              </thead>
              <tbody>
                {table.rows.map((row, i) => (
                  <tr key={i} className="border-b border-slate-100">
                    {row.map((v, j) => {
                      const href = j === 0 ? links.get(String(v)) : undefined;
                      const text = j === 0 || typeof v === "string" ? String(v) : fmt(typeof v === "number" ? v : null, table.formats[j] ?? "count", true);
                      return j === 0 ? (
                        <th key={j} scope="row" className="px-2 py-1 font-normal">
                          {href ? <a className={`underline ${theme === "dark" ? "text-sky-300" : "text-blue-800"}`} href={href}>{text}</a> : text}
                        </th>
                      ) : (
                        <td key={j} className="px-2 py-1 tabular-nums">{text}</td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      ) : null}
    </div>
  );
}
