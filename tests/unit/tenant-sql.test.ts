// The app's SQL compares the tenant as `(SELECT app_current_tenant())`, an InitPlan
// evaluated once per statement. A bare `app_current_tenant()` is evaluated for
// every row a scan reads (migration 20261127000000_rls_initplan has the figures),
// which on a 10M-order tenant costs seconds per pass.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOTS = ["lib", "app", "workers", "bench", "scripts"];
const BARE = /(?<!SELECT )app_current_tenant\(\)/g;

function sources(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "generated" || e.name === "node_modules" ? [] : sources(p);
    return /\.(ts|tsx|mjs)$/.test(e.name) ? [p] : [];
  });
}

describe("tenant comparisons in SQL", () => {
  const files = ROOTS.flatMap(sources);

  it("scans the app's sources, which do compare the tenant in SQL", () => {
    const using = files.filter((f) => fs.readFileSync(f, "utf8").includes("(SELECT app_current_tenant())"));
    expect(using.length).toBeGreaterThan(10);
  });

  it("never call app_current_tenant() per row", () => {
    const bad = files.flatMap((f) =>
      fs.readFileSync(f, "utf8").split("\n").flatMap((line, i) => (line.match(BARE) ? [`${f}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(bad).toEqual([]);
  });
});
