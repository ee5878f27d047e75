// Product import end to end (route → check → run on a real worker): products by
// SKU, created or updated by policy, every row accounted for; tenant B's product
// with the same SKU is never touched.
import { describe, expect, it, vi } from "vitest";
import { readFileSync } from "node:fs";
import { sessionModuleMock } from "@/tests/support/session";
import { addMember, createTenant } from "@/tests/factories/tenants";
import { withTenant } from "@/lib/db/tenant";
import { withTestWorker } from "@/tests/support/test-worker";

vi.mock("@/lib/auth/session", () => sessionModuleMock);

const { commerceSnapshot, errorCsv, importFile, job } = await import("@/tests/fixtures/import/jobs/import-driver");

const file = readFileSync("tests/fixtures/import/jobs/products.csv");
withTestWorker();

async function tenantWithProducts(name: string) {
  const t = await createTenant(name);
  const admin = await addMember(t, "admin");
  await withTenant(t.owner, (tx) => tx.product.createMany({ data: [
    { tenantId: t.tenantId, sku: "P-OLD1", name: "旧品一", brand: "C牌", price: "50" },
    { tenantId: t.tenantId, sku: "P-OLD2", name: "旧品二", category: "配件", brand: "D牌", price: "20" },
  ] }));
  return { t, admin };
}

const products = async (who: { tenantId: string; userId: string }) => (await commerceSnapshot(who)).products.map((p) => [p.sku, p.name, p.category, p.brand, p.price]);

describe("a product file", () => {
  it("creates new SKUs, fills existing ones, skips repeats and says why rows failed; a second import changes nothing", async () => {
    const b = await createTenant("ProductsB");
    await withTenant(b.owner, (tx) => tx.product.create({ data: { tenantId: b.tenantId, sku: "P-1", name: "B的商品", price: "1" } }));
    const bBefore = await commerceSnapshot(b.owner);
    const { admin } = await tenantWithProducts("ProductsA");
    const id = await importFile(admin, file, "商品.csv", "products");
    const j = await job(admin, id);
    expect(j).toMatchObject({ status: "succeeded", totalRows: 8, createdCount: 2, updatedCount: 1, skippedCount: 2, failedCount: 3 });
    expect(j!.report).toMatchObject({ duplicates: 1, unchanged: 1, cleanFailed: 2, conflicts: 1 });
    expect(j!.dryRun).toMatchObject({ created: 2, updated: 1, skipped: 2, failed: 3 });
    expect(await products(admin)).toEqual([
      ["P-1", "新品一", "服饰", "A牌", "99.00"],
      ["P-2", "新品二", null, "B牌", "1299.00"],
      ["P-OLD1", "旧品一", "鞋", "C牌", "50.00"],
      ["P-OLD2", "旧品二", "配件", "D牌", "20.00"],
    ]);
    expect(await withTenant(admin, (tx) => tx.product.count({ where: { importId: id } }))).toBe(2);

    const rows = await errorCsv(admin, id);
    const line = (row: number) => rows.filter((r) => r[0] === String(row)).map((r) => r[4]);
    expect(line(6)).toEqual(["row 6: same SKU as row 2: skipped as a duplicate"]);
    expect(line(7)).toEqual(["row 7: 商品名称 is required"]);
    expect(line(8)).toEqual(["row 8: 价格 '99999999999.00' is too large an amount to store"]);
    expect(line(9)[0]).toMatch(/^row 9: 商品编码 '1\.23457E\+17' is in scientific notation/);
    expect(rows).toHaveLength(1 + 4);

    const before = await commerceSnapshot(admin);
    const again = await job(admin, await importFile(admin, file, "again.csv", "products"));
    expect(again).toMatchObject({ createdCount: 0, updatedCount: 0, skippedCount: 5, failedCount: 3 });
    expect(await commerceSnapshot(admin)).toEqual(before);
    expect(await commerceSnapshot(b.owner)).toEqual(bBefore);
  });

  it("overwrite replaces stored values with the file's non-empty ones; skip leaves existing SKUs alone", async () => {
    const o = await tenantWithProducts("ProductsOverwrite");
    const oj = await job(o.admin, await importFile(o.admin, file, "o.csv", "products", { policy: "overwrite" }));
    expect(oj).toMatchObject({ createdCount: 2, updatedCount: 1, skippedCount: 2, failedCount: 3 });
    expect((await products(o.admin)).find((p) => p[0] === "P-OLD1")).toEqual(["P-OLD1", "旧品一改名", "鞋", "C牌", "50.00"]);

    const s = await tenantWithProducts("ProductsSkip");
    const sj = await job(s.admin, await importFile(s.admin, file, "s.csv", "products", { policy: "skip" }));
    expect(sj).toMatchObject({ createdCount: 2, updatedCount: 0, skippedCount: 3, failedCount: 3 });
    expect(sj!.report).toMatchObject({ existingSkipped: 2 });
    expect((await products(s.admin)).find((p) => p[0] === "P-OLD1")).toEqual(["P-OLD1", "旧品一", null, "C牌", "50.00"]);
  });
});
