import Link from "next/link";
import { definePage } from "@/lib/auth/guard";
import { getT } from "@/lib/i18n/server";
import { listApiKeys } from "@/lib/api-keys/manage";
import { formatDateTime } from "@/lib/format/display";
import { EmptyState } from "@/components/EmptyState";
import { ApiKeysTable } from "@/components/admin/api-keys/ApiKeysTable";
import { CreateApiKeyForm } from "@/components/admin/api-keys/CreateApiKeyForm";

// API keys for programmatic import (/api/v1, docs/api.md): who made each, with which
// role, when last used; create (token shown once) and revoke.
export default definePage("api_key:manage", async ({ ctx }) => {
  const t = await getT(ctx.locale);
  const { keys, roles, timeZone } = await listApiKeys(ctx);
  const when = (d: Date | null) => (d ? formatDateTime(d, ctx.locale, timeZone) : "—");
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold text-slate-900">{t("apiKeys.title")}</h1>
        <p className="mt-1 text-slate-700">
          {t("apiKeys.intro")} <Link href="/api/v1/openapi.json" className="text-blue-700 underline">{t("apiKeys.openapi")}</Link>
        </p>
      </header>
      {keys.length ? (
        <ApiKeysTable
          rows={keys.map((k) => ({ ...k, createdAt: when(k.createdAt), lastUsedAt: when(k.lastUsedAt), revokedAt: k.revokedAt ? when(k.revokedAt) : null }))}
          text={{
            caption: t("apiKeys.caption"), name: t("apiKeys.name"), prefix: t("apiKeys.prefix"), role: t("apiKeys.role"), createdBy: t("apiKeys.createdBy"),
            createdAt: t("apiKeys.createdAt"), lastUsedAt: t("apiKeys.lastUsedAt"), status: t("apiKeys.status"), active: t("apiKeys.active"),
            revoked: t("apiKeys.revoked"), revoke: t("apiKeys.revoke"), confirmRevoke: t("apiKeys.confirmRevoke"),
          }}
        />
      ) : <EmptyState title={t("apiKeys.emptyTitle")} body={t("apiKeys.emptyBody")} />}
      <section aria-labelledby="create-key" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="create-key" className="text-lg font-semibold text-slate-900">{t("apiKeys.create")}</h2>
        <p className="mb-4 mt-1 text-sm text-slate-700">{t("apiKeys.createIntro")}</p>
        <CreateApiKeyForm
          roles={roles}
          text={{
            name: t("apiKeys.name"), role: t("apiKeys.role"), chooseRole: t("apiKeys.chooseRole"), submit: t("apiKeys.submit"),
            tokenTitle: t("apiKeys.tokenTitle"), tokenNote: t("apiKeys.tokenNote"),
          }}
        />
      </section>
    </div>
  );
});
