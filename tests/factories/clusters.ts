// A customer's cluster, planted the way the scoring run leaves it: customer_clusters
// is a view of customer_scores.cluster on the day of the tenant's cluster model
// (migration 20261130000000_customer_clusters_view). The model row is created on
// `asOf` if the tenant has none; the customer's score row of its day gets the
// cluster (a bare row is created when the customer has no score that day).
import type { TenantTx } from "@/lib/db/tenant";

export const CLUSTER_DAY = "2026-11-01";

export async function plantCluster(tx: TenantTx, tenantId: string, customerId: string, cluster: number, asOf = CLUSTER_DAY) {
  await tx.$executeRaw`
    INSERT INTO cluster_models (tenant_id, as_of, status, k, k_min, k_max, seed)
    VALUES (${tenantId}::uuid, ${asOf}::date, 'succeeded', 0, 2, 8, 1) ON CONFLICT (tenant_id) DO NOTHING`;
  await tx.$executeRaw`
    INSERT INTO customer_scores (tenant_id, customer_id, as_of, cluster)
    SELECT ${tenantId}::uuid, ${customerId}::uuid, m.as_of, ${cluster} FROM cluster_models m WHERE m.tenant_id = ${tenantId}::uuid
    ON CONFLICT (tenant_id, as_of, customer_id) DO UPDATE SET cluster = EXCLUDED.cluster`;
}
