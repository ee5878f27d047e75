// The segment form (a plain form post) to a segment definition. Each field error
// is a message key (translated by the guard); nothing here touches the database.
import { z } from "zod";
import { FILTER_FIELDS, FILTER_NAMES, type CustomerFilters } from "@/lib/customers/filters";
import { AppError } from "@/lib/errors";
import {
  basketSchema, dynamicSchema, isSegmentKind, modelSchema, type BasketSide, type SegmentKind,
  type DynamicDefinition, type ModelDefinition, type BasketDefinition,
} from "@/lib/segments/definition";
import { MAX_LIST_LINES } from "@/lib/segments/list-upload";
import { parseRuleTree } from "@/lib/segments/rule-tree";

type Raw = Record<string, unknown>;
export type SegmentForm =
  | { name: string; kind: "dynamic"; def: DynamicDefinition }
  | { name: string; kind: "static"; source: "snapshot"; snapshot: DynamicDefinition }
  | { name: string; kind: "static"; source: "list"; listText: string }
  | { name: string; kind: "model"; def: ModelDefinition }
  | { name: string; kind: "basket"; def: BasketDefinition };

const str = (v: unknown) => (typeof v === "string" ? v.trim() : "");
const list = (v: unknown) => (Array.isArray(v) ? v : v === undefined ? [] : [v]).map(str).filter(Boolean);
const num = (v: unknown): number | undefined | "bad" => {
  const s = str(v).replace(/[,，¥￥\s]/g, "");
  if (!s) return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : "bad";
};

function dynamicFromForm(raw: Raw, errors: Record<string, string>): DynamicDefinition {
  const filters: CustomerFilters = {};
  for (const name of FILTER_NAMES) {
    const value = str(raw[name]);
    if (!value) continue;
    const parsed = FILTER_FIELDS[name].safeParse(value);
    // Every filter field parses to a string (see FILTER_FIELDS).
    if (parsed.success) (filters as Record<string, string>)[name] = parsed.data as string;
    else errors[name] = "segments.error.filterInvalid";
  }
  const clvMin = num(raw.clvMin);
  const clvMax = num(raw.clvMax);
  if (clvMin === "bad" || (clvMin !== undefined && clvMin < 0)) errors.clvMin = "segments.error.number";
  if (clvMax === "bad" || (clvMax !== undefined && clvMax < 0)) errors.clvMax = "segments.error.number";
  if (typeof clvMin === "number" && typeof clvMax === "number" && clvMin > clvMax) errors.clvMax = "segments.error.clvRange";
  const parsed = dynamicSchema.safeParse({
    filters, rfmSegments: list(raw.rfmSegments), churnRisk: list(raw.churnRisk),
    clvMin: typeof clvMin === "number" ? clvMin : undefined, clvMax: typeof clvMax === "number" ? clvMax : undefined,
  });
  if (!parsed.success) {
    errors.rfmSegments ??= "segments.error.choice";
    return { filters: {}, rfmSegments: [], churnRisk: [] };
  }
  const def = parsed.data as DynamicDefinition;
  // The rule builder posts its tree as JSON in `rules`.
  if (typeof raw.rules === "string" && raw.rules.trim()) {
    const tree = parseRuleTree(raw.rules);
    if (tree.ok) def.rules = tree.tree;
    else errors.rules = tree.error;
  }
  return def;
}

/** "product:<uuid>" or "category:<name>" from the basket selects. */
export function parseSide(v: unknown): BasketSide | null {
  const s = str(v);
  const m = /^(product|category):(.+)$/.exec(s);
  if (!m) return null;
  return m[1] === "product" ? { type: "product", productId: m[2]! } : { type: "category", category: m[2]! };
}
export const sideValue = (side: BasketSide) => (side.type === "product" ? `product:${side.productId}` : `category:${side.category}`);

export function segmentFromForm(raw: Raw, listText = ""): SegmentForm {
  const errors: Record<string, string> = {};
  const name = str(raw.name);
  if (!name) errors.name = "segments.error.nameRequired";
  else if (name.length > 100) errors.name = "segments.error.nameTooLong";
  const kind: SegmentKind | null = isSegmentKind(raw.kind) ? raw.kind : null;
  if (!kind) errors.kind = "segments.error.kind";
  let out: SegmentForm | null = null;
  if (kind === "dynamic") out = { name, kind, def: dynamicFromForm(raw, errors) };
  if (kind === "static") {
    if (str(raw.staticSource) === "list") {
      const text = listText || (typeof raw.listText === "string" ? raw.listText : "");
      const lines = text.split(/\r?\n/).filter((l) => l.trim()).length;
      if (!lines) errors.listText = "segments.error.listEmpty";
      else if (lines > MAX_LIST_LINES) errors.listText = "segments.error.listTooLong";
      out = { name, kind, source: "list", listText: text };
    } else {
      out = { name, kind, source: "snapshot", snapshot: dynamicFromForm(raw, errors) };
    }
  }
  if (kind === "model") {
    const top = num(raw.clvTopPercent);
    if (top === "bad" || (typeof top === "number" && (top < 1 || top > 100))) errors.clvTopPercent = "segments.error.percent";
    const parsed = modelSchema.safeParse({ churnRisk: list(raw.modelChurnRisk), clvTopPercent: typeof top === "number" ? top : undefined });
    if (!parsed.success) errors.modelChurnRisk ??= "segments.error.choice";
    else if (!parsed.data.churnRisk.length && parsed.data.clvTopPercent === undefined) errors.modelChurnRisk = "segments.error.modelEmpty";
    out = { name, kind, def: parsed.success ? parsed.data : { churnRisk: [] } };
  }
  if (kind === "basket") {
    const bought = parseSide(raw.bought);
    const notBought = parseSide(raw.notBought);
    const since = num(raw.sinceDays);
    if (!bought) errors.bought = "segments.error.basketSide";
    if (!notBought) errors.notBought = "segments.error.basketSide";
    if (since === "bad" || (typeof since === "number" && (!Number.isInteger(since) || since < 1 || since > 3650))) errors.sinceDays = "segments.error.days";
    if (bought && notBought && sideValueEq(bought, notBought)) errors.notBought = "segments.error.basketSame";
    const parsed = basketSchema.safeParse({ bought, notBought, sinceDays: typeof since === "number" ? since : undefined });
    if (!parsed.success && !errors.bought && !errors.notBought) errors.bought = "segments.error.basketSide";
    out = { name, kind, def: parsed.success ? parsed.data : ({} as BasketDefinition) };
  }
  if (Object.keys(errors).length || !out) throw new AppError("validation", "error.validation", {}, errors);
  return out;
}

function sideValueEq(a: BasketSide, b: BasketSide) {
  return sideValue(a) === sideValue(b);
}

export const segmentIdSchema = z.object({ id: z.guid() });
