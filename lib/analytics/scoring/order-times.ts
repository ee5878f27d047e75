// customers.first_order_at / last_order_at brought up to date from the orders, as
// part of every scoring job (the nightly run and the one after an import), so
// orders that arrive by any path (the API, a future integration) show on the
// customer list and 360 view by the next morning. Same definition as the order
// import (lib/imports/order-lines/apply.ts): first and last ordered_at of all the
// customer's orders. One set-based UPDATE; rows already right are not rewritten.
import type pg from "pg";

/** Inside a tenant-bound transaction (withTenantPg). Returns the customers changed. */
export async function syncCustomerOrderTimes(client: pg.PoolClient): Promise<number> {
  const { rowCount } = await client.query(`
    UPDATE customers cu SET first_order_at = a.first_at, last_order_at = a.last_at
    FROM (
      SELECT customer_id, min(ordered_at) AS first_at, max(ordered_at) AS last_at
      FROM orders WHERE tenant_id = (SELECT app_current_tenant()) GROUP BY customer_id
    ) a
    WHERE cu.tenant_id = (SELECT app_current_tenant()) AND cu.id = a.customer_id
      AND (cu.first_order_at, cu.last_order_at) IS DISTINCT FROM (a.first_at, a.last_at)`);
  return rowCount ?? 0;
}
