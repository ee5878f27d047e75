// The import report's undo section (server side): the button while it can be undone,
// progress while the worker undoes it, and what it did afterwards.
import type { AuthContext } from "@/lib/auth/context";
import type { Translate } from "@/lib/i18n/translate";
import { UNDOABLE_ENTITIES, undoReportOf } from "@/lib/imports/undo";
import { RECORD_ENTITIES } from "@/lib/imports/undo-records";
import type { ImportEntity } from "@/lib/import/fields";
import { UndoImport } from "@/components/imports/UndoImport";
import { AutoRefresh } from "@/components/AutoRefresh";

type Props = { ctx: AuthContext; t: Translate; importId: string; entity: ImportEntity; fileName: string; status: string; mayRun: boolean };

export async function UndoSection({ ctx, t, importId, entity, fileName, status, mayRun }: Props) {
  if (!UNDOABLE_ENTITIES.includes(entity)) return null;
  const report = status === "undone" ? await undoReportOf(ctx, importId) : null;
  const counts = report ? (({ orders: _orders, records: _records, ...rest }) => rest)(report) : null;
  if (status === "undone" && report && counts) {
    return (
      <section aria-labelledby="undo-title" className="mt-6 rounded border border-slate-300 p-4" data-testid="undo-report">
        <h2 id="undo-title" className="text-base font-semibold">{t("imports.undo.title")}</h2>
        <p className="mt-2 text-sm">{t("imports.undo.done", { ...counts })}</p>
        <p className="mt-1 text-sm">{t("imports.undo.kept", { ...counts })}</p>
        <p className="mt-1 text-sm">{t("imports.undo.unlinked", { ...counts })}</p>
        {report.orders ? <p className="mt-1 text-sm">{t("imports.undo.ordersDone", { ...report.orders })}</p> : null}
        {report.records ? <p className="mt-1 text-sm">{t(`imports.undo.recordsDone.${entity}`, { ...report.records })}</p> : null}
      </section>
    );
  }
  if (status === "undoing") {
    return <p role="status" className="mt-6 text-sm text-slate-700">{t("imports.undo.running")}<AutoRefresh seconds={2} /></p>;
  }
  if (status !== "succeeded" || !mayRun) return null;
  return (
    <section aria-labelledby="undo-title" className="mt-6 rounded border border-slate-300 p-4">
      <h2 id="undo-title" className="text-base font-semibold">{t("imports.undo.title")}</h2>
      <p className="mt-1 text-sm text-slate-700">{t("imports.undo.intro")}{entity === "customers" ? "" : ` ${t(RECORD_ENTITIES.includes(entity) ? `imports.undo.recordsNote.${entity}` : "imports.undo.ordersNote")}`}</p>
      <UndoImport importId={importId} text={{
        button: t("imports.undo.button"), confirm: t("imports.undo.confirm"), cancel: t("imports.undo.cancel"),
        question: t("imports.undo.confirmQuestion", { file: fileName }), queued: t("imports.undo.queued"),
      }} />
    </section>
  );
}
