// One door: every page, route handler and server action is built with the guard
// and names the permission it needs. The snapshot lists them all, so a change of
// who may open what shows up in review as a diff of tests/unit/__snapshots__.
import { describe, expect, it } from "vitest";
import { ALL_PERMISSIONS } from "@/lib/auth/catalog";
import { filesImporting, findEntryPoints, inlineServerFunctions } from "@/tests/support/entry-points";

const WRAPPER = { page: "definePage", route: "defineRoute", action: "defineAction" } as const;
const entries = findEntryPoints();

describe("entry points", () => {
  it("finds the app's pages, routes and actions", () => {
    expect(entries.filter((e) => e.kind === "page").length).toBeGreaterThan(8);
    expect(entries.filter((e) => e.kind === "route").length).toBeGreaterThanOrEqual(3);
    expect(entries.filter((e) => e.kind === "action").length).toBeGreaterThanOrEqual(2);
  });

  it("are all built with the guard of their kind", () => {
    const unguarded = entries.filter((e) => e.wrapper !== WRAPPER[e.kind]).map((e) => `${e.file} ${e.name} (${e.wrapper ?? "no wrapper"})`);
    expect(unguarded).toEqual([]);
  });

  it("all declare a known permission, 'public' or 'signed-in'", () => {
    const known = new Set<string>([...ALL_PERMISSIONS, "public", "signed-in"]);
    const bad = entries.filter((e) => !e.access || !known.has(e.access)).map((e) => `${e.file} ${e.name}: ${e.access}`);
    expect(bad).toEqual([]);
  });

  it("admin pages are never public", () => {
    const bad = entries.filter((e) => e.file.includes("/admin/") && (e.access === "public" || e.access === "signed-in"));
    expect(bad).toEqual([]);
  });

  it("no server function is declared inline, outside the guarded action files", () => {
    expect(inlineServerFunctions()).toEqual([]);
  });

  it("match the permission snapshot", () => {
    expect(entries.map((e) => `${e.kind.padEnd(6)} ${e.access?.padEnd(18)} ${e.file} ${e.name}`)).toMatchSnapshot();
  });
});

describe("the privileged platform path", () => {
  it("is imported only by the files allowed to cross tenants", () => {
    expect(filesImporting("@/lib/db/unsafe-platform")).toEqual([
      "lib/demo/unsafe-demo-tenant.ts",
      "lib/tenants/provision.ts",
      "lib/tenants/sign-up.ts",
      "lib/tenants/unsafe-list-tenants.ts",
      "lib/users/accounts.ts",
    ]);
  });
});
