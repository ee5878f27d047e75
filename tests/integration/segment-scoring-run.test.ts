// Saved segments read the newest *successful* scoring run: a succeeded run on D1 and
// a failed run (with score rows) on D2 > D1, plus a running one on D3 > D2 — dynamic
// score conditions, rule-tree score conditions, model segments (churn risk and CLV
// top p%) and the members' scores shown on the segment page all come from D1.
import { beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { createTenant, type TestTenant } from "@/tests/factories/tenants";
import { createCustomer } from "@/tests/factories/customers";
import { loadAuthContext, type AuthContext } from "@/lib/auth/context";
import { withTenant } from "@/lib/db/tenant";
import { createSegment } from "@/lib/segments/mutations";
import { getSegment } from "@/lib/segments/queries";
import type { SegmentForm } from "@/lib/segments/form";

let a: TestTenant;
let owner: AuthContext;
const c: Record<"x" | "y" | "z", string> = {} as never;
const D1 = "2026-10-01";
const D2 = "2026-10-15";
const D3 = "2026-10-20";

async function score(customerId: string, asOf: string, rfm: string, churn: string, clv: number) {
  await withTenant(a.owner, (tx) => tx.customerScore.create({
    data: { tenantId: a.tenantId, customerId, asOf: new Date(asOf), frequency: 1, monetary: "1", rfmSegment: rfm, churnRisk: churn, predictedClv: clv.toFixed(2) },
  }));
}

beforeAll(async () => {
  a = await createTenant("SegRun");
  owner = (await loadAuthContext(a.owner))!;
  for (const k of ["x", "y", "z"] as const) c[k] = (await createCustomer(a, { name: k })).id;
  await withTenant(a.owner, (tx) => tx.scoringRun.createMany({ data: [
    { tenantId: a.tenantId, asOf: new Date(D1), status: "succeeded" },
    { tenantId: a.tenantId, asOf: new Date(D2), status: "failed" },
    { tenantId: a.tenantId, asOf: new Date(D3), status: "running" },
  ] }));
  // D1 (succeeded): x is the champion with the top CLV; y and z are lost and at high risk.
  await score(c.x, D1, "champions", "low", 1000);
  await score(c.y, D1, "lost", "high", 10);
  await score(c.z, D1, "lost", "high", 20);
  // D2 (failed) and D3 (running) say the opposite: never to be read.
  for (const d of [D2, D3]) {
    await score(c.x, d, "lost", "high", 1);
    await score(c.y, d, "champions", "low", 5000);
    await score(c.z, d, "champions", "low", 4000);
  }
});

const members = (segmentId: string) => withTenant(a.owner, async (tx) =>
  (await tx.segmentMember.findMany({ where: { segmentId }, select: { customerId: true } })).map((m) => m.customerId).sort());
const ids = (...keys: ("x" | "y" | "z")[]) => keys.map((k) => c[k]).sort();
const name = () => `run-${randomUUID().slice(0, 8)}`;
const dynamic = (def: Partial<Extract<SegmentForm, { kind: "dynamic" }>["def"]>): SegmentForm =>
  ({ name: name(), kind: "dynamic", def: { filters: {}, rfmSegments: [], churnRisk: [], ...def } });

describe("segments read the newest successful scoring run", () => {
  it("dynamic score conditions (RFM segment, churn risk, CLV range)", async () => {
    expect(await members((await createSegment(owner, dynamic({ rfmSegments: ["champions"] }))).id)).toEqual(ids("x"));
    expect(await members((await createSegment(owner, dynamic({ churnRisk: ["high"] }))).id)).toEqual(ids("y", "z"));
    expect(await members((await createSegment(owner, dynamic({ clvMin: 500 }))).id)).toEqual(ids("x"));
  });

  it("rule-tree score conditions", async () => {
    const rules = { type: "group" as const, op: "and" as const, children: [{ type: "condition" as const, field: "rfmSegment" as const, op: "in" as const, values: ["lost"] }] };
    const s = await createSegment(owner, dynamic({ rules } as never));
    expect(await members(s.id)).toEqual(ids("y", "z"));
  });

  it("model segments: churn risk, and CLV top p% ranked within D1 only", async () => {
    const high = await createSegment(owner, { name: name(), kind: "model", def: { churnRisk: ["high"] } });
    expect(await members(high.id)).toEqual(ids("y", "z"));
    // On D1 x's 1000 is the top third; on the failed run it would be y.
    const top = await createSegment(owner, { name: name(), kind: "model", def: { churnRisk: [], clvTopPercent: 34 } });
    expect(await members(top.id)).toEqual(ids("x"));
  });

  it("the segment page shows the members' D1 scores", async () => {
    const s = await createSegment(owner, dynamic({}));
    const detail = await getSegment(owner, s.id);
    const byId = new Map(detail!.sample.map((m) => [m.id, [m.rfmSegment, m.churnRisk]]));
    expect(byId.get(c.x)).toEqual(["champions", "low"]);
    expect(byId.get(c.y)).toEqual(["lost", "high"]);
  });

  it("with no successful run at all, score conditions match no one", async () => {
    await withTenant(a.owner, (tx) => tx.scoringRun.updateMany({ where: { status: "succeeded" }, data: { status: "failed" } }));
    try {
      expect(await members((await createSegment(owner, dynamic({ churnRisk: ["high", "low"] }))).id)).toEqual([]);
    } finally {
      await withTenant(a.owner, (tx) => tx.scoringRun.updateMany({ where: { asOf: new Date(D1) }, data: { status: "succeeded" } }));
    }
  });
});
