// Above the table: how many customers match (exact under the cap, "10,000+" or the
// planner's estimate with a link to count exactly beyond it), how the search text was understood, and
// whether contact details are masked for this user.
import Link from "next/link";
import type { CustomerListPage } from "@/lib/customers/queries";
import { listHref, type ListRequest } from "@/lib/customers/filters";
import { formatPhone } from "@/lib/format/phone";
import { formatNumber } from "@/lib/format/display";
import type { Translate } from "@/lib/i18n/translate";

type Props = { page: CustomerListPage; request: ListRequest; t: Translate; locale: string };

function searchText(page: CustomerListPage, t: Translate): string | null {
  const s = page.search;
  if (!s) return null;
  switch (s.kind) {
    case "phone": return t("customers.search.asPhone", { phone: formatPhone(s.e164) });
    case "phoneTail": return t("customers.search.asPhoneTail", { digits: s.digits });
    case "email": return t("customers.search.asEmail", { email: s.email });
    case "name": return t("customers.search.asName", { prefix: s.raw });
  }
}

/** An estimate shown to two significant digits (42,597 → 43,000): it is not exact. */
function roughly(n: number): number {
  if (n < 100) return n;
  const unit = 10 ** (Math.floor(Math.log10(n)) - 1);
  return Math.round(n / unit) * unit;
}

export function ListSummary({ page, request, t, locale }: Props) {
  const search = searchText(page, t);
  return (
    <div className="mb-3 space-y-1" data-testid="customers-summary">
      <p role="status" className="font-medium text-slate-900" data-testid="customers-count">
        {page.count.exact
          ? t("customers.count.exact", { count: formatNumber(page.count.value, locale) })
          : page.count.estimate !== undefined
            ? t("customers.count.estimated", { count: formatNumber(roughly(page.count.estimate), locale) })
            : t("customers.count.atLeast", { count: formatNumber(page.count.atLeast, locale) })}
        {!page.count.exact ? (
          <>
            {" "}
            <Link className="font-normal text-blue-700 underline" href={listHref(request.filters, request.sort, { count: "exact" })} data-testid="exact-count-link">
              {t("customers.count.exactLink")}
            </Link>
          </>
        ) : null}
      </p>
      {search ? <p className="text-sm text-slate-700">{search} {t("customers.search.alsoIds")}</p> : null}
      {page.masked ? <p className="text-sm text-slate-700">{t("customers.maskedNotice")}</p> : null}
    </div>
  );
}
