import { describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { unsafeProvisionTenant } from "@/lib/tenants/provision";
import { withTenant } from "@/lib/db/tenant";

describe("provisioning", () => {
  it("creates a tenant whose rows only its own context can see", async () => {
    const slug = "t-" + randomUUID().slice(0, 8);
    const p = await unsafeProvisionTenant({
      name: "Smoke", slug, locale: "en",
      owner: { email: `${slug}@example.test`, name: "Owner", password: "Correct-Horse-42" },
    });
    const roles = await withTenant({ tenantId: p.tenantId }, (tx) => tx.role.findMany());
    expect(roles.map((r) => r.systemKey).sort()).toEqual(["admin", "manager", "marketing_planner", "owner", "sales_staff"]);
    const other = await withTenant({ tenantId: randomUUID() }, (tx) => tx.role.findMany());
    expect(other).toEqual([]);
  });
});
