// Member tiers as an admin edits them, and the members list's filters. Messages are
// i18n keys; ids must look like ids before any query runs.
import { z } from "zod";

export const TIER_NAME_MAX = 40;
export const BENEFITS_MAX = 1000;

const tierFields = {
  rank: z.coerce.number({ message: "members.error.rank" }).int("members.error.rank").min(1, "members.error.rank").max(100, "members.error.rank"),
  name: z.string({ message: "members.error.nameRequired" }).trim()
    .min(1, "members.error.nameRequired").max(TIER_NAME_MAX, "members.error.nameTooLong"),
  threshold: z.string().trim().default("0")
    .transform((s) => s.replace(/[,，\s¥￥]/g, "") || "0")
    .pipe(z.string().regex(/^\d{1,12}(\.\d{1,2})?$/, "members.error.threshold")),
  benefits: z.string().trim().max(BENEFITS_MAX, "members.error.benefitsTooLong").default(""),
};

export const createTierSchema = z.object(tierFields);
export const updateTierSchema = z.object({ id: z.guid({ message: "members.error.invalidId" }), ...tierFields });

export type CreateTierInput = z.output<typeof createTierSchema>;
export type UpdateTierInput = z.output<typeof updateTierSchema>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
type SearchParams = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() ?? "";

export type MemberFilters = { q: string; tierId: string | null; page: number };

/** The members list's query string; a value that is not understood is dropped. */
export function parseMemberFilters(params: SearchParams): MemberFilters {
  const tier = first(params.tier);
  const page = Number.parseInt(first(params.page), 10);
  return {
    q: first(params.q).slice(0, 100),
    tierId: tier === "none" ? "none" : UUID.test(tier) ? tier : null,
    page: Number.isFinite(page) && page > 1 && page <= 10_000 ? page : 1,
  };
}
