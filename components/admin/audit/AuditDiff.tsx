// One audit row's before/after: the changed fields as a small table, and the full
// JSON behind a second disclosure. <details> is keyboard-operable without script.
import { diffJson, type DiffLine } from "@/lib/audit/diff";
import type { Translate } from "@/lib/i18n/translate";

function show(v: unknown, none: string): string {
  if (v === undefined || v === null) return none;
  if (typeof v === "string") return v;
  // Grants read best the way the matrix shows them: "customer:read (own)".
  const g = v as { permission?: unknown; scope?: unknown };
  if (typeof g === "object" && typeof g.permission === "string" && typeof g.scope === "string" && Object.keys(v).length === 2) return `${g.permission} (${g.scope})`;
  if (typeof v === "object" && !Array.isArray(v) && Object.values(v).every((x) => x === null || typeof x !== "object")) {
    return Object.entries(v).map(([k, x]) => `${k}: ${x ?? none}`).join(", ");
  }
  return JSON.stringify(v);
}

const sides = (l: DiffLine): [unknown, unknown] =>
  l.kind === "changed" ? [l.before, l.after] : l.kind === "added" ? [undefined, l.after] : [l.before, undefined];

export function AuditDiff({ before, after, t }: { before: unknown; after: unknown; t: Translate }) {
  if ((before === null || before === undefined) && (after === null || after === undefined)) return <span aria-hidden="true">—</span>;
  const lines = diffJson(before, after);
  const none = t("audit.diff.none");
  return (
    <details className="max-w-xl">
      <summary className="cursor-pointer text-blue-700 underline">
        {lines.length ? t("audit.showChanges", { count: lines.length }) : t("audit.noFieldChanges")}
      </summary>
      {lines.length ? (
        <table className="mt-2 w-full border-collapse text-xs">
          <caption className="sr-only">{t("audit.diff.caption")}</caption>
          <thead>
            <tr className="bg-slate-50">
              <th scope="col" className="px-2 py-1 text-left">{t("audit.diff.field")}</th>
              <th scope="col" className="px-2 py-1 text-left">{t("audit.diff.before")}</th>
              <th scope="col" className="px-2 py-1 text-left">{t("audit.diff.after")}</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((l, i) => {
              const [b, a] = sides(l);
              return (
                <tr key={i} className="border-t border-slate-200 align-top">
                  <th scope="row" className="px-2 py-1 text-left font-mono font-normal">{l.path || "—"}</th>
                  <td className="px-2 py-1 break-all text-red-800">{l.kind === "added" ? "" : show(b, none)}</td>
                  <td className="px-2 py-1 break-all text-green-800">{l.kind === "removed" ? "" : show(a, none)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      <details className="mt-2">
        <summary className="cursor-pointer text-sm text-slate-700 underline">{t("audit.diff.raw")}</summary>
        <pre tabIndex={0} className="mt-1 max-h-80 overflow-auto rounded bg-slate-50 p-2 text-xs text-slate-900">{JSON.stringify({ before: before ?? null, after: after ?? null }, null, 2)}</pre>
      </details>
    </details>
  );
}
