// The CDNOW data set (Fader, Hardie & Lee 2005; files as shipped by lifetimes,
// see shared/data/cdnow/REFERENCE.md): parsing and the per-customer summaries
// the published BG/NBD and Gamma-Gamma analyses are based on. Used by the
// oracle (`npm run verify:cdnow`), the backtest and the unit tests; the app
// builds the same summaries from its own orders.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { dayNumber, dayNumberFromParts, summarizeTransactions, type CustomerSummary } from "./models/summary";

/** Calibration: each customer's first purchase to 1997-09-30 (cohort weeks 1–39). */
export const CDNOW_CALIBRATION_END = dayNumber("1997-09-30");
/** Holdout: 1997-10-01 to 1998-06-30 (weeks 40–78, 39 weeks). */
export const CDNOW_HOLDOUT_END = dayNumber("1998-06-30");
/** Week 0 of the cohort's calendar. */
export const CDNOW_COHORT_START = dayNumber("1997-01-01");

export interface CdnowRecord {
  customerId: number;
  day: number;
  cds: number;
  dollars: number;
}

function parseYmd(s: string): number {
  if (!/^\d{8}$/.test(s)) throw new Error(`bad CDNOW date ${s}`);
  return dayNumberFromParts(Number(s.slice(0, 4)), Number(s.slice(4, 6)), Number(s.slice(6, 8)));
}

/**
 * CDNOW_sample.txt: no header; master id, sample id (1..2357), YYYYMMDD,
 * number of CDs, dollars. The sample id is the ID of the summary files.
 */
export function parseCdnowSample(text: string): CdnowRecord[] {
  const out: CdnowRecord[] = [];
  for (const line of text.split(/\r?\n/)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 5 || f[0] === "") continue;
    out.push({ customerId: Number(f[1]), day: parseYmd(f[2]), cds: Number(f[3]), dollars: Number(f[4]) });
  }
  return out;
}

/** CDNOW_master.txt: one header line; customer id, YYYYMMDD, number of CDs, dollars. */
export function parseCdnowMaster(text: string): CdnowRecord[] {
  const out: CdnowRecord[] = [];
  for (const line of text.split(/\r?\n/)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 4 || !/^\d+$/.test(f[0])) continue;
    out.push({ customerId: Number(f[0]), day: parseYmd(f[1]), cds: Number(f[2]), dollars: Number(f[3]) });
  }
  return out;
}

export interface CdnowSummaryOptions {
  /** Round weeks and mean spend to 2 dp as the published summary files do (default true). */
  roundAsPublished?: boolean;
}

/**
 * Per-customer summaries in WEEKS: frequency = repeat purchase days in
 * calibration, recency = (last − first purchase day)/7, T = (1997-09-30 −
 * first purchase day)/7, monetary = mean dollars per repeat purchase day, and
 * the holdout repeat purchase days (weeks 40–78).
 */
export function cdnowSummaries(records: readonly CdnowRecord[], options: CdnowSummaryOptions = {}): CustomerSummary[] {
  return summarizeTransactions(
    records.map((r) => ({ customerId: r.customerId, day: r.day, amount: r.dollars })),
    {
      calibrationEnd: CDNOW_CALIBRATION_END,
      holdoutEnd: CDNOW_HOLDOUT_END,
      unitDays: 7,
      decimals: options.roundAsPublished === false ? undefined : 2,
    },
  );
}

/**
 * The shared data folder: `<repo>/../shared/data/cdnow` (the same layout in
 * CI), or CDNOW_DIR when set.
 */
export function cdnowDataDir(): string {
  if (process.env.CDNOW_DIR) return process.env.CDNOW_DIR;
  const here = path.dirname(fileURLToPath(import.meta.url));
  return path.resolve(here, "..", "..", "..", "shared", "data", "cdnow");
}

export function readCdnowFile(name: string): string {
  return readFileSync(path.join(cdnowDataDir(), name), "utf8");
}

/** A published summary CSV (`ID,frequency,recency,T` or `ID,x,t_x,T,zbar`) as rows of numbers keyed by header. */
export function parseSummaryCsv(text: string): Record<string, number>[] {
  const lines = text.trim().split(/\r?\n/);
  const header = lines[0].split(",").map((h) => h.trim());
  return lines.slice(1).map((line) => {
    const cells = line.split(",");
    return Object.fromEntries(header.map((h, i) => [h, Number(cells[i])]));
  });
}

/** The reference values (shared/data/cdnow/reference.json), looked up by id. */
export interface CdnowReferenceEntry {
  id: string;
  expected?: unknown;
  recomputed?: unknown;
  inputs?: unknown;
  [key: string]: unknown;
}

export function readCdnowReference(): Map<string, CdnowReferenceEntry> {
  const json = JSON.parse(readCdnowFile("reference.json")) as { references: CdnowReferenceEntry[] };
  return new Map(json.references.map((r) => [r.id, r]));
}
