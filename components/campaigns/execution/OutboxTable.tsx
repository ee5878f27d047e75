// The outbox: the newest messages of the campaign as the provider (the dev adapter in development) recorded them.
import type { Translate } from "@/lib/i18n/translate";
import type { ExecutionView } from "@/lib/campaigns/execution/queries";

type Row = NonNullable<ExecutionView>["outbox"][number];

export function OutboxTable({ rows, t, format }: { rows: Row[]; t: Translate; format: (d: Date | null) => string }) {
  return (
    <section aria-labelledby="outbox-h" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="outbox-h" className="mb-2 text-lg font-semibold text-slate-900">{t("campaignRun.outbox.title")}</h2>
      {rows.length === 0 ? <p className="text-sm text-slate-700">{t("campaignRun.outbox.empty")}</p> : (
        <div className="overflow-x-auto">
          <table className="min-w-full text-sm" data-testid="outbox-table">
            <caption className="sr-only">{t("campaignRun.outbox.title")}</caption>
            <thead><tr className="text-left text-slate-800">
              {["customer", "channel", "to", "body", "status", "provider", "at"].map((k) => <th key={k} scope="col" className="px-2 py-1">{t(`campaignRun.outbox.${k}`)}</th>)}
            </tr></thead>
            <tbody>
              {rows.map((m) => (
                <tr key={m.id} className="border-t border-slate-200 align-top">
                  <td className="px-2 py-1">{m.customerName}</td>
                  <td className="px-2 py-1">{t(`campaignRun.channel.${m.channel}`)}</td>
                  <td className="px-2 py-1 whitespace-nowrap">{m.to ?? "—"}</td>
                  <td className="max-w-md px-2 py-1">{m.body}</td>
                  <td className="px-2 py-1">
                    {t(`campaignRun.messageStatus.${m.status}`)}
                    {m.skipReason ? ` · ${t(`campaignRun.skip.${m.skipReason}`)}` : ""}
                    {m.error ? <span className="block text-xs text-red-700">{m.error}</span> : null}
                  </td>
                  <td className="px-2 py-1">{m.provider ?? "—"}</td>
                  <td className="px-2 py-1 whitespace-nowrap">{format(m.at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
