// Product affinity on the product dashboard (lib/dashboard/affinity.ts): the newest
// basket run's top rules and the lift matrix, against the stored rules read
// directly; "no basket analysis yet" before a run; the same tenant-wide rules for a
// store manager (rules carry no customer); another tenant sees none of them.
// Planted baskets (paid orders): {A,B} ×6, {A,B,C} ×2, {C,D} ×4, {D} ×3, {A} ×2, {E,F} ×3.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { loadAuthContext, type AuthContext } from "@/lib/auth/context";
import { withTenant } from "@/lib/db/tenant";
import { refreshRollups } from "@/lib/rollups/refresh";
import { productsDashboard } from "@/lib/dashboard/products";
import { runBasketRules } from "@/lib/analytics/insights/basket-run";
import { AFFINITY_PRODUCTS, TOP_RULES } from "@/lib/dashboard/affinity";
import { addDepartment, createTenant, type TestTenant } from "@/tests/factories/tenants";
import { addMemberWithGrants, createCustomer } from "@/tests/factories/customers";

const RANGE = { from: "2026-06-01", to: "2026-06-30" };
let a: TestTenant;
let b: TestTenant;
const viewers: Record<string, AuthContext> = {};
const product: Record<string, string> = {};

async function ctxOf(who: { tenantId: string; userId: string }): Promise<AuthContext> {
  const ctx = await loadAuthContext(who);
  if (!ctx) throw new Error("no context");
  return ctx;
}

async function plant(t: TestTenant, storeId: string | null) {
  const customer = await createCustomer(t, { name: "basket buyer" });
  await withTenant(t.owner, async (tx) => {
    for (const name of ["A", "B", "C", "D", "E", "F"]) {
      product[`${t.tenantId}:${name}`] = (await tx.product.create({ data: { tenantId: t.tenantId, sku: `SKU-${name}`, name: `商品${name}` } })).id;
    }
    const baskets: [string[], number][] = [[["A", "B"], 6], [["A", "B", "C"], 2], [["C", "D"], 4], [["D"], 3], [["A"], 2], [["E", "F"], 3]];
    let n = 0;
    for (const [items, times] of baskets) {
      for (let k = 0; k < times; k++, n++) {
        const at = new Date(`2026-06-${String(1 + (n % 28)).padStart(2, "0")}T04:00:00Z`);
        const order = await tx.order.create({ data: {
          tenantId: t.tenantId, orderNo: `AF-${randomUUID().slice(0, 10)}`, customerId: customer.id, channel: "store", storeId,
          status: "paid", orderedAt: at, paidAt: at, amount: "10.00", paidAmount: "10.00",
        } });
        for (const item of items) {
          await tx.orderItem.create({ data: { tenantId: t.tenantId, orderId: order.id, productId: product[`${t.tenantId}:${item}`]!, quantity: 1, unitPrice: "5.00", amount: "5.00" } });
        }
      }
    }
  });
}

type Stored = { id: string; antecedent: string[]; consequent: string[]; support: number; confidence: number; lift: number };
const storedRules = (t: TestTenant) => withTenant(t.owner, (tx) => tx.$queryRaw<Stored[]>`
  SELECT id::text, antecedent::text[], consequent::text[], support, confidence, lift FROM association_rules
  ORDER BY lift DESC, confidence DESC, support DESC, id`);

beforeAll(async () => {
  a = await createTenant("Affinity A");
  const dept = await addDepartment(a, "门店", null, "store");
  const storeId = await withTenant(a.owner, async (tx) => (await tx.store.create({ data: { tenantId: a.tenantId, code: "S1", name: "一店", kind: "store", departmentId: dept.id } })).id);
  await plant(a, storeId);
  await withTenant(a.owner, (tx) => refreshRollups(tx, a.tenantId), { timeoutMs: 60_000 });
  viewers.owner = await ctxOf(a.owner);
  viewers.store = await ctxOf(await addMemberWithGrants(a, [["dashboard:read", "department"]], { departmentId: dept.id }));
  b = await createTenant("Affinity B");
  await plant(b, null);
  await withTenant(b.owner, (tx) => refreshRollups(tx, b.tenantId), { timeoutMs: 60_000 });
  viewers.otherTenant = await ctxOf(b.owner);
});

const affinityOf = async (who: string) => (await productsDashboard(viewers[who]!, RANGE)).data!.affinity;

describe("product affinity", () => {
  it("says no basket analysis has run yet, before the first run", async () => {
    expect(await affinityOf("owner")).toEqual({ run: null, rules: [], matrix: { products: [], lift: [] } });
  });

  it("shows the newest run's top rules as stored, with product names", async () => {
    const result = await withTenant(a.owner, (tx) => runBasketRules(tx, a.tenantId, { minSupport: 0.1, minConfidence: 0.3 }), { timeoutMs: 60_000 });
    expect(result.rules).toBeGreaterThan(3);
    const stored = await storedRules(a);
    const shown = await affinityOf("owner");
    expect(shown.run).toMatchObject({ orders: 20, rules: result.rules });
    expect(shown.rules.map((r) => r.id)).toEqual(stored.slice(0, TOP_RULES).map((r) => r.id));
    for (const [i, r] of shown.rules.entries()) {
      expect(r).toMatchObject({ support: stored[i]!.support, confidence: stored[i]!.confidence, lift: stored[i]!.lift });
      expect(r.antecedent.map((p) => p.id)).toEqual(stored[i]!.antecedent);
      expect(r.consequent.every((p) => p.name.startsWith("商品"))).toBe(true);
    }
    // E → F: 3 of 20 orders, always together: confidence 1, lift 20 / 3.
    const ef = shown.rules.find((r) => r.antecedent[0]!.name === "商品E" && r.consequent[0]!.name === "商品F")!;
    expect(ef.lift).toBeCloseTo(20 / 3, 12);
    expect(ef.support).toBeCloseTo(3 / 20, 12);
  });

  it("the lift matrix holds every one-to-one rule between its products, both ways, and nothing else", async () => {
    const { matrix } = await affinityOf("owner");
    expect(matrix.products.length).toBeGreaterThan(1);
    expect(matrix.products.length).toBeLessThanOrEqual(AFFINITY_PRODUCTS);
    const ids = matrix.products.map((p) => p.id);
    const pairs = (await storedRules(a)).filter((r) => r.antecedent.length === 1 && r.consequent.length === 1);
    const want = new Map<string, number>();
    for (const r of pairs) {
      const [x, y] = [r.antecedent[0]!, r.consequent[0]!];
      if (!ids.includes(x) || !ids.includes(y)) continue;
      for (const key of [`${x}|${y}`, `${y}|${x}`]) want.set(key, Math.max(want.get(key) ?? 0, r.lift));
    }
    expect(want.size).toBeGreaterThan(0);
    for (const [i, x] of ids.entries()) {
      for (const [j, y] of ids.entries()) {
        const cell = matrix.lift[i]![j]!;
        if (want.has(`${x}|${y}`)) expect(cell).toBeCloseTo(want.get(`${x}|${y}`)!, 12);
        else expect(cell).toBeNull();
      }
    }
  });

  it("a store manager sees the same tenant-wide rules; another tenant none of them", async () => {
    const owner = await affinityOf("owner");
    const store = await affinityOf("store");
    expect(store.rules.map((r) => r.id)).toEqual(owner.rules.map((r) => r.id));
    expect(await affinityOf("otherTenant")).toEqual({ run: null, rules: [], matrix: { products: [], lift: [] } });
    await withTenant(b.owner, (tx) => runBasketRules(tx, b.tenantId, { minSupport: 0.1, minConfidence: 0.3 }), { timeoutMs: 60_000 });
    const other = await affinityOf("otherTenant");
    const ownIds = new Set(owner.rules.flatMap((r) => [...r.antecedent, ...r.consequent].map((p) => p.id)));
    expect(other.rules.length).toBeGreaterThan(0);
    expect(other.rules.some((r) => [...r.antecedent, ...r.consequent].some((p) => ownIds.has(p.id)))).toBe(false);
  });
});
