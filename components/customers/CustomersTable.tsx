import Link from "next/link";
import type { CustomerListRow } from "@/lib/customers/queries";
import { channelLabelKey } from "@/lib/customers/channels";
import { formatDate } from "@/lib/format/display";
import type { Translate } from "@/lib/i18n/translate";

type Props = { rows: CustomerListRow[]; t: Translate; locale: string; timeZone: string };

export function channelLabel(t: Translate, code: string | null): string {
  if (!code) return "";
  const text = t(channelLabelKey(code));
  return text === channelLabelKey(code) ? code : text;
}

export function CustomersTable({ rows, t, locale, timeZone }: Props) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full text-left text-sm" data-testid="customers-table">
        <caption className="sr-only">{t("customers.caption")}</caption>
        <thead className="bg-slate-50 text-slate-700">
          <tr>
            <th scope="col" className="px-3 py-2">{t("customers.col.name")}</th>
            <th scope="col" className="px-3 py-2">{t("customers.col.phone")}</th>
            <th scope="col" className="px-3 py-2">{t("customers.col.email")}</th>
            <th scope="col" className="px-3 py-2">{t("customers.col.region")}</th>
            <th scope="col" className="px-3 py-2">{t("customers.col.store")}</th>
            <th scope="col" className="px-3 py-2">{t("customers.col.channel")}</th>
            <th scope="col" className="px-3 py-2">{t("customers.col.owner")}</th>
            <th scope="col" className="px-3 py-2">{t("customers.col.tags")}</th>
            <th scope="col" className="px-3 py-2 whitespace-nowrap">{t("customers.col.created")}</th>
            <th scope="col" className="px-3 py-2 whitespace-nowrap">{t("customers.col.lastOrder")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => (
            <tr key={c.id} className="border-t border-slate-100" data-testid="customer-row">
              <th scope="row" className="px-3 py-2 font-medium">
                <Link className="text-blue-700 underline" href={`/customers/${c.id}`}>{c.name}</Link>
              </th>
              <td className="px-3 py-2 whitespace-nowrap text-slate-800" data-testid="customer-phone">{c.phone ?? ""}</td>
              <td className="px-3 py-2 text-slate-800">{c.email ?? ""}</td>
              <td className="px-3 py-2 text-slate-800">{[c.province, c.city].filter(Boolean).join(" ")}</td>
              <td className="px-3 py-2 text-slate-800">{c.homeStore?.name ?? ""}</td>
              <td className="px-3 py-2 text-slate-800">{channelLabel(t, c.sourceChannel)}</td>
              <td className="px-3 py-2 text-slate-800">{c.owner?.name ?? t("customers.unassigned")}</td>
              <td className="px-3 py-2 text-slate-800">
                {c.tags.length ? (
                  <ul className="flex flex-wrap gap-1">
                    {c.tags.map((g) => <li key={g.id} className="rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-800">{g.name}</li>)}
                  </ul>
                ) : null}
              </td>
              <td className="px-3 py-2 whitespace-nowrap text-slate-800">{formatDate(c.createdAt, locale, timeZone)}</td>
              <td className="px-3 py-2 whitespace-nowrap text-slate-800">{c.lastOrderAt ? formatDate(c.lastOrderAt, locale, timeZone) : t("customers.never")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
