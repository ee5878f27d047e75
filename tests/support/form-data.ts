// A server action's FormData from plain fields, as a browser form posts it: an
// array value becomes repeated `name[]` entries.
export function form(fields: Record<string, string | string[]>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) f.append(Array.isArray(v) ? `${k}[]` : k, x);
  return f;
}
