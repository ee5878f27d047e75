// An uploaded list of customers (leads collected by stores): one phone number or
// external id per line (or the first column of a CSV). Phones are cleaned exactly
// as an import cleans them (lib/import/clean/phone.ts: +86, spaces, dashes, full-width
// digits…) and matched on customers.phone; anything else is matched as an external
// id, of the customer or of one of their channel identities.
import { cleanPhone } from "@/lib/import/clean/phone";
import type { TenantTx } from "@/lib/db/tenant";

export const MAX_LIST_LINES = 50_000;

export type ParsedList = { phones: string[]; externalIds: string[]; lines: number; raw: Map<string, string> };

/** Distinct values of the list, each either an E.164 phone or an external id; `raw` maps each back to what was typed. */
export function parseList(text: string): ParsedList {
  const phones = new Set<string>();
  const externalIds = new Set<string>();
  const raw = new Map<string, string>();
  let lines = 0;
  for (const line of text.replace(/^\uFEFF/, "").split(/\r?\n/)) {
    const value = line.split(/[,\t;]/)[0]!.trim().replace(/^"(.*)"$/, "$1").trim();
    if (!value) continue;
    lines++;
    const phone = /^[+\d\s\-()（）\uFF10-\uFF19]+$/.test(value) ? cleanPhone(value, { kind: "any" }) : null;
    if (phone?.ok) {
      phones.add(phone.value);
      if (!raw.has(phone.value)) raw.set(phone.value, value);
    } else {
      externalIds.add(value);
      if (!raw.has(value)) raw.set(value, value);
    }
  }
  return { phones: [...phones], externalIds: [...externalIds], lines, raw };
}

/** Customer ids the list names (not deleted), and the values that matched no one. */
export async function matchList(tx: TenantTx, tenantId: string, list: ParsedList): Promise<{ customerIds: string[]; unmatched: string[] }> {
  const rows = await tx.$queryRaw<{ id: string; key: string }[]>`
    SELECT c.id::text AS id, c.phone AS key FROM customers c
      WHERE c.tenant_id = ${tenantId}::uuid AND c.deleted_at IS NULL AND c.phone = ANY(${list.phones}::text[])
    UNION ALL
    SELECT c.id::text, c.external_id FROM customers c
      WHERE c.tenant_id = ${tenantId}::uuid AND c.deleted_at IS NULL AND c.external_id = ANY(${list.externalIds}::text[])
    UNION ALL
    SELECT c.id::text, ci.external_id FROM customer_identities ci
      JOIN customers c ON c.tenant_id = ci.tenant_id AND c.id = ci.customer_id AND c.deleted_at IS NULL
      WHERE ci.tenant_id = ${tenantId}::uuid AND ci.external_id = ANY(${list.externalIds}::text[])`;
  const found = new Set(rows.map((r) => r.key));
  const unmatched = [...list.phones, ...list.externalIds].filter((k) => !found.has(k)).map((k) => list.raw.get(k) ?? k);
  return { customerIds: [...new Set(rows.map((r) => r.id))], unmatched };
}
