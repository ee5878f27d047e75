import type { ReactNode } from "react";
import Link from "next/link";
import { optionalContext } from "@/lib/auth/guard";
import { can } from "@/lib/auth/context";
import { ADMIN_NAV, MAIN_NAV } from "@/lib/navigation";
import { getLocale, getT } from "@/lib/i18n/server";
import { unsafeListMemberships } from "@/lib/users/accounts";
import { LocaleSwitch } from "@/components/LocaleSwitch";
import { Providers } from "@/components/shell/Providers";
import { SignOutButton } from "@/components/shell/SignOutButton";
import { TenantSwitch } from "@/components/shell/TenantSwitch";

// The signed-in shell. Pages below enforce their own permission (lib/auth/guard);
// this layout only decides what the navigation shows.
export default async function AppLayout({ children }: { children: ReactNode }) {
  const ctx = await optionalContext();
  if (!ctx) return <>{children}</>;
  const [t, locale, memberships] = await Promise.all([getT(ctx.locale), getLocale(ctx.locale), unsafeListMemberships(ctx.userId)]);
  const main = MAIN_NAV.filter((i) => can(ctx, i.permission));
  const admin = ADMIN_NAV.filter((i) => can(ctx, i.permission));
  return (
    <Providers>
      <a href="#content" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-white focus:p-2">
        {t("common.skipToContent")}
      </a>
      <header className="flex flex-wrap items-center gap-4 border-b border-slate-200 bg-white px-4 py-3">
        <Link href="/" className="text-lg font-bold text-blue-800">{t("app.name")}</Link>
        <TenantSwitch
          label={t("common.switchOrg")}
          current={ctx.tenantId}
          options={memberships.map((m) => ({ id: m.tenantId, name: m.name }))}
        />
        <div className="ml-auto flex items-center gap-4">
          <LocaleSwitch current={locale} label={t("common.language")} />
          <span className="text-sm text-slate-700" data-testid="current-user">{ctx.name}</span>
          <SignOutButton label={t("auth.signOut")} />
        </div>
      </header>
      <div className="flex flex-col md:flex-row">
        <nav aria-label={t("nav.main")} className="border-b border-slate-200 bg-white p-3 md:min-h-[calc(100vh-57px)] md:w-56 md:border-b-0 md:border-r" data-testid="main-nav">
          <ul className="flex flex-wrap gap-1 md:flex-col">
            {main.map((i) => (
              <li key={i.href}><Link className="block rounded px-3 py-2 text-slate-800 hover:bg-slate-100" href={i.href}>{t(i.label)}</Link></li>
            ))}
          </ul>
          {admin.length > 0 ? (
            <>
              <p className="mt-4 px-3 text-xs font-semibold uppercase tracking-wide text-slate-600">{t("nav.admin")}</p>
              <ul className="flex flex-wrap gap-1 md:flex-col" data-testid="admin-nav">
                {admin.map((i) => (
                  <li key={i.href}><Link className="block rounded px-3 py-2 text-slate-800 hover:bg-slate-100" href={i.href}>{t(i.label)}</Link></li>
                ))}
              </ul>
            </>
          ) : null}
        </nav>
        <main id="content" className="flex-1 p-4 md:p-6">{children}</main>
      </div>
    </Providers>
  );
}
