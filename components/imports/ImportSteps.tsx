// Where the wizard is: upload → map columns → check → import → report.
export type StepKey = "upload" | "map" | "check" | "run" | "report";
const ORDER: StepKey[] = ["upload", "map", "check", "run", "report"];

export function ImportSteps({ current, labels, label }: { current: StepKey; labels: Record<StepKey, string>; label: string }) {
  const at = ORDER.indexOf(current);
  return (
    <nav aria-label={label} className="mb-6">
      <ol className="flex flex-wrap gap-2 text-sm" data-testid="import-steps">
        {ORDER.map((k, i) => (
          <li
            key={k}
            aria-current={i === at ? "step" : undefined}
            className={
              i === at ? "rounded-full bg-blue-700 px-3 py-1 font-medium text-white"
                : i < at ? "rounded-full bg-blue-50 px-3 py-1 text-blue-900"
                  : "rounded-full bg-slate-100 px-3 py-1 text-slate-700"
            }
          >
            <span aria-hidden="true">{i < at ? "✓ " : `${i + 1}. `}</span>
            {labels[k]}
          </li>
        ))}
      </ol>
    </nav>
  );
}
