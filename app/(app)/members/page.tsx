import Link from "next/link";
import { definePage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/context";
import { getLocale, getT } from "@/lib/i18n/server";
import { formatDate, formatNumber } from "@/lib/format/display";
import { membersOverview } from "@/lib/members/queries";
import { parseMemberFilters } from "@/lib/members/schemas";
import { EmptyState } from "@/components/EmptyState";
import { TiersTable } from "@/components/members/TiersTable";
import { TierForm } from "@/components/members/TierForm";
import { tierFormText } from "@/components/members/form-text";

// Tiers with their member counts, then the members themselves, both inside the
// caller's member:read scope. Tier management appears with member:manage.
export default definePage("member:read", async ({ ctx, searchParams }) => {
  const filters = parseMemberFilters(searchParams);
  const [t, locale, data] = await Promise.all([getT(ctx.locale), getLocale(ctx.locale), membersOverview(ctx, filters)]);
  const manage = can(ctx, "member:manage");
  const href = (page: number) => {
    const q = new URLSearchParams();
    if (filters.q) q.set("q", filters.q);
    if (filters.tierId) q.set("tier", filters.tierId);
    if (page > 1) q.set("page", String(page));
    const s = q.toString();
    return s ? `/members?${s}` : "/members";
  };
  const filtered = Boolean(filters.q || filters.tierId);
  const formText = tierFormText(t);
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold">{t("members.title")}</h1>
        <p className="mt-1 text-slate-700">{t("members.intro")}</p>
      </div>

      <section aria-labelledby="tiers-heading" className="space-y-3">
        <h2 id="tiers-heading" className="text-lg font-semibold">{t("members.tiers")}</h2>
        {data.tiers.length === 0 ? (
          <EmptyState title={t("members.tiers.emptyTitle")} body={manage ? t("members.tiers.emptyBodyManage") : t("members.tiers.emptyBody")} />
        ) : (
          <TiersTable tiers={data.tiers} withoutTier={data.withoutTier} total={data.total} manage={manage} t={t} locale={locale} formText={formText} />
        )}
        {manage ? (
          <details className="rounded-lg border border-slate-200 bg-white p-4" data-testid="tier-create">
            <summary className="cursor-pointer font-medium text-blue-800">{t("members.tier.new")}</summary>
            <div className="mt-3">
              <TierForm nextRank={Math.max(0, ...data.tiers.map((x) => x.rank)) + 1} text={{ ...formText, submit: t("members.tier.create") }} />
            </div>
          </details>
        ) : null}
      </section>

      <section aria-labelledby="members-heading" className="space-y-3">
        <h2 id="members-heading" className="text-lg font-semibold">{t("members.list")}</h2>
        <form method="get" action="/members" role="search" aria-label={t("members.search.label")} className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4">
          <div>
            <label htmlFor="mf-q" className="mb-1 block text-sm font-medium text-slate-800">{t("members.search.label")}</label>
            <input id="mf-q" name="q" defaultValue={filters.q} aria-describedby="mf-q-help" className="w-64 rounded border border-slate-400 px-3 py-2" />
            <p id="mf-q-help" className="mt-1 text-xs text-slate-700">{t("members.search.help")}</p>
          </div>
          <div>
            <label htmlFor="mf-tier" className="mb-1 block text-sm font-medium text-slate-800">{t("members.filter.tier")}</label>
            <select id="mf-tier" name="tier" defaultValue={filters.tierId ?? ""} className="rounded border border-slate-400 bg-white px-3 py-2">
              <option value="">{t("members.filter.anyTier")}</option>
              {data.tiers.map((x) => <option key={x.id} value={x.id}>{x.name}</option>)}
              <option value="none">{t("members.noTier")}</option>
            </select>
          </div>
          <button type="submit" className="rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800">{t("members.filter.apply")}</button>
          {filtered ? <Link href="/members" className="py-2 text-blue-700 underline">{t("members.filter.clear")}</Link> : null}
        </form>
        {data.rows.length === 0 ? (
          <EmptyState title={filtered ? t("members.empty.filteredTitle") : t("members.empty.title")} body={filtered ? t("members.empty.filteredBody") : t("members.empty.body")} />
        ) : (
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="min-w-full text-left text-sm" data-testid="members-table">
              <caption className="sr-only">{t("members.caption")}</caption>
              <thead className="bg-slate-50 text-slate-700">
                <tr>
                  <th scope="col" className="px-3 py-2">{t("members.col.memberNo")}</th>
                  <th scope="col" className="px-3 py-2">{t("members.col.customer")}</th>
                  <th scope="col" className="px-3 py-2">{t("members.col.tier")}</th>
                  <th scope="col" className="px-3 py-2 text-right">{t("members.col.points")}</th>
                  <th scope="col" className="px-3 py-2">{t("members.col.joined")}</th>
                </tr>
              </thead>
              <tbody>
                {data.rows.map((m) => (
                  <tr key={m.id} className="border-t border-slate-100">
                    <th scope="row" className="px-3 py-2 font-normal">
                      <Link href={`/members/${m.id}`} className="text-blue-700 underline">{m.memberNo}</Link>
                    </th>
                    <td className="px-3 py-2"><Link href={`/customers/${m.customerId}`} className="text-blue-700 underline">{m.customerName}</Link></td>
                    <td className="px-3 py-2">{m.tierName ?? t("members.noTier")}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{formatNumber(m.points, locale)}</td>
                    <td className="px-3 py-2 whitespace-nowrap">{formatDate(m.joinedAt, locale, data.timeZone)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <nav aria-label={t("members.pagination")} className="flex gap-6">
          {filters.page > 1 ? <Link rel="prev" className="text-blue-700 underline" href={href(filters.page - 1)}>← {t("members.previous")}</Link> : null}
          {data.hasNext ? <Link rel="next" className="text-blue-700 underline" href={href(filters.page + 1)}>{t("members.next")} →</Link> : null}
        </nav>
      </section>
    </div>
  );
});
