// Service tickets through the real server actions and pages: open (ticket:create),
// edit, close and reopen (ticket:update), each validated, scope-checked and audited.
// A customer or ticket outside the caller's scope, a deleted customer and tenant B's
// ids all read as "not found" (the detail page answers 404) and change nothing.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { sessionModuleMock, signInAs } from "@/tests/support/session";
import { addMember, createTenant, type TestTenant } from "@/tests/factories/tenants";
import { createCustomer } from "@/tests/factories/customers";
import { withTenant } from "@/lib/db/tenant";
import { loadAuthContext } from "@/lib/auth/context";
import { listTickets, ticketCustomer, ticketCustomerChoices } from "@/lib/tickets/queries";
import { parseTicketFilters } from "@/lib/tickets/schemas";

vi.mock("@/lib/auth/session", () => sessionModuleMock);
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const { createTicketAction } = await import("@/app/(app)/tickets/actions");
const { updateTicketAction, closeTicketAction, reopenTicketAction } = await import("@/app/(app)/tickets/[id]/actions");
const detailPage = (await import("@/app/(app)/tickets/[id]/page")).default;
const newPage = (await import("@/app/(app)/tickets/new/page")).default;

type Who = { tenantId: string; userId: string };
let a: TestTenant;
let b: TestTenant;
let sales: Who;
let otherSales: Who;
let manager: Who;
let planner: Who;
let mine: string;
let theirs: string;
let deleted: string;
let ofB: string;

function form(fields: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
}
const ticketRow = (id: string) => withTenant(a.owner, (tx) => tx.serviceTicket.findUnique({ where: { tenantId_id: { tenantId: a.tenantId, id } } }));
const audits = (entityId: string) => withTenant(a.owner, (tx) => tx.auditLog.findMany({ where: { entityId }, orderBy: { createdAt: "asc" } }));
async function pageStatus(page: typeof detailPage, params: Record<string, string>, searchParams: Record<string, string> = {}) {
  const err = await Promise.resolve()
    .then(() => page({ params: Promise.resolve(params), searchParams: Promise.resolve(searchParams) }))
    .then(() => null, (x: unknown) => x);
  if (!err) return 200;
  const digest = String((err as { digest?: string }).digest);
  return /;404$/.test(digest) ? 404 : /;403$/.test(digest) ? 403 : digest;
}
async function open(who: Who, customerId: string, extra: Record<string, string> = {}) {
  signInAs(who);
  const r = await createTicketAction(form({ customerId, kind: "complaint", subject: "屏幕有坏点", body: "购买三天后发现", ...extra }));
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.data.id;
}

beforeAll(async () => {
  [a, b] = await Promise.all([createTenant("TicketsA"), createTenant("TicketsB")]);
  sales = await addMember(a, "sales_staff");
  otherSales = await addMember(a, "sales_staff");
  manager = await addMember(a, "manager");
  planner = await addMember(a, "marketing_planner");
  mine = (await createCustomer(a, { name: "王小明", ownerUserId: sales.userId, departmentId: a.headOfficeId })).id;
  theirs = (await createCustomer(a, { name: "李四", ownerUserId: otherSales.userId, departmentId: a.headOfficeId })).id;
  deleted = (await createCustomer(a, { name: "已删除", ownerUserId: sales.userId, deletedAt: new Date() })).id;
  ofB = (await createCustomer(b, { name: "王小明" })).id;
});

describe("opening a ticket", () => {
  it("sales staff open one for their own customer, assigned to themselves; audited", async () => {
    signInAs(sales);
    const r = await createTicketAction(form({ customerId: mine, kind: "complaint", subject: "  屏幕有坏点 ", body: "", assigneeUserId: sales.userId }));
    expect(r).toMatchObject({ ok: true });
    const id = (r as { data: { id: string } }).data.id;
    expect(await ticketRow(id)).toMatchObject({ customerId: mine, kind: "complaint", subject: "屏幕有坏点", body: null, status: "open", assigneeUserId: sales.userId, closedAt: null });
    const [entry] = await audits(id);
    expect(entry).toMatchObject({ action: "ticket.create", actorUserId: sales.userId });
    expect(entry!.after).toMatchObject({ customerId: mine, kind: "complaint", status: "open" });
  });

  it("validates kind, subject, body and assignee with field messages", async () => {
    signInAs(sales);
    const cases: [Record<string, string>, string][] = [
      [{ kind: "rant", subject: "x" }, "kind"],
      [{ kind: "praise", subject: "   " }, "subject"],
      [{ kind: "praise", subject: "x".repeat(201) }, "subject"],
      [{ kind: "praise", subject: "x", body: "y".repeat(4001) }, "body"],
      [{ kind: "praise", subject: "x", assigneeUserId: "not-a-user" }, "assigneeUserId"],
      [{ kind: "praise", subject: "x", assigneeUserId: b.owner.userId }, "assigneeUserId"],
    ];
    const before = await withTenant(a.owner, (tx) => tx.serviceTicket.count());
    for (const [fields, field] of cases) {
      const r = await createTicketAction(form({ customerId: mine, ...fields }));
      expect(r, JSON.stringify(fields)).toMatchObject({ ok: false, code: "validation" });
      expect((r as { fieldErrors: Record<string, string> }).fieldErrors, JSON.stringify(fields)).toHaveProperty(field);
    }
    expect(await withTenant(a.owner, (tx) => tx.serviceTicket.count())).toBe(before);
  });

  it("a customer outside the scope, a deleted one and tenant B's are not found; nothing is created", async () => {
    signInAs(sales);
    const before = await withTenant(a.owner, (tx) => tx.serviceTicket.count());
    for (const customerId of [theirs, deleted, ofB]) {
      expect(await createTicketAction(form({ customerId, kind: "praise", subject: "x" }))).toMatchObject({ ok: false, code: "not_found" });
    }
    signInAs(b.owner);
    expect(await createTicketAction(form({ customerId: mine, kind: "praise", subject: "x" }))).toMatchObject({ ok: false, code: "not_found" });
    expect(await withTenant(a.owner, (tx) => tx.serviceTicket.count())).toBe(before);
  });

  it("refuses a role without ticket:create (planner, manager) and a signed-out caller", async () => {
    for (const who of [planner, manager]) {
      signInAs(who);
      expect(await createTicketAction(form({ customerId: mine, kind: "praise", subject: "x" }))).toMatchObject({ ok: false, code: "forbidden" });
    }
    signInAs(null);
    expect(await createTicketAction(form({ customerId: mine, kind: "praise", subject: "x" }))).toMatchObject({ ok: false, code: "unauthenticated" });
  });

  it("the new-ticket page offers only customers in scope and refuses one outside it", async () => {
    signInAs(sales);
    expect(await pageStatus(newPage, {}, { customerId: mine })).toBe(200);
    const ctx = (await loadAuthContext(sales))!;
    const choices = (await ticketCustomerChoices(ctx, "")).map((c) => c.id);
    expect(choices).toContain(mine);
    expect(choices).not.toContain(theirs);
    expect(choices).not.toContain(deleted);
    expect((await ticketCustomerChoices(ctx, "李四")).map((c) => c.id)).toEqual([]);
    expect(await ticketCustomer(ctx, mine)).toMatchObject({ id: mine, name: "王小明" });
    expect(await ticketCustomer(ctx, theirs)).toBeNull();
    expect(await ticketCustomer(ctx, ofB)).toBeNull();
    signInAs(planner);
    expect(await pageStatus(newPage, {})).toBe(403);
  });
});

describe("editing, closing and reopening", () => {
  it("edits kind, subject and assignee; audited with before and after", async () => {
    const id = await open(sales, mine);
    signInAs(sales);
    expect(await updateTicketAction(form({ id, kind: "consultation", subject: "屏幕问题咨询", body: "已解释保修政策", assigneeUserId: otherSales.userId })))
      .toMatchObject({ ok: true });
    expect(await ticketRow(id)).toMatchObject({ kind: "consultation", subject: "屏幕问题咨询", body: "已解释保修政策", assigneeUserId: otherSales.userId });
    const entry = (await audits(id)).find((x) => x.action === "ticket.update")!;
    expect(entry.before).toMatchObject({ kind: "complaint", subject: "屏幕有坏点" });
    expect(entry.after).toMatchObject({ kind: "consultation", assigneeUserId: otherSales.userId });
    expect(await updateTicketAction(form({ id, kind: "consultation", subject: "" }))).toMatchObject({ ok: false, code: "validation", fieldErrors: { subject: "Enter a subject." } });
  });

  it("closes (stamping the time), refuses closing twice, reopens (clearing it); each audited", async () => {
    const id = await open(sales, mine);
    signInAs(sales);
    expect(await closeTicketAction(form({ id }))).toMatchObject({ ok: true, data: { status: "closed" } });
    const closed = await ticketRow(id);
    expect(closed?.status).toBe("closed");
    expect(closed?.closedAt).toBeInstanceOf(Date);
    expect(await closeTicketAction(form({ id }))).toMatchObject({ ok: false, code: "conflict", message: "This ticket is already closed." });
    expect(await reopenTicketAction(form({ id }))).toMatchObject({ ok: true, data: { status: "open" } });
    expect(await ticketRow(id)).toMatchObject({ status: "open", closedAt: null });
    expect(await reopenTicketAction(form({ id }))).toMatchObject({ ok: false, code: "conflict" });
    expect((await audits(id)).map((x) => x.action)).toEqual(["ticket.create", "ticket.close", "ticket.reopen"]);
  });

  it("a manager (ticket:update over the department tree) may close a sales person's ticket", async () => {
    const id = await open(sales, mine);
    signInAs(manager);
    expect(await closeTicketAction(form({ id }))).toMatchObject({ ok: true });
  });

  it("another sales person, tenant B's owner and a planner cannot touch it; nothing changes", async () => {
    const id = await open(sales, mine);
    const before = await ticketRow(id);
    for (const who of [otherSales, b.owner]) {
      signInAs(who);
      expect(await updateTicketAction(form({ id, kind: "praise", subject: "改掉" }))).toMatchObject({ ok: false, code: "not_found" });
      expect(await closeTicketAction(form({ id }))).toMatchObject({ ok: false, code: "not_found" });
    }
    signInAs(planner);
    expect(await closeTicketAction(form({ id }))).toMatchObject({ ok: false, code: "forbidden" });
    expect(await closeTicketAction(form({ id: "not-an-id" }))).toMatchObject({ ok: false });
    expect(await ticketRow(id)).toEqual(before);
  });
});

describe("reading", () => {
  it("the detail page: 200 for the owner's sales person, 404 for another sales person, tenant B and a malformed id", async () => {
    const id = await open(sales, mine);
    signInAs(sales);
    expect(await pageStatus(detailPage, { id })).toBe(200);
    expect(await pageStatus(detailPage, { id: "nope" })).toBe(404);
    signInAs(otherSales);
    expect(await pageStatus(detailPage, { id })).toBe(404);
    signInAs(b.owner);
    expect(await pageStatus(detailPage, { id })).toBe(404);
    signInAs(planner);
    expect(await pageStatus(detailPage, { id })).toBe(403);
  });

  it("the list holds only tickets of customers in the caller's scope, and filters by kind, status, assignee and customer", async () => {
    const theirTicket = await open(otherSales, theirs, { kind: "suggestion", subject: "建议延长营业时间" });
    const myOpen = await open(sales, mine, { kind: "praise", subject: "店员服务好", assigneeUserId: sales.userId });
    const salesCtx = (await loadAuthContext(sales))!;
    const managerCtx = (await loadAuthContext(manager))!;
    const list = (ctx: typeof salesCtx, q: Record<string, string> = {}) => listTickets(ctx, parseTicketFilters(q).filters).then((p) => p.rows.map((r) => r.id));

    const mineAll = await list(salesCtx);
    expect(mineAll).toContain(myOpen);
    expect(mineAll).not.toContain(theirTicket);
    expect(await list(managerCtx)).toEqual(expect.arrayContaining([myOpen, theirTicket]));

    expect(await list(salesCtx, { kind: "praise" })).toEqual([myOpen]);
    expect(await list(managerCtx, { kind: "suggestion" })).toEqual([theirTicket]);
    expect(await list(salesCtx, { assignee: "me", kind: "praise" })).toEqual([myOpen]);
    expect(await list(salesCtx, { status: "closed", kind: "praise" })).toEqual([]);
    expect(await list(managerCtx, { customer: "李" })).toEqual([theirTicket]);
    const today = new Date().toISOString().slice(0, 10);
    expect(await list(salesCtx, { from: "2000-01-01", to: "2000-01-02" })).toEqual([]);
    expect((await list(salesCtx, { from: "2000-01-01" })).length).toBe(mineAll.length);
    expect(parseTicketFilters({ kind: "rant", from: "2026-02-30", to: today }).invalid).toEqual(["kind", "from"]);
    const bCtx = (await loadAuthContext(b.owner))!;
    expect(await list(bCtx)).toEqual([]);
  });
});
