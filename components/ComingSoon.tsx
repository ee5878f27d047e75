import { getT } from "@/lib/i18n/server";
import type { Locale, MessageKey } from "@/lib/i18n/translate";
import { EmptyState } from "@/components/EmptyState";

// A page whose feature arrives with a later issue: an honest empty state, never sample numbers.
export async function ComingSoon({ locale, title }: { locale: Locale; title: MessageKey }) {
  const t = await getT(locale);
  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">{t(title)}</h1>
      <EmptyState title={t("common.notYet")} body={t("common.comingSoon")} />
    </>
  );
}
