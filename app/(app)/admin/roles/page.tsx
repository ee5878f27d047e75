import Link from "next/link";
import { definePage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/context";
import { getT } from "@/lib/i18n/server";
import { listRoles } from "@/lib/roles/queries";
import { EmptyState } from "@/components/EmptyState";
import { CreateRoleForm } from "@/components/admin/roles/CreateRoleForm";
import { CREATE_ROLE_TEXT } from "@/components/admin/roles/text-keys";
import { RoleBadge } from "@/components/admin/roles/RoleBadge";
import { pickText } from "@/components/admin/roles/text";

export default definePage("role:read", async ({ ctx }) => {
  const [t, roles] = await Promise.all([getT(ctx.locale), listRoles(ctx)]);
  return (
    <>
      <h1 className="mb-1 text-2xl font-semibold">{t("roles.title")}</h1>
      <p className="mb-6 max-w-3xl text-slate-700">{t("roles.intro")}</p>
      {roles.length === 0 ? (
        <EmptyState title={t("roles.emptyTitle")} body={t("roles.emptyBody")} />
      ) : (
        <div className="mb-8 overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-sm" data-testid="roles-table">
            <caption className="p-3 text-left text-slate-700">{t("roles.listCaption")}</caption>
            <thead className="bg-slate-50">
              <tr>
                <th scope="col" className="px-3 py-2 text-left font-semibold">{t("roles.col.name")}</th>
                <th scope="col" className="px-3 py-2 text-left font-semibold">{t("roles.col.type")}</th>
                <th scope="col" className="px-3 py-2 text-right font-semibold">{t("roles.col.members")}</th>
                <th scope="col" className="px-3 py-2 text-right font-semibold">{t("roles.col.permissions")}</th>
              </tr>
            </thead>
            <tbody>
              {roles.map((r) => (
                <tr key={r.id} className="border-t border-slate-200">
                  <th scope="row" className="px-3 py-2 text-left font-medium">
                    <Link className="text-blue-700 underline" href={`/admin/roles/${r.id}`}>{r.name}</Link>
                    {r.description ? <span className="block text-xs font-normal text-slate-700">{r.description}</span> : null}
                  </th>
                  <td className="px-3 py-2"><RoleBadge system={Boolean(r.systemKey)} label={r.systemKey ? t("roles.system") : t("roles.custom")} /></td>
                  <td className="px-3 py-2 text-right tabular-nums">{r.memberCount.toLocaleString(ctx.locale)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{r.permissionCount.toLocaleString(ctx.locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {can(ctx, "role:manage") ? <CreateRoleForm text={pickText(t, CREATE_ROLE_TEXT)} /> : null}
    </>
  );
});
