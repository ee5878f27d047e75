"use client";
// The tenant's API keys with a revoke button (asks once more before revoking).
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { revokeApiKeyAction } from "@/app/(app)/admin/api-keys/actions";
import { FormError } from "@/components/FormError";

type Row = { id: string; name: string; prefix: string; roleName: string; createdByName: string | null; createdAt: string; lastUsedAt: string; revokedAt: string | null };
type Text = Record<"caption" | "name" | "prefix" | "role" | "createdBy" | "createdAt" | "lastUsedAt" | "status" | "active" | "revoked" | "revoke" | "confirmRevoke", string>;

export function ApiKeysTable({ rows, text }: { rows: Row[]; text: Text }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [asking, setAsking] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const revoke = (id: string) => start(async () => {
    const res = await revokeApiKeyAction({ id });
    setError(res.ok ? null : res.message);
    setAsking(null);
    router.refresh();
  });
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <FormError message={error} />
      <table className="min-w-full text-left text-sm" data-testid="api-keys">
        <caption className="sr-only">{text.caption}</caption>
        <thead className="bg-slate-50 text-slate-700">
          <tr>
            {[text.name, text.prefix, text.role, text.createdBy, text.createdAt, text.lastUsedAt, text.status].map((h) => <th key={h} scope="col" className="px-3 py-2">{h}</th>)}
            <th scope="col" className="px-3 py-2"><span className="sr-only">{text.revoke}</span></th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} className="border-t border-slate-100">
              <td className="px-3 py-2 text-slate-900">{r.name}</td>
              <td className="px-3 py-2 font-mono text-slate-800">{r.prefix}…</td>
              <td className="px-3 py-2 text-slate-800">{r.roleName}</td>
              <td className="px-3 py-2 text-slate-800">{r.createdByName ?? "—"}</td>
              <td className="px-3 py-2 text-slate-800">{r.createdAt}</td>
              <td className="px-3 py-2 text-slate-800">{r.lastUsedAt}</td>
              <td className="px-3 py-2 text-slate-900">{r.revokedAt ? `${text.revoked} ${r.revokedAt}` : text.active}</td>
              <td className="px-3 py-2">
                {r.revokedAt ? null : asking === r.id ? (
                  <button type="button" disabled={pending} onClick={() => revoke(r.id)} className="rounded bg-red-700 px-3 py-1 text-white hover:bg-red-800">{text.confirmRevoke}</button>
                ) : (
                  <button type="button" onClick={() => setAsking(r.id)} className="rounded border border-red-700 px-3 py-1 text-red-800 hover:bg-red-50" aria-label={`${text.revoke} ${r.name}`}>{text.revoke}</button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
