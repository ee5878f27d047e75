// The scoring run reads the models' input through COPY's text
// (lib/analytics/scoring/copy-numbers.ts). Rows split across the server's COPY
// chunks, floats that need every digit, and a NULL (an error, never a silent 0).
import { beforeAll, describe, expect, it } from "vitest";
import { copyNumbers } from "@/lib/analytics/scoring/copy-numbers";
import { withTenantPg } from "@/lib/db/tenant";
import { createTenant, type TestTenant } from "@/tests/factories/tenants";

let t: TestTenant;
beforeAll(async () => {
  t = await createTenant();
});

describe("copyNumbers", () => {
  it("reads every row of a read spanning many COPY chunks, in order and exactly", async () => {
    const n = 150_000;
    const [g, third, big] = await withTenantPg(t.owner, (c) =>
      copyNumbers(c, `SELECT g, g::float8 / 3, (g::float8 * 1e15) + 0.5 FROM generate_series(1, ${n}) g ORDER BY g`, 3),
    );
    expect(g!.length).toBe(n);
    expect(third!.length).toBe(n);
    for (const i of [0, 1, 4095, 65_536, n - 1]) {
      expect(g![i]).toBe(i + 1);
      expect(third![i]).toBe((i + 1) / 3);
      expect(big![i]).toBe((i + 1) * 1e15 + 0.5);
    }
    let sum = 0;
    for (const v of g!) sum += v;
    expect(sum).toBe((n * (n + 1)) / 2);
  });

  it("returns empty columns for no rows", async () => {
    const cols = await withTenantPg(t.owner, (c) => copyNumbers(c, "SELECT 1, 2 WHERE false", 2));
    expect(cols.map((c) => c.length)).toEqual([0, 0]);
  });

  it("refuses a NULL instead of reading it as 0", async () => {
    await expect(withTenantPg(t.owner, (c) => copyNumbers(c, "SELECT 1, NULL::int", 2))).rejects.toThrow(/column 2 is not a number/);
  });
});
