// The customers table's ceiling by index set: the same cleaned rows COPYed into a
// scratch copy of `customers` (its columns, defaults, generated columns and checks)
// carrying only some of its indexes, one set after another. It tells which of the
// table's indexes cost what when a million rows arrive at once: the primary key
// alone; the keys an import matches on (external id, phone, e-mail); those plus the
// list's search (name prefix, phone tail); and all of them. Used by bench/import.ts.
import { createReadStream } from "node:fs";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";

const MATCH_KEYS = ["customers_tenant_id_external_id_key", "customers_phone_idx", "customers_email_idx"];
const SEARCH = ["customers_search_name_idx", "customers_phone_tail_idx"];

export type IndexSetCeiling = { set: string; indexes: number; ms: number };

/** Times a COPY of `path` (lines of `columns`) into a scratch table re-created for each index set, and drops it at the end. */
export async function indexSetCeilings(url: string, path: string, columns: string): Promise<IndexSetCeiling[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: defs } = await client.query<{ name: string; def: string }>(
      "SELECT indexname AS name, indexdef AS def FROM pg_indexes WHERE schemaname = 'public' AND tablename = 'customers' AND indexname <> 'customers_pkey'",
    );
    const missing = [...MATCH_KEYS, ...SEARCH].filter((n) => !defs.some((d) => d.name === n));
    if (missing.length) throw new Error(`customers has no index ${missing.join(", ")}: update bench/customers-index-sets.ts`);
    const sets: [string, string[]][] = [
      ["its primary key only", []],
      ["its primary key and the import's match keys (external id, phone, e-mail)", MATCH_KEYS],
      ["those and the list's search (name prefix, phone tail)", [...MATCH_KEYS, ...SEARCH]],
      ["all its indexes", defs.map((d) => d.name)],
    ];
    const results: IndexSetCeiling[] = [];
    for (const [set, names] of sets) {
      await client.query("DROP TABLE IF EXISTS bench_ceiling_customers");
      await client.query(
        "CREATE TABLE bench_ceiling_customers (LIKE customers INCLUDING DEFAULTS INCLUDING GENERATED INCLUDING CONSTRAINTS); ALTER TABLE bench_ceiling_customers ADD PRIMARY KEY (tenant_id, id)",
      );
      for (const name of names) {
        const def = defs.find((d) => d.name === name)!.def;
        await client.query(def.replace(/ INDEX customers_/, " INDEX bench_ceiling_").replace(/ ON public\.customers /, " ON bench_ceiling_customers "));
      }
      await client.query("CHECKPOINT");
      const t0 = performance.now();
      await pipeline(createReadStream(path, { highWaterMark: 1 << 20 }), client.query(copyFrom(`COPY bench_ceiling_customers (tenant_id, ${columns}) FROM STDIN`)));
      results.push({ set, indexes: names.length + 1, ms: performance.now() - t0 });
    }
    await client.query("DROP TABLE bench_ceiling_customers");
    return results;
  } finally {
    await client.end();
  }
}
