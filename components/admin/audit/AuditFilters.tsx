// The filter form is a plain GET form: no script needed, and a filtered view is a
// URL that can be bookmarked or sent to a colleague. Submitting starts again at
// the newest entry (the cursor is not carried over).
import Link from "next/link";
import type { AuditFilterOptions } from "@/lib/audit/queries";
import type { AuditFilters as ParsedFilters } from "@/lib/audit/filters";
import type { Translate } from "@/lib/i18n/translate";

type Props = { filters: ParsedFilters; options: AuditFilterOptions; t: Translate };

const input = "w-full rounded border border-slate-400 bg-white px-3 py-2 text-slate-900";
const label = "mb-1 block text-sm font-medium text-slate-800";

export function AuditFilters({ filters, options, t }: Props) {
  const entities = [...new Set([...options.entities, ...(filters.entity ? [filters.entity] : [])])];
  const entityLabel = (e: string) => {
    const text = t(`audit.entity.${e}`);
    return text === `audit.entity.${e}` ? e : `${text} (${e})`;
  };
  return (
    <form method="get" action="/admin/audit" aria-labelledby="audit-filters-title" className="mb-6 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="audit-filters-title" className="mb-3 text-lg font-semibold">{t("audit.filters")}</h2>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5">
        <div>
          <label htmlFor="audit-action" className={label}>{t("audit.filter.action")}</label>
          <input id="audit-action" name="action" list="audit-actions" defaultValue={filters.action ?? ""} aria-describedby="audit-action-help" className={input} />
          <datalist id="audit-actions">{options.actions.map((a) => <option key={a} value={a} />)}</datalist>
          <p id="audit-action-help" className="mt-1 text-xs text-slate-700">{t("audit.filter.actionHelp")}</p>
        </div>
        <div>
          <label htmlFor="audit-entity" className={label}>{t("audit.filter.entity")}</label>
          <select id="audit-entity" name="entity" defaultValue={filters.entity ?? ""} className={input}>
            <option value="">{t("audit.filter.any")}</option>
            {entities.map((e) => <option key={e} value={e}>{entityLabel(e)}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="audit-actor" className={label}>{t("audit.filter.actor")}</label>
          <select id="audit-actor" name="actorUserId" defaultValue={filters.actorUserId ?? ""} className={input}>
            <option value="">{t("audit.filter.anyone")}</option>
            {options.actors.map((a) => <option key={a.id} value={a.id}>{`${a.name} <${a.email}>`}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="audit-from" className={label}>{t("audit.filter.from")}</label>
          <input id="audit-from" name="from" type="date" defaultValue={filters.from ?? ""} className={input} />
        </div>
        <div>
          <label htmlFor="audit-to" className={label}>{t("audit.filter.to")}</label>
          <input id="audit-to" name="to" type="date" defaultValue={filters.to ?? ""} className={input} />
        </div>
      </div>
      <div className="mt-4 flex items-center gap-4">
        <button type="submit" className="rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800">{t("audit.filter.apply")}</button>
        <Link href="/admin/audit" className="text-blue-700 underline">{t("audit.filter.clear")}</Link>
      </div>
    </form>
  );
}
