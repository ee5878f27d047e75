import Link from "next/link";
import { definePage } from "@/lib/auth/guard";
import { getLocale } from "@/lib/i18n/server";
import { importableEntities } from "@/lib/imports/entities";
import { MAX_UPLOAD_BYTES } from "@/lib/imports/file";
import { importsT } from "@/lib/imports/text";
import { formatLimit } from "@/lib/imports/upload";
import { EmptyState } from "@/components/EmptyState";
import { ImportSteps } from "@/components/imports/ImportSteps";
import { UploadForm } from "@/components/imports/UploadForm";
import { stepLabels, uploadText } from "@/components/imports/text";

// Step 1 of the wizard: choose what the file holds and upload it. ?entity= (from
// "start over" on an import) preselects an entity, when it is one the caller may import.
export default definePage("import:run", async ({ ctx, searchParams }) => {
  const locale = await getLocale(ctx.locale);
  const t = importsT(locale);
  const entities = importableEntities(ctx);
  const initial = entities.find((e) => e === searchParams.entity);
  const text = uploadText(t);
  text.fileHelp = t("imports.upload.fileHelp", { limit: formatLimit(MAX_UPLOAD_BYTES) });
  return (
    <>
      <Link href="/imports" className="text-blue-700 underline">← {t("imports.back")}</Link>
      <h1 className="mb-4 mt-2 text-2xl font-semibold">{t("imports.new")}</h1>
      <ImportSteps current="upload" labels={stepLabels(t)} label={t("imports.steps")} />
      {entities.length === 0 ? (
        <EmptyState title={t("imports.upload.noEntityTitle")} body={t("imports.upload.noEntityBody")} />
      ) : (
        <UploadForm entities={entities.map((e) => ({ value: e, label: t(`imports.entity.${e}`) }))} initial={initial} text={text} maxBytes={MAX_UPLOAD_BYTES} />
      )}
    </>
  );
});
