"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { runHealthCheckAction } from "@/app/(app)/admin/system/actions";

export function RunHealthCheckButton({ label, queued }: { label: string; queued: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  return (
    <div className="flex items-center gap-3">
      <button
        type="button"
        disabled={pending}
        className="rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 disabled:opacity-60"
        onClick={() => start(async () => {
          const res = await runHealthCheckAction({});
          setMessage(res.ok ? queued : res.message);
          // The worker usually answers within a second; show its row when it has.
          setTimeout(() => router.refresh(), 1_500);
        })}
      >
        {label}
      </button>
      {message ? <p role="status" className="text-sm text-slate-800">{message}</p> : null}
    </div>
  );
}
