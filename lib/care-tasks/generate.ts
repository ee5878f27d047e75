// Call tasks for a launched campaign, one per treatment customer (never control),
// set-based in one INSERT … ON CONFLICT DO NOTHING (a unique (campaign, customer)
// index: launching twice creates nothing twice). Who gets each task:
//   owner        the customer's owner, when they are active sales staff;
//   store        round robin among the staff of the department of the customer's home store;
//   round_robin  round robin among all staff.
// Either of the first two falls back to round robin. "Staff" = active members holding
// care_task:update. Opted-out (call or all) and frequency-capped customers get no task.
import type { TenantTx } from "@/lib/db/tenant";
import { optedOutSql, recentContactsSql } from "@/lib/campaigns/execution/contact-rules";

export type Assignment = "owner" | "store" | "round_robin";

export async function generateCareTasks(
  tx: TenantTx,
  args: { tenantId: string; campaignId: string; assignment: Assignment; dueDays: number; assignedBy: string; capMax: number; capDays: number },
): Promise<{ created: number; skippedOptOut: number; skippedCap: number }> {
  const params = [args.tenantId, args.campaignId, args.assignment, args.dueDays, args.assignedBy, args.capMax, args.capDays];
  const [skips] = await tx.$queryRawUnsafe<{ opt_out: number; cap: number }[]>(
    `SELECT count(*) FILTER (WHERE opted)::int AS opt_out, count(*) FILTER (WHERE NOT opted AND recent >= $6)::int AS cap
     FROM (SELECT ${optedOutSql("t.customer_id", "'call'")} AS opted, ${recentContactsSql("t.customer_id", "$7")} AS recent
           FROM campaign_targets t WHERE t.tenant_id = $1::uuid AND t.campaign_id = $2::uuid AND t.arm = 'treatment'
             AND $3 <> '' AND $4::int > 0 AND $5::uuid IS NOT NULL) x`, ...params);
  const created = await tx.$executeRawUnsafe(
    `WITH staff AS (
       SELECT m.user_id, m.department_id, (row_number() OVER (ORDER BY m.user_id) - 1)::int AS k,
              (row_number() OVER (PARTITION BY m.department_id ORDER BY m.user_id) - 1)::int AS dk,
              count(*) OVER (PARTITION BY m.department_id)::int AS dn
       FROM memberships m
       WHERE m.tenant_id = $1::uuid AND m.status = 'active' AND EXISTS (
         SELECT 1 FROM user_roles ur JOIN role_permissions rp ON rp.tenant_id = ur.tenant_id AND rp.role_id = ur.role_id
         WHERE ur.tenant_id = m.tenant_id AND ur.user_id = m.user_id AND rp.permission_key = 'care_task:update')
     ),
     n AS (SELECT nullif(count(*), 0)::int AS n FROM staff),
     x AS (
       SELECT t.customer_id, c.owner_user_id, s.department_id AS store_department,
              (row_number() OVER (ORDER BY t.customer_id) - 1)::int AS i,
              (row_number() OVER (PARTITION BY s.department_id ORDER BY t.customer_id) - 1)::int AS si
       FROM campaign_targets t
       JOIN customers c ON c.tenant_id = t.tenant_id AND c.id = t.customer_id AND c.deleted_at IS NULL
       LEFT JOIN stores s ON s.tenant_id = c.tenant_id AND s.id = c.home_store_id
       WHERE t.tenant_id = $1::uuid AND t.campaign_id = $2::uuid AND t.arm = 'treatment'
         AND NOT ${optedOutSql("t.customer_id", "'call'")} AND ${recentContactsSql("t.customer_id", "$7")} < $6
     )
     INSERT INTO care_tasks (tenant_id, campaign_id, customer_id, assignee_user_id, due_at, assigned_by)
     SELECT $1::uuid, $2::uuid, x.customer_id,
            coalesce(
              CASE WHEN $3 = 'owner' THEN (SELECT s.user_id FROM staff s WHERE s.user_id = x.owner_user_id) END,
              CASE WHEN $3 = 'store' THEN (SELECT s.user_id FROM staff s WHERE s.department_id = x.store_department AND s.dk = x.si % s.dn) END,
              (SELECT s.user_id FROM staff s, n WHERE s.k = x.i % n.n)),
            now() + make_interval(days => $4::int), $5::uuid
     FROM x
     ON CONFLICT (tenant_id, campaign_id, customer_id) WHERE campaign_id IS NOT NULL DO NOTHING`, ...params);
  return { created, skippedOptOut: skips?.opt_out ?? 0, skippedCap: skips?.cap ?? 0 };
}

export async function capFor(tx: TenantTx): Promise<{ maxContacts: number; windowDays: number }> {
  const row = await tx.contactFrequencyCap.findFirst();
  return row ? { maxContacts: row.maxContacts, windowDays: row.windowDays } : { maxContacts: 3, windowDays: 7 };
}
