// A <select> of departments, indented by depth so the tree reads in the list.
export type DepartmentOption = { id: string; name: string; depth: number };

type Props = { id: string; name: string; label: string; options: DepartmentOption[]; defaultValue?: string; error?: string };

export function DepartmentSelect({ id, name, label, options, defaultValue, error }: Props) {
  return (
    <div className="mb-4">
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-800">{label}</label>
      <select
        id={id}
        name={name}
        defaultValue={defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className="w-full rounded border border-slate-400 bg-white px-3 py-2 text-slate-900"
      >
        {options.map((o) => (
          <option key={o.id} value={o.id}>{"\u00a0\u00a0".repeat(o.depth) + o.name}</option>
        ))}
      </select>
      {error ? <p id={`${id}-error`} className="mt-1 text-sm text-red-700" role="alert">{error}</p> : null}
    </div>
  );
}
