// What an import will do (after the check) or did (after the run): the four counts,
// what "skipped" and "failed" are made of, and the first problems.
import type { ImportSummary } from "@/lib/imports/run";

export type OutcomeText = Record<
  | "created" | "updated" | "skipped" | "failed" | "willCreate" | "willUpdate" | "willSkip" | "willFail" | "breakdown" | "rows"
  | "duplicates" | "sameCustomer" | "unchanged" | "existingSkipped" | "cleanFailed" | "conflicts" | "warnings"
  | "problemsTitle" | "problemsCaption" | "row" | "level" | "problem" | "noProblems" | "download"
  | "ordersCreated" | "ordersUpdated" | "customersCreated" | "productsCreated" | "pointsEntries" | "tierChanges",
  string
>;

const DETAIL_KEYS = ["ordersCreated", "ordersUpdated", "customersCreated", "productsCreated", "pointsEntries", "tierChanges"] as const;

export function ImportOutcome({ summary, planned, issues, text, downloadHref, locale }: {
  summary: ImportSummary;
  planned: boolean;
  /** null when the viewer may not see the file's rows. */
  issues: { row: number; level: string; line: string }[] | null;
  text: OutcomeText;
  downloadHref: string | null;
  locale: string;
}) {
  const n = (x: number) => x.toLocaleString(locale);
  const cards = [
    { key: "created", label: planned ? text.willCreate : text.created, value: summary.created, tone: "text-green-800" },
    { key: "updated", label: planned ? text.willUpdate : text.updated, value: summary.updated, tone: "text-blue-800" },
    { key: "skipped", label: planned ? text.willSkip : text.skipped, value: summary.skipped, tone: "text-slate-800" },
    { key: "failed", label: planned ? text.willFail : text.failed, value: summary.failed, tone: "text-red-800" },
  ];
  const parts = [
    ["rows", summary.rows], ["duplicates", summary.duplicates], ["sameCustomer", summary.sameCustomer], ["unchanged", summary.unchanged],
    ["existingSkipped", summary.existingSkipped], ["cleanFailed", summary.cleanFailed], ["conflicts", summary.conflicts], ["warnings", summary.warnings],
  ] as const;
  // What else an order-line or member import made (orders, customers, products, points entries), when it says.
  const details = DETAIL_KEYS.filter((k) => typeof summary.details?.[k] === "number").map((k) => [k, summary.details![k]!] as const);
  return (
    <section className="mb-6" data-testid={planned ? "import-dry-run" : "import-report"}>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {cards.map((c) => (
          <div key={c.key} className="rounded-lg border border-slate-200 bg-white p-3" data-testid={`count-${c.key}`}>
            <dt className="text-sm text-slate-700">{c.label}</dt>
            <dd className={`text-2xl font-semibold ${c.tone}`}>{n(c.value)}</dd>
          </div>
        ))}
      </dl>
      <details className="mt-3 text-sm">
        <summary className="cursor-pointer text-slate-800">{text.breakdown}</summary>
        <dl className="mt-2 grid grid-cols-1 gap-x-6 gap-y-1 sm:grid-cols-2">
          {[...parts, ...details].map(([k, v]) => (
            <div key={k} className="flex justify-between gap-4 border-b border-slate-100 py-0.5">
              <dt className="text-slate-700">{text[k]}</dt>
              <dd className="font-medium text-slate-900">{n(v)}</dd>
            </div>
          ))}
        </dl>
      </details>
      {issues ? <h3 className="mb-2 mt-4 font-semibold text-slate-900">{text.problemsTitle}</h3> : null}
      {issues === null ? null : issues.length ? (
        <div className="overflow-x-auto rounded border border-slate-200 bg-white">
          <table className="min-w-full text-sm" data-testid="import-issues">
            <caption className="sr-only">{text.problemsCaption}</caption>
            <thead className="bg-slate-100">
              <tr>
                <th scope="col" className="px-3 py-1.5 text-left font-medium text-slate-800">{text.row}</th>
                <th scope="col" className="px-3 py-1.5 text-left font-medium text-slate-800">{text.level}</th>
                <th scope="col" className="px-3 py-1.5 text-left font-medium text-slate-800">{text.problem}</th>
              </tr>
            </thead>
            <tbody>
              {issues.map((i, k) => (
                <tr key={k} className="border-t border-slate-100">
                  <td className="px-3 py-1.5 text-slate-900">{i.row}</td>
                  <td className="px-3 py-1.5 text-slate-900">{i.level}</td>
                  <td className="px-3 py-1.5 text-slate-900">{i.line}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : <p className="text-sm text-slate-700">{text.noProblems}</p>}
      {downloadHref ? (
        <a href={downloadHref} className="mt-3 inline-block text-blue-700 underline" data-testid="import-errors-download">{text.download}</a>
      ) : null}
    </section>
  );
}
