// Posting to a member's points ledger. Concurrency-critical: two cashiers, a job
// and a merge may write one member's points at the same moment. Every post takes
// the member row's lock (SELECT … FOR UPDATE, the same lock lib/customers/merge.ts
// takes), reads the balance as the sum of the ledger under that lock, refuses a
// consumption beyond it, and writes the entry with its balance_after and the
// member's points_balance in the caller's transaction. So posts on one member are
// serialised, the balance always equals the sum of the ledger, and it never goes
// below zero (the CHECKs of migration 20261125061000 are the wall behind this).
import type { TenantTx } from "@/lib/db/tenant";
import { AppError } from "@/lib/errors";

export type PostedEntry = { id: string; delta: number; balanceAfter: number };

/** Locks the member row; null when it is not there (or not this tenant's: RLS). */
export async function lockMember(tx: TenantTx, tenantId: string, memberId: string): Promise<{ id: string; customerId: string } | null> {
  const [row] = await tx.$queryRaw<{ id: string; customer_id: string }[]>`
    SELECT id::text, customer_id::text FROM members
    WHERE tenant_id = ${tenantId}::uuid AND id = ${memberId}::uuid
    FOR UPDATE`;
  return row ? { id: row.id, customerId: row.customer_id } : null;
}

/** The balance as the ledger says it is. Call with the member locked. */
export async function ledgerBalance(tx: TenantTx, tenantId: string, memberId: string): Promise<number> {
  const [row] = await tx.$queryRaw<{ balance: number }[]>`
    SELECT coalesce(sum(delta), 0)::int AS balance FROM points_ledger
    WHERE tenant_id = ${tenantId}::uuid AND member_id = ${memberId}::uuid`;
  return row?.balance ?? 0;
}

/**
 * Adds `delta` points (negative: consumes) to a member, in the caller's
 * transaction. Refuses a consumption beyond the balance with a message that says
 * both numbers, and a member that does not exist as not found.
 */
export async function postPoints(
  tx: TenantTx,
  tenantId: string,
  entry: { memberId: string; delta: number; reason: string; orderId?: string | null },
): Promise<PostedEntry> {
  if (!Number.isInteger(entry.delta) || entry.delta === 0) throw new AppError("validation", "points.error.amount", {}, { points: "points.error.amount" });
  const member = await lockMember(tx, tenantId, entry.memberId);
  if (!member) throw new AppError("not_found", "members.error.notFound");
  const balance = await ledgerBalance(tx, tenantId, member.id);
  const balanceAfter = balance + entry.delta;
  if (balanceAfter < 0) {
    throw new AppError("validation", "points.error.insufficient", { balance, points: -entry.delta }, { points: "points.error.insufficientShort" });
  }
  // clock_timestamp(), not the transaction's start: entries then sort in the order
  // the lock let them in, which is the order of their balance_after.
  const [row] = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO points_ledger (tenant_id, member_id, delta, balance_after, reason, order_id, created_at)
    VALUES (${tenantId}::uuid, ${member.id}::uuid, ${entry.delta}::int, ${balanceAfter}::int, ${entry.reason}, ${entry.orderId ?? null}::uuid,
            clock_timestamp())
    RETURNING id::text`;
  await tx.$executeRaw`UPDATE members SET points_balance = ${balanceAfter}::int WHERE tenant_id = ${tenantId}::uuid AND id = ${member.id}::uuid`;
  return { id: row!.id, delta: entry.delta, balanceAfter };
}
