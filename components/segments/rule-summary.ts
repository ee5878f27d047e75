// A rule tree in words for the segment page: "any of (City is one of 北京, 上海; …)".
import type { Translate } from "@/lib/i18n/translate";
import type { RuleCondition, RuleGroup } from "@/lib/segments/rule-tree";

function valuesOf(c: RuleCondition, t: Translate, names: Record<string, string>): string {
  const r = c as Record<string, unknown>;
  const parts: string[] = [];
  if (Array.isArray(r.values)) {
    parts.push((r.values as unknown[]).map((v) => {
      const s = String(v);
      if (c.field === "rfmSegment") return t(`customers.segment.${s}`);
      if (c.field === "churnRisk") return t(`segments.churn.${s}`);
      return names[s] ?? s;
    }).join(", "));
  }
  if (typeof r.channel === "string") parts.push(names[r.channel] ?? r.channel);
  if (r.value !== undefined) parts.push(r.value2 !== undefined ? `${String(r.value)} – ${String(r.value2)}` : String(r.value));
  if (typeof r.days === "number") parts.push(`${t("segments.builder.days")} ${r.days}`);
  return parts.join(" · ");
}

export function ruleSummary(g: RuleGroup, t: Translate, names: Record<string, string>): string {
  const items = g.children.map((c) => (c.type === "group"
    ? `(${ruleSummary(c, t, names)})`
    : `${t(`segments.builder.field.${c.field}`)} ${t(`segments.builder.op.${c.op}`)} ${valuesOf(c, t, names)}`));
  if (!items.length) return t("segments.definition.everyone");
  return `${t(`segments.builder.summary.${g.op}`)}: ${items.join("; ")}`;
}
