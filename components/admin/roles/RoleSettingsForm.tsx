"use client";
import { updateRoleAction } from "@/app/(app)/admin/roles/actions";
import { Field } from "@/components/Field";
import { FormError } from "@/components/FormError";
import { StatusMessage } from "@/components/admin/roles/StatusMessage";
import { useAdminForm } from "@/components/admin/roles/useAdminForm";
import type { Text } from "@/components/admin/roles/text";
import type { ROLE_SETTINGS_TEXT } from "@/components/admin/roles/text-keys";


type Props = {
  role: { id: string; name: string; description: string | null };
  text: Text<(typeof ROLE_SETTINGS_TEXT)[number]>;
};

export function RoleSettingsForm({ role, text }: Props) {
  const form = useAdminForm(updateRoleAction);
  const done = form.data ? (form.data.changed ? text["roles.settings.saved"] : text["roles.settings.unchanged"]) : null;
  return (
    <form onSubmit={form.onSubmit} noValidate aria-labelledby="role-settings-title" className="max-w-md">
      <h2 id="role-settings-title" className="mb-3 text-lg font-semibold">{text["roles.settings.title"]}</h2>
      <input type="hidden" name="roleId" value={role.id} />
      <FormError message={form.error} />
      <StatusMessage message={done} />
      <Field label={text["roles.field.name"]} name="name" id="role-settings-name" defaultValue={role.name} required maxLength={60} error={form.fieldErrors.name} />
      <Field label={text["roles.field.description"]} name="description" id="role-settings-description" defaultValue={role.description ?? ""} maxLength={200} error={form.fieldErrors.description} />
      <button type="submit" disabled={form.pending} className="rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 disabled:opacity-60">
        {form.pending ? text["roles.matrix.saving"] : text["roles.settings.submit"]}
      </button>
    </form>
  );
}
