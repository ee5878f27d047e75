// The monthly rollups of the member and interaction dashboards (migration
// 20261125067200_dashboard_speed) are the daily rows summed by month, after a full
// and a partial refresh, and are rebuilt whole when missing; a long range read from
// whole months and ragged days gives exactly the figures of the day rows; and the
// interactions' conversion (one sort of interactions and purchases by customer and
// time) counts the first purchase strictly after the interaction, within 7 and 30 days.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { loadAuthContext, type AuthContext } from "@/lib/auth/context";
import { withTenant } from "@/lib/db/tenant";
import { refreshRollups } from "@/lib/rollups/refresh";
import { MONTHLY_ROLLUPS } from "@/lib/rollups/refresh-months";
import { membersDashboard } from "@/lib/dashboard/members";
import { interactionsDashboard } from "@/lib/dashboard/interactions";
import { bigScreenDashboard } from "@/lib/dashboard/big-screen";
import { previousPeriod } from "@/lib/dashboard/filters";
import { addDepartment, createTenant, type TestTenant } from "@/tests/factories/tenants";
import { createCustomer } from "@/tests/factories/customers";

let t: TestTenant;
let owner: AuthContext;
let convDept: string;
const at = (day: string, time = "12:00:00") => new Date(`${day}T${time}+08:00`);
const CHANNELS = ["sms", "wechat", "call"];
/** Day n (0-based) from 2026-01-03: spread over six months, ragged at both ends of any range. */
const dayN = (n: number) => new Date(Date.UTC(2026, 0, 3 + n)).toISOString().slice(0, 10);

async function refresh(opts: { fromDay?: string } = {}) {
  await withTenant(t.owner, (tx) => refreshRollups(tx, t.tenantId, opts), { timeoutMs: 120_000 });
}

async function one<T>(sql: string): Promise<T> {
  return (await withTenant(t.owner, (tx) => tx.$queryRawUnsafe<T[]>(sql)))[0]!;
}

/** Rows where the monthly table and the daily one summed by month disagree (both ways), and the monthly rows. */
async function disagreement(key: keyof typeof MONTHLY_ROLLUPS) {
  const r = MONTHLY_ROLLUPS[key];
  const dims = r.dimensions.join(", ");
  const cols = `month, ${dims}, ${r.measures.join(", ")}`;
  const summed = `SELECT date_trunc('month', day)::date AS month, ${dims}, ${r.measures.map((m) => `sum(${m}) AS ${m}`).join(", ")}
    FROM ${r.daily} WHERE tenant_id = '${t.tenantId}' GROUP BY 1, ${dims}`;
  const monthly = `SELECT ${cols} FROM ${r.monthly} WHERE tenant_id = '${t.tenantId}'`;
  return one<{ differing: number; months: number }>(`
    SELECT (SELECT count(*) FROM ((${monthly} EXCEPT SELECT ${cols} FROM (${summed}) s) UNION ALL (SELECT ${cols} FROM (${summed}) s EXCEPT ${monthly})) d)::int AS differing,
      (SELECT count(*) FROM ${r.monthly} WHERE tenant_id = '${t.tenantId}')::int AS months`);
}

beforeAll(async () => {
  t = await createTenant("Dashboard speed");
  const north = await addDepartment(t, "北京店", null, "store");
  const south = await addDepartment(t, "广州店", null, "store");
  const conv = await addDepartment(t, "转化", null, "team");
  convDept = conv.id;
  const storeId = await withTenant(t.owner, async (tx) =>
    (await tx.store.create({ data: { tenantId: t.tenantId, code: "BJ", name: "北京店", kind: "store", departmentId: north.id, province: "北京市", city: "北京市" } })).id);
  const tiers = await withTenant(t.owner, async (tx) => {
    const out: string[] = [];
    for (const [rank, name] of ["silver", "gold"].entries()) out.push((await tx.memberTier.create({ data: { tenantId: t.tenantId, rank: rank + 1, name } })).id);
    return out;
  });
  // Twelve customers in two departments, each with interactions, orders, a membership with
  // points, coupons and a tier change spread over January–June 2026.
  const customers: string[] = [];
  for (let c = 0; c < 12; c++) {
    const id = (await createCustomer(t, { name: `s-${c}`, departmentId: c % 2 ? north.id : south.id })).id;
    customers.push(id);
    await withTenant(t.owner, async (tx) => {
      await tx.interaction.createMany({ data: Array.from({ length: 30 }, (_, k) => ({
        tenantId: t.tenantId, customerId: id, channel: CHANNELS[(c + k) % 3]!, type: "contact", pointsEarned: k % 4, occurredAt: at(dayN(c + k * 6), "09:30:00"),
      })) });
      for (let k = 0; k < 8; k++) {
        const day = dayN(c * 2 + k * 21 + 3);
        await tx.order.create({ data: {
          tenantId: t.tenantId, orderNo: `S-${randomUUID().slice(0, 10)}`, customerId: id, channel: "store", storeId, status: "paid",
          orderedAt: at(day), paidAt: at(day), amount: "100.00", paidAmount: `${100 + c + k}.00`,
        } });
      }
      if (c % 3 !== 2) {
        const m = await tx.member.create({ data: { tenantId: t.tenantId, customerId: id, memberNo: `SM-${c}`, tierId: tiers[c % 2]!, joinedAt: at(dayN(c), "08:00:00") } });
        let balance = 0;
        for (let k = 0; k < 10; k++) {
          const delta = k % 3 === 2 ? -(5 + c) : 20 + k;
          balance += delta;
          await tx.pointsLedger.create({ data: { tenantId: t.tenantId, memberId: m.id, delta, balanceAfter: balance, reason: delta > 0 ? "order" : "redeem", createdAt: at(dayN(c + k * 17)) } });
        }
        await tx.member.update({ where: { tenantId_id: { tenantId: t.tenantId, id: m.id } }, data: { pointsBalance: balance } });
        if (c % 2) await tx.tierChange.create({ data: { tenantId: t.tenantId, memberId: m.id, fromTierId: tiers[0]!, toTierId: tiers[1]!, changedAt: at(dayN(c * 13)) } });
      }
      for (let k = 0; k < 3; k++) {
        await tx.coupon.create({ data: { tenantId: t.tenantId, code: `SC-${c}-${k}`, customerId: id, value: "20.00",
          issuedAt: at(dayN(c * 5 + k * 40)), usedAt: k === 1 ? at(dayN(c * 5 + k * 40 + 9)) : null } });
      }
    });
  }
  await withTenant(t.owner, async (tx) => {
    for (let c = 1; c < 12; c += 3) {
      await tx.referral.create({ data: { tenantId: t.tenantId, referrerCustomerId: customers[c - 1]!, referredCustomerId: customers[c]!, referredAt: at(dayN(c * 11)), rewardPoints: 30 } });
    }
  });
  // Conversion, in a department of its own: interactions at 10:00 on 03-01 …
  const buyer = (await createCustomer(t, { name: "conv", departmentId: conv.id })).id;
  await withTenant(t.owner, async (tx) => {
    const touch = (day: string, time = "10:00:00") => tx.interaction.create({ data: { tenantId: t.tenantId, customerId: buyer, channel: "sms", type: "contact", occurredAt: at(day, time) } });
    const buy = (day: string, time: string, refunded = false) => tx.order.create({ data: {
      tenantId: t.tenantId, orderNo: `C-${randomUUID().slice(0, 10)}`, customerId: buyer, channel: "tmall", status: refunded ? "refunded" : "paid",
      orderedAt: at(day, time), paidAt: at(day, time), refundedAt: refunded ? at(day, "23:00:00") : null, amount: "50.00", paidAmount: "50.00" } });
    // 03-01 10:00: a purchase at the very same instant (not after it) and a refunded one next day;
    // the first purchase strictly after is 03-08 10:00, exactly 7 days later: converted within 7 and 30.
    await touch("2026-03-01");
    await buy("2026-03-01", "10:00:00");
    await buy("2026-03-02", "10:00:00", true);
    await buy("2026-03-08", "10:00:00");
    // 03-09 10:00: next purchase 04-08 10:00 (30 days later): within 30 only.
    await touch("2026-03-09");
    await buy("2026-04-08", "10:00:00");
    // 04-08 10:00:01: a purchase at that same instant does not count; the next one is
    // 05-08 10:00:02 (more than 30 days): not converted.
    await touch("2026-04-08", "10:00:01");
    await buy("2026-04-08", "10:00:01");
    await buy("2026-05-08", "10:00:02");
  });
  await refresh();
  owner = (await loadAuthContext(t.owner))!;
});

describe("monthly rollups of the member and interaction dashboards", () => {
  it("equal the daily rows summed by month after a full refresh", async () => {
    for (const key of Object.keys(MONTHLY_ROLLUPS) as (keyof typeof MONTHLY_ROLLUPS)[]) {
      const d = await disagreement(key);
      expect({ key, ...d }).toMatchObject({ key, differing: 0 });
      expect(d.months).toBeGreaterThan(1);
    }
  });

  it("stay equal after a partial refresh from mid-month, and are rebuilt whole when missing", async () => {
    await withTenant(t.owner, async (tx) => {
      const c = await tx.customer.findFirstOrThrow({ where: { name: "s-1" } });
      await tx.interaction.create({ data: { tenantId: t.tenantId, customerId: c.id, channel: "web", type: "contact", pointsEarned: 7, occurredAt: at("2026-05-20") } });
    });
    await refresh({ fromDay: "2026-05-16" });
    for (const key of Object.keys(MONTHLY_ROLLUPS) as (keyof typeof MONTHLY_ROLLUPS)[]) expect({ key, ...(await disagreement(key)) }).toMatchObject({ differing: 0 });
    const full = await disagreement("interactions");
    // As after the deploy that added them: no monthly rows; the next (partial) refresh rebuilds every month.
    await withTenant(t.owner, (tx) => tx.$executeRawUnsafe(`DELETE FROM rollup_interactions_monthly WHERE tenant_id = '${t.tenantId}'`));
    await refresh({ fromDay: "2026-06-10" });
    expect(await disagreement("interactions")).toEqual(full);
  });

  it("count the first purchase strictly after an interaction, within 7 and 30 days", async () => {
    const rows = await withTenant(t.owner, (tx) => tx.$queryRawUnsafe<{ day: string; interactions: number; c7: number; c30: number }[]>(`
      SELECT day::text, interactions, converted_7 AS c7, converted_30 AS c30 FROM rollup_interactions_daily
      WHERE tenant_id = '${t.tenantId}' AND department_id = '${convDept}' ORDER BY day`));
    expect(rows).toEqual([
      { day: "2026-03-01", interactions: 1, c7: 1, c30: 1 },
      { day: "2026-03-09", interactions: 1, c7: 0, c30: 1 },
      { day: "2026-04-08", interactions: 1, c7: 0, c30: 0 },
    ]);
  });
});

describe("long ranges read from whole months and ragged days", () => {
  const range = { from: "2026-01-15", to: "2026-06-20" };

  it("give the interaction dashboard's figures of the day rows", async () => {
    const byMonth = (await interactionsDashboard(owner, { ...range, grain: "month" })).data!;
    const byDay = (await interactionsDashboard(owner, { ...range, grain: "day" })).data!;
    expect(byMonth.totals.current.interactions).toBeGreaterThan(100);
    expect(byMonth.totals.current).toEqual(byDay.totals.current);
    expect(byMonth.byChannel).toEqual(byDay.byChannel);
    expect(byMonth.referrals.totals).toEqual(byDay.referrals.totals);
    expect(byMonth.referrals.totals.referrals).toBeGreaterThan(0);
    // Month buckets are the day rows summed by month.
    const monthOf = (d: string) => `${d.slice(0, 7)}-01`;
    for (const p of byMonth.trend) {
      const days = byDay.trend.filter((x) => monthOf(x.bucket) === p.bucket);
      expect(p.points).toBe(days.reduce((s, x) => s + x.points, 0));
    }
    // The previous period (whole months monthly) against the day rows themselves.
    const dailySum = (p: { from: string; to: string }) => one<{ n: number; c30: number }>(`SELECT sum(interactions)::float8 AS n, sum(converted_30)::float8 AS c30
      FROM rollup_interactions_daily WHERE tenant_id = '${t.tenantId}' AND day BETWEEN '${p.from}' AND '${p.to}'`);
    expect(byMonth.totals.previous!.interactions).toBe((await dailySum(previousPeriod(range))).n ?? 0);
    const wideRange = { from: "2026-04-10", to: "2026-06-30" };
    const wide = (await interactionsDashboard(owner, { ...wideRange, grain: "month" })).data!;
    const widePrev = await dailySum(previousPeriod(wideRange));
    expect(widePrev.n).toBeGreaterThan(0);
    expect(wide.totals.previous).toMatchObject({ interactions: widePrev.n, converted30: widePrev.c30 });
    // The big screen's totals (whole months) are the dashboard's.
    expect((await bigScreenDashboard(owner, { ...range, grain: "month" })).data!.interactions).toEqual(byDay.totals.current);
  });

  it("give the member dashboard's figures of the day rows", async () => {
    const byMonth = (await membersDashboard(owner, { ...range, grain: "month" })).data!;
    const byDay = (await membersDashboard(owner, { ...range, grain: "day" })).data!;
    expect(byMonth.contribution).toEqual(byDay.contribution);
    expect(byMonth.contribution.members.revenue).toBeGreaterThan(0);
    expect({ earned: byMonth.points.earned, consumed: byMonth.points.consumed, outstanding: byMonth.points.outstanding })
      .toEqual({ earned: byDay.points.earned, consumed: byDay.points.consumed, outstanding: byDay.points.outstanding });
    expect(byMonth.points.consumed).toBeGreaterThan(0);
    expect(byMonth.coupons).toMatchObject({ issued: byDay.coupons!.issued, used: byDay.coupons!.used, usedValue: byDay.coupons!.usedValue });
    expect(byMonth.migration).toEqual(byDay.migration);
    // Against the day rows themselves: points up to the range's end, tier changes in it.
    const p = await one<{ net: number }>(`SELECT sum(earned - consumed)::float8 AS net FROM rollup_points_daily WHERE tenant_id = '${t.tenantId}' AND day <= '${range.to}'`);
    expect(byMonth.points.outstanding).toBe(p.net);
    const tc = await one<{ n: number }>(`SELECT sum(changes)::float8 AS n FROM rollup_tier_changes_daily WHERE tenant_id = '${t.tenantId}' AND day BETWEEN '${range.from}' AND '${range.to}'`);
    expect(byMonth.migration.reduce((s, f) => s + f.changes, 0)).toBe(tc.n);
    expect(tc.n).toBeGreaterThan(0);
    const cp = await one<{ issued: number }>(`SELECT sum(issued)::float8 AS issued FROM rollup_coupons_daily WHERE tenant_id = '${t.tenantId}' AND day BETWEEN '${range.from}' AND '${range.to}'`);
    expect(byMonth.coupons!.issued).toBe(cp.issued);
  });
});
