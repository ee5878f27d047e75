// labelAgreement: the share of points in the same cluster under the best matching of labels.
import { describe, expect, it } from "vitest";
import { labelAgreement } from "@/lib/analytics/clusters/agreement";

describe("labelAgreement", () => {
  it("is 1 for the same clustering under other numbers", () => {
    expect(labelAgreement([0, 0, 1, 1, 2, 2], [2, 2, 0, 0, 1, 1], 3)).toBe(1);
  });

  it("counts the points outside the best matching", () => {
    // a's 0 ↔ b's 1 (3 points), a's 1 ↔ b's 0 (2 of 3): 5 of 6.
    expect(labelAgreement([0, 0, 0, 1, 1, 1], [1, 1, 1, 0, 0, 1], 2)).toBeCloseTo(5 / 6, 15);
    // The best matching is not the greedy one: the largest cell a0↔b0 (5) leaves a1↔b1 (0) = 5; a0↔b1 + a1↔b0 = 4 + 4 = 8.
    const a = [...Array(9).fill(0), ...Array(4).fill(1)];
    const b = [...Array(5).fill(0), ...Array(4).fill(1), ...Array(4).fill(0)];
    expect(labelAgreement(a, b, 2)).toBeCloseTo(8 / 13, 15);
    expect(labelAgreement([0, 0, 0, 0, 1, 1, 1], [0, 0, 0, 1, 0, 0, 1], 2)).toBeCloseTo(4 / 7, 15);
  });

  it("refuses labels out of range and unequal lengths", () => {
    expect(() => labelAgreement([0, 3], [0, 1], 2)).toThrow(RangeError);
    expect(() => labelAgreement([0], [0, 1], 2)).toThrow(RangeError);
  });
});
