// Calendar-day arithmetic on "YYYY-MM-DD" strings (days in the tenant's zone, as
// the rollups store them). UTC Date objects are used only as a calendar.
import type { Grain } from "@/lib/rollups/dimensions";

const iso = (d: Date) => d.toISOString().slice(0, 10);
const parse = (day: string) => new Date(`${day}T00:00:00Z`);

export function isDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = parse(value);
  return !Number.isNaN(d.getTime()) && iso(d) === value;
}

export function addDays(day: string, n: number): string {
  const d = parse(day);
  d.setUTCDate(d.getUTCDate() + n);
  return iso(d);
}

/** Days from a to b (b - a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((parse(b).getTime() - parse(a).getTime()) / 86_400_000);
}

export function todayIn(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

/** The first day of the day's week (Monday) or month. */
export function bucketStart(day: string, grain: Grain): string {
  if (grain === "day") return day;
  const d = parse(day);
  if (grain === "week") {
    d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
    return iso(d);
  }
  return iso(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1)));
}

/** The first day of the next bucket. */
export function nextBucket(start: string, grain: Grain): string {
  if (grain === "day") return addDays(start, 1);
  if (grain === "week") return addDays(start, 7);
  const d = parse(start);
  return iso(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)));
}

/** Every bucket start that overlaps [from, to], in order. */
export function bucketsIn(from: string, to: string, grain: Grain): string[] {
  const out: string[] = [];
  for (let b = bucketStart(from, grain); b <= to; b = nextBucket(b, grain)) out.push(b);
  return out;
}

/** [from, to] cut into the whole calendar months inside it and the days left at either
 *  end, so a long range can read monthly rows and only its ragged ends daily. */
export function splitByMonths(from: string, to: string): { months: [string, string] | null; days: [string, string][] } {
  const firstWhole = bucketStart(from, "month") === from ? from : nextBucket(bucketStart(from, "month"), "month");
  const lastStart = bucketStart(to, "month");
  const wholeEnd = nextBucket(lastStart, "month") <= addDays(to, 1) ? nextBucket(lastStart, "month") : lastStart;
  if (firstWhole >= wholeEnd) return { months: null, days: [[from, to]] };
  const lastWhole = bucketStart(addDays(wholeEnd, -1), "month");
  const days: [string, string][] = [];
  if (from < firstWhole) days.push([from, addDays(firstWhole, -1)]);
  if (wholeEnd <= to) days.push([wholeEnd, to]);
  return { months: [firstWhole, lastWhole], days };
}
