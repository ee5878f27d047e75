// The Segments overview: counts, revenue and shares per RFM segment, churn level and
// cluster equal a direct SQL computation over the newest succeeded run, within the
// viewer's scope (a store manager sees only their department's customers); without
// a scoring or cluster run each part is empty, never zeros from nowhere.
import { beforeAll, describe, expect, it } from "vitest";
import { plantCluster } from "@/tests/factories/clusters";
import { addDepartment, createTenant, type TestTenant } from "@/tests/factories/tenants";
import { addMemberWithGrants, createCustomer } from "@/tests/factories/customers";
import { withTenant } from "@/lib/db/tenant";
import { loadAuthContext, type AuthContext } from "@/lib/auth/context";
import { segmentsOverview } from "@/lib/segments/overview";
import { RFM_SEGMENTS } from "@/lib/analytics/rfm/segments";

let a: TestTenant;
let empty: TestTenant;
let planner: AuthContext;
let manager: AuthContext;
let shopId: string;
const SEGS = ["champions", "loyal", "at_risk", "lost"] as const;
const CHURN = ["low", "medium", "high"] as const;

async function plant(t: TestTenant, customerId: string, asOf: string, i: number, paid: number) {
  await withTenant(t.owner, async (tx) => {
    const d = new Date(`${asOf}T00:00:00Z`);
    await tx.customerScore.create({ data: {
      tenantId: t.tenantId, customerId, asOf: d, frequency: 1, monetary: "1", rfmSegment: SEGS[i % SEGS.length]!, churnRisk: CHURN[i % CHURN.length]!,
    } });
    await tx.customerFeature.create({ data: {
      tenantId: t.tenantId, customerId, asOf: d, firstPurchase: d, lastPurchase: d, purchaseDays: 1, orders: 1,
      totalPaid: paid.toFixed(2), meanPaid: paid.toFixed(2), repeatPaid: "0", tenureDays: 10, recencyDays: 1,
    } });
  });
}

beforeAll(async () => {
  [a, empty] = await Promise.all([createTenant("OverA"), createTenant("OverEmpty")]);
  const shop = await addDepartment(a, "门店", null, "store");
  shopId = shop.id;
  planner = (await loadAuthContext((await addMemberWithGrants(a, [["segment:read", "all"]])) as never))!;
  manager = (await loadAuthContext((await addMemberWithGrants(a, [["segment:read", "department_tree"]], { departmentId: shop.id })) as never))!;
  await withTenant(a.owner, (tx) => tx.scoringRun.createMany({ data: [
    { tenantId: a.tenantId, asOf: new Date("2026-10-01T00:00:00Z"), status: "succeeded" },
    { tenantId: a.tenantId, asOf: new Date("2026-11-01T00:00:00Z"), status: "succeeded" },
    { tenantId: a.tenantId, asOf: new Date("2026-11-03T00:00:00Z"), status: "failed" },
  ] }));
  for (let i = 0; i < 14; i++) {
    const id = (await createCustomer(a, { departmentId: i % 3 === 0 ? shop.id : null, deletedAt: i === 13 ? new Date() : null })).id;
    await plant(a, id, "2026-11-01", i, 100 + i * 37.5);
    await plant(a, id, "2026-10-01", i + 1, 9999); // older run: ignored
    if (i % 2 === 0) await plant(a, id, "2026-11-03", i + 2, 5555); // failed run: ignored
    if (i < 12) await withTenant(a.owner, (tx) => plantCluster(tx, a.tenantId, id, i % 3));
  }
  // A customer in scope but never scored: counted nowhere.
  await createCustomer(a, { departmentId: shop.id });
  await withTenant(a.owner, async (tx) => {
    await tx.clusterModel.upsert({ where: { tenantId: a.tenantId }, create: { tenantId: a.tenantId, asOf: new Date("2026-11-01T00:00:00Z"), status: "succeeded", k: 3, kMin: 2, kMax: 6, seed: 1 }, update: { k: 3, kMin: 2, kMax: 6, seed: 1 } }); // plantCluster made it
    for (let k = 0; k < 3; k++) {
      await tx.clusterProfile.create({ data: { tenantId: a.tenantId, cluster: k, size: 1, share: 0, nameEn: `C${k}`, nameZh: `群${k}` } });
    }
  });
});

type Expected = Map<string, { n: number; paid: number }>;
async function direct(col: "rfm_segment" | "churn_risk" | "cluster", departmentId: string | null): Promise<Expected> {
  const rows = await withTenant(a.owner, (tx) => (col === "cluster"
    ? tx.$queryRawUnsafe<{ k: string; n: number; paid: string }[]>(`
        SELECT cc.cluster::text AS k, count(*)::int AS n, COALESCE(sum(f.total_paid), 0)::text AS paid
        FROM customer_clusters cc JOIN customers c ON c.tenant_id = cc.tenant_id AND c.id = cc.customer_id
        LEFT JOIN customer_features f ON f.tenant_id = cc.tenant_id AND f.customer_id = cc.customer_id AND f.as_of = '2026-11-01'
        WHERE c.deleted_at IS NULL AND ($1::uuid IS NULL OR c.department_id = $1::uuid) GROUP BY cc.cluster`, departmentId)
    : tx.$queryRawUnsafe<{ k: string; n: number; paid: string }[]>(`
        SELECT s.${col} AS k, count(*)::int AS n, sum(f.total_paid)::text AS paid
        FROM customer_scores s JOIN customers c ON c.tenant_id = s.tenant_id AND c.id = s.customer_id
        JOIN customer_features f ON f.tenant_id = s.tenant_id AND f.customer_id = s.customer_id AND f.as_of = s.as_of
        WHERE s.as_of = '2026-11-01' AND c.deleted_at IS NULL AND ($1::uuid IS NULL OR c.department_id = $1::uuid) GROUP BY s.${col}`, departmentId)));
  return new Map(rows.map((r) => [r.k, { n: r.n, paid: Number(r.paid) }]));
}

function expectGroup(group: { rows: { key: string; customers: number; revenue: number; customerShare: number; revenueShare: number }[] } | null, want: Expected) {
  expect(group).not.toBeNull();
  const totalN = [...want.values()].reduce((s, r) => s + r.n, 0);
  const totalPaid = [...want.values()].reduce((s, r) => s + r.paid, 0);
  expect(totalN).toBeGreaterThan(0);
  for (const row of group!.rows) {
    const w = want.get(row.key) ?? { n: 0, paid: 0 };
    expect(row.customers, row.key).toBe(w.n);
    expect(row.revenue, row.key).toBeCloseTo(w.paid, 2);
    expect(row.customerShare, row.key).toBeCloseTo(w.n / totalN, 10);
    expect(row.revenueShare, row.key).toBeCloseTo(w.paid / totalPaid, 10);
  }
  expect(group!.rows.reduce((s, r) => s + r.customers, 0)).toBe(totalN);
}

describe("segments overview", () => {
  it("equals a direct computation over the newest succeeded run, for everyone in scope", async () => {
    const o = await segmentsOverview(planner);
    expect(o.asOf).toBe("2026-11-01");
    expect(o.rfm!.rows.map((r) => r.key)).toEqual([...RFM_SEGMENTS]);
    expectGroup(o.rfm, await direct("rfm_segment", null));
    expectGroup(o.churn, await direct("churn_risk", null));
    expectGroup(o.clusters, await direct("cluster", null));
    expect(o.rfm!.customers).toBe(13);
    expect(o.clusters!.rows.find((r) => r.key === "1")!.label).toEqual({ en: "C1", zh: "群1" });
  });

  it("a store manager sees only their department's customers", async () => {
    const o = await segmentsOverview(manager);
    expectGroup(o.rfm, await direct("rfm_segment", shopId));
    expectGroup(o.churn, await direct("churn_risk", shopId));
    expectGroup(o.clusters, await direct("cluster", shopId));
    expect(o.rfm!.customers).toBe(5);
  });

  it("is empty without a scoring run or a cluster run", async () => {
    await createCustomer(empty, {});
    const o = await segmentsOverview((await loadAuthContext(empty.owner as never))!);
    expect(o).toMatchObject({ asOf: null, rfm: null, churn: null, clusters: null });
  });
});
