// The dashboards' filters: a plain GET form (a view is a URL to bookmark or share;
// works without script), every control labelled. Which controls show depends on
// the dashboard (the customer map has no date range; products have no province).
import Link from "next/link";
import type { DashboardBase } from "@/lib/dashboard/base";
import { GRAINS } from "@/lib/rollups/dimensions";
import { RFM_SEGMENTS } from "@/lib/analytics/rfm/segments";
import type { Translate } from "@/lib/i18n/translate";

const input = "w-full rounded border border-slate-400 bg-white px-2 py-1.5 text-slate-900";
const label = "mb-1 block text-sm font-medium text-slate-800";

export function channelName(t: Translate, code: string): string {
  const key = `customers.channel.${code}`;
  const text = t(key);
  return text === key ? code : text;
}

export function segmentName(t: Translate, code: string): string {
  const key = `customers.segment.${code}`;
  const text = t(key);
  return text === key ? code : text;
}

export function FilterForm({ action, base, t, show }: {
  action: string;
  base: DashboardBase;
  t: Translate;
  show: { dates?: boolean; store?: boolean; channel?: boolean; province?: boolean; segment?: boolean };
}) {
  const f = base.filters;
  const channels = [...new Set([...base.options.channels, ...(f.channel ? [f.channel] : [])])];
  const provinces = [...new Set([...base.options.provinces, ...(f.province ? [f.province] : [])])];
  return (
    <form method="get" action={action} className="rounded-lg border border-slate-200 bg-white p-3" data-testid="dashboard-filters" aria-label={t("dashboard.filters")}>
      <fieldset>
        <legend className="sr-only">{t("dashboard.filters")}</legend>
        <div className="grid items-end gap-3 sm:grid-cols-3 lg:grid-cols-7">
          {show.dates ? (
            <>
              <div>
                <label htmlFor="dash-from" className={label}>{t("dashboard.filter.from")}</label>
                <input id="dash-from" name="from" type="date" defaultValue={f.from} className={input} />
              </div>
              <div>
                <label htmlFor="dash-to" className={label}>{t("dashboard.filter.to")}</label>
                <input id="dash-to" name="to" type="date" defaultValue={f.to} className={input} />
              </div>
              <div>
                <label htmlFor="dash-grain" className={label}>{t("dashboard.filter.grain")}</label>
                <select id="dash-grain" name="grain" defaultValue={f.grain} className={input}>
                  {GRAINS.map((g) => <option key={g} value={g}>{t(`dashboard.grain.${g}`)}</option>)}
                </select>
              </div>
            </>
          ) : null}
          {show.store ? (
            <div>
              <label htmlFor="dash-store" className={label}>{t("dashboard.filter.store")}</label>
              <select id="dash-store" name="storeId" defaultValue={f.storeId ?? ""} className={input}>
                <option value="">{t("dashboard.filter.all")}</option>
                {base.options.stores.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
              </select>
            </div>
          ) : null}
          {show.channel ? (
            <div>
              <label htmlFor="dash-channel" className={label}>{t("dashboard.filter.channel")}</label>
              <select id="dash-channel" name="channel" defaultValue={f.channel ?? ""} className={input}>
                <option value="">{t("dashboard.filter.all")}</option>
                {channels.map((c) => <option key={c} value={c}>{channelName(t, c)}</option>)}
              </select>
            </div>
          ) : null}
          {show.province ? (
            <div>
              <label htmlFor="dash-province" className={label}>{t("dashboard.filter.province")}</label>
              <select id="dash-province" name="province" defaultValue={f.province ?? ""} className={input}>
                <option value="">{t("dashboard.filter.all")}</option>
                {provinces.map((p) => <option key={p} value={p}>{p}</option>)}
              </select>
            </div>
          ) : null}
          {show.segment ? (
            <div>
              <label htmlFor="dash-segment" className={label}>{t("dashboard.filter.segment")}</label>
              <select id="dash-segment" name="segment" defaultValue={f.segment ?? ""} className={input}>
                <option value="">{t("dashboard.filter.all")}</option>
                {RFM_SEGMENTS.map((s) => <option key={s} value={s}>{segmentName(t, s)}</option>)}
              </select>
            </div>
          ) : null}
          <div className="flex gap-2">
            <button type="submit" className="rounded bg-blue-700 px-4 py-1.5 font-medium text-white hover:bg-blue-800">{t("dashboard.filter.apply")}</button>
            <Link href={action} className="rounded border border-slate-400 px-3 py-1.5 text-slate-800 hover:bg-slate-100">{t("dashboard.filter.reset")}</Link>
          </div>
        </div>
        {show.dates ? (
          <div className="mt-2">
            <label className="inline-flex items-center gap-2 text-sm text-slate-800">
              <input type="checkbox" name="compare" value="previous" defaultChecked={f.compare === "previous"} />
              {t("dashboard.filter.compare")}
            </label>
            {/* After the box: checked sends previous first (the parser reads the first value), unchecked only none. */}
            <input type="hidden" name="compare" value="none" />
          </div>
        ) : null}
      </fieldset>
    </form>
  );
}
