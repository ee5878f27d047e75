import type { Customer360 } from "@/lib/customers/detail";
import { formatCalendarDate, formatDate } from "@/lib/format/display";
import type { Translate } from "@/lib/i18n/translate";
import { Card, Facts } from "@/components/customers/Card";
import { channelLabel } from "@/components/customers/CustomersTable";

type Props = { customer: Customer360; t: Translate; locale: string };

export function ProfileCard({ customer, t, locale }: Props) {
  const p = customer.profile;
  const tz = customer.timeZone;
  const gender = p.gender ? t(`customers.gender.${p.gender}`) : null;
  return (
    <Card id="customer-profile" title={t("customers.profile")}>
      <Facts
        items={[
          [t("customers.profile.gender"), gender],
          [t("customers.profile.age"), p.age !== null ? t("customers.profile.ageValue", { age: p.age, birthday: formatCalendarDate(p.birthday, locale) }) : null],
          [t("customers.profile.phone"), p.phone ? <span data-testid="profile-phone">{p.phone}</span> : null],
          [t("customers.profile.email"), p.email ? <span data-testid="profile-email">{p.email}</span> : null],
          [t("customers.profile.occupation"), p.occupation],
          [t("customers.profile.interests"), p.interests.join(t("customers.listSeparator"))],
          [t("customers.profile.region"), [p.province, p.city, p.district].filter(Boolean).join(" ")],
          [t("customers.profile.sourceChannel"), channelLabel(t, p.sourceChannel)],
          [t("customers.profile.owner"), p.owner?.name ?? t("customers.unassigned")],
          [t("customers.profile.homeStore"), p.homeStore?.name],
          [t("customers.profile.externalId"), p.externalId],
          [t("customers.profile.created"), formatDate(p.createdAt, locale, tz)],
          [t("customers.profile.firstOrder"), p.firstOrderAt ? formatDate(p.firstOrderAt, locale, tz) : t("customers.never")],
          [t("customers.profile.lastOrder"), p.lastOrderAt ? formatDate(p.lastOrderAt, locale, tz) : t("customers.never")],
        ]}
      />
      {p.contactMasked ? <p className="mt-3 text-xs text-slate-700">{t("customers.maskedNotice")}</p> : null}
    </Card>
  );
}
