// Every entity but customers stages into ONE table, import_entity_rows: the cleaned
// row as JSON (dates as ISO instants, amounts as decimal strings, integers as
// numbers), with a store named in the file resolved to its id (storeId) — or a
// warning that it is none of the tenant's. The entity's apply
// (lib/imports/<entity>/apply.ts) reads the JSON into a typed temp table.
import { resolveStore } from "@/lib/imports/customers/staging";
import { copyString } from "@/lib/imports/db";
import type { StageTarget } from "@/lib/imports/stage";

export const ENTITY_STAGE_TARGET: StageTarget = {
  table: "import_entity_rows",
  columns: ["row_no", "data"],
  tempTable: "import_stage_entity",
  tempDdl: "CREATE TEMP TABLE import_stage_entity (row_no integer, data jsonb) ON COMMIT DELETE ROWS",
  line(row, record, ctx) {
    const data: Record<string, unknown> = {};
    // jsonb refuses the NUL character (a text column would too): it goes.
    for (const [k, v] of Object.entries(record)) {
      if (v != null) data[k] = v instanceof Date ? v.toISOString() : typeof v === "string" ? v.replaceAll("\u0000", "") : v;
    }
    if ("store" in data) {
      const store = resolveStore("store", data.store, ctx, row);
      if (store) data.storeId = store.id;
    }
    return `${row}\t${copyString(JSON.stringify(data))}\n`;
  },
};
