// Cohort retention on a hand-made tenant whose matrix is worked out by hand:
// first purchases in January–March 2026 (Shanghai time; one just after midnight on
// 1 February, which is still 31 January in UTC), cancelled and refunded orders that
// must not count, an unpaid order before the first purchase, a customer whose first
// purchase is before the window, a deleted customer, splits by first channel, source
// and campaign, a department-scoped viewer, and another tenant that sees nothing.
import { beforeAll, describe, expect, it } from "vitest";
import { cohortRetention, monthInTimeZone } from "@/lib/analytics/cohorts/retention";
import { analyticsPageContext } from "@/lib/analytics/insights/page-context";
import type { AuthContext } from "@/lib/auth/context";
import { withTenant } from "@/lib/db/tenant";
import { tenantTimeZone } from "@/lib/tenants/time-zone";
import { runScoring } from "@/lib/analytics/scoring/run";
import { createCustomer, createCampaign } from "@/tests/factories/customers";
import { addStoreOrder } from "@/tests/factories/products";
import { addDepartment, createTenant, type TestTenant } from "@/tests/factories/tenants";

const NOW = new Date("2026-04-15T04:00:00Z");
let a: TestTenant;
let b: TestTenant;
let deptA: string;
let campaignId: string;
let ids: Record<"c1" | "c5" | "c7", string>;

const at = (iso: string) => new Date(iso);
async function paid(t: TestTenant, customerId: string, when: string, channel = "store", status = "received") {
  return addStoreOrder(t, customerId, { channel, status, orderedAt: at(when), paidAt: at(when), items: [] });
}

beforeAll(async () => {
  [a, b] = await Promise.all([createTenant("CohortA"), createTenant("CohortB")]);
  deptA = (await addDepartment(a, "Region A", null, "region")).id;
  const deptB = (await addDepartment(a, "Region B", null, "region")).id;
  campaignId = (await createCampaign(a, "Spring launch")).id;
  const c1 = await createCustomer(a, { name: "c1", departmentId: deptA, sourceChannel: "wechat" });
  const c2 = await createCustomer(a, { name: "c2", departmentId: deptA });
  const c3 = await createCustomer(a, { name: "c3", departmentId: deptA });
  const c4 = await createCustomer(a, { name: "c4", departmentId: deptA });
  const c5 = await createCustomer(a, { name: "c5", departmentId: deptA });
  const c6 = await createCustomer(a, { name: "c6", departmentId: deptA, deletedAt: at("2026-04-01T00:00:00Z") });
  const c7 = await createCustomer(a, { name: "c7", departmentId: deptB, firstOrderAt: at("2020-01-01T00:00:00Z"), lastOrderAt: at("2020-01-02T00:00:00Z") });
  ids = { c1: c1.id, c5: c5.id, c7: c7.id };
  // c1: January cohort (store), back in February and April.
  await paid(a, c1.id, "2026-01-10T04:00:00Z");
  await paid(a, c1.id, "2026-02-05T04:00:00Z");
  await paid(a, c1.id, "2026-03-31T17:30:00Z"); // 1 April 01:30 in Shanghai
  // c2: 2026-01-31 17:00 UTC is 1 February in Shanghai → February cohort (tmall); back in March.
  await paid(a, c2.id, "2026-01-31T17:00:00Z", "tmall");
  await paid(a, c2.id, "2026-03-10T04:00:00Z");
  // c3: January cohort through a campaign (tmall); February only cancelled and refunded; back in March.
  const first3 = await paid(a, c3.id, "2026-01-20T04:00:00Z", "tmall");
  await paid(a, c3.id, "2026-02-10T04:00:00Z", "store", "cancelled");
  await paid(a, c3.id, "2026-02-11T04:00:00Z", "store", "refunded");
  await paid(a, c3.id, "2026-03-15T04:00:00Z");
  // c4: first purchase in December 2025 (before the window), January again: in no shown cohort.
  await paid(a, c4.id, "2025-12-20T04:00:00Z");
  await paid(a, c4.id, "2026-01-05T04:00:00Z");
  // c5: an unpaid January order, first purchase in March.
  await addStoreOrder(a, c5.id, { orderedAt: at("2026-01-03T04:00:00Z"), paidAt: null });
  await paid(a, c5.id, "2026-03-02T04:00:00Z");
  // c6: deleted; c7: January cohort in the other region; a purchase after NOW does not count.
  await paid(a, c6.id, "2026-01-15T04:00:00Z");
  await paid(a, c7.id, "2026-01-12T04:00:00Z");
  await paid(a, c7.id, "2026-04-20T04:00:00Z");
  await withTenant(a.owner, (tx) => tx.order.update({ where: { tenantId_id: { tenantId: a.tenantId, id: first3.id } }, data: { campaignId } }));
  // Tenant B: one customer of its own.
  const bc = await createCustomer(b, { name: "b1" });
  await paid(b, bc.id, "2026-02-02T04:00:00Z");
});

async function matrix(t: TestTenant, by: "all" | "channel" | "source" | "campaign", scope: { all: true } | { all: false; userIds: string[]; departmentIds: string[] } = { all: true }) {
  return withTenant(t.owner, async (tx) => {
    const timeZone = await tenantTimeZone(tx, t.tenantId);
    return cohortRetention(tx, { scope, timeZone, by, months: 4, horizon: 3, now: NOW });
  });
}
const table = (r: Awaited<ReturnType<typeof matrix>>) => r.rows.map((x) => [x.group, x.cohort, x.size, x.retained]);

describe("cohortRetention", () => {
  it("counts each January–April cohort's customers buying in month k, in the tenant's time zone", async () => {
    const r = await matrix(a, "all");
    expect(r.timeZone).toBe("Asia/Shanghai");
    expect(r.currentMonth).toBe("2026-04");
    expect(r.cohortMonths).toEqual(["2026-01", "2026-02", "2026-03", "2026-04"]);
    // January: c1, c3, c7 (c6 is deleted, c4 started in December). February: c1 only (c3's orders were
    // cancelled or refunded). March: c3 (c1's 31 March 17:30 UTC is April in Shanghai). April: c1 (c7's is after now).
    expect(table(r)).toEqual([
      [null, "2026-01", 3, [3, 1, 1, 1]],
      [null, "2026-02", 1, [1, 1, 0, null]],
      [null, "2026-03", 1, [1, 0, null, null]],
    ]);
    expect(r.rows[0]!.rates).toEqual([1, 1 / 3, 1 / 3, 1 / 3]);
    expect(r.rows[1]!.rates).toEqual([1, 1, 0, null]);
  });

  it("splits by the channel and the campaign of the first purchase, and by customer source", async () => {
    expect(table(await matrix(a, "channel"))).toEqual([
      ["store", "2026-01", 2, [2, 1, 0, 1]],
      ["store", "2026-03", 1, [1, 0, null, null]],
      ["tmall", "2026-01", 1, [1, 0, 1, 0]],
      ["tmall", "2026-02", 1, [1, 1, 0, null]],
    ]);
    const byCampaign = await matrix(a, "campaign");
    expect(table(byCampaign)).toEqual([
      [campaignId, "2026-01", 1, [1, 0, 1, 0]],
      [null, "2026-01", 2, [2, 1, 0, 1]],
      [null, "2026-02", 1, [1, 1, 0, null]],
      [null, "2026-03", 1, [1, 0, null, null]],
    ]);
    expect(byCampaign.rows[0]!.groupLabel).toBe("Spring launch");
    expect(table(await matrix(a, "source"))).toEqual([
      ["wechat", "2026-01", 1, [1, 1, 0, 1]],
      [null, "2026-01", 2, [2, 0, 1, 0]],
      [null, "2026-02", 1, [1, 1, 0, null]],
      [null, "2026-03", 1, [1, 0, null, null]],
    ]);
  });

  it("covers only the viewer's data scope (a region manager's page context)", async () => {
    const ctx: AuthContext = {
      tenantId: a.tenantId, userId: a.ownerUserId, email: "x@example.test", name: "Region manager", tenantName: "A", locale: "en",
      departmentId: deptA, grants: new Map([["analytics:read", "department"]]),
    };
    const r = await withTenant(a.owner, async (tx) => {
      const page = await analyticsPageContext(tx, ctx);
      expect(page.scope).toEqual({ all: false, userIds: [a.ownerUserId], departmentIds: [deptA] });
      return cohortRetention(tx, { scope: page.scope, timeZone: page.timeZone, months: 4, horizon: 3, now: NOW });
    });
    expect(table(r)).toEqual([
      [null, "2026-01", 2, [2, 1, 1, 1]],
      [null, "2026-02", 1, [1, 1, 0, null]],
      [null, "2026-03", 1, [1, 0, null, null]],
    ]);
    const none = await matrix(a, "all", { all: false, userIds: [], departmentIds: [] });
    expect(none.rows).toEqual([]);
  });

  it("another tenant sees only its own customers", async () => {
    expect(table(await matrix(b, "all"))).toEqual([[null, "2026-02", 1, [1, 0, 0, null]]]);
  });

  it("names months in the given time zone", () => {
    expect(monthInTimeZone(new Date("2026-01-31T17:00:00Z"), "Asia/Shanghai")).toBe("2026-02");
    expect(monthInTimeZone(new Date("2026-01-31T17:00:00Z"), "UTC")).toBe("2026-01");
  });
});

describe("the scoring job keeps customers' first and last order times", () => {
  it("sets them from all the customer's orders (as the order import does), replacing stale values", async () => {
    await runScoring(a.owner);
    const rows = await withTenant(a.owner, (tx) => tx.customer.findMany({ where: { id: { in: Object.values(ids) } } }));
    const times = Object.fromEntries(rows.map((r) => [r.name, [r.firstOrderAt?.toISOString(), r.lastOrderAt?.toISOString()]]));
    expect(times).toEqual({
      c1: ["2026-01-10T04:00:00.000Z", "2026-03-31T17:30:00.000Z"],
      // the unpaid January order is still an order
      c5: ["2026-01-03T04:00:00.000Z", "2026-03-02T04:00:00.000Z"],
      c7: ["2026-01-12T04:00:00.000Z", "2026-04-20T04:00:00.000Z"],
    });
    const bRows = await withTenant(b.owner, (tx) => tx.customer.findMany());
    expect(bRows.map((r) => r.lastOrderAt)).toEqual([null]);
  });
});
