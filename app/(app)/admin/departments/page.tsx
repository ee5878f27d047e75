import { z } from "zod";
import { definePage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/context";
import { getLocale, getT } from "@/lib/i18n/server";
import { listDepartments } from "@/lib/departments/queries";
import { buildTree, flatten, subtreeIds } from "@/lib/departments/tree";
import { DEPARTMENT_KINDS } from "@/lib/departments/schemas";
import { EmptyState } from "@/components/EmptyState";
import { pickText } from "@/components/admin/roles/text";
import { CreateDepartmentForm } from "@/components/admin/departments/CreateDepartmentForm";
import { DepartmentTree } from "@/components/admin/departments/DepartmentTree";
import { EditDepartmentPanel } from "@/components/admin/departments/EditDepartmentPanel";
import { CREATE_DEPARTMENT_TEXT, EDIT_DEPARTMENT_TEXT } from "@/components/admin/departments/text-keys";

const idParam = (v: string | string[] | undefined) => {
  const parsed = z.uuid().safeParse(Array.isArray(v) ? v[0] : v);
  return parsed.success ? parsed.data : null;
};

export default definePage("department:read", async ({ ctx, searchParams }) => {
  const [t, locale, rows] = await Promise.all([getT(ctx.locale), getLocale(ctx.locale), listDepartments(ctx)]);
  const roots = buildTree(rows, new Intl.Collator(locale));
  const ordered = flatten(roots);
  const options = ordered.map(({ node, depth }) => ({ id: node.id, name: node.name, depth }));
  const manage = can(ctx, "department:manage");
  const kindLabels = Object.fromEntries(DEPARTMENT_KINDS.map((k) => [k, t(`departments.kind.${k}`)]));

  const editId = idParam(searchParams.edit);
  const editing = editId ? ordered.find((o) => o.node.id === editId)?.node ?? null : null;
  const parentId = idParam(searchParams.parent);
  const defaultParentId = parentId && rows.some((r) => r.id === parentId) ? parentId : roots[0]?.id;
  const below = editing ? subtreeIds(rows, editing.id) : new Set<string>();

  return (
    <>
      <h1 className="mb-1 text-2xl font-semibold">{t("departments.title")}</h1>
      <p className="mb-6 max-w-3xl text-slate-700">{t("departments.intro")}</p>
      {!manage ? <p className="mb-4 max-w-3xl rounded border border-slate-200 bg-slate-50 p-3 text-sm text-slate-800">{t("departments.readOnlyNotice")}</p> : null}
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_24rem]">
        <section aria-labelledby="tree-title">
          <h2 id="tree-title" className="mb-2 text-lg font-semibold">{t("departments.treeLabel")}</h2>
          {rows.length === 0 ? (
            <EmptyState title={t("departments.emptyTitle")} body={t("departments.emptyBody")} />
          ) : (
            <DepartmentTree roots={roots} t={t} manage={manage} selectedId={editing?.id ?? null} label={t("departments.treeLabel")} />
          )}
        </section>
        {manage ? (
          <div className="flex flex-col gap-6">
            {editId && !editing ? (
              <p role="alert" className="rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">{t("departments.editPanel.notFound")}</p>
            ) : null}
            {editing ? (
              <EditDepartmentPanel
                key={editing.id}
                department={{ id: editing.id, name: editing.name, kind: editing.kind, parentId: editing.parentId, memberCount: editing.memberCount, childCount: editing.children.length }}
                moveTargets={options.filter((o) => !below.has(o.id))}
                kindLabels={kindLabels}
                text={pickText(t, EDIT_DEPARTMENT_TEXT)}
              />
            ) : null}
            {options.length ? (
              <CreateDepartmentForm key={defaultParentId} options={options} defaultParentId={defaultParentId} kindLabels={kindLabels} text={pickText(t, CREATE_DEPARTMENT_TEXT)} />
            ) : null}
          </div>
        ) : null}
      </div>
    </>
  );
});
