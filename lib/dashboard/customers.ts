// Customer analysis from the customer rollups: live customers by province (the
// China map) or, drilled into a province, by city; buyers and repeat buyers
// (repurchase); and the latest scoring run's RFM segments, churn risk and CLV bands
// — or "not computed yet" when no run exists. Scoped like the customer list: the
// viewer's customers by owner or department.
import type { AuthContext } from "@/lib/auth/context";
import { withTenant, type TenantTx } from "@/lib/db/tenant";
import { loadDashboardBase, type DashboardBase } from "@/lib/dashboard/base";
import { customerCondition } from "@/lib/dashboard/scope";
import { Prisma } from "@/lib/generated/prisma/client.ts";
import { CLV_BANDS } from "@/lib/rollups/dimensions";

export type RegionRow = { key: string; customers: number; buyers: number; repeatBuyers: number };
export type ScoreBucket = { bucket: string; customers: number };

export type CustomersData = {
  totals: { customers: number; buyers: number; repeatBuyers: number; repurchaseRate: number | null };
  byProvince: RegionRow[];
  /** Cities of the drilled-into province (null without one). */
  byCity: RegionRow[] | null;
  /** null: no scoring run yet. */
  scores: { asOf: string; rfmSegments: ScoreBucket[]; churnRisk: ScoreBucket[]; clvBands: ScoreBucket[] } | null;
};

export const RFM_SEGMENTS = [
  "champions", "loyal", "potential_loyalist", "new_customers", "promising", "need_attention",
  "about_to_sleep", "at_risk", "cannot_lose_them", "hibernating", "lost",
] as const;
export const CHURN_LEVELS = ["low", "medium", "high"] as const;

async function regions(tx: TenantTx, base: DashboardBase, level: "province" | "city"): Promise<RegionRow[]> {
  const province = base.filters.province;
  return tx.$queryRaw<RegionRow[]>`
    SELECT r.${Prisma.raw(level)} AS key, sum(r.customers)::float8 AS customers, sum(r.buyers)::float8 AS buyers, sum(r.repeat_buyers)::float8 AS "repeatBuyers"
    FROM rollup_customer_regions r
    WHERE r.tenant_id = ${base.tenantId}::uuid ${customerCondition(base.scope.customers, "r")}
      ${level === "city" && province !== null ? Prisma.sql`AND r.province = ${province}` : Prisma.empty}
    GROUP BY 1 ORDER BY 2 DESC, 1`;
}

function order<T extends { bucket: string }>(rows: T[], known: readonly string[]): T[] {
  const rank = (b: string) => (known.includes(b) ? known.indexOf(b) : known.length);
  return [...rows].sort((a, b) => rank(a.bucket) - rank(b.bucket) || a.bucket.localeCompare(b.bucket));
}

async function scores(tx: TenantTx, base: DashboardBase): Promise<CustomersData["scores"]> {
  const rows = await tx.$queryRaw<{ kind: string; bucket: string; asOf: string; customers: number }[]>`
    SELECT r.kind, r.bucket, r.as_of::text AS "asOf", sum(r.customers)::float8 AS customers
    FROM rollup_customer_scores r
    WHERE r.tenant_id = ${base.tenantId}::uuid ${customerCondition(base.scope.customers, "r")}
    GROUP BY 1, 2, 3`;
  if (!rows.length) return null;
  const of = (kind: string) => rows.filter((r) => r.kind === kind).map((r) => ({ bucket: r.bucket, customers: r.customers }));
  return {
    asOf: rows[0]!.asOf,
    rfmSegments: order(of("rfm_segment"), RFM_SEGMENTS),
    churnRisk: order(of("churn_risk"), CHURN_LEVELS),
    clvBands: order(of("clv_band"), CLV_BANDS.map((b) => b.bucket)),
  };
}

/** The viewer's customers, buyers and repeat buyers (overview). */
export async function customerTotals(tx: TenantTx, base: DashboardBase): Promise<CustomersData["totals"]> {
  const [r] = await tx.$queryRaw<{ customers: number | null; buyers: number | null; repeatBuyers: number | null }[]>`
    SELECT sum(r.customers)::float8 AS customers, sum(r.buyers)::float8 AS buyers, sum(r.repeat_buyers)::float8 AS "repeatBuyers"
    FROM rollup_customer_regions r
    WHERE r.tenant_id = ${base.tenantId}::uuid ${customerCondition(base.scope.customers, "r")}`;
  const buyers = r?.buyers ?? 0;
  const repeatBuyers = r?.repeatBuyers ?? 0;
  return { customers: r?.customers ?? 0, buyers, repeatBuyers, repurchaseRate: buyers > 0 ? repeatBuyers / buyers : null };
}

export async function customersData(tx: TenantTx, base: DashboardBase): Promise<CustomersData> {
  const byProvince = await regions(tx, base, "province");
  const byCity = base.filters.province !== null ? await regions(tx, base, "city") : null;
  const sum = (k: "customers" | "buyers" | "repeatBuyers") => byProvince.reduce((s, r) => s + r[k], 0);
  const totals = { customers: sum("customers"), buyers: sum("buyers"), repeatBuyers: sum("repeatBuyers"), repurchaseRate: null as number | null };
  totals.repurchaseRate = totals.buyers > 0 ? totals.repeatBuyers / totals.buyers : null;
  return { totals, byProvince, byCity, scores: await scores(tx, base) };
}

export type CustomersDashboard = { base: DashboardBase; data: CustomersData | null };

export async function customersDashboard(ctx: AuthContext, searchParams: Record<string, string | string[] | undefined>): Promise<CustomersDashboard> {
  return withTenant(ctx, async (tx) => {
    const base = await loadDashboardBase(tx, ctx, searchParams);
    if (!base.status.computed) return { base, data: null };
    return { base, data: await customersData(tx, base) };
  });
}
