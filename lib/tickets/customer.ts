// The customer a new ticket is for, inside the caller's ticket:create scope (in the
// caller's transaction); null when absent, deleted, another tenant's or out of scope.
import type { AuthContext } from "@/lib/auth/context";
import { customerScope, scopeSql } from "@/lib/customers/scope";
import type { TenantTx } from "@/lib/db/tenant";
import { Prisma } from "@/lib/generated/prisma/client.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function ticketCustomerIn(tx: TenantTx, ctx: AuthContext, customerId: string): Promise<{ id: string; name: string } | null> {
  if (!UUID.test(customerId)) return null;
  const scope = await customerScope(tx, ctx, "ticket:create");
  const inScope = scopeSql(scope) ?? Prisma.sql`true`;
  const [c] = await tx.$queryRaw<{ id: string; name: string }[]>`
    SELECT c.id::text, c.name FROM customers c
    WHERE c.tenant_id = ${ctx.tenantId}::uuid AND c.id = ${customerId}::uuid AND c.deleted_at IS NULL AND ${inScope}`;
  return c ?? null;
}
