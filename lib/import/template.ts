// Saved mappings. A file's "header signature" is a hash of its normalized header
// set (sorted, so column order does not matter; normalized, so case, width and
// spacing do not): the same export from the same system next month has the same
// signature, and its saved mapping is offered again.
import { createHash } from "node:crypto";
import { headerToken } from "@/lib/import/headers";
import { remapColumns, type ImportMapping } from "@/lib/import/mapping";
import type { ImportEntity } from "@/lib/import/fields";

export type MappingTemplate = { entity: ImportEntity; signature: string; mapping: ImportMapping };

const SIGNATURE_VERSION = "hs1";

/** "hs1:" + 32 hex chars; stable under column reordering and header case/width/spacing. Empty headers do not count. */
export function headerSignature(headers: readonly string[]): string {
  const tokens = headers.map(headerToken).filter(Boolean).sort();
  const digest = createHash("sha256").update(tokens.join("\u0001"), "utf8").digest("hex");
  return `${SIGNATURE_VERSION}:${digest.slice(0, 32)}`;
}

export function makeTemplate(mapping: ImportMapping, headers: readonly string[]): MappingTemplate {
  return { entity: mapping.entity, signature: headerSignature(headers), mapping };
}

/** The first template for this entity whose signature matches the file, its columns pointed at this file's headers. */
export function findTemplate(templates: readonly MappingTemplate[], entity: ImportEntity, headers: readonly string[]): ImportMapping | null {
  const signature = headerSignature(headers);
  const hit = templates.find((t) => t.entity === entity && t.signature === signature);
  return hit ? remapColumns(hit.mapping, headers) : null;
}
