import type { ReactNode } from "react";

/** A titled section of the 360 view; the heading labels the region for screen readers. */
export function Card({ id, title, children, className = "" }: { id: string; title: string; children: ReactNode; className?: string }) {
  return (
    <section aria-labelledby={id} className={`rounded-lg border border-slate-200 bg-white p-4 ${className}`} data-testid={id}>
      <h2 id={id} className="mb-3 text-lg font-semibold text-slate-900">{title}</h2>
      {children}
    </section>
  );
}

export function NotAllowed({ text }: { text: string }) {
  return <p className="text-sm text-slate-700" data-testid="section-not-allowed">{text}</p>;
}

export function Facts({ items }: { items: [string, ReactNode][] }) {
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
      {items.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="text-slate-700">{k}</dt>
          <dd className="text-slate-900">{v === null || v === undefined || v === "" ? "—" : v}</dd>
        </div>
      ))}
    </dl>
  );
}
