import Link from "next/link";
import { notFound } from "next/navigation";
import { definePage } from "@/lib/auth/guard";
import { getLocale, getT } from "@/lib/i18n/server";
import { getCustomerForEdit } from "@/lib/customers/edit";
import { customerManagement, mergeCandidates } from "@/lib/customers/manage";
import { previewMerge, type MergePreview } from "@/lib/customers/merge";
import { AppError } from "@/lib/errors";
import { formatDate } from "@/lib/format/display";
import { Card } from "@/components/customers/Card";
import { DuplicateList } from "@/components/customers/DuplicateList";
import { MergePreviewView } from "@/components/customers/MergePreviewView";
import { MergeConfirm } from "@/components/customers/MergeConfirm";
import { duplicateListText } from "@/components/customers/form-text";

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

// Merging needs customer:update on both customers. This one must be inside that
// scope (else 404, like the 360 page); the other is checked by the preview and
// again by the action.
export default definePage("customer:update", async ({ ctx, params, searchParams }) => {
  const id = params.id ?? "";
  const customer = await getCustomerForEdit(ctx, id);
  if (!customer) notFound();
  const q = first(searchParams.q).trim().slice(0, 100);
  const withId = first(searchParams.with);
  const keepOther = first(searchParams.keep) === "other";
  const [t, locale, management, candidates] = await Promise.all([
    getT(ctx.locale), getLocale(ctx.locale), customerManagement(ctx, id), q ? mergeCandidates(ctx, id, q) : Promise.resolve([]),
  ]);
  let preview: MergePreview | null = null;
  let previewError: string | null = null;
  if (withId) {
    try {
      preview = await previewMerge(ctx, keepOther ? withId : id, keepOther ? id : withId);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      previewError = t(err.key, err.params);
    }
  }
  const tz = customer.timeZone;
  const date = (d: Date) => formatDate(d, locale, tz);
  const here = (extra: Record<string, string>) => {
    const sp = new URLSearchParams({ ...(q ? { q } : {}), ...extra });
    return `/customers/${id}/merge?${sp.toString()}`;
  };
  const name = customer.values.name;
  return (
    <div className="max-w-5xl space-y-4">
      <Link href={`/customers/${id}`} className="text-blue-700 underline">← {name}</Link>
      <h1 className="text-2xl font-semibold text-slate-900">{t("customers.merge.title", { name })}</h1>
      <p className="text-slate-700">{t("customers.merge.intro")}</p>

      <form method="get" action={`/customers/${id}/merge`} role="search" className="rounded-lg border border-slate-200 bg-white p-4">
        <label htmlFor="merge-q" className="mb-1 block text-sm font-medium text-slate-800">{t("customers.merge.searchLabel")}</label>
        <div className="flex flex-wrap gap-2">
          <input id="merge-q" name="q" type="search" defaultValue={q} autoComplete="off" aria-describedby="merge-q-help"
            className="w-full max-w-xl flex-1 rounded border border-slate-400 bg-white px-3 py-2 text-slate-900" />
          <button type="submit" className="rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800">{t("customers.merge.search")}</button>
        </div>
        <p id="merge-q-help" className="mt-1 text-xs text-slate-700">{t("customers.merge.searchHelp")}</p>
      </form>

      {q ? (
        <Card id="merge-candidates" title={t("customers.merge.results", { q })}>
          {candidates.length === 0 ? (
            <p className="text-sm text-slate-700">{t("customers.merge.noResults", { q })}</p>
          ) : (
            <ul className="divide-y divide-slate-100">
              {candidates.map((c) => (
                <li key={c.id} className="flex flex-wrap items-baseline gap-x-4 gap-y-1 py-2 text-sm" data-testid="merge-candidate">
                  <span className="font-medium text-slate-900">{c.name}</span>
                  {c.phone ? <span className="text-slate-700">{c.phone}</span> : null}
                  {c.email ? <span className="text-slate-700">{c.email}</span> : null}
                  {c.city ? <span className="text-slate-700">{c.city}</span> : null}
                  {c.owner ? <span className="text-slate-700">{t("customers.duplicates.owner", { name: c.owner })}</span> : null}
                  <Link href={here({ with: c.id })} className="text-blue-700 underline">{t("customers.merge.choose", { name: c.name })}</Link>
                </li>
              ))}
            </ul>
          )}
        </Card>
      ) : null}

      {management && management.duplicates.length && !withId ? (
        <Card id="merge-suggested" title={t("customers.duplicates.title")}>
          <DuplicateList duplicates={management.duplicates} text={duplicateListText(t)} formatDate={date} mergeFrom={id} />
        </Card>
      ) : null}

      {previewError ? <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-800">{previewError}</p> : null}
      {preview ? (
        <Card id="merge-preview" title={t("customers.merge.preview")}>
          <MergePreviewView preview={preview} t={t} locale={locale} timeZone={tz}
            swapHref={here({ with: withId, ...(keepOther ? {} : { keep: "other" }) })} />
          <div className="mt-4">
            <MergeConfirm
              survivorId={preview.survivor.id} survivorVersion={preview.survivor.version}
              otherId={preview.other.id} otherVersion={preview.other.version}
              text={{ confirm: t("customers.merge.confirm"), merging: t("customers.merge.merging"), help: t("customers.merge.confirmHelp") }}
            />
          </div>
        </Card>
      ) : null}
    </div>
  );
});
