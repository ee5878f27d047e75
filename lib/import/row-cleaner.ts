// One raw row (column → text) in, one typed record for the entity out, with every
// problem listed: errors (the row is "failed" and nothing of it is applied) and
// warnings (the row is applied, with this said about it). Compiled once per import
// from the mapping, then called for each row of a stream, so it keeps no rows.
import type { CountryCode } from "libphonenumber-js";
import { cleanCell, isEmptyCell, type CellContext, type CleanValue } from "@/lib/import/clean";
import { centsToMoney, moneyToCents } from "@/lib/import/clean/number";
import { canonicalCity, canonicalProvince, provinceOfCity, splitAddress } from "@/lib/import/clean/region";
import { InFileDedupe, type DuplicateHit } from "@/lib/import/dedupe";
import { ENTITIES, type CleanRecord, type FieldDef, type ImportEntity } from "@/lib/import/fields";
import { checkMapping, type ColumnTransform, type ImportMapping } from "@/lib/import/mapping";
import { msg, type Msg } from "@/lib/import/types";

export type RowIssue = {
  /** Spreadsheet row number: the header is row 1. */
  row: number;
  /** The file's column header; null for a problem of the whole row. */
  column: string | null;
  field: string | null;
  /** The cell as it was in the file ("" when empty or for a whole-row problem). */
  value: string;
  reason: Msg;
};

export type RowStatus = "ok" | "failed" | "duplicate";

export type CleanedRow<E extends ImportEntity> = {
  row: number;
  status: RowStatus;
  record: CleanRecord<E>;
  errors: RowIssue[];
  warnings: RowIssue[];
  duplicate?: DuplicateHit;
  /** Why a duplicate row is skipped, as a report line ("row 9: same Phone as row 4: skipped as a duplicate"). */
  skipped?: RowIssue;
};

export type RowCleanerOptions = {
  /** The tenant's zone for wall-clock dates; Asia/Shanghai when unset. */
  timeZone?: string;
  /** Default phone region; CN when unset. */
  region?: CountryCode;
  /** The file's headers, in order: needed to clean rows given as cell arrays, and to check the mapping's columns. */
  headers?: readonly string[];
  /** Report rows repeating an earlier row's key (the mapping's dedupeKeys or the entity's). Default true. */
  dedupe?: boolean;
};

export class ImportMappingError extends Error {
  readonly problems: Msg[];
  constructor(problems: Msg[]) {
    super(`invalid import mapping: ${problems.map((p) => p.key).join(", ")}`);
    this.name = "ImportMappingError";
    this.problems = problems;
  }
}

type Compiled = { def: FieldDef; column: string | null; index: number; transform: ColumnTransform; ctx: CellContext };

// Pairs [later, earlier] of times that should not run backwards; a warning, not an error (clocks and exports lie).
const TIME_ORDER: Partial<Record<ImportEntity, [string, string][]>> = {
  orders: [["paidAt", "orderedAt"], ["shippedAt", "orderedAt"], ["receivedAt", "orderedAt"], ["refundedAt", "orderedAt"]],
  orderLines: [["paidAt", "orderedAt"], ["shippedAt", "orderedAt"], ["receivedAt", "orderedAt"], ["refundedAt", "orderedAt"]],
  serviceTickets: [["closedAt", "openedAt"]],
};

// Fields whose values a derivation may fill: [unit price, quantity, line amount].
const LINE_FIELDS: Partial<Record<ImportEntity, [string, string, string]>> = {
  orderItems: ["unitPrice", "quantity", "amount"],
  orderLines: ["unitPrice", "quantity", "lineAmount"],
};

// Entities whose rows carry an order's status and times. An order the file says was
// paid (status paid, shipped, received or refunded, or one of those times given)
// but gives no paid time is taken as paid when ordered: analytics count a purchase
// by its paid time, and many exports have an order time and a status only.
const PAID_BY_STATUS = new Set<ImportEntity>(["orders", "orderLines"]);
const PAID_STATUSES = new Set(["paid", "shipped", "received", "refunded"]);

export type RowCleaner<E extends ImportEntity> = {
  entity: E;
  clean(row: number, raw: Readonly<Record<string, string | undefined>> | readonly string[]): CleanedRow<E>;
};

export function createRowCleaner<E extends ImportEntity>(mapping: ImportMapping & { entity: E }, options: RowCleanerOptions = {}): RowCleaner<E> {
  const entity = mapping.entity;
  const def = ENTITIES[entity];
  const headers = options.headers;
  const problems = checkMapping(mapping, headers ?? Object.values(mapping.fields).flatMap((f) => (f.column ? [f.column] : [])));
  if (problems.length) throw new ImportMappingError(problems);

  const compiled: Compiled[] = [];
  for (const f of def.fields as readonly FieldDef[]) {
    const fm = mapping.fields[f.key];
    if (!fm) continue;
    const transform = fm.transform ?? {};
    const index = fm.column !== null && headers ? headers.indexOf(fm.column) : -1;
    compiled.push({
      def: f, column: fm.column, index, transform,
      ctx: { timeZone: options.timeZone, region: options.region, phoneKind: transform.phoneKind, dateOrder: transform.dateOrder },
    });
  }
  const mapped = new Set(compiled.filter((c) => c.column !== null).map((c) => c.def.key));
  const compiledByKey = new Map(compiled.map((c) => [c.def.key, c]));
  const fieldByKey = new Map((def.fields as readonly FieldDef[]).map((f) => [f.key, f]));
  const columnOf = new Map(compiled.map((c) => [c.def.key, c.column]));
  const groups = ("requireOneOf" in def ? def.requireOneOf : undefined) ?? [];
  const hasAddressParts = fieldByKey.has("address") && fieldByKey.has("province");
  const splitting = mapping.splitAddress !== false && hasAddressParts && mapped.has("address");
  const dedupe = options.dedupe === false ? null : new InFileDedupe(entity, mapping.dedupeKeys);
  const timeOrder = TIME_ORDER[entity] ?? [];
  const lineFields = LINE_FIELDS[entity];
  const width = headers?.length ?? 0;

  function clean(row: number, raw: Readonly<Record<string, string | undefined>> | readonly string[]): CleanedRow<E> {
    const errors: RowIssue[] = [];
    const warnings: RowIssue[] = [];
    const record: Record<string, CleanValue> = {};
    const isArray = Array.isArray(raw);
    // The cell as written, for a warning's report line (read again rather than kept for every cell).
    const rawOf = (key: string): string => {
      const c = compiledByKey.get(key);
      if (!c || c.column === null) return "";
      return (isArray ? (raw as readonly string[])[c.index] : (raw as Readonly<Record<string, string | undefined>>)[c.column]) ?? "";
    };

    if (isArray && headers) {
      const cells = raw as readonly string[];
      if (cells.length > width) {
        const extra = cells.slice(width).some((c) => c.trim() !== "");
        if (extra) errors.push({ row, column: null, field: null, value: "", reason: msg("import.reason.tooManyCells", { cells: cells.length, columns: width }) });
      } else if (cells.length < width && cells.length > 0) {
        warnings.push({ row, column: null, field: null, value: "", reason: msg("import.warning.tooFewCells", { cells: cells.length, columns: width }) });
      }
    }

    for (const c of compiled) {
      let text = "";
      if (c.column !== null) {
        text = isArray ? ((raw as readonly string[])[c.index] ?? "") : ((raw as Readonly<Record<string, string | undefined>>)[c.column] ?? "");
      }
      const label = c.column ?? c.def.label.zh;
      // A default fills an empty cell only: a value that was there but not understood stays reported.
      const source = c.transform.default && isEmptyCell(c.def, text) ? c.transform.default : text;
      const result = cleanCell(c.def, source, c.ctx);
      if (!result.ok) {
        errors.push({ row, column: label, field: c.def.key, value: text, reason: result.reason });
        continue;
      }
      if (result.warning) warnings.push({ row, column: label, field: c.def.key, value: text, reason: result.warning });
      record[c.def.key] = result.value;
    }

    if (splitting && typeof record.address === "string") {
      const parts = splitAddress(record.address);
      if (record.province == null && parts.province) record.province = parts.province;
      if (record.city == null && parts.city && fieldByKey.has("city")) record.city = parts.city;
      if (record.district == null && parts.district && fieldByKey.has("district")) record.district = parts.district;
    }
    if (typeof record.city === "string" && canonicalCity(record.city)) {
      const home = provinceOfCity(record.city);
      if (record.province == null && home) record.province = home;
      else if (home && typeof record.province === "string" && canonicalProvince(record.province) && home !== record.province) {
        const column = columnOf.get("city") ?? fieldByKey.get("city")!.label.zh;
        warnings.push({ row, column, field: "city", value: rawOf("city"), reason: msg("import.warning.cityProvinceMismatch", { province: record.province }) });
      }
    }

    if (lineFields) {
      const [priceKey, qtyKey, amountKey] = lineFields;
      const price = record[priceKey];
      const qty = record[qtyKey];
      const amount = record[amountKey];
      if (typeof qty === "number" && qty > 0) {
        if (typeof price === "string" && (amount == null)) record[amountKey] = centsToMoney(moneyToCents(price) * BigInt(qty));
        else if (typeof amount === "string" && price == null) {
          const cents = moneyToCents(amount);
          const q = BigInt(qty);
          const half = (cents < 0n ? -cents : cents) % q * 2n >= q ? 1n : 0n;
          record[priceKey] = centsToMoney(cents / q + (cents < 0n ? -half : half));
        }
      }
    }

    if (PAID_BY_STATUS.has(entity) && record.paidAt == null && record.orderedAt instanceof Date) {
      const status = record.status;
      const paid = typeof status === "string" ? PAID_STATUSES.has(status) : record.shippedAt != null || record.receivedAt != null || record.refundedAt != null;
      if (paid) record.paidAt = record.orderedAt;
    }

    for (const f of def.fields as readonly FieldDef[]) {
      if (f.required && record[f.key] == null && !errors.some((e) => e.field === f.key)) {
        errors.push({ row, column: columnOf.get(f.key) ?? f.label.zh, field: f.key, value: "", reason: msg("import.reason.required") });
      }
    }
    for (const g of groups) {
      if (g.fields.some((k) => record[k] != null || errors.some((e) => e.field === k))) continue;
      const defs = g.fields.map((k) => fieldByKey.get(k)!);
      const reason = g.key === "customerRef"
        ? msg("import.reason.customerRefMissing", { fieldsEn: defs.map((d) => d.label.en).join(", "), fieldsZh: defs.map((d) => d.label.zh).join("、") })
        : msg("import.reason.priceMissing");
      errors.push({ row, column: null, field: null, value: "", reason });
    }

    for (const [laterKey, earlierKey] of timeOrder) {
      const later = record[laterKey];
      const earlier = record[earlierKey];
      if (later instanceof Date && earlier instanceof Date && later.getTime() < earlier.getTime()) {
        const other = fieldByKey.get(earlierKey)!;
        warnings.push({
          row, column: columnOf.get(laterKey) ?? laterKey, field: laterKey, value: rawOf(laterKey),
          reason: msg("import.warning.timeOrder", { otherEn: other.label.en, otherZh: other.label.zh }),
        });
      }
    }

    const typed = record as CleanRecord<E>;
    if (errors.length) return { row, status: "failed", record: typed, errors, warnings };
    const duplicate = dedupe?.check(row, record) ?? null;
    if (duplicate) {
      const skipped: RowIssue = {
        row, column: null, field: null, value: "",
        reason: msg("import.reason.duplicate", { of: duplicate.of, keyEn: duplicate.label.en, keyZh: duplicate.label.zh }),
      };
      return { row, status: "duplicate", record: typed, errors, warnings, duplicate, skipped };
    }
    return { row, status: "ok", record: typed, errors, warnings };
  }

  return { entity, clean };
}
