// Dates as Chinese users and Excel write them, read as wall-clock times in the
// tenant's time zone (Asia/Shanghai unless the tenant says otherwise) and returned
// as UTC instants. A calendar date (a birthday) is returned as UTC midnight of that
// day, which is what a Postgres `date` column stores through Prisma.
//
// Accepted (any of - / . between the parts; a time may follow with a space or T):
//   2024-01-02, 2024/1/2, 2024.1.2, 2024-01-02 13:05, 2024-01-02T13:05:00(.123)(Z|+08:00),
//   2024年1月2日, 2024年1月2日 13:05, 2024年1月2日 下午1点05分, 20240102, 20240102130500,
//   1/2/2024 and 2/1/2024 (year last: month/day order from the column's format hint),
//   Excel serial numbers (1900 date system; the fraction is the time of day).
import { fail, msg, ok, type CleanResult, type Msg } from "@/lib/import/types";

export type DateOrder = "YMD" | "MDY" | "DMY";
export type DateKind = "date" | "datetime";
export type DateOptions = {
  kind: DateKind;
  /** IANA zone the wall-clock times are in. */
  timeZone?: string;
  /** How a year-last date (1/2/2024) is read. Unset: unambiguous ones are read, ambiguous ones as MDY with a warning. */
  order?: Exclude<DateOrder, "YMD">;
};

export const DEFAULT_TIME_ZONE = "Asia/Shanghai";
const MIN_YEAR = 1900;
const MAX_YEAR = 2100;
const DAY_MS = 86_400_000;
// The last serial Excel accepts: 9999-12-31.
const MAX_EXCEL_SERIAL = 2_958_465;

type Wall = { y: number; m: number; d: number; h: number; mi: number; s: number; ms: number; hasTime: boolean; offsetMin: number | null };
type Parsed = { wall: Wall; warning?: Msg } | { error: Msg };

const TIME = String.raw`(上午|下午|中午|晚上|凌晨|早上)?\s*(\d{1,2})(?:[:：时点](\d{1,2})(?:[:：分](\d{1,2})(?:[.,](\d{1,9}))?秒?)?分?)?\s*(am|pm|a\.m\.|p\.m\.)?\s*(z|[+-]\d{2}:?\d{2})?`;
const YMD = new RegExp(String.raw`^(\d{4})\s*([-/.])\s*(\d{1,2})\s*\2\s*(\d{1,2})(?:(?:\s+|t)${TIME})?$`, "i");
const CN = new RegExp(String.raw`^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?(?:\s*${TIME})?$`, "i");
const YEAR_LAST = new RegExp(String.raw`^(\d{1,2})\s*([-/.])\s*(\d{1,2})\s*\2\s*(\d{4})(?:\s+${TIME})?$`, "i");
const COMPACT = /^(\d{4})(\d{2})(\d{2})(?:[\sT]?(\d{2})(\d{2})(\d{2})?)?$/i;
const SERIAL = /^(\d{1,7})(?:\.(\d+))?$/;

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(y: number, m: number): number {
  if (m !== 2) return MONTH_DAYS[m - 1];
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
}

/** Time-of-day groups of TIME (7 of them, starting at `i`) into hours, minutes… */
function readTime(g: (string | undefined)[], i: number): Pick<Wall, "h" | "mi" | "s" | "ms" | "hasTime" | "offsetMin"> | { error: Msg } {
  const [period, hh, mm, ss, frac, ampm, zone] = g.slice(i, i + 7);
  if (hh === undefined) return { h: 0, mi: 0, s: 0, ms: 0, hasTime: false, offsetMin: null };
  let h = Number(hh);
  const mi = mm === undefined ? 0 : Number(mm);
  const s = ss === undefined ? 0 : Number(ss);
  const ms = frac === undefined ? 0 : Math.round(Number(`0.${frac}`) * 1000);
  const pm = (ampm && ampm.toLowerCase().startsWith("p")) || period === "下午" || period === "晚上" || (period === "中午" && h < 11);
  const am = (ampm && ampm.toLowerCase().startsWith("a")) || period === "上午" || period === "凌晨" || period === "早上";
  if (pm || am) {
    if (h < 1 || h > 12) return { error: msg("import.reason.timeInvalid") };
    h = (h % 12) + (pm ? 12 : 0);
  }
  if (h > 23 || mi > 59 || s > 59 || ms > 999) return { error: msg("import.reason.timeInvalid") };
  let offsetMin: number | null = null;
  if (zone) {
    if (zone.toLowerCase() === "z") offsetMin = 0;
    else {
      const z = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)!;
      offsetMin = (z[1] === "-" ? -1 : 1) * (Number(z[2]) * 60 + Number(z[3]));
    }
  }
  return { h, mi, s, ms, hasTime: true, offsetMin };
}

function build(y: number, m: number, d: number, time: ReturnType<typeof readTime>, warning?: Msg): Parsed {
  if ("error" in time) return { error: time.error };
  if (m < 1 || m > 12) return { error: msg("import.reason.dateInvalid") };
  if (d < 1 || d > daysInMonth(y, m)) {
    return { error: msg("import.reason.dateImpossible", { year: y, month: m, days: daysInMonth(y, m) }) };
  }
  if (y < MIN_YEAR || y > MAX_YEAR) return { error: msg("import.reason.dateOutOfRange", { min: MIN_YEAR, max: MAX_YEAR }) };
  return { wall: { y, m, d, ...time }, warning };
}

/** Excel's 1900 system: serial 1 = 1900-01-01, and serial 60 is the 1900-02-29 that never was (kept for Lotus 1-2-3). */
function fromExcelSerial(whole: string, fraction: string | undefined): Parsed {
  const days = Number(whole);
  if (days < 1 || days > MAX_EXCEL_SERIAL) return { error: msg("import.reason.dateInvalid") };
  if (days === 60) return { error: msg("import.reason.excelLeapBug") };
  // Before the phantom day the epoch is 1899-12-31; after it, every serial is one day "late", so 1899-12-30.
  const base = days < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  const seconds = fraction ? Math.round(Number(`0.${fraction}`) * 86_400) : 0;
  const wall = new Date(base + days * DAY_MS + seconds * 1000);
  return build(wall.getUTCFullYear(), wall.getUTCMonth() + 1, wall.getUTCDate(), {
    h: wall.getUTCHours(), mi: wall.getUTCMinutes(), s: wall.getUTCSeconds(), ms: 0, hasTime: seconds > 0, offsetMin: null,
  });
}

// The common shapes (2024-01-02, 2024/1/2 13:05, 2024-01-02T13:05:00) without the general pattern's many groups.
const QUICK = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const NO_TIME = { h: 0, mi: 0, s: 0, ms: 0, hasTime: false, offsetMin: null };

function parseWall(text: string, order: DateOptions["order"]): Parsed {
  const q = QUICK.exec(text);
  if (q) {
    if (q[5] === undefined) return build(Number(q[1]), Number(q[3]), Number(q[4]), NO_TIME);
    const h = Number(q[5]);
    const mi = Number(q[6]);
    const s = q[7] === undefined ? 0 : Number(q[7]);
    if (h > 23 || mi > 59 || s > 59) return { error: msg("import.reason.timeInvalid") };
    return build(Number(q[1]), Number(q[3]), Number(q[4]), { h, mi, s, ms: 0, hasTime: true, offsetMin: null });
  }
  let g = YMD.exec(text);
  if (g) return build(Number(g[1]), Number(g[3]), Number(g[4]), readTime(g, 5));
  g = CN.exec(text);
  if (g) return build(Number(g[1]), Number(g[2]), Number(g[3]), readTime(g, 4));
  g = COMPACT.exec(text);
  if (g) {
    const time = g[4] === undefined ? readTime([], 0)
      : { h: Number(g[4]), mi: Number(g[5]), s: g[6] === undefined ? 0 : Number(g[6]), ms: 0, hasTime: true, offsetMin: null };
    if (!("error" in time) && (time.h > 23 || time.mi > 59 || time.s > 59)) return { error: msg("import.reason.timeInvalid") };
    return build(Number(g[1]), Number(g[2]), Number(g[3]), time);
  }
  g = YEAR_LAST.exec(text);
  if (g) {
    const a = Number(g[1]);
    const b = Number(g[3]);
    const time = readTime(g, 5);
    let o = order;
    let warning: Msg | undefined;
    if (!o) {
      if (a > 12 && b <= 12) o = "DMY";
      else if (b > 12 && a <= 12) o = "MDY";
      else {
        o = "MDY";
        if (a !== b) warning = msg("import.warning.dateAmbiguous", { read: `${g[4]}-${String(a).padStart(2, "0")}-${String(b).padStart(2, "0")}` });
      }
    }
    return o === "MDY" ? build(Number(g[4]), a, b, time, warning) : build(Number(g[4]), b, a, time, warning);
  }
  g = SERIAL.exec(text);
  if (g) {
    // A bare 4-digit year is far more likely than an Excel serial of 1905–1915.
    if (!g[2] && g[1].length === 4 && Number(g[1]) >= MIN_YEAR && Number(g[1]) <= MAX_YEAR) return { error: msg("import.reason.dateYearOnly") };
    return fromExcelSerial(g[1], g[2]);
  }
  return { error: msg("import.reason.dateInvalid") };
}

// ── time zones ──

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsetCaches = new Map<string, Map<number, number>>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The zone's offset at one instant, asked of Intl (slow: ~10 µs). */
function exactOffsetMinutes(instant: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(new Date(instant))) if (p.type !== "literal") parts[p.type] = Number(p.value);
  const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60_000);
}

// Sentinel for "the offset changes during this day" (no real offset is this large).
const CHANGES = 100_000;

/**
 * Minutes the zone is ahead of UTC at `instant`. A million rows call it a million times with times spread
 * over years, so it is cached per zone and UTC day: a day whose offset is the same at its start and end
 * (every day but the few with a transition) answers from the cache; a transition day asks Intl each time.
 */
export function zoneOffsetMinutes(instant: number, timeZone: string): number {
  let cache = offsetCaches.get(timeZone);
  if (!cache) {
    cache = new Map();
    offsetCaches.set(timeZone, cache);
  }
  const day = Math.floor(instant / 86_400_000);
  let offset = cache.get(day);
  if (offset === undefined) {
    const start = exactOffsetMinutes(day * 86_400_000, timeZone);
    const end = exactOffsetMinutes((day + 1) * 86_400_000 - 1000, timeZone);
    offset = start === end ? start : CHANGES;
    if (cache.size > 200_000) cache.clear();
    cache.set(day, offset);
  }
  return offset === CHANGES ? exactOffsetMinutes(instant, timeZone) : offset;
}

/** The UTC instant of a wall-clock time in `timeZone`. In a DST gap the later offset wins; in an overlap, the earlier instant. */
export function zonedTimeToUtc(y: number, m: number, d: number, h: number, mi: number, s: number, ms: number, timeZone: string): Date {
  const guess = Date.UTC(y, m - 1, d, h, mi, s, ms);
  const first = zoneOffsetMinutes(guess, timeZone);
  let instant = guess - first * 60_000;
  const second = zoneOffsetMinutes(instant, timeZone);
  if (second !== first) instant = guess - second * 60_000;
  return new Date(instant);
}

export function isUsableTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * A date cell to a Date. `datetime`: the instant (wall clock read in the tenant's zone unless the text has
 * its own offset). `date`: UTC midnight of the calendar day (any time part is dropped).
 */
export function cleanDate(text: string, options: DateOptions): CleanResult<Date> {
  const value = text.normalize("NFKC").trim().replace(/\s{2,}|[\t\n\r\u00a0]/g, " ");
  const parsed = parseWall(value, options.order);
  if ("error" in parsed) return { ok: false, reason: parsed.error };
  const { wall, warning } = parsed;
  if (options.kind === "date") return ok(new Date(Date.UTC(wall.y, wall.m - 1, wall.d)), warning);
  if (wall.offsetMin !== null) {
    return ok(new Date(Date.UTC(wall.y, wall.m - 1, wall.d, wall.h, wall.mi, wall.s, wall.ms) - wall.offsetMin * 60_000), warning);
  }
  const zone = options.timeZone ?? DEFAULT_TIME_ZONE;
  if (!isUsableTimeZone(zone)) return fail("import.reason.timeZoneInvalid", { zone });
  return ok(zonedTimeToUtc(wall.y, wall.m, wall.d, wall.h, wall.mi, wall.s, wall.ms, zone), warning);
}

/** True when the text is a date (or date-time) this module reads: for spotting date columns by their values. */
export function looksLikeDate(text: string): { date: boolean; time: boolean } {
  const value = text.normalize("NFKC").trim().replace(/\s+/g, " ");
  // Bare numbers are left out: a column of quantities must not pass for Excel serials.
  if (/^\d+(\.\d+)?$/.test(value) && !/^\d{8}$/.test(value)) return { date: false, time: false };
  const parsed = parseWall(value, "MDY");
  return "error" in parsed ? { date: false, time: false } : { date: true, time: parsed.wall.hasTime };
}
