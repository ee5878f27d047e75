import Link from "next/link";
import type { MemberRow } from "@/lib/users/queries";
import type { Translate } from "@/lib/i18n/translate";

export function MembersTable({ rows, t, canManage }: { rows: MemberRow[]; t: Translate; canManage: boolean }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full text-left text-sm" data-testid="members-table">
        <caption className="sr-only">{t("users.caption")}</caption>
        <thead className="bg-slate-50 text-slate-700">
          <tr>
            <th scope="col" className="px-3 py-2">{t("users.name")}</th>
            <th scope="col" className="px-3 py-2">{t("users.email")}</th>
            <th scope="col" className="px-3 py-2">{t("users.department")}</th>
            <th scope="col" className="px-3 py-2">{t("users.manager")}</th>
            <th scope="col" className="px-3 py-2">{t("users.roles")}</th>
            <th scope="col" className="px-3 py-2">{t("users.status")}</th>
            {canManage ? <th scope="col" className="px-3 py-2">{t("users.actions")}</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((m) => (
            <tr key={m.userId} className="border-t border-slate-100">
              <td className="px-3 py-2 font-medium text-slate-900">{m.name}</td>
              <td className="px-3 py-2 text-slate-800">{m.email}</td>
              <td className="px-3 py-2 text-slate-800">{m.departmentName ?? t("users.none")}</td>
              <td className="px-3 py-2 text-slate-800">{m.managerName ?? t("users.none")}</td>
              <td className="px-3 py-2 text-slate-800">{m.roles.length ? m.roles.map((r) => r.name).join("、") : t("users.noRoles")}</td>
              <td className="px-3 py-2 text-slate-800">{t(`users.status.${m.status}`)}</td>
              {canManage ? (
                <td className="px-3 py-2">
                  <Link className="text-blue-700 underline" href={`/admin/users/${m.userId}`} aria-label={`${t("users.edit")} ${m.name}`}>{t("users.edit")}</Link>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
