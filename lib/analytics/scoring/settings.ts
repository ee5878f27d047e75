// The tenant's scoring settings (table scoring_settings; no row = the defaults):
// what F and M measure, quintiles or fixed thresholds, the CLV horizon and
// discount rate, and how long daily snapshots are kept.
import { z } from "zod";
import type pg from "pg";
import { Prisma } from "@/lib/generated/prisma/client.ts";
import type { TenantTx } from "@/lib/db/tenant";

const ascending = (n: number) => (v: number[]) => v.length === n && v.every((x, i) => i === 0 || x > v[i - 1]!);

/** Four ascending cut points per score; see rfm/sql.ts for how they are read. */
export const rfmThresholdsSchema = z.object({
  /** days since the last purchase: ≤ c1 scores 5, ≤ c2 4, ≤ c3 3, ≤ c4 2, more 1 */
  recency: z.array(z.int().min(0)).refine(ascending(4), "four ascending whole numbers of days"),
  /** ≥ c4 scores 5, ≥ c3 4, ≥ c2 3, ≥ c1 2, less 1 */
  frequency: z.array(z.number().min(0)).refine(ascending(4), "four ascending numbers"),
  monetary: z.array(z.number().min(0)).refine(ascending(4), "four ascending amounts"),
});

export type RfmThresholds = z.infer<typeof rfmThresholdsSchema>;

export const scoringSettingsSchema = z.object({
  frequencyBasis: z.enum(["purchase_days", "orders"]).default("purchase_days"),
  monetaryBasis: z.enum(["total", "mean"]).default("total"),
  thresholds: rfmThresholdsSchema.nullable().default(null),
  clvHorizonMonths: z.int().min(1).max(120).default(12),
  annualDiscountRate: z.number().min(0).lt(1).default(0.1),
  dailySnapshotDays: z.int().min(1).max(400).default(7),
});

export type ScoringSettings = z.output<typeof scoringSettingsSchema>;
export type ScoringSettingsInput = z.input<typeof scoringSettingsSchema>;

export const DEFAULT_SCORING_SETTINGS: ScoringSettings = scoringSettingsSchema.parse({});

type Row = {
  frequency_basis: string;
  monetary_basis: string;
  thresholds: unknown;
  clv_horizon_months: number;
  annual_discount_rate: string | number;
  daily_snapshot_days: number;
};

function fromRow(row: Row | undefined): ScoringSettings {
  if (!row) return DEFAULT_SCORING_SETTINGS;
  return scoringSettingsSchema.parse({
    frequencyBasis: row.frequency_basis,
    monetaryBasis: row.monetary_basis,
    thresholds: row.thresholds ?? null,
    clvHorizonMonths: row.clv_horizon_months,
    annualDiscountRate: Number(row.annual_discount_rate),
    dailySnapshotDays: row.daily_snapshot_days,
  });
}

const SELECT = `SELECT frequency_basis, monetary_basis, thresholds, clv_horizon_months, annual_discount_rate, daily_snapshot_days
  FROM scoring_settings WHERE tenant_id = (SELECT app_current_tenant())`;

/** On a tenant-bound pg connection (the scoring job). */
export async function readScoringSettingsPg(client: pg.PoolClient): Promise<ScoringSettings> {
  const { rows } = await client.query<Row>(SELECT);
  return fromRow(rows[0]);
}

/** Inside withTenant (pages, actions). */
export async function readScoringSettings(tx: TenantTx): Promise<ScoringSettings> {
  const rows = await tx.$queryRawUnsafe<Row[]>(SELECT);
  return fromRow(rows[0]);
}

/** Validates and stores the settings; they apply from the next scoring run. */
export async function saveScoringSettings(tx: TenantTx, tenantId: string, input: ScoringSettingsInput): Promise<ScoringSettings> {
  const s = scoringSettingsSchema.parse(input);
  const data = {
    frequencyBasis: s.frequencyBasis,
    monetaryBasis: s.monetaryBasis,
    thresholds: s.thresholds ?? Prisma.DbNull,
    clvHorizonMonths: s.clvHorizonMonths,
    annualDiscountRate: s.annualDiscountRate.toFixed(4),
    dailySnapshotDays: s.dailySnapshotDays,
  };
  await tx.scoringSettings.upsert({
    where: { tenantId },
    create: { tenantId, ...data },
    update: { ...data, updatedAt: new Date() },
  });
  return s;
}
