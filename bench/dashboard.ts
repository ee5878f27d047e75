// Benchmark: the dashboards on an M-order tenant, through the functions the pages
// call (lib/dashboard/*Dashboard: the same transaction, scope resolution and SQL).
//
//   npm run bench:dashboard -- --orders 1000000 [--runs 20] [--fresh] [--refresh] [--no-hourly]
//     [--load-only] [--no-dashboards] [--only members,interactions,bigScreen]
//
// Builds (or reuses) the tenant in its own database, crm_bench_dash on the
// DATABASE_URL server, migrated by the project's runner; loads it set-based
// (INSERT … SELECT generate_series, deterministic: ids and values are hashes of the
// row number); refreshes the rollups as the app role (timed); then loads every
// dashboard with several filter sets, `runs` times each, and prints p50/p95 per
// dashboard. The last line is `dashboard orders=M p50_ms=X p95_ms=Y` over all loads.
import os from "node:os";
import pg from "pg";

function arg(name: string, fallback?: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i >= 0 && process.argv[i + 1] && !process.argv[i + 1]!.startsWith("--")) return process.argv[i + 1];
  const eq = process.argv.find((a) => a.startsWith(`--${name}=`));
  return eq ? eq.slice(name.length + 3) : fallback;
}
const ORDERS = Number(arg("orders", "100000"));
const RUNS = Number(arg("runs", "20"));
const FRESH = process.argv.includes("--fresh");
// Build (or complete) the tenant's data and stop, before the rollup refresh.
const LOAD_ONLY = process.argv.includes("--load-only");
// Only these dashboards (comma-separated names, e.g. members,bigScreen); default all.
const ONLY = arg("only")?.split(",").filter(Boolean) ?? null;
if (!Number.isInteger(ORDERS) || ORDERS < 1000) throw new Error("--orders must be an integer ≥ 1000");

const base = new URL(process.env.DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/crm");
base.pathname = "/crm_bench_dash";
const ownerUrl = base.toString();
process.env.DATABASE_URL = ownerUrl;
delete process.env.APP_DATABASE_URL;
delete process.env.PLATFORM_DATABASE_URL;

const { migrate } = await import("@/lib/db/migrator");
const { unsafeProvisionTenant } = await import("@/lib/tenants/provision");
const { loadAuthContext } = await import("@/lib/auth/context");
const { withTenant } = await import("@/lib/db/tenant");
const { refreshRollups } = await import("@/lib/rollups/refresh");
const { overviewDashboard } = await import("@/lib/dashboard/overview");
const { salesDashboard } = await import("@/lib/dashboard/sales");
const { productsDashboard } = await import("@/lib/dashboard/products");
const { customersDashboard } = await import("@/lib/dashboard/customers");
const { membersDashboard } = await import("@/lib/dashboard/members");
const { interactionsDashboard } = await import("@/lib/dashboard/interactions");
const { bigScreenDashboard } = await import("@/lib/dashboard/big-screen");
const { closePools } = await import("@/lib/db/pools");

const log = (s: string) => console.log(s);
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

await migrate({ url: ownerUrl });
const owner = new pg.Client({ connectionString: ownerUrl });
await owner.connect();
const q = (sql: string, params: unknown[] = []) => owner.query(sql, params);

const slug = `bench-dash-${ORDERS}`;
let tenant = (await q("SELECT id FROM tenants WHERE slug = $1", [slug])).rows[0] as { id: string } | undefined;
if (tenant && FRESH) {
  log(`dropping the old ${slug}`);
  for (const t of ["rollup_state", "rollup_sales_daily", "rollup_sales_store_daily", "rollup_sales_customers", "rollup_product_daily",
    "rollup_category_daily", "rollup_repurchase", "rollup_customer_regions", "rollup_customer_scores", "rollup_member_tiers", "rollup_tier_changes_daily",
    "rollup_points_daily", "rollup_member_sales", "rollup_coupons_daily", "rollup_interactions_daily", "rollup_interaction_customers", "rollup_referrals_daily", "rollup_cohorts",
    "rollup_interactions_monthly", "rollup_points_monthly", "rollup_coupons_monthly", "rollup_tier_changes_monthly", "rollup_referrals_monthly",
    "customer_scores", "interactions", "referrals", "coupons", "points_ledger", "tier_changes", "members", "member_tiers", "order_items", "orders",
    "customers", "products", "stores"]) await q(`DELETE FROM ${t} WHERE tenant_id = $1`, [tenant.id]);
  await q("DELETE FROM tenants WHERE id = $1", [tenant.id]);
  tenant = undefined;
}

// ───────────── the tenant's frame: regions, stores, online shops, products ─────────────
const REGIONS: [string, [string, string][]][] = [
  ["华南大区", [["广东", "广州"], ["广东", "深圳"], ["广东", "东莞"], ["福建", "厦门"], ["广西", "南宁"]]],
  ["华东大区", [["上海", "上海"], ["浙江", "杭州"], ["江苏", "南京"], ["江苏", "苏州"], ["安徽", "合肥"]]],
  ["华北大区", [["北京", "北京"], ["天津", "天津"], ["山东", "济南"], ["河北", "石家庄"], ["辽宁", "沈阳"]]],
  ["西部大区", [["四川", "成都"], ["重庆", "重庆"], ["陕西", "西安"], ["湖北", "武汉"], ["云南", "昆明"]]],
];
// Where online customers live (province, city): the stores' cities and more.
const CITIES: [string, string][] = [
  ...REGIONS.flatMap(([, s]) => s),
  ["湖南", "长沙"], ["河南", "郑州"], ["江西", "南昌"], ["贵州", "贵阳"], ["山西", "太原"], ["吉林", "长春"], ["黑龙江", "哈尔滨"],
  ["内蒙古", "呼和浩特"], ["新疆", "乌鲁木齐"], ["甘肃", "兰州"], ["海南", "海口"], ["宁夏", "银川"], ["青海", "西宁"], ["西藏", "拉萨"],
  ["广东", "佛山"], ["浙江", "宁波"], ["山东", "青岛"], ["福建", "福州"], ["江苏", "无锡"], ["广东", "珠海"], ["浙江", "温州"],
];
const CATEGORIES: [string, string[], number][] = [
  ["手机", ["华为", "Apple", "小米", "OPPO", "vivo", "荣耀"], 3999],
  ["平板", ["华为", "Apple", "小米"], 2999],
  ["耳机", ["华为", "Apple", "小米", "漫步者"], 599],
  ["充电配件", ["绿联", "Anker", "倍思", "小米"], 99],
  ["保护配件", ["星辰优选", "Apple", "华为"], 69],
  ["智能穿戴", ["华为", "Apple", "小米"], 1299],
];
const ONLINE = ["tmall", "jd", "wechat"];

if (!tenant) {
  log(`building ${slug}: ${ORDERS.toLocaleString("en")} orders`);
  const t0 = Date.now();
  // An account left by an interrupted earlier build (users are global).
  await q("DELETE FROM users WHERE email = $1 AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = users.id)", [`${slug}@bench.test`]);
  const p = await unsafeProvisionTenant({
    name: `Bench ${ORDERS}`, slug, locale: "zh-CN",
    owner: { email: `${slug}@bench.test`, name: "Bench Owner", password: "Bench-Password-2026" },
  });
  tenant = { id: p.tenantId };
  const T = p.tenantId;
  await q("BEGIN");
  const storeRows: { id: string; code: string; dept: string; province: string; city: string }[] = [];
  for (const [ri, [region, stores]] of REGIONS.entries()) {
    const regionId = (await q(`INSERT INTO departments (tenant_id, parent_id, name, kind) VALUES ($1, $2, $3, 'region') RETURNING id`, [T, p.headOfficeId, region])).rows[0].id;
    for (const [si, [province, city]] of stores.entries()) {
      const code = `S${ri}${si}`;
      const dept = (await q(`INSERT INTO departments (tenant_id, parent_id, name, kind) VALUES ($1, $2, $3, 'store') RETURNING id`, [T, regionId, `${city}${si + 1}号店`])).rows[0].id;
      const id = (await q(`INSERT INTO stores (tenant_id, code, name, kind, department_id, province, city) VALUES ($1, $2, $3, 'store', $4, $5, $6) RETURNING id`,
        [T, code, `${city}${si + 1}号店`, dept, `${province}${["北京", "上海", "天津", "重庆"].includes(province) ? "市" : "省"}`, `${city}市`])).rows[0].id;
      storeRows.push({ id, code, dept, province, city });
    }
  }
  const ecommerce = (await q(`INSERT INTO departments (tenant_id, parent_id, name, kind) VALUES ($1, $2, '电商部', 'team') RETURNING id`, [T, p.headOfficeId])).rows[0].id;
  const shops: string[] = [];
  for (const ch of ONLINE) {
    shops.push((await q(`INSERT INTO stores (tenant_id, code, name, kind, department_id) VALUES ($1, $2, $3, 'online', $4) RETURNING id`, [T, `ON-${ch}`, `${ch} 旗舰店`, ecommerce])).rows[0].id);
  }
  const products: { id: string; price: number }[] = [];
  for (const [category, brands, price] of CATEGORIES) {
    for (const [bi, brand] of brands.entries()) {
      for (const tier of [1, 2]) {
        const pr = Math.round(price * (0.6 + 0.3 * bi / brands.length) * tier);
        const id = (await q(`INSERT INTO products (tenant_id, sku, name, category, brand, price) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
          [T, `${category}-${brand}-${tier}`, `${brand} ${category} ${tier === 1 ? "标准版" : "Pro"}`, category, brand, pr])).rows[0].id;
        products.push({ id, price: pr });
      }
    }
  }
  await q("COMMIT");

  // The generated rows are consistent by construction: skip the per-row foreign-key
  // triggers while loading (they cost more than the inserts), when the owner may.
  const superuser = (await q("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")).rows[0]?.rolsuper === true;
  if (superuser) await q("SET session_replication_role = replica");

  // Customers: 1 per 5 orders. 70% live near a store (home store = that store); the rest anywhere.
  const C = Math.max(1000, Math.floor(ORDERS / 5));
  const storeIds = storeRows.map((s) => s.id);
  const storeDepts = storeRows.map((s) => s.dept);
  const storeProv = storeRows.map((s) => s.province);
  const storeCity = storeRows.map((s) => `${s.city}市`);
  const cityProv = CITIES.map(([p]) => p);
  const cityName = CITIES.map(([, c]) => `${c}市`);
  const h = (expr: string) => `(hashint8(${expr}) & 2147483647)`;
  // Ids that grow with the row number, so primary keys are appended to, not scattered.
  const cid = (n: string) => `('c0000000-0000-4000-8000-' || lpad(to_hex(${n}), 12, '0'))::uuid`;
  const oid = (n: string) => `('a0000000-0000-4000-8000-' || lpad(to_hex(${n}), 12, '0'))::uuid`;
  const iid = (n: string) => `('b0000000-0000-4000-8000-' || lpad(to_hex(${n}), 12, '0'))::uuid`;
  await q(`
    INSERT INTO customers (tenant_id, id, name, province, city, home_store_id, department_id, source_channel, created_at, first_order_at)
    SELECT $1, ${cid("n")}, '客户' || n,
      CASE WHEN ${h("n * 3 + 1")} % 10 < 7 THEN ($3::text[])[1 + ${h("n")} % $9] ELSE ($5::text[])[1 + ${h("n * 5 + 2")} % $10] END,
      CASE WHEN ${h("n * 3 + 1")} % 10 < 7 THEN ($4::text[])[1 + ${h("n")} % $9] ELSE ($6::text[])[1 + ${h("n * 5 + 2")} % $10] END,
      ($2::uuid[])[1 + ${h("n")} % $9],
      CASE WHEN ${h("n * 3 + 1")} % 10 < 7 THEN ($7::uuid[])[1 + ${h("n")} % $9] ELSE $8::uuid END,
      'store', now() - interval '800 days', NULL
    FROM generate_series(1, $11::int) n`,
  [T, storeIds, storeProv, storeCity, cityProv, cityName, storeDepts, ecommerce, storeIds.length, CITIES.length, C]);
  log(`  ${C.toLocaleString("en")} customers (${secs(Date.now() - t0)})`);

  // Orders in chunks; the same formulas give their items. Customer n = skewed draw (some buy often).
  const P = products.length;
  const prices = products.map((x) => x.price);
  const productIds = products.map((x) => x.id);
  // items of order s: 1 + (s%10<3) + (s%10<1); item k's product and quantity are hashes of (s, k).
  const nItems = `(1 + (${h("s * 11")} % 10 < 3)::int + (${h("s * 11")} % 10 < 1)::int)`;
  // Both statements pass the product count as $3 and the prices as $4.
  const itemProduct = `(1 + ${h("s * 17 + k")} % $3)`;
  const itemQty = `(1 + (${h("s * 19 + k")} % 10 = 0)::int)`;
  const CHUNK = 1_000_000;
  for (let lo = 1; lo <= ORDERS; lo += CHUNK) {
    const hi = Math.min(ORDERS, lo + CHUNK - 1);
    const tc = Date.now();
    await q("BEGIN");
    await q(`
      INSERT INTO orders (tenant_id, id, order_no, customer_id, channel, store_id, status, ordered_at, paid_at, shipped_at, received_at,
        reviewed_at, refunded_at, amount, paid_amount)
      SELECT $1, ${oid("s")}, 'B' || lpad(s::text, 10, '0'), ${cid("c")},
        ch, CASE WHEN ch = 'store' THEN ($5::uuid[])[1 + ${h("c")} % $6] ELSE ($7::uuid[])[array_position($8::text[], ch)] END,
        CASE WHEN refunded THEN 'refunded' WHEN NOT paid THEN (CASE WHEN ${h("s * 23")} % 2 = 0 THEN 'created' ELSE 'cancelled' END)
             WHEN ch = 'store' OR received THEN 'received' ELSE 'shipped' END,
        at,
        CASE WHEN paid THEN at + make_interval(secs => 30 + ${h("s * 29")} % 3600) END,
        CASE WHEN paid AND ch <> 'store' THEN at + make_interval(secs => 3600 + ${h("s * 31")} % 172800) END,
        CASE WHEN paid AND (ch = 'store' OR received) THEN at + make_interval(secs => CASE WHEN ch = 'store' THEN 60 ELSE 86400 + ${h("s * 37")} % 345600 END) END,
        CASE WHEN paid AND received AND ${h("s * 41")} % 10 < 3 THEN at + interval '7 days' END,
        CASE WHEN refunded THEN at + interval '3 days' END,
        amt, CASE WHEN paid THEN amt ELSE 0 END
      FROM (
        SELECT s, c, at, ch,
          ${h("s * 7")} % 100 < 92 AS paid,
          ${h("s * 7")} % 100 < 92 AND ${h("s * 13")} % 100 < 3 AS refunded,
          ${h("s * 43")} % 100 < 90 AS received,
          (SELECT sum(($4::numeric[])[${itemProduct}] * ${itemQty}) FROM generate_series(1, ${nItems}) k) AS amt
        FROM (
          SELECT s,
            1 + floor($2::int * power((${h("s * 3")} % 1000000) / 1000000.0, 1.6))::int AS c,
            -- in time order (the time index is appended to), two years up to now
            date_trunc('second', now() - interval '730 days' + make_interval(secs => (s - 1)::float8 * 730 * 86400 / $11 + ${h("s * 5")} % 60)) AS at,
            CASE WHEN ${h("s * 47")} % 100 < 40 THEN 'store' ELSE ($8::text[])[1 + ${h("s * 53")} % 3] END AS ch
          FROM generate_series($9::int, $10::int) s
        ) g
      ) x`,
    [T, C, P, prices, storeIds, storeIds.length, shops, ONLINE, lo, hi, ORDERS]);
    await q(`
      INSERT INTO order_items (tenant_id, id, order_id, product_id, quantity, unit_price, amount)
      SELECT $1, ${iid("s * 4 + k")}, ${oid("s")}, ($2::uuid[])[${itemProduct}], ${itemQty}, ($4::numeric[])[${itemProduct}],
        ($4::numeric[])[${itemProduct}] * ${itemQty}
      FROM generate_series($5::int, $6::int) s CROSS JOIN LATERAL generate_series(1, ${nItems}) k`,
    [T, productIds, P, prices, lo, hi]);
    await q("COMMIT");
    log(`  orders ${lo.toLocaleString("en")}–${hi.toLocaleString("en")} (${secs(Date.now() - tc)})`);
  }
  // Scores for every customer, as a scoring run would leave them.
  await q(`
    INSERT INTO customer_scores (tenant_id, customer_id, as_of, recency_days, frequency, monetary, rfm_segment, churn_risk, predicted_clv, p_alive)
    SELECT $1, ${cid("n")}, current_date, ${h("n * 59")} % 700, 1 + ${h("n * 61")} % 12, ${h("n * 67")} % 20000,
      ($2::text[])[1 + ${h("n * 71")} % 11], ($3::text[])[1 + ${h("n * 73")} % 3], (${h("n * 79")} % 3000000) / 100.0, (${h("n * 83")} % 100) / 100.0
    FROM generate_series(1, $4::int) n`,
  [T, ["champions", "loyal", "potential_loyalist", "new_customers", "promising", "need_attention", "about_to_sleep", "at_risk", "cannot_lose_them", "hibernating", "lost"],
    ["low", "medium", "high"], C]);
  if (superuser) await q("SET session_replication_role = origin");
  await q("ANALYZE");
  const counts = (await q(`SELECT (SELECT count(*) FROM orders WHERE tenant_id = $1)::int AS orders, (SELECT count(*) FROM order_items WHERE tenant_id = $1)::int AS items`, [T])).rows[0];
  log(`loaded ${counts.orders.toLocaleString("en")} orders, ${counts.items.toLocaleString("en")} items, ${C.toLocaleString("en")} customers in ${secs(Date.now() - t0)}`);
} else {
  log(`reusing ${slug} (--fresh rebuilds it)`);
}

const tenantId = tenant.id;

// ───────────── members, points, coupons, interactions, referrals (member and interaction dashboards) ─────────────
// Added to a tenant that lacks them (also one built by an older version of this script).
let loadedMore = false;
if (!(await q("SELECT 1 FROM members WHERE tenant_id = $1 LIMIT 1", [tenantId])).rowCount) {
  const t0 = Date.now();
  const T = tenantId;
  const C = (await q("SELECT count(*)::int AS n FROM customers WHERE tenant_id = $1", [T])).rows[0].n as number;
  const h = (expr: string) => `(hashint8(${expr}) & 2147483647)`;
  const cid = (n: string) => `('c0000000-0000-4000-8000-' || lpad(to_hex(${n}), 12, '0'))::uuid`;
  const mid = (n: string) => `('d0000000-0000-4000-8000-' || lpad(to_hex(${n}), 12, '0'))::uuid`;
  // Ids that grow with the row number (primary keys appended to, not scattered: at 10M
  // interactions random uuids made the load several times slower).
  const seqId = (prefix: string, n: string) => `('${prefix}-0000-4000-8000-' || lpad(to_hex(${n}), 12, '0'))::uuid`;
  const step = async (label: string, sql: string, params: unknown[]) => {
    const ts = Date.now();
    const r = await q(sql, params);
    log(`  ${label}: ${(r.rowCount ?? 0).toLocaleString("en")} rows (${secs(Date.now() - ts)})`);
  };
  const isMember = (n: string) => `${h(`${n} * 89`)} % 10 < 4`; // 40 % of customers
  const superuser = (await q("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")).rows[0]?.rolsuper === true;
  if (superuser) await q("SET session_replication_role = replica");
  await q("BEGIN");
  const tierIds: string[] = [];
  for (const [rank, name] of ["普卡", "银卡", "金卡", "钻石卡"].entries()) {
    tierIds.push((await q(`INSERT INTO member_tiers (tenant_id, rank, name, threshold) VALUES ($1, $2, $3, $4) RETURNING id`, [T, rank + 1, name, rank * 2000])).rows[0].id);
  }
  await step("members", `
    INSERT INTO members (tenant_id, id, customer_id, member_no, tier_id, joined_at)
    SELECT $1, ${mid("n")}, ${cid("n")}, 'M' || lpad(n::text, 9, '0'), ($2::uuid[])[1 + ${h("n * 101")} % 4],
      date_trunc('second', now() - make_interval(days => ${h("n * 103")} % 700))
    FROM generate_series(1, $3::int) n WHERE ${isMember("n")}`, [T, tierIds, C]);
  // Each member above the first tier moved up once, from the tier below.
  await step("tier changes", `
    INSERT INTO tier_changes (tenant_id, id, member_id, from_tier_id, to_tier_id, reason, changed_at)
    SELECT m.tenant_id, ${seqId("e1000000", "substr(m.member_no, 2)::bigint")}, m.id, lower_t.id, t.id, 'upgrade', least(now(), m.joined_at + make_interval(days => ${h("substr(m.member_no, 2)::bigint * 107")} % 200))
    FROM members m JOIN member_tiers t ON t.tenant_id = m.tenant_id AND t.id = m.tier_id
    JOIN member_tiers lower_t ON lower_t.tenant_id = t.tenant_id AND lower_t.rank = t.rank - 1
    WHERE m.tenant_id = $1`, [T]);
  // Points: M/2 ledger entries over two years (70 % earned), for members only.
  await step("points", `
    INSERT INTO points_ledger (tenant_id, id, member_id, delta, balance_after, reason, created_at)
    SELECT $1, ${seqId("e2000000", "s")}, ${mid("c")}, CASE WHEN ${h("s * 107")} % 10 < 7 THEN 1 + ${h("s * 109")} % 500 ELSE -(1 + ${h("s * 113")} % 300) END, 0,
      CASE WHEN ${h("s * 107")} % 10 < 7 THEN 'order' ELSE 'redeem' END,
      date_trunc('second', now() - interval '730 days' + make_interval(secs => s::float8 * 730 * 86400 / $3))
    FROM (SELECT s, 1 + ${h("s * 97")} % $2 AS c FROM generate_series(1, $3::int) s) x WHERE ${isMember("c")}`, [T, C, Math.floor(ORDERS / 2)]);
  // Fresh statistics first: with the empty tables' ("1 row") the planner re-aggregates the
  // whole ledger per member (a nested loop that did not finish at 10M orders).
  await q("ANALYZE members, points_ledger");
  await step("points balances", `UPDATE members m SET points_balance = x.balance FROM (SELECT member_id, greatest(0, sum(delta))::int AS balance FROM points_ledger WHERE tenant_id = $1 GROUP BY 1) x
    WHERE m.tenant_id = $1 AND m.id = x.member_id`, [T]);
  // Interactions: one per order, over six channels, some earning points.
  await step("interactions", `
    INSERT INTO interactions (tenant_id, id, customer_id, channel, type, points_earned, occurred_at)
    SELECT $1, ${seqId("e3000000", "s")}, ${cid(`1 + ${h("s * 127")} % $2`)}, ($4::text[])[1 + ${h("s * 131")} % 6], 'contact', CASE WHEN ${h("s * 137")} % 3 = 0 THEN 5 ELSE 0 END,
      date_trunc('second', now() - interval '730 days' + make_interval(secs => s::float8 * 730 * 86400 / $3))
    FROM generate_series(1, $3::int) s`, [T, C, ORDERS, ["sms", "email", "wechat", "call", "visit", "web"]]);
  // Referrals: every 20th customer was brought by another one; coupons for half the customers, 40 % used.
  await step("referrals", `
    INSERT INTO referrals (tenant_id, id, referrer_customer_id, referred_customer_id, referred_at, reward_points)
    SELECT $1, ${seqId("e4000000", "n")}, ${cid(`1 + (n * 20 + 1 + ${h("n * 139")} % ($2 - 1)) % $2`)}, ${cid("n * 20")}, date_trunc('second', now() - make_interval(days => ${h("n * 149")} % 700)), 50
    FROM generate_series(1, $2::int / 20) n`, [T, C]);
  await step("coupons", `
    INSERT INTO coupons (tenant_id, id, code, customer_id, value, issued_at, used_at)
    SELECT $1, ${seqId("e5000000", "n")}, 'CP' || lpad(n::text, 9, '0'), ${cid(`1 + ${h("n * 151")} % $2`)}, 20, at, CASE WHEN ${h("n * 157")} % 10 < 4 THEN at + interval '3 days' END
    FROM (SELECT n, date_trunc('second', now() - make_interval(days => ${h("n * 163")} % 700)) AS at FROM generate_series(1, $2::int / 2) n) x`, [T, C]);
  await q("COMMIT");
  if (superuser) await q("SET session_replication_role = origin");
  await q("ANALYZE members, tier_changes, points_ledger, interactions, referrals, coupons");
  const n = (await q(`SELECT (SELECT count(*) FROM members WHERE tenant_id = $1)::int AS members, (SELECT count(*) FROM points_ledger WHERE tenant_id = $1)::int AS points,
    (SELECT count(*) FROM interactions WHERE tenant_id = $1)::int AS interactions, (SELECT count(*) FROM tier_changes WHERE tenant_id = $1)::int AS changes`, [T])).rows[0];
  log(`loaded ${n.members.toLocaleString("en")} members, ${n.changes.toLocaleString("en")} tier changes, ${n.points.toLocaleString("en")} points entries, ${n.interactions.toLocaleString("en")} interactions, ${Math.floor(C / 20).toLocaleString("en")} referrals, ${Math.floor(C / 2).toLocaleString("en")} coupons in ${secs(Date.now() - t0)}`);
  loadedMore = true;
}
// The planted scores' scoring run, succeeded: score readers (the scores rollup among
// them) read the newest succeeded run's snapshot only. Also added to a tenant built
// before this row was planted, whose rollups are then rebuilt.
const plantedRuns = await q(`
  INSERT INTO scoring_runs (tenant_id, as_of, status, step, progress, customers, started_at, finished_at)
  SELECT $1, as_of, 'succeeded', 'done', 100, count(*)::int, now(), now() FROM customer_scores WHERE tenant_id = $1 GROUP BY as_of
  ON CONFLICT (tenant_id, as_of) DO NOTHING`, [tenantId]);
if (plantedRuns.rowCount) loadedMore = true;
if (LOAD_ONLY) {
  log("--load-only: data loaded; the next run needs --refresh to rebuild the rollups");
  await owner.end();
  process.exit(0);
}
const ownerUserId = (await q(`SELECT m.user_id FROM memberships m JOIN user_roles ur USING (tenant_id, user_id) JOIN roles r ON r.tenant_id = ur.tenant_id AND r.id = ur.role_id
  WHERE m.tenant_id = $1 AND r.system_key = 'owner' LIMIT 1`, [tenantId])).rows[0].user_id as string;

// ───────────── rollups ─────────────
const hasState = (await q("SELECT 1 FROM rollup_state WHERE tenant_id = $1", [tenantId])).rowCount;
if (!hasState || FRESH || loadedMore || process.argv.includes("--refresh")) {
  // As the rollups job does it: the "orders" step, then the "repurchase" step, each in its own transaction.
  const t0 = Date.now();
  const result = await withTenant({ tenantId }, (tx) => refreshRollups(tx, tenantId, { steps: ["orders"] }), { timeoutMs: 60 * 60_000 });
  const t1 = Date.now();
  const rep = await withTenant({ tenantId }, (tx) => refreshRollups(tx, tenantId, { steps: ["repurchase"] }), { timeoutMs: 60 * 60_000 });
  const t2 = Date.now();
  log(`rollup refresh (full): ${secs(t2 - t0)} = orders step ${secs(t1 - t0)} + repurchase step ${secs(t2 - t1)}`);
  log(`  rows ${JSON.stringify(Object.fromEntries(Object.entries({ ...result.rows, ...rep.rows }).filter(([k]) => k !== "delete")))}`);
  log(`  ms per statement: ${JSON.stringify({ ...result.timings, ...rep.timings })}`);
  if (!process.argv.includes("--no-hourly")) {
    const t3 = Date.now();
    await withTenant({ tenantId }, (tx) => refreshRollups(tx, tenantId, { recentDays: 35 }), { timeoutMs: 60 * 60_000 });
    log(`rollup refresh (hourly: last 35 days, no repurchase): ${secs(Date.now() - t3)}`);
  }
  // The refreshes replaced rows: clean up before measuring reads (autovacuum would, later).
  await q("VACUUM ANALYZE rollup_sales_daily, rollup_sales_store_daily, rollup_sales_customers, rollup_product_daily, rollup_category_daily, rollup_product_monthly, rollup_category_monthly, rollup_repurchase, rollup_customer_regions, rollup_customer_scores");
  await q("VACUUM ANALYZE rollup_member_tiers, rollup_tier_changes_daily, rollup_points_daily, rollup_member_sales, rollup_coupons_daily, rollup_interactions_daily, rollup_interaction_customers, rollup_referrals_daily, rollup_cohorts");
  await q("VACUUM ANALYZE rollup_interactions_monthly, rollup_points_monthly, rollup_coupons_monthly, rollup_tier_changes_monthly, rollup_referrals_monthly");
}
const sizes = (await q(`SELECT relname, n_live_tup::int AS n FROM pg_stat_user_tables WHERE relname LIKE 'rollup_%' ORDER BY relname`)).rows;
log(`rollup rows (all tenants): ${sizes.map((r) => `${r.relname}=${r.n}`).join(" ")}`);
await owner.end();
if (process.argv.includes("--no-dashboards")) {
  log("--no-dashboards: rollups ready, no loads measured");
  await closePools();
  process.exit(0);
}

// ───────────── dashboards ─────────────
const ctx = await loadAuthContext({ tenantId, userId: ownerUserId });
if (!ctx) throw new Error("owner context not found");
const state = await withTenant({ tenantId }, (tx) => tx.rollupState.findUnique({ where: { tenantId } }));
const last = state!.dataTo!.toISOString().slice(0, 10);
const daysBefore = (n: number) => new Date(Date.parse(`${last}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
const storeIds = await withTenant({ tenantId }, (tx) => tx.store.findMany({ where: { kind: "store" }, select: { id: true }, orderBy: { code: "asc" } }));

type Params = Record<string, string>;
const VARIANTS: [string, Params][] = [
  ["default 30 days", {}],
  ["90 days by week", { from: daysBefore(89), to: last, grain: "week" }],
  ["365 days by month", { from: daysBefore(364), to: last, grain: "month" }],
  ["30 days, province 广东", { province: "广东" }],
  ["30 days, one store", { storeId: storeIds[0]!.id }],
  ["30 days, channel tmall", { channel: "tmall" }],
];
const ALL_DASHBOARDS: [string, (p: Params) => Promise<unknown>][] = [
  ["overview", (p) => overviewDashboard(ctx, p)],
  ["sales", (p) => salesDashboard(ctx, p)],
  ["products", (p) => productsDashboard(ctx, p)],
  ["customers", (p) => customersDashboard(ctx, p)],
  ["members", (p) => membersDashboard(ctx, p)],
  ["interactions", (p) => interactionsDashboard(ctx, p)],
  ["bigScreen", (p) => bigScreenDashboard(ctx, p)],
];
const DASHBOARDS = ALL_DASHBOARDS.filter(([name]) => !ONLY || ONLY.includes(name));

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
// Warm-up: one load of each (connection pools, plans, caches).
for (const [, load] of DASHBOARDS) for (const [, p] of VARIANTS) await load(p);

const all: number[] = [];
for (const [name, load] of DASHBOARDS) {
  const times: number[] = [];
  const perVariant: string[] = [];
  for (const [label, p] of VARIANTS) {
    const vt: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      await load(p);
      vt.push(performance.now() - t0);
    }
    times.push(...vt);
    perVariant.push(`${label}: p50 ${pct(vt, 50).toFixed(1)} / p95 ${pct(vt, 95).toFixed(1)}`);
  }
  all.push(...times);
  log(`${name.padEnd(12)} p50_ms=${pct(times, 50).toFixed(1)} p95_ms=${pct(times, 95).toFixed(1)}  (${perVariant.join("; ")})`);
}
const pgVersion = await withTenant({ tenantId }, (tx) => tx.$queryRaw<{ v: string }[]>`SELECT current_setting('server_version') AS v`);
log(`machine: ${os.cpus().length} cpus (${os.cpus()[0]?.model}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, PostgreSQL ${pgVersion[0]!.v}; ${RUNS} runs × ${VARIANTS.length} filter sets per dashboard`);
await closePools();
console.log(`dashboard orders=${ORDERS} p50_ms=${pct(all, 50).toFixed(1)} p95_ms=${pct(all, 95).toFixed(1)}`);
