// RFM in the database on a crafted tenant: 25 customers whose recency, purchase
// days and total paid are all distinct and permuted against each other, so the
// quintiles are exact (five customers per score) and known in advance. Then the
// segment map, tenant-set thresholds, explanations and the month-over-month
// movement matrix between two snapshots.
import { beforeAll, describe, expect, it } from "vitest";
import { dayNumber } from "@/lib/analytics/models/summary";
import { rfmSegment } from "@/lib/analytics/rfm/segments";
import { segmentMovement, rfmSnapshots } from "@/lib/analytics/rfm/movement";
import { scoreAsOf } from "@/lib/analytics/scoring/run";
import { explainCustomerScore, latestScoringRun } from "@/lib/analytics/scoring/queries";
import { saveScoringSettings } from "@/lib/analytics/scoring/settings";
import { quintileOfRank } from "@/lib/analytics/rfm/sql";
import { withTenant } from "@/lib/db/tenant";
import { createTenant, type TestTenant } from "@/tests/factories/tenants";
import { loadSyntheticTenant, type SyntheticOrder } from "@/tests/factories/orders";

const AS_OF = "2026-06-30";
const N = 25;
let t: TestTenant;
let customerIds: string[] = [];

// Customer i: recency rank ρ = i (0 = oldest), purchase-day rank φ = 7i mod 25,
// spend rank μ = 13i mod 25 (7 and 13 are prime to 25, so both are permutations).
const rho = (i: number) => i;
const phi = (i: number) => (7 * i) % N;
const mu = (i: number) => (13 * i) % N;
const recencyDays = (i: number) => 3 + 2 * (N - 1 - rho(i));
const purchaseDays = (i: number) => phi(i) + 1;
const total = (i: number) => 1000 + 10 * mu(i);
const quintile = (rank: number) => Math.floor(rank / 5) + 1;

beforeAll(async () => {
  t = await createTenant("Rfm");
  const asOfDay = dayNumber(AS_OF);
  const orders: SyntheticOrder[] = [];
  for (let i = 0; i < N; i++) {
    const last = asOfDay - recencyDays(i);
    const days = purchaseDays(i);
    // one order a day on consecutive days ending at `last`; 1.00 on each later day, the rest on the first
    for (let k = 0; k < days; k++) {
      const amount = k === 0 ? total(i) - (days - 1) : 1;
      orders.push({ customer: i, day: last - (days - 1) + k, amount, channel: "store", kind: "paid" });
    }
  }
  customerIds = Array.from({ length: N }, () => crypto.randomUUID());
  await loadSyntheticTenant(t.owner, { customerIds, orders, transactions: [] }, { namePrefix: "rfm" });
});

type ScoreRow = { customerId: string; recencyDays: number | null; frequency: number; monetary: { toString(): string };
  rScore: number | null; fScore: number | null; mScore: number | null; rfmSegment: string | null };

async function scores(asOf: string): Promise<Map<string, ScoreRow>> {
  const rows = await withTenant(t.owner, (tx) => tx.customerScore.findMany({ where: { asOf: new Date(`${asOf}T00:00:00Z`) } }));
  return new Map(rows.map((r) => [r.customerId, r]));
}

describe("RFM scores", () => {
  it("quintiles within the tenant: five customers per score, most recent = 5, and the segment from the map", async () => {
    const run = await scoreAsOf(t.owner, AS_OF);
    expect(run.customers).toBe(N);
    const s = await scores(AS_OF);
    expect(s.size).toBe(N);
    for (let i = 0; i < N; i++) {
      const row = s.get(customerIds[i]!)!;
      const r = quintile(rho(i));
      const f = quintile(phi(i));
      const m = quintile(mu(i));
      expect({ i, recency: row.recencyDays, frequency: row.frequency, monetary: Number(row.monetary.toString()), r: row.rScore, f: row.fScore, m: row.mScore, segment: row.rfmSegment })
        .toEqual({ i, recency: recencyDays(i), frequency: purchaseDays(i), monetary: total(i), r, f, m, segment: rfmSegment(r, f, m) });
    }
    for (const key of ["rScore", "fScore", "mScore"] as const) {
      const counts = [1, 2, 3, 4, 5].map((v) => [...s.values()].filter((row) => row[key] === v).length);
      expect(counts, key).toEqual([5, 5, 5, 5, 5]);
    }
  });

  it("a tenant this small gets rule-based churn risk, and the run says why", async () => {
    const run = await withTenant(t.owner, (tx) => latestScoringRun(tx));
    expect(run).toMatchObject({ asOf: AS_OF, status: "succeeded", step: "done", progress: 100, customers: N, churnMethod: "rule" });
    expect(run!.fits.find((f) => f.model === "bgnbd")).toMatchObject({ ok: false, reason: "too-few-customers", customers: N });
  });

  it("explains a customer's scores in English and Chinese", async () => {
    // i = 24: 3 days ago (R=5), 19 purchase days (φ = 18: F=4), 1,120.00 (μ = 12: M=3) → Loyal.
    const e = await withTenant(t.owner, (tx) => explainCustomerScore(tx, t.tenantId, customerIds[24]!, "en"));
    expect(e?.asOf).toBe(AS_OF);
    expect(e?.rfm?.lines).toEqual([
      "R=5: last purchase 3 days ago, in the newest 20%",
      "F=4: 19 purchase days, in the top 20–40%",
      "M=3: CN¥1,120.00 paid in total, in the middle 20%",
      "Segment: Loyal (R=5, average of F and M = 3.5)",
    ]);
    // Purchases every day for 18 days, none for the last 3: 3× the usual interval (high is above 3).
    expect(e?.churn).toBe("Rule (model not fitted): 3 days since the last purchase, 3.0× the usual 1 days (own history) → medium risk");
    const zh = await withTenant(t.owner, (tx) => explainCustomerScore(tx, t.tenantId, customerIds[24]!, "zh-CN"));
    expect(zh?.rfm?.r).toBe("R=5：最近一次购买在 3 天前，属于最近购买的 20%");
    expect(zh?.rfm?.segment).toBe("分群：忠诚客户（R=5，F 与 M 的平均 = 3.5）");
  });

  it("month-over-month movement: each customer's segment on 31 May against 30 June, counted", async () => {
    await scoreAsOf(t.owner, "2026-05-31");
    const before = await scores("2026-05-31");
    const after = await scores(AS_OF);
    // Customers whose first purchase came after 31 May are new in June.
    expect(before.size).toBeGreaterThan(0);
    expect(before.size).toBeLessThan(N);
    const expected = new Map<string, number>();
    for (const id of customerIds) {
      const key = `${before.get(id)?.rfmSegment ?? null}→${after.get(id)?.rfmSegment ?? null}`;
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    const movement = await withTenant(t.owner, (tx) => segmentMovement(tx));
    expect({ from: movement.from, to: movement.to }).toEqual({ from: "2026-05-31", to: AS_OF });
    expect(new Map(movement.cells.map((c) => [`${c.from}→${c.to}`, c.customers]))).toEqual(expected);
    expect(movement.cells.filter((c) => c.from === null).reduce((a, c) => a + c.customers, 0)).toBe(N - before.size);

    const snapshots = await withTenant(t.owner, (tx) => rfmSnapshots(tx));
    expect(snapshots.map((s) => [s.asOf, s.monthEnd])).toEqual([[AS_OF, true], ["2026-05-31", true]]);
  });

  it("movement within a data scope counts only the customers in it", async () => {
    const mine = customerIds.slice(0, 7);
    await withTenant(t.owner, (tx) => tx.customer.updateMany({ where: { id: { in: mine } }, data: { ownerUserId: t.ownerUserId } }));
    const movement = await withTenant(t.owner, (tx) =>
      segmentMovement(tx, { scope: { all: false, userIds: [t.ownerUserId], departmentIds: [] } }));
    expect(movement.cells.reduce((a, c) => a + c.customers, 0)).toBe(7);
  });

  it("tenant-set thresholds and bases replace the quintiles", async () => {
    const thresholds = { recency: [10, 20, 30, 40], frequency: [5, 10, 15, 20], monetary: [1050, 1100, 1150, 1200] };
    await withTenant(t.owner, (tx) => saveScoringSettings(tx, t.tenantId, { thresholds, frequencyBasis: "orders", monetaryBasis: "mean" }));
    await scoreAsOf(t.owner, AS_OF);
    const s = await scores(AS_OF);
    const atMost = (v: number, c: number[]) => (v <= c[0]! ? 5 : v <= c[1]! ? 4 : v <= c[2]! ? 3 : v <= c[3]! ? 2 : 1);
    const atLeast = (v: number, c: number[]) => 1 + c.filter((x) => v >= x).length;
    for (let i = 0; i < N; i++) {
      const row = s.get(customerIds[i]!)!;
      const mean = Math.round((total(i) / purchaseDays(i)) * 100) / 100;
      const r = atMost(recencyDays(i), thresholds.recency);
      const f = atLeast(purchaseDays(i), thresholds.frequency);
      const m = atLeast(mean, thresholds.monetary);
      expect({ i, monetary: Number(row.monetary.toString()), r: row.rScore, f: row.fScore, m: row.mScore, segment: row.rfmSegment })
        .toEqual({ i, monetary: mean, r, f, m, segment: rfmSegment(r, f, m) });
    }
    const e = await withTenant(t.owner, (tx) => explainCustomerScore(tx, t.tenantId, customerIds[24]!, "en"));
    expect(e?.rfm?.r).toBe("R=5: last purchase 3 days ago (R=5 is 10 days or less)");
    // back to the defaults for whoever runs next
    await withTenant(t.owner, (tx) => saveScoringSettings(tx, t.tenantId, {}));
  });

  it("a day before any purchase scores nobody, and says the model could not be fitted", async () => {
    const run = await scoreAsOf(t.owner, "2025-12-31");
    expect(run).toMatchObject({ asOf: "2025-12-31", customers: 0, churnMethod: "rule", bgnbd: { ok: false, reason: "too-few-customers" } });
    expect((await scores("2025-12-31")).size).toBe(0);
  });
});

// Ties: customers with the same value share the rank of the first of them (RANK()),
// and their quintile is that rank's (rfm_quintile, quintileOfRank in TypeScript).
describe("RFM scores with tied values", () => {
  const recency = [5, 5, 5, 8, 8, 12, 12, 12, 12, 20, 30, 30];
  const days = [1, 1, 2, 2, 2, 3, 3, 4, 4, 4, 4, 5];
  const spend = [300, 100, 100, 200, 300, 100, 200, 200, 500, 300, 100, 500];
  const n = recency.length;
  let tied: TestTenant;
  let ids: string[] = [];

  beforeAll(async () => {
    tied = await createTenant("RfmTies");
    const asOfDay = dayNumber(AS_OF);
    const orders: SyntheticOrder[] = [];
    for (let i = 0; i < n; i++) {
      const last = asOfDay - recency[i]!;
      for (let k = 0; k < days[i]!; k++) {
        orders.push({ customer: i, day: last - 3 * k, amount: k === 0 ? spend[i]! - (days[i]! - 1) : 1, channel: "store", kind: "paid" });
      }
    }
    ids = Array.from({ length: n }, () => crypto.randomUUID());
    await loadSyntheticTenant(tied.owner, { customerIds: ids, orders, transactions: [] }, { namePrefix: "ties" });
  });

  it("gives tied customers the score of the first of them", async () => {
    await scoreAsOf(tied.owner, AS_OF);
    const rows = await withTenant(tied.owner, (tx) => tx.customerScore.findMany({ where: { asOf: new Date(`${AS_OF}T00:00:00Z`) } }));
    const byId = new Map(rows.map((r) => [r.customerId, r]));
    const rankBy = (values: number[], better: (a: number, b: number) => boolean) => (i: number) => 1 + values.filter((v) => better(v, values[i]!)).length;
    const rRank = rankBy(recency, (a, b) => a > b); // oldest first
    const fRank = rankBy(days, (a, b) => a < b);
    const mRank = rankBy(spend, (a, b) => a < b);
    for (let i = 0; i < n; i++) {
      const row = byId.get(ids[i]!)!;
      expect({ i, recency: row.recencyDays, frequency: row.frequency, monetary: Number(row.monetary.toString()), r: row.rScore, f: row.fScore, m: row.mScore })
        .toEqual({ i, recency: recency[i], frequency: days[i], monetary: spend[i], r: quintileOfRank(rRank(i), n), f: quintileOfRank(fRank(i), n), m: quintileOfRank(mRank(i), n) });
    }
    // The three most recent (tied at 5 days) share rank 10 of 12 — the first of them — so
    // R = 4, not the 5 that NTILE would give the last two; the two oldest share R = 1.
    expect([0, 1, 2].map((i) => byId.get(ids[i]!)!.rScore)).toEqual([4, 4, 4]);
    expect([10, 11].map((i) => byId.get(ids[i]!)!.rScore)).toEqual([1, 1]);
  });
});
