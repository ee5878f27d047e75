// What every dashboard needs before its own queries: the tenant's zone and
// currency, the rollups' "data as of", the viewer's scope, the filters from the URL
// (defaulting to the last 30 days with data) and the filter choices the viewer may
// use. All in the caller's tenant transaction.
import type { AuthContext } from "@/lib/auth/context";
import { usableTimeZone } from "@/lib/tenants/time-zone";
import type { TenantTx } from "@/lib/db/tenant";
import { todayIn } from "@/lib/dashboard/dates";
import { parseDashboardFilters, previousPeriod, type DashboardFilters, type FilterName } from "@/lib/dashboard/filters";
import { allowedStores, dashboardScope, storeCondition, type DashboardScope } from "@/lib/dashboard/scope";
import { Prisma } from "@/lib/generated/prisma/client.ts";
import { provinceSql } from "@/lib/rollups/dimensions";

/** "not_computed": the rollups job has never run for the tenant; say so, never show zeros. */
export type RollupStatus =
  | { computed: false }
  | { computed: true; refreshedAt: Date; dataFrom: string | null; dataTo: string | null; durationMs: number };

export type DashboardBase = {
  tenantId: string;
  timeZone: string;
  currency: string;
  status: RollupStatus;
  scope: DashboardScope;
  filters: DashboardFilters;
  previous: { from: string; to: string } | null;
  invalid: FilterName[];
  /** The stores whose orders the viewer's figures may count (null = all). */
  stores: string[] | null;
  options: { stores: { id: string; name: string }[]; channels: string[]; provinces: string[] };
};

type SearchParams = Record<string, string | string[] | undefined>;

const dayText = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

export async function loadDashboardBase(tx: TenantTx, ctx: AuthContext, searchParams: SearchParams): Promise<DashboardBase> {
  // One transaction is one connection: its queries run one after another anyway.
  const tenant = await tx.tenant.findUnique({ where: { id: ctx.tenantId }, select: { timezone: true, currency: true } });
  const state = await tx.rollupState.findUnique({ where: { tenantId: ctx.tenantId } });
  const scope = await dashboardScope(tx, ctx);
  const timeZone = usableTimeZone(tenant?.timezone);
  const status: RollupStatus = state
    ? { computed: true, refreshedAt: state.refreshedAt, dataFrom: dayText(state.dataFrom), dataTo: dayText(state.dataTo), durationMs: state.durationMs }
    : { computed: false };
  const today = todayIn(timeZone);
  const lastDay = status.computed && status.dataTo && status.dataTo < today ? status.dataTo : today;
  const { filters, invalid } = parseDashboardFilters(searchParams, lastDay);
  const stores = allowedStores(scope.stores, filters.storeId);

  const storeOptions = await tx.$queryRaw<{ id: string; name: string }[]>`
    SELECT s.id::text, s.name FROM stores s
    WHERE s.tenant_id = ${ctx.tenantId}::uuid ${storeCondition(Prisma.raw("s.id"), allowedStores(scope.stores, null))}
    ORDER BY s.name, s.id`;
  const channels = status.computed
    ? (await tx.$queryRaw<{ channel: string }[]>`
        SELECT DISTINCT channel FROM rollup_sales_store_daily WHERE tenant_id = ${ctx.tenantId}::uuid ORDER BY channel`).map((r) => r.channel)
    : [];
  const provinces = status.computed
    ? (await tx.$queryRaw<{ province: string }[]>`
        SELECT province FROM rollup_customer_regions WHERE tenant_id = ${ctx.tenantId}::uuid AND province <> ''
        UNION
        SELECT ${Prisma.raw(provinceSql("s.province"))} FROM stores s WHERE s.tenant_id = ${ctx.tenantId}::uuid AND s.province IS NOT NULL AND s.province <> ''
        ORDER BY 1`).map((r) => r.province).filter(Boolean)
    : [];

  return {
    tenantId: ctx.tenantId,
    timeZone,
    currency: tenant?.currency ?? "CNY",
    status,
    scope,
    filters,
    previous: filters.compare === "previous" ? previousPeriod(filters) : null,
    invalid,
    stores,
    options: { stores: storeOptions, channels, provinces },
  };
}
