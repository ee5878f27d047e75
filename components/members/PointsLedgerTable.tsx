import { formatNumber } from "@/lib/format/display";
import type { Translate } from "@/lib/i18n/translate";

type Row = { id: string; delta: number; balanceAfter: number; reason: string; when: string };

/** Ledger entries, newest first; known reason codes (order, refund, …) are translated, typed reasons shown as written. */
export function PointsLedgerTable({ rows, t, locale }: { rows: Row[]; t: Translate; locale: string }) {
  return (
    <table className="min-w-full text-left text-sm" data-testid="points-ledger">
      <caption className="sr-only">{t("points.ledger.title")}</caption>
      <thead className="text-slate-700">
        <tr>
          <th scope="col" className="py-1 pr-3">{t("points.ledger.when")}</th>
          <th scope="col" className="py-1 pr-3">{t("points.ledger.reason")}</th>
          <th scope="col" className="py-1 pr-3 text-right">{t("points.ledger.delta")}</th>
          <th scope="col" className="py-1 text-right">{t("points.ledger.balanceAfter")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((l) => (
          <tr key={l.id} className="border-t border-slate-100">
            <td className="py-1 pr-3 whitespace-nowrap">{l.when}</td>
            <td className="py-1 pr-3">{reasonLabel(t, l.reason)}</td>
            <td className={`py-1 pr-3 text-right tabular-nums ${l.delta < 0 ? "text-red-800" : "text-green-800"}`}>{l.delta > 0 ? `+${l.delta}` : l.delta}</td>
            <td className="py-1 text-right tabular-nums">{formatNumber(l.balanceAfter, locale)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function reasonLabel(t: Translate, reason: string): string {
  const key = `customers.points.reason.${reason}`;
  const text = t(key);
  return text === key ? reason : text;
}
