// The app's SQL compares the tenant as `(SELECT app_current_tenant())`, an InitPlan
// evaluated once per statement. A bare `app_current_tenant()` is evaluated for
// every row a scan reads (migration 20261127000000_rls_initplan has the figures),
// which on a 10M-order tenant costs seconds per pass.
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { sourceFiles } from "@/tests/support/source-files";

const ROOTS = ["lib", "app", "workers", "bench", "scripts"];
const BARE = /(?<!SELECT )app_current_tenant\(\)/g;

describe("tenant comparisons in SQL", () => {
  const files = ROOTS.flatMap(sourceFiles);

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
