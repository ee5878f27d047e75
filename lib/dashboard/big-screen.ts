// The big screen (大屏): the key figures of the overview, members and interactions
// in one load, for a wall display that refreshes itself. Same rollups, same scope
// and the same default period (the last 30 days with data) as the other dashboards,
// through the dashboards' own loaders (sales summary, province map, member totals,
// the period's interaction totals from whole months where it can).
import type { AuthContext } from "@/lib/auth/context";
import { withTenant } from "@/lib/db/tenant";
import { loadDashboardBase, type DashboardBase } from "@/lib/dashboard/base";
import { customersByProvince, type RegionRow } from "@/lib/dashboard/customers";
import { interactionTotals, type InteractionTotals } from "@/lib/dashboard/interactions";
import { memberTotals, type MembersData } from "@/lib/dashboard/members";
import { salesSummary, type SalesData } from "@/lib/dashboard/sales";

export type BigScreenData = {
  sales: Pick<SalesData, "totals" | "trend" | "previousRevenue" | "byChannel">;
  byProvince: RegionRow[];
  members: MembersData["totals"];
  interactions: InteractionTotals;
};

export type BigScreen = { base: DashboardBase; data: BigScreenData | null; loadedAt: Date };

export async function bigScreenDashboard(ctx: AuthContext, searchParams: Record<string, string | string[] | undefined>): Promise<BigScreen> {
  return withTenant(ctx, async (tx) => {
    const base = await loadDashboardBase(tx, ctx, searchParams);
    const loadedAt = new Date();
    if (!base.status.computed) return { base, data: null, loadedAt };
    // The dashboards' own loads, nothing read twice: the map's provinces (every live
    // customer in scope, '' for none) give the member share's customer count.
    const sales = await salesSummary(tx, base);
    const byProvince = await customersByProvince(tx, base);
    const members = await memberTotals(tx, base, { customers: byProvince.reduce((s, r) => s + r.customers, 0) });
    const interactions = await interactionTotals(tx, base);
    return { base, data: { sales, byProvince, members, interactions }, loadedAt };
  });
}
