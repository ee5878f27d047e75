import { definePage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/context";
import { getT } from "@/lib/i18n/server";
import { systemStatus } from "@/lib/system/status";
import { EmptyState } from "@/components/EmptyState";
import { RunHealthCheckButton } from "@/components/admin/system/RunHealthCheckButton";

export default definePage("system:read", async ({ ctx }) => {
  const t = await getT(ctx.locale);
  const { health, runs } = await systemStatus(ctx);
  const services = [
    ["system.database", health.database],
    ["system.redis", health.redis],
    ["system.worker", health.worker],
  ] as const;
  const fmt = (d: Date | null) => (d ? d.toLocaleString(ctx.locale) : "—");
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold text-slate-900">{t("system.title")}</h1>
      <section aria-labelledby="services">
        <h2 id="services" className="mb-2 text-lg font-semibold text-slate-900">{t("system.services")}</h2>
        <dl className="grid max-w-2xl grid-cols-3 gap-3">
          {services.map(([label, status]) => (
            <div key={label} className="rounded-lg border border-slate-200 bg-white p-3">
              <dt className="text-sm text-slate-700">{t(label)}</dt>
              <dd className={status === "ok" ? "font-semibold text-green-800" : "font-semibold text-red-800"} data-testid={`status-${label}`}>
                {t(status === "ok" ? "system.ok" : "system.down")}
              </dd>
            </div>
          ))}
        </dl>
        <p className="mt-2 text-sm text-slate-700">{t("system.workerSeen", { at: health.workerSeenAt ? new Date(health.workerSeenAt).toLocaleString(ctx.locale) : "—" })}</p>
      </section>
      {can(ctx, "system:manage") ? <RunHealthCheckButton label={t("system.runHealthCheck")} queued={t("system.queued")} /> : null}
      <section aria-labelledby="runs">
        <h2 id="runs" className="mb-2 text-lg font-semibold text-slate-900">{t("system.jobRuns")}</h2>
        {runs.length ? (
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="min-w-full text-left text-sm" data-testid="job-runs">
              <caption className="sr-only">{t("system.jobRuns")}</caption>
              <thead className="bg-slate-50 text-slate-700">
                <tr>
                  <th scope="col" className="px-3 py-2">{t("system.job")}</th>
                  <th scope="col" className="px-3 py-2">{t("system.status")}</th>
                  <th scope="col" className="px-3 py-2">{t("system.started")}</th>
                  <th scope="col" className="px-3 py-2">{t("system.finished")}</th>
                  <th scope="col" className="px-3 py-2">{t("system.error")}</th>
                </tr>
              </thead>
              <tbody>
                {runs.map((r) => (
                  <tr key={r.id} className="border-t border-slate-100">
                    <td className="px-3 py-2 text-slate-900">{r.jobName}</td>
                    <td className="px-3 py-2 text-slate-900">{t(`system.run.${r.status}`)}</td>
                    <td className="px-3 py-2 text-slate-800">{fmt(r.startedAt)}</td>
                    <td className="px-3 py-2 text-slate-800">{fmt(r.finishedAt)}</td>
                    <td className="px-3 py-2 text-red-800">{r.error ?? ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <EmptyState title={t("system.jobRuns")} body={t("system.noRuns")} />
        )}
      </section>
    </div>
  );
});
