"use client";
import { useSession } from "next-auth/react";
import { useState } from "react";

// The session token's tenant changes only if the server confirms the membership
// (lib/auth/options.ts, jwt callback on "update").
export function TenantSwitch({ label, current, options }: { label: string; current: string; options: { id: string; name: string }[] }) {
  const { update } = useSession();
  const [pending, setPending] = useState(false);
  if (options.length <= 1) return <span className="text-sm text-slate-700">{options[0]?.name}</span>;
  return (
    <label className="flex items-center gap-2 text-sm text-slate-700">
      <span className="sr-only">{label}</span>
      <select
        aria-label={label}
        className="rounded border border-slate-400 bg-white px-2 py-1 text-slate-900"
        value={current}
        disabled={pending}
        onChange={async (e) => {
          setPending(true);
          await update({ tenantId: e.target.value });
          window.location.assign("/");
        }}
      >
        {options.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
      </select>
    </label>
  );
}
