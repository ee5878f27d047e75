// Province and city names to the standard full names (广东 → 广东省, 内蒙古 →
// 内蒙古自治区, 深圳 → 深圳市), and a full address split into province / city /
// district when the file has no such columns.
import { CITIES, PROVINCES, type CityEntry, type ProvinceEntry } from "@/lib/import/clean/region-data";
import { msg, ok, type CleanResult } from "@/lib/import/types";

function compact(text: string): string {
  return text.normalize("NFKC").replace(/\s+/g, "");
}

function latinKey(text: string): string {
  return text.normalize("NFKC").toLowerCase()
    .replace(/[^a-z]/g, "")
    .replace(/(province|municipality|city|shi|sheng|specialadministrativeregion|sar|autonomousregion|zizhiqu)$/, "");
}

const provinceByName = new Map<string, ProvinceEntry>();
const provinceByLatin = new Map<string, ProvinceEntry>();
for (const p of PROVINCES) {
  for (const n of [p.name, p.core, ...p.aliases]) provinceByName.set(n, p);
  provinceByName.set(`${p.core}省`, p);
  provinceByName.set(`${p.core}市`, p);
  for (const l of p.latin) provinceByLatin.set(l, p);
}
const provinceByFull = new Map(PROVINCES.map((p) => [p.name, p]));

const cityByName = new Map<string, CityEntry>();
const citiesByProvince = new Map<string, CityEntry[]>();
for (const c of CITIES) {
  cityByName.set(c.name, c);
  for (const s of c.short) if (!cityByName.has(s)) cityByName.set(s, c);
  const list = citiesByProvince.get(c.province) ?? [];
  list.push(c);
  citiesByProvince.set(c.province, list);
}

/** The standard full name of a province written any common way, or null. */
export function canonicalProvince(text: string): string | null {
  let value = compact(text);
  if (!value) return null;
  const direct = provinceByName.get(value);
  if (direct) return direct.name;
  if (value.startsWith("中国") && value.length > 2) value = value.slice(2);
  const hit = provinceByName.get(value) ?? provinceByName.get(value.replace(/(省|市|自治区|特别行政区|特区)$/, ""))
    ?? provinceByLatin.get(latinKey(value));
  return hit?.name ?? null;
}

/** The standard full name of a prefecture-level city (深圳 → 深圳市), or null when it is not one we list. */
export function canonicalCity(text: string): string | null {
  const value = compact(text);
  if (!value) return null;
  const hit = cityByName.get(value) ?? cityByName.get(value.replace(/市$/, ""));
  return hit?.name ?? null;
}

/** The province a listed city belongs to (深圳市 → 广东省). */
export function provinceOfCity(city: string): string | null {
  return cityByName.get(compact(city))?.province ?? null;
}

/** Province column: the standard name; one we do not know is kept as given, with a warning. */
export function cleanProvince(text: string): CleanResult<string> {
  const name = canonicalProvince(text);
  return name ? ok(name) : ok(text.trim(), msg("import.warning.provinceUnknown"));
}

/** City column: the standard name for a listed city (深圳 → 深圳市); others (county-level cities, foreign) as given. */
export function cleanCity(text: string): CleanResult<string> {
  return ok(canonicalCity(text) ?? text.trim());
}

export type AddressParts = { province: string | null; city: string | null; district: string | null; rest: string };

// Longest first, so 黑龙江省 wins over 黑龙江 and 内蒙古自治区 over 内蒙古.
const PROVINCE_FULL = byFirstChar(PROVINCES.map((p) => p.name));
const PROVINCE_CORE = byFirstChar(PROVINCES.flatMap((p) => [p.core, ...p.aliases.filter((a) => a.length >= 2)]));
// Full names and short forms that carry their own suffix (延边州): safe to spot at the start of an address.
const CITY_FULL = byFirstChar(CITIES.flatMap((c) => [c.name, ...c.short.filter((s) => /[市州盟]$/.test(s))]));
const DISTRICT = /^(.{1,10}?(?:自治县|自治旗|林区|特区|新区|区|县|旗|市))/;
const NOT_DISTRICT = /[\d路街道号巷弄栋楼室村镇乡]/;

/** Names grouped by first character, longest first: one address checks a handful, not hundreds. */
function byFirstChar(names: readonly string[]): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const n of [...names].sort((a, b) => b.length - a.length)) {
    const list = index.get(n[0]) ?? [];
    list.push(n);
    index.set(n[0], list);
  }
  return index;
}

function startsWithAny(text: string, index: Map<string, string[]>): string | null {
  for (const n of index.get(text[0]) ?? []) if (text.startsWith(n)) return n;
  return null;
}

function cityIn(province: string, text: string): { name: string; consumed: number } | null {
  const list = citiesByProvince.get(province) ?? [];
  let best: { name: string; consumed: number } | null = null;
  for (const c of list) {
    for (const form of [c.name, ...c.short]) {
      if (text.startsWith(form) && (!best || form.length > best.consumed)) best = { name: c.name, consumed: form.length };
    }
  }
  return best;
}

/**
 * "广东省深圳市南山区科技园…" → 广东省 / 深圳市 / 南山区 / "科技园…". Works without suffixes (广东深圳南山区),
 * infers the province from a listed city (深圳市南山区… → 广东省), and reads municipalities (北京市朝阳区…
 * → 北京市 / 北京市 / 朝阳区). Parts it cannot find are null; nothing is guessed beyond the lists.
 */
export function splitAddress(address: string): AddressParts {
  let text = compact(address);
  if (text.startsWith("中国")) text = text.slice(2);
  let province: string | null = null;
  let city: string | null = null;
  let district: string | null = null;

  const full = startsWithAny(text, PROVINCE_FULL);
  if (full) {
    province = full;
    text = text.slice(full.length);
  } else {
    const cityFull = startsWithAny(text, CITY_FULL);
    if (cityFull) {
      city = cityByName.get(cityFull)!.name;
      province = cityByName.get(cityFull)!.province;
      text = text.slice(cityFull.length);
    } else {
      const core = startsWithAny(text, PROVINCE_CORE);
      if (core) {
        province = provinceByName.get(core)!.name;
        text = text.slice(core.length).replace(/^(省|市|自治区|特别行政区)/, "");
      }
    }
  }

  const entry = province ? provinceByFull.get(province) : undefined;
  if (entry?.municipality) {
    city = province;
    // "北京市北京市朝阳区", "上海市市辖区…"
    text = text.replace(new RegExp(`^(${entry.core}市?|市辖区)`), "");
  } else if (province && !city) {
    const hit = cityIn(province, text);
    if (hit) {
      city = hit.name;
      text = text.slice(hit.consumed).replace(/^市/, "");
    } else {
      const generic = /^(.{2,8}?(?:自治州|地区|盟|市))/.exec(text);
      if (generic && !NOT_DISTRICT.test(generic[1])) {
        city = generic[1];
        text = text.slice(generic[1].length);
      }
    }
  }

  if (city || province) {
    const d = DISTRICT.exec(text);
    if (d && !NOT_DISTRICT.test(d[1])) {
      district = d[1];
      text = text.slice(d[1].length);
    }
  }
  return { province, city, district, rest: text };
}
