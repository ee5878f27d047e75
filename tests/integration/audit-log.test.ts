// The audit log page's query: the tenant's rows only, newest first, keyset pages
// that neither skip nor repeat a row (even rows written in the same millisecond),
// filters by action, entity, actor and day in the tenant's time zone.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { randomUUID } from "node:crypto";
import { sessionModuleMock, signInAs } from "@/tests/support/session";
import { addMember, createTenant, type TestTenant } from "@/tests/factories/tenants";
import { withTenant } from "@/lib/db/tenant";
import { loadAuthContext, type AuthContext } from "@/lib/auth/context";
import { listAuditLog, auditFilterOptions, type AuditRow } from "@/lib/audit/queries";
import { parseAuditFilters, type AuditFilters } from "@/lib/audit/filters";
import { encodeCursor } from "@/lib/audit/cursor";
import { createRoleAction, saveRoleGrantsAction } from "@/app/(app)/admin/roles/actions";
import AuditPage from "@/app/(app)/admin/audit/page";

vi.mock("@/lib/auth/session", () => sessionModuleMock);

type Who = { tenantId: string; userId: string; email: string };
let a: TestTenant;
let b: TestTenant;
let adminA: Who;
let salesA: Who;
let ctxA: AuthContext;
let ctxB: AuthContext;
const START = Date.parse("2026-03-01T15:30:00.000Z"); // 23:30 in Asia/Shanghai, the tenant's zone
const SAME_INSTANT = new Date("2026-02-01T00:00:00.000Z");

beforeAll(async () => {
  [a, b] = await Promise.all([createTenant("AuditA"), createTenant("AuditB")]);
  adminA = await addMember(a, "admin");
  salesA = await addMember(a, "sales_staff");
  await withTenant(a.owner, (tx) =>
    tx.auditLog.createMany({
      data: [
        // 60 rows a minute apart across midnight in Shanghai, alternating actors and actions.
        ...Array.from({ length: 60 }, (_, i) => ({
          tenantId: a.tenantId,
          actorUserId: i % 2 ? adminA.userId : a.ownerUserId,
          action: i % 2 ? "widget.beta.gamma" : "widget.alpha",
          entity: "widget", entityId: `w-${i}`,
          before: { n: i }, after: { n: i + 1 },
          createdAt: new Date(START + i * 60_000),
        })),
        // Written in the same millisecond: only the id tells them apart.
        ...Array.from({ length: 9 }, (_, i) => ({
          tenantId: a.tenantId, actorUserId: salesA.userId, action: "widget.alpha", entity: "widget", entityId: `same-${i}`,
          createdAt: SAME_INSTANT,
        })),
        { tenantId: a.tenantId, actorUserId: a.ownerUserId, action: "widgetry.other", entity: "gadget", entityId: "g-1", createdAt: new Date(START) },
      ],
    }),
  );
  await withTenant(b.owner, (tx) =>
    tx.auditLog.create({ data: { tenantId: b.tenantId, actorUserId: b.ownerUserId, action: "widget.alpha", entity: "widget", entityId: "b-1" } }),
  );
  ctxA = (await loadAuthContext(a.owner))!;
  ctxB = (await loadAuthContext(b.owner))!;
});

/** Every row for the filters, page by page. */
async function walk(ctx: AuthContext, filters: AuditFilters, pageSize: number) {
  const seen: AuditRow[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page = await listAuditLog(ctx, { ...filters, cursor: parseAuditFilters(cursor ? { after: cursor } : {}).filters.cursor }, pageSize);
    expect(page.rows.length).toBeLessThanOrEqual(pageSize);
    seen.push(...page.rows);
    cursor = page.nextCursor;
    pages += 1;
  } while (cursor && pages < 100);
  return { rows: seen, pages };
}

describe("audit log query", () => {
  it("shows only the tenant's own rows", async () => {
    const { rows } = await walk(ctxB, {}, 50);
    const aIds = await withTenant(a.owner, async (tx) => new Set((await tx.auditLog.findMany({ select: { id: true } })).map((r) => r.id)));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.some((r) => aIds.has(r.id))).toBe(false);
    const all = await walk(ctxA, {}, 50);
    expect(all.rows.map((r) => r.id).sort()).toEqual([...aIds].sort());
  });

  it("pages newest first without skipping or repeating, including rows of the same instant", async () => {
    const { rows, pages } = await walk(ctxA, { entity: "widget" }, 7);
    expect(rows).toHaveLength(69);
    expect(pages).toBe(Math.ceil(69 / 7));
    expect(new Set(rows.map((r) => r.id)).size).toBe(69);
    const expected = await withTenant(a.owner, (tx) =>
      tx.auditLog.findMany({ where: { entity: "widget" }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { id: true } }),
    );
    expect(rows.map((r) => r.id)).toEqual(expected.map((r) => r.id));
  });

  it("a page boundary inside a run of equal timestamps continues where it stopped", async () => {
    const first = await listAuditLog(ctxA, { entity: "widget", actorUserId: salesA.userId }, 4);
    const rest = await listAuditLog(ctxA, { entity: "widget", actorUserId: salesA.userId, cursor: parseAuditFilters({ after: first.nextCursor! }).filters.cursor }, 50);
    expect(first.rows.every((r) => r.createdAt.getTime() === SAME_INSTANT.getTime())).toBe(true);
    expect([...first.rows, ...rest.rows].map((r) => r.entityId).sort()).toEqual(Array.from({ length: 9 }, (_, i) => `same-${i}`).sort());
    expect(rest.nextCursor).toBeNull();
  });

  it("filters by action (with its sub-actions), entity and actor", async () => {
    const byPrefix = await walk(ctxA, { action: "widget" }, 100);
    expect(new Set(byPrefix.rows.map((r) => r.action))).toEqual(new Set(["widget.alpha", "widget.beta.gamma"])); // not "widgetry.other"
    const exact = await walk(ctxA, { action: "widget.beta" }, 100);
    expect(exact.rows).toHaveLength(30);
    expect((await walk(ctxA, { entity: "gadget" }, 100)).rows.map((r) => r.action)).toEqual(["widgetry.other"]);
    const byAdmin = await walk(ctxA, { actorUserId: adminA.userId }, 100);
    expect(byAdmin.rows).toHaveLength(30);
    expect(byAdmin.rows.every((r) => r.actor?.email === adminA.email)).toBe(true);
  });

  it("filters by day in the tenant's time zone (Asia/Shanghai)", async () => {
    const widget = { entity: "widget", action: "widget" };
    // 15:30Z–16:29Z on 1 March is 23:30–00:29 in Shanghai: 30 rows on each local day.
    expect((await walk(ctxA, { ...widget, from: "2026-03-02" }, 100)).rows).toHaveLength(30);
    expect((await walk(ctxA, { ...widget, from: "2026-03-01", to: "2026-03-01" }, 100)).rows).toHaveLength(30);
    expect((await walk(ctxA, { ...widget, from: "2026-03-01", to: "2026-03-02" }, 100)).rows).toHaveLength(60);
    expect((await walk(ctxA, { ...widget, to: "2026-02-28" }, 100)).rows).toHaveLength(9);
  });

  it("parses filters from the URL one by one, dropping bad values and bad cursors", () => {
    const { filters, invalid } = parseAuditFilters({
      action: "role'; DROP TABLE audit_logs; --", entity: "role", actorUserId: "not-a-uuid", from: "2026-02-30", to: "2026-03-01",
      after: "bm90IGEgY3Vyc29y",
    });
    expect(filters).toMatchObject({ entity: "role", to: "2026-03-01", cursor: null });
    expect(invalid.sort()).toEqual(["action", "actorUserId", "from"]);
    expect(parseAuditFilters({ from: "2026-03-05", to: "2026-03-01" }).invalid).toEqual(["to"]);
    const c = { createdAt: new Date("2026-01-01T00:00:00.123Z"), id: randomUUID() };
    expect(parseAuditFilters({ after: encodeCursor(c) }).filters.cursor).toEqual(c);
  });

  it("shows who did it for real admin changes, with before and after", async () => {
    signInAs(adminA);
    const created = await createRoleAction({ name: `Audited via page ${randomUUID().slice(0, 6)}` });
    if (!created.ok) throw new Error(created.message);
    await saveRoleGrantsAction({ roleId: created.data.id, grants: [{ permission: "order:read", scope: "own" }] });
    const page = await listAuditLog(ctxA, { action: "role" }, 10);
    expect(page.rows.map((r) => r.action).slice(0, 2)).toEqual(["role.grants.update", "role.create"]);
    expect(page.rows[0]).toMatchObject({
      entity: "role", entityId: created.data.id, actor: { email: adminA.email },
      before: { grants: [] }, after: { grants: [{ permission: "order:read", scope: "own" }] },
    });
    expect(page.timeZone).toBe("Asia/Shanghai");
    const options = await auditFilterOptions(ctxA);
    expect(options.actions).toEqual(expect.arrayContaining(["role.create", "role.grants.update", "widget.alpha"]));
    expect(options.actors.map((x) => x.id)).toEqual(expect.arrayContaining([adminA.userId, a.ownerUserId]));
  });

  it("a narrower audit_log:read scope shows only what people in it did", async () => {
    signInAs(a.owner);
    const role = await createRoleAction({ name: `Own audit ${randomUUID().slice(0, 6)}` });
    if (!role.ok) throw new Error(role.message);
    await saveRoleGrantsAction({ roleId: role.data.id, grants: [{ permission: "audit_log:read", scope: "own" }] });
    await withTenant(a.owner, (tx) => tx.userRole.create({ data: { tenantId: a.tenantId, userId: salesA.userId, roleId: role.data.id } }));
    const ctx = (await loadAuthContext(salesA))!;
    const { rows } = await walk(ctx, {}, 50);
    expect(rows).toHaveLength(9);
    expect(rows.every((r) => r.actorUserId === salesA.userId)).toBe(true);
  });

  it("the page renders for an owner with filters and a cursor from the URL", async () => {
    signInAs(a.owner);
    const first = await listAuditLog(ctxA, { entity: "widget" }, 50);
    const element = await AuditPage({
      params: Promise.resolve({}),
      searchParams: Promise.resolve({ entity: "widget", action: "widget", after: first.nextCursor!, from: "nonsense" }),
    });
    expect(element).toBeTruthy();
  });
});
