// Sales figures → KPI lists and chart specs, shared by the overview and the sales
// dashboard.
import type { ChartSpec } from "@/components/charts/spec";
import type { Kpi } from "@/components/dashboard/Kpis";
import { channelName } from "@/components/dashboard/FilterForm";
import { orUnknown, storeLabeller, topWithOther } from "@/components/dashboard/labels";
import type { DashboardBase } from "@/lib/dashboard/base";
import { filterQuery } from "@/lib/dashboard/filters";
import { salesRates, type Contribution, type SalesData, type SalesTotals } from "@/lib/dashboard/sales";
import type { Translate } from "@/lib/i18n/translate";

type Pick = "revenue" | "orders" | "purchases" | "aov" | "newCustomers" | "newRevenueShare" | "paymentRate" | "refundRate" | "reviewRate" | "payCycle" | "shipCycle" | "receiveCycle";

export function salesKpis(totals: { current: SalesTotals; previous: SalesTotals | null }, t: Translate, pick: Pick[]): Kpi[] {
  const c = totals.current;
  const p = totals.previous;
  const rc = salesRates(c);
  const rp = p ? salesRates(p) : null;
  const all: Record<Pick, Kpi> = {
    revenue: { id: "revenue", label: t("dashboard.kpi.revenue"), value: c.revenue, previous: p?.revenue, format: "money" },
    orders: { id: "orders", label: t("dashboard.kpi.orders"), value: c.orders, previous: p?.orders, format: "count" },
    purchases: { id: "purchases", label: t("dashboard.kpi.purchases"), value: c.purchases, previous: p?.purchases, format: "count" },
    aov: { id: "aov", label: t("dashboard.kpi.aov"), value: rc.averageOrderValue, previous: rp?.averageOrderValue, format: "money" },
    newCustomers: { id: "new-customers", label: t("dashboard.kpi.newCustomers"), value: c.newCustomers, previous: p?.newCustomers, format: "count" },
    newRevenueShare: { id: "new-revenue-share", label: t("dashboard.kpi.newRevenueShare"), value: rc.newRevenueShare, previous: rp?.newRevenueShare, format: "percent" },
    paymentRate: { id: "payment-rate", label: t("dashboard.kpi.paymentRate"), value: rc.paymentRate, previous: rp?.paymentRate, format: "percent" },
    refundRate: { id: "refund-rate", label: t("dashboard.kpi.refundRate"), value: rc.refundRate, previous: rp?.refundRate, format: "percent", lowerIsBetter: true },
    reviewRate: { id: "review-rate", label: t("dashboard.kpi.reviewRate"), value: rc.reviewRate, previous: rp?.reviewRate, format: "percent" },
    payCycle: { id: "pay-cycle", label: t("dashboard.kpi.payCycle"), value: rc.payHours, previous: rp?.payHours, format: "hours", lowerIsBetter: true },
    shipCycle: { id: "ship-cycle", label: t("dashboard.kpi.shipCycle"), value: rc.shipHours, previous: rp?.shipHours, format: "hours", lowerIsBetter: true },
    receiveCycle: { id: "receive-cycle", label: t("dashboard.kpi.receiveCycle"), value: rc.receiveHours, previous: rp?.receiveHours, format: "hours", lowerIsBetter: true },
  };
  return pick.map((k) => all[k]);
}

export function trendSpec(data: Pick2<SalesData, "trend" | "previousRevenue">, t: Translate): ChartSpec {
  return {
    kind: "category",
    categoryLabel: t("dashboard.axis.period"),
    categories: data.trend.map((p) => p.bucket),
    series: [
      { name: t("dashboard.series.revenue"), values: data.trend.map((p) => p.revenue), format: "money", type: "bar" },
      ...(data.previousRevenue ? [{ name: t("dashboard.series.previousRevenue"), values: data.previousRevenue, format: "money" as const, type: "line" as const, dashed: true }] : []),
      { name: t("dashboard.series.orders"), values: data.trend.map((p) => p.orders), format: "count", type: "line", axis: 1 },
    ],
  };
}
type Pick2<T, K extends keyof T> = { [P in K]: T[P] };

export function customersSpec(data: SalesData, t: Translate): ChartSpec {
  return {
    kind: "category",
    categoryLabel: t("dashboard.axis.period"),
    categories: data.trend.map((p) => p.bucket),
    series: [
      { name: t("dashboard.series.customers"), values: data.trend.map((p) => p.customers), format: "count", type: "bar" },
      { name: t("dashboard.series.newCustomers"), values: data.trend.map((p) => p.newCustomers), format: "count", type: "line" },
    ],
  };
}

export function newVsReturningSpec(data: SalesData, t: Translate): ChartSpec {
  return {
    kind: "category",
    categoryLabel: t("dashboard.axis.period"),
    categories: data.trend.map((p) => p.bucket),
    series: [
      { name: t("dashboard.series.newRevenue"), values: data.trend.map((p) => p.newRevenue), format: "money", type: "bar", stack: "revenue" },
      { name: t("dashboard.series.returningRevenue"), values: data.trend.map((p) => Math.max(0, p.revenue - p.newRevenue)), format: "money", type: "bar", stack: "revenue" },
    ],
  };
}

const other = (t: Translate) => (rest: Contribution[]): Contribution => ({
  key: t("dashboard.other"), revenue: rest.reduce((s, r) => s + r.revenue, 0), orders: rest.reduce((s, r) => s + r.orders, 0), purchases: rest.reduce((s, r) => s + r.purchases, 0),
});

export function storeSpec(rows: Contribution[], base: DashboardBase, t: Translate): ChartSpec {
  const label = storeLabeller(base, t);
  const named = rows.map((r) => ({ ...r, key: label(r.key) }));
  const shown = topWithOther(named, 20, other(t));
  return {
    kind: "category", horizontal: true, categoryLabel: t("dashboard.axis.store"),
    categories: shown.map((r) => r.key),
    series: [
      { name: t("dashboard.series.revenue"), values: shown.map((r) => r.revenue), format: "money", type: "bar" },
      { name: t("dashboard.series.orders"), values: shown.map((r) => r.orders), format: "count", type: "bar", axis: 1 },
    ],
  };
}

export function channelSpec(rows: Contribution[], t: Translate): ChartSpec {
  return {
    kind: "pie", categoryLabel: t("dashboard.axis.channel"), valueLabel: t("dashboard.series.revenue"), format: "money",
    items: rows.map((r) => ({ name: channelName(t, r.key), value: r.revenue })),
  };
}

/** By province (each a drill-down link to its cities) or by city of the chosen province. */
export function regionSpec(byRegion: SalesData["byRegion"], base: DashboardBase, t: Translate, path: string): ChartSpec {
  const name = orUnknown(t);
  const rows = topWithOther(byRegion.rows, 25, other(t));
  return {
    kind: "category", horizontal: true,
    categoryLabel: t(byRegion.level === "province" ? "dashboard.axis.province" : "dashboard.axis.city"),
    categories: rows.map((r) => name(r.key)),
    links: byRegion.level === "province"
      ? rows.map((r, i) => (r.key && i < 25 ? `${path}${filterQuery(base.filters, { province: r.key })}` : null)) // the 26th is "Other"
      : undefined,
    series: [
      { name: t("dashboard.series.revenue"), values: rows.map((r) => r.revenue), format: "money", type: "bar" },
      { name: t("dashboard.series.orders"), values: rows.map((r) => r.orders), format: "count", type: "bar", axis: 1 },
    ],
  };
}
