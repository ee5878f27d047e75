"use client";
import { useRouter } from "next/navigation";
import { createRoleAction } from "@/app/(app)/admin/roles/actions";
import { Field } from "@/components/Field";
import { FormError } from "@/components/FormError";
import { useAdminForm } from "@/components/admin/roles/useAdminForm";
import type { Text } from "@/components/admin/roles/text";
import type { CREATE_ROLE_TEXT } from "@/components/admin/roles/text-keys";


/** After creating, go straight to the new role's matrix: a role without permissions is not useful yet. */
export function CreateRoleForm({ text }: { text: Text<(typeof CREATE_ROLE_TEXT)[number]> }) {
  const router = useRouter();
  const form = useAdminForm(createRoleAction, {
    refresh: false,
    onSuccess: (data) => router.push(`/admin/roles/${data.id}`),
  });
  return (
    <form onSubmit={form.onSubmit} noValidate aria-labelledby="create-role-title" className="max-w-md rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="create-role-title" className="mb-3 text-lg font-semibold">{text["roles.create.title"]}</h2>
      <FormError message={form.error} />
      <Field label={text["roles.field.name"]} name="name" id="role-name" required maxLength={60} error={form.fieldErrors.name} />
      <Field label={text["roles.field.description"]} name="description" id="role-description" maxLength={200} error={form.fieldErrors.description} />
      <button type="submit" disabled={form.pending} className="rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 disabled:opacity-60">
        {form.pending ? text["roles.create.pending"] : text["roles.create.submit"]}
      </button>
    </form>
  );
}
