// Whole-tenant analytics queries join tables that a job has just rewritten
// (customer_features, customer_scores: replaced by every scoring run) or that an
// import has just filled. Until autovacuum analyzes them the planner believes they
// hold a row or two and picks a nested loop with a join filter: measured at 50,000
// customers, the clusters' feature read ran for minutes instead of ~0.1 s. The app
// role cannot ANALYZE tables it does not own, so these queries turn nested loops
// off for themselves (hash and merge joins are the right plans for scans of a whole
// tenant anyway) and put the setting back, so a caller's transaction is unchanged.
import type { TenantTx } from "@/lib/db/tenant";

export async function withoutNestedLoops<T>(tx: TenantTx, fn: () => Promise<T>): Promise<T> {
  const [{ previous }] = await tx.$queryRaw<{ previous: string }[]>`SELECT current_setting('enable_nestloop') AS previous`;
  await tx.$queryRaw`SELECT set_config('enable_nestloop', 'off', true)`;
  try {
    return await fn();
  } finally {
    await tx.$queryRaw`SELECT set_config('enable_nestloop', ${previous}, true)`;
  }
}
