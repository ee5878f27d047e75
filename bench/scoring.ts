// Benchmark: the whole scoring run (features, RFM, BG/NBD and Gamma-Gamma fit,
// P(alive), expected purchases and CLV for everyone, written to customer_scores)
// on a synthetic tenant drawn from a known BG/NBD, with the time of every step,
// and the bare SQL aggregation of recency/frequency/monetary with three NTILE(5)
// as the floor to compare with. Not a test; prints figures.
//
//   npx tsx bench/scoring.ts --customers 100000 --orders 700000
//
// It works in a database of its own (BENCH_DATABASE_NAME, default
// crm_bench_scoring, on the server of DATABASE_URL), dropped and re-created each
// run; --keep leaves it there afterwards.
import "dotenv/config";
import pg from "pg";
import { applyTestEnv, testDatabaseUrl } from "@/tests/support/test-env";
import { recreateDatabase } from "@/tests/support/fresh-database";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const customers = arg("customers", 100_000);
const targetOrders = arg("orders", 700_000);
const keep = process.argv.includes("--keep");

process.env.TEST_DATABASE_NAME = process.env.BENCH_DATABASE_NAME || "crm_bench_scoring";
applyTestEnv();
const url = testDatabaseUrl();

const { createTenant } = await import("@/tests/factories/tenants");
const { alphaForRepeats, loadSyntheticTenant, synthesizeTenant } = await import("@/tests/factories/orders");
const { scoreAsOf } = await import("@/lib/analytics/scoring/run");
const { withTenantPg } = await import("@/lib/db/tenant");
const { closePools } = await import("@/lib/db/pools");
const { dayNumber } = await import("@/lib/analytics/models/summary");

const s = (ms: number) => (ms / 1000).toFixed(2) + " s";
let peakRss = 0;
const sample = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);

console.log(`node ${process.version}; database ${new URL(url).pathname.slice(1)}; ${customers} customers, ~${targetOrders} orders`);
let t = performance.now();
await recreateDatabase(url);
const tenant = await createTenant("Bench");
console.log(`database + tenant: ${s(performance.now() - t)}`);

// Purchases from a BG/NBD whose alpha is chosen to give about the requested orders.
const asOf = "2026-06-30";
const minT = 30;
const maxT = 730;
const secondOrderShare = 0.08;
const noisePerCustomer = 0.3;
const repeats = Math.max(0.1, (targetOrders / customers - noisePerCustomer) / (1 + secondOrderShare) - 1);
const shape = { r: 0.8, a: 0.6, b: 3.0 };
const params = { ...shape, alpha: alphaForRepeats(shape, repeats, minT, maxT) };
t = performance.now();
const data = synthesizeTenant({
  params, customers, asOfDay: dayNumber(asOf), minT, maxT, seed: 11, secondOrderShare, noisePerCustomer,
  spend: { p: 6, q: 4, gamma: 300 }, categories: ["手机", "保护配件", "耳机", "充电", "平板", "手表", "电脑", "服务"],
});
console.log(`synthesize: ${s(performance.now() - t)} (${data.orders.length} orders; truth r=${params.r} alpha=${params.alpha.toFixed(2)} a=${params.a} b=${params.b})`);
t = performance.now();
await loadSyntheticTenant(tenant.owner, data, { namePrefix: "bench" });
console.log(`load (COPY → INSERT … SELECT, with order items): ${s(performance.now() - t)}`);
// Fresh statistics, as autovacuum would have them on a live database.
const owner = new pg.Client({ connectionString: url });
await owner.connect();
await owner.query("VACUUM ANALYZE customers, orders, order_items, products");

const orders = data.orders.length;
let scoringSeconds = 0;
for (const label of ["first run", "re-run (replaces the day)"]) {
  t = performance.now();
  const r = await scoreAsOf(tenant.owner, asOf);
  const total = performance.now() - t;
  if (label === "first run") scoringSeconds = total / 1000;
  console.log(`\nscoring, ${label}: ${s(total)} for ${r.customers} customers, churn method ${r.churnMethod}`);
  for (const [k, v] of Object.entries(r.ms)) console.log(`  ${k.padEnd(12)} ${s(v)}`);
  const p = r.bgnbd.params;
  console.log(`  BG/NBD ${r.bgnbd.ok ? `r=${p!.r.toFixed(3)} alpha=${p!.alpha.toFixed(2)} a=${p!.a.toFixed(3)} b=${p!.b.toFixed(3)}` : r.bgnbd.reason}`);
  const g = r.gammaGamma.params;
  console.log(`  Gamma-Gamma ${r.gammaGamma.ok ? `p=${g!.p.toFixed(3)} q=${g!.q.toFixed(3)} gamma=${g!.gamma.toFixed(1)}` : r.gammaGamma.reason}`);
}

// The floor: recency, frequency (purchase days), monetary and three NTILE(5) in one statement.
const floors: number[] = [];
for (let i = 0; i < 2; i++) {
  t = performance.now();
  await withTenantPg(tenant.owner, async (client) => {
    await client.query("SET LOCAL work_mem = '128MB'");
    await client.query(`
      SELECT count(*) FROM (
        SELECT customer_id, ntile(5) OVER (ORDER BY last_day) AS r, ntile(5) OVER (ORDER BY days) AS f, ntile(5) OVER (ORDER BY total) AS m
        FROM (SELECT customer_id, max(paid_at) AS last_day, count(DISTINCT paid_at::date) AS days, sum(paid_amount) AS total
              FROM orders WHERE tenant_id = app_current_tenant() AND paid_at IS NOT NULL AND refunded_at IS NULL AND status <> 'refunded'
              GROUP BY customer_id) a) b`);
  });
  floors.push((performance.now() - t) / 1000);
}
const floor = Math.min(...floors);
const { rows } = await owner.query(`SELECT
  (SELECT count(*) FROM customer_scores)::int AS scores, (SELECT count(*) FROM customer_features)::int AS features,
  pg_size_pretty(pg_total_relation_size('customer_scores')) AS scores_size, pg_size_pretty(pg_total_relation_size('customer_features')) AS features_size`);
console.log(`\nrows: ${JSON.stringify(rows[0])}`);
console.log(`SQL floor (R/F/M aggregate + 3 × NTILE, best of 2): ${floor.toFixed(2)} s`);
clearInterval(sample);
console.log(`peak RSS ${(peakRss / 1048576).toFixed(0)} MB`);
await owner.end();
await closePools();
if (!keep) {
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const c = new pg.Client({ connectionString: admin.toString() });
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(new URL(url).pathname.slice(1))} WITH (FORCE)`);
  await c.end();
}
console.log(`scoring customers=${customers} orders=${orders} seconds=${scoringSeconds.toFixed(2)} sql_floor_seconds=${floor.toFixed(2)} ratio=${(scoringSeconds / floor).toFixed(2)}`);
