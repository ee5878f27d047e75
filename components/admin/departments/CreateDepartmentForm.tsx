"use client";
import { createDepartmentAction } from "@/app/(app)/admin/departments/actions";
import { Field } from "@/components/Field";
import { FormError } from "@/components/FormError";
import { StatusMessage } from "@/components/admin/roles/StatusMessage";
import { useAdminForm } from "@/components/admin/roles/useAdminForm";
import type { Text } from "@/components/admin/roles/text";
import { DepartmentSelect, type DepartmentOption } from "@/components/admin/departments/DepartmentSelect";
import { KindSelect } from "@/components/admin/departments/KindSelect";
import type { CREATE_DEPARTMENT_TEXT } from "@/components/admin/departments/text-keys";


type Props = {
  options: DepartmentOption[];
  defaultParentId?: string;
  kindLabels: Record<string, string>;
  text: Text<(typeof CREATE_DEPARTMENT_TEXT)[number]>;
};

export function CreateDepartmentForm({ options, defaultParentId, kindLabels, text }: Props) {
  const form = useAdminForm(createDepartmentAction, { resetOnSuccess: true });
  return (
    <form id="new-department" onSubmit={form.onSubmit} noValidate aria-labelledby="new-department-title" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="new-department-title" className="mb-3 text-lg font-semibold">{text["departments.create.title"]}</h2>
      <FormError message={form.error} />
      <StatusMessage message={form.data ? text["departments.create.done"] : null} />
      <DepartmentSelect id="new-department-parent" name="parentId" label={text["departments.field.parent"]} options={options} defaultValue={defaultParentId} error={form.fieldErrors.parentId} />
      <Field label={text["departments.field.name"]} name="name" id="new-department-name" required maxLength={100} error={form.fieldErrors.name} />
      <KindSelect id="new-department-kind" label={text["departments.field.kind"]} kindLabels={kindLabels} defaultValue="store" error={form.fieldErrors.kind} />
      <button type="submit" disabled={form.pending} className="rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 disabled:opacity-60">
        {form.pending ? text["departments.create.pending"] : text["departments.create.submit"]}
      </button>
    </form>
  );
}
