// What keeps the mapping form from being sent, in the words the server would use
// (lib/imports/requests.ts): a required field without a column, a column chosen twice,
// an "at least one of" group with none. For a file that looks like another entity's
// (lib/import/guess-entity.ts) a missing field is said as the server says it: which
// entity to choose, then what is missing as it is. Pure, so it runs in the client
// form and in tests alike.

export type MappingCheck = {
  fields: { key: string; label: string; required: boolean }[];
  /** "At least one of" groups: the field keys, the message, and their labels as one list. */
  groups: { fields: string[]; message: string; labels: string }[];
  text: { requiredMissing: string; columnTwice: string };
  /** The wrong-entity refusal with `{missing}` for what is missing, or null when the file fits its entity. */
  wrongEntity: string | null;
};

export type MappingChoice = { column: string; default: string };

export const fillText = (s: string, p: Record<string, string>) => s.replace(/\{(\w+)\}/g, (m, k: string) => p[k] ?? m);

export function mappingProblems(check: MappingCheck, state: Record<string, MappingChoice | undefined>): string[] {
  const provided = (key: string) => Boolean(state[key]?.column || state[key]?.default.trim());
  const used = new Map<string, number>();
  for (const v of Object.values(state)) if (v?.column) used.set(v.column, (used.get(v.column) ?? 0) + 1);
  const twice = [...used].filter(([, n]) => n > 1).map(([column]) => fillText(check.text.columnTwice, { column }));
  const required = check.fields.filter((f) => f.required && !provided(f.key));
  const groups = check.groups.filter((g) => !g.fields.some(provided));
  if (check.wrongEntity && (required.length || groups.length)) {
    // The server names the first thing missing: a required field, else a group.
    const missing = required[0]?.label ?? groups[0]!.labels;
    return [fillText(check.wrongEntity, { missing }), ...twice];
  }
  return [...required.map((f) => fillText(check.text.requiredMissing, { field: f.label })), ...twice, ...groups.map((g) => g.message)];
}
