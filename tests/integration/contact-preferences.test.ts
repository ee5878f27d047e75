// Contact preferences from the 360 view: the opt-out rows campaign sends read
// (customer_opt_outs), set and withdrawn by a user who may update the customer, in
// their scope only; audited; another tenant or an out-of-scope user changes nothing.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { sessionModuleMock, signInAs } from "@/tests/support/session";
import { addMember, createTenant, type TestTenant } from "@/tests/factories/tenants";
import { createCustomer } from "@/tests/factories/customers";
import { withTenant } from "@/lib/db/tenant";
import { loadAuthContext } from "@/lib/auth/context";
import { optOutsOf } from "@/lib/customers/contact-preferences";

vi.mock("@/lib/auth/session", () => sessionModuleMock);
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const { setOptOutAction } = await import("@/app/(app)/customers/[id]/actions");

let a: TestTenant;
let b: TestTenant;
let owner: { tenantId: string; userId: string };
let other: { tenantId: string; userId: string };
let customerId: string;

beforeAll(async () => {
  [a, b] = await Promise.all([createTenant("OptA"), createTenant("OptB")]);
  owner = await addMember(a, "sales_staff");
  other = await addMember(a, "sales_staff");
  customerId = (await createCustomer(a, { name: "不打扰", phone: "+8613800138999", ownerUserId: owner.userId })).id;
});

const rows = () => withTenant(a.owner, (tx) => tx.customerOptOut.findMany({ where: { customerId } }));

describe("contact preferences", () => {
  it("records and withdraws an opt-out, once each, audited", async () => {
    signInAs(owner);
    expect(await setOptOutAction({ customerId, channel: "sms", optedOut: true })).toEqual({ ok: true, data: { changed: true } });
    expect(await setOptOutAction({ customerId, channel: "sms", optedOut: true })).toEqual({ ok: true, data: { changed: false } });
    expect((await rows()).map((r) => r.channel)).toEqual(["sms"]);
    expect(await optOutsOf((await loadAuthContext(owner))!, customerId)).toEqual(["sms"]);
    expect(await setOptOutAction({ customerId, channel: "sms", optedOut: false })).toEqual({ ok: true, data: { changed: true } });
    expect(await rows()).toEqual([]);
    const audit = await withTenant(a.owner, (tx) => tx.auditLog.findMany({ where: { entityId: customerId, action: { startsWith: "customer.opt_out" } } }));
    expect(audit.map((x) => x.action).sort()).toEqual(["customer.opt_out.add", "customer.opt_out.remove"]);
  });

  it("refuses a bad channel, a colleague outside the scope and another tenant", async () => {
    signInAs(owner);
    expect(await setOptOutAction({ customerId, channel: "fax", optedOut: true })).toMatchObject({ ok: false, code: "validation" });
    signInAs(other);
    expect(await setOptOutAction({ customerId, channel: "all", optedOut: true })).toMatchObject({ ok: false, code: "not_found" });
    signInAs(b.owner);
    expect(await setOptOutAction({ customerId, channel: "all", optedOut: true })).toMatchObject({ ok: false, code: "not_found" });
    expect(await rows()).toEqual([]);
  });
});
