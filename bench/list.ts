// Benchmark: the customer list on a tenant with a million customers, through the
// page's own code path (parseListRequest → listCustomers with a real AuthContext
// from loadAuthContext, as crm_app with row-level security on). Not a test.
//
//   npm run bench:list                    # builds (or reuses) the tenant, runs 20 queries
//   BENCH_CUSTOMERS=200000 npm run bench:list
//   BENCH_RUNS=20 npm run bench:list      # measured runs per query (default 10)
//   BENCH_REBUILD=1 npm run bench:list    # drop the bench tenant and load it again
//   BENCH_RESET=1 npm run bench:list      # drop the whole bench database first (after a migration was rewritten)
//
// The data lives in its own database (crm_bench next to DATABASE_URL's, or
// BENCH_DATABASE_URL), migrated with the project's migrator. The tenant is keyed
// by a fixed slug ("bench-list-1m") and marked ready only once fully loaded, so a
// second run reuses it and an interrupted load is thrown away and redone.
//
// Loading is set-based (INSERT … SELECT generate_series), on the database owner's
// connection: this is a tool that builds a fixture, like the migrator, not app
// code; the queries it measures run on the app's RLS-bound path.
//
// The last line is the summary, exactly:
//   list customers=N p50_ms=X p95_ms=Y
import "dotenv/config";
import os from "node:os";
import { randomUUID } from "node:crypto";
import pg from "pg";

const N = Number(process.env.BENCH_CUSTOMERS ?? 1_000_000);
const RUNS = Math.max(3, Number(process.env.BENCH_RUNS ?? 10));
const DEEP_PAGES = 50;
const DEEP_REPEATS = 2;
const WARMUP_PASSES = 3;
const SLUG = N === 1_000_000 ? "bench-list-1m" : `bench-list-${N}`;
const READY_NAME = `Bench list ${N.toLocaleString("en")}`;
const BUILDING_NAME = `${READY_NAME} (loading)`;
const CHUNK = 100_000;

function benchDatabaseUrl(): string {
  if (process.env.BENCH_DATABASE_URL) return process.env.BENCH_DATABASE_URL;
  const url = new URL(process.env.DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/crm");
  url.pathname = "/crm_bench";
  return url.toString();
}

// Everything below (migrator, pools, the app's code) reads the database from here.
const BENCH_URL = benchDatabaseUrl();
process.env.DATABASE_URL = BENCH_URL;
delete process.env.APP_DATABASE_URL;
delete process.env.PLATFORM_DATABASE_URL;

const { migrate } = await import("@/lib/db/migrator");
const { unsafeProvisionTenant } = await import("@/lib/tenants/provision");
const { loadAuthContext } = await import("@/lib/auth/context");
const { listCustomers } = await import("@/lib/customers/queries");
const { parseListRequest } = await import("@/lib/customers/filters");
const { closePools } = await import("@/lib/db/pools");

type AuthContext = NonNullable<Awaited<ReturnType<typeof loadAuthContext>>>;
type Params = Record<string, string>;

// ───────────── the organisation: 6 regions, 50 stores, 200 sales users ─────────────

const REGIONS: { name: string; cities: [string, string][] }[] = [
  { name: "华东大区", cities: [["上海", "上海"], ["江苏", "南京"], ["江苏", "苏州"], ["浙江", "杭州"], ["浙江", "宁波"], ["山东", "济南"], ["山东", "青岛"], ["安徽", "合肥"], ["福建", "福州"], ["福建", "厦门"]] },
  { name: "华南大区", cities: [["广东", "广州"], ["广东", "深圳"], ["广东", "东莞"], ["广东", "佛山"], ["广西", "南宁"], ["海南", "海口"]] },
  { name: "华北大区", cities: [["北京", "北京"], ["天津", "天津"], ["河北", "石家庄"], ["山西", "太原"], ["内蒙古", "呼和浩特"]] },
  { name: "华中大区", cities: [["湖北", "武汉"], ["湖南", "长沙"], ["河南", "郑州"], ["江西", "南昌"]] },
  { name: "西南大区", cities: [["四川", "成都"], ["重庆", "重庆"], ["云南", "昆明"], ["贵州", "贵阳"]] },
  { name: "西北大区", cities: [["陕西", "西安"], ["甘肃", "兰州"], ["新疆", "乌鲁木齐"]] },
];
const MALLS = ["万达", "万象城", "银泰", "大悦城", "天街"];
const STORES = 50;
const SALES_PER_STORE = 4;

// Common surnames first (the generator skews toward the head of the list), then given-name characters.
const SURNAMES = [..."王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"];
const GIVEN = [..."伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红娥玲芬燕彬斌宇浩凯鹏俊帆雪琳晨欣怡子涵梓轩一诺雨萱思远佳琪文博宏志建国海燕晓东春梅丹阳婷婷"];
const PHONE_PREFIXES = ["130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "155", "156", "157", "158", "159", "166", "170", "176", "177", "180", "181", "182", "183", "185", "186", "187", "188", "189", "198", "199"];
const EMAIL_DOMAINS = ["qq.com", "163.com", "126.com", "sina.com", "gmail.com", "outlook.com", "foxmail.com", "139.com"];
// Weighted by repetition: most customers come from stores and the big marketplaces.
const CHANNELS = ["store", "store", "store", "store", "store", "tmall", "tmall", "tmall", "jd", "jd", "wechat", "wechat", "douyin", "web", "referral", "other"];
const OCCUPATIONS = ["学生", "教师", "工程师", "医生", "公务员", "销售", "设计师", "程序员", "会计", "自由职业", "企业主", "退休"];
const INTERESTS = ["摄影", "游戏", "运动", "旅行", "音乐", "阅读", "美食", "科技", "时尚", "亲子", "健身", "影视"];
const TAGS = [
  "高价值", "换机意向", "老客户", "学生", "以旧换新", "5G用户", "苹果粉", "华为粉", "小米粉", "配件控", "游戏玩家", "摄影爱好者",
  "商务人士", "宝妈", "银发族", "价格敏感", "会员日活跃", "直播间粉丝", "团购客户", "企业客户", "投诉过", "流失预警", "生日月",
  "新客", "复购", "分期用户", "合约机用户", "宽带用户", "积分达人", "门店常客",
];

const log = (line: string) => console.log(line);
const secs = (t0: number) => `${((performance.now() - t0) / 1000).toFixed(1)} s`;

async function findReadyTenant(db: pg.Client): Promise<string | null> {
  const { rows } = await db.query<{ id: string; name: string }>("SELECT id::text, name FROM tenants WHERE slug = $1", [SLUG]);
  const t = rows[0];
  if (!t) return null;
  if (t.name === READY_NAME && !process.env.BENCH_REBUILD) return t.id;
  log(`dropping ${t.name === READY_NAME ? "the bench tenant (BENCH_REBUILD)" : "an unfinished load"} of ${SLUG} …`);
  const t0 = performance.now();
  await db.query("DELETE FROM tenants WHERE id = $1", [t.id]);
  log(`  dropped in ${secs(t0)}`);
  return null;
}

async function buildTenant(db: pg.Client): Promise<string> {
  const tStart = performance.now();
  const p = await unsafeProvisionTenant({
    name: BUILDING_NAME, slug: SLUG, locale: "zh-CN",
    owner: { email: `owner-${randomUUID().slice(0, 8)}@${SLUG}.bench`, name: "基准测试管理员", password: `Bench-${randomUUID()}` },
  });
  const tenantId = p.tenantId;
  log(`tenant ${SLUG} provisioned; loading the organisation …`);

  // Regions under the head office, stores under the regions (a department and a store row each).
  const regionIds = REGIONS.map(() => randomUUID());
  await db.query(
    `INSERT INTO departments (tenant_id, id, parent_id, name, kind)
     SELECT $1::uuid, r.id, $2::uuid, r.name, 'region' FROM unnest($3::uuid[], $4::text[]) AS r(id, name)`,
    [tenantId, p.headOfficeId, regionIds, REGIONS.map((r) => r.name)],
  );
  const cities = REGIONS.flatMap((r, ri) => r.cities.map(([province, city]) => ({ province, city, ri })));
  const stores = Array.from({ length: STORES }, (_, i) => {
    const c = cities[i % cities.length]!;
    return { id: randomUUID(), departmentId: randomUUID(), code: `S${String(i + 1).padStart(3, "0")}`, name: `${c.city}${MALLS[Math.floor(i / cities.length) % MALLS.length]}店`, ...c };
  });
  await db.query(
    `INSERT INTO departments (tenant_id, id, parent_id, name, kind)
     SELECT $1::uuid, s.id, s.parent, s.name, 'store' FROM unnest($2::uuid[], $3::uuid[], $4::text[]) AS s(id, parent, name)`,
    [tenantId, stores.map((s) => s.departmentId), stores.map((s) => regionIds[s.ri]), stores.map((s) => s.name)],
  );
  await db.query(
    `INSERT INTO stores (tenant_id, id, code, name, department_id, province, city)
     SELECT $1::uuid, s.id, s.code, s.name, s.dep, s.province, s.city
     FROM unnest($2::uuid[], $3::text[], $4::text[], $5::uuid[], $6::text[], $7::text[]) AS s(id, code, name, dep, province, city)`,
    [tenantId, stores.map((s) => s.id), stores.map((s) => s.code), stores.map((s) => s.name), stores.map((s) => s.departmentId),
      stores.map((s) => s.province), stores.map((s) => s.city)],
  );

  // Sales users (4 per store, "own" scope) and one manager per region ("department_tree").
  const people = [
    ...stores.flatMap((s, si) => Array.from({ length: SALES_PER_STORE }, (_, k) => ({
      email: `sales-${si * SALES_PER_STORE + k + 1}@${SLUG}.bench`, departmentId: s.departmentId, role: p.roleIds.sales_staff,
      name: `${SURNAMES[(si * 7 + k) % SURNAMES.length]}${GIVEN[(si * 3 + k * 5) % GIVEN.length]}`,
    }))),
    ...REGIONS.map((r, ri) => ({ email: `manager-${ri + 1}@${SLUG}.bench`, departmentId: regionIds[ri]!, role: p.roleIds.manager, name: `${r.name}经理` })),
  ];
  const { rows: users } = await db.query<{ id: string; email: string }>(
    `INSERT INTO users (email, password_hash, name)
     SELECT e, 'bench-account-without-password', n FROM unnest($1::text[], $2::text[]) AS u(e, n)
     ON CONFLICT (email) DO UPDATE SET name = EXCLUDED.name RETURNING id::text, email`,
    [people.map((x) => x.email), people.map((x) => x.name)],
  );
  const userId = new Map(users.map((u) => [u.email, u.id]));
  await db.query(
    `INSERT INTO memberships (tenant_id, user_id, department_id, status)
     SELECT $1::uuid, u, d, 'active' FROM unnest($2::uuid[], $3::uuid[]) AS m(u, d)`,
    [tenantId, people.map((x) => userId.get(x.email)), people.map((x) => x.departmentId)],
  );
  await db.query(
    `INSERT INTO user_roles (tenant_id, user_id, role_id) SELECT $1::uuid, u, r FROM unnest($2::uuid[], $3::uuid[]) AS m(u, r)`,
    [tenantId, people.map((x) => userId.get(x.email)), people.map((x) => x.role)],
  );
  // owners[s * 4 + k] is the k-th sales user of store s.
  const owners = people.slice(0, STORES * SALES_PER_STORE).map((x) => userId.get(x.email)!);

  // Customers, in chunks: names, E.164 phones (unique: the 8-digit tail is a bijection of g),
  // a home store (skewed: big stores have more), its region's province and city, an owner
  // among that store's sales users, created over two years, 72% with a last order since.
  const allCities = cities.map((c) => c.city);
  const allProvinces = cities.map((c) => c.province);
  let t0 = performance.now();
  for (let lo = 1; lo <= N; lo += CHUNK) {
    const hi = Math.min(N, lo + CHUNK - 1);
    await db.query(
      `WITH r AS (
         SELECT g, random() r1, random() r2, random() r3, random() r4, random() r5, random() r6, random() r7, random() r8,
                random() r9, random() r10, random() r11, random() r12, random() r13, random() r14, random() r15,
                random() r16, random() r17, random() r18, random() r19, random() r20
         FROM generate_series($2::int, $3::int) g
       ), x AS (
         SELECT g, r1, r2, r3, r4, r5, r6, r7, r8, r9, r11, r12, r13, r15, r16, r17, r18, r19, r20,
                floor(power(r14, 1.3) * ${STORES})::int AS s,
                now() - r10 * interval '730 days' AS created
         FROM r
       ), y AS (
         SELECT x.*, CASE WHEN r11 < 0.72 THEN created + (now() - created) * r12 END AS last_order FROM x
       )
       INSERT INTO customers (tenant_id, external_id, name, gender, birthday, phone, email, province, city, occupation,
         interests, source_channel, owner_user_id, home_store_id, department_id, first_order_at, last_order_at, created_at, updated_at)
       SELECT $1::uuid,
         'C' || lpad(g::text, 8, '0'),
         ($4::text[])[1 + floor(power(r1, 2.2) * cardinality($4::text[]))::int]
           || ($5::text[])[1 + floor(r2 * cardinality($5::text[]))::int]
           || CASE WHEN r3 < 0.7 THEN ($5::text[])[1 + floor(r4 * cardinality($5::text[]))::int] ELSE '' END,
         CASE WHEN r8 < 0.48 THEN 'M' WHEN r8 < 0.96 THEN 'F' ELSE 'U' END,
         date '1960-01-01' + floor(r9 * 16000)::int,
         '+86' || ($6::text[])[1 + floor(r5 * cardinality($6::text[]))::int] || lpad(((g::bigint * 7919 + 1234567) % 100000000)::text, 8, '0'),
         CASE WHEN r6 < 0.4 THEN 'u' || g || '@' || ($7::text[])[1 + floor(r7 * cardinality($7::text[]))::int] END,
         CASE WHEN r15 < 0.9 THEN ($10::text[])[s + 1] ELSE ($14::text[])[1 + floor(r16 * cardinality($14::text[]))::int] END,
         CASE WHEN r15 < 0.9 THEN ($11::text[])[s + 1] ELSE ($13::text[])[1 + floor(r16 * cardinality($13::text[]))::int] END,
         CASE WHEN r17 < 0.7 THEN ($15::text[])[1 + floor(r17 / 0.7 * cardinality($15::text[]))::int] END,
         CASE WHEN r18 < 0.4 THEN ARRAY[($16::text[])[1 + floor(r18 / 0.4 * cardinality($16::text[]))::int]]
              WHEN r18 < 0.6 THEN ARRAY[($16::text[])[1 + (g % 6)], ($16::text[])[7 + (g % 6)]] ELSE '{}' END,
         ($8::text[])[1 + floor(r19 * cardinality($8::text[]))::int],
         CASE WHEN r20 < 0.96 THEN ($12::uuid[])[s * ${SALES_PER_STORE} + 1 + (g % ${SALES_PER_STORE})] END,
         ($9::uuid[])[s + 1],
         ($17::uuid[])[s + 1],
         CASE WHEN last_order IS NOT NULL THEN created + (last_order - created) * r13 END,
         last_order, created, created
       FROM y`,
      [
        tenantId, lo, hi, SURNAMES, GIVEN, PHONE_PREFIXES, EMAIL_DOMAINS, CHANNELS,
        stores.map((s) => s.id), stores.map((s) => s.province), stores.map((s) => s.city), owners,
        allCities, allProvinces, OCCUPATIONS, INTERESTS, stores.map((s) => s.departmentId),
      ],
    );
    process.stdout.write(`\r  customers ${hi.toLocaleString("en")} / ${N.toLocaleString("en")} (${secs(t0)})`);
  }
  process.stdout.write("\n");

  t0 = performance.now();
  const { rows: tags } = await db.query<{ id: string }>(
    `INSERT INTO tags (tenant_id, name, kind) SELECT $1::uuid, n, 'manual' FROM unnest($2::text[]) n RETURNING id::text`,
    [tenantId, TAGS],
  );
  // Zero to three tags a customer (about 0.95 per customer), skewed toward the first tags.
  for (const share of [0.5, 0.3, 0.15]) {
    await db.query(
      `INSERT INTO customer_tags (tenant_id, customer_id, tag_id)
       SELECT c.tenant_id, c.id, ($2::uuid[])[1 + floor(power(random(), 1.5) * cardinality($2::uuid[]))::int]
       FROM customers c WHERE c.tenant_id = $1::uuid AND random() < $3
       ORDER BY c.id
       ON CONFLICT DO NOTHING`,
      [tenantId, tags.map((t) => t.id), share],
    );
  }
  log(`  tags loaded in ${secs(t0)}`);
  t0 = performance.now();
  // Channel ids: a WeChat openid for half of them, a store member number for a third.
  await db.query(
    `INSERT INTO customer_identities (tenant_id, customer_id, channel, external_id, created_at)
     SELECT c.tenant_id, c.id, 'wechat', 'oWx' || substr(md5(c.id::text), 1, 25), c.created_at
     FROM customers c WHERE c.tenant_id = $1::uuid AND random() < 0.5`,
    [tenantId],
  );
  await db.query(
    `INSERT INTO customer_identities (tenant_id, customer_id, channel, external_id, created_at)
     SELECT c.tenant_id, c.id, 'store', 'VIP' || substr(c.external_id, 2), c.created_at
     FROM customers c WHERE c.tenant_id = $1::uuid AND random() < 0.33`,
    [tenantId],
  );
  log(`  channel ids loaded in ${secs(t0)}`);
  t0 = performance.now();
  // What autovacuum does to a table after a bulk load: statistics for the planner,
  // and the visibility map that lets index-only scans skip the heap.
  await db.query("VACUUM (ANALYZE) customers, customer_tags, customer_identities");
  await db.query("ANALYZE");
  log(`  vacuumed and analyzed in ${secs(t0)}`);
  await db.query("UPDATE tenants SET name = $2 WHERE id = $1", [tenantId, READY_NAME]);
  log(`tenant loaded in ${secs(tStart)}`);
  return tenantId;
}

// ───────────── the queries ─────────────

type Query = { name: string; who: "admin" | "sales" | "manager"; params: Params; deep?: boolean };

const spaced = (e164: string) => `+86 ${e164.slice(3, 6)} ${e164.slice(6, 10)} ${e164.slice(10)}`;
const dashed = (e164: string) => `${e164.slice(3, 6)}-${e164.slice(6, 10)}-${e164.slice(10)}`;

async function sampleValues(db: pg.Client, tenantId: string) {
  const one = async <T>(sql: string, params: unknown[] = []): Promise<T> => {
    const { rows } = await db.query(sql, [tenantId, ...params]);
    if (!rows[0]) throw new Error(`bench: no sample for ${sql}`);
    return rows[0] as T;
  };
  const someone = await one<{ phone: string }>("SELECT phone FROM customers WHERE tenant_id = $1 AND external_id = 'C' || lpad($2::text, 8, '0')", [Math.ceil(N * 0.42)]);
  const tail = await one<{ phone: string }>("SELECT phone FROM customers WHERE tenant_id = $1 AND external_id = 'C' || lpad($2::text, 8, '0')", [Math.ceil(N * 0.77)]);
  const email = await one<{ email: string }>("SELECT email FROM customers WHERE tenant_id = $1 AND external_id >= 'C' || lpad($2::text, 8, '0') AND email IS NOT NULL ORDER BY external_id LIMIT 1", [Math.ceil(N * 0.31)]);
  const openid = await one<{ external_id: string }>("SELECT external_id FROM customer_identities WHERE tenant_id = $1 AND channel = 'wechat' ORDER BY created_at DESC LIMIT 1");
  const store = await one<{ id: string }>("SELECT id::text FROM stores WHERE tenant_id = $1 AND code = 'S010'");
  const tag = await one<{ id: string }>("SELECT id::text FROM tags WHERE tenant_id = $1 AND name = '以旧换新'");
  const sales = await one<{ user_id: string }>(`SELECT m.user_id::text FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.tenant_id = $1 AND u.email = 'sales-37@${SLUG}.bench'`);
  const salesPhone = await one<{ phone: string }>("SELECT phone FROM customers WHERE tenant_id = $1 AND owner_user_id = $2::uuid AND deleted_at IS NULL ORDER BY created_at DESC LIMIT 1 OFFSET 40", [sales.user_id]);
  const manager = await one<{ user_id: string }>(`SELECT m.user_id::text FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.tenant_id = $1 AND u.email = 'manager-1@${SLUG}.bench'`);
  // A sales user of the manager's region (华东: the first stores).
  const regionSales = await one<{ user_id: string }>(`SELECT m.user_id::text FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.tenant_id = $1 AND u.email = 'sales-6@${SLUG}.bench'`);
  const { rows: [owner] } = await db.query<{ user_id: string }>("SELECT owner_user_id::text AS user_id FROM customers WHERE tenant_id = $1 AND owner_user_id IS NOT NULL LIMIT 1", [tenantId]);
  return { someone, tail, email, openid, store, tag, sales, salesPhone, manager, regionSales, owner: owner! };
}

function queries(v: Awaited<ReturnType<typeof sampleValues>>): Query[] {
  const today = new Date();
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  const daysAgo = (n: number) => iso(new Date(today.getTime() - n * 86_400_000));
  return [
    { name: "phone typed '+86 1xx xxxx xxxx'", who: "admin", params: { q: spaced(v.someone.phone) } },
    { name: "phone last 4 digits", who: "admin", params: { q: v.tail.phone.slice(-4) } },
    { name: "name prefix, 1 char (王)", who: "admin", params: { q: "王" } },
    { name: "name prefix, 2 chars (张伟)", who: "admin", params: { q: "张伟" } },
    { name: "e-mail", who: "admin", params: { q: v.email.email } },
    { name: "channel id (WeChat openid)", who: "admin", params: { q: v.openid.external_id } },
    { name: "filter city (杭州)", who: "admin", params: { city: "杭州" } },
    { name: "filter home store", who: "admin", params: { storeId: v.store.id } },
    { name: "filter tag", who: "admin", params: { tagId: v.tag.id } },
    { name: "filter created, one month", who: "admin", params: { createdFrom: daysAgo(400), createdTo: daysAgo(370) } },
    { name: "filter last order, one month, by last order", who: "admin", params: { lastOrderFrom: daysAgo(60), lastOrderTo: daysAgo(30), sort: "last_order_desc" } },
    { name: "sort oldest first", who: "admin", params: { sort: "created_asc" } },
    { name: "sort longest without an order", who: "admin", params: { sort: "last_order_asc" } },
    { name: "sort name Z→A", who: "admin", params: { sort: "name_desc" } },
    { name: "50 pages deep, newest first", who: "admin", params: {}, deep: true },
    { name: "50 pages deep, name A→Z, province 广东", who: "admin", params: { sort: "name_asc", province: "广东" }, deep: true },
    { name: "sales (own): my customers", who: "sales", params: {} },
    { name: "sales (own): phone typed 1xx-xxxx-xxxx", who: "sales", params: { q: dashed(v.salesPhone.phone) } },
    { name: "region manager (tree): newest first", who: "manager", params: {} },
    { name: "region manager (tree): one owner, by last order", who: "manager", params: { ownerUserId: v.regionSales.user_id, sort: "last_order_desc" } },
  ];
}

type Timed = { ms: number; rows: number; count: string; next: string | null };

async function timedList(ctx: AuthContext, params: Params): Promise<Timed> {
  const t0 = performance.now();
  const page = await listCustomers(ctx, parseListRequest(params).request);
  const ms = performance.now() - t0;
  const c = page.count;
  // "~N": the planner's estimate (no counting probe ran); ">N": counted up to the cap.
  const count = c.exact ? String(c.value) : c.estimate !== undefined ? `~${c.estimate}` : `>${c.atLeast}`;
  return { ms, rows: page.rows.length, count, next: page.nextCursor };
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

async function dropBenchDatabase(): Promise<void> {
  const url = new URL(BENCH_URL);
  const name = decodeURIComponent(url.pathname.slice(1));
  url.pathname = "/postgres";
  const admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  try {
    log(`BENCH_RESET: dropping database ${name} …`);
    await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

async function run(): Promise<void> {
  const admin = new URL(BENCH_URL);
  log(`node ${process.version}; ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "?"}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM`);
  if (process.env.BENCH_RESET) await dropBenchDatabase();
  log(`database ${admin.pathname.slice(1)} on ${admin.host}; migrating …`);
  let migrated;
  try {
    migrated = await migrate({ url: BENCH_URL, log: (l) => log(`  ${l}`) });
  } catch (err) {
    // A migration still being written was applied here in an older version: the
    // fixture cannot be migrated forward, only rebuilt.
    if (/edited after it was applied/.test(String((err as Error).message))) {
      log(`${(err as Error).message}\nThe bench database is a disposable fixture: run again with BENCH_RESET=1 to drop and rebuild it.`);
      process.exit(2);
    }
    throw err;
  }
  log(`  ${migrated.applied.length} applied, ${migrated.alreadyApplied.length} already applied`);

  const db = new pg.Client({ connectionString: BENCH_URL });
  await db.connect();
  try {
    const { rows: [ver] } = await db.query<{ v: string }>("SELECT current_setting('server_version') AS v");
    log(`PostgreSQL ${ver!.v}`);
    const tenantId = (await findReadyTenant(db)) ?? (await buildTenant(db));
    const { rows: [cnt] } = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM customers WHERE tenant_id = $1 AND deleted_at IS NULL", [tenantId]);
    const customers = cnt!.n;
    log(`tenant ${SLUG}: ${customers.toLocaleString("en")} live customers`);

    const v = await sampleValues(db, tenantId);
    const { rows: [ownerRow] } = await db.query<{ user_id: string }>(
      "SELECT ur.user_id::text FROM user_roles ur JOIN roles r ON r.tenant_id = ur.tenant_id AND r.id = ur.role_id WHERE ur.tenant_id = $1 AND r.system_key = 'owner' LIMIT 1",
      [tenantId],
    );
    const ctxs = {
      admin: (await loadAuthContext({ tenantId, userId: ownerRow!.user_id }))!,
      sales: (await loadAuthContext({ tenantId, userId: v.sales.user_id }))!,
      manager: (await loadAuthContext({ tenantId, userId: v.manager.user_id }))!,
    };
    for (const [k, c] of Object.entries(ctxs)) if (!c) throw new Error(`bench: no context for ${k}`);

    const qs = queries(v);
    // A fresh process compiles each query shape (Node's JIT, Prisma's query
    // compiler) on its first calls: warm every shape up before measuring, as a
    // running web server would be.
    for (let pass = 0; pass < WARMUP_PASSES; pass++) {
      for (const q of qs) await timedList(ctxs[q.who], q.params);
    }
    const all: number[] = [];
    const table: string[][] = [];
    log(`running ${qs.length} queries, ${RUNS} measured runs each after ${WARMUP_PASSES} warm-up passes (deep pages: ${DEEP_PAGES} pages × ${DEEP_REPEATS}) …`);
    for (const [i, q] of qs.entries()) {
      const ctx = ctxs[q.who];
      const samples: number[] = [];
      let first: Timed | null = null;
      if (q.deep) {
        for (let rep = 0; rep <= DEEP_REPEATS; rep++) {
          let params: Params = { ...q.params };
          for (let pageNo = 0; pageNo < DEEP_PAGES; pageNo++) {
            const t = await timedList(ctx, params);
            first ??= t;
            if (rep > 0) samples.push(t.ms); // the first walk warms up
            if (!t.next) break;
            params = { ...q.params, after: t.next };
          }
        }
      } else {
        first = await timedList(ctx, q.params); // warm-up
        for (let r = 0; r < RUNS; r++) samples.push((await timedList(ctx, q.params)).ms);
      }
      samples.sort((x, y) => x - y);
      all.push(...samples);
      table.push([
        String(i + 1), q.name, q.who, String(samples.length), String(first!.rows), first!.count,
        percentile(samples, 0.5).toFixed(1), percentile(samples, 0.95).toFixed(1), samples[samples.length - 1]!.toFixed(1),
      ]);
    }
    const head = ["#", "query", "as", "runs", "rows", "count", "p50_ms", "p95_ms", "max_ms"];
    const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1), 0);
    const widths = head.map((h, c) => Math.max(width(h), ...table.map((r) => width(r[c]!))));
    const pad = (s: string, c: number) => (c === 1 || c === 2 ? s + " ".repeat(widths[c]! - width(s)) : " ".repeat(widths[c]! - width(s)) + s);
    log("");
    log(head.map(pad).join("  "));
    log(widths.map((w) => "-".repeat(w)).join("  "));
    for (const r of table) log(r.map(pad).join("  "));
    all.sort((x, y) => x - y);
    log("");
    log(`list customers=${customers} p50_ms=${percentile(all, 0.5).toFixed(1)} p95_ms=${percentile(all, 0.95).toFixed(1)}`);
  } finally {
    await db.end();
    await closePools();
  }
}

await run();
