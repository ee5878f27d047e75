"use client";
// Create a member, or edit one: department, manager, status and roles. The server
// action re-checks everything; this form only collects and shows its answer.
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { createMemberAction, updateMemberAction } from "@/app/(app)/admin/users/actions";
import { Field } from "@/components/Field";
import { FormError } from "@/components/FormError";
import type { MemberFormOptions } from "@/lib/users/queries";

export type MemberFormText = Record<
  | "users.name" | "users.email" | "users.initialPassword" | "users.initialPasswordHint" | "users.department" | "users.manager"
  | "users.roles" | "users.status" | "users.status.active" | "users.status.disabled" | "users.create" | "users.creating"
  | "users.saveChanges" | "users.saving" | "users.created" | "users.addedExisting" | "users.saved" | "users.noDepartment"
  | "users.noManager",
  string
>;

type Initial = { userId: string; departmentId: string | null; managerUserId: string | null; status: string; roleIds: string[] };

const selectClass = "w-full rounded border border-slate-400 bg-white px-3 py-2 text-slate-900";

export function MemberForm({ text, options, initial }: { text: MemberFormText; options: MemberFormOptions; initial?: Initial }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const editing = Boolean(initial);

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    if (initial) form.set("userId", initial.userId);
    setMessage(null);
    setDone(null);
    start(async () => {
      const result = editing ? await updateMemberAction(form) : await createMemberAction(form);
      if (!result.ok) {
        setErrors(result.fieldErrors ?? {});
        setMessage(result.message);
        return;
      }
      setErrors({});
      if (editing) setDone(text["users.saved"]);
      else {
        const data = result.data as Partial<{ email: string; existingAccount: boolean }>;
        setDone((data.existingAccount ? text["users.addedExisting"] : text["users.created"]).replace("{email}", data.email ?? ""));
        formEl.reset();
      }
      router.refresh();
    });
  }

  return (
    <form onSubmit={onSubmit} noValidate className="max-w-xl" data-testid={editing ? "edit-member-form" : "create-member-form"}>
      <FormError message={message} />
      {done ? <p role="status" className="mb-4 rounded border border-green-300 bg-green-50 p-3 text-sm text-green-900">{done}</p> : null}
      {!editing ? (
        <>
          <Field label={text["users.email"]} name="email" type="email" autoComplete="off" required error={errors.email} />
          <Field label={text["users.name"]} name="name" required error={errors.name} />
          <Field label={text["users.initialPassword"]} name="password" type="password" autoComplete="new-password" error={errors.password} aria-describedby="password-hint" />
          <p id="password-hint" className="-mt-3 mb-4 text-xs text-slate-600">{text["users.initialPasswordHint"]}</p>
        </>
      ) : null}
      <div className="mb-4">
        <label htmlFor="f-departmentId" className="mb-1 block text-sm font-medium text-slate-800">{text["users.department"]}</label>
        <select id="f-departmentId" name="departmentId" defaultValue={initial?.departmentId ?? options.departments[0]?.id ?? ""} className={selectClass}>
          <option value="">{text["users.noDepartment"]}</option>
          {options.departments.map((d) => (
            <option key={d.id} value={d.id}>{"\u00a0\u00a0".repeat(d.depth) + d.name}</option>
          ))}
        </select>
        {errors.departmentId ? <p className="mt-1 text-sm text-red-700" role="alert">{errors.departmentId}</p> : null}
      </div>
      <div className="mb-4">
        <label htmlFor="f-managerUserId" className="mb-1 block text-sm font-medium text-slate-800">{text["users.manager"]}</label>
        <select id="f-managerUserId" name="managerUserId" defaultValue={initial?.managerUserId ?? ""} className={selectClass}>
          <option value="">{text["users.noManager"]}</option>
          {options.managers.filter((m) => m.userId !== initial?.userId).map((m) => (
            <option key={m.userId} value={m.userId}>{m.name}</option>
          ))}
        </select>
        {errors.managerUserId ? <p className="mt-1 text-sm text-red-700" role="alert">{errors.managerUserId}</p> : null}
      </div>
      {editing ? (
        <div className="mb-4">
          <label htmlFor="f-status" className="mb-1 block text-sm font-medium text-slate-800">{text["users.status"]}</label>
          <select id="f-status" name="status" defaultValue={initial?.status} className={selectClass}>
            <option value="active">{text["users.status.active"]}</option>
            <option value="disabled">{text["users.status.disabled"]}</option>
          </select>
          {errors.status ? <p className="mt-1 text-sm text-red-700" role="alert">{errors.status}</p> : null}
        </div>
      ) : null}
      <fieldset className="mb-4">
        <legend className="mb-1 text-sm font-medium text-slate-800">{text["users.roles"]}</legend>
        <div className="flex flex-wrap gap-3">
          {options.roles.map((r) => (
            <label key={r.id} className="flex items-center gap-2 text-slate-900">
              <input type="checkbox" name="roleIds[]" value={r.id} defaultChecked={initial?.roleIds.includes(r.id)} />
              {r.name}
            </label>
          ))}
        </div>
        {errors.roleIds ? <p className="mt-1 text-sm text-red-700" role="alert">{errors.roleIds}</p> : null}
      </fieldset>
      <button type="submit" disabled={pending} className="rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 disabled:opacity-60">
        {editing ? (pending ? text["users.saving"] : text["users.saveChanges"]) : pending ? text["users.creating"] : text["users.create"]}
      </button>
    </form>
  );
}
