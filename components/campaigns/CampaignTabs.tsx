// The campaign's sections: the plan (this page), execution and evaluation (plain links).
import Link from "next/link";
import type { Translate } from "@/lib/i18n/translate";

export function CampaignTabs({ id, current, t }: { id: string; current: "plan" | "execution" | "evaluation"; t: Translate }) {
  const tabs = [["plan", `/campaigns/${id}`], ["execution", `/campaigns/${id}/execution`], ["evaluation", `/campaigns/${id}/evaluation`]] as const;
  return (
    <nav aria-label={t("campaigns.tabs.label")} className="mb-6 flex gap-1 border-b border-slate-300">
      {tabs.map(([key, href]) => (
        <Link key={key} href={href} aria-current={key === current ? "page" : undefined}
          className={`-mb-px rounded-t border px-4 py-2 text-sm ${key === current ? "border-slate-300 border-b-white bg-white font-semibold text-slate-900" : "border-transparent text-blue-700 underline"}`}>
          {t(`campaigns.tabs.${key}`)}
        </Link>
      ))}
    </nav>
  );
}
