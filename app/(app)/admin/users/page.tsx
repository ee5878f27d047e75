import { definePage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/context";
import { getT } from "@/lib/i18n/server";
import { listMembers, memberFormOptions } from "@/lib/users/queries";
import { memberFormText } from "@/lib/users/form-text";
import { EmptyState } from "@/components/EmptyState";
import { MembersTable } from "@/components/admin/users/MembersTable";
import { MemberForm } from "@/components/admin/users/MemberForm";

export default definePage("user:read", async ({ ctx, searchParams }) => {
  const t = await getT(ctx.locale);
  const q = typeof searchParams.q === "string" ? searchParams.q : "";
  const canManage = can(ctx, "user:manage");
  const [rows, options] = await Promise.all([listMembers(ctx, { q }), canManage ? memberFormOptions(ctx) : null]);
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold text-slate-900">{t("users.title")}</h1>
        <p className="mt-1 text-slate-700">{t("users.intro")}</p>
      </header>
      <form role="search" className="flex gap-2" action="/admin/users">
        <label htmlFor="users-q" className="sr-only">{t("users.search")}</label>
        <input id="users-q" name="q" defaultValue={q} placeholder={t("users.search")} className="w-72 rounded border border-slate-400 px-3 py-2" />
        <button type="submit" className="rounded border border-slate-400 bg-white px-3 py-2 text-slate-900 hover:bg-slate-50">{t("users.searchButton")}</button>
      </form>
      {rows.length ? <MembersTable rows={rows} t={t} canManage={canManage} /> : <EmptyState title={t("users.title")} body={t("users.empty")} />}
      {options ? (
        <section aria-labelledby="create-user" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="create-user" className="text-lg font-semibold text-slate-900">{t("users.create")}</h2>
          <p className="mb-4 mt-1 text-sm text-slate-700">{t("users.createIntro")}</p>
          <MemberForm text={memberFormText(t)} options={options} />
        </section>
      ) : null}
    </div>
  );
});
