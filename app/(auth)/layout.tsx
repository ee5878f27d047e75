import type { ReactNode } from "react";
import { getT } from "@/lib/i18n/server";
import { LocaleSwitch } from "@/components/LocaleSwitch";
import { getLocale } from "@/lib/i18n/server";

export default async function AuthLayout({ children }: { children: ReactNode }) {
  const [t, locale] = await Promise.all([getT(), getLocale()]);
  return (
    <div className="flex min-h-screen flex-col items-center justify-center px-4 py-10">
      <header className="mb-6 text-center">
        <p className="text-2xl font-bold text-blue-800">{t("app.name")}</p>
        <p className="text-sm text-slate-700">{t("auth.tagline")}</p>
      </header>
      <main className="w-full max-w-md rounded-lg border border-slate-200 bg-white p-6 shadow-sm">{children}</main>
      <footer className="mt-4">
        <LocaleSwitch current={locale} label={t("common.language")} />
      </footer>
    </div>
  );
}
