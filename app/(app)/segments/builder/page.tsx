import Link from "next/link";
import { definePage } from "@/lib/auth/guard";
import { getLocale, getT } from "@/lib/i18n/server";
import { allKeys } from "@/lib/i18n/translate";
import { RFM_SEGMENTS } from "@/lib/analytics/rfm/segments";
import { CHURN_LEVELS } from "@/lib/customers/filters";
import { channelLabelKey } from "@/lib/customers/channels";
import { builderOptions, presetTree } from "@/lib/segments/builder-options";
import { RuleBuilder, type Choice } from "@/components/segments/RuleBuilder";

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

// ?preset=rfm:<segment> | churn:<level> | cluster:<n> (the overview's "save as segment") starts with that condition.
export default definePage("segment:manage", async ({ ctx, searchParams }) => {
  const [t, locale, options] = await Promise.all([getT(ctx.locale), getLocale(ctx.locale), builderOptions(ctx)]);
  const named = (key: string, fallback: string) => (t(key) === key ? fallback : t(key));
  const plain = (xs: string[]): Choice[] => xs.map((x) => ({ value: x, label: x }));
  const choices: Record<string, Choice[]> = {
    provinces: plain(options.provinces), cities: plain(options.cities), categories: plain(options.categories),
    genders: ["M", "F", "U"].map((g) => ({ value: g, label: t(`customers.gender.${g}`) })),
    channels: options.channels.map((c) => ({ value: c, label: named(channelLabelKey(c), c) })),
    interactionChannels: options.interactionChannels.map((c) => ({ value: c, label: named(`segments.builder.ichannel.${c}`, c) })),
    stores: options.stores, tags: options.tags, tiers: options.tiers, departments: options.departments, products: options.products,
    months: Array.from({ length: 12 }, (_, i) => ({ value: String(i + 1), label: new Intl.DateTimeFormat(locale, { month: "long" }).format(new Date(2026, i, 15)) })),
    rfm: RFM_SEGMENTS.map((s) => ({ value: s, label: t(`customers.segment.${s}`) })),
    churn: CHURN_LEVELS.map((l) => ({ value: l, label: t(`segments.churn.${l}`) })),
    clusters: options.clusters.map((c) => ({ value: String(c.value), label: `${c.value} · ${locale === "en" ? c.en : c.zh}` })),
  };
  const text = Object.fromEntries(allKeys(locale).filter((k) => k.startsWith("segments.builder.")).map((k) => [k, t(k)]));
  return (
    <div className="max-w-6xl">
      <Link href="/segments" className="text-blue-700 underline">← {t("segments.back")}</Link>
      <h1 className="mb-1 mt-2 text-2xl font-semibold text-slate-900">{t("segments.builder.title")}</h1>
      <p className="mb-4 text-slate-700">{t("segments.builder.intro")}</p>
      <RuleBuilder initial={presetTree(one(searchParams.preset))} choices={choices} text={text} locale={locale} />
    </div>
  );
});
