// The labelled controls of the lists' GET filter forms (customers, orders,
// interactions, tickets): native controls, each with its label, so the forms work
// without script and from the keyboard. `wide` stretches a control to its grid cell.
import type { ReactNode } from "react";

const inputClass = "rounded border border-slate-400 bg-white px-3 py-2 text-slate-900";
export const filterLabelClass = "mb-1 block text-sm font-medium text-slate-800";

export function filterInputClass(wide = true) {
  return wide ? `w-full ${inputClass}` : inputClass;
}

export function FilterSelect({ id, name, label, value, anyText, options, extra, wide = true }: {
  id: string; name: string; label: string; value: string | null | undefined; anyText: string;
  options: { value: string; label: string }[]; extra?: ReactNode; wide?: boolean;
}) {
  return (
    <div>
      <label htmlFor={id} className={filterLabelClass}>{label}</label>
      <select id={id} name={name} defaultValue={value ?? ""} className={filterInputClass(wide)}>
        <option value="">{anyText}</option>
        {extra}
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </div>
  );
}

export function FilterInput({ id, name, label, value, type = "text", help, list, wide = true }: {
  id: string; name: string; label: string; value: string | null | undefined; type?: "text" | "date" | "search";
  help?: string; list?: { id: string; values: string[] }; wide?: boolean;
}) {
  return (
    <div>
      <label htmlFor={id} className={filterLabelClass}>{label}</label>
      <input id={id} name={name} type={type} defaultValue={value ?? ""} className={filterInputClass(wide)}
        list={list?.id} aria-describedby={help ? `${id}-help` : undefined} />
      {list ? <datalist id={list.id}>{list.values.map((v) => <option key={v} value={v} />)}</datalist> : null}
      {help ? <p id={`${id}-help`} className="mt-1 text-xs text-slate-700">{help}</p> : null}
    </div>
  );
}
