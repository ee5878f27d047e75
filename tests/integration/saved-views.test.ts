// Saved views of the customer list: kept per person, only filters the list
// understands are stored, and nobody else — a colleague or another tenant — can
// see or delete them.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { sessionModuleMock, signInAs } from "@/tests/support/session";
import { addMember, createTenant, type TestTenant } from "@/tests/factories/tenants";
import { loadAuthContext } from "@/lib/auth/context";
import { listSavedViews } from "@/lib/customers/saved-views";

vi.mock("@/lib/auth/session", () => sessionModuleMock);
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

const { saveViewAction, deleteViewAction } = await import("@/app/(app)/customers/views-actions");

let a: TestTenant;
let b: TestTenant;
let sales: { tenantId: string; userId: string };
let colleague: { tenantId: string; userId: string };

beforeAll(async () => {
  [a, b] = await Promise.all([createTenant("ViewsA"), createTenant("ViewsB")]);
  sales = await addMember(a, "sales_staff");
  colleague = await addMember(a, "sales_staff");
});

const viewsOf = async (who: { tenantId: string; userId: string }) => listSavedViews((await loadAuthContext(who))!);

describe("saved views", () => {
  it("keeps only the filters the list understands, for the person who saved them", async () => {
    signInAs(sales);
    const res = await saveViewAction({ name: "广州高流失", query: "city=广州&churnRisk=high&evil=1&storeId=1%20OR%201%3D1&after=xyz" });
    expect(res).toMatchObject({ ok: true });
    const mine = await viewsOf(sales);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.href).toBe(`/customers?city=${encodeURIComponent("广州")}&churnRisk=high`);
    expect(await viewsOf(colleague)).toEqual([]);
  });

  it("replaces a view of the same name and refuses an empty one", async () => {
    signInAs(sales);
    expect(await saveViewAction({ name: "广州高流失", query: "city=广州" })).toMatchObject({ ok: true });
    const mine = await viewsOf(sales);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.href).toBe(`/customers?city=${encodeURIComponent("广州")}`);
    expect(await saveViewAction({ name: "nothing", query: "evil=1" })).toMatchObject({ ok: false, code: "validation" });
    expect(await saveViewAction({ name: "", query: "city=广州" })).toMatchObject({ ok: false, code: "validation" });
  });

  it("lets no colleague and no other tenant delete it", async () => {
    const [view] = await viewsOf(sales);
    signInAs(colleague);
    expect(await deleteViewAction({ id: view!.id })).toMatchObject({ ok: false, code: "not_found" });
    signInAs(b.owner);
    expect(await deleteViewAction({ id: view!.id })).toMatchObject({ ok: false, code: "not_found" });
    expect(await viewsOf(sales)).toHaveLength(1);
    signInAs(sales);
    expect(await deleteViewAction({ id: view!.id })).toMatchObject({ ok: true });
    expect(await viewsOf(sales)).toEqual([]);
  });
});
