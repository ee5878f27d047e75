"use client";
// The resource × action grid of one role. Each granted cell carries a data scope.
// Cells the editor cannot grant (they do not hold the permission, or not that
// widely) are disabled here for clarity; the server refuses them anyway
// (lib/roles/policy.ts), so this is convenience, not the check.
import { useMemo, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { saveRoleGrantsAction } from "@/app/(app)/admin/roles/actions";
import { FormError } from "@/components/FormError";
import { StatusMessage } from "@/components/admin/roles/StatusMessage";
import { fill, type Text } from "@/components/admin/roles/text";
import type { DataScope } from "@/lib/auth/catalog";
import type { MATRIX_TEXT } from "@/components/admin/roles/text-keys";


type Grants = Record<string, DataScope>;

type Props = {
  role: { id: string; name: string };
  rows: { key: string; name: string; actions: string[] }[];
  columns: { key: string; label: string }[];
  scopes: { key: DataScope; label: string }[];
  initial: Grants;
  /** The editor's own grants: the most they can hand out. */
  held: Grants;
  readOnly: boolean;
  text: Text<(typeof MATRIX_TEXT)[number]>;
};

function changes(a: Grants, b: Grants): number {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((k) => a[k] !== b[k]).length;
}

export function PermissionMatrix({ role, rows, columns, scopes, initial, held, readOnly, text }: Props) {
  const router = useRouter();
  const [baseline, setBaseline] = useState<Grants>(initial);
  const [grants, setGrants] = useState<Grants>(initial);
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const rank = useMemo(() => new Map(scopes.map((s, i) => [s.key, i])), [scopes]);
  const unsaved = changes(baseline, grants);

  /** The widest scope this editor may leave on a cell: their own, or what was already there. */
  function ceiling(perm: string): number {
    const mine = held[perm] ? rank.get(held[perm])! : -1;
    const before = baseline[perm] ? rank.get(baseline[perm])! : -1;
    return Math.max(mine, before);
  }

  function toggle(perm: string, on: boolean) {
    setDone(null);
    setGrants((g) => {
      const next = { ...g };
      if (!on) delete next[perm];
      else next[perm] = baseline[perm] ?? held[perm] ?? scopes[0]!.key;
      return next;
    });
  }

  function rescope(perm: string, scope: DataScope) {
    setDone(null);
    setGrants((g) => ({ ...g, [perm]: scope }));
  }

  function save() {
    setError(null);
    setDone(null);
    const list = Object.entries(grants).map(([permission, scope]) => ({ permission, scope }));
    startTransition(async () => {
      const r = await saveRoleGrantsAction({ roleId: role.id, grants: list });
      if (!r.ok) { setError(r.message); return; }
      setBaseline(grants);
      setDone(r.data.changed ? fill(text["roles.matrix.saved"], { added: r.data.added, removed: r.data.removed, rescoped: r.data.rescoped }) : text["roles.matrix.unchanged"]);
      router.refresh();
    });
  }

  return (
    <section aria-labelledby="matrix-title">
      <h2 id="matrix-title" className="mb-2 text-lg font-semibold">{text["roles.matrix.title"]}</h2>
      <p id="matrix-scope-help" className="mb-3 max-w-3xl text-sm text-slate-700">{text["roles.matrix.scopeHelp"]}</p>
      <p id="matrix-not-held" className="sr-only">{text["roles.matrix.notHeld"]}</p>
      <FormError message={error} />
      <StatusMessage message={done} />
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full border-collapse text-sm" data-testid="permission-matrix">
          <caption className="p-3 text-left text-slate-700">{fill(text["roles.matrix.caption"], { role: role.name })}</caption>
          <thead>
            <tr className="bg-slate-50">
              <th scope="col" className="sticky left-0 z-10 bg-slate-50 px-3 py-2 text-left font-semibold text-slate-900">{text["roles.matrix.resource"]}</th>
              {columns.map((c) => (
                <th key={c.key} scope="col" className="px-2 py-2 text-left font-semibold whitespace-nowrap text-slate-900">{c.label}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key} className="border-t border-slate-200 align-top">
                <th scope="row" className="sticky left-0 z-10 bg-white px-3 py-2 text-left font-medium whitespace-nowrap text-slate-900">{row.name}</th>
                {columns.map((c) => {
                  if (!row.actions.includes(c.key)) return <td key={c.key} className="px-2 py-2" />;
                  const perm = `${row.key}:${c.key}`;
                  const granted = perm in grants;
                  const max = ceiling(perm);
                  const mayAdd = max >= 0;
                  const label = fill(text["roles.matrix.grant"], { resource: row.name, action: c.label });
                  const changed = grants[perm] !== baseline[perm];
                  return (
                    <td key={c.key} className={`px-2 py-2 ${changed ? "bg-amber-50" : ""}`}>
                      <input
                        type="checkbox"
                        className="h-4 w-4"
                        aria-label={label}
                        aria-describedby={!mayAdd ? "matrix-not-held" : undefined}
                        title={!mayAdd ? text["roles.matrix.notHeld"] : undefined}
                        data-permission={perm}
                        checked={granted}
                        disabled={readOnly || pending || (!granted && !mayAdd)}
                        onChange={(e) => toggle(perm, e.target.checked)}
                      />
                      {granted ? (
                        <select
                          aria-label={fill(text["roles.matrix.scopeOf"], { resource: row.name, action: c.label })}
                          aria-describedby="matrix-scope-help"
                          className="mt-1 block max-w-[11rem] rounded border border-slate-400 bg-white px-1 py-0.5 text-xs text-slate-900"
                          data-scope-for={perm}
                          value={grants[perm]}
                          disabled={readOnly || pending}
                          onChange={(e) => rescope(perm, e.target.value as DataScope)}
                        >
                          {scopes.map((s) => (
                            <option key={s.key} value={s.key} disabled={rank.get(s.key)! > max}>{s.label}</option>
                          ))}
                        </select>
                      ) : null}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!readOnly ? (
        <div className="mt-3 flex flex-wrap items-center gap-3">
          <button type="button" onClick={save} disabled={pending || unsaved === 0} className="rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 disabled:opacity-60">
            {pending ? text["roles.matrix.saving"] : text["roles.matrix.save"]}
          </button>
          <button type="button" onClick={() => { setGrants(baseline); setError(null); }} disabled={pending || unsaved === 0} className="rounded border border-slate-400 px-4 py-2 text-slate-900 hover:bg-slate-100 disabled:opacity-60">
            {text["roles.matrix.reset"]}
          </button>
          <span className="text-sm text-slate-700" aria-live="polite">
            {unsaved ? fill(text["roles.matrix.pending"], { count: unsaved }) : text["roles.matrix.noChanges"]}
          </span>
        </div>
      ) : null}
    </section>
  );
}
