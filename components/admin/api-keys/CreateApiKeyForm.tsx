"use client";
// Create an API key: a name and a role; the token appears once, to be copied now.
import { useActionState } from "react";
import { createApiKeyAction } from "@/app/(app)/admin/api-keys/actions";
import { Field } from "@/components/Field";
import { FormError } from "@/components/FormError";

type Text = Record<"name" | "role" | "chooseRole" | "submit" | "tokenTitle" | "tokenNote", string>;
type State = Awaited<ReturnType<typeof createApiKeyAction>> | null;

export function CreateApiKeyForm({ roles, text }: { roles: { id: string; name: string }[]; text: Text }) {
  const [state, action, pending] = useActionState<State, FormData>((_prev, form) => createApiKeyAction(form), null);
  const errors = state && !state.ok ? state.fieldErrors ?? {} : {};
  return (
    <>
      {state?.ok ? (
        <div role="status" className="mb-4 rounded border border-green-700 bg-green-50 p-3" data-testid="api-key-token">
          <p className="font-semibold text-green-900">{text.tokenTitle}</p>
          <code className="mt-1 block break-all text-sm text-slate-900">{state.data.token}</code>
          <p className="mt-1 text-sm text-slate-800">{text.tokenNote}</p>
        </div>
      ) : null}
      <form action={action} className="max-w-md">
        <FormError message={state && !state.ok && !state.fieldErrors ? state.message : null} />
        <Field label={text.name} name="name" required maxLength={80} error={errors.name} />
        <div className="mb-4">
          <label htmlFor="f-roleId" className="mb-1 block text-sm font-medium text-slate-800">{text.role}</label>
          <select id="f-roleId" name="roleId" required defaultValue="" aria-invalid={errors.roleId ? true : undefined}
            aria-describedby={errors.roleId ? "f-roleId-error" : undefined} className="w-full rounded border border-slate-400 px-3 py-2 text-slate-900">
            <option value="" disabled>{text.chooseRole}</option>
            {roles.map((r) => <option key={r.id} value={r.id}>{r.name}</option>)}
          </select>
          {errors.roleId ? <p id="f-roleId-error" role="alert" className="mt-1 text-sm text-red-700">{errors.roleId}</p> : null}
        </div>
        <button type="submit" disabled={pending} className="rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 disabled:opacity-60">{text.submit}</button>
      </form>
    </>
  );
}
