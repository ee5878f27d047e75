// npm run db:seed-demo -- [--customers N] [--orders M] [--seed S] [--end-date YYYY-MM-DD] [--reset]
//
// Loads the demo tenant (星辰手机连锁, slug "demo"): ~20k customers and ~150k orders
// over the last two years by default. The same seed and end date give the same data.
// Without --reset an existing demo tenant is left alone.
import "dotenv/config";
import { parseArgs } from "node:util";
import { closePools } from "@/lib/db/pools";
import { endOfChinaDay } from "@/lib/demo/calendar";
import { DEMO_PASSWORD } from "@/lib/demo/accounts";
import { demoLogins, seedDemoTenant, type SeedLogin } from "@/lib/demo/seed-tenant";
import { DEFAULT_CUSTOMERS, DEFAULT_ORDERS, DEFAULT_SEED } from "@/lib/demo/world";
import { enqueueScoring } from "@/lib/analytics/scoring/enqueue";
import { enqueueRollups } from "@/lib/rollups/enqueue";
import { enqueueAnalytics } from "@/lib/analytics/insights/enqueue";
import { closeQueues } from "@/lib/jobs/queues";
import { closeSharedRedis } from "@/lib/redis";

const USAGE = `usage: npm run db:seed-demo -- [options]
  --customers N        customers to generate (default ${DEFAULT_CUSTOMERS})
  --orders M           orders to aim for (default ${DEFAULT_ORDERS}, or 7.5 per customer when --customers is given)
  --seed S             random seed (default "${DEFAULT_SEED}")
  --end-date D         last day of history, YYYY-MM-DD in China time (default: up to the current hour)
  --reset              drop an existing demo tenant and load it again
  --slug S             tenant slug (default "demo")
  --print-logins       print the demo logins and exit (no database needed)`;

const { values } = parseArgs({
  options: {
    customers: { type: "string" }, orders: { type: "string" }, seed: { type: "string" }, "end-date": { type: "string" },
    reset: { type: "boolean", default: false }, slug: { type: "string" }, help: { type: "boolean", short: "h", default: false },
    "print-logins": { type: "boolean", default: false },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

function printLogins(logins: readonly SeedLogin[], password: string): void {
  console.log(`logins (password for all: ${password})`);
  const width = Math.max(...logins.map((l) => l.email.length));
  for (const l of logins) console.log(`  ${l.email.padEnd(width)}   ${l.label}`);
}

if (values["print-logins"]) {
  printLogins(demoLogins(values.slug), DEMO_PASSWORD);
  process.exit(0);
}

function count(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value.replaceAll("_", "").replaceAll(",", ""));
  if (!Number.isInteger(n) || n < 0) {
    console.error(`--${flag} must be a whole number, got "${value}"\n\n${USAGE}`);
    process.exit(2);
  }
  return n;
}

const customers = count("customers", values.customers, DEFAULT_CUSTOMERS);
const orders = count("orders", values.orders, values.customers ? Math.round(customers * 7.5) : DEFAULT_ORDERS);
// Up to the current hour by default, so two runs within the hour agree; a fixed
// --end-date makes the data reproducible on any day.
const end = values["end-date"] ? endOfChinaDay(values["end-date"]) : new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
const fmt = (n: number) => n.toLocaleString("en-US");

const when = values.reset ? "replacing it if it exists" : "unless it exists";
console.log(`demo tenant "${values.slug ?? "demo"}" (${when}): ${fmt(customers)} customers, ~${fmt(orders)} orders, seed "${values.seed ?? DEFAULT_SEED}", history up to ${end.toISOString()}`);
try {
  const result = await seedDemoTenant({
    seed: values.seed ?? DEFAULT_SEED, customers, orders, end, reset: values.reset, slug: values.slug,
    onProgress: (p) => console.log(
      `  ${fmt(p.customers).padStart(11)} / ${fmt(p.totalCustomers)} customers · ${fmt(p.rows).padStart(12)} rows · ${fmt(Math.round(p.rows / p.seconds))} rows/s · ${p.seconds.toFixed(1)} s`,
    ),
  });
  if (result.status === "skipped") {
    console.log(`the demo tenant "${result.slug}" already exists (${result.tenantId}); left as it is. Use --reset to reload it.`);
  } else {
    console.log(`${result.replaced ? "replaced" : "created"} tenant "${result.slug}" (${result.tenantId}) in ${result.seconds.toFixed(1)} s`);
    for (const [table, n] of Object.entries(result.counts)) console.log(`  ${table.padEnd(20)} ${fmt(n).padStart(12)}`);
    const m = result.model;
    console.log(`  purchase model (BG/NBD, per day): r=${m.r} alpha=${m.alpha.toFixed(3)} a=${m.a} b=${m.b}; history ${result.window.start.toISOString()} – ${result.window.end.toISOString()}`);
    // Scores (RFM, churn, CLV) are the worker's job: queue a run so the demo has them.
    try {
      await enqueueScoring(result.tenantId);
      // Last month's end as well: the customer dashboard's segment movement compares the two.
      await enqueueScoring(result.tenantId, { asOf: new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth(), 0)).toISOString().slice(0, 10) });
      await enqueueAnalytics(result.tenantId, { parts: ["basket"] });
      await enqueueRollups(result.tenantId, { reason: "manual" });
      console.log("  scoring, basket rules and dashboard rollups queued: the worker computes RFM, churn risk, CLV, product rules and the dashboards' tables in the background");
    } catch (err) {
      console.warn(`  scoring not queued (${(err as Error).message}); it runs at the next nightly schedule`);
    }
  }
  console.log();
  printLogins(result.logins, result.password);
} finally {
  await closeQueues();
  await closeSharedRedis();
  await closePools();
}

