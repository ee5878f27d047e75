// A segment's definition in words: each condition as "what: value", ids shown by name.
import type { Translate } from "@/lib/i18n/translate";
import { ruleSummary } from "@/components/segments/rule-summary";
import type { DynamicDefinition, SegmentDefinition, BasketSide } from "@/lib/segments/definition";

export type NameLookup = Record<string, string>;

function dynamicLines(d: DynamicDefinition, t: Translate, names: NameLookup): [string, string][] {
  const out: [string, string][] = [];
  for (const [k, v] of Object.entries(d.filters)) {
    if (!v) continue;
    const key = k === "q" ? "customers.search.label" : `customers.filter.${k}`;
    out.push([t(key), names[v] ?? v]);
  }
  if (d.rfmSegments.length) out.push([t("segments.field.rfmSegments"), d.rfmSegments.map((s) => t(`customers.segment.${s}`)).join(", ")]);
  if (d.churnRisk.length) out.push([t("segments.field.churnRisk"), d.churnRisk.map((s) => t(`segments.churn.${s}`)).join(", ")]);
  if (d.clvMin !== undefined) out.push([t("segments.field.clvMin"), String(d.clvMin)]);
  if (d.clvMax !== undefined) out.push([t("segments.field.clvMax"), String(d.clvMax)]);
  if (d.rules) out.push([t("segments.builder.rules"), ruleSummary(d.rules, t, names)]);
  return out;
}

const side = (s: BasketSide, t: Translate, names: NameLookup) =>
  s.type === "product" ? `${t("segments.basket.product")} ${names[s.productId] ?? s.productId}` : `${t("segments.basket.category")} ${s.category}`;

export function DefinitionSummary({ def, t, names }: { def: SegmentDefinition | null; t: Translate; names: NameLookup }) {
  if (!def) return <p className="text-sm text-amber-900">{t("segments.error.definitionUnreadable")}</p>;
  let lines: [string, string][] = [];
  if (def.kind === "dynamic") lines = dynamicLines(def.def, t, names);
  if (def.kind === "static") {
    if (def.def.source === "list" && def.def.listReport) {
      const r = def.def.listReport;
      lines = [[t("segments.static.source"), t("segments.static.list")], [t("segments.list.lines"), String(r.lines)], [t("segments.list.matched"), String(r.matched)],
        [t("segments.list.unmatched"), r.unmatchedCount ? `${r.unmatchedCount}: ${r.unmatched.join(", ")}${r.unmatchedCount > r.unmatched.length ? " …" : ""}` : "0"]];
    } else {
      lines = [[t("segments.static.source"), t("segments.static.snapshot")], ...(def.def.snapshot ? dynamicLines(def.def.snapshot as DynamicDefinition, t, names) : [])];
    }
  }
  if (def.kind === "model") {
    if (def.def.churnRisk.length) lines.push([t("segments.field.churnRisk"), def.def.churnRisk.map((s) => t(`segments.churn.${s}`)).join(", ")]);
    if (def.def.clvTopPercent !== undefined) lines.push([t("segments.field.clvTopPercent"), `${def.def.clvTopPercent}%`]);
  }
  if (def.kind === "basket") {
    lines = [[t("segments.field.bought"), side(def.def.bought, t, names)], [t("segments.field.notBought"), side(def.def.notBought, t, names)]];
    if (def.def.sinceDays) lines.push([t("segments.field.sinceDays"), String(def.def.sinceDays)]);
  }
  if (!lines.length) return <p className="text-sm text-slate-700">{t("segments.definition.everyone")}</p>;
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm" data-testid="segment-definition">
      {lines.map(([k, v], i) => (
        <div key={i} className="contents"><dt className="font-medium text-slate-800">{k}</dt><dd className="text-slate-900">{v}</dd></div>
      ))}
    </dl>
  );
}
