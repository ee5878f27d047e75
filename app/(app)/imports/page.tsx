import Link from "next/link";
import { definePage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/context";
import { getLocale } from "@/lib/i18n/server";
import { formatDateTime } from "@/lib/format/display";
import { listImports } from "@/lib/imports/requests";
import { importsT } from "@/lib/imports/text";
import { EmptyState } from "@/components/EmptyState";

// The tenant's imports, newest first, with what each did.
export default definePage("import:read", async ({ ctx }) => {
  const locale = await getLocale(ctx.locale);
  const t = importsT(locale);
  const { rows, timeZone } = await listImports(ctx);
  const n = (x: number) => x.toLocaleString(locale);
  return (
    <>
      <div className="mb-1 flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">{t("imports.title")}</h1>
        {can(ctx, "import:run") ? (
          <Link href="/imports/new" className="rounded bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800" data-testid="new-import">
            {t("imports.new")}
          </Link>
        ) : null}
      </div>
      <p className="mb-6 text-slate-700">{t("imports.intro")}</p>
      {rows.length === 0 ? (
        <EmptyState title={t("imports.empty.title")} body={t("imports.empty.body")} />
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-sm" data-testid="imports-table">
            <caption className="sr-only">{t("imports.history.caption")}</caption>
            <thead className="bg-slate-100">
              <tr>
                {["file", "entity", "status", "created", "updated", "skipped", "failed", "by", "when"].map((k) => (
                  <th key={k} scope="col" className="px-3 py-2 text-left font-medium text-slate-800">{t(`imports.history.${k}`)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} className="border-t border-slate-100" data-testid="import-row">
                  <td className="px-3 py-2"><Link href={`/imports/${r.id}`} className="text-blue-700 underline">{r.fileName}</Link></td>
                  <td className="px-3 py-2 text-slate-900">{t(`imports.entity.${r.entity}`)}</td>
                  <td className="px-3 py-2 text-slate-900">{t(`imports.status.${r.status}`)}</td>
                  <td className="px-3 py-2 text-slate-900">{n(r.counts.created)}</td>
                  <td className="px-3 py-2 text-slate-900">{n(r.counts.updated)}</td>
                  <td className="px-3 py-2 text-slate-900">{n(r.counts.skipped)}</td>
                  <td className="px-3 py-2 text-slate-900">{n(r.counts.failed)}</td>
                  <td className="px-3 py-2 text-slate-900">{r.createdByName ?? ""}</td>
                  <td className="whitespace-nowrap px-3 py-2 text-slate-900">{formatDateTime(r.createdAt, locale, timeZone)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
});
