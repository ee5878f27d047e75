// Tenant B tries to reach tenant A's rows on the app's own database connection:
// read, update, delete, reference, forge tenant_id, or forget to set a tenant at all.
// Row-level security must refuse every one, and A's rows must stay as they were.
import { beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { withTenant, withTenantPg } from "@/lib/db/tenant";
import { appDatabaseUrl } from "@/lib/config/env";
import { createTenant, type TestTenant } from "@/tests/factories/tenants";

let a: TestTenant;
let b: TestTenant;
let customerA: string;
let productA: string;

beforeAll(async () => {
  [a, b] = await Promise.all([createTenant("A"), createTenant("B")]);
  customerA = randomUUID();
  productA = randomUUID();
  await withTenant(a.owner, async (tx) => {
    await tx.customer.create({ data: { tenantId: a.tenantId, id: customerA, name: "张三", phone: "+8613800138000", ownerUserId: a.ownerUserId } });
    await tx.product.create({ data: { tenantId: a.tenantId, id: productA, sku: "IP15-128", name: "iPhone 15 128G", price: 5999 } });
  });
});

const countA = () => withTenant(a.owner, (tx) => tx.customer.count({ where: { id: customerA, name: "张三" } }));

describe("row-level security on the app connection", () => {
  it("B sees none of A's rows, whatever it asks for", async () => {
    await withTenantPg(b.owner, async (c) => {
      expect((await c.query("SELECT * FROM customers WHERE id = $1", [customerA])).rowCount).toBe(0);
      expect((await c.query("SELECT * FROM customers WHERE tenant_id = $1", [a.tenantId])).rowCount).toBe(0);
      expect((await c.query("SELECT * FROM roles WHERE tenant_id = $1", [a.tenantId])).rowCount).toBe(0);
      expect((await c.query("SELECT * FROM tenants WHERE id = $1", [a.tenantId])).rowCount).toBe(0);
      expect((await c.query("SELECT * FROM users WHERE id = $1", [a.ownerUserId])).rowCount).toBe(0);
    });
    expect(await withTenant(b.owner, (tx) => tx.customer.findMany())).toEqual([]);
  });

  it("B cannot update or delete A's rows (zero rows affected, A unchanged)", async () => {
    await withTenantPg(b.owner, async (c) => {
      expect((await c.query("UPDATE customers SET name = 'hacked' WHERE id = $1", [customerA])).rowCount).toBe(0);
      expect((await c.query("DELETE FROM customers WHERE tenant_id = $1", [a.tenantId])).rowCount).toBe(0);
      expect((await c.query("UPDATE tenants SET name = 'hacked' WHERE id = $1", [a.tenantId])).rowCount).toBe(0);
    });
    const r = await withTenant(b.owner, (tx) => tx.customer.updateMany({ where: { id: customerA }, data: { name: "hacked" } }));
    expect(r.count).toBe(0);
    expect(await countA()).toBe(1);
  });

  it("B cannot write a row stamped with A's tenant_id", async () => {
    await expect(
      withTenantPg(b.owner, (c) => c.query("INSERT INTO customers (tenant_id, name) VALUES ($1, 'forged')", [a.tenantId])),
    ).rejects.toThrow(/row-level security/);
    await expect(
      withTenantPg(b.owner, (c) => c.query("UPDATE customers SET tenant_id = $1", [a.tenantId])),
    ).resolves.toBeDefined(); // B's own rows only: nothing of A's touched, and ...
    expect(await withTenant(a.owner, (tx) => tx.customer.count())).toBe(1); // ... nothing moved into A
  });

  it("B cannot reference A's customer or product from its own rows", async () => {
    await expect(
      withTenantPg(b.owner, (c) =>
        c.query("INSERT INTO orders (tenant_id, order_no, customer_id, channel, ordered_at) VALUES ($1, 'X1', $2, 'store', now())", [b.tenantId, customerA]),
      ),
    ).rejects.toThrow(/foreign key/);
    await expect(
      withTenantPg(b.owner, (c) =>
        c.query("INSERT INTO customer_tags (tenant_id, customer_id, tag_id) VALUES ($1, $2, $3)", [b.tenantId, customerA, randomUUID()]),
      ),
    ).rejects.toThrow(/foreign key/);
  });

  it("B cannot create a tenant or a user account on the app connection", async () => {
    await expect(
      withTenantPg(b.owner, (c) => c.query("INSERT INTO tenants (name, slug) VALUES ('x', $1)", [`x-${randomUUID().slice(0, 8)}`])),
    ).rejects.toThrow(/row-level security/);
    await expect(
      withTenantPg(b.owner, (c) => c.query("INSERT INTO users (email, password_hash, name) VALUES ($1, 'x', 'x')", [`${randomUUID()}@x.test`])),
    ).rejects.toThrow(/row-level security/);
  });

  it("a connection that never set a tenant sees nothing and can write nothing", async () => {
    const client = new pg.Client({ connectionString: appDatabaseUrl() });
    await client.connect();
    try {
      expect((await client.query("SELECT count(*)::int AS n FROM customers")).rows[0].n).toBe(0);
      expect((await client.query("SELECT count(*)::int AS n FROM tenants")).rows[0].n).toBe(0);
      expect((await client.query("SELECT count(*)::int AS n FROM memberships")).rows[0].n).toBe(0);
      await expect(client.query("INSERT INTO customers (tenant_id, name) VALUES ($1, 'x')", [a.tenantId])).rejects.toThrow(/row-level security/);
      // Turning RLS off is the owner's privilege, not the app's.
      await expect(client.query("ALTER TABLE customers DISABLE ROW LEVEL SECURITY")).rejects.toThrow(/must be owner/);
      await expect(client.query("SET row_security = off; SELECT 1 FROM customers")).rejects.toThrow(/row-level security/);
    } finally {
      await client.end();
    }
  });

  it("the tenant setting does not leak to the next user of a pooled connection", async () => {
    await withTenantPg(a.owner, (c) => c.query("SELECT 1"));
    const leaked = await withTenantPg({ tenantId: b.tenantId }, async (c) =>
      (await c.query("SELECT count(*)::int AS n FROM customers WHERE id = $1", [customerA])).rows[0].n,
    );
    expect(leaked).toBe(0);
    const { appPgPool } = await import("@/lib/db/pools");
    const c = await appPgPool().connect();
    try {
      expect((await c.query("SELECT current_setting('app.tenant_id', true) AS t")).rows[0].t || "").toBe("");
    } finally {
      c.release();
    }
  });

  it("withTenant rejects a tenant id that is not a uuid (no SQL built from it)", async () => {
    await expect(withTenant({ tenantId: "' OR 1=1 --" }, (tx) => tx.customer.count())).rejects.toThrow(/uuid/);
  });
});
