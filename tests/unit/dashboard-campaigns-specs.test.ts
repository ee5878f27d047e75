// The campaign contribution and product affinity charts' specs: what their CSV and
// data table say, and the lift format.
import { describe, expect, it } from "vitest";
import { makeFormatter, specCsv, specTable } from "@/components/charts/spec";
import { campaignCustomersSpec, campaignRevenueSpec } from "@/components/dashboard/CampaignContribution";
import { affinitySpec } from "@/components/dashboard/ProductAffinity";
import { translator } from "@/lib/i18n/translate";
import type { CampaignsData } from "@/lib/dashboard/campaign-contribution";

const t = translator("en");
const row = (name: string, revenue: number, incremental: number | null) => ({
  campaignId: name, name, status: "running", contacted: 5, converted: 2, purchases: 3, revenue, revenueShare: revenue / 1000,
  treatmentCustomers: 6, controlCustomers: incremental === null ? 0 : 4, incrementalRevenue: incremental, incrementalCi: null,
});

describe("campaign contribution specs", () => {
  it("carry revenue, incremental revenue and share per campaign, and contacts and conversions", () => {
    const data: CampaignsData = { launched: 2, periodRevenue: 1000, rows: [row("国庆", 390, 240), row("双十一", 150, null)] };
    const revenue = specTable(campaignRevenueSpec(data, t));
    expect(revenue.header).toEqual(["Campaign", "Attributed revenue", "Incremental revenue vs control"]);
    expect(revenue.rows).toEqual([["国庆", 390, 240], ["双十一", 150, null]]);
    expect(specCsv(campaignCustomersSpec(data, t))).toBe("\uFEFFCampaign,Contacted customers,Converting customers,Share of period revenue\r\n国庆,5,2,0.39\r\n双十一,5,2,0.15\r\n");
  });

  it("draw at most 15 campaigns", () => {
    const rows = Array.from({ length: 20 }, (_, i) => row(`c${i}`, 100 - i, null));
    const table = specTable(campaignRevenueSpec({ launched: 20, periodRevenue: 1000, rows }, t));
    expect(table.rows.map((r) => r[0])).toEqual(rows.slice(0, 15).map((r) => r.name));
  });
});

describe("product affinity spec", () => {
  it("is a lift heatmap over the matrix's products, empty cells null, lift with two decimals", () => {
    const spec = affinitySpec({
      run: { orders: 20, rules: 3, computedAt: new Date() }, rules: [],
      matrix: { products: [{ id: "a", name: "手机" }, { id: "b", name: "手机壳" }], lift: [[null, 2.5], [2.5, null]] },
    }, t);
    expect(specTable(spec)).toMatchObject({ header: ["Product", "手机", "手机壳"], rows: [["手机", null, 2.5], ["手机壳", 2.5, null]] });
    expect(makeFormatter("en", "CNY", "h")(2.456, "ratio")).toBe("2.46");
    expect(makeFormatter("zh-CN", "CNY", "小时")(20 / 3, "ratio")).toBe("6.67");
  });
});
