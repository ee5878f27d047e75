// The set-based apply of each entity but customers (lib/imports/<entity>/apply.ts),
// by entity: what lib/imports/run.ts calls inside its one transaction, after the
// tenant's import lock. Each one reads its rows from import_entity_rows, writes its
// 'apply' issues, and counts rows exactly as the customer apply does.
import type pg from "pg";
import type { ImportMapping } from "@/lib/import/mapping";
import type { ImportOptions } from "@/lib/imports/schemas";

export type EntityApplyArgs = {
  tenantId: string;
  importId: string;
  options: ImportOptions;
  mapping: ImportMapping;
  /** The file's headers (to read a failed row's cells back). */
  headers: readonly string[];
  dryRun: boolean;
};

/** Rows by outcome (conflicts = rows failed while applying), and what else the import made. */
export type EntityApplyCounts = {
  staged: number;
  created: number;
  updated: number;
  unchanged: number;
  existingSkipped: number;
  sameCustomer: number;
  conflicts: number;
  details?: Record<string, number>;
};

export type EntityApply = (c: pg.PoolClient, args: EntityApplyArgs) => Promise<EntityApplyCounts>;
