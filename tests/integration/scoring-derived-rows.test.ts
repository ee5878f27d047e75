// customer_scores and customer_features have no per-row foreign keys (migration
// 20261126000000_scoring_derived_keys): a deleted customer's derived rows go with it
// through one statement-level trigger, and their cluster (customer_clusters, a view
// of the scores since 20261130000000_customer_clusters_view) with the scores. This test deletes customers
// (one, then several in one statement) and checks their rows are gone, everyone
// else's stay, and another tenant's are untouched, also when its customer ids are named.
import { beforeAll, describe, expect, it } from "vitest";
import { dayNumber } from "@/lib/analytics/models/summary";
import { scoreAsOf } from "@/lib/analytics/scoring/run";
import { withTenant } from "@/lib/db/tenant";
import { createTenant, type TestTenant } from "@/tests/factories/tenants";
import { loadSyntheticTenant, type SyntheticOrder } from "@/tests/factories/orders";

const AS_OF = "2026-06-30";
const N = 12;
let a: TestTenant;
let b: TestTenant;
const ids: Record<string, string[]> = {};

async function plant(t: TestTenant, name: string) {
  const day = dayNumber(AS_OF);
  const orders: SyntheticOrder[] = [];
  for (let i = 0; i < N; i++) {
    for (let k = 0; k <= i % 4; k++) orders.push({ customer: i, day: day - 5 - 20 * k - i, amount: 100 + i, channel: "store", kind: "paid" });
  }
  ids[name] = Array.from({ length: N }, () => crypto.randomUUID());
  await loadSyntheticTenant(t.owner, { customerIds: ids[name]!, orders, transactions: [] }, { namePrefix: name });
  await scoreAsOf(t.owner, AS_OF);
}

const derived = (t: TestTenant) =>
  withTenant(t.owner, async (tx) => {
    const [r] = await tx.$queryRaw<{ scores: number; features: number; clusters: number }[]>`
      SELECT (SELECT count(*) FROM customer_scores)::int AS scores, (SELECT count(*) FROM customer_features)::int AS features,
             (SELECT count(*) FROM customer_clusters)::int AS clusters`;
    return r!;
  });

/** Deletes customers the way a hard delete would: their orders first, then them, in one statement each. */
const remove = (t: TestTenant, customerIds: string[]) =>
  withTenant(t.owner, async (tx) => {
    await tx.$executeRaw`DELETE FROM order_items WHERE order_id IN (SELECT id FROM orders WHERE customer_id = ANY(${customerIds}::uuid[]))`;
    await tx.$executeRaw`DELETE FROM orders WHERE customer_id = ANY(${customerIds}::uuid[])`;
    return tx.$executeRaw`DELETE FROM customers WHERE id = ANY(${customerIds}::uuid[])`;
  });

beforeAll(async () => {
  [a, b] = await Promise.all([createTenant("DerivedA"), createTenant("DerivedB")]);
  await plant(a, "da");
  await plant(b, "db");
});

describe("derived rows of a deleted customer", () => {
  it("every scored customer has a score, features and a cluster to begin with", async () => {
    expect(await derived(a)).toEqual({ scores: N, features: N, clusters: N });
    expect(await derived(b)).toEqual({ scores: N, features: N, clusters: N });
  });

  it("go with the customer, for one customer and for several in one statement; the rest stay", async () => {
    expect(await remove(a, [ids.da![0]!])).toBe(1);
    expect(await derived(a)).toEqual({ scores: N - 1, features: N - 1, clusters: N - 1 });
    expect(await remove(a, ids.da!.slice(1, 4))).toBe(3);
    expect(await derived(a)).toEqual({ scores: N - 4, features: N - 4, clusters: N - 4 });
    const left = await withTenant(a.owner, (tx) => tx.customerScore.findMany({ select: { customerId: true } }));
    expect(new Set(left.map((s) => s.customerId))).toEqual(new Set(ids.da!.slice(4)));
  });

  it("another tenant naming B's customers deletes nothing of B's", async () => {
    expect(await remove(a, ids.db!.slice(0, 3))).toBe(0);
    expect(await derived(b)).toEqual({ scores: N, features: N, clusters: N });
  });
});

// customer_scores is keyed (tenant, day, customer) (migration
// 20261128000000_customer_scores_day_key); reads of one customer across days go
// through tenant_days(), which must list the tenant's days and no one else's.
describe("tenant_days", () => {
  const days = (t: TestTenant, of: TestTenant) =>
    withTenant(t.owner, async (tx) => {
      const [r] = await tx.$queryRaw<{ days: string[] }[]>`SELECT tenant_days('customer_scores', ${of.tenantId}::uuid)::text[] AS days`;
      return r!.days;
    });

  it("lists the tenant's scored days, newest first", async () => {
    await scoreAsOf(b.owner, "2026-05-31");
    expect(await days(b, b)).toEqual([AS_OF, "2026-05-31"]);
    expect(await days(a, a)).toEqual([AS_OF]);
  });

  it("lists nothing of another tenant's, even when asked by its id", async () => {
    expect(await days(a, b)).toEqual([]);
  });

  it("a deleted customer's rows go on every day, found day by day", async () => {
    const rowsOf = (id: string) =>
      withTenant(b.owner, async (tx) => {
        const [r] = await tx.$queryRaw<{ scores: number; features: number }[]>`
          SELECT (SELECT count(*) FROM customer_scores WHERE customer_id = ${id}::uuid)::int AS scores,
                 (SELECT count(*) FROM customer_features WHERE customer_id = ${id}::uuid)::int AS features`;
        return r!;
      });
    const victim = ids.db![N - 1]!;
    const total = await derived(b);
    expect(await rowsOf(victim)).toEqual({ scores: 2, features: 2 });
    expect(await remove(b, [victim])).toBe(1);
    expect(await rowsOf(victim)).toEqual({ scores: 0, features: 0 });
    expect(await derived(b)).toEqual({ scores: total.scores - 2, features: total.features - 2, clusters: total.clusters - 1 });
  });
});
