import type { Translate } from "@/lib/i18n/translate";

const tone: Record<string, string> = {
  draft: "bg-slate-100 text-slate-900", pending_approval: "bg-amber-100 text-amber-900", pending_approval_2: "bg-amber-100 text-amber-900",
  approved: "bg-green-100 text-green-900", rejected: "bg-red-100 text-red-900", running: "bg-blue-100 text-blue-900",
  completed: "bg-slate-200 text-slate-900", cancelled: "bg-slate-200 text-slate-900",
};

export function StatusBadge({ status, t }: { status: string; t: Translate }) {
  return <span className={`rounded px-2 py-0.5 text-xs font-medium ${tone[status] ?? tone.draft}`} data-testid="campaign-status">{t(`campaigns.status.${status}`)}</span>;
}
