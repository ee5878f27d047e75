// The what-if model's arithmetic on hand-computed cases (lib/campaigns/whatif/model.ts).
import { describe, expect, it } from "vitest";
import { interpolate, whatIf, type HistoryCell } from "@/lib/campaigns/whatif/model";

const settings = { baselineRate: 0.02, defaultRate: 0.05, grossMargin: 0.5, fallbackOrderValue: 100 };
const r3 = (x: number) => Math.round(x * 1000) / 1000;

describe("interpolate", () => {
  const pts = [{ offer: 0, rate: 0.1 }, { offer: 20, rate: 0.3 }, { offer: 40, rate: 0.35 }];
  it("is linear between points and flat outside them", () => {
    expect([0, 10, 20, 30, 40, 100].map((x) => r3(interpolate(pts, x)))).toEqual([0.1, 0.2, 0.3, 0.325, 0.35, 0.35]);
    expect(interpolate([], 5)).toBe(0);
  });
});

describe("whatIf", () => {
  it("uses each segment's own history, and the pooled history for a segment without any", () => {
    const cells: HistoryCell[] = [
      { segment: "at_risk", offer: 20, arm: "treatment", n: 100, responders: 30, revenue: 30 * 200 },
      { segment: "at_risk", offer: 20, arm: "control", n: 100, responders: 10, revenue: 10 * 200 },
      { segment: "lost", offer: 20, arm: "treatment", n: 100, responders: 10, revenue: 10 * 100 },
      { segment: "lost", offer: 20, arm: "control", n: 100, responders: 5, revenue: 5 * 100 },
    ];
    // 10 at_risk, 10 lost, 10 unscored, no control: 30 contacted.
    const w = whatIf({ at_risk: 10, lost: 10, unscored: 10 }, 0, [20], cells, 1, settings);
    const l = w.levels[0]!;
    // at_risk: 10 × 0.3 = 3 (incr 10 × 0.2 = 2, × 200 = 400); lost: 10 × 0.1 = 1 (incr 0.5, × 100 = 50);
    // unscored: pooled baseline 15/200 = 0.075, pooled rate 40/200 = 0.2 → 2 responders, incr 1.25 × pooled AOV (7000/40 = 175) = 218.75.
    expect([l.contacted, r3(l.responders), r3(l.incrementalResponders), r3(l.incrementalRevenue), r3(l.cost), r3(l.profit)])
      .toEqual([30, 6, 3.75, 668.75, 120, 214.375]);
    expect(w.hasHistory).toBe(true);
  });

  it("states the defaults when there is no history", () => {
    const w = whatIf({ unscored: 100 }, 0.1, [0, 20], [], 0, settings);
    expect(w.levels.map((l) => [r3(l.responders), r3(l.incrementalResponders), r3(l.cost)])).toEqual([[1.8, 0, 0], [4.5, 2.7, 90]]);
    expect(w.assumptions[0]!.key).toBe("campaigns.whatif.assume.noHistory");
    expect(w.assumptions.find((a) => a.key === "campaigns.whatif.assume.aov")!.params).toEqual({ aov: 100 });
  });
});
