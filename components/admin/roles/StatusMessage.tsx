// A success line announced politely to screen readers (errors use FormError, role="alert").
export function StatusMessage({ message }: { message?: string | null }) {
  return (
    <p role="status" aria-live="polite" className={message ? "mb-4 rounded border border-green-300 bg-green-50 p-3 text-sm text-green-900" : "sr-only"}>
      {message ?? ""}
    </p>
  );
}
