// The demo's clock: a window of days in China time, how busy each day is (weekends,
// 618, 双11, 双12, the weeks before Spring Festival, new-phone launches), and the
// hour of day people buy at. Purchases follow a customer's own rate run through this
// calendar (a time change of a Poisson process), so a quiet customer still buys
// around 双11 more than in March.
import { WeightedSampler, type Random } from "@/lib/demo/random";

export const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000; // China has no daylight saving time

/** Lunar New Year's day (正月初一); outside these years there is simply no festival effect. */
const SPRING_FESTIVAL: Record<number, string> = {
  2020: "01-25", 2021: "02-12", 2022: "02-01", 2023: "01-22", 2024: "02-10", 2025: "01-29",
  2026: "02-17", 2027: "02-06", 2028: "01-26", 2029: "02-13", 2030: "02-03", 2031: "01-23",
};

export type DemoWindow = {
  /** 00:00 China time of the first day. */
  start: number;
  /** Exclusive end instant; nothing is generated at or after it. */
  end: number;
  days: number;
};

export type ChinaDate = { year: number; month: number; day: number; weekday: number };

export function chinaDate(ms: number): ChinaDate {
  const d = new Date(ms + SHANGHAI_OFFSET_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), weekday: d.getUTCDay() };
}

/** 00:00 China time of a calendar date, as epoch milliseconds. */
export function chinaMidnight(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) - SHANGHAI_OFFSET_MS;
}

/** "2026-11-25" in China time. */
export function chinaDay(ms: number): string {
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The `years` before `end` (an instant), starting at a China midnight. */
export function windowEndingAt(end: Date, years = 2): DemoWindow {
  const e = chinaDate(end.getTime());
  const start = chinaMidnight(e.year - years, e.month, e.day);
  return { start, end: end.getTime(), days: Math.ceil((end.getTime() - start) / DAY_MS) };
}

/** End of a calendar day in China ("2026-06-30" → 2026-07-01 00:00 +08:00). */
export function endOfChinaDay(isoDate: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) throw new Error(`not a date (YYYY-MM-DD): ${isoDate}`);
  return new Date(chinaMidnight(Number(m[1]), Number(m[2]), Number(m[3])) + DAY_MS);
}

function daysFrom(a: ChinaDate, month: number, day: number): number {
  return Math.round((chinaMidnight(a.year, a.month, a.day) - chinaMidnight(a.year, month, day)) / DAY_MS);
}

const MONTH = [0, 1.0, 0.95, 0.85, 0.85, 0.95, 1.05, 0.95, 0.9, 1.05, 1.0, 1.15, 1.1];
const WEEKDAY = [1.25, 0.9, 0.9, 0.92, 0.95, 1.05, 1.3]; // Sunday first

/** How busy a day is for shopping, before any trend; about 1 on an ordinary day. */
export function shoppingWeight(d: ChinaDate): number {
  let w = MONTH[d.month]! * WEEKDAY[d.weekday]!;
  // 618 (JD's anniversary sale, now everyone's): presale from late May, peak on 6/18.
  if (d.month === 6 && d.day === 18) w *= 4.5;
  else if (d.month === 6 && d.day < 18) w *= 1.5;
  else if (d.month === 5 && d.day >= 25) w *= 1.2;
  // 双11: presale from 10/20, the first ten days of November, and the day itself.
  if (d.month === 11 && d.day === 11) w *= 6.5;
  else if (d.month === 11 && d.day < 11) w *= 1.8;
  else if (d.month === 11 && d.day <= 13) w *= 1.3;
  else if (d.month === 10 && d.day >= 20) w *= 1.4;
  if (d.month === 12 && d.day === 12) w *= 2.2;
  // National Day golden week fills the stores.
  if (d.month === 10 && d.day <= 7) w *= 1.4;
  // New iPhones (and the Android answers) arrive in the second half of September.
  if (d.month === 9 && d.day >= 12) w *= 1.3;
  // Spring Festival: phones are a favourite gift in the three weeks before; then the
  // holiday itself is quiet (stores close, couriers stop) and slowly recovers.
  const sf = SPRING_FESTIVAL[d.year];
  if (sf) {
    const [m, day] = sf.split("-").map(Number) as [number, number];
    const offset = daysFrom(d, m, day);
    if (offset >= -21 && offset <= -2) w *= 1.6;
    else if (offset >= -1 && offset <= 6) w *= 0.45;
    else if (offset >= 7 && offset <= 14) w *= 0.85;
  }
  return w;
}

/** True on the big online festival days, when shoppers lean to Tmall and JD. */
export function isOnlineFestival(d: ChinaDate): boolean {
  return (d.month === 11 && d.day <= 11) || (d.month === 6 && d.day <= 18) || (d.month === 12 && d.day === 12)
    || (d.month === 10 && d.day >= 20);
}

/**
 * A piecewise-constant intensity over the window's days, normalised to a mean of 1,
 * with its integral: `at(t)` is the operational time at instant t and `dayAt(s)`
 * the day on which operational time s falls.
 */
export class DayIntensity {
  private readonly cumulative: Float64Array;
  readonly weights: Float64Array;
  readonly total: number;

  constructor(readonly window: DemoWindow, weight: (dayIndex: number, date: ChinaDate) => number) {
    const raw = new Float64Array(window.days);
    for (let i = 0; i < window.days; i++) raw[i] = weight(i, chinaDate(window.start + i * DAY_MS + DAY_MS / 2));
    const mean = raw.reduce((a, b) => a + b, 0) / window.days;
    this.weights = raw.map((w) => w / mean);
    this.cumulative = new Float64Array(window.days + 1);
    for (let i = 0; i < window.days; i++) this.cumulative[i + 1] = this.cumulative[i]! + this.weights[i]!;
    // The last day may be cut short by `end`.
    const lastFraction = (window.end - (window.start + (window.days - 1) * DAY_MS)) / DAY_MS;
    this.total = this.cumulative[window.days - 1]! + this.weights[window.days - 1]! * Math.min(1, lastFraction);
  }

  /** Operational time at instant t (clamped to the window). */
  at(t: number): number {
    const x = Math.min(Math.max((t - this.window.start) / DAY_MS, 0), this.window.days);
    const day = Math.min(Math.floor(x), this.window.days - 1);
    return this.cumulative[day]! + this.weights[day]! * (x - day);
  }

  /** The day index holding operational time s (s < total). */
  dayAt(s: number): number {
    let lo = 0, hi = this.window.days - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.cumulative[mid]! <= s) lo = mid; else hi = mid - 1;
    }
    return lo;
  }
}

// When in the day people buy: stores open 10:00–22:00 with an afternoon and an
// evening peak; online shoppers buy at lunch and late in the evening.
const STORE_HOURS = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 5, 6, 6, 7, 8, 8, 7, 6, 8, 9, 8, 4, 0];
const ONLINE_HOURS = [3, 1.5, 0.8, 0.4, 0.3, 0.3, 0.5, 1.2, 2.5, 4, 5, 5.5, 5.5, 5, 4.5, 4.5, 4.5, 4.5, 5, 6, 7, 7.5, 7, 5];
const HOURS = Array.from({ length: 24 }, (_, h) => h);
const storeHour = new WeightedSampler(HOURS, STORE_HOURS);
const onlineHour = new WeightedSampler(HOURS, ONLINE_HOURS);

/** An instant on the given day at a plausible hour for the channel kind. */
export function timeOnDay(window: DemoWindow, dayIndex: number, online: boolean, rng: Random): number {
  const d = chinaDate(window.start + dayIndex * DAY_MS + DAY_MS / 2);
  // On 双11 and 618 the presale balance payments open at midnight.
  const midnightRush = online && ((d.month === 11 && d.day === 11) || (d.month === 6 && d.day === 18)) && rng.chance(0.3);
  const hour = midnightRush ? 0 : (online ? onlineHour : storeHour).sample(rng);
  const second = rng.int(0, 3599);
  return window.start + dayIndex * DAY_MS + hour * 3_600_000 + second * 1000 + rng.int(0, 999);
}
