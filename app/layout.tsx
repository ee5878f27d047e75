import type { ReactNode } from "react";
import "./globals.css";
import { getLocale } from "@/lib/i18n/server";

export const metadata = { title: "Insight CRM", description: "Analytical CRM for retail and e-commerce", icons: { icon: "/icon.svg" } };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  return (
    <html lang={locale}>
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">{children}</body>
    </html>
  );
}
