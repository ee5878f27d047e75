"use client";
// The create/edit form of a product or a store: labelled native fields, errors tied
// to their field (aria-describedby) with the keyboard taken to the first one, and a
// general error above. The server action validates everything again; on success the
// page of the saved record opens.
import { useEffect, useRef, useState, useTransition } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { FormError } from "@/components/FormError";

export type CatalogField = {
  name: string;
  label: string;
  type?: "text" | "date" | "select";
  required?: boolean;
  help?: string;
  maxLength?: number;
  inputMode?: "decimal" | "text";
  /** For text fields: suggestions (a datalist). For selects: the choices. */
  options?: { value: string; label: string }[];
  /** The select's empty choice. */
  emptyLabel?: string;
};

type Result = { ok: true; data: { id: string } } | { ok: false; message: string; fieldErrors?: Record<string, string> };

type Props = {
  action: (form: FormData) => Promise<Result>;
  fields: CatalogField[];
  initial: Record<string, string>;
  hidden?: Record<string, string>;
  /** Where the saved record opens: the id is appended. */
  savedHref: string;
  cancelHref: string;
  text: { submit: string; saving: string; cancel: string; required: string };
  testId: string;
};

const input = "w-full rounded border border-slate-400 bg-white px-3 py-2 text-slate-900";

export function CatalogForm({ action, fields, initial, hidden, savedHref, cancelHref, text, testId }: Props) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>("[aria-invalid='true']")?.focus();
  }, [fieldErrors]);

  function submit(form: FormData) {
    start(async () => {
      const result = await action(form);
      if (result.ok) {
        router.push(`${savedHref}${result.data.id}?saved=1`);
        router.refresh();
        return;
      }
      setFieldErrors(result.fieldErrors ?? {});
      setError(result.message);
    });
  }

  return (
    // onSubmit rather than a form action: React resets a form after its action runs,
    // which would wipe what the user typed when the save is refused.
    <form ref={formRef} onSubmit={(e) => { e.preventDefault(); submit(new FormData(e.currentTarget)); }} className="max-w-2xl rounded-lg border border-slate-200 bg-white p-4" data-testid={testId} noValidate>
      <FormError message={error} />
      {Object.entries(hidden ?? {}).map(([k, v]) => <input key={k} type="hidden" name={k} value={v} />)}
      <div className="grid gap-4 sm:grid-cols-2">
        {fields.map((f) => {
          const id = `${testId}-${f.name}`;
          const err = fieldErrors[f.name];
          const describedBy = [f.help ? `${id}-help` : null, err ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
          const common = {
            id, name: f.name, defaultValue: initial[f.name] ?? "", className: input, "aria-invalid": err ? true : undefined,
            "aria-describedby": describedBy, required: f.required,
          } as const;
          return (
            <div key={f.name}>
              <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-800">
                {f.label}{f.required ? <span className="text-red-700"> *<span className="sr-only">{text.required}</span></span> : null}
              </label>
              {f.type === "select" ? (
                <select {...common}>
                  <option value="">{f.emptyLabel ?? ""}</option>
                  {(f.options ?? []).map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
                </select>
              ) : (
                <>
                  <input {...common} type={f.type ?? "text"} maxLength={f.maxLength} inputMode={f.inputMode}
                    list={f.options?.length ? `${id}-list` : undefined} autoComplete="off" />
                  {f.options?.length ? <datalist id={`${id}-list`}>{f.options.map((o) => <option key={o.value} value={o.value} />)}</datalist> : null}
                </>
              )}
              {f.help ? <p id={`${id}-help`} className="mt-1 text-xs text-slate-700">{f.help}</p> : null}
              {err ? <p id={`${id}-error`} className="mt-1 text-sm text-red-700" role="alert">{err}</p> : null}
            </div>
          );
        })}
      </div>
      <div className="mt-4 flex items-center gap-4">
        <button type="submit" disabled={pending} className="rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 disabled:opacity-60">
          {pending ? text.saving : text.submit}
        </button>
        <Link href={cancelHref} className="text-blue-700 underline">{text.cancel}</Link>
      </div>
    </form>
  );
}
