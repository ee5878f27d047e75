// The RFM segment map and the quintile rule, without a database.
import { describe, expect, it } from "vitest";
import { PUBLISHED_RANGES, RFM_GRID, RFM_SEGMENTS, rfmGridForSql, rfmSegment } from "@/lib/analytics/rfm/segments";
import { quintileCutsSql, quintileOfRank, rfmScoreSql } from "@/lib/analytics/rfm/sql";
import { en } from "@/lib/i18n/messages/analytics";
import { en as customersEn, zh as customersZh } from "@/lib/i18n/messages/customers";
import { zh } from "@/lib/i18n/messages/analytics";

const scores = [1, 2, 3, 4, 5];

describe("RFM segment map", () => {
  it("is a 5 × 9 grid of R against F + M", () => {
    expect(RFM_GRID).toHaveLength(5);
    for (const row of RFM_GRID) expect(row).toHaveLength(9);
  });

  it("puts every cell inside its segment's published R and FM ranges", () => {
    for (const r of scores) {
      for (let sum = 2; sum <= 10; sum++) {
        const segment = RFM_GRID[r - 1]![sum - 2]!;
        const range = PUBLISHED_RANGES[segment];
        const fm = sum / 2;
        expect({ r, fm, segment, inR: r >= range.r[0] && r <= range.r[1], inFm: fm >= range.fm[0] && fm <= range.fm[1] })
          .toEqual({ r, fm, segment, inR: true, inFm: true });
      }
    }
  });

  it("reaches all 11 segments", () => {
    expect(new Set(RFM_GRID.flat())).toEqual(new Set(RFM_SEGMENTS));
    expect(RFM_SEGMENTS).toHaveLength(11);
  });

  it.each([
    [5, 5, 5, "champions"], [4, 4, 4, "champions"], [4, 5, 3, "champions"],
    [5, 4, 3, "loyal"], [3, 5, 5, "loyal"], [3, 4, 3, "loyal"],
    [5, 2, 3, "potential_loyalist"], [4, 1, 2, "potential_loyalist"], [5, 3, 3, "potential_loyalist"],
    [5, 1, 1, "new_customers"], [4, 1, 1, "promising"],
    [3, 3, 3, "need_attention"], [3, 2, 3, "need_attention"],
    [3, 1, 1, "about_to_sleep"], [3, 2, 2, "about_to_sleep"],
    [2, 5, 5, "at_risk"], [2, 3, 2, "at_risk"], [1, 3, 3, "at_risk"],
    [1, 5, 5, "cannot_lose_them"], [1, 4, 4, "cannot_lose_them"],
    [2, 1, 1, "hibernating"], [1, 2, 1, "hibernating"], [1, 2, 2, "hibernating"],
    [1, 1, 1, "lost"],
  ] as const)("R=%i F=%i M=%i → %s", (r, f, m, segment) => {
    expect(rfmSegment(r, f, m)).toBe(segment);
    expect(rfmSegment(r, m, f)).toBe(segment);
  });

  it("gives the SQL lookup the same answer for all 125 score triples", () => {
    const grid = rfmGridForSql();
    for (const r of scores) for (const f of scores) for (const m of scores) {
      expect(grid[(r - 1) * 9 + f + m - 1 - 1]).toBe(rfmSegment(r, f, m));
    }
  });

  it("refuses scores outside 1–5", () => {
    expect(() => rfmSegment(0, 1, 1)).toThrow(RangeError);
    expect(() => rfmSegment(1, 6, 1)).toThrow(RangeError);
    expect(() => rfmSegment(1, 1, 2.5)).toThrow(RangeError);
  });

  it("has an English and a Chinese name for every segment, the same as the customer view's", () => {
    for (const s of RFM_SEGMENTS) {
      const key = `analytics.segment.${s}` as keyof typeof en;
      expect(en[key]).toBe(customersEn[`customers.segment.${s}` as keyof typeof customersEn]);
      expect(zh[key]).toBe(customersZh[`customers.segment.${s}` as keyof typeof customersZh]);
      expect(zh[key]).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

describe("quintiles", () => {
  /** NTILE(5) by its definition: the first n % 5 buckets hold one row more. */
  function ntile(n: number): number[] {
    const out: number[] = [];
    const q = Math.floor(n / 5);
    for (let b = 1; b <= 5; b++) for (let i = 0; i < q + (b <= n % 5 ? 1 : 0); i++) out.push(b);
    return out;
  }

  it("quintileOfRank is NTILE(5) of the k-th row for every n up to 60", () => {
    for (let n = 1; n <= 60; n++) {
      const expected = ntile(n);
      for (let k = 1; k <= n; k++) expect(quintileOfRank(k, n)).toBe(expected[k - 1]);
    }
  });

  it("25 distinct values: exactly five per score", () => {
    const counts = [0, 0, 0, 0, 0];
    for (let k = 1; k <= 25; k++) counts[quintileOfRank(k, 25) - 1]!++;
    expect(counts).toEqual([5, 5, 5, 5, 5]);
  });

  it("thresholds become CASE expressions with the cut points as numeric literals", () => {
    const sql = rfmScoreSql({ recency: [30, 90, 180, 365], frequency: [2, 3, 5, 10], monetary: [500, 1000, 5000, 20000] });
    expect(sql.r).toContain("recency_days <= 30::numeric THEN 5");
    expect(sql.r).toContain("recency_days <= 365::numeric THEN 2 ELSE 1");
    expect(sql.f).toContain("frequency >= 10::numeric THEN 5");
    expect(sql.m).toContain("monetary >= 500::numeric THEN 2 ELSE 1");
    expect(() => rfmScoreSql({ recency: [1, 2, 3, NaN], frequency: [1, 2, 3, 4], monetary: [1, 2, 3, 4] })).toThrow(RangeError);
  });

  it("quintile cuts become a CASE from the highest score down; the lowest is the rest", () => {
    const cuts = [{ score: 5, bound: "900.50" }, { score: 4, bound: "300" }, { score: 2, bound: "120.10" }, { score: 1, bound: "0" }];
    expect(quintileCutsSql("monetary", cuts, "ASC")).toBe(
      "(CASE WHEN monetary >= 900.50 THEN 5 WHEN monetary >= 300 THEN 4 WHEN monetary >= 120.10 THEN 2 ELSE 1 END)::smallint",
    );
    expect(quintileCutsSql("recency_days", [{ score: 5, bound: "12" }, { score: 3, bound: "40" }], "DESC")).toBe(
      "(CASE WHEN recency_days <= 12 THEN 5 ELSE 3 END)::smallint",
    );
    expect(quintileCutsSql("frequency", [{ score: 3, bound: "1" }], "ASC")).toBe("3::smallint");
    expect(() => quintileCutsSql("monetary", [{ score: 5, bound: "1; DROP TABLE x" }, { score: 1, bound: "0" }], "ASC")).toThrow(RangeError);
    expect(() => quintileCutsSql("monetary", [{ score: 6, bound: "1" }, { score: 1, bound: "0" }], "ASC")).toThrow(RangeError);
  });
});
