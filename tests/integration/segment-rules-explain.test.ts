// The customer 360 view's score explanations: every score (R, F, M, segment, churn,
// P(alive), CLV, cluster) has a line that states its value and why, from the run's
// own settings; a customer never scored or clustered is told so, not given zeros.
import { beforeAll, describe, expect, it } from "vitest";
import { plantCluster } from "@/tests/factories/clusters";
import { createTenant, type TestTenant } from "@/tests/factories/tenants";
import { createCustomer } from "@/tests/factories/customers";
import { withTenant } from "@/lib/db/tenant";
import { loadAuthContext, type AuthContext } from "@/lib/auth/context";
import { translator } from "@/lib/i18n/translate";
import { explainScores } from "@/lib/segments/score-explanations";

let a: TestTenant;
let owner: AuthContext;
let scored: string;
let bare: string;

beforeAll(async () => {
  a = await createTenant("Explain");
  owner = (await loadAuthContext(a.owner as never))!;
  scored = (await createCustomer(a, { name: "scored" })).id;
  bare = (await createCustomer(a, { name: "bare" })).id;
  const asOf = new Date("2026-11-01T00:00:00Z");
  await withTenant(a.owner, async (tx) => {
    await tx.scoringRun.create({ data: { tenantId: a.tenantId, asOf, status: "succeeded", churnMethod: "bgnbd", settings: { clvHorizonMonths: 24, annualDiscountRate: 0.08 } } });
    await tx.customerFeature.create({ data: {
      tenantId: a.tenantId, customerId: scored, asOf, firstPurchase: new Date("2026-01-01"), lastPurchase: new Date("2026-10-20"), purchaseDays: 4, orders: 4,
      totalPaid: "800", meanPaid: "200", repeatPaid: "600", tenureDays: 304, recencyDays: 12,
    } });
    await tx.customerScore.create({ data: {
      tenantId: a.tenantId, customerId: scored, asOf, recencyDays: 12, frequency: 4, monetary: "800", rScore: 5, fScore: 4, mScore: 3,
      rfmSegment: "loyal", pAlive: 0.87, expectedPurchases90: 1.25, predictedClv: "1234.50", churnRisk: "low", churnMethod: "bgnbd",
    } });
    await plantCluster(tx, a.tenantId, scored, 2);
    await tx.clusterProfile.create({ data: { tenantId: a.tenantId, cluster: 2, size: 1, share: 1, meanRecency: 15, meanFrequency: 3.5, meanMonetary: 700, nameEn: "Loyal regulars", nameZh: "忠实常客" } });
  });
});

describe("score explanations", () => {
  it("explains each score of a scored, clustered customer", async () => {
    const e = await explainScores(owner, scored, "en", translator("en"));
    expect(e.asOf).toBe("2026-11-01");
    expect(e.items.map((i) => i.key)).toEqual(["r", "f", "m", "segment", "churn", "pAlive", "clv", "cluster"]);
    const text = Object.fromEntries(e.items.map((i) => [i.key, i.text]));
    expect(text.r).toContain("12");
    expect(text.pAlive).toContain("87%");
    expect(text.pAlive).toContain("1.25");
    expect(text.clv).toContain("1,234.50");
    expect(text.clv).toContain("24 months");
    expect(text.clv).toContain("8%");
    expect(text.cluster).toContain("Loyal regulars");
    expect(text.cluster).toContain("cluster 2");
    const zh = await explainScores(owner, scored, "zh-CN", translator("zh-CN"));
    expect(zh.items.find((i) => i.key === "cluster")!.text).toContain("忠实常客");
  });

  it("says a customer was never scored nor clustered", async () => {
    const e = await explainScores(owner, bare, "en", translator("en"));
    expect(e.asOf).toBeNull();
    expect(e.items).toEqual([{ key: "cluster", text: translator("en")("segments.explain.cluster.none") }]);
  });
});
