"use client";
// Rename, move and delete for one department. The page passes only the move
// targets outside the department's own subtree; the server checks for cycles again.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { deleteDepartmentAction, moveDepartmentAction, updateDepartmentAction } from "@/app/(app)/admin/departments/actions";
import { Field } from "@/components/Field";
import { FormError } from "@/components/FormError";
import { StatusMessage } from "@/components/admin/roles/StatusMessage";
import { useAdminForm } from "@/components/admin/roles/useAdminForm";
import { fill, type Text } from "@/components/admin/roles/text";
import { DepartmentSelect, type DepartmentOption } from "@/components/admin/departments/DepartmentSelect";
import { KindSelect } from "@/components/admin/departments/KindSelect";
import type { EDIT_DEPARTMENT_TEXT } from "@/components/admin/departments/text-keys";


type Props = {
  department: { id: string; name: string; kind: string; parentId: string | null; memberCount: number; childCount: number };
  moveTargets: DepartmentOption[];
  kindLabels: Record<string, string>;
  text: Text<(typeof EDIT_DEPARTMENT_TEXT)[number]>;
};

const button = "rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 disabled:opacity-60";

export function EditDepartmentPanel({ department: d, moveTargets, kindLabels, text }: Props) {
  const router = useRouter();
  const rename = useAdminForm(updateDepartmentAction);
  const move = useAdminForm(moveDepartmentAction);
  const remove = useAdminForm(deleteDepartmentAction, { refresh: false, onSuccess: () => router.push("/admin/departments") });
  const isRoot = d.parentId === null;
  const blocked = d.childCount > 0 || d.memberCount > 0;

  return (
    <section aria-labelledby="edit-department-title" className="rounded-lg border border-blue-200 bg-white p-4" data-testid="edit-department">
      <div className="mb-3 flex items-start justify-between gap-2">
        <h2 id="edit-department-title" className="text-lg font-semibold">{fill(text["departments.editPanel.title"], { name: d.name })}</h2>
        <Link href="/admin/departments" className="text-sm text-blue-700 underline">{text["departments.editPanel.close"]}</Link>
      </div>

      <form onSubmit={rename.onSubmit} noValidate aria-labelledby="rename-title" className="mb-6">
        <h3 id="rename-title" className="mb-2 font-semibold">{text["departments.rename.title"]}</h3>
        <input type="hidden" name="departmentId" value={d.id} />
        <FormError message={rename.error} />
        <StatusMessage message={rename.data ? (rename.data.changed ? text["departments.rename.done"] : text["departments.unchanged"]) : null} />
        <Field label={text["departments.field.name"]} name="name" id="edit-department-name" defaultValue={d.name} required maxLength={100} error={rename.fieldErrors.name} />
        {d.kind === "head_office" ? null : (
          <KindSelect id="edit-department-kind" label={text["departments.field.kind"]} kindLabels={kindLabels} defaultValue={d.kind} error={rename.fieldErrors.kind} />
        )}
        <button type="submit" disabled={rename.pending} className={button}>
          {rename.pending ? text["roles.matrix.saving"] : text["departments.rename.submit"]}
        </button>
      </form>

      <form onSubmit={move.onSubmit} noValidate aria-labelledby="move-title" className="mb-6">
        <h3 id="move-title" className="mb-2 font-semibold">{text["departments.move.title"]}</h3>
        {isRoot || moveTargets.length === 0 ? (
          <p className="text-sm text-slate-700">{text["departments.move.root"]}</p>
        ) : (
          <>
            <p className="mb-2 text-sm text-slate-700">{text["departments.move.help"]}</p>
            <input type="hidden" name="departmentId" value={d.id} />
            <FormError message={move.error} />
            <StatusMessage message={move.data ? (move.data.changed ? text["departments.move.done"] : text["departments.unchanged"]) : null} />
            <DepartmentSelect id="move-department-parent" name="parentId" label={text["departments.field.newParent"]} options={moveTargets} defaultValue={d.parentId ?? undefined} error={move.fieldErrors.parentId} />
            <button type="submit" disabled={move.pending} className={button}>
              {move.pending ? text["roles.matrix.saving"] : text["departments.move.submit"]}
            </button>
          </>
        )}
      </form>

      <form onSubmit={remove.onSubmit} aria-labelledby="delete-department-title">
        <h3 id="delete-department-title" className="mb-2 font-semibold text-red-800">{text["departments.delete.title"]}</h3>
        <input type="hidden" name="departmentId" value={d.id} />
        <FormError message={remove.error} />
        {isRoot ? (
          <p className="text-sm text-slate-700">{text["departments.error.rootFixed"]}</p>
        ) : (
          <>
            <p className="mb-2 text-sm text-slate-700">
              {blocked ? fill(text["departments.delete.blocked"], { children: d.childCount, members: d.memberCount }) : text["departments.delete.help"]}
            </p>
            <button type="submit" disabled={remove.pending || blocked} className="rounded bg-red-700 px-4 py-2 font-medium text-white hover:bg-red-800 disabled:opacity-60">
              {text["departments.delete.submit"]}
            </button>
          </>
        )}
      </form>
    </section>
  );
}
