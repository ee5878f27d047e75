import Link from "next/link";
import { redirect } from "next/navigation";
import { definePage, PUBLIC } from "@/lib/auth/guard";
import { getLocale, getT } from "@/lib/i18n/server";
import { SignUpForm } from "@/components/auth/SignUpForm";

export default definePage(PUBLIC, async ({ ctx }) => {
  if (ctx) redirect("/");
  const [t, locale] = await Promise.all([getT(), getLocale()]);
  const keys = ["auth.signUp", "auth.orgName", "auth.orgSlug", "auth.name", "auth.email", "auth.password", "auth.locale", "auth.creating", "error.internal"] as const;
  const text = Object.fromEntries(keys.map((k) => [k, t(k)])) as Record<(typeof keys)[number], string>;
  return (
    <>
      <h1 className="mb-4 text-xl font-semibold">{t("auth.signUp")}</h1>
      <SignUpForm text={text} locale={locale} />
      <p className="mt-4 text-sm text-slate-700">
        {t("auth.haveAccount")} <Link className="text-blue-700 underline" href="/sign-in">{t("auth.signIn")}</Link>
      </p>
    </>
  );
});
