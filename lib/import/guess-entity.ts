// Which entity a file looks like, from its headers alone: for a file that cannot be
// mapped as the entity chosen for it (a required field has no column), the entity
// whose fields its headers name much better — so the wizard can say "this looks
// like a member file: choose Members" instead of only "a required field is missing".
import { IMPORT_ENTITIES, type ImportEntity } from "@/lib/import/fields";
import { checkMapping } from "@/lib/import/mapping";
import { suggestMapping } from "@/lib/import/suggest-mapping";

export type EntityGuess = {
  entity: ImportEntity;
  /** The file's columns the guessed entity names and the chosen one does not (at most `maxColumns`), in file order. */
  columns: string[];
};

type Fit = { entity: ImportEntity; columns: Set<string>; runnable: boolean };

// "Much better": this many more columns named by their headers than the chosen entity.
const MARGIN = 2;

function fit(entity: ImportEntity, headers: readonly string[]): Fit {
  // Headers only: values (a phone, a date) fit too many entities to tell them apart.
  const s = suggestMapping(entity, headers);
  const byHeader = s.suggestions.filter((x) => x.method !== "values");
  const mapping = { ...s.mapping, fields: Object.fromEntries(byHeader.map((x) => [x.field, { column: x.column }])) };
  return { entity, columns: new Set(byHeader.map((x) => x.column)), runnable: checkMapping(mapping, headers).length === 0 };
}

/**
 * The entity these headers fit much better than `chosen`, or null. Only when the
 * file cannot run as `chosen` by its headers while it can as the other one, which
 * names at least MARGIN more columns; the best such entity (most columns named,
 * then the order of IMPORT_ENTITIES).
 */
export function guessEntity(chosen: ImportEntity, headers: readonly string[], maxColumns = 3): EntityGuess | null {
  if (!headers.length) return null;
  const own = fit(chosen, headers);
  if (own.runnable) return null;
  let best: Fit | null = null;
  for (const entity of IMPORT_ENTITIES) {
    if (entity === chosen) continue;
    const f = fit(entity, headers);
    if (!f.runnable || f.columns.size < own.columns.size + MARGIN) continue;
    if (!best || f.columns.size > best.columns.size) best = f;
  }
  if (!best) return null;
  const columns = headers.filter((h) => best.columns.has(h) && !own.columns.has(h)).slice(0, maxColumns);
  return { entity: best.entity, columns };
}
