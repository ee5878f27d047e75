// Refresh (not for static segments, whose members never change) and delete.
import { deleteSegmentAction, refreshSegmentAction } from "@/app/(app)/segments/[id]/actions";
import { ActionForm } from "@/components/campaigns/ActionForm";
import type { Translate } from "@/lib/i18n/translate";

export function SegmentActions({ id, kind, t }: { id: string; kind: string; t: Translate }) {
  return (
    <div className="flex flex-wrap gap-6">
      {kind !== "static" ? (
        <ActionForm action={refreshSegmentAction} submitText={t("segments.refresh")} pendingText={t("segments.refreshing")}
          successText={t("segments.refreshed")} tone="secondary" testId="segment-refresh">
          <input type="hidden" name="id" value={id} />
        </ActionForm>
      ) : <p className="self-center text-sm text-slate-700">{t("segments.staticNote")}</p>}
      <ActionForm action={deleteSegmentAction} submitText={t("segments.delete")} pendingText={t("segments.deleting")} successHref="/segments" tone="danger" testId="segment-delete">
        <input type="hidden" name="id" value={id} />
      </ActionForm>
    </div>
  );
}
