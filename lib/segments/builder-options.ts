// What the rule builder offers in its selects (small tables only), and the trees
// the overview's "save as segment" links open it with (?preset=rfm:champions,
// churn:high, cluster:2).
import type { AuthContext } from "@/lib/auth/context";
import { KNOWN_CHANNELS } from "@/lib/customers/channels";
import { INTERACTION_CHANNELS } from "@/lib/customers/schemas";
import { customerFilterOptions } from "@/lib/customers/queries";
import { withTenant } from "@/lib/db/tenant";
import { isRfmSegment } from "@/lib/analytics/rfm/segments";
import { CHURN_LEVELS } from "@/lib/customers/filters";
import { basketOptions } from "@/lib/segments/queries";
import { emptyTree, type RuleGroup } from "@/lib/segments/rule-tree";

export type Option = { value: string; label: string };
export type BuilderOptions = {
  stores: Option[]; tags: Option[]; tiers: Option[]; departments: Option[]; products: Option[];
  categories: string[]; provinces: string[]; cities: string[]; channels: string[]; interactionChannels: string[];
  clusters: { value: number; en: string; zh: string }[];
};

export async function builderOptions(ctx: AuthContext): Promise<BuilderOptions> {
  const [filters, basket, extra] = await Promise.all([
    customerFilterOptions(ctx),
    basketOptions(ctx),
    withTenant(ctx, async (tx) => ({
      departments: await tx.department.findMany({ select: { id: true, name: true }, orderBy: [{ name: "asc" }], take: 1000 }),
      clusters: await tx.clusterProfile.findMany({ select: { cluster: true, nameEn: true, nameZh: true }, orderBy: [{ cluster: "asc" }] }),
    })),
  ]);
  const opt = (xs: { id: string; name: string }[]) => xs.map((x) => ({ value: x.id, label: x.name }));
  return {
    stores: opt(filters.stores), tags: opt(filters.tags), tiers: opt(filters.tiers), departments: opt(extra.departments),
    products: basket.products.map((p) => ({ value: p.id, label: p.label })), categories: basket.categories,
    provinces: filters.provinces, cities: filters.cities, channels: [...KNOWN_CHANNELS], interactionChannels: [...INTERACTION_CHANNELS],
    clusters: extra.clusters.map((c) => ({ value: c.cluster, en: c.nameEn, zh: c.nameZh })),
  };
}

/** The one-condition tree of an overview row, or an empty tree. */
export function presetTree(preset: string | undefined): RuleGroup {
  const m = /^(rfm|churn|cluster):([a-z_0-9]+)$/.exec(preset ?? "");
  if (!m) return emptyTree();
  const [, kind, key] = m as unknown as [string, string, string];
  const one = (c: RuleGroup["children"][number]): RuleGroup => ({ type: "group", op: "and", children: [c] });
  if (kind === "rfm" && isRfmSegment(key)) return one({ type: "condition", field: "rfmSegment", op: "in", values: [key] });
  if (kind === "churn" && (CHURN_LEVELS as readonly string[]).includes(key)) {
    return one({ type: "condition", field: "churnRisk", op: "in", values: [key as (typeof CHURN_LEVELS)[number]] });
  }
  if (kind === "cluster" && /^\d{1,4}$/.test(key)) return one({ type: "condition", field: "cluster", op: "in", values: [Number(key)] });
  return emptyTree();
}
