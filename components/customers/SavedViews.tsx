"use client";
// The caller's saved views of the list: links that reopen them, a delete button each,
// and a small form that saves the current filters under a name.
import Link from "next/link";
import { useActionState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { deleteViewAction, saveViewAction } from "@/app/(app)/customers/views-actions";
import { FormError } from "@/components/FormError";
import type { SavedViewItem } from "@/lib/customers/saved-views";

type Text = Record<"title" | "none" | "name" | "save" | "saved" | "delete", string>;
type State = Awaited<ReturnType<typeof saveViewAction>> | null;

export function SavedViews({ views, query, canSave, text }: { views: SavedViewItem[]; query: string; canSave: boolean; text: Text }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [state, action, saving] = useActionState<State, FormData>((_p, form) => saveViewAction(form), null);
  return (
    <section aria-labelledby="saved-views" className="mb-4 rounded-lg border border-slate-200 bg-white p-3" data-testid="saved-views">
      <h2 id="saved-views" className="text-sm font-semibold text-slate-900">{text.title}</h2>
      {views.length ? (
        <ul className="mt-2 flex flex-wrap gap-2">
          {views.map((v) => (
            <li key={v.id} className="flex items-center gap-1 rounded border border-slate-300 px-2 py-1 text-sm">
              <Link href={v.href} className="text-blue-700 underline">{v.name}</Link>
              <button type="button" disabled={pending} aria-label={`${text.delete} ${v.name}`} className="px-1 text-slate-700 hover:text-red-800"
                onClick={() => start(async () => { await deleteViewAction({ id: v.id }); router.refresh(); })}>×</button>
            </li>
          ))}
        </ul>
      ) : <p className="mt-1 text-sm text-slate-700">{text.none}</p>}
      {canSave ? (
        <form action={action} className="mt-3 flex flex-wrap items-end gap-2">
          <input type="hidden" name="query" value={query} />
          <div>
            <label htmlFor="view-name" className="mb-1 block text-xs font-medium text-slate-800">{text.name}</label>
            <input id="view-name" name="name" required maxLength={60} className="rounded border border-slate-400 px-2 py-1 text-sm text-slate-900" />
          </div>
          <button type="submit" disabled={saving} className="rounded border border-blue-700 px-3 py-1 text-sm font-medium text-blue-800 hover:bg-blue-50">{text.save}</button>
          {state?.ok ? <span role="status" className="text-sm text-green-800">{text.saved}</span> : null}
          {state && !state.ok ? <FormError message={state.fieldErrors?.name ?? state.message} /> : null}
        </form>
      ) : null}
    </section>
  );
}
