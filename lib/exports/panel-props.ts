// What the list page hands the export panel: translated text, the columns with
// the defaults ticked, the list's current filters, and the caller's latest export
// if it is still running (so a reload shows its bar again).
import type { AuthContext } from "@/lib/auth/context";
import type { Translate } from "@/lib/i18n/translate";
import type { CustomerFilters } from "@/lib/customers/filters";
import type { ExportText } from "@/components/exports/ExportPanel";
import { CUSTOMER_EXPORT_COLUMNS, DEFAULT_EXPORT_COLUMNS, headerOf } from "@/lib/exports/customer-columns";
import { recentExports } from "@/lib/exports/requests";

const KEYS = [
  "exports.title", "exports.intro", "exports.columns", "exports.start", "exports.starting", "exports.queued", "exports.running",
  "exports.runningUnknown", "exports.succeeded", "exports.failed", "exports.download", "exports.progress",
] as const satisfies readonly (keyof ExportText)[];

export async function exportPanelProps(ctx: AuthContext, t: Translate, filters: CustomerFilters) {
  const [latest] = await recentExports(ctx, 1);
  const resume = latest && (latest.status === "queued" || latest.status === "running") ? latest : null;
  return {
    text: Object.fromEntries(KEYS.map((k) => [k, t(k)])) as ExportText,
    columns: CUSTOMER_EXPORT_COLUMNS.map((c) => ({ key: c.key, label: headerOf(c.key, ctx.locale), checked: DEFAULT_EXPORT_COLUMNS.includes(c.key) })),
    filters: Object.fromEntries(Object.entries(filters).filter(([, v]) => typeof v === "string")) as Record<string, string>,
    resume: resume ? { id: resume.id, status: resume.status, rowsDone: resume.rowsDone, rowsTotal: resume.rowsTotal, error: resume.error } : null,
  };
}
