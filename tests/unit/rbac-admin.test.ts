// The pure parts of the roles, organization and audit admin: which grants count as
// raising privileges, the org tree, the before/after diff and the audit cursor.
import { describe, expect, it } from "vitest";
import { assertMayGrant, parseGrantList, raisedGrants } from "@/lib/roles/policy";
import { buildTree, flatten, subtreeIds } from "@/lib/departments/tree";
import { diffJson } from "@/lib/audit/diff";
import { decodeCursor, encodeCursor } from "@/lib/audit/cursor";
import type { DataScope } from "@/lib/auth/catalog";

const grants = (entries: [string, DataScope][]) => parseGrantList(entries.map(([permission, scope]) => ({ permission, scope })));

describe("role grants policy", () => {
  it("only new or widened grants are 'raised'", () => {
    const before = grants([["customer:read", "department"], ["order:read", "all"]]);
    const after = grants([["customer:read", "all"], ["order:read", "own"], ["ticket:read", "own"]]);
    expect(raisedGrants(before, after).map((g) => g.permission).sort()).toEqual(["customer:read", "ticket:read"]);
  });

  it("refuses to raise beyond what the actor holds, allows narrowing what they do not hold", () => {
    const actor = { grants: new Map<string, DataScope>([["customer:read", "department"]]) };
    const before = grants([["tenant:manage", "all"], ["customer:read", "own"]]);
    expect(() => assertMayGrant(actor, before, grants([["customer:read", "department"]]))).not.toThrow();
    expect(() => assertMayGrant(actor, before, grants([["customer:read", "all"]]))).toThrow(/escalation/);
    expect(() => assertMayGrant(actor, before, grants([["tenant:manage", "all"]]))).not.toThrow();
    expect(() => assertMayGrant(actor, grants([]), grants([["tenant:manage", "own"]]))).toThrow(/escalation/);
  });

  it("rejects unknown keys, unknown scopes and repeats", () => {
    expect(() => grants([["customer:fly", "all"]])).toThrow(/unknownPermission/);
    expect(() => grants([["customer:read", "everything" as DataScope]])).toThrow(/unknownScope/);
    expect(() => grants([["customer:read", "own"], ["customer:read", "all"]])).toThrow(/duplicatePermission/);
  });
});

describe("organization tree", () => {
  const rows = [
    { id: "hq", parentId: null, name: "总部", kind: "head_office", memberCount: 1 },
    { id: "s", parentId: "hq", name: "华南大区", kind: "region", memberCount: 0 },
    { id: "gz", parentId: "s", name: "广州店", kind: "store", memberCount: 3 },
    { id: "n", parentId: "hq", name: "华北大区", kind: "region", memberCount: 0 },
    { id: "orphan", parentId: "gone", name: "Orphan", kind: "team", memberCount: 0 },
  ];

  it("nests children under parents and keeps orphans visible at the top", () => {
    const roots = buildTree(rows);
    expect(roots.map((r) => r.id)).toEqual(["hq", "orphan"]);
    expect(flatten(roots).map(({ node, depth }) => `${depth}:${node.id}`)).toEqual(["0:hq", "1:n", "1:s", "2:gz", "0:orphan"]);
  });

  it("knows everything below a department (what it cannot move under)", () => {
    expect([...subtreeIds(rows, "s")].sort()).toEqual(["gz", "s"]);
    expect(subtreeIds(rows, "gz")).toEqual(new Set(["gz"]));
  });
});

describe("audit diff", () => {
  it("lists changed fields by path and array items as added/removed", () => {
    expect(diffJson({ name: "A", meta: { x: 1 } }, { name: "B", meta: { x: 1, y: 2 } })).toEqual([
      { path: "name", kind: "changed", before: "A", after: "B" },
      { path: "meta.y", kind: "added", after: 2 },
    ]);
    const g = (permission: string, scope: string) => ({ permission, scope });
    expect(diffJson({ grants: [g("a:read", "own"), g("b:read", "all")] }, { grants: [g("b:read", "all"), g("a:read", "all")] })).toEqual([
      { path: "grants", kind: "added", after: g("a:read", "all") },
      { path: "grants", kind: "removed", before: g("a:read", "own") },
    ]);
    expect(diffJson(null, { name: "new", grants: [] })).toEqual([
      { path: "name", kind: "added", after: "new" },
      { path: "grants", kind: "added", after: [] },
    ]);
    expect(diffJson({ name: "old" }, null)).toEqual([{ path: "name", kind: "removed", before: "old" }]);
    expect(diffJson(null, ["x"])).toEqual([{ path: "", kind: "added", after: ["x"] }]);
    expect(diffJson({ same: 1 }, { same: 1 })).toEqual([]);
  });
});

describe("audit cursor", () => {
  it("round-trips and rejects anything forged", () => {
    const c = { createdAt: new Date("2026-05-01T01:02:03.456Z"), id: "0f8fad5b-d9cb-469f-a165-70867728950e" };
    expect(decodeCursor(encodeCursor(c))).toEqual(c);
    expect(decodeCursor(Buffer.from("2026-01-01T00:00:00Z|1 OR 1=1").toString("base64url"))).toBeNull();
    expect(decodeCursor(Buffer.from("yesterday|0f8fad5b-d9cb-469f-a165-70867728950e").toString("base64url"))).toBeNull();
    expect(decodeCursor(["x"])).toBeNull();
  });
});
