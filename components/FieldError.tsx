export function FieldError({ error }: { error: { id: string; text: string } | null }) {
  return error ? <p id={error.id} role="alert" className="mt-1 text-sm text-red-700">{error.text}</p> : null;
}
