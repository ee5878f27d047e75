"use client";
// The channels a customer asked not to be contacted on: a checkbox each, saved at
// once (campaign sends and call tasks skip them). Read-only without customer:update.
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { setOptOutAction } from "@/app/(app)/customers/[id]/actions";
import { FormError } from "@/components/FormError";
import type { OptOutChannel } from "@/lib/customers/contact-preferences";

type Props = { customerId: string; optedOut: OptOutChannel[]; mayEdit: boolean; labels: Record<OptOutChannel, string>; legend: string };

export function ContactPreferences({ customerId, optedOut, mayEdit, labels, legend }: Props) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const toggle = (channel: OptOutChannel, value: boolean) => start(async () => {
    const res = await setOptOutAction({ customerId, channel, optedOut: value });
    setError(res.ok ? null : res.message);
    router.refresh();
  });
  return (
    <fieldset data-testid="contact-preferences">
      <legend className="mb-2 text-sm text-slate-800">{legend}</legend>
      <FormError message={error} />
      <div className="flex flex-wrap gap-4">
        {(Object.keys(labels) as OptOutChannel[]).map((c) => (
          <label key={c} className="flex items-center gap-2 text-sm text-slate-900">
            <input type="checkbox" defaultChecked={optedOut.includes(c)} disabled={!mayEdit || pending}
              onChange={(e) => toggle(c, e.currentTarget.checked)} />
            {labels[c]}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
