import { describe, expect, it } from "vitest";
import { defaultGrain, filterQuery, parseDashboardFilters, previousPeriod } from "@/lib/dashboard/filters";
import { addDays, bucketStart, bucketsIn, daysBetween, isDay, nextBucket } from "@/lib/dashboard/dates";
import { salesRates } from "@/lib/dashboard/sales";
import { normalizeProvince } from "@/lib/rollups/dimensions";

describe("dashboard filters from the URL", () => {
  it("default to the 30 days ending on the last day with data, compared with the 30 before, by day", () => {
    const { filters, invalid } = parseDashboardFilters({}, "2026-11-25");
    expect(filters).toEqual({ from: "2026-10-27", to: "2026-11-25", grain: "day", compare: "previous", storeId: null, channel: null, province: null, segment: null });
    expect(invalid).toEqual([]);
    expect(previousPeriod(filters)).toEqual({ from: "2026-09-27", to: "2026-10-26" });
  });

  it("keep good values, drop and report bad ones", () => {
    const { filters, invalid } = parseDashboardFilters(
      { from: "2026-02-30", to: "2026-03-31", grain: "hour", compare: "yes", storeId: "not-a-uuid", channel: "tmall", province: "广东省" },
      "2026-11-25",
    );
    expect(invalid.sort()).toEqual(["compare", "from", "grain", "storeId"]);
    expect(filters).toMatchObject({ from: "2026-03-02", to: "2026-03-31", grain: "day", compare: "previous", storeId: null, channel: "tmall", province: "广东" });
  });

  it("refuse a start after the end and ranges beyond ten years", () => {
    expect(parseDashboardFilters({ from: "2026-05-01", to: "2026-04-01" }, "2026-11-25")).toMatchObject({ invalid: ["from"], filters: { from: "2026-03-03", to: "2026-04-01" } });
    const long = parseDashboardFilters({ from: "2000-01-01", to: "2026-01-01" }, "2026-11-25");
    expect(long.invalid).toEqual(["from"]);
    expect(daysBetween(long.filters.from, long.filters.to) + 1).toBe(3660);
  });

  it("pick a readable grain for the range unless one is asked for", () => {
    expect(defaultGrain(30)).toBe("day");
    expect(defaultGrain(90)).toBe("week");
    expect(defaultGrain(365)).toBe("month");
    expect(parseDashboardFilters({ from: "2026-01-01", to: "2026-12-31" }, "2026-12-31").filters.grain).toBe("month");
    expect(parseDashboardFilters({ from: "2026-01-01", to: "2026-12-31", grain: "day" }, "2026-12-31").filters.grain).toBe("day");
    expect(parseDashboardFilters({ compare: ["previous", "none"] }, "2026-12-31").filters.compare).toBe("previous"); // checkbox + hidden field
    expect(parseDashboardFilters({ compare: "none" }, "2026-12-31").filters.compare).toBe("none");
  });

  it("write a query string without defaults, with overrides", () => {
    const { filters } = parseDashboardFilters({ from: "2026-11-01", to: "2026-11-30", channel: "jd" }, "2026-11-30");
    expect(filterQuery(filters)).toBe("?from=2026-11-01&to=2026-11-30&grain=day&channel=jd");
    expect(filterQuery(filters, { province: "广东", channel: null })).toBe(`?from=2026-11-01&to=2026-11-30&grain=day&province=${encodeURIComponent("广东")}`);
  });
});

describe("calendar days", () => {
  it("validate, add and count", () => {
    expect(isDay("2024-02-29")).toBe(true);
    expect(isDay("2025-02-29")).toBe(false);
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(daysBetween("2026-01-01", "2026-03-01")).toBe(59);
  });
  it("start weeks on Monday and months on the 1st", () => {
    expect(bucketStart("2026-03-01", "week")).toBe("2026-02-23"); // a Sunday
    expect(bucketStart("2026-03-02", "week")).toBe("2026-03-02");
    expect(bucketStart("2026-03-31", "month")).toBe("2026-03-01");
    expect(nextBucket("2026-01-01", "month")).toBe("2026-02-01");
    expect(bucketsIn("2026-03-04", "2026-03-20", "week")).toEqual(["2026-03-02", "2026-03-09", "2026-03-16"]);
  });
});

describe("sales rates", () => {
  it("divide by the right denominators and say null when there is none", () => {
    const r = salesRates({
      orders: 10, paidOrders: 8, purchases: 7, revenue: 700, refundedOrders: 1, refundAmount: 50, newPurchases: 2, newRevenue: 140,
      receivedOrders: 5, reviewedOrders: 2, paySeconds: 7200, payCount: 8, shipSeconds: 0, shipCount: 0, receiveSeconds: 36000, receiveCount: 5,
    });
    expect(r).toEqual({ averageOrderValue: 100, paymentRate: 0.8, refundRate: 0.125, reviewRate: 0.4, newRevenueShare: 0.2, payHours: 0.25, shipHours: null, receiveHours: 2 });
  });
});

describe("province names", () => {
  it("reduce to the China map's short names", () => {
    const full = ["北京市", "天津市", "河北省", "山西省", "内蒙古自治区", "辽宁省", "吉林省", "黑龙江省", "上海市", "江苏省", "浙江省", "安徽省",
      "福建省", "江西省", "山东省", "河南省", "湖北省", "湖南省", "广东省", "广西壮族自治区", "海南省", "重庆市", "四川省", "贵州省", "云南省",
      "西藏自治区", "陕西省", "甘肃省", "青海省", "宁夏回族自治区", "新疆维吾尔自治区", "台湾省", "香港特别行政区", "澳门特别行政区"];
    const map = ["北京", "天津", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "上海", "江苏", "浙江", "安徽", "福建", "江西", "山东", "河南",
      "湖北", "湖南", "广东", "广西", "海南", "重庆", "四川", "贵州", "云南", "西藏", "陕西", "甘肃", "青海", "宁夏", "新疆", "台湾", "香港", "澳门"];
    expect(full.map(normalizeProvince)).toEqual(map);
    expect(map.map(normalizeProvince)).toEqual(map);
    expect(normalizeProvince("  广东省 ")).toBe("广东");
    expect(normalizeProvince(null)).toBe("");
  });
});

describe("splitByMonths", () => {
  it("reads whole months monthly and the ragged ends daily", async () => {
    const { splitByMonths } = await import("@/lib/dashboard/dates");
    expect(splitByMonths("2026-01-15", "2026-04-10")).toEqual({ months: ["2026-02-01", "2026-03-01"], days: [["2026-01-15", "2026-01-31"], ["2026-04-01", "2026-04-10"]] });
    expect(splitByMonths("2026-01-01", "2026-03-31")).toEqual({ months: ["2026-01-01", "2026-03-01"], days: [] });
    expect(splitByMonths("2026-01-10", "2026-02-20")).toEqual({ months: null, days: [["2026-01-10", "2026-02-20"]] });
    expect(splitByMonths("2026-02-01", "2026-02-28")).toEqual({ months: ["2026-02-01", "2026-02-01"], days: [] });
    expect(splitByMonths("2026-02-01", "2026-02-27")).toEqual({ months: null, days: [["2026-02-01", "2026-02-27"]] });
  });
});
