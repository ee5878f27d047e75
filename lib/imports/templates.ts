// Saved column mappings: one per tenant, entity and header signature. Saved when
// the wizard's mapping is checked (if asked), offered again to a file whose headers
// are the same set (lib/import/template.ts), its columns re-pointed at the file's
// own spelling of the headers.
import type { AuthContext } from "@/lib/auth/context";
import type { TenantTx } from "@/lib/db/tenant";
import { importMappingSchema, remapColumns, type ImportMapping } from "@/lib/import/mapping";
import { headerSignature } from "@/lib/import/template";
import { readOptions, type ImportOptions } from "@/lib/imports/schemas";

export async function findTemplate(tx: TenantTx, entity: string, headers: readonly string[]): Promise<{ mapping: ImportMapping; options: ImportOptions } | null> {
  const t = await tx.importMappingTemplate.findFirst({ where: { entity, signature: headerSignature(headers) } });
  if (!t) return null;
  const parsed = importMappingSchema.safeParse(t.mapping);
  if (!parsed.success || parsed.data.entity !== entity) return null;
  return { mapping: remapColumns(parsed.data, headers), options: readOptions(t.options) };
}

export async function saveTemplate(tx: TenantTx, ctx: AuthContext, headers: readonly string[], mapping: ImportMapping, options: ImportOptions) {
  const signature = headerSignature(headers);
  const data = { mapping, options, headers: [...headers], updatedAt: new Date() };
  await tx.importMappingTemplate.upsert({
    where: { tenantId_entity_signature: { tenantId: ctx.tenantId, entity: mapping.entity, signature } },
    create: { tenantId: ctx.tenantId, entity: mapping.entity, signature, createdBy: ctx.userId, ...data },
    update: data,
  });
}
