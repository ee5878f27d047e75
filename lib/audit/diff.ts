// What changed between an audit row's "before" and "after", as a list a person can
// read: one line per changed field (nested objects by dotted path). Arrays are
// compared as sets of items, so one grant added to a list of thirty reads as one
// added item rather than thirty shifted positions.
export type DiffLine =
  | { path: string; kind: "changed"; before: unknown; after: unknown }
  | { path: string; kind: "added"; after: unknown }
  | { path: string; kind: "removed"; before: unknown };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const key = (v: unknown) => JSON.stringify(v);

export function diffJson(before: unknown, after: unknown, path = ""): DiffLine[] {
  if (key(before) === key(after)) return [];
  const none = (v: unknown) => v === undefined || v === null;
  // A record created or deleted reads field by field, like an edit.
  if (none(before) && isObject(after)) return diffJson({}, after, path);
  if (none(after) && isObject(before)) return diffJson(before, {}, path);
  if (none(before)) return none(after) ? [] : [{ path, kind: "added", after }];
  if (none(after)) return [{ path, kind: "removed", before }];
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((k) => diffJson(before[k], after[k], path ? `${path}.${k}` : k));
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const left = new Map<string, number>();
    for (const item of before) left.set(key(item), (left.get(key(item)) ?? 0) + 1);
    const lines: DiffLine[] = [];
    for (const item of after) {
      const n = left.get(key(item)) ?? 0;
      if (n > 0) left.set(key(item), n - 1);
      else lines.push({ path, kind: "added", after: item });
    }
    for (const item of before) {
      const n = left.get(key(item)) ?? 0;
      if (n > 0) { left.set(key(item), n - 1); lines.push({ path, kind: "removed", before: item }); }
    }
    return lines;
  }
  return [{ path, kind: "changed", before, after }];
}
