"use client";
// Add a tag (an existing one or a new manual one) or remove one, on the 360 view.
// The server action re-checks the permission, the scope and the tag; this only
// collects input and shows the answer.
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { addCustomerTagAction, removeCustomerTagAction } from "@/app/(app)/customers/[id]/actions";
import { FormError } from "@/components/FormError";

export type TagEditorText = Record<"add" | "adding" | "label" | "remove" | "removeNamed" | "computed" | "none", string>;

type Props = {
  customerId: string;
  tags: { id: string; name: string; kind: string }[];
  suggestions: string[];
  text: TagEditorText;
};

export function TagEditor({ customerId, tags, suggestions, text }: Props) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);

  function add(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    form.set("customerId", customerId);
    start(async () => {
      const result = await addCustomerTagAction(form);
      if (!result.ok) {
        setError(result.message);
        setFieldError(result.fieldErrors?.tagName ?? null);
        return;
      }
      setError(null);
      setFieldError(null);
      formEl.reset();
      router.refresh();
    });
  }

  function remove(tagId: string) {
    start(async () => {
      const result = await removeCustomerTagAction({ customerId, tagId });
      setError(result.ok ? null : result.message);
      if (result.ok) router.refresh();
    });
  }

  return (
    <div data-testid="tag-editor">
      <FormError message={error} />
      <ul className="mb-3 flex flex-wrap gap-2">
        {tags.length === 0 ? <li className="text-sm text-slate-700">{text.none}</li> : null}
        {tags.map((g) => (
          <li key={g.id} className="flex items-center gap-1 rounded bg-blue-50 py-0.5 pl-2 pr-1 text-sm text-blue-900">
            {g.name}
            {g.kind === "manual" ? (
              <button
                type="button" onClick={() => remove(g.id)} disabled={pending}
                aria-label={text.removeNamed.replace("{name}", g.name)}
                className="rounded px-1 text-blue-900 hover:bg-blue-100"
              >×</button>
            ) : <span className="sr-only">{text.computed}</span>}
          </li>
        ))}
      </ul>
      <form onSubmit={add} className="flex flex-wrap items-end gap-2" noValidate>
        <div>
          <label htmlFor="tag-name" className="mb-1 block text-sm font-medium text-slate-800">{text.label}</label>
          <input
            id="tag-name" name="tagName" list="tag-suggestions" maxLength={30} required
            aria-invalid={fieldError ? true : undefined} aria-describedby={fieldError ? "tag-name-error" : undefined}
            className="w-56 rounded border border-slate-400 px-3 py-2 text-slate-900"
          />
          <datalist id="tag-suggestions">{suggestions.map((s) => <option key={s} value={s} />)}</datalist>
        </div>
        <button type="submit" disabled={pending} className="rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 disabled:opacity-60">
          {pending ? text.adding : text.add}
        </button>
        {fieldError ? <p id="tag-name-error" role="alert" className="w-full text-sm text-red-700">{fieldError}</p> : null}
      </form>
    </div>
  );
}
