"use client";
// The next steps an order can take, as buttons (one form each, so each is a plain
// labelled button for the keyboard). The action checks the step, the scope and that
// the status is still the one shown.
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { setOrderStatusAction } from "@/app/(app)/orders/[id]/actions";
import { FormError } from "@/components/FormError";

type Props = { orderId: string; status: string; steps: { value: string; label: string }[]; text: { title: string; working: string } };

export function OrderStatusForm({ orderId, status, steps, text }: Props) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const act = (step: string) => start(async () => {
    const res = await setOrderStatusAction({ id: orderId, from: status, status: step });
    if (res.ok) {
      setError(null);
      router.refresh();
    } else setError(res.message);
  });
  return (
    <div data-testid="order-status-form">
      <FormError message={error} />
      <p className="mb-2 text-sm text-slate-700">{text.title}</p>
      <div className="flex flex-wrap gap-2">
        {steps.map((s) => (
          <button key={s.value} type="button" disabled={pending} onClick={() => act(s.value)}
            className="rounded border border-blue-700 px-3 py-1.5 text-sm font-medium text-blue-800 hover:bg-blue-50 disabled:opacity-60">
            {pending ? text.working : s.label}
          </button>
        ))}
      </div>
    </div>
  );
}
