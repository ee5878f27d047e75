// Benchmark: the whole scoring job — features, RFM, BG/NBD and Gamma-Gamma fit,
// P(alive), expected purchases and CLV for everyone, written to customer_scores
// (lib/analytics/scoring/run.ts), with the k-means clusters on those features
// (lib/analytics/insights/clusters-run.ts) that the run fits before it writes — on a
// synthetic tenant drawn from a known BG/NBD, with the time of every step, and
// the bare SQL aggregation of recency/frequency/monetary with three NTILE(5) as
// the floor to compare with. Not a test; prints figures. The last line is
//
//   scoring customers=N orders=M seconds=S sql_floor_seconds=B ratio=S/B
//
// where S is the nightly scoring run, clusters included, and B the floor (best of 2).
// Two runs are timed (details where they run, below): the cold run, which
// computes every customer's features as the first run after a load or an import
// does, scoring today; and the nightly run, which scores tomorrow after a day of
// trade has been added, recomputing the customers that day touched and carrying
// the others over from the cold run (lib/analytics/features/changes.ts). Both
// write every customer's scores. The cold run's own ratio is printed on the line
// before the last.
//
//   npx tsx bench/scoring.ts --customers 100000 --orders 700000
//
// It works in a database of its own (BENCH_DATABASE_NAME, default
// crm_bench_scoring, on the server of DATABASE_URL), dropped and re-created each
// run; --keep leaves it there afterwards, and --reuse scores the tenant a kept
// run left (same --customers) instead of building it again, or tops it up to
// --customers when it holds fewer (a whole number of chunks, e.g. after a
// --load-only build was stopped). The tenant is
// synthesized and loaded in chunks of 100,000 customers (seeds 11, 12, …), so
// building it never holds more than one chunk in memory (--load-only stops there;
// --once skips the re-run of the nightly day; a reused tenant's rows of both days
// and its day of trade are deleted first). Peak RSS is sampled
// every 50 ms and reported for the nightly run on its own.
//
// After the floor it times the run's unavoidable writes on their own: the cold
// day's customer_scores and customer_features rows COPYed back into each table
// under another date (rolled back). With the longer of the cold run's two feature
// passes, that is the least a cold run — these passes, these two tables — can take.
import "dotenv/config";
import fs from "node:fs";
import os from "node:os";
import pg from "pg";
import { pipeline } from "node:stream/promises";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";
import { applyTestEnv, testDatabaseUrl } from "@/tests/support/test-env";
import { recreateDatabase } from "@/tests/support/fresh-database";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const customers = arg("customers", 100_000);
const targetOrders = arg("orders", 700_000);
const keep = process.argv.includes("--keep") || process.argv.includes("--reuse");
const reuse = process.argv.includes("--reuse");
const CHUNK = 100_000;

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
// CPU seconds, which a shared machine's load inflates far less than wall time:
// this process (process.cpuUsage) plus the server backends connected to the bench
// database, read from /proc every half second (the server runs on this machine; 0
// where it cannot be read), so a pooled connection closed when idle still counts
// up to its last sample. Parallel workers are not counted.
const dbName = new URL(url).pathname.slice(1);
const cpuSeen = new Map<number, number>();
async function sampleBackends(c: pg.Client): Promise<void> {
  const { rows } = await c.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE datname = $1", [dbName]);
  for (const { pid } of rows) {
    try {
      const f = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      cpuSeen.set(pid, (Number(f[11]) + Number(f[12])) / 100);
    } catch {
      // gone, or not on this machine
    }
  }
}
/** Starts sampling; the returned function stops it and gives the backends' CPU seconds since. */
async function backendCpu(c: pg.Client): Promise<() => Promise<number>> {
  await sampleBackends(c);
  const start = new Map(cpuSeen);
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    void sampleBackends(c).finally(() => (busy = false));
  }, 500);
  return async () => {
    clearInterval(timer);
    while (busy) await new Promise((r) => setTimeout(r, 10));
    await sampleBackends(c);
    return [...cpuSeen].reduce((sum, [pid, t]) => sum + t - (start.get(pid) ?? 0), 0);
  };
}
const nodeCpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
const mb = (bytes: number) => (bytes / 1048576).toFixed(0) + " MB";
let peakRss = 0;
const sample = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
const load = () => os.loadavg().map((x) => x.toFixed(2)).join(" ");

console.log(`node ${process.version}; database ${new URL(url).pathname.slice(1)}; ${customers} customers, ~${targetOrders} orders; load average ${load()}`);
// The synthetic purchases end on this day; the runs score today and tomorrow.
const dataEnd = "2026-06-30";
let tenant: { tenantId: string };
let orders = 0;
const owner = () => new pg.Client({ connectionString: url });
let reused = false;
/** customers already loaded in a kept tenant that a --reuse run tops up to --customers */
let resumeFrom = 0;
if (reuse) {
  const c = owner();
  try {
    await c.connect();
    const { rows } = await c.query<{ tenant_id: string; customers: number; orders: number }>(
      `SELECT t.id AS tenant_id, (SELECT count(*) FROM customers WHERE tenant_id = t.id)::int AS customers,
              (SELECT count(*) FROM orders WHERE tenant_id = t.id)::int AS orders
       FROM tenants t WHERE t.name LIKE 'Bench %' ORDER BY t.created_at DESC LIMIT 1`,
    );
    if (rows[0] && rows[0].customers === customers) {
      tenant = { tenantId: rows[0].tenant_id };
      orders = rows[0].orders;
      reused = true;
      console.log(`reusing the kept tenant (${customers} customers, ${orders} orders)`);
    } else if (rows[0] && rows[0].customers > 0 && rows[0].customers < customers && rows[0].customers % CHUNK === 0) {
      tenant = { tenantId: rows[0].tenant_id };
      orders = rows[0].orders;
      resumeFrom = rows[0].customers;
      console.log(`topping up the kept tenant from ${resumeFrom} customers (${orders} orders)`);
    }
  } catch {
    // no such database yet: build it
  } finally {
    await c.end().catch(() => undefined);
  }
}
if (!reused) {
  let t = performance.now();
  if (resumeFrom === 0) {
    await recreateDatabase(url);
    const created = await createTenant("Bench");
    tenant = created.owner;
    console.log(`database + tenant: ${s(performance.now() - t)}`);
  }

  // Purchases from a BG/NBD whose alpha is chosen to give about the requested orders.
  const minT = 30;
  const maxT = 730;
  const secondOrderShare = 0.08;
  const noisePerCustomer = 0.3;
  const repeats = Math.max(0.1, (targetOrders / customers - noisePerCustomer) / (1 + secondOrderShare) - 1);
  const shape = { r: 0.8, a: 0.6, b: 3.0 };
  const params = { ...shape, alpha: alphaForRepeats(shape, repeats, minT, maxT) };
  console.log(`truth r=${params.r} alpha=${params.alpha.toFixed(2)} a=${params.a} b=${params.b}`);
  let synth = 0;
  let loadMs = 0;
  for (let c = resumeFrom / CHUNK, start = resumeFrom; start < customers; c++, start += CHUNK) {
    t = performance.now();
    const data = synthesizeTenant({
      params, customers: Math.min(CHUNK, customers - start), asOfDay: dayNumber(dataEnd), minT, maxT, seed: 11 + c, secondOrderShare,
      noisePerCustomer, spend: { p: 6, q: 4, gamma: 300 }, categories: ["手机", "保护配件", "耳机", "充电", "平板", "手表", "电脑", "服务"],
    });
    synth += performance.now() - t;
    t = performance.now();
    await loadSyntheticTenant(tenant!, data, { namePrefix: c === 0 ? "bench" : `bench${c}` });
    loadMs += performance.now() - t;
    orders += data.orders.length;
    if (customers > CHUNK) console.log(`  chunk ${c + 1}: ${start + Math.min(CHUNK, customers - start)} customers, ${orders} orders; load average ${load()}`);
  }
  console.log(`synthesize: ${s(synth)}; load (COPY → INSERT … SELECT, with order items): ${s(loadMs)}; ${orders} orders`);
  // Fresh statistics, as autovacuum would have them on a live database.
  const c = owner();
  await c.connect();
  t = performance.now();
  await c.query("VACUUM ANALYZE customers, orders, order_items, products");
  await c.end();
  console.log(`vacuum analyze: ${s(performance.now() - t)}; peak RSS while building ${mb(peakRss)}`);
}
const scope = tenant!;
if (process.argv.includes("--load-only")) {
  clearInterval(sample);
  await closePools();
  console.log("loaded; --load-only: not scoring");
  process.exit(0);
}

// Two runs, as a tenant lives them (lib/analytics/features/changes.ts): the first
// run after the load scores today and computes every customer (the cold run); then
// a day of trade is added — about a 730th of the orders, for as many customers,
// paid tomorrow, with an item each, written through the app role so the triggers
// note them — and the nightly run scores tomorrow from today's run. The cold run
// is timed and reported in full; the last line is the nightly run's. Without
// --once the nightly day is then scored once more (a re-run replaces the day and
// computes everyone: its base is that day).
// A kept tenant holds both days' rows and the day of trade from an earlier run:
// they go first, with the tenant's noted changes and base, so the cold run is cold.
const { tenantClock } = await import("@/lib/analytics/features/compute");
const today = (await withTenantPg(scope, tenantClock)).today;
const nextDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const tomorrow = nextDay(today);
const asOf = today;
const DAY_PREFIX = "BENCH-DAY-";
{
  const c = owner();
  await c.connect();
  await c.query("DELETE FROM orders WHERE order_no LIKE $1", [`${DAY_PREFIX}%`]);
  for (const table of ["customer_scores", "customer_features", "scoring_runs"]) {
    await c.query(`DELETE FROM ${table} WHERE as_of IN ($1::date, $2::date)`, [today, tomorrow]);
  }
  await c.query("DELETE FROM scoring_changes");
  await c.query("DELETE FROM scoring_bases");
  await c.query("VACUUM ANALYZE orders, order_items, customer_scores, customer_features, scoring_changes");
  orders = Number((await c.query("SELECT count(*) AS n FROM orders")).rows[0].n);
  await c.end();
}

/** A day of trade: `n` orders paid on `day` for `n` random customers, one item each, as the app role. */
async function addDayOfTrade(day: string, n: number): Promise<number> {
  return withTenantPg(scope, async (client) => {
    await client.query(
      `CREATE TEMP TABLE day_orders ON COMMIT DROP AS
       SELECT gen_random_uuid() AS id, c.id AS customer_id, (($1::date + random() * interval '1 day')::timestamp AT TIME ZONE t.timezone) AS paid_at,
              (20 + random() * 400)::numeric(14, 2) AS amount, (ARRAY['store', 'tmall', 'jd', 'wechat'])[1 + floor(random() * 4)::int] AS channel,
              (SELECT p.id FROM products p WHERE p.tenant_id = c.tenant_id OFFSET floor(random() * 8)::int LIMIT 1) AS product_id
       FROM (SELECT id, tenant_id FROM customers WHERE tenant_id = (SELECT app_current_tenant()) ORDER BY random() LIMIT $2) c
       JOIN tenants t ON t.id = c.tenant_id`,
      [day, n],
    );
    const { rowCount } = await client.query(
      `INSERT INTO orders (tenant_id, id, order_no, customer_id, channel, status, ordered_at, paid_at, amount, paid_amount)
       SELECT (SELECT app_current_tenant()), id, '${DAY_PREFIX}' || id, customer_id, channel, 'paid', paid_at, paid_at, amount, amount FROM day_orders`,
    );
    await client.query(
      `INSERT INTO order_items (tenant_id, order_id, product_id, quantity, unit_price, amount)
       SELECT (SELECT app_current_tenant()), id, product_id, 1, amount, amount FROM day_orders WHERE product_id IS NOT NULL`,
    );
    return rowCount ?? 0;
  });
}

let scoringSeconds = 0;
let firstSteps: Record<string, number> = {};
let scoringPeak = 0;
let scoringCpu = 0;
let cold = { seconds: 0, cpu: 0 };
const mon = owner();
await mon.connect();
const runs: { label: string; day: string }[] = [
  { label: "cold run (every customer)", day: today },
  { label: "nightly run (from the cold run)", day: tomorrow },
  ...(process.argv.includes("--once") ? [] : [{ label: "re-run of the nightly day (replaces it)", day: tomorrow }]),
];
for (const { label, day } of runs) {
  if (day === tomorrow && label.startsWith("nightly")) {
    const t = performance.now();
    const added = await addDayOfTrade(tomorrow, Math.round(orders / 730));
    orders += added;
    console.log(`\na day of trade: ${added} orders paid ${tomorrow}, an item each, through the app role (triggers on): ${s(performance.now() - t)}`);
  }
  if (global.gc) global.gc();
  peakRss = process.memoryUsage().rss;
  const loadBefore = load();
  const stopCpu = await backendCpu(mon);
  const node0 = nodeCpu();
  const t = performance.now();
  const r = await scoreAsOf(scope, day);
  const total = performance.now() - t;
  const cpuServer = await stopCpu();
  const cpuNode = nodeCpu() - node0;
  if (label.startsWith("cold")) {
    firstSteps = r.ms;
    cold = { seconds: total / 1000, cpu: cpuServer + cpuNode };
  }
  if (label.startsWith("nightly")) {
    scoringSeconds = total / 1000;
    scoringPeak = peakRss;
    scoringCpu = cpuServer + cpuNode;
  }
  const how = r.features.mode === "all" ? `every customer (${r.features.reason})` : `${r.features.changed} changed customers, the rest from ${r.features.base}`;
  console.log(`\nscoring + clusters, ${label}, ${day}: ${s(total)} for ${r.customers} customers, features of ${how}, churn method ${r.churnMethod}; peak RSS ${mb(peakRss)}; load average before ${loadBefore}, after ${load()}`);
  console.log(`  CPU: ${cpuServer.toFixed(2)} s database + ${cpuNode.toFixed(2)} s Node`);
  for (const [k, v] of Object.entries(r.ms)) console.log(`  ${k.padEnd(12)} ${s(v)}`);
  console.log(`  clusters: ${r.clusters === null ? "not fitted" : `k=${r.clusters}`}`);
  const p = r.bgnbd.params;
  console.log(`  BG/NBD ${r.bgnbd.ok ? `r=${p!.r.toFixed(3)} alpha=${p!.alpha.toFixed(2)} a=${p!.a.toFixed(3)} b=${p!.b.toFixed(3)}` : r.bgnbd.reason}`);
  const g = r.gammaGamma.params;
  console.log(`  Gamma-Gamma ${r.gammaGamma.ok ? `p=${g!.p.toFixed(3)} q=${g!.q.toFixed(3)} gamma=${g!.gamma.toFixed(1)}` : r.gammaGamma.reason}`);
}

// The floor: recency, frequency (purchase days), monetary and three NTILE(5) in one statement.
const FLOOR_SQL = `
  SELECT count(*) FROM (
    SELECT customer_id, ntile(5) OVER (ORDER BY last_day) AS r, ntile(5) OVER (ORDER BY days) AS f, ntile(5) OVER (ORDER BY total) AS m
    FROM (SELECT customer_id, max(paid_at) AS last_day, count(DISTINCT paid_at::date) AS days, sum(paid_amount) AS total
          FROM orders WHERE tenant_id = (SELECT app_current_tenant()) AND paid_at IS NOT NULL AND refunded_at IS NULL AND status <> 'refunded'
          GROUP BY customer_id) a) b`;
const floors: number[] = [];
for (let i = 0; i < 2; i++) {
  const t = performance.now();
  await withTenantPg(scope, async (client) => {
    await client.query("SET LOCAL work_mem = '128MB'");
    await client.query(FLOOR_SQL);
  });
  floors.push((performance.now() - t) / 1000);
}
const floor = Math.min(...floors);
// The floor once more without parallel workers, for its CPU seconds.
const stopFloorCpu = await backendCpu(mon);
await withTenantPg(scope, async (client) => {
  await client.query("SET LOCAL work_mem = '128MB'");
  await client.query("SET LOCAL max_parallel_workers_per_gather = 0");
  await client.query(FLOOR_SQL);
});
const floorCpu = await stopFloorCpu();

/** The day's rows of `table` COPYed back in under another date, in a transaction rolled back: seconds. */
async function rewriteDay(client: pg.Client, table: string): Promise<{ rows: number; seconds: number }> {
  const { rows: cols } = await client.query<{ name: string }>(
    "SELECT column_name AS name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position",
    [table],
  );
  const list = cols.map((c) => c.name);
  const select = list.map((n) => (n === "as_of" ? "DATE '2999-12-31'" : pg.escapeIdentifier(n))).join(", ");
  const path = `bench/out/${table}-${customers}.copy`;
  fs.mkdirSync("bench/out", { recursive: true });
  await pipeline(client.query(copyTo(`COPY (SELECT ${select} FROM ${table} WHERE as_of = '${asOf}'::date) TO STDOUT`)), fs.createWriteStream(path));
  await client.query("BEGIN");
  const t0 = performance.now();
  await pipeline(fs.createReadStream(path, { highWaterMark: 1 << 20 }), client.query(copyFrom(`COPY ${table} (${list.map((n) => pg.escapeIdentifier(n)).join(", ")}) FROM STDIN`)));
  const seconds = (performance.now() - t0) / 1000;
  const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE as_of = DATE '2999-12-31'`);
  await client.query("ROLLBACK");
  fs.rmSync(path);
  return { rows: rows[0]!.n, seconds };
}
const writer = owner();
await writer.connect();
const scoresWrite = await rewriteDay(writer, "customer_scores");
const featuresWrite = await rewriteDay(writer, "customer_features");
// The rolled-back rows are dead: vacuumed now, so a later --reuse run starts as this one did.
await writer.query("VACUUM customer_scores, customer_features");
await writer.end();
const longerPass = Math.max(firstSteps.featuresOrders ?? 0, firstSteps.featuresCategories ?? 0) / 1000;
const designFloor = longerPass + scoresWrite.seconds + featuresWrite.seconds;
await mon.end();
const c = owner();
await c.connect();
const { rows } = await c.query(`SELECT
  (SELECT count(*) FROM customer_scores)::int AS scores, (SELECT count(*) FROM customer_features)::int AS features,
  (SELECT count(*) FROM customer_scores WHERE cluster IS NOT NULL)::int AS clustered,
  pg_size_pretty(pg_total_relation_size('customer_scores')) AS scores_size, pg_size_pretty(pg_total_relation_size('customer_features')) AS features_size`);
await c.end();
console.log(`\nrows: ${JSON.stringify(rows[0])}`);
console.log(`SQL floor (R/F/M aggregate + 3 × NTILE): ${floors.map((f) => f.toFixed(2) + " s").join(", ")}; load average ${load()}`);
clearInterval(sample);
console.log(`peak RSS during scoring + clusters (nightly run) ${mb(scoringPeak)}`);
console.log(`writes alone (COPY of the day's rows under another date, rolled back): customer_scores ${scoresWrite.rows} rows ${scoresWrite.seconds.toFixed(2)} s, customer_features ${featuresWrite.rows} rows ${featuresWrite.seconds.toFixed(2)} s`);
console.log(`cold run: least it can take: the longer feature pass ${longerPass.toFixed(2)} s + those writes = ${designFloor.toFixed(2)} s = ${(designFloor / floor).toFixed(2)} × the floor (target: 3)`);
console.log(`CPU seconds: nightly run ${scoringCpu.toFixed(2)}, cold run ${cold.cpu.toFixed(2)}, floor (serial) ${floorCpu.toFixed(2)}; ratios ${(scoringCpu / floorCpu).toFixed(2)} and ${(cold.cpu / floorCpu).toFixed(2)}`);
await closePools();
if (!keep) {
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const a = new pg.Client({ connectionString: admin.toString() });
  await a.connect();
  await a.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(new URL(url).pathname.slice(1))} WITH (FORCE)`);
  await a.end();
}
console.log(`cold run (every customer, the first after the load): seconds=${cold.seconds.toFixed(2)} sql_floor_seconds=${floor.toFixed(2)} ratio=${(cold.seconds / floor).toFixed(2)}`);
console.log(`scoring customers=${customers} orders=${orders} seconds=${scoringSeconds.toFixed(2)} sql_floor_seconds=${floor.toFixed(2)} ratio=${(scoringSeconds / floor).toFixed(2)}`);
