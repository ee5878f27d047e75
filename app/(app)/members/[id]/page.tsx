import Link from "next/link";
import { notFound } from "next/navigation";
import { definePage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/context";
import { getLocale, getT } from "@/lib/i18n/server";
import { formatDate, formatDateTime, formatNumber } from "@/lib/format/display";
import { memberDetail } from "@/lib/members/queries";
import { Card, Facts } from "@/components/customers/Card";
import { PointsForm } from "@/components/members/PointsForm";
import { PointsLedgerTable } from "@/components/members/PointsLedgerTable";
import { pointsFormText } from "@/components/members/form-text";

// One member's card and points. Absent, another tenant's, out of the caller's
// member:read scope or malformed: the same 404. The customer's full profile is the
// 360 view; this page adds the points form (member:manage) and the longer ledger.
export default definePage("member:read", async ({ ctx, params }) => {
  const member = await memberDetail(ctx, params.id ?? "");
  if (!member) notFound();
  const [t, locale] = await Promise.all([getT(ctx.locale), getLocale(ctx.locale)]);
  return (
    <div className="space-y-4">
      <Link href="/members" className="text-blue-700 underline">← {t("members.back")}</Link>
      <h1 className="text-2xl font-semibold">{t("members.detail.title", { memberNo: member.memberNo })}</h1>
      <div className="grid gap-4 lg:grid-cols-2">
        <Card id="member-card" title={t("members.detail.card")}>
          <Facts items={[
            [t("members.col.customer"), <Link key="c" href={`/customers/${member.customerId}`} className="text-blue-700 underline">{member.customerName}</Link>],
            [t("members.col.tier"), member.tierName ?? t("members.noTier")],
            [t("members.col.points"), <span key="p" data-testid="member-points">{formatNumber(member.points, locale)}</span>],
            [t("members.col.joined"), formatDate(member.joinedAt, locale, member.timeZone)],
          ]} />
        </Card>
        {can(ctx, "member:manage") ? (
          <Card id="member-points-form" title={t("points.form.title")}>
            <PointsForm memberId={member.id} text={pointsFormText(t)} />
          </Card>
        ) : null}
      </div>
      <Card id="member-ledger" title={t("points.ledger.title")}>
        {member.ledger.length === 0 ? (
          <p className="text-sm text-slate-700">{t("points.ledger.empty")}</p>
        ) : (
          <PointsLedgerTable rows={member.ledger.map((l) => ({ ...l, when: formatDateTime(l.createdAt, locale, member.timeZone) }))} t={t} locale={locale} />
        )}
      </Card>
    </div>
  );
});
