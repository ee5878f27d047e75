// "How these figures are counted": the definitions a dashboard's numbers rest on.
import type { Translate } from "@/lib/i18n/translate";

export function Definitions({ t, keys }: { t: Translate; keys: string[] }) {
  return (
    <details className="rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-800" data-testid="dashboard-definitions">
      <summary className="cursor-pointer font-medium">{t("dashboard.definitions")}</summary>
      <ul className="mt-2 list-disc space-y-1 pl-5">
        {keys.map((k) => <li key={k}>{t(k)}</li>)}
      </ul>
    </details>
  );
}
