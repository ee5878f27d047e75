// The interactions list's query string. A value that is not understood is dropped
// and named, so the page can say which filters it ignored.
import { INTERACTION_CHANNELS } from "@/lib/customers/schemas";
import { parseDay } from "@/lib/interactions/day-range";

type SearchParams = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() ?? "";

export type InteractionFilters = {
  channel: string | null; type: string | null; from: string | null; to: string | null; customer: string; page: number;
};

export function parseInteractionFilters(params: SearchParams): { filters: InteractionFilters; invalid: string[] } {
  const invalid: string[] = [];
  const channel = first(params.channel);
  const type = first(params.type);
  const from = parseDay(first(params.from) || undefined);
  const to = parseDay(first(params.to) || undefined);
  if (channel && !(INTERACTION_CHANNELS as readonly string[]).includes(channel)) invalid.push("channel");
  if (type && !/^[a-z_]{1,40}$/.test(type)) invalid.push("type");
  if (first(params.from) && !from) invalid.push("from");
  if (first(params.to) && !to) invalid.push("to");
  const reversed = Boolean(from && to && from > to);
  if (reversed) invalid.push("to");
  const page = Number.parseInt(first(params.page), 10);
  return {
    filters: {
      channel: channel && !invalid.includes("channel") ? channel : null,
      type: type && !invalid.includes("type") ? type : null,
      from, to: reversed ? null : to,
      customer: first(params.customer).slice(0, 100),
      page: Number.isFinite(page) && page > 1 && page <= 10_000 ? page : 1,
    },
    invalid,
  };
}
