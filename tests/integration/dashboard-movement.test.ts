// Segment movement on the customer dashboard comes from rollup_segment_movement
// (lib/rollups/refresh-movement.ts), refreshed by the rollups job, and equals what
// lib/analytics/rfm/movement.ts computes from the two customer_scores snapshots —
// for the tenant and within a viewer's data scope. Planted: succeeded scoring runs on
// 30 April, 31 May and 15 June (the pair is 31 May → 15 June), a failed run on 20
// June (ignored); customers in two departments and one owned by a user, some scored
// only before (gone), some only after (new), one with no segment.
import { beforeAll, describe, expect, it } from "vitest";
import { loadAuthContext, type AuthContext } from "@/lib/auth/context";
import { withTenant } from "@/lib/db/tenant";
import { refreshRollups } from "@/lib/rollups/refresh";
import { customersDashboard } from "@/lib/dashboard/customers";
import { dashboardScope } from "@/lib/dashboard/scope";
import { segmentMovement, type Movement } from "@/lib/analytics/rfm/movement";
import { addDepartment, createTenant, type TestTenant } from "@/tests/factories/tenants";
import { addMemberWithGrants, createCustomer } from "@/tests/factories/customers";

let a: TestTenant;
let b: TestTenant;
const viewers: Record<string, AuthContext> = {};
const depts: Record<string, string> = {};

async function ctxOf(who: { tenantId: string; userId: string }): Promise<AuthContext> {
  const ctx = await loadAuthContext(who);
  if (!ctx) throw new Error("no context");
  return ctx;
}

const cellKey = (m: Movement) => new Map(m.cells.map((c) => [`${c.from}→${c.to}`, c.customers]));

async function score(t: TestTenant, customerId: string, asOf: string, segment: string | null) {
  await withTenant(t.owner, (tx) => tx.customerScore.create({ data: { tenantId: t.tenantId, customerId, asOf: new Date(`${asOf}T00:00:00Z`), rfmSegment: segment } }));
}

async function run(t: TestTenant, asOf: string, status = "succeeded") {
  await withTenant(t.owner, (tx) => tx.scoringRun.create({ data: { tenantId: t.tenantId, asOf: new Date(`${asOf}T00:00:00Z`), status } }));
}

async function refresh(t: TestTenant) {
  await withTenant(t.owner, (tx) => refreshRollups(tx, t.tenantId), { timeoutMs: 60_000 });
}

/** The movement of movement.ts for a viewer: their dashboard scope, computed from the snapshots. */
async function direct(ctx: AuthContext): Promise<Movement> {
  return withTenant(ctx, async (tx) => segmentMovement(tx, { scope: (await dashboardScope(tx, ctx)).customers }));
}

beforeAll(async () => {
  a = await createTenant("Movement A");
  depts.north = (await addDepartment(a, "北区", null, "store")).id;
  depts.south = (await addDepartment(a, "南区", null, "store")).id;
  const seller = await addMemberWithGrants(a, [["dashboard:read", "own"]]);
  // [department, owner, 30 Apr, 31 May, 15 Jun]
  const plan: [string | null, string | null, string | null | undefined, string | null | undefined, string | null | undefined][] = [
    ["north", null, "champions", "champions", "champions"],
    ["north", null, "loyal", "loyal", "at_risk"],
    ["north", null, undefined, "at_risk", "lost"],
    ["north", null, undefined, undefined, "new_customers"], // new since 31 May
    ["north", null, "lost", "lost", undefined], // no longer scored
    ["south", null, undefined, "champions", "loyal"],
    ["south", null, undefined, "loyal", "at_risk"],
    ["south", null, undefined, "hibernating", null], // scored without a segment
    ["south", seller.userId, undefined, "promising", "loyal"],
    [null, seller.userId, undefined, "need_attention", "need_attention"],
    [null, null, undefined, "about_to_sleep", "hibernating"],
  ];
  for (const [i, [dept, owner, apr, may, jun]] of plan.entries()) {
    const c = await createCustomer(a, { name: `M${i}`, departmentId: dept ? depts[dept] : null, ownerUserId: owner });
    for (const [asOf, seg] of [["2026-04-30", apr], ["2026-05-31", may], ["2026-06-15", jun]] as const) {
      if (seg !== undefined) await score(a, c.id, asOf, seg);
    }
  }
  for (const asOf of ["2026-04-30", "2026-05-31", "2026-06-15"]) await run(a, asOf);
  await run(a, "2026-06-20", "failed");
  await refresh(a);

  viewers.owner = await ctxOf(a.owner);
  viewers.north = await ctxOf(await addMemberWithGrants(a, [["dashboard:read", "department"]], { departmentId: depts.north }));
  viewers.seller = await ctxOf(seller);
  b = await createTenant("Movement B");
  await refresh(b);
  viewers.otherTenant = await ctxOf(b.owner);
});

const movementOf = async (who: string, params: Record<string, string> = {}) => (await customersDashboard(viewers[who]!, params)).data!.movement;

describe("segment movement from the rollup", () => {
  it("equals movement.ts for the tenant: the same pair of snapshots and the same counts", async () => {
    const rollup = await movementOf("owner");
    const fromSnapshots = await withTenant(a.owner, (tx) => segmentMovement(tx));
    expect({ from: rollup.from, to: rollup.to }).toEqual({ from: "2026-05-31", to: "2026-06-15" });
    expect({ from: fromSnapshots.from, to: fromSnapshots.to }).toEqual({ from: rollup.from, to: rollup.to });
    expect(cellKey(rollup)).toEqual(cellKey(fromSnapshots));
    expect(rollup.cells.reduce((s, c) => s + c.customers, 0)).toBe(11);
    expect(cellKey(rollup).get("null→new_customers")).toBe(1);
    expect(cellKey(rollup).get("lost→null")).toBe(1);
    expect(cellKey(rollup).get("hibernating→null")).toBe(1); // no segment reads as "not scored", as in movement.ts
    expect(cellKey(rollup).get("loyal→at_risk")).toBe(2);
  });

  it("follows the viewer's scope exactly as movement.ts does with it", async () => {
    const north = await movementOf("north");
    expect(cellKey(north)).toEqual(cellKey(await direct(viewers.north!)));
    expect(north.cells.reduce((s, c) => s + c.customers, 0)).toBe(5);
    expect(cellKey(north).get("loyal→at_risk")).toBe(1);
    const seller = await movementOf("seller");
    expect(cellKey(seller)).toEqual(cellKey(await direct(viewers.seller!)));
    expect(cellKey(seller)).toEqual(new Map([["promising→loyal", 1], ["need_attention→need_attention", 1]]));
  });

  it("the segment filter keeps the cells from or to that segment", async () => {
    const m = await movementOf("owner", { segment: "loyal" });
    expect(cellKey(m)).toEqual(new Map([["champions→loyal", 1], ["loyal→at_risk", 2], ["promising→loyal", 1]]));
  });

  it("another tenant sees nothing; the page reads the rollup until the job runs again", async () => {
    expect(await movementOf("otherTenant")).toEqual({ from: null, to: null, cells: [] });
    const seen = await withTenant(b.owner, (tx) => tx.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM rollup_segment_movement`);
    expect(seen[0]!.n).toBe(0);
    // A new scoring run (30 June): the dashboard keeps the rollup's pair until the refresh after scoring.
    const [{ id }] = await withTenant(a.owner, (tx) => tx.$queryRaw<{ id: string }[]>`SELECT id::text FROM customers WHERE name = 'M0'`);
    await score(a, id!, "2026-06-30", "at_risk");
    await run(a, "2026-06-30");
    expect((await movementOf("owner")).to).toBe("2026-06-15");
    await refresh(a);
    const after = await movementOf("owner");
    expect({ from: after.from, to: after.to }).toEqual({ from: "2026-05-31", to: "2026-06-30" });
    expect(cellKey(after)).toEqual(cellKey(await withTenant(a.owner, (tx) => segmentMovement(tx))));
    expect(after.cells.reduce((s, c) => s + c.customers, 0)).toBe(10); // M0 in both snapshots, the other 9 scored on 31 May only
  });
});
