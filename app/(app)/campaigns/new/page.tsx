import Link from "next/link";
import { definePage } from "@/lib/auth/guard";
import { getT } from "@/lib/i18n/server";
import { planFormOptions } from "@/lib/campaigns/queries";
import { todayIn } from "@/lib/campaigns/plan/form";
import { PlanForm } from "@/components/campaigns/plan/PlanForm";
import { EmptyState } from "@/components/EmptyState";

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default definePage("campaign:manage", async ({ ctx, searchParams }) => {
  const [t, options] = await Promise.all([getT(ctx.locale), planFormOptions(ctx)]);
  const segmentId = one(searchParams.segmentId);
  const today = todayIn(options.timeZone);
  return (
    <div className="max-w-4xl space-y-4">
      <Link href="/campaigns" className="text-blue-700 underline">← {t("campaigns.back")}</Link>
      <h1 className="text-2xl font-semibold text-slate-900">{t("campaigns.new.title")}</h1>
      <p className="text-slate-700">{t("campaigns.new.intro")}</p>
      {options.segments.length === 0 ? (
        <EmptyState title={t("campaigns.noSegments.title")} body={t("campaigns.noSegments.body")} />
      ) : null}
      <PlanForm mode="create" options={options} t={t} values={{
        name: "", goal: "", channels: ["sms"], offerDescription: "", offerValue: "0", budget: "", startsOn: today, endsOn: today,
        ownerUserId: ctx.userId, segmentId: segmentId && options.segments.some((s) => s.id === segmentId) ? segmentId : "",
        controlPercent: String(Math.round(options.settings.defaultControlRatio * 1000) / 10),
      }} />
      <p className="text-sm"><Link className="text-blue-700 underline" href="/segments/new">{t("campaigns.newSegment")}</Link></p>
    </div>
  );
});
