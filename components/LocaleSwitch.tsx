"use client";
import { useTransition } from "react";
import { useRouter } from "next/navigation";
import { setLocaleAction } from "@/app/locale-actions";

export function LocaleSwitch({ current, label }: { current: string; label: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <label className="flex items-center gap-2 text-sm text-slate-700">
      <span>{label}</span>
      <select
        className="rounded border border-slate-400 bg-white px-2 py-1 text-slate-900"
        value={current}
        disabled={pending}
        onChange={(e) => start(async () => { await setLocaleAction({ locale: e.target.value }); router.refresh(); })}
      >
        <option value="zh-CN">简体中文</option>
        <option value="en">English</option>
      </select>
    </label>
  );
}
