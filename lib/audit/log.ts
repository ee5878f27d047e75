// Who did what to which record, with the record before and after. Written in the
// same transaction as the change, so an audit row exists exactly when the change does.
import type { TenantTx } from "@/lib/db/tenant";

export type AuditEntry = {
  action: string;
  entity: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
};

const json = (v: unknown) => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));

export async function writeAudit(tx: TenantTx, actor: { tenantId: string; userId: string }, entry: AuditEntry) {
  await tx.auditLog.create({
    data: {
      tenantId: actor.tenantId,
      actorUserId: actor.userId,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId ?? null,
      before: json(entry.before),
      after: json(entry.after),
    },
  });
}
