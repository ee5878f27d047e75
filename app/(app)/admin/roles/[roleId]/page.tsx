import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { definePage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/context";
import { DATA_SCOPES, type DataScope } from "@/lib/auth/catalog";
import { getLocale, getT } from "@/lib/i18n/server";
import { getRole, MATRIX_ACTIONS, permissionMatrixRows } from "@/lib/roles/queries";
import { DeleteRoleForm } from "@/components/admin/roles/DeleteRoleForm";
import { PermissionMatrix } from "@/components/admin/roles/PermissionMatrix";
import { RoleBadge } from "@/components/admin/roles/RoleBadge";
import { RoleSettingsForm } from "@/components/admin/roles/RoleSettingsForm";
import { DELETE_ROLE_TEXT, MATRIX_TEXT, ROLE_SETTINGS_TEXT } from "@/components/admin/roles/text-keys";
import { pickText } from "@/components/admin/roles/text";

export default definePage("role:read", async ({ ctx, params }) => {
  const roleId = z.uuid().safeParse(params.roleId);
  if (!roleId.success) notFound();
  const [t, locale, role] = await Promise.all([getT(ctx.locale), getLocale(ctx.locale), getRole(ctx, roleId.data)]);
  if (!role) notFound();
  const rows = await permissionMatrixRows(ctx, locale);
  const manage = can(ctx, "role:manage");
  const isOwner = role.systemKey === "owner";
  const isCustom = !role.systemKey;
  const columns = MATRIX_ACTIONS.filter((a) => rows.some((r) => r.actions.includes(a))).map((a) => ({ key: a, label: t(`roles.action.${a}`) }));
  const scopes = DATA_SCOPES.map((s) => ({ key: s, label: t(`roles.scope.${s}`) }));
  const held = Object.fromEntries(ctx.grants) as Record<string, DataScope>;

  return (
    <>
      <p className="mb-2 text-sm"><Link className="text-blue-700 underline" href="/admin/roles">← {t("roles.back")}</Link></p>
      <h1 className="mb-1 flex flex-wrap items-center gap-3 text-2xl font-semibold">
        {role.name}
        <RoleBadge system={!isCustom} label={isCustom ? t("roles.custom") : t("roles.system")} />
      </h1>
      {role.description ? <p className="mb-1 text-slate-700">{role.description}</p> : null}
      <p className="mb-4 text-sm text-slate-700">{t("roles.membersCount", { count: role.memberCount })}</p>

      {isOwner ? (
        <p className="mb-4 max-w-3xl rounded border border-blue-200 bg-blue-50 p-3 text-sm text-blue-900" data-testid="owner-locked">{t("roles.ownerNotice")}</p>
      ) : !isCustom ? (
        <p className="mb-4 max-w-3xl rounded border border-slate-200 bg-slate-50 p-3 text-sm text-slate-800">{t("roles.systemNotice")}</p>
      ) : null}
      {!manage ? <p className="mb-4 max-w-3xl rounded border border-slate-200 bg-slate-50 p-3 text-sm text-slate-800">{t("roles.readOnlyNotice")}</p> : null}

      {manage && isCustom ? (
        <div className="mb-8"><RoleSettingsForm role={role} text={pickText(t, ROLE_SETTINGS_TEXT)} /></div>
      ) : null}

      <PermissionMatrix
        key={role.id}
        role={{ id: role.id, name: role.name }}
        rows={rows}
        columns={columns}
        scopes={scopes}
        initial={role.grants}
        held={held}
        readOnly={!manage || isOwner}
        text={pickText(t, MATRIX_TEXT)}
      />

      {manage && isCustom ? (
        <div className="mt-10"><DeleteRoleForm role={{ id: role.id, memberCount: role.memberCount }} text={pickText(t, DELETE_ROLE_TEXT)} /></div>
      ) : null}
    </>
  );
});
