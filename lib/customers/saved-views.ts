// Saved views of the customer list: a person's own named filter sets. What is kept is
// the list's query string rebuilt from the parsed filters (listHref), so a stored view
// holds only filters the list understands; it is parsed again, under the viewer's
// current data scope, every time it is opened.
import { z } from "zod";
import type { AuthContext } from "@/lib/auth/context";
import { withTenant } from "@/lib/db/tenant";
import { AppError } from "@/lib/errors";
import { hasFilters, listHref, parseListRequest } from "@/lib/customers/filters";
import { DEFAULT_SORT } from "@/lib/customers/sort";

export const MAX_VIEWS = 30;

export const saveViewSchema = z.object({
  name: z.string().trim().min(1, "customers.views.error.name").max(60, "customers.views.error.nameLong"),
  query: z.string().max(2000).default(""),
});
export const deleteViewSchema = z.object({ id: z.uuid() });

export type SavedViewItem = { id: string; name: string; href: string };

export async function listSavedViews(ctx: AuthContext): Promise<SavedViewItem[]> {
  return withTenant(ctx, async (tx) => {
    const rows = await tx.savedView.findMany({ where: { userId: ctx.userId }, orderBy: [{ name: "asc" }], take: MAX_VIEWS });
    return rows.map((r) => ({ id: r.id, name: r.name, href: r.query ? `/customers?${r.query}` : "/customers" }));
  });
}

/** Saves (or replaces, by name) the view of these list parameters. */
export async function saveView(ctx: AuthContext, input: z.output<typeof saveViewSchema>): Promise<{ id: string }> {
  const { request } = parseListRequest(Object.fromEntries(new URLSearchParams(input.query)));
  if (!hasFilters(request.filters) && request.sort === DEFAULT_SORT) throw new AppError("validation", "customers.views.error.empty");
  const href = listHref(request.filters, request.sort);
  const query = href.includes("?") ? href.slice(href.indexOf("?") + 1) : "";
  return withTenant(ctx, async (tx) => {
    const existing = await tx.savedView.findFirst({ where: { userId: ctx.userId, name: input.name } });
    if (existing) {
      await tx.savedView.update({ where: { tenantId_id: { tenantId: ctx.tenantId, id: existing.id } }, data: { query } });
      return { id: existing.id };
    }
    if ((await tx.savedView.count({ where: { userId: ctx.userId } })) >= MAX_VIEWS) {
      throw new AppError("conflict", "customers.views.error.tooMany", { max: MAX_VIEWS });
    }
    const row = await tx.savedView.create({ data: { tenantId: ctx.tenantId, userId: ctx.userId, name: input.name, query } });
    return { id: row.id };
  });
}

/** Deletes one of the caller's own views; anyone else's (or another tenant's) is not found. */
export async function deleteView(ctx: AuthContext, id: string): Promise<{ id: string }> {
  return withTenant(ctx, async (tx) => {
    const gone = await tx.savedView.deleteMany({ where: { id, userId: ctx.userId } });
    if (!gone.count) throw new AppError("not_found", "customers.views.error.notFound");
    return { id };
  });
}
