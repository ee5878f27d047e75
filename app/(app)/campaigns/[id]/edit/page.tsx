import Link from "next/link";
import { notFound } from "next/navigation";
import { definePage } from "@/lib/auth/guard";
import { getT } from "@/lib/i18n/server";
import { planFormOptions, planFormValues } from "@/lib/campaigns/queries";
import { EDITABLE_STATUSES, isCampaignStatus } from "@/lib/campaigns/status";
import { PlanForm } from "@/components/campaigns/plan/PlanForm";

export default definePage("campaign:manage", async ({ ctx, params }) => {
  const plan = await planFormValues(ctx, params.id ?? "");
  if (!plan) notFound();
  const [t, options] = await Promise.all([getT(ctx.locale), planFormOptions(ctx)]);
  const editable = isCampaignStatus(plan.status) && EDITABLE_STATUSES.includes(plan.status);
  return (
    <div className="max-w-4xl space-y-4">
      <Link href={`/campaigns/${plan.id}`} className="text-blue-700 underline">← {t("campaigns.backToCampaign")}</Link>
      <h1 className="text-2xl font-semibold text-slate-900">{t("campaigns.edit.title", { name: plan.values.name })}</h1>
      {editable ? (
        <>
          {plan.status === "rejected" ? <p className="text-slate-700">{t("campaigns.edit.rejectedNote")}</p> : null}
          <PlanForm mode="edit" id={plan.id} options={options} t={t} values={plan.values} />
        </>
      ) : (
        <p role="alert" className="rounded border border-amber-300 bg-amber-50 p-3 text-amber-900">{t("campaigns.error.notEditable", { status: t(`campaigns.status.${plan.status}`) })}</p>
      )}
    </div>
  );
});
