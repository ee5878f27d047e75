// The header row of the app's plain data tables: one column header per entry
// (null or false leaves a column out), numbers right-aligned like their cells.
import type { ReactNode } from "react";

export type TableColumn = { label: ReactNode; numeric?: boolean; key?: string };

export function TableHead({ columns }: { columns: (TableColumn | null | false)[] }) {
  return (
    <thead>
      <tr className="border-b border-slate-300">
        {columns.filter((c): c is TableColumn => Boolean(c)).map((c, i) => (
          <th key={c.key ?? i} scope="col" className={c.numeric ? "py-2 pr-3 text-right" : "py-2 pr-3"}>{c.label}</th>
        ))}
      </tr>
    </thead>
  );
}
