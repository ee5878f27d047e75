import { definePage } from "@/lib/auth/guard";
import { getT } from "@/lib/i18n/server";
import { overview } from "@/lib/dashboard/overview";
import { EmptyState } from "@/components/EmptyState";

export default definePage("dashboard:read", async ({ ctx }) => {
  const [t, figures] = await Promise.all([getT(ctx.locale), overview(ctx)]);
  const hasData = (figures.customers ?? 0) + (figures.orders ?? 0) > 0;
  return (
    <>
      <h1 className="mb-1 text-2xl font-semibold">{t("dashboard.title")}</h1>
      <p className="mb-6 text-slate-700">{t("dashboard.welcome", { name: ctx.name })}</p>
      {hasData ? (
        <dl className="grid grid-cols-2 gap-4 md:max-w-xl">
          {figures.customers !== null ? (
            <div className="rounded-lg border border-slate-200 bg-white p-4">
              <dt className="text-sm text-slate-700">{t("dashboard.customers")}</dt>
              <dd className="text-2xl font-semibold" data-testid="figure-customers">{figures.customers.toLocaleString(ctx.locale)}</dd>
            </div>
          ) : null}
          {figures.orders !== null ? (
            <div className="rounded-lg border border-slate-200 bg-white p-4">
              <dt className="text-sm text-slate-700">{t("dashboard.orders")}</dt>
              <dd className="text-2xl font-semibold" data-testid="figure-orders">{figures.orders.toLocaleString(ctx.locale)}</dd>
            </div>
          ) : null}
        </dl>
      ) : (
        <EmptyState title={t("common.empty")} body={t("dashboard.empty")} />
      )}
    </>
  );
});
