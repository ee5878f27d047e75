// Possible duplicates of a customer: who, why (same phone, e-mail or channel id),
// with contact details as the caller may see them (masked in lib otherwise). Used
// by the forms (before saving) and the 360 view; plain markup, no server imports.
import Link from "next/link";
import type { DuplicateSuggestion } from "@/lib/customers/duplicates";

export type DuplicateListText = {
  reasons: Record<"phone" | "email" | "identity", string>;
  /** "Owner: {name}" */
  owner: string;
  /** "customer since {date}" */
  since: string;
  /** "Open {name}" */
  open: string;
  /** "Merge with {name}…" */
  merge: string;
};

type Props = {
  duplicates: DuplicateSuggestion[];
  text: DuplicateListText;
  formatDate: (d: Date) => string;
  /** When set, each entry links to merging it with this customer. */
  mergeFrom?: string | null;
};

const fill = (template: string, values: Record<string, string>) => template.replace(/\{(\w+)\}/g, (m, k: string) => values[k] ?? m);

export function DuplicateList({ duplicates, text, formatDate, mergeFrom }: Props) {
  return (
    <ul className="divide-y divide-slate-100" data-testid="duplicate-list">
      {duplicates.map((d) => (
        <li key={d.id} className="py-2 text-sm" data-testid="duplicate">
          <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
            <Link href={`/customers/${d.id}`} className="font-medium text-blue-700 underline" aria-label={fill(text.open, { name: d.name })}>{d.name}</Link>
            <span className="flex flex-wrap gap-1">
              {d.reasons.map((r) => <span key={r} className="rounded bg-amber-100 px-2 py-0.5 text-xs text-amber-900">{text.reasons[r]}</span>)}
            </span>
          </div>
          <div className="mt-1 flex flex-wrap gap-x-4 text-slate-700">
            {d.phone ? <span data-testid="duplicate-phone">{d.phone}</span> : null}
            {d.email ? <span data-testid="duplicate-email">{d.email}</span> : null}
            {d.owner ? <span>{fill(text.owner, { name: d.owner.name })}</span> : null}
            <span>{fill(text.since, { date: formatDate(d.createdAt) })}</span>
            {mergeFrom ? (
              <Link href={`/customers/${mergeFrom}/merge?with=${d.id}`} className="text-blue-700 underline">{fill(text.merge, { name: d.name })}</Link>
            ) : null}
          </div>
        </li>
      ))}
    </ul>
  );
}
