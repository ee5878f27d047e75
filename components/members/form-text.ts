// Translated strings for the members area's client forms (they cannot call getT).
import type { Translate } from "@/lib/i18n/translate";
import type { TierFormText } from "@/components/members/TierForm";
import type { PointsFormText } from "@/components/members/PointsForm";

export function tierFormText(t: Translate): TierFormText {
  return {
    rank: t("members.tier.rank"), rankHelp: t("members.tier.rankHelp"), name: t("members.tier.name"),
    threshold: t("members.tier.threshold"), thresholdHelp: t("members.tier.thresholdHelp"), benefits: t("members.tier.benefits"),
    submit: t("members.tier.save"), saving: t("members.saving"), saved: t("members.tier.saved"),
  };
}

export function pointsFormText(t: Translate): PointsFormText {
  return {
    direction: t("points.form.direction"), earn: t("points.form.earn"), consume: t("points.form.consume"),
    points: t("points.form.points"), reason: t("points.form.reason"), reasonHelp: t("points.form.reasonHelp"),
    submit: t("points.form.submit"), saving: t("members.saving"), saved: t("points.form.saved"),
  };
}
