export function EmptyState({ title, body }: { title: string; body: string }) {
  return (
    <section className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center" data-testid="empty-state">
      <h2 className="text-lg font-semibold text-slate-900">{title}</h2>
      <p className="mt-2 text-slate-700">{body}</p>
    </section>
  );
}
