"use client";
// Submitting an admin form to its server action: keeps what the user typed when the
// action refuses (a plain <form action> would reset the fields), shows field errors
// and the refusal message, and re-renders the server page after a change.
import { useState, useTransition, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import type { ActionResult } from "@/lib/auth/guard";

type Options<R> = { resetOnSuccess?: boolean; onSuccess?: (data: R) => void; refresh?: boolean };

export function useAdminForm<R>(action: (form: FormData) => Promise<ActionResult<R>>, options: Options<R> = {}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<ActionResult<R> | null>(null);

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    startTransition(async () => {
      const r = await action(data);
      setResult(r);
      if (!r.ok) return;
      if (options.resetOnSuccess) form.reset();
      options.onSuccess?.(r.data);
      if (options.refresh !== false) router.refresh();
    });
  }

  return {
    pending,
    onSubmit,
    data: result?.ok ? result.data : null,
    error: result && !result.ok ? result.message : null,
    fieldErrors: result && !result.ok ? result.fieldErrors ?? {} : {},
  };
}
