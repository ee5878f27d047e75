// A cleaned customer row (lib/import/row-cleaner) as one line of COPY text for the
// staging table, typed as the customers table wants it: gender M/F, birthday a
// calendar date, times as instants, lists as arrays. The home store named in the
// file (code or name) is resolved here against the tenant's stores, read once.
import type { CleanRecord } from "@/lib/import/fields";
import type { Msg } from "@/lib/import/types";
import { NULL, copyArray, copyNullable, copyString } from "@/lib/imports/db";
import type { StageLineContext, StageTarget } from "@/lib/imports/stage";

/** The staging table's columns after tenant_id and import_id, in COPY order. */
export const CUSTOMER_STAGE_COLUMNS = [
  "row_no", "external_id", "name", "gender", "birthday", "phone", "email", "province", "city", "district", "address",
  "occupation", "interests", "source_channel", "home_store_id", "department_id", "registered_at", "tags",
  "wechat_openid", "tmall_nick", "jd_account",
] as const;

/** The session's temp table the chunks are COPY'd into (COPY FROM refuses tables with RLS). */
export const CUSTOMER_STAGE_TEMP_DDL = `CREATE TEMP TABLE import_stage_customers (
  row_no integer, external_id text, name text, gender text, birthday date, phone text, email text, province text, city text,
  district text, address text, occupation text, interests text[], source_channel text, home_store_id uuid, department_id uuid,
  registered_at timestamptz(3), tags text[], wechat_openid text, tmall_nick text, jd_account text
) ON COMMIT DELETE ROWS`;

export type StoreRef = { id: string; departmentId: string | null };

/** Stores by code, then by name, compared case- and width-blind. */
export class StoreLookup {
  private readonly byCode = new Map<string, StoreRef>();
  private readonly byName = new Map<string, StoreRef>();
  constructor(stores: readonly { id: string; code: string; name: string; departmentId: string | null }[]) {
    for (const s of stores) {
      const ref = { id: s.id, departmentId: s.departmentId };
      const code = StoreLookup.key(s.code);
      const name = StoreLookup.key(s.name);
      if (!this.byCode.has(code)) this.byCode.set(code, ref);
      if (!this.byName.has(name)) this.byName.set(name, ref);
    }
  }
  static key(s: string): string {
    return s.normalize("NFKC").trim().toLowerCase();
  }
  find(text: string): StoreRef | null {
    const k = StoreLookup.key(text);
    return this.byCode.get(k) ?? this.byName.get(k) ?? null;
  }
}

const day = (d: Date) => d.toISOString().slice(0, 10);
const GENDER = { male: "M", female: "F" } as const;

/** One COPY line (with its newline). `store` is the resolved home store, if any. */
export function customerStageLine(row: number, r: CleanRecord<"customers">, store: StoreRef | null): string {
  const gender = r.gender ? GENDER[r.gender] : null;
  return [
    String(row),
    copyNullable(r.externalId),
    copyString(r.name ?? ""),
    gender ?? NULL,
    r.birthday ? day(r.birthday) : NULL,
    copyNullable(r.phone),
    copyNullable(r.email),
    copyNullable(r.province),
    copyNullable(r.city),
    copyNullable(r.district),
    copyNullable(r.address),
    copyNullable(r.occupation),
    copyArray(r.interests ?? []),
    copyNullable(r.sourceChannel),
    store ? store.id : NULL,
    store?.departmentId ?? NULL,
    r.registeredAt ? r.registeredAt.toISOString() : NULL,
    copyArray(r.tags ?? []),
    copyNullable(r.wechatOpenid),
    copyNullable(r.tmallNick),
    copyNullable(r.jdAccount),
  ].join("\t") + "\n";
}

/** A store named in a cell (code or name), or a warning that it is none of the tenant's. */
export function resolveStore(field: string, text: unknown, ctx: StageLineContext, row: number): StoreRef | null {
  if (typeof text !== "string" || !text) return null;
  const store = ctx.stores.find(text);
  if (store) return store;
  const column = ctx.mapping.fields[field]?.column ?? null;
  const index = column ? ctx.headers.indexOf(column) : -1;
  ctx.warnings.push({ row, column, field, value: index >= 0 ? ctx.cells[index] ?? "" : text, reason: { key: "imports.warning.storeUnknown" as Msg["key"] } });
  return null;
}

/** Customers go to import_customer_rows, typed as the customers table wants them. */
export const CUSTOMER_STAGE_TARGET: StageTarget = {
  table: "import_customer_rows",
  columns: CUSTOMER_STAGE_COLUMNS,
  tempTable: "import_stage_customers",
  tempDdl: CUSTOMER_STAGE_TEMP_DDL,
  line(row, record, ctx) {
    const r = record as CleanRecord<"customers">;
    return customerStageLine(row, r, resolveStore("homeStore", r.homeStore, ctx, row));
  },
};
