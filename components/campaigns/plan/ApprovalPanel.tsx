// The approval history, and what the viewer may do next: submit (planner, draft or
// rejected), approve or reject with a comment (approver, not the requester).
import { approveCampaignAction, rejectCampaignAction, submitCampaignAction } from "@/app/(app)/campaigns/[id]/actions";
import { ActionForm } from "@/components/campaigns/ActionForm";
import type { CampaignDetail } from "@/lib/campaigns/queries";
import { formatDateTime } from "@/lib/format/display";
import type { Translate } from "@/lib/i18n/translate";

type Props = { c: CampaignDetail; t: Translate; locale: string; mayManage: boolean; mayApprove: boolean; userId: string };

export function ApprovalPanel({ c, t, locale, mayManage, mayApprove, userId }: Props) {
  const pendingLevel = c.status === "pending_approval" ? 1 : c.status === "pending_approval_2" ? 2 : null;
  const ownRequest = c.requestedBy === userId;
  return (
    <section aria-labelledby="approval-h" className="rounded-lg border border-slate-200 bg-white p-4" data-testid="approval-panel">
      <h2 id="approval-h" className="mb-2 text-lg font-semibold">{t("campaigns.approval.title")}</h2>
      <p className="mb-3 text-sm text-slate-700">
        {t(c.approvalLevelRequired === 2 ? "campaigns.approval.twoLevels" : "campaigns.approval.oneLevel", { threshold: c.preview.settings.secondLevelThreshold })}
      </p>
      {c.approvals.length ? (
        <table className="mb-4 min-w-full text-left text-sm" data-testid="approval-history">
          <caption className="mb-1 text-left font-medium">{t("campaigns.approval.history")}</caption>
          <thead className="bg-slate-50"><tr>
            <th scope="col" className="px-3 py-1">{t("campaigns.approval.when")}</th>
            <th scope="col" className="px-3 py-1">{t("campaigns.approval.who")}</th>
            <th scope="col" className="px-3 py-1">{t("campaigns.approval.decision")}</th>
            <th scope="col" className="px-3 py-1">{t("campaigns.approval.comment")}</th>
          </tr></thead>
          <tbody>
            {c.approvals.map((a) => (
              <tr key={a.id} className="border-t border-slate-100">
                <td className="px-3 py-1">{formatDateTime(a.createdAt, locale, c.timeZone)}</td>
                <th scope="row" className="px-3 py-1 font-normal">{a.userName ?? "—"}</th>
                <td className="px-3 py-1">{a.decision === "submitted" ? t("campaigns.approval.submitted") : t(`campaigns.approval.${a.decision}`, { level: a.level })}</td>
                <td className="px-3 py-1">{a.comment ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : <p className="mb-3 text-sm text-slate-700">{t("campaigns.approval.none")}</p>}
      {mayManage && (c.status === "draft" || c.status === "rejected") ? (
        <ActionForm action={submitCampaignAction} submitText={t("campaigns.approval.submit")} pendingText={t("campaigns.approval.submitting")}
          successText={t("campaigns.approval.submittedDone")} testId="submit-campaign">
          <input type="hidden" name="id" value={c.id} />
          <p className="text-sm text-slate-700">{t("campaigns.approval.submitHelp")}</p>
        </ActionForm>
      ) : null}
      {pendingLevel && mayApprove && ownRequest ? <p className="text-sm text-slate-700">{t("campaigns.error.ownRequest")}</p> : null}
      {pendingLevel && mayApprove && !ownRequest ? (
        <div className="grid gap-6 sm:grid-cols-2">
          <ActionForm action={approveCampaignAction} submitText={t("campaigns.approval.approve", { level: pendingLevel })} pendingText={t("campaigns.saving")}
            successText={t("campaigns.approval.done")} testId="approve-campaign">
            <input type="hidden" name="id" value={c.id} />
            <label htmlFor="approve-comment" className="mb-1 block text-sm font-medium">{t("campaigns.approval.commentOptional")}</label>
            <textarea id="approve-comment" name="comment" rows={2} className="w-full rounded border border-slate-400 px-3 py-2" />
          </ActionForm>
          <ActionForm action={rejectCampaignAction} submitText={t("campaigns.approval.reject")} pendingText={t("campaigns.saving")} tone="danger"
            successText={t("campaigns.approval.done")} labels={{ comment: t("campaigns.approval.comment") }} testId="reject-campaign">
            <input type="hidden" name="id" value={c.id} />
            <label htmlFor="reject-comment" className="mb-1 block text-sm font-medium">{t("campaigns.approval.commentRequired")}</label>
            <textarea id="reject-comment" name="comment" rows={2} className="w-full rounded border border-slate-400 px-3 py-2" />
          </ActionForm>
        </div>
      ) : null}
    </section>
  );
}
