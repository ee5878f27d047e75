// What a segment is, stored in segments.definition (jsonb) and validated here on
// the way in and on the way out (a row written by an older version reads as
// "invalid definition", never as a crash).
//
//   dynamic  a saved filter: the customer list's filters (lib/customers/filters.ts)
//            plus RFM segment, churn-risk level and a CLV range from the latest scores;
//            recomputed on refresh; or a rule tree of AND/OR groups (rule-tree.ts).
//   static   members fixed once: a snapshot of a filter, or an uploaded list of
//            phones / external ids (cleaned like an import, lib/import/clean/phone.ts).
//   model    scores: churn risk in a set AND predicted CLV in the tenant's top p%.
//   basket   bought product/category A, not B (paid, not refunded orders), from order items.
import { z } from "zod";
import { CHURN_LEVELS, FILTER_FIELDS, FILTER_NAMES, type CustomerFilters } from "@/lib/customers/filters";
import { RFM_SEGMENTS } from "@/lib/analytics/rfm/segments";
import { ruleTreeSchema } from "@/lib/segments/rule-tree";

export const SEGMENT_KINDS = ["dynamic", "static", "model", "basket"] as const;
export type SegmentKind = (typeof SEGMENT_KINDS)[number];

export function isSegmentKind(v: unknown): v is SegmentKind {
  return typeof v === "string" && (SEGMENT_KINDS as readonly string[]).includes(v);
}

const filtersSchema = z.object(
  Object.fromEntries(FILTER_NAMES.map((n) => [n, FILTER_FIELDS[n].optional()])) as { [K in keyof typeof FILTER_FIELDS]: z.ZodOptional<(typeof FILTER_FIELDS)[K]> },
).strict();

const money = z.number().finite().min(0).max(1e12);

export const scoreConditionsSchema = z.object({
  rfmSegments: z.array(z.enum(RFM_SEGMENTS)).max(RFM_SEGMENTS.length).default([]),
  churnRisk: z.array(z.enum(CHURN_LEVELS)).max(CHURN_LEVELS.length).default([]),
  clvMin: money.optional(),
  clvMax: money.optional(),
});

/**
 * `rules`: the rule builder's AND/OR tree (lib/segments/rule-tree.ts), ANDed with
 * the filters and score conditions; definitions saved before the builder have none
 * and mean exactly what they meant (a single AND of their filters).
 */
export const dynamicSchema = z.object({ filters: filtersSchema.default({}), rules: ruleTreeSchema.optional() }).extend(scoreConditionsSchema.shape);
export type DynamicDefinition = z.infer<typeof dynamicSchema> & { filters: CustomerFilters };

export const staticSchema = z.object({
  source: z.enum(["snapshot", "list"]),
  /** snapshot: the filter it was taken with */
  snapshot: dynamicSchema.optional(),
  /** list: what the upload matched */
  listReport: z.object({ lines: z.number().int(), matched: z.number().int(), unmatched: z.array(z.string()).max(50), unmatchedCount: z.number().int() }).optional(),
});
export type StaticDefinition = z.infer<typeof staticSchema>;

export const modelSchema = z.object({
  churnRisk: z.array(z.enum(CHURN_LEVELS)).max(CHURN_LEVELS.length).default([]),
  /** predicted CLV in the top p% of the tenant's scored customers */
  clvTopPercent: z.number().min(1).max(100).optional(),
});
export type ModelDefinition = z.infer<typeof modelSchema>;

export const basketSide = z.discriminatedUnion("type", [
  z.object({ type: z.literal("product"), productId: z.guid() }),
  z.object({ type: z.literal("category"), category: z.string().trim().min(1).max(100) }),
]);
export type BasketSide = z.infer<typeof basketSide>;
export const basketSchema = z.object({
  bought: basketSide,
  notBought: basketSide,
  /** only orders of the last n days (none: all history) */
  sinceDays: z.number().int().min(1).max(3650).optional(),
});
export type BasketDefinition = z.infer<typeof basketSchema>;

export type SegmentDefinition =
  | { kind: "dynamic"; def: DynamicDefinition }
  | { kind: "static"; def: StaticDefinition }
  | { kind: "model"; def: ModelDefinition }
  | { kind: "basket"; def: BasketDefinition };

/** A stored definition read back; null when the kind is not one of ours or the JSON does not fit it. */
export function readDefinition(kind: string, json: unknown): SegmentDefinition | null {
  const schema = { dynamic: dynamicSchema, static: staticSchema, model: modelSchema, basket: basketSchema }[kind as SegmentKind];
  if (!schema) return null;
  const parsed = schema.safeParse(json);
  return parsed.success ? ({ kind, def: parsed.data } as SegmentDefinition) : null;
}
