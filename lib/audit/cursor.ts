// Keyset pagination over the audit log: the page after (created_at, id) of the last
// row shown. The cursor travels in the URL, so it is parsed as untrusted input:
// anything that is not a valid timestamp and uuid means "first page".
export type AuditCursor = { createdAt: Date; id: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeCursor(c: AuditCursor): string {
  return Buffer.from(`${c.createdAt.toISOString()}|${c.id}`, "utf8").toString("base64url");
}

export function decodeCursor(value: unknown): AuditCursor | null {
  if (typeof value !== "string" || value.length > 200) return null;
  const [iso, id, ...rest] = Buffer.from(value, "base64url").toString("utf8").split("|");
  if (rest.length || !iso || !id || !UUID.test(id)) return null;
  const createdAt = new Date(iso);
  return Number.isNaN(createdAt.getTime()) ? null : { createdAt, id };
}
