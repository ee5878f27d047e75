import { DEPARTMENT_KINDS } from "@/lib/departments/schemas";

type Props = { id: string; label: string; kindLabels: Record<string, string>; defaultValue?: string; error?: string };

export function KindSelect({ id, label, kindLabels, defaultValue, error }: Props) {
  return (
    <div className="mb-4">
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-800">{label}</label>
      <select
        id={id}
        name="kind"
        defaultValue={defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className="w-full rounded border border-slate-400 bg-white px-3 py-2 text-slate-900"
      >
        {DEPARTMENT_KINDS.map((k) => <option key={k} value={k}>{kindLabels[k]}</option>)}
      </select>
      {error ? <p id={`${id}-error`} className="mt-1 text-sm text-red-700" role="alert">{error}</p> : null}
    </div>
  );
}
