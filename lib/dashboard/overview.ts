// The overview: the key sales figures against the previous period, the revenue
// trend, contribution by channel, and how many customers the viewer's scope holds —
// all from the rollups (lib/rollups), none from the raw tables.
import type { AuthContext } from "@/lib/auth/context";
import { withTenant } from "@/lib/db/tenant";
import { loadDashboardBase, type DashboardBase } from "@/lib/dashboard/base";
import { customerTotals, type CustomersData } from "@/lib/dashboard/customers";
import { salesSummary, type SalesData } from "@/lib/dashboard/sales";

export type OverviewData = {
  totals: SalesData["totals"];
  trend: SalesData["trend"];
  previousRevenue: SalesData["previousRevenue"];
  byChannel: SalesData["byChannel"];
  customers: CustomersData["totals"];
};

export type OverviewDashboard = { base: DashboardBase; data: OverviewData | null };

export async function overviewDashboard(ctx: AuthContext, searchParams: Record<string, string | string[] | undefined>): Promise<OverviewDashboard> {
  return withTenant(ctx, async (tx) => {
    const base = await loadDashboardBase(tx, ctx, searchParams);
    if (!base.status.computed) return { base, data: null };
    const { totals, trend, previousRevenue, byChannel } = await salesSummary(tx, base);
    const customers = await customerTotals(tx, base);
    return { base, data: { totals, trend, previousRevenue, byChannel, customers } };
  });
}
