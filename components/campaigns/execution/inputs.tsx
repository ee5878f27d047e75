// Labelled inputs for the execution forms (server-rendered children of ActionForm).
import type { ReactNode } from "react";

const inputCls = "w-full rounded border border-slate-400 bg-white px-3 py-2 text-slate-900";

export function LabeledInput({ id, label, help, ...rest }: React.InputHTMLAttributes<HTMLInputElement> & { id: string; label: string; help?: string }) {
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-800">{label}</label>
      <input id={id} className={inputCls} aria-describedby={help ? `${id}-help` : undefined} {...rest} />
      {help ? <p id={`${id}-help`} className="mt-1 text-xs text-slate-700">{help}</p> : null}
    </div>
  );
}

export function LabeledSelect({ id, label, children, ...rest }: React.SelectHTMLAttributes<HTMLSelectElement> & { id: string; label: string; children: ReactNode }) {
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-800">{label}</label>
      <select id={id} className={inputCls} {...rest}>{children}</select>
    </div>
  );
}

export function LabeledTextarea({ id, label, help, ...rest }: React.TextareaHTMLAttributes<HTMLTextAreaElement> & { id: string; label: string; help?: string }) {
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-800">{label}</label>
      <textarea id={id} className={inputCls} aria-describedby={help ? `${id}-help` : undefined} {...rest} />
      {help ? <p id={`${id}-help`} className="mt-1 text-xs text-slate-700">{help}</p> : null}
    </div>
  );
}
