import type { Customer360 } from "@/lib/customers/detail";
import { formatDate } from "@/lib/format/display";
import type { Translate } from "@/lib/i18n/translate";
import { Card } from "@/components/customers/Card";
import { channelLabel } from "@/components/customers/CustomersTable";

export function IdentitiesCard({ customer, t, locale }: { customer: Customer360; t: Translate; locale: string }) {
  return (
    <Card id="customer-identities" title={t("customers.identities")}>
      {customer.identities.length === 0 ? (
        <p className="text-sm text-slate-700">{t("customers.identities.none")}</p>
      ) : (
        <table className="min-w-full text-left text-sm">
          <caption className="sr-only">{t("customers.identities")}</caption>
          <thead className="text-slate-700">
            <tr>
              <th scope="col" className="py-1 pr-3">{t("customers.identities.channel")}</th>
              <th scope="col" className="py-1 pr-3">{t("customers.identities.id")}</th>
              <th scope="col" className="py-1">{t("customers.identities.since")}</th>
            </tr>
          </thead>
          <tbody>
            {customer.identities.map((i) => (
              <tr key={i.id} className="border-t border-slate-100">
                <td className="py-1 pr-3">{channelLabel(t, i.channel)}</td>
                <td className="py-1 pr-3 font-mono text-xs break-all">{i.externalId}</td>
                <td className="py-1 whitespace-nowrap">{formatDate(i.createdAt, locale, customer.timeZone)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}
