// A small chain for the dashboard scenario, written into the e2e database through
// the app's tenant-bound path (the same factories as the integration tests), with
// the rollups refreshed directly (what the rollups job would do): three stores in
// two regions and an online shop, four products, customers in five provinces, two
// months of orders up to today (some unpaid, some refunded, reviewed), and scores.
import { e2eServerEnv } from "./e2e-env";

const DAY_MS = 86_400_000;

export async function seedDashboardScenario() {
  Object.assign(process.env, e2eServerEnv());
  const { randomUUID } = await import("node:crypto");
  const { createTenant, addDepartment, addMember, TEST_PASSWORD } = await import("@/tests/factories/tenants");
  const { createCustomer, addScore } = await import("@/tests/factories/customers");
  const { withTenant } = await import("@/lib/db/tenant");
  const { refreshRollups } = await import("@/lib/rollups/refresh");

  const tenant = await createTenant("E2E Dashboards");
  const south = await addDepartment(tenant, "华南大区", null, "region");
  const east = await addDepartment(tenant, "华东大区", null, "region");
  const gzDept = await addDepartment(tenant, "广州天河店", south.id, "store");
  const szDept = await addDepartment(tenant, "深圳南山店", south.id, "store");
  const shDept = await addDepartment(tenant, "上海徐汇店", east.id, "store");
  const ecommerce = await addDepartment(tenant, "电商部", null, "team");
  const manager = await addMember(tenant, "manager");

  const { stores, products } = await withTenant(tenant.owner, async (tx) => {
    const store = async (code: string, name: string, kind: string, departmentId: string, province: string | null, city: string | null) =>
      (await tx.store.create({ data: { tenantId: tenant.tenantId, code, name, kind, departmentId, province, city } })).id;
    const stores = [
      { id: await store("GZ01", "广州天河店", "store", gzDept.id, "广东省", "广州市"), channel: "store", dept: gzDept.id, province: "广东省", city: "广州市" },
      { id: await store("SZ01", "深圳南山店", "store", szDept.id, "广东省", "深圳市"), channel: "store", dept: szDept.id, province: "广东省", city: "深圳市" },
      { id: await store("SH01", "上海徐汇店", "store", shDept.id, "上海市", "上海市"), channel: "store", dept: shDept.id, province: "上海市", city: "上海市" },
      { id: await store("TM01", "天猫旗舰店", "online", ecommerce.id, null, null), channel: "tmall", dept: ecommerce.id, province: null, city: null },
    ];
    const product = async (sku: string, name: string, category: string, brand: string, price: number) =>
      ({ id: (await tx.product.create({ data: { tenantId: tenant.tenantId, sku, name, category, brand, price: price.toFixed(2) } })).id, price });
    const products = [
      await product("HW-P70", "华为 Pura 70", "手机", "华为", 5499),
      await product("AP-15", "iPhone 15", "手机", "Apple", 5999),
      await product("MI-BUDS", "小米 Buds 5", "耳机", "小米", 699),
      await product("XC-CASE", "星辰优选 手机壳", "保护配件", "星辰优选", 59),
    ];
    return { stores, products };
  });

  const places: [string, string, number][] = [["广东省", "广州市", 0], ["广东省", "深圳市", 1], ["上海市", "上海市", 2], ["浙江省", "杭州市", 3], ["北京市", "北京市", 3], ["四川省", "成都市", 3]];
  const customers: { id: string; home: number }[] = [];
  for (let i = 0; i < 30; i++) {
    const [province, city, home] = places[i % places.length]!;
    const c = await createCustomer(tenant, { name: `看板客户${i + 1}`, province, city, departmentId: stores[home]!.dept });
    customers.push({ id: c.id, home });
  }

  // Two months of orders up to today: 3 a day, deterministic.
  const now = Date.now();
  const orders: Record<string, unknown>[] = [];
  const items: Record<string, unknown>[] = [];
  let n = 0;
  for (let day = 59; day >= 0; day--) {
    for (let k = 0; k < 3; k++, n++) {
      const customer = customers[(n * 7) % customers.length]!;
      const store = stores[n % 5 === 0 ? 3 : customer.home]!;
      const orderedAt = new Date(now - day * DAY_MS - (k * 3 + 1) * 3600_000);
      const paid = n % 9 !== 4;
      const refunded = paid && n % 17 === 3;
      const received = paid && !refunded && n % 4 !== 1;
      const lines = [products[n % products.length]!, ...(n % 3 === 0 ? [products[3]!] : [])];
      const amount = lines.reduce((s, p) => s + p.price, 0);
      const id = randomUUID();
      orders.push({
        tenantId: tenant.tenantId, id, orderNo: `E2E-${n}`, customerId: customer.id, channel: store.channel, storeId: store.id,
        status: refunded ? "refunded" : !paid ? "created" : received ? "received" : "paid", orderedAt,
        paidAt: paid ? new Date(orderedAt.getTime() + 600_000) : null,
        shippedAt: paid && store.channel !== "store" ? new Date(orderedAt.getTime() + 20 * 3600_000) : null,
        receivedAt: received ? new Date(orderedAt.getTime() + (store.channel === "store" ? 900_000 : 60 * 3600_000)) : null,
        reviewedAt: received && n % 3 === 0 ? new Date(orderedAt.getTime() + 70 * 3600_000) : null,
        refundedAt: refunded ? new Date(orderedAt.getTime() + 48 * 3600_000) : null,
        amount: amount.toFixed(2), paidAmount: paid ? amount.toFixed(2) : "0.00",
      });
      for (const p of lines) {
        items.push({ tenantId: tenant.tenantId, orderId: id, productId: p.id, quantity: 1, unitPrice: p.price.toFixed(2), amount: p.price.toFixed(2) });
      }
    }
  }
  await withTenant(tenant.owner, async (tx) => {
    await tx.order.createMany({ data: orders as never });
    await tx.orderItem.createMany({ data: items as never });
  });

  const segments = ["champions", "loyal", "at_risk", "new_customers", "hibernating"];
  const risks = ["low", "medium", "high"];
  const scoredOn = new Date(`${new Date(now).toISOString().slice(0, 10)}T00:00:00Z`);
  for (const [i, c] of customers.slice(0, 20).entries()) {
    await addScore(tenant, c.id, { asOf: scoredOn, rfmSegment: segments[i % segments.length]!, churnRisk: risks[i % risks.length]!, pAlive: 0.5 });
  }
  // The run that wrote them succeeded: readers (and the score rollup) use only a successful run's scores.
  await withTenant(tenant.owner, (tx) => tx.scoringRun.createMany({ data: [{ tenantId: tenant.tenantId, asOf: scoredOn, status: "succeeded" }], skipDuplicates: true }));

  // Members on three tiers (some moved up 20 days ago) with points, interactions on
  // every channel, coupons (some used) and referrals: the member and interaction dashboards.
  await withTenant(tenant.owner, async (tx) => {
    const T = tenant.tenantId;
    const ago = (days: number, hour = 10) => new Date(now - days * DAY_MS - hour * 3600_000);
    const tierIds: string[] = [];
    for (const [rank, name] of ["银卡", "金卡", "钻石卡"].entries()) tierIds.push((await tx.memberTier.create({ data: { tenantId: T, rank: rank + 1, name } })).id);
    for (const [i, c] of customers.slice(0, 18).entries()) {
      const tier = i % 3;
      const m = await tx.member.create({ data: { tenantId: T, customerId: c.id, memberNo: `E2E-M${i}`, tierId: tierIds[tier]!, joinedAt: ago(90) } });
      let balance = 0;
      const ledger = [[55, 120], [40, 80], [25, -60], [10, 150], [3, -40]].slice(0, 3 + (i % 3));
      for (const [day, delta] of ledger) {
        balance += delta!;
        await tx.pointsLedger.create({ data: { tenantId: T, memberId: m.id, delta: delta!, balanceAfter: balance, reason: delta! > 0 ? "order" : "redeem", createdAt: ago(day!) } });
      }
      await tx.member.update({ where: { tenantId_id: { tenantId: T, id: m.id } }, data: { pointsBalance: balance } });
      if (tier > 0) await tx.tierChange.create({ data: { tenantId: T, memberId: m.id, fromTierId: tierIds[tier - 1]!, toTierId: tierIds[tier]!, reason: "upgrade", changedAt: ago(20 + i) } });
    }
    const channels = ["sms", "email", "wechat", "call", "visit", "web"];
    await tx.interaction.createMany({ data: customers.flatMap((c, i) => [0, 1, 2, 3].map((k) => ({
      tenantId: T, customerId: c.id, channel: channels[(i + k) % channels.length]!, type: "contact", pointsEarned: (i + k) % 3 === 0 ? 5 : 0, occurredAt: ago(3 + ((i * 7 + k * 13) % 55), 14),
    }))) });
    await tx.coupon.createMany({ data: customers.slice(0, 10).map((c, i) => ({
      tenantId: T, code: `E2E-CP${i}`, customerId: c.id, value: "20.00", issuedAt: ago(40 - i), usedAt: i % 5 < 2 ? ago(35 - i) : null,
    })) });
    await tx.referral.createMany({ data: customers.slice(20, 25).map((c, i) => ({
      tenantId: T, referrerCustomerId: customers[i]!.id, referredCustomerId: c.id, referredAt: ago(45 - i * 5), rewardPoints: 50,
    })) });
  });

  const { seedDashboardCampaigns } = await import("./seed-dashboard-campaigns");
  await seedDashboardCampaigns(tenant, customers.map((c) => c.id), now);
  await withTenant(tenant.owner, (tx) => refreshRollups(tx, tenant.tenantId), { timeoutMs: 60_000 });
  return { tenant, manager, password: TEST_PASSWORD };
}

/** An organization with nothing in it: its dashboards must say so. */
export async function seedEmptyDashboardTenant() {
  Object.assign(process.env, e2eServerEnv());
  const { createTenant, TEST_PASSWORD } = await import("@/tests/factories/tenants");
  const tenant = await createTenant("E2E Empty dashboards");
  return { tenant, owner: { email: `owner-${tenant.slug}@example.test` }, password: TEST_PASSWORD };
}
