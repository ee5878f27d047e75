// Who may be contacted, as SQL over a set of customers (never one query each):
// opt-outs per channel (or 'all') and the tenant's frequency cap — no customer
// contacted more than max_contacts times in window_days, counting every campaign's
// messages planned or sent (queued, sending, sent, delivered; a line on an in-store
// list is no contact) and every finished
// care call that reached them. Planning holds a per-tenant advisory lock
// (lockTenantPlanning), so two campaigns planned at once cannot both take the last slot.
import type pg from "pg";

export const DEFAULT_CAP = { maxContacts: 3, windowDays: 7 } as const;

export async function frequencyCap(client: pg.PoolClient): Promise<{ maxContacts: number; windowDays: number }> {
  const { rows } = await client.query<{ max_contacts: number; window_days: number }>(
    "SELECT max_contacts, window_days FROM contact_frequency_caps LIMIT 1");
  return rows[0] ? { maxContacts: rows[0].max_contacts, windowDays: rows[0].window_days } : { ...DEFAULT_CAP };
}

export async function lockTenantPlanning(client: pg.PoolClient, tenantId: string): Promise<void> {
  await client.query("SELECT pg_advisory_xact_lock(hashtextextended('campaign-plan:' || $1, 0))", [tenantId]);
}

/** SQL: true when customer `col` opted out of `channelParam` (a $n placeholder) or of everything. */
export function optedOutSql(col: string, channelParam: string): string {
  return `EXISTS (SELECT 1 FROM customer_opt_outs oo WHERE oo.tenant_id = (SELECT app_current_tenant()) AND oo.customer_id = ${col}
          AND oo.channel IN (${channelParam}, 'all'))`;
}

/** SQL: the number of contacts of customer `col` in the last `daysParam` days. */
export function recentContactsSql(col: string, daysParam: string): string {
  return `((SELECT count(*) FROM outbound_messages rm WHERE rm.tenant_id = (SELECT app_current_tenant()) AND rm.customer_id = ${col}
             AND rm.status IN ('queued', 'sending', 'sent', 'delivered') AND rm.channel <> 'store'
             AND rm.created_at > now() - make_interval(days => ${daysParam}::int))
         + (SELECT count(*) FROM care_tasks rt WHERE rt.tenant_id = (SELECT app_current_tenant()) AND rt.customer_id = ${col}
             AND rt.status = 'done' AND rt.outcome <> 'not_reached'
             AND rt.completed_at > now() - make_interval(days => ${daysParam}::int)))`;
}
