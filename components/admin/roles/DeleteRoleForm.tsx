"use client";
import { useRouter } from "next/navigation";
import { deleteRoleAction } from "@/app/(app)/admin/roles/actions";
import { FormError } from "@/components/FormError";
import { useAdminForm } from "@/components/admin/roles/useAdminForm";
import { fill, type Text } from "@/components/admin/roles/text";
import type { DELETE_ROLE_TEXT } from "@/components/admin/roles/text-keys";


type Props = { role: { id: string; memberCount: number }; text: Text<(typeof DELETE_ROLE_TEXT)[number]> };

/** A role held by members needs an explicit tick: deleting it takes access away from people. */
export function DeleteRoleForm({ role, text }: Props) {
  const router = useRouter();
  const form = useAdminForm(deleteRoleAction, { refresh: false, onSuccess: () => router.push("/admin/roles") });
  return (
    <form onSubmit={form.onSubmit} aria-labelledby="delete-role-title" className="max-w-md rounded-lg border border-red-200 bg-white p-4">
      <h2 id="delete-role-title" className="mb-2 text-lg font-semibold text-red-800">{text["roles.delete.title"]}</h2>
      <p className="mb-3 text-sm text-slate-700">{text["roles.delete.body"]}</p>
      <input type="hidden" name="roleId" value={role.id} />
      <FormError message={form.error} />
      {role.memberCount > 0 ? (
        <div className="mb-3 flex items-start gap-2">
          <input id="role-delete-confirm" type="checkbox" name="confirmInUse" className="mt-1 h-4 w-4" />
          <label htmlFor="role-delete-confirm" className="text-sm text-slate-800">
            {fill(text["roles.delete.confirmInUse"], { count: role.memberCount })}
          </label>
        </div>
      ) : null}
      <button type="submit" disabled={form.pending} className="rounded bg-red-700 px-4 py-2 font-medium text-white hover:bg-red-800 disabled:opacity-60">
        {form.pending ? text["roles.delete.pending"] : text["roles.delete.submit"]}
      </button>
    </form>
  );
}
