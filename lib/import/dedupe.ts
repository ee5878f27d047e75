// Duplicates within one file, found in one pass without keeping the rows: each key
// value is reduced to a 64-bit hash held in typed arrays (12 bytes a slot, about 24
// per key at the table's load), with the row that first had it. A million customers
// with four keys each cost ~100 MB at worst, not gigabytes of strings.
//
// The hash is not checked against the value (the value is not kept), so two different
// values can collide: with n keys the chance of any false "duplicate" is about
// n² / 2⁶⁵ (≈ 3·10⁻⁸ for a million). The report names the earlier row, so a person
// can see it.
import { ENTITIES, fieldDef, type ImportEntity } from "@/lib/import/fields";

// The last hash computed, in two 32-bit halves: returned through module state so the hot path allocates nothing.
let outHi = 0;
let outLo = 0;

/** Two independent 32-bit multiplicative hashes of the UTF-16 code units (cyrb53's lanes, kept to 64 bits). */
function hashInto(text: string, seed: number): void {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  outHi = h1 >>> 0;
  outLo = h2 >>> 0;
}

export function hash64(text: string, seed = 0): [number, number] {
  hashInto(text, seed);
  return [outHi, outLo];
}

/** Open-addressing map from a 64-bit hash to a positive row number. */
export class HashRowMap {
  private hi: Uint32Array;
  private lo: Uint32Array;
  private rows: Int32Array;
  private used = 0;

  constructor(initialCapacity = 1024) {
    let cap = 16;
    while (cap < initialCapacity * 2) cap *= 2;
    this.hi = new Uint32Array(cap);
    this.lo = new Uint32Array(cap);
    this.rows = new Int32Array(cap);
  }

  get size(): number {
    return this.used;
  }

  private slot(hi: number, lo: number): number {
    const mask = this.rows.length - 1;
    let i = (lo ^ Math.imul(hi, 0x9e3779b1)) & mask;
    while (this.rows[i] !== 0 && (this.hi[i] !== hi || this.lo[i] !== lo)) i = (i + 1) & mask;
    return i;
  }

  get(hash: [number, number]): number | undefined {
    const row = this.getRaw(hash[0], hash[1]);
    return row === 0 ? undefined : row;
  }

  /** The row stored for the hash, 0 when none. */
  getRaw(hi: number, lo: number): number {
    return this.rows[this.slot(hi, lo)];
  }

  /** Stores the row for the hash unless it is there; returns the row already stored, if any. */
  setIfAbsent(hash: [number, number], row: number): number | undefined {
    const existing = this.setRaw(hash[0], hash[1], row);
    return existing === 0 ? undefined : existing;
  }

  /** Stores the row unless the hash is there; returns the row already stored, 0 when none. */
  setRaw(hi: number, lo: number, row: number): number {
    if (row <= 0) throw new RangeError("row numbers start at 1");
    const i = this.slot(hi, lo);
    if (this.rows[i] !== 0) return this.rows[i];
    this.hi[i] = hi;
    this.lo[i] = lo;
    this.rows[i] = row;
    this.used++;
    if (this.used * 2 > this.rows.length) this.grow();
    return 0;
  }

  private grow(): void {
    const { hi, lo, rows } = this;
    this.hi = new Uint32Array(rows.length * 2);
    this.lo = new Uint32Array(rows.length * 2);
    this.rows = new Int32Array(rows.length * 2);
    for (let i = 0; i < rows.length; i++) {
      if (rows[i] === 0) continue;
      const j = this.slot(hi[i], lo[i]);
      this.hi[j] = hi[i];
      this.lo[j] = lo[i];
      this.rows[j] = rows[i];
    }
  }
}

export type DuplicateHit = {
  /** The row that repeats an earlier one. */
  row: number;
  /** The earlier row with the same key. */
  of: number;
  /** The key, as field keys joined with "+" ("phone", "orderNo+sku", "identity:wechat"). */
  key: string;
  label: { en: string; zh: string };
};

type KeySpec = { name: string; label: { en: string; zh: string }; value: (record: Record<string, unknown>) => string | null };

function valueText(v: unknown): string | null {
  if (v === null || v === undefined || v === "") return null;
  if (typeof v === "string") return v;
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.length ? v.join("\u0002") : null;
  return String(v);
}

function keySpecs(entity: ImportEntity, keys: readonly (readonly string[])[]): KeySpec[] {
  const specs: KeySpec[] = [];
  for (const key of keys) {
    if (key.length === 1 && key[0] === "identity") {
      for (const f of ENTITIES[entity].fields) {
        const channel = "identityChannel" in f ? f.identityChannel : undefined;
        if (!channel || channel === "row") continue;
        specs.push({ name: `identity:${channel}`, label: f.label, value: (r) => valueText(r[f.key]) });
      }
      continue;
    }
    const defs = key.map((k) => fieldDef(entity, k));
    if (defs.some((d) => d === undefined)) throw new Error(`unknown dedupe field in ${key.join("+")} for ${entity}`);
    const label = { en: defs.map((d) => d!.label.en).join(" + "), zh: defs.map((d) => d!.label.zh).join(" + ") };
    if (key.length === 1) {
      const k = key[0];
      specs.push({ name: k, label, value: (r) => valueText(r[k]) });
      continue;
    }
    specs.push({
      name: key.join("+"), label,
      value: (r) => {
        const parts = key.map((k) => valueText(r[k]));
        return parts.some((p) => p === null) ? null : parts.join("\u0001");
      },
    });
  }
  return specs;
}

/**
 * Feed it the clean records in file order; it answers with the earlier row a record repeats, if any.
 * A duplicate is not remembered itself (the first occurrence stays the one others are compared with);
 * failed rows should not be fed at all, so a bad row never hides a good one.
 */
export class InFileDedupe {
  private readonly specs: KeySpec[];
  private readonly maps: HashRowMap[];
  // Per key: has a value in the current record, and its hash (scratch space reused for every row).
  private readonly present: Uint8Array;
  private readonly his: Uint32Array;
  private readonly los: Uint32Array;

  constructor(entity: ImportEntity, keys?: readonly (readonly string[])[]) {
    this.specs = keySpecs(entity, keys ?? ENTITIES[entity].dedupeKeys);
    this.maps = this.specs.map(() => new HashRowMap());
    this.present = new Uint8Array(this.specs.length);
    this.his = new Uint32Array(this.specs.length);
    this.los = new Uint32Array(this.specs.length);
  }

  get keyNames(): string[] {
    return this.specs.map((s) => s.name);
  }

  check(row: number, record: Record<string, unknown>): DuplicateHit | null {
    const n = this.specs.length;
    for (let i = 0; i < n; i++) {
      const v = this.specs[i].value(record);
      if (v === null) {
        this.present[i] = 0;
        continue;
      }
      // The key's position seeds the hash, so the same text under two keys never meets.
      hashInto(v, i + 1);
      const of = this.maps[i].getRaw(outHi, outLo);
      if (of !== 0) return { row, of, key: this.specs[i].name, label: this.specs[i].label };
      this.present[i] = 1;
      this.his[i] = outHi;
      this.los[i] = outLo;
    }
    for (let i = 0; i < n; i++) if (this.present[i]) this.maps[i].setRaw(this.his[i], this.los[i], row);
    return null;
  }
}
