// The 11 named RFM segments of DESIGN.md from (R, F, M) scores 1–5, on the
// widely used grid of R against FM = (F + M) / 2 (Putler, "RFM Analysis For
// Successful Customer Segmentation"; the same 11 names and ranges are reproduced
// by many tools). The published ranges overlap, and applied in their listed
// order they leave New Customers, Promising, Can't Lose Them and Lost
// unreachable, so the map below is a partition of the 5 × 9 grid (FM moves in
// half steps) in which every cell lies inside its segment's published range;
// docs/analytics.md shows it as a table and tests/unit/rfm-segments.test.ts
// checks the containment.
//
// Segment keys are the ones customer_scores.rfm_segment stores and the i18n
// messages (customers.segment.*, analytics.segment.*) translate.

export const RFM_SEGMENTS = [
  "champions",
  "loyal",
  "potential_loyalist",
  "new_customers",
  "promising",
  "need_attention",
  "about_to_sleep",
  "at_risk",
  "cannot_lose_them",
  "hibernating",
  "lost",
] as const;

export type RfmSegment = (typeof RFM_SEGMENTS)[number];

export function isRfmSegment(v: unknown): v is RfmSegment {
  return typeof v === "string" && (RFM_SEGMENTS as readonly string[]).includes(v);
}

/** The published ranges, inclusive: R score and FM = (F + M) / 2 (a lower bound of 0 there means "the lowest"). */
export const PUBLISHED_RANGES: Record<RfmSegment, { r: [number, number]; fm: [number, number] }> = {
  champions: { r: [4, 5], fm: [4, 5] },
  loyal: { r: [2, 5], fm: [3, 5] },
  potential_loyalist: { r: [3, 5], fm: [1, 3] },
  new_customers: { r: [4, 5], fm: [0, 1] },
  promising: { r: [3, 4], fm: [0, 1] },
  need_attention: { r: [2, 3], fm: [2, 3] },
  about_to_sleep: { r: [2, 3], fm: [0, 2] },
  at_risk: { r: [0, 2], fm: [2, 5] },
  cannot_lose_them: { r: [0, 1], fm: [4, 5] },
  hibernating: { r: [1, 2], fm: [1, 2] },
  lost: { r: [0, 2], fm: [0, 2] },
};

const C = "champions", L = "loyal", P = "potential_loyalist", N = "new_customers", PR = "promising", NA = "need_attention",
  S = "about_to_sleep", AR = "at_risk", CL = "cannot_lose_them", H = "hibernating", LO = "lost";

/**
 * GRID[r − 1][F + M − 2]: one row per R score, one column per F + M = 2 … 10
 * (FM = 1, 1.5, …, 5).
 */
export const RFM_GRID: readonly (readonly RfmSegment[])[] = [
  //  FM: 1   1.5  2   2.5  3   3.5  4   4.5  5
  /* R=1 */ [LO, H, H, AR, AR, AR, CL, CL, CL],
  /* R=2 */ [H, H, H, AR, AR, AR, AR, AR, AR],
  /* R=3 */ [S, S, S, NA, NA, L, L, L, L],
  /* R=4 */ [PR, P, P, P, P, L, C, C, C],
  /* R=5 */ [N, P, P, P, P, L, C, C, C],
];

/** The segment of scores r, f, m (integers 1–5). */
export function rfmSegment(r: number, f: number, m: number): RfmSegment {
  for (const v of [r, f, m]) if (!Number.isInteger(v) || v < 1 || v > 5) throw new RangeError(`RFM scores are integers 1–5 (got ${r}, ${f}, ${m})`);
  return RFM_GRID[r - 1]![f + m - 2]!;
}

/**
 * The grid flattened for SQL: segment of (r, f, m) is
 * ($grid::text[])[(r − 1) * 9 + f + m − 1] (Postgres arrays start at 1).
 */
export function rfmGridForSql(): string[] {
  return RFM_GRID.flat();
}
