// The demo seeder end to end on a small tenant: through provisioning, the platform
// path and the app role's COPY loader, into the test database. The rows land where
// the seeder says, hang together, stay invisible to other tenants, and every role
// has a login that works; seeding again skips, --reset replaces.
import { beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { appDatabaseUrl } from "@/lib/config/env";
import { verifyPassword } from "@/lib/auth/password";
import { withTenant, withTenantPg } from "@/lib/db/tenant";
import { DEMO_PASSWORD, ROLE_LOGINS } from "@/lib/demo/accounts";
import { endOfChinaDay } from "@/lib/demo/calendar";
import { STREAMED, type StreamedTable } from "@/lib/demo/load";
import { seedDemoTenant, type SeedResult } from "@/lib/demo/seed-tenant";
import { unsafeFindTenantBySlug } from "@/lib/demo/unsafe-demo-tenant";
import { unsafeFindAccountByEmail } from "@/lib/users/accounts";
import { createTenant, type TestTenant } from "@/tests/factories/tenants";

const OPTIONS = { seed: "integration", customers: 300, orders: 2000, end: endOfChinaDay("2026-06-30"), partitions: 2 };

let seeded: Extract<SeedResult, { status: "created" }>;
let other: TestTenant;
const demo = () => ({ tenantId: seeded.tenantId });

async function tableCounts(tenantId: string): Promise<Record<StreamedTable, number>> {
  return withTenantPg({ tenantId }, async (c) => {
    const out = {} as Record<StreamedTable, number>;
    for (const [key, spec] of Object.entries(STREAMED)) {
      out[key as StreamedTable] = (await c.query(`SELECT count(*)::int AS n FROM ${spec.table}`)).rows[0].n;
    }
    return out;
  });
}

beforeAll(async () => {
  const result = await seedDemoTenant(OPTIONS);
  if (result.status !== "created") throw new Error(`expected a fresh demo tenant, got ${result.status}`);
  seeded = result;
  other = await createTenant("Other");
});

describe("demo seed", () => {
  it("loads what it reports, near the requested size", async () => {
    expect(await tableCounts(seeded.tenantId)).toEqual(seeded.counts);
    expect(seeded.counts.customers).toBe(OPTIONS.customers);
    expect(Math.abs(seeded.counts.orders / OPTIONS.orders - 1)).toBeLessThan(0.25);
    for (const table of ["order_items", "members", "points_ledger", "interactions", "customer_identities"] as const) {
      expect(seeded.counts[table]).toBeGreaterThan(0);
    }
    const frame = await withTenant(demo(), async (tx) => ({
      stores: await tx.store.count(), products: await tx.product.count(), tiers: await tx.memberTier.count(),
      regions: await tx.department.count({ where: { kind: "region" } }),
    }));
    expect(frame.stores).toBeGreaterThan(20);
    expect(frame.products).toBeGreaterThan(50);
    expect(frame.tiers).toBe(4);
    expect(frame.regions).toBeGreaterThanOrEqual(4);
  });

  it("hangs together: orders' customers exist, owners are salespeople of the customer's store", async () => {
    await withTenantPg(demo(), async (c) => {
      const orphans = await c.query(`SELECT count(*)::int AS n FROM orders o
        LEFT JOIN customers cu ON cu.tenant_id = o.tenant_id AND cu.id = o.customer_id WHERE cu.id IS NULL`);
      expect(orphans.rows[0].n).toBe(0);
      const badAmounts = await c.query(`SELECT count(*)::int AS n FROM orders o
        WHERE o.amount <> (SELECT sum(i.amount) FROM order_items i WHERE i.tenant_id = o.tenant_id AND i.order_id = o.id)`);
      expect(badAmounts.rows[0].n).toBe(0);
      const owners = await c.query(`SELECT count(*)::int AS n, count(*) FILTER (WHERE s.department_id = m.department_id
          AND r.system_key = 'sales_staff')::int AS ok
        FROM customers cu
        JOIN stores s ON s.tenant_id = cu.tenant_id AND s.id = cu.home_store_id
        JOIN memberships m ON m.tenant_id = cu.tenant_id AND m.user_id = cu.owner_user_id
        JOIN user_roles ur ON ur.tenant_id = m.tenant_id AND ur.user_id = m.user_id
        JOIN roles r ON r.tenant_id = ur.tenant_id AND r.id = ur.role_id`);
      expect(owners.rows[0].n).toBe(OPTIONS.customers);
      expect(owners.rows[0].ok).toBe(OPTIONS.customers);
      const ledgers = await c.query(`SELECT count(*)::int AS n FROM members m
        WHERE m.points_balance <> coalesce((SELECT sum(delta) FROM points_ledger p WHERE p.tenant_id = m.tenant_id AND p.member_id = m.id), 0)`);
      expect(ledgers.rows[0].n).toBe(0);
    });
  });

  it("is invisible to another tenant and to a connection without a tenant", async () => {
    await withTenantPg(other.owner, async (c) => {
      for (const spec of Object.values(STREAMED)) {
        const { rows } = await c.query(`SELECT count(*)::int AS n FROM ${spec.table} WHERE tenant_id = $1`, [seeded.tenantId]);
        expect(rows[0].n, spec.table).toBe(0);
      }
      expect((await c.query("SELECT count(*)::int AS n FROM stores")).rows[0].n).toBe(0);
    });
    const bare = new pg.Client({ connectionString: appDatabaseUrl() });
    await bare.connect();
    try {
      expect((await bare.query("SELECT count(*)::int AS n FROM orders")).rows[0].n).toBe(0);
    } finally {
      await bare.end();
    }
  });

  it("has a working login for every role, placed in the organisation", async () => {
    for (const login of ROLE_LOGINS) {
      const email = seeded.logins.find((l) => l.role === login.role)!.email;
      const account = await unsafeFindAccountByEmail(email);
      expect(account, email).not.toBeNull();
      expect(await verifyPassword(DEMO_PASSWORD, account!.passwordHash)).toBe(true);
      const placed = await withTenantPg(demo(), async (c) => (await c.query(
        `SELECT r.system_key, d.kind FROM memberships m
           JOIN user_roles ur ON ur.tenant_id = m.tenant_id AND ur.user_id = m.user_id
           JOIN roles r ON r.tenant_id = ur.tenant_id AND r.id = ur.role_id
           JOIN departments d ON d.tenant_id = m.tenant_id AND d.id = m.department_id
          WHERE m.user_id = $1 AND m.status = 'active'`, [account!.id])).rows);
      expect(placed.map((p) => p.system_key)).toEqual([login.role]);
      const kind = { owner: "head_office", admin: "head_office", manager: "region", marketing_planner: "team", sales_staff: "store" }[login.role];
      expect(placed[0].kind, email).toBe(kind);
    }
    const sales = await unsafeFindAccountByEmail(seeded.logins.find((l) => l.role === "sales_staff")!.email);
    const owned = await withTenant(demo(), (tx) => tx.customer.count({ where: { ownerUserId: sales!.id } }));
    expect(owned).toBeGreaterThan(0);
  });

  it("skips an existing demo tenant, and replaces it with reset", async () => {
    const again = await seedDemoTenant(OPTIONS);
    expect(again).toMatchObject({ status: "skipped", tenantId: seeded.tenantId });

    const small = { ...OPTIONS, customers: 60, orders: 400, reset: true };
    const replaced = await seedDemoTenant(small);
    if (replaced.status !== "created") throw new Error("expected a replacement");
    expect(replaced.replaced).toBe(true);
    expect(replaced.tenantId).not.toBe(seeded.tenantId);
    expect((await unsafeFindTenantBySlug("demo"))?.id).toBe(replaced.tenantId);
    expect(await tableCounts(seeded.tenantId)).toEqual(Object.fromEntries(Object.keys(STREAMED).map((t) => [t, 0])));
    expect(await tableCounts(replaced.tenantId)).toEqual(replaced.counts);
    expect(replaced.counts.customers).toBe(small.customers);
    const owner = await unsafeFindAccountByEmail(replaced.logins[0]!.email);
    expect(await verifyPassword(DEMO_PASSWORD, owner!.passwordHash)).toBe(true);
    seeded = replaced;
  });
});
