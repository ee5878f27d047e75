// The translated strings each import component gets (built on the server, so client
// components carry only the text they show).
import type { Translate } from "@/lib/i18n/translate";
import type { MappingText } from "@/components/imports/MappingForm";
import type { ProgressText } from "@/components/imports/ImportProgress";
import type { OutcomeText } from "@/components/imports/ImportOutcome";
import type { PreviewText } from "@/components/imports/PreviewTable";
import type { UploadText } from "@/components/imports/UploadForm";
import type { StepKey } from "@/components/imports/ImportSteps";

function pick<K extends string>(t: Translate, prefix: string, keys: readonly K[]): Record<K, string> {
  return Object.fromEntries(keys.map((k) => [k, t(`${prefix}.${k}`)])) as Record<K, string>;
}

export const stepLabels = (t: Translate): Record<StepKey, string> => pick(t, "imports.step", ["upload", "map", "check", "run", "report"] as const);

export const uploadText = (t: Translate): UploadText =>
  pick(t, "imports.upload", ["entity", "file", "fileHelp", "submit", "uploading", "progress", "chooseFile", "tooLarge", "failed"] as const);

export const previewText = (t: Translate): PreviewText =>
  pick(t, "imports.preview", ["title", "facts", "encoding", "delimiter", "headerRow", "columns", "caption", "row"] as const);

export const mappingText = (t: Translate): MappingText =>
  pick(t, "imports.mapping", [
    "title", "intro", "caption", "field", "column", "samples", "options", "notImported", "required", "defaultValue", "defaultFor",
    "dateOrder", "dateOrderFor", "dateAuto", "dateMDY", "dateDMY", "phoneKind", "phoneKindFor", "phoneMobile", "phoneAny", "matchTitle",
    "matchHelp", "match.externalId", "match.identity", "match.phone", "match.email", "policyTitle", "policy.fill_empty", "policy.overwrite",
    "policy.skip", "policyHelp", "splitAddress", "saveTemplate", "templateApplied", "submit", "submitting", "requiredMissing", "columnTwice",
    "groupMissing", "noSamples",
  ] as const);

export const progressText = (t: Translate): ProgressText =>
  pick(t, "imports.progress", ["label", "queued", "reading", "rate", "timeLeft", "applying", "checking", "finished", "cancel", "cancelling", "cancelRequested"] as const);

export const outcomeText = (t: Translate): OutcomeText =>
  pick(t, "imports.outcome", [
    "created", "updated", "skipped", "failed", "willCreate", "willUpdate", "willSkip", "willFail", "breakdown", "rows", "duplicates",
    "sameCustomer", "unchanged", "existingSkipped", "cleanFailed", "conflicts", "warnings", "problemsTitle", "problemsCaption", "row",
    "level", "problem", "noProblems", "download", "ordersCreated", "ordersUpdated", "customersCreated", "productsCreated", "pointsEntries", "tierChanges",
  ] as const);
