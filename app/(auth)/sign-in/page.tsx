import Link from "next/link";
import { redirect } from "next/navigation";
import { definePage, PUBLIC } from "@/lib/auth/guard";
import { getT } from "@/lib/i18n/server";
import { SignInForm } from "@/components/auth/SignInForm";

export default definePage(PUBLIC, async ({ ctx, searchParams }) => {
  if (ctx) redirect("/");
  const t = await getT();
  const keys = ["auth.signIn", "auth.email", "auth.password", "auth.invalid", "auth.rateLimited", "auth.noTenant", "auth.signingIn", "error.internal"] as const;
  const text = Object.fromEntries(keys.map((k) => [k, t(k)])) as Record<(typeof keys)[number], string>;
  return (
    <>
      <h1 className="mb-4 text-xl font-semibold">{t("auth.signIn")}</h1>
      {searchParams.expired ? <p role="status" className="mb-4 rounded bg-amber-50 p-3 text-sm text-amber-900">{t("auth.expired")}</p> : null}
      <SignInForm text={text} />
      <p className="mt-4 text-sm text-slate-700">
        {t("auth.noAccount")} <Link className="text-blue-700 underline" href="/sign-up">{t("auth.signUp")}</Link>
      </p>
    </>
  );
});
