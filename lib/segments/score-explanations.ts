// Each score of one customer with why it is what it is, for the customer 360 view:
// R, F, M and the RFM segment and churn risk (lib/analytics/rfm/explain.ts through
// explainCustomerScore), P(alive) and predicted CLV (with the run's horizon and
// discount rate), and the customer's cluster with its profile. The caller has
// already shown the customer is theirs to read (the 360 page's scope check).
import type { AuthContext } from "@/lib/auth/context";
import { withTenant } from "@/lib/db/tenant";
import type { Locale, Translate } from "@/lib/i18n/translate";
import { explainCustomerScore } from "@/lib/analytics/scoring/queries";
import { formatMoney } from "@/lib/format/display";

export type ScoreExplanation = { key: "r" | "f" | "m" | "segment" | "churn" | "pAlive" | "clv" | "cluster"; text: string };
export type ScoreExplanations = { asOf: string | null; items: ScoreExplanation[] };

export async function explainScores(ctx: AuthContext, customerId: string, locale: Locale, t: Translate): Promise<ScoreExplanations> {
  return withTenant(ctx, async (tx) => {
    const base = await explainCustomerScore(tx, ctx.tenantId, customerId, locale);
    const items: ScoreExplanation[] = [];
    if (base?.rfm) {
      items.push({ key: "r", text: base.rfm.r }, { key: "f", text: base.rfm.f }, { key: "m", text: base.rfm.m });
      if (base.rfm.segment) items.push({ key: "segment", text: base.rfm.segment });
    }
    if (base?.churn) items.push({ key: "churn", text: base.churn });
    if (base) {
      items.push({
        key: "pAlive",
        text: base.pAlive != null
          ? t("segments.explain.pAlive.value", {
            p: `${(base.pAlive * 100).toFixed(0)}%`, e90: base.expectedPurchases90 != null ? base.expectedPurchases90.toFixed(2) : "—",
          })
          : t("segments.explain.pAlive.none"),
      });
      items.push({
        key: "clv",
        text: base.predictedClv != null
          ? t("segments.explain.clv.value", {
            clv: formatMoney(base.predictedClv, base.currency, locale), months: base.settings.clvHorizonMonths,
            rate: +(base.settings.annualDiscountRate * 100).toFixed(2),
          })
          : t("segments.explain.clv.none"),
      });
    }
    const [cluster] = await tx.$queryRaw<{ cluster: number; name_en: string | null; name_zh: string | null; r: number | null; f: number | null; m: number | null; currency: string }[]>`
      SELECT cc.cluster, p.name_en, p.name_zh, p.mean_recency AS r, p.mean_frequency AS f, p.mean_monetary AS m, te.currency
      FROM customer_clusters cc JOIN tenants te ON te.id = cc.tenant_id
      LEFT JOIN cluster_profiles p ON p.tenant_id = cc.tenant_id AND p.cluster = cc.cluster
      WHERE cc.tenant_id = ${ctx.tenantId}::uuid AND cc.customer_id = ${customerId}::uuid`;
    if (cluster) {
      const num = (v: number | null) => (v === null ? "—" : new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(v));
      const profile = t("segments.explain.cluster.profile", {
        recency: num(cluster.r), frequency: num(cluster.f), monetary: cluster.m === null ? "—" : formatMoney(cluster.m.toFixed(2), cluster.currency, locale),
      });
      const name = (locale === "en" ? cluster.name_en : cluster.name_zh) ?? t("segments.overview.cluster", { n: cluster.cluster });
      items.push({ key: "cluster", text: t("segments.explain.cluster.value", { name, n: cluster.cluster, profile }) });
    } else {
      items.push({ key: "cluster", text: t("segments.explain.cluster.none") });
    }
    return { asOf: base?.asOf ?? null, items };
  });
}
