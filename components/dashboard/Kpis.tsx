// Key figures with their change on the previous period. The change is said in
// words (up/down and by how much), not only by colour or an arrow.
import { makeFormatter, type ValueFormat } from "@/components/charts/spec";
import type { Translate } from "@/lib/i18n/translate";

export type Kpi = {
  id: string;
  label: string;
  value: number | null;
  previous?: number | null;
  format: ValueFormat;
  /** For rates and cycles a rise is not good news: colour only, the words stay neutral. */
  lowerIsBetter?: boolean;
};

export function Kpis({ items, t, locale, currency, comparing }: { items: Kpi[]; t: Translate; locale: string; currency: string; comparing: boolean }) {
  const fmt = makeFormatter(locale, currency, t("dashboard.hours"));
  return (
    <dl className="grid grid-cols-2 gap-3 md:grid-cols-4 xl:grid-cols-6" data-testid="kpis">
      {items.map((k) => {
        const delta = deltaOf(k);
        const good = delta === null || delta === 0 ? null : (delta > 0) !== Boolean(k.lowerIsBetter);
        return (
          <div key={k.id} className="rounded-lg border border-slate-200 bg-white p-3" data-testid={`kpi-${k.id}`}>
            <dt className="text-sm text-slate-700">{k.label}</dt>
            <dd className="mt-1 text-xl font-semibold tabular-nums text-slate-900" data-testid={`kpi-${k.id}-value`}>{fmt(k.value, k.format, k.format === "money" && Math.abs(k.value ?? 0) < 1000)}</dd>
            {comparing ? (
              <dd className={`mt-1 text-xs ${good === null ? "text-slate-700" : good ? "text-emerald-800" : "text-red-800"}`} data-testid={`kpi-${k.id}-delta`}>
                {delta === null
                  ? t("dashboard.delta.none")
                  : delta === 0
                    ? t("dashboard.delta.same")
                    : <><span aria-hidden="true">{delta > 0 ? "▲ " : "▼ "}</span>{t(delta > 0 ? "dashboard.delta.up" : "dashboard.delta.down", { value: describeDelta(k, delta, fmt) })}</>}
              </dd>
            ) : null}
          </div>
        );
      })}
    </dl>
  );
}

/** Relative change for amounts and counts; the difference in points for rates, in hours for cycles. */
function deltaOf(k: Kpi): number | null {
  if (k.value === null || k.previous === null || k.previous === undefined) return null;
  if (k.format === "percent" || k.format === "hours") return k.value - k.previous;
  if (k.previous === 0) return k.value === 0 ? 0 : null;
  return (k.value - k.previous) / Math.abs(k.previous);
}

function describeDelta(k: Kpi, delta: number, fmt: ReturnType<typeof makeFormatter>): string {
  const abs = Math.abs(delta);
  if (k.format === "percent") return `${(abs * 100).toFixed(1)} pp`;
  if (k.format === "hours") return fmt(abs, "hours");
  return fmt(abs, "percent");
}
