import type { DashboardBase } from "@/lib/dashboard/base";
import type { Translate } from "@/lib/i18n/translate";

/** The period the figures cover, and the one they are compared with. */
export function PeriodLine({ base, t }: { base: DashboardBase; t: Translate }) {
  const f = base.filters;
  return (
    <p className="text-sm text-slate-800" data-testid="dashboard-period">
      {t("dashboard.period", { from: f.from, to: f.to })}
      {base.previous ? <> · {t("dashboard.previous", { from: base.previous.from, to: base.previous.to })}</> : null}
    </p>
  );
}
