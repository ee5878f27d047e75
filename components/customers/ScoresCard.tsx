// Scores come only from a scoring run (customer_scores). Without one this says so:
// a made-up or zero score would be read as a real judgement of the customer.
import type { Customer360 } from "@/lib/customers/detail";
import { formatCalendarDate, formatMoney } from "@/lib/format/display";
import type { Translate } from "@/lib/i18n/translate";
import { Card, Facts } from "@/components/customers/Card";

export function ScoresCard({ customer, t, locale }: { customer: Customer360; t: Translate; locale: string }) {
  const s = customer.scores;
  const labelOr = (prefix: string, v: string | null) => {
    if (!v) return null;
    const text = t(`${prefix}.${v}`);
    return text === `${prefix}.${v}` ? v : text;
  };
  return (
    <Card id="customer-scores" title={t("customers.scores")}>
      {!s ? (
        <p className="text-sm text-slate-700" data-testid="scores-not-computed">{t("customers.scores.notComputed")}</p>
      ) : (
        <>
          <Facts
            items={[
              [t("customers.scores.segment"), labelOr("customers.segment", s.rfmSegment)],
              [t("customers.scores.rfm"), [s.rScore, s.fScore, s.mScore].every((x) => x !== null) ? `R${s.rScore} F${s.fScore} M${s.mScore}` : null],
              [t("customers.scores.recency"), s.recencyDays !== null ? t("customers.scores.days", { days: s.recencyDays }) : null],
              [t("customers.scores.frequency"), String(s.frequency)],
              [t("customers.scores.monetary"), formatMoney(s.monetary, customer.currency, locale)],
              [t("customers.scores.churnRisk"), labelOr("customers.churn", s.churnRisk)],
              [t("customers.scores.pAlive"), s.pAlive !== null ? `${(s.pAlive * 100).toFixed(0)}%` : null],
              [t("customers.scores.expected90"), s.expectedPurchases90 !== null ? s.expectedPurchases90.toFixed(2) : null],
              [t("customers.scores.clv"), s.predictedClv !== null ? formatMoney(s.predictedClv, customer.currency, locale) : null],
            ]}
          />
          <p className="mt-3 text-xs text-slate-700">{t("customers.scores.asOf", { date: formatCalendarDate(s.asOf, locale) })}</p>
        </>
      )}
    </Card>
  );
}
