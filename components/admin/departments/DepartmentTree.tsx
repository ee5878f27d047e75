// The organization as nested lists (a screen reader announces the nesting level);
// each department links to its edit panel and to "add below" for managers.
import Link from "next/link";
import type { DepartmentNode } from "@/lib/departments/tree";
import type { Translate } from "@/lib/i18n/translate";

type Props = { roots: DepartmentNode[]; t: Translate; manage: boolean; selectedId: string | null; label: string };

export function DepartmentTree({ roots, t, manage, selectedId, label }: Props) {
  const render = (node: DepartmentNode) => (
    <li key={node.id} data-testid="department-node" data-department-id={node.id}>
      <div
        className={`flex flex-wrap items-center gap-2 rounded px-2 py-1 ${node.id === selectedId ? "bg-blue-50 ring-1 ring-blue-300" : ""}`}
        aria-current={node.id === selectedId ? "true" : undefined}
      >
        <span className="font-medium text-slate-900">{node.name}</span>
        <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-800">{t(`departments.kind.${node.kind}`)}</span>
        <span className="text-xs text-slate-700">{t("departments.members", { count: node.memberCount })}</span>
        {manage ? (
          <span className="ml-auto flex gap-3 text-sm">
            <Link className="text-blue-700 underline" href={`/admin/departments?edit=${node.id}`} aria-label={t("departments.editLabel", { name: node.name })}>
              {t("departments.edit")}
            </Link>
            <Link className="text-blue-700 underline" href={`/admin/departments?parent=${node.id}#new-department`} aria-label={t("departments.addChildLabel", { name: node.name })}>
              {t("departments.addChild")}
            </Link>
          </span>
        ) : null}
      </div>
      {node.children.length ? <ul className="ml-4 border-l border-slate-200 pl-3">{node.children.map(render)}</ul> : null}
    </li>
  );
  return (
    <ul aria-label={label} className="rounded-lg border border-slate-200 bg-white p-3" data-testid="department-tree">
      {roots.map(render)}
    </ul>
  );
}
