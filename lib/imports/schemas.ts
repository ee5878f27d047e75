// What the wizard sends, validated once here (server actions and the upload route
// re-parse everything: the browser is never trusted).
import { z } from "zod";
import { importMappingSchema } from "@/lib/import/mapping";

/** Keys an imported row may match an existing customer by, in the order they are tried. */
export const MATCH_KEYS = ["externalId", "identity", "phone", "email"] as const;
export type MatchKey = (typeof MATCH_KEYS)[number];

/** What happens to an existing customer a row matches. Empty cells never erase a stored value. */
export const UPDATE_POLICIES = ["fill_empty", "overwrite", "skip"] as const;
export type UpdatePolicy = (typeof UPDATE_POLICIES)[number];

export const importOptionsSchema = z.object({
  matchKeys: z.array(z.enum(MATCH_KEYS)).max(MATCH_KEYS.length).default(["externalId", "identity", "phone", "email"])
    .transform((keys) => MATCH_KEYS.filter((k) => keys.includes(k))),
  policy: z.enum(UPDATE_POLICIES).default("fill_empty"),
});
export type ImportOptions = z.output<typeof importOptionsSchema>;
export const DEFAULT_OPTIONS: ImportOptions = { matchKeys: [...MATCH_KEYS], policy: "fill_empty" };

export function readOptions(value: unknown): ImportOptions {
  const parsed = importOptionsSchema.safeParse(value ?? {});
  return parsed.success ? parsed.data : DEFAULT_OPTIONS;
}

const uuid = z.uuid({ message: "imports.error.notFound" });
const boolish = z.preprocess((v) => v === true || v === "true" || v === "on" || v === "1", z.boolean());
const list = (v: unknown) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]);

export const importIdSchema = z.object({ importId: uuid });

export const saveMappingSchema = z.object({
  importId: uuid,
  mapping: z.preprocess((v) => {
    if (typeof v !== "string") return v;
    try { return JSON.parse(v); } catch { return null; }
  }, importMappingSchema),
  matchKeys: z.preprocess(list, z.array(z.enum(MATCH_KEYS)).max(MATCH_KEYS.length)),
  policy: z.enum(UPDATE_POLICIES),
  saveTemplate: boolish.default(false),
});
export type SaveMappingInput = z.output<typeof saveMappingSchema>;

export const uploadQuerySchema = z.object({
  entity: z.string().min(1).max(40),
  name: z.string().trim().min(1).max(255),
});
