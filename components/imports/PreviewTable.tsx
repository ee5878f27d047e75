// What the upload's first look found, and the first rows as the file has them.
export type PreviewText = Record<"title" | "facts" | "encoding" | "delimiter" | "headerRow" | "columns" | "caption" | "row", string>;

export function PreviewTable({ facts, headers, rows, warnings, text }: {
  facts: { encoding: string; delimiter: string | null; headerRow: number; columns: number };
  headers: string[];
  rows: { row: number; cells: string[] }[];
  warnings: string[];
  text: PreviewText;
}) {
  return (
    <section aria-labelledby="import-preview-title" className="mb-6" data-testid="import-preview">
      <h2 id="import-preview-title" className="mb-2 text-lg font-semibold text-slate-900">{text.title}</h2>
      <dl className="mb-3 grid grid-cols-2 gap-x-6 gap-y-1 text-sm sm:grid-cols-4" aria-label={text.facts}>
        <div><dt className="text-slate-700">{text.encoding}</dt><dd className="font-medium text-slate-900" data-testid="import-encoding">{facts.encoding}</dd></div>
        {facts.delimiter ? <div><dt className="text-slate-700">{text.delimiter}</dt><dd className="font-medium text-slate-900">{facts.delimiter}</dd></div> : null}
        <div><dt className="text-slate-700">{text.headerRow}</dt><dd className="font-medium text-slate-900">{facts.headerRow}</dd></div>
        <div><dt className="text-slate-700">{text.columns}</dt><dd className="font-medium text-slate-900">{facts.columns}</dd></div>
      </dl>
      {warnings.length ? (
        <ul className="mb-3 list-disc rounded border border-amber-300 bg-amber-50 p-3 pl-8 text-sm text-amber-900">
          {warnings.map((w, i) => <li key={i}>{w}</li>)}
        </ul>
      ) : null}
      <div className="max-h-96 overflow-auto rounded border border-slate-200 bg-white" tabIndex={0} role="region" aria-label={text.caption}>
        <table className="min-w-full text-sm">
          <caption className="sr-only">{text.caption}</caption>
          <thead className="sticky top-0 bg-slate-100">
            <tr>
              <th scope="col" className="px-2 py-1 text-left font-medium text-slate-800">{text.row}</th>
              {headers.map((h) => <th key={h} scope="col" className="whitespace-nowrap px-2 py-1 text-left font-medium text-slate-800">{h}</th>)}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.row} className="border-t border-slate-100">
                <th scope="row" className="px-2 py-1 text-left font-normal text-slate-700">{r.row}</th>
                {r.cells.map((c, i) => <td key={i} className="max-w-xs truncate whitespace-nowrap px-2 py-1 text-slate-900">{c}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
