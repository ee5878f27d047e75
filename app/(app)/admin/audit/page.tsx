import Link from "next/link";
import { definePage } from "@/lib/auth/guard";
import { getLocale, getT } from "@/lib/i18n/server";
import { parseAuditFilters, type AuditFilters as Filters } from "@/lib/audit/filters";
import { auditFilterOptions, listAuditLog } from "@/lib/audit/queries";
import { EmptyState } from "@/components/EmptyState";
import { AuditFilters } from "@/components/admin/audit/AuditFilters";
import { AuditTable } from "@/components/admin/audit/AuditTable";

const FIELD_LABEL = {
  action: "audit.filter.action", entity: "audit.filter.entity", actorUserId: "audit.filter.actor", from: "audit.filter.from", to: "audit.filter.to",
} as const;

/** The URL of this view with another cursor (or none): filters stay, the position changes. */
function hrefWith(filters: Filters, after: string | null): string {
  const q = new URLSearchParams();
  for (const k of ["action", "entity", "actorUserId", "from", "to"] as const) if (filters[k]) q.set(k, filters[k]);
  if (after) q.set("after", after);
  const s = q.toString();
  return s ? `/admin/audit?${s}` : "/admin/audit";
}

export default definePage("audit_log:read", async ({ ctx, searchParams }) => {
  const { filters, invalid } = parseAuditFilters(searchParams);
  const [t, locale, page, options] = await Promise.all([
    getT(ctx.locale), getLocale(ctx.locale), listAuditLog(ctx, filters), auditFilterOptions(ctx),
  ]);
  const filtered = Boolean(filters.action || filters.entity || filters.actorUserId || filters.from || filters.to);
  return (
    <>
      <h1 className="mb-1 text-2xl font-semibold">{t("audit.title")}</h1>
      <p className="mb-6 text-slate-700">{t("audit.intro")}</p>
      {invalid.length ? (
        <p role="alert" className="mb-4 rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          {t("audit.filter.invalid", { fields: invalid.map((f) => t(FIELD_LABEL[f])).join(", ") })}
        </p>
      ) : null}
      <AuditFilters filters={filters} options={options} t={t} />
      {page.rows.length === 0 ? (
        <EmptyState title={t("audit.emptyTitle")} body={filtered || filters.cursor ? t("audit.emptyFilteredBody") : t("audit.emptyBody")} />
      ) : (
        <AuditTable rows={page.rows} t={t} locale={locale} timeZone={page.timeZone} />
      )}
      <nav aria-label={t("audit.pagination")} className="mt-4 flex gap-6">
        {filters.cursor ? <Link className="text-blue-700 underline" href={hrefWith(filters, null)}>{t("audit.first")}</Link> : null}
        {page.nextCursor ? <Link className="text-blue-700 underline" href={hrefWith(filters, page.nextCursor)} rel="next">{t("audit.next")} →</Link> : null}
      </nav>
    </>
  );
});
