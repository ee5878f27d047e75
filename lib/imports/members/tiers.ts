// Which of the tenant's tiers a member file's 等级 cell names. Tried in order: the
// tier's name (case-, width- and space-blind, with or without 会员 / 卡 / member /
// tier around it), its rank ("3", "V3", "LV3", "VIP3", "L3"), then the common
// Chinese / English names of the usual tiers, so "Gold" finds a tier named 金卡 and
// "银卡会员" one named "Silver". Anything else is no tier (the row fails naming it).

const FAMILIES: readonly (readonly string[])[] = [
  ["普通", "普卡", "普通卡", "基础", "大众", "regular", "normal", "basic", "standard", "classic"],
  ["银", "银卡", "白银", "silver"],
  ["金", "金卡", "黄金", "gold", "golden"],
  ["白金", "铂金", "platinum", "plat"],
  ["钻石", "钻卡", "黑钻", "diamond"],
  ["黑卡", "黑金", "black"],
];

/** The cell or name with width, case, spaces and the words around a tier name gone. */
export function tierToken(value: string): string {
  const plain = value.normalize("NFKC").toLowerCase().replace(/[\s_\-·.]/g, "");
  return plain.replace(/(会员|等级|级别|membership|member|tier|level|card)/g, "") || plain;
}

function family(token: string): number {
  const bare = token.replace(/卡$/, "");
  return FAMILIES.findIndex((f) => f.some((s) => s === token || s === bare));
}

function rankOf(value: string): number | null {
  const m = value.normalize("NFKC").trim().match(/^(?:vip|lv|l|v|等级|level|tier)?\s*(\d{1,3})(?:级)?$/i);
  return m ? Number(m[1]) : null;
}

export type TierRow = { id: string; name: string; rank: number };

/** The tier id each distinct cell names; absent from the map: no such tier. */
export function resolveTiers(cells: readonly string[], tiers: readonly TierRow[]): Map<string, string> {
  const byToken = new Map<string, string>();
  const byFamily = new Map<number, string | null>();
  for (const t of tiers) {
    const token = tierToken(t.name);
    if (!byToken.has(token)) byToken.set(token, t.id);
    const f = family(token);
    // Two tiers of one family (金卡 and 黄金会员): the family tells nothing.
    if (f >= 0) byFamily.set(f, byFamily.has(f) && byFamily.get(f) !== t.id ? null : t.id);
  }
  const out = new Map<string, string>();
  for (const cell of cells) {
    const token = tierToken(cell);
    const rank = rankOf(cell);
    const id = byToken.get(token)
      ?? (rank !== null ? tiers.find((t) => t.rank === rank)?.id : undefined)
      ?? (family(token) >= 0 ? byFamily.get(family(token)) ?? undefined : undefined);
    if (id) out.set(cell, id);
  }
  return out;
}
