import type { Customer360 } from "@/lib/customers/detail";
import Link from "next/link";
import { formatDate, formatNumber } from "@/lib/format/display";
import type { Translate } from "@/lib/i18n/translate";
import { Card, Facts, NotAllowed } from "@/components/customers/Card";

export function MembershipCard({ customer, t, locale }: { customer: Customer360; t: Translate; locale: string }) {
  const m = customer.membership;
  return (
    <Card id="customer-membership" title={t("customers.membership")}>
      {!m.allowed ? (
        <NotAllowed text={t("customers.section.notAllowed", { permission: "member:read" })} />
      ) : !m.data ? (
        <p className="text-sm text-slate-700">{t("customers.membership.none")}</p>
      ) : (
        <>
          <Facts
            items={[
              [t("customers.membership.tier"), m.data.tier?.name ?? t("customers.membership.noTier")],
              [t("customers.membership.points"), <span key="p" data-testid="points-balance">{formatNumber(m.data.pointsBalance, locale)}</span>],
              [t("customers.membership.memberNo"), <Link key="n" href={`/members/${m.data.id}`} className="text-blue-700 underline">{m.data.memberNo}</Link>],
              [t("customers.membership.joined"), formatDate(m.data.joinedAt, locale, customer.timeZone)],
            ]}
          />
          <h3 className="mb-1 mt-4 text-sm font-semibold text-slate-900">{t("customers.membership.ledger")}</h3>
          {m.data.ledger.length === 0 ? (
            <p className="text-sm text-slate-700">{t("customers.membership.noLedger")}</p>
          ) : (
            <table className="min-w-full text-left text-sm">
              <caption className="sr-only">{t("customers.membership.ledger")}</caption>
              <thead className="text-slate-700">
                <tr>
                  <th scope="col" className="py-1 pr-3">{t("customers.membership.when")}</th>
                  <th scope="col" className="py-1 pr-3">{t("customers.membership.reason")}</th>
                  <th scope="col" className="py-1 pr-3 text-right">{t("customers.membership.delta")}</th>
                  <th scope="col" className="py-1 text-right">{t("customers.membership.balanceAfter")}</th>
                </tr>
              </thead>
              <tbody>
                {m.data.ledger.map((l) => (
                  <tr key={l.id} className="border-t border-slate-100">
                    <td className="py-1 pr-3 whitespace-nowrap">{formatDate(l.createdAt, locale, customer.timeZone)}</td>
                    <td className="py-1 pr-3">{reasonLabel(t, l.reason)}</td>
                    <td className={`py-1 pr-3 text-right ${l.delta < 0 ? "text-red-800" : "text-green-800"}`}>{l.delta > 0 ? `+${l.delta}` : l.delta}</td>
                    <td className="py-1 text-right">{formatNumber(l.balanceAfter, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </Card>
  );
}

function reasonLabel(t: Translate, reason: string): string {
  const key = `customers.points.reason.${reason}`;
  const text = t(key);
  return text === key ? reason : text;
}
