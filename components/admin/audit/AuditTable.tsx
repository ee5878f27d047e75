import Link from "next/link";
import type { AuditRow } from "@/lib/audit/queries";
import type { Translate } from "@/lib/i18n/translate";
import { AuditDiff } from "@/components/admin/audit/AuditDiff";

/** A translated label when we have one; the raw key otherwise (actions from other modules). */
function labelOr(t: Translate, key: string, fallback: string): string {
  const text = t(key);
  return text === key ? fallback : text;
}

function recordName(row: AuditRow): string | null {
  for (const side of [row.after, row.before]) {
    const name = (side as { name?: unknown } | null)?.name;
    if (typeof name === "string") return name;
  }
  return null;
}

function recordHref(row: AuditRow): string | null {
  if (!row.entityId || row.action.endsWith(".delete")) return null;
  if (row.entity === "role") return `/admin/roles/${row.entityId}`;
  if (row.entity === "department") return `/admin/departments?edit=${row.entityId}`;
  return null;
}

type Props = { rows: AuditRow[]; t: Translate; locale: string; timeZone: string };

export function AuditTable({ rows, t, locale, timeZone }: Props) {
  const when = new Intl.DateTimeFormat(locale, { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" });
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full text-sm" data-testid="audit-table">
        <caption className="p-3 text-left text-slate-700">{t("audit.caption")}</caption>
        <thead className="bg-slate-50">
          <tr>
            <th scope="col" className="px-3 py-2 text-left font-semibold whitespace-nowrap">{t("audit.col.when", { timeZone })}</th>
            <th scope="col" className="px-3 py-2 text-left font-semibold">{t("audit.col.who")}</th>
            <th scope="col" className="px-3 py-2 text-left font-semibold">{t("audit.col.what")}</th>
            <th scope="col" className="px-3 py-2 text-left font-semibold">{t("audit.col.record")}</th>
            <th scope="col" className="px-3 py-2 text-left font-semibold">{t("audit.col.changes")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const name = recordName(row);
            const href = recordHref(row);
            return (
              <tr key={row.id} className="border-t border-slate-200 align-top" data-testid="audit-row">
                <td className="px-3 py-2 whitespace-nowrap tabular-nums"><time dateTime={row.createdAt.toISOString()}>{when.format(row.createdAt)}</time></td>
                <td className="px-3 py-2">
                  {row.actor ? (
                    <>
                      <span className="block font-medium">{row.actor.name}</span>
                      <span className="block text-xs text-slate-700">{row.actor.email}</span>
                    </>
                  ) : (
                    <span className="text-slate-700">{row.actorUserId ? t("audit.formerMember") : t("audit.system")}</span>
                  )}
                </td>
                <td className="px-3 py-2">
                  <span className="block">{labelOr(t, `audit.action.${row.action}`, row.action)}</span>
                  <code className="text-xs text-slate-700">{row.action}</code>
                </td>
                <td className="px-3 py-2">
                  <span className="block text-xs text-slate-700">{labelOr(t, `audit.entity.${row.entity}`, row.entity)}</span>
                  {href ? <Link className="text-blue-700 underline" href={href}>{name ?? row.entityId}</Link> : <span>{name ?? row.entityId ?? "—"}</span>}
                </td>
                <td className="px-3 py-2"><AuditDiff before={row.before} after={row.after} t={t} /></td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
