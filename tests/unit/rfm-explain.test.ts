// Explanations of RFM scores and churn risk, in English and Chinese.
import { describe, expect, it } from "vitest";
import { explainChurn, explainRfm, type RfmExplanationInput } from "@/lib/analytics/rfm/explain";
import { DEFAULT_SCORING_SETTINGS } from "@/lib/analytics/scoring/settings";
import { en, zh } from "@/lib/i18n/messages/analytics";

const base: RfmExplanationInput = {
  r: 5, f: 3, m: 4, segment: "potential_loyalist", recencyDays: 6, frequency: 4, monetary: 1999,
  settings: DEFAULT_SCORING_SETTINGS,
};
const thresholds = { recency: [30, 90, 180, 365], frequency: [2, 3, 5, 10], monetary: [500, 1000, 5000, 20000] };

describe("RFM explanations", () => {
  it("English, quintiles", () => {
    const e = explainRfm(base, "en");
    expect(e.r).toBe("R=5: last purchase 6 days ago, in the newest 20%");
    expect(e.f).toBe("F=3: 4 purchase days, in the middle 20%");
    expect(e.m).toBe("M=4: CN¥1,999.00 paid in total, in the top 20–40%");
    expect(e.segment).toBe("Segment: Potential loyalist (R=5, average of F and M = 3.5)");
    expect(e.lines).toEqual([e.r, e.f, e.m, e.segment]);
  });

  it("Chinese, quintiles", () => {
    const e = explainRfm(base, "zh-CN");
    expect(e.r).toBe("R=5：最近一次购买在 6 天前，属于最近购买的 20%");
    expect(e.f).toBe("F=3：4 个购买日，处于中间的 20%");
    expect(e.m).toBe("M=4：累计实付 ¥1,999.00，位于前 20%–40%");
    expect(e.segment).toBe("分群：潜在忠诚客户（R=5，F 与 M 的平均 = 3.5）");
  });

  it("says today, one day and one purchase day in the singular, and the bottom bands", () => {
    const e = explainRfm({ ...base, r: 1, f: 1, m: 1, recencyDays: 0, frequency: 1, monetary: 12.5, segment: "lost" }, "en");
    expect(e.r).toBe("R=1: last purchase today, in the oldest 20%");
    expect(e.f).toBe("F=1: 1 purchase day, in the bottom 20%");
    expect(e.m).toBe("M=1: CN¥12.50 paid in total, in the bottom 20%");
    expect(explainRfm({ ...base, recencyDays: 1, r: 2 }, "en").r).toBe("R=2: last purchase 1 day ago, in the oldest 20–40%");
    expect(explainRfm({ ...base, recencyDays: 0 }, "zh-CN").r).toBe("R=5：最近一次购买在今天，属于最近购买的 20%");
  });

  it("follows the settings: orders, mean spend, another currency", () => {
    const settings = { ...DEFAULT_SCORING_SETTINGS, frequencyBasis: "orders" as const, monetaryBasis: "mean" as const };
    const e = explainRfm({ ...base, f: 2, frequency: 3, monetary: 250, settings, currency: "USD" }, "en");
    expect(e.f).toBe("F=2: 3 orders, in the bottom 20–40%");
    expect(e.m).toBe("M=4: $250.00 per order on average, in the top 20–40%");
    expect(explainRfm({ ...base, frequency: 3, settings }, "zh-CN").f).toBe("F=3：3 笔订单，处于中间的 20%");
  });

  it("names the threshold band instead of a quintile when the tenant set thresholds", () => {
    const settings = { ...DEFAULT_SCORING_SETTINGS, thresholds };
    const at = (r: number, f: number, m: number, recencyDays: number, frequency: number, monetary: number) =>
      explainRfm({ ...base, r, f, m, recencyDays, frequency, monetary, settings }, "en");
    expect(at(5, 1, 1, 6, 1, 100).r).toBe("R=5: last purchase 6 days ago (R=5 is 30 days or less)");
    expect(at(4, 1, 1, 45, 1, 100).r).toBe("R=4: last purchase 45 days ago (R=4 is 31–90 days)");
    expect(at(2, 1, 1, 200, 1, 100).r).toBe("R=2: last purchase 200 days ago (R=2 is 181–365 days)");
    expect(at(1, 1, 1, 400, 1, 100).r).toBe("R=1: last purchase 400 days ago (R=1 is more than 365 days)");
    expect(at(1, 5, 1, 400, 12, 100).f).toBe("F=5: 12 purchase days (5 is 10 or more)");
    expect(at(1, 3, 1, 400, 4, 100).f).toBe("F=3: 4 purchase days (3 is 3 to under 5)");
    expect(at(1, 1, 1, 400, 1, 100).m).toBe("M=1: CN¥100.00 paid in total (1 is under CN¥500.00)");
    expect(at(1, 1, 4, 400, 1, 6000).m).toBe("M=4: CN¥6,000.00 paid in total (4 is CN¥5,000.00 to under CN¥20,000.00)");
    const zhE = explainRfm({ ...base, r: 4, recencyDays: 45, settings }, "zh-CN");
    expect(zhE.r).toBe("R=4：最近一次购买在 45 天前（31–90 天为 4 分）");
  });

  it("has no segment line for an unknown segment", () => {
    expect(explainRfm({ ...base, segment: null }, "en").segment).toBeNull();
    expect(explainRfm({ ...base, segment: "vip" }, "en").lines).toHaveLength(3);
  });

  it("English and Chinese messages have the same keys, and every Chinese one is Chinese or punctuation", () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    for (const [k, v] of Object.entries(zh)) expect(v.length, k).toBeGreaterThan(0);
  });
});

describe("churn explanations", () => {
  it("model: the probability and the level", () => {
    const input = { method: "bgnbd" as const, level: "medium" as const, pAlive: 0.4213, x: 3, tx: 60, T: 200, modelFitted: true, referenceInterval: 30 };
    expect(explainChurn(input, "en")).toBe("BG/NBD: probability still active 0.42 → medium risk");
    expect(explainChurn(input, "zh-CN")).toBe("BG/NBD：仍活跃的概率 0.42 → 中风险");
  });

  it("rule: days since the last purchase against the customer's own interval (churn-risk.ts's numbers)", () => {
    // x = 4 repeat purchases over 80 days: every 20 days; last one 100 days ago (T − t_x = 180 − 80).
    const input = { method: "rule" as const, level: "high" as const, pAlive: null, x: 4, tx: 80, T: 180, modelFitted: false, referenceInterval: 35 };
    expect(explainChurn(input, "en")).toBe("Rule (model not fitted): 100 days since the last purchase, 5.0× the usual 20 days (own history) → high risk");
    expect(explainChurn(input, "zh-CN")).toBe("规则（模型未拟合）：距上次购买 100 天，是通常间隔 20 天（本人历史）的 5.0 倍 → 高风险");
  });

  it("rule for a one-time buyer: the tenant's median interval, or the default without one", () => {
    const oneTimer = { method: "rule" as const, level: "medium" as const, pAlive: 1, x: 0, tx: 0, T: 60, modelFitted: true, referenceInterval: 35 };
    expect(explainChurn(oneTimer, "en")).toBe("Rule (one purchase day only): 60 days since the last purchase, 1.7× the usual 35 days (median of repeat buyers) → medium risk");
    expect(explainChurn({ ...oneTimer, referenceInterval: null, modelFitted: false, level: "low" }, "en"))
      .toBe("Rule (model not fitted): 60 days since the last purchase, 0.7× the usual 90 days (default) → low risk");
  });
});
