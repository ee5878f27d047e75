// Benchmark: importing a customers CSV through the real job path, and the floor of
// getting the same bytes into Postgres at all. Not a test.
//
//   npx tsx bench/import.ts --rows 1000000      (npm run bench:import -- --rows N, once wired)
//
// 1. Generates a customers CSV of N rows as Chinese Excel users export it (UTF-8 with
//    BOM, CRLF, Chinese headers): phones with +86, spaces and dashes, e-mails in mixed
//    case, dates as 2024/1/2, 2024-01-02 13:05, 2024年1月2日 and Excel serials, short
//    and full province names, addresses to split, tags; about 1 % bad rows (a phone
//    one digit short, 30 February) and 0.5 % rows repeating an earlier external id.
// 2. Uploads it with the upload route's own code (lib/imports/upload.ts: streamed into
//    the file store in chunks), saves the suggested mapping and queues the run
//    (lib/imports/requests.ts saveMappingAndRun: no separate check), and times the
//    real worker process (`workers/main.ts`, spawned) from queued to succeeded:
//    streaming parse → clean → in-file dedupe → COPY into staging → set-based upsert
//    into customers. Peak memory is the worker process's VmHWM.
// 3. Generates an order-line file of N rows (one row per order line, as Tmall/JD export
//    it: order number, times in mixed forms, buyer nick, receiver phone linking ~70 % of
//    orders to the customers just imported, SKU, quantity, ¥ amounts with thousands
//    separators) and imports it the same way: customers, products, orders and items in
//    one pass. Its figures are printed on their own line.
// 4. COPYs the customer file into an unlogged, unindexed table of text columns: the floor.
// 5. The customers table's own ceiling: the rows the customers import created, already
//    cleaned, COPYed straight into `customers` for a second tenant (all its indexes,
//    keys, checks and generated columns; in a transaction rolled back). No import that
//    writes those rows into that table can be faster, whatever it does before the write.
//    Then the same rows into a scratch copy of the table with fewer of its indexes
//    (bench/customers-index-sets.ts): what each group of indexes costs.
//
// Its own database (crm_bench_import next to DATABASE_URL's, re-created each run).
// The last line is exactly:
//   import rows=N seconds=S rows_per_s=R copy_rows_per_s=C ratio=R/C
import "dotenv/config";
import { execFileSync, spawn } from "node:child_process";
import { createReadStream, createWriteStream, mkdirSync, readFileSync, statSync } from "node:fs";
import { once } from "node:events";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { randomUUID } from "node:crypto";
import os from "node:os";
import pg from "pg";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";
import { indexSetCeilings } from "./customers-index-sets";

const argRows = process.argv.indexOf("--rows");
const N = Number(argRows > 0 ? process.argv[argRows + 1] : process.env.BENCH_ROWS ?? 1_000_000);
const PIPELINE_LIMIT = 115_000; // STACK.md: papaparse → validate → COPY, ~111–126k rows/s here

function benchDatabaseUrl(): string {
  if (process.env.BENCH_DATABASE_URL) return process.env.BENCH_DATABASE_URL;
  const url = new URL(process.env.DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/crm");
  url.pathname = "/crm_bench_import";
  return url.toString();
}
const BENCH_URL = benchDatabaseUrl();
process.env.DATABASE_URL = BENCH_URL;
process.env.QUEUE_PREFIX = `{crmbench-${randomUUID().slice(0, 8)}}`;
delete process.env.APP_DATABASE_URL;
delete process.env.PLATFORM_DATABASE_URL;

const { recreateDatabase } = await import("@/tests/support/fresh-database");
const { unsafeProvisionTenant } = await import("@/lib/tenants/provision");
const { loadAuthContext } = await import("@/lib/auth/context");
const { receiveUpload } = await import("@/lib/imports/upload");
const { saveMappingAndRun } = await import("@/lib/imports/requests");
const { withTenant } = await import("@/lib/db/tenant");
const { closePools } = await import("@/lib/db/pools");
const { closeQueues } = await import("@/lib/jobs/queues");

// ───────────── the file ─────────────

let seed = 20241125;
const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤".split("");
const GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍红鹏辉建华飞鑫波宁浩宇欣怡子涵梓轩雨桐佳琪思远晨阳".split("");
const PLACES = [
  ["广东", "广东省", "深圳", "深圳市", "南山区"], ["广东", "广东省", "广州", "广州市", "天河区"], ["浙江", "浙江省", "杭州", "杭州市", "西湖区"],
  ["江苏", "江苏省", "南京", "南京市", "鼓楼区"], ["北京", "北京市", "北京", "北京市", "朝阳区"], ["上海", "上海市", "上海", "上海市", "浦东新区"],
  ["四川", "四川省", "成都", "成都市", "武侯区"], ["湖北", "湖北省", "武汉", "武汉市", "洪山区"], ["山东", "山东省", "济南", "济南市", "历下区"],
  ["福建", "福建省", "厦门", "厦门市", "思明区"], ["河南", "河南省", "郑州", "郑州市", "金水区"], ["陕西", "陕西省", "西安", "西安市", "雁塔区"],
] as const;
const TAGS = ["VIP", "老客户", "高意向", "价格敏感", "数码控", "", "", ""];
const pad = (n: number, w = 2) => String(n).padStart(w, "0");

function phoneText(i: number): string {
  const digits = `1${pick(["3", "5", "8"])}${pad(i % 1_000_000_000, 9)}`;
  switch (Math.floor(rand() * 5)) {
    case 0: return `+86 ${digits.slice(0, 3)} ${digits.slice(3, 7)} ${digits.slice(7)}`;
    case 1: return `${digits.slice(0, 3)}-${digits.slice(3, 7)}-${digits.slice(7)}`;
    case 2: return `0086${digits}`;
    default: return digits;
  }
}

function dateText(y: number, m: number, d: number, withTime: boolean): string {
  const hh = pad(Math.floor(rand() * 24));
  const mm = pad(Math.floor(rand() * 60));
  switch (Math.floor(rand() * 4)) {
    case 0: return `${y}/${m}/${d}${withTime ? ` ${hh}:${mm}` : ""}`;
    case 1: return `${y}-${pad(m)}-${pad(d)}${withTime ? ` ${hh}:${mm}` : ""}`;
    case 2: return `${y}年${m}月${d}日`;
    default: return String(Math.floor((Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000));
  }
}

const money = (yuan: number) => {
  const v = yuan.toFixed(2);
  return rand() < 0.3 ? `¥${Number(v).toLocaleString("en", { minimumFractionDigits: 2 })}` : v;
};

/** One row per order line; orders of 1–4 lines; SKUs from a catalog of 2,000. */
async function writeOrderLines(path: string): Promise<{ orders: number }> {
  const out = createWriteStream(path);
  out.write("\uFEFF订单编号,下单时间,付款时间,订单状态,渠道,买家会员名,收货人姓名,收货人手机,收货地址,商品编码,商品名称,品类,数量,单价,订单金额\r\n");
  let buf = "";
  let orders = 0;
  let i = 0;
  while (i < N) {
    orders++;
    const lines = Math.min(N - i, 1 + Math.floor(rand() * 4));
    const customer = 1 + Math.floor(rand() * N);
    const linked = rand() < 0.7;
    const phone = linked ? phoneText(customer) : phoneText(N + orders);
    const buyer = linked ? `tb_c${customer}` : `tb_n${orders}`;
    const name = pick(SURNAMES) + pick(GIVEN);
    const place = pick(PLACES);
    const y = 2023 + Math.floor(rand() * 2);
    const m = 1 + Math.floor(rand() * 12);
    const d = 1 + Math.floor(rand() * 28);
    const items = Array.from({ length: lines }, () => {
      const sku = 1 + Math.floor(rand() * 2000);
      return { sku, qty: 1 + Math.floor(rand() * 3), price: 20 + (sku % 97) * 31 };
    });
    const total = items.reduce((t, x) => t + x.qty * x.price, 0);
    const status = pick(["已付款", "已发货", "交易成功", "交易成功", "交易成功"]);
    for (const it of items) {
      buf += [
        `T${pad(orders, 9)}`, dateText(y, m, d, true), dateText(y, m, d, true), status, pick(["天猫", "京东", "微信小程序"]), buyer, name, phone,
        `${place[1]}${place[3]}${place[4]}${pick(["科技园", "人民路", "建设大道"])}${1 + Math.floor(rand() * 200)}号`,
        `SKU-${pad(it.sku, 5)}`, `商品${it.sku}`, pick(["手机", "耳机", "配件", "平板", "穿戴"]), String(it.qty), money(it.price), money(total),
      ].map(csvCell).join(",") + "\r\n";
      i++;
    }
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, "drain");
      buf = "";
    }
  }
  out.write(buf);
  out.end();
  await once(out, "finish");
  return { orders };
}

const csvCell = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

async function writeCsv(path: string): Promise<{ bad: number; dup: number }> {
  const out = createWriteStream(path);
  out.write("\uFEFF客户编号,姓名,性别,手机号,邮箱,省份,城市,生日,注册时间,地址,标签\r\n");
  let buf = "";
  let bad = 0;
  let dup = 0;
  for (let i = 1; i <= N; i++) {
    const place = pick(PLACES);
    const isBad = rand() < 0.01;
    const isDup = !isBad && i > 10 && rand() < 0.005;
    if (isBad) bad++;
    if (isDup) dup++;
    const ext = isDup ? `C${pad(i - 1 - Math.floor(rand() * 5), 8)}` : `C${pad(i, 8)}`;
    const name = pick(SURNAMES) + pick(GIVEN) + (rand() < 0.5 ? pick(GIVEN) : "");
    const phone = isBad && rand() < 0.5 ? `138001380${i % 10}` : phoneText(i);
    const birthday = isBad ? "2023-02-29" : rand() < 0.3 ? "" : dateText(1960 + Math.floor(rand() * 45), 1 + Math.floor(rand() * 12), 1 + Math.floor(rand() * 28), false);
    const reg = dateText(2018 + Math.floor(rand() * 7), 1 + Math.floor(rand() * 12), 1 + Math.floor(rand() * 28), true);
    const address = rand() < 0.6 ? `${place[1]}${place[3]}${place[4]}${pick(["科技园", "人民路", "建设大道", "中山路"])}${1 + Math.floor(rand() * 200)}号` : "";
    const tags = [pick(TAGS), pick(TAGS)].filter(Boolean).join("、");
    buf += [
      ext, name, pick(["男", "女", "M", "F", "女士", "先生", ""]), phone, rand() < 0.7 ? `User${i}@Example.COM` : "",
      address ? "" : pick([place[0], place[1]]), address ? "" : pick([place[2], place[3]]), birthday, reg, address, tags,
    ].map(csvCell).join(",") + "\r\n";
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, "drain");
      buf = "";
    }
  }
  out.write(buf);
  out.end();
  await once(out, "finish");
  return { bad, dup };
}

// ───────────── helpers ─────────────

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const rate = (rows: number, ms: number) => Math.round(rows / (ms / 1000));

function memMb(pid: number, field: "VmHWM" | "VmRSS"): number | null {
  try {
    const m = readFileSync(`/proc/${pid}/status`, "utf8").match(new RegExp(`${field}:\\s+(\\d+) kB`));
    return m ? Math.round(Number(m[1]) / 1024) : null;
  } catch {
    return null;
  }
}
const peakRssMb = (pid: number) => memMb(pid, "VmHWM");

async function rawCopy(path: string): Promise<number> {
  const client = new pg.Client({ connectionString: BENCH_URL });
  await client.connect();
  try {
    await client.query("DROP TABLE IF EXISTS bench_raw_customers");
    await client.query(`CREATE UNLOGGED TABLE bench_raw_customers (${Array.from({ length: 11 }, (_, i) => `c${i} text`).join(", ")})`);
    const t = performance.now();
    await pipeline(createReadStream(path, { highWaterMark: 1 << 20 }), client.query(copyFrom("COPY bench_raw_customers FROM STDIN WITH (FORMAT csv, HEADER true)")));
    const ms = performance.now() - t;
    const { rows } = await client.query("SELECT count(*)::int AS n FROM bench_raw_customers");
    if (rows[0].n !== N) throw new Error(`raw copy loaded ${rows[0].n} rows, expected ${N}`);
    await client.query("DROP TABLE bench_raw_customers");
    return ms;
  } finally {
    await client.end();
  }
}

// The columns a customers import writes (tags and created_import_id aside).
const CLEAN_COLUMNS = "id, external_id, name, gender, birthday, phone, email, province, city, district, address, occupation, interests, source_channel, created_at";

/**
 * The cleaned rows the customers import created, COPYed into `customers` under another
 * tenant, timed and rolled back: the table's own cost of taking these rows.
 */
async function tableCeiling(sourceTenant: string, importId: string, targetTenant: string): Promise<{ rows: number; indexes: number; ms: number; path: string }> {
  const client = new pg.Client({ connectionString: BENCH_URL });
  await client.connect();
  const path = `bench/out/customers-clean-${N}.copy`;
  try {
    await client.query("BEGIN");
    await client.query("SELECT set_config('app.tenant_id', $1, true)", [sourceTenant]);
    const out = `COPY (SELECT '${targetTenant}'::uuid, ${CLEAN_COLUMNS} FROM customers WHERE tenant_id = '${sourceTenant}'::uuid AND created_import_id = '${importId}'::uuid ORDER BY id) TO STDOUT`;
    await pipeline(client.query(copyTo(out)), createWriteStream(path));
    await client.query("COMMIT");
    await client.query("BEGIN");
    await client.query("SELECT set_config('app.tenant_id', $1, true)", [targetTenant]);
    const t0 = performance.now();
    await pipeline(createReadStream(path, { highWaterMark: 1 << 20 }), client.query(copyFrom(`COPY customers (tenant_id, ${CLEAN_COLUMNS}) FROM STDIN`)));
    const ms = performance.now() - t0;
    const { rows } = await client.query<{ n: number; indexes: number }>(
      "SELECT (SELECT count(*) FROM customers WHERE tenant_id = $1::uuid)::int AS n, (SELECT count(*) FROM pg_indexes WHERE tablename = 'customers')::int AS indexes",
      [targetTenant],
    );
    await client.query("ROLLBACK");
    return { rows: rows[0]!.n, indexes: rows[0]!.indexes, ms, path };
  } finally {
    await client.end();
  }
}

// ───────────── run ─────────────

console.log(`bench:import — ${N.toLocaleString("en")} rows${process.env.BENCH_WORKER_NODE_OPTIONS ? ` (worker: ${process.env.BENCH_WORKER_NODE_OPTIONS})` : ""}, ${os.cpus().length} cores, load ${os.loadavg().map((x) => x.toFixed(1)).join(" ")}, database ${new URL(BENCH_URL).pathname.slice(1)}`);
mkdirSync("bench/out", { recursive: true });
const file = `bench/out/customers-${N}.csv`;
let t = performance.now();
const made = await writeCsv(file);
const bytes = statSync(file).size;
console.log(`generate: ${s(performance.now() - t)}, ${(bytes / 1048576).toFixed(0)} MB, ${made.bad} bad rows, ${made.dup} repeated external ids`);

t = performance.now();
await recreateDatabase(BENCH_URL);
const slug = `bench-import-${randomUUID().slice(0, 8)}`;
const tenant = await unsafeProvisionTenant({
  name: "Bench import", slug, locale: "en", owner: { email: `owner-${slug}@bench.test`, name: "Bench owner", password: "Bench-Password-2026" },
});
const ctx = (await loadAuthContext({ tenantId: tenant.tenantId, userId: tenant.ownerUserId }))!;
console.log(`database: ${s(performance.now() - t)} (fresh, migrated, one tenant)`);

// The worker as production runs it: the bundle of scripts/build-worker.mjs under
// plain node (BENCH_WORKER=tsx runs workers/main.ts through tsx instead, as in
// development), with the heap cap `npm run worker` gives it; BENCH_WORKER_NODE_OPTIONS,
// e.g. "--max-old-space-size=512", replaces that cap with its own flags.
const workerEntry = process.env.BENCH_WORKER === "tsx" ? ["--import", "tsx", "workers/main.ts"] : ["dist/worker/main.mjs"];
if (process.env.BENCH_WORKER !== "tsx") execFileSync(process.execPath, ["scripts/build-worker.mjs"], { stdio: "inherit" });
const productionFlags = (JSON.parse(readFileSync("package.json", "utf8")).scripts.worker as string).match(/ --max-old-space-size=\d+/g)?.map((f) => f.trim()) ?? [];
const workerArgs = [...(process.env.BENCH_WORKER_NODE_OPTIONS?.split(/\s+/).filter(Boolean) ?? productionFlags), ...workerEntry];
console.log(`worker: node ${workerArgs.join(" ")}`);
const worker = spawn(process.execPath, workerArgs, { env: { ...process.env }, stdio: ["ignore", "pipe", process.env.IMPORT_TRACE ? "inherit" : "ignore"] });
await new Promise<void>((resolve, reject) => {
  worker.stdout!.on("data", (d) => { if (String(d).includes("started")) resolve(); });
  worker.once("exit", (code) => reject(new Error(`worker exited ${code}`)));
});

await new Promise((r) => setTimeout(r, 1000));
const idleRss = memMb(worker.pid!, "VmRSS");

type Done = NonNullable<Awaited<ReturnType<typeof loadJob>>>;
function loadJob(importId: string) {
  return withTenant(ctx, (tx) => tx.importJob.findFirst({ where: { id: importId } }));
}

/** Upload → suggested mapping → run, timed from queued to a final status; peak worker memory sampled. */
async function runImport(entity: string, path: string, name: string) {
  let t0 = performance.now();
  const { importId } = await receiveUpload(ctx, {
    entity, fileName: name, body: Readable.toWeb(createReadStream(path, { highWaterMark: 1 << 20 })) as ReadableStream<Uint8Array>, declaredBytes: statSync(path).size,
  });
  console.log(`upload ${name} (stream into the file store): ${s(performance.now() - t0)}`);
  const job = await loadJob(importId);
  const rss = { staging: 0, applying: 0, peak: 0 };
  t0 = performance.now();
  await saveMappingAndRun(ctx, {
    importId, mapping: job!.mapping as never, matchKeys: ["externalId", "identity", "phone", "email"], policy: "fill_empty", saveTemplate: false,
  });
  let stagedAt = 0;
  let done: Done;
  for (;;) {
    await new Promise((r) => setTimeout(r, 200));
    rss.peak = Math.max(rss.peak, peakRssMb(worker.pid!) ?? 0);
    const now = memMb(worker.pid!, "VmRSS") ?? 0;
    if (stagedAt) rss.applying = Math.max(rss.applying, now);
    else rss.staging = Math.max(rss.staging, now);
    const row = (await loadJob(importId))!;
    if (!stagedAt && (row.phase === "applying" || row.status === "succeeded")) stagedAt = performance.now();
    if (row.status === "succeeded" || row.status === "failed" || row.status === "cancelled") {
      done = row;
      break;
    }
  }
  const ms = performance.now() - t0;
  if (done.status !== "succeeded") throw new Error(`${name}: import ended ${done.status}: ${JSON.stringify(done.error)}`);
  if (done.createdCount + done.updatedCount + done.skippedCount + done.failedCount !== N) throw new Error(`${name}: counts do not add up to the rows`);
  return { ms, stagingMs: stagedAt - t0, applyingMs: performance.now() - stagedAt, done, rss };
}

const cust = await runImport("customers", file, `customers-${N}.csv`);
const runMs = cust.ms;
const done = cust.done;
console.log(`import job: ${s(runMs)} (staging ${s(cust.stagingMs)}, applying ${s(cust.applyingMs)}) — created ${done.createdCount}, updated ${done.updatedCount}, skipped ${done.skippedCount}, failed ${done.failedCount} (generated bad ${made.bad}, repeated ${made.dup})`);

// Step 5, while the worker is idle and the table holds only the rows just imported.
const second = await unsafeProvisionTenant({
  name: "Bench ceiling", slug: `${slug}-ceiling`, locale: "en", owner: { email: `owner-${slug}-ceiling@bench.test`, name: "Bench owner", password: "Bench-Password-2026" },
});
const ceiling = await tableCeiling(tenant.tenantId, done.id, second.tenantId);
if (ceiling.rows !== done.createdCount) throw new Error(`ceiling copied ${ceiling.rows} rows, the import created ${done.createdCount}`);

let linesFigures = "order-lines: not run (BENCH_SKIP_ORDER_LINES)";
if (!process.env.BENCH_SKIP_ORDER_LINES) {
  const linesFile = `bench/out/order-lines-${N}.csv`;
  t = performance.now();
  const lf = await writeOrderLines(linesFile);
  console.log(`generate order lines: ${s(performance.now() - t)}, ${(statSync(linesFile).size / 1048576).toFixed(0)} MB, ${lf.orders.toLocaleString("en")} orders`);
  const lines = await runImport("orderLines", linesFile, `order-lines-${N}.csv`);
  const l = lines.done;
  console.log(`order-line job: ${s(lines.ms)} (staging ${s(lines.stagingMs)}, applying ${s(lines.applyingMs)}) — created ${l.createdCount}, updated ${l.updatedCount}, skipped ${l.skippedCount}, failed ${l.failedCount}`);
  linesFigures = `order-lines rows=${N} seconds=${(lines.ms / 1000).toFixed(1)} rows_per_s=${rate(N, lines.ms)} worker_peak_mb=${lines.rss.peak}`;
}
const peak = Math.max(cust.rss.peak, peakRssMb(worker.pid!) ?? 0);
worker.kill("SIGTERM");
await once(worker, "exit");
console.log(`worker peak memory (VmHWM): ${peak} MB (idle worker before the import: ${idleRss} MB; highest RSS seen while staging customers ${cust.rss.staging} MB, while applying ${cust.rss.applying} MB)`);
console.log(linesFigures);

await closeQueues();
await closePools();
const copyMs = await rawCopy(file);
const R = rate(N, runMs);
const C = rate(N, copyMs);
console.log(`raw COPY into an unlogged text table: ${s(copyMs)}`);
const ceilingRate = rate(ceiling.rows, ceiling.ms);
console.log(`customers table ceiling: COPY of the ${ceiling.rows} cleaned rows into customers (its ${ceiling.indexes} indexes, keys, checks, generated columns; rolled back): ${s(ceiling.ms)}, ${ceilingRate} rows/s, ratio ${(ceilingRate / C).toFixed(3)} — no import writing these rows into this table can exceed it`);
for (const c of await indexSetCeilings(BENCH_URL, ceiling.path, CLEAN_COLUMNS)) {
  const r = rate(ceiling.rows, c.ms);
  console.log(`  the same rows into a copy of customers with ${c.set} (${c.indexes} index${c.indexes === 1 ? "" : "es"}): ${s(c.ms)}, ${r} rows/s, ratio ${(r / C).toFixed(3)}`);
}
console.log(`ratio to the parse→validate→COPY pipeline limit (~${PIPELINE_LIMIT.toLocaleString("en")} rows/s, STACK.md): ${(R / PIPELINE_LIMIT).toFixed(2)}`);
console.log(`import rows=${N} seconds=${(runMs / 1000).toFixed(1)} rows_per_s=${R} copy_rows_per_s=${C} ratio=${(R / C).toFixed(2)}`);
process.exit(0);
