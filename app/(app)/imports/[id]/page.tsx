import Link from "next/link";
import { notFound } from "next/navigation";
import { definePage } from "@/lib/auth/guard";
import { getLocale } from "@/lib/i18n/server";
import { formatDateTime } from "@/lib/format/display";
import { ENTITIES, type FieldDef } from "@/lib/import/fields";
import { guessEntity } from "@/lib/import/guess-entity";
import { firstIssues, getImport } from "@/lib/imports/requests";
import { importsT, issueLine, jobErrorText } from "@/lib/imports/text";
import { ImportSteps, type StepKey } from "@/components/imports/ImportSteps";
import { PreviewTable } from "@/components/imports/PreviewTable";
import { MappingForm } from "@/components/imports/MappingForm";
import { ImportProgress } from "@/components/imports/ImportProgress";
import { ImportOutcome } from "@/components/imports/ImportOutcome";
import { StartImport } from "@/components/imports/StartImport";
import { UndoSection } from "@/components/imports/UndoSection";
import { mappingText, outcomeText, previewText, progressText, stepLabels } from "@/components/imports/text";

const DELIMITERS: Record<string, string> = { ",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe" };
const ACTIVE = new Set(["validating", "queued", "running"]);

type DataLinkLabel = "imports.detail.toCustomers" | "imports.detail.toOrders" | "imports.detail.toProducts" | "imports.detail.toMembers"
  | "imports.detail.toInteractions" | "imports.detail.toTickets";

/** Where the imported rows can be seen, after a run. */
function dataLink(entity: string): { href: string; label: DataLinkLabel } {
  if (entity === "products") return { href: "/products", label: "imports.detail.toProducts" };
  if (entity === "orderLines" || entity === "orders" || entity === "orderItems") return { href: "/orders", label: "imports.detail.toOrders" };
  if (entity === "members") return { href: "/members", label: "imports.detail.toMembers" };
  if (entity === "interactions") return { href: "/interactions", label: "imports.detail.toInteractions" };
  if (entity === "serviceTickets") return { href: "/tickets", label: "imports.detail.toTickets" };
  return { href: "/customers", label: "imports.detail.toCustomers" };
}

function stepOf(status: string, mode: string | null): StepKey {
  if (status === "uploaded") return "map";
  if (status === "validating" || status === "validated") return "check";
  if (status === "queued" || status === "running") return "run";
  if (status === "failed" && mode === "dry_run") return "check";
  return "report";
}

// One import: the wizard while it is being set up, its progress while it runs, its
// report when it is done. Another tenant's id, or a malformed one, is not found.
export default definePage("import:read", async ({ ctx, params }) => {
  const job = await getImport(ctx, params.id ?? "");
  if (!job) notFound();
  const locale = await getLocale(ctx.locale);
  const t = importsT(locale);
  const step = stepOf(job.status, job.mode);
  const preview = job.preview;
  const editable = job.mayRun && (job.status === "uploaded" || job.status === "validated" || job.status === "failed");
  const showOutcome = job.status === "validated" || job.status === "succeeded";
  // The preview and the problems show the file's own data: only for those who may import it.
  const issues = showOutcome && job.maySeeData ? await firstIssues(ctx, job.id) : [];
  const encoding = preview.kind === "xlsx" ? "Excel (.xlsx)"
    : preview.encoding ? t(`imports.encoding.${preview.encoding.encoding}${preview.encoding.bomLength ? "Bom" : ""}`) : "";
  const errorText = jobErrorText(locale, job.error);
  // A file that cannot be mapped as the chosen entity but looks like another's: say so before the mapping.
  const guess = editable ? guessEntity(job.entity, preview.headers) : null;
  const guessText = guess ? t(`imports.guess.wrongEntity.${guess.entity}`, { columnsEn: guess.columns.join(", "), columnsZh: guess.columns.join("、") }) : null;
  // The mapping form's own check says it as the server's refusal does; it fills in what is missing.
  const wrongEntity = guessText ? t("imports.guess.refused", { guessEn: guessText, guessZh: guessText, missingEn: "{missing}", missingZh: "{missing}" }) : null;
  // Starting over preselects the entity the file looks like, else the one chosen for it.
  const startOverHref = `/imports/new?${new URLSearchParams({ entity: guess?.entity ?? job.entity })}`;

  const def = ENTITIES[job.entity];
  const suggestedBy = new Map((job.options.suggestions ?? []).map((s) => [s.field, s]));
  const samples: Record<string, string[]> = {};
  preview.headers.forEach((h, i) => {
    samples[h] = preview.rows.map((r) => r.cells[i] ?? "").filter((v) => v.trim() !== "").slice(0, 5);
  });
  const fields = (def.fields as readonly FieldDef[]).map((f) => {
    const s = suggestedBy.get(f.key);
    const current = job.mapping.fields?.[f.key]?.column ?? null;
    return {
      key: f.key, label: locale === "en" ? f.label.en : f.label.zh, type: f.type, required: Boolean(f.required),
      suggested: job.options.templateApplied ? t("imports.mapping.fromTemplate") : s && s.column === current ? t(`imports.mapping.method.${s.method}`) : null,
    };
  });
  const groups = (("requireOneOf" in def ? def.requireOneOf : undefined) ?? []).map((g) => {
    const labels = g.fields.map((k) => { const f = def.fields.find((x) => x.key === k)!; return locale === "en" ? f.label.en : f.label.zh; })
      .join(locale === "en" ? ", " : "、");
    return { fields: [...g.fields], labels, message: t("imports.mapping.groupMissing", { fields: labels }) };
  });

  return (
    <>
      <Link href="/imports" className="text-blue-700 underline">← {t("imports.back")}</Link>
      <h1 className="mb-1 mt-2 break-all text-2xl font-semibold" data-testid="import-title">{job.fileName}</h1>
      <p className="mb-4 text-sm text-slate-700">
        {t("imports.detail.meta", {
          entity: t(`imports.entity.${job.entity}`), size: (job.fileBytes / 1024).toLocaleString(locale, { maximumFractionDigits: 0 }),
          by: job.createdByName ?? "", at: formatDateTime(job.createdAt, locale, job.timeZone),
        })}
        {" · "}<span data-testid="import-status">{t(`imports.status.${job.status}`)}</span>
      </p>
      <ImportSteps current={step} labels={stepLabels(t)} label={t("imports.steps")} />

      {errorText ? (
        <p role="alert" className="mb-4 rounded border border-red-300 bg-red-50 p-3 text-sm text-red-800" data-testid="import-error">
          {job.mode === "run" ? t("imports.detail.failedRun") : t("imports.detail.failedCheck")} {errorText}
          {job.status === "failed" && job.mayRun ? (
            <>{" "}<Link href={startOverHref} className="text-red-900 underline">{t("imports.detail.startOver")}</Link></>
          ) : null}
        </p>
      ) : null}
      {job.status === "cancelled" ? <p role="status" className="mb-4 rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">{t("imports.detail.cancelled")}</p> : null}

      {ACTIVE.has(job.status) ? (
        <>
          <h2 className="mb-2 text-lg font-semibold text-slate-900">{job.mode === "dry_run" ? t("imports.detail.checking") : t("imports.detail.running")}</h2>
          <ImportProgress initial={job.progress} text={progressText(t)} locale={locale} canCancel={job.mayRun} />
        </>
      ) : null}

      {job.status === "succeeded" ? (
        <>
          <h2 className="mb-2 text-lg font-semibold text-slate-900">{t("imports.detail.reportTitle")}</h2>
          <div role="progressbar" aria-label={t("imports.progress.label")} aria-valuemin={0} aria-valuemax={100} aria-valuenow={100} className="mb-2 h-3 w-full rounded bg-blue-700" />
          <p role="status" className="mb-4 text-sm text-slate-800" data-testid="import-done">
            {t("imports.detail.done", { at: job.finishedAt ? formatDateTime(job.finishedAt, locale, job.timeZone) : "" })}
            {" "}<Link href={dataLink(job.entity).href} className="text-blue-700 underline">{t(dataLink(job.entity).label)}</Link>
          </p>
        </>
      ) : null}
      {job.status === "validated" ? (
        <h2 className="mb-2 text-lg font-semibold text-slate-900">{t("imports.detail.dryRunTitle")}</h2>
      ) : null}
      {showOutcome && (job.status === "succeeded" ? job.report : job.dryRun) ? (
        <ImportOutcome
          summary={(job.status === "succeeded" ? job.report : job.dryRun)!}
          planned={job.status === "validated"}
          issues={job.maySeeData ? issues.map((i) => ({ row: i.row, level: t(`imports.level.${i.level}`), line: issueLine(locale, i) })) : null}
          text={outcomeText(t)}
          downloadHref={job.hasErrorReport && job.mayRun ? `/api/imports/${job.id}/errors` : null}
          locale={locale}
        />
      ) : null}
      <UndoSection ctx={ctx} t={t} importId={job.id} entity={job.entity} fileName={job.fileName} status={job.status} mayRun={job.mayRun} />
      {job.status === "validated" && job.mayRun ? (
        <>
          <p className="text-sm text-slate-700">{t("imports.detail.dryRunNote")}</p>
          <StartImport importId={job.id} text={{ start: t("imports.start"), starting: t("imports.starting"), discard: t("imports.discard"), discarding: t("imports.discarding") }} />
          <hr className="my-6 border-slate-200" />
        </>
      ) : null}

      {(editable || job.status === "uploaded") && job.maySeeData ? (
        <PreviewTable
          facts={{ encoding, delimiter: preview.delimiter ? t(`imports.delimiter.${DELIMITERS[preview.delimiter] ?? "comma"}`) : null, headerRow: preview.headerRow, columns: preview.headers.length }}
          headers={preview.headers} rows={preview.rows} warnings={preview.warnings.map((w) => t(w.key, w.params))} text={previewText(t)}
        />
      ) : null}
      {guess ? (
        <p role="status" className="mb-4 rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900" data-testid="import-wrong-entity">
          {guessText}
          {" "}<Link href={startOverHref} className="text-blue-800 underline">{t("imports.guess.startOver")}</Link>
        </p>
      ) : null}
      {editable ? (
        <MappingForm
          importId={job.id} entity={job.entity} headers={preview.headers} samples={samples} fields={fields} groups={groups} wrongEntity={wrongEntity}
          initial={{
            fields: job.mapping.fields ?? {}, splitAddress: job.mapping.splitAddress !== false, matchKeys: job.options.matchKeys,
            policy: job.options.policy, templateApplied: Boolean(job.options.templateApplied),
          }}
          hasAddress={def.fields.some((f) => f.key === "address")}
          text={{ ...mappingText(t), submit: job.status === "validated" ? t("imports.mapping.recheck") : t("imports.mapping.submit") }}
        />
      ) : null}
    </>
  );
});
