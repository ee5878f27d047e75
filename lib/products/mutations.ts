// Creating and editing products (product:manage), in the caller's tenant, with an
// audit row in the same transaction. A SKU already used in the tenant is a field
// error that names it; an edit of a product someone else saved since the form was
// opened changes nothing and says so.
import type { AuthContext } from "@/lib/auth/context";
import { writeAudit } from "@/lib/audit/log";
import { withTenant } from "@/lib/db/tenant";
import { AppError } from "@/lib/errors";
import type { Translate } from "@/lib/i18n/translate";
import type { ProductInput, ProductUpdate } from "@/lib/products/schemas";

export type ProductSaved = { id: string };

function skuTaken(t: Translate, sku: string): AppError {
  return new AppError("validation", "error.validation", {}, { sku: t("products.error.skuTaken", { sku }) });
}

const snapshot = (p: { sku: string; name: string; category: string | null; brand: string | null; price: { toString(): string } | null }) => ({
  sku: p.sku, name: p.name, category: p.category, brand: p.brand, price: p.price?.toString() ?? null,
});

export async function createProduct(ctx: AuthContext, input: ProductInput, t: Translate): Promise<ProductSaved> {
  return withTenant(ctx, async (tx) => {
    const taken = await tx.product.findFirst({ where: { tenantId: ctx.tenantId, sku: input.sku }, select: { id: true } });
    if (taken) throw skuTaken(t, input.sku);
    const p = await tx.product.create({ data: { tenantId: ctx.tenantId, ...input } });
    await writeAudit(tx, ctx, { action: "product.create", entity: "product", entityId: p.id, after: snapshot(p) });
    return { id: p.id };
  });
}

export async function updateProduct(ctx: AuthContext, input: ProductUpdate, t: Translate): Promise<ProductSaved> {
  const { id, updatedAt, ...data } = input;
  return withTenant(ctx, async (tx) => {
    const before = await tx.product.findFirst({ where: { tenantId: ctx.tenantId, id } });
    if (!before) throw new AppError("not_found", "products.error.notFound");
    if (before.updatedAt.getTime() !== new Date(updatedAt).getTime()) throw new AppError("conflict", "products.error.stale");
    if (data.sku !== before.sku) {
      const taken = await tx.product.findFirst({ where: { tenantId: ctx.tenantId, sku: data.sku, NOT: { id } }, select: { id: true } });
      if (taken) throw skuTaken(t, data.sku);
    }
    // The version check and the write are one statement, so two saves cannot both pass it.
    const { count } = await tx.product.updateMany({ where: { tenantId: ctx.tenantId, id, updatedAt: before.updatedAt }, data });
    if (count !== 1) throw new AppError("conflict", "products.error.stale");
    const after = await tx.product.findFirstOrThrow({ where: { tenantId: ctx.tenantId, id } });
    await writeAudit(tx, ctx, { action: "product.update", entity: "product", entityId: id, before: snapshot(before), after: snapshot(after) });
    return { id };
  });
}
