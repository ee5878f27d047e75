export function RoleBadge({ system, label }: { system: boolean; label: string }) {
  return (
    <span className={`inline-block rounded px-2 py-0.5 text-xs font-medium ${system ? "bg-blue-100 text-blue-900" : "bg-slate-100 text-slate-800"}`}>
      {label}
    </span>
  );
}
