// Reading a day rollup and its monthly sums (lib/rollups/refresh-months.ts) over
// date ranges: each range's whole calendar months from the monthly table, only its
// ragged ends from the daily one — a year reads ~12 month rows per dimension
// instead of ~365 day rows. The product and category rollups are read the same way
// (lib/dashboard/products.ts).
import { Prisma } from "@/lib/generated/prisma/client.ts";
import { addDays, bucketStart, nextBucket, splitByMonths } from "@/lib/dashboard/dates";
import type { MonthlyRollup } from "@/lib/rollups/refresh-months";

export type TaggedRange = {
  /** null: from the very first row. */
  from: string | null;
  to: string;
  /** Any tag the caller groups by (e.g. current vs previous period); selected as `tag`. */
  tag: string;
  /** Day rows only (day and week buckets need them; a month table has no weeks). */
  byDay?: boolean;
};

/**
 * `SELECT tag, d, <columns> …` UNION ALL'ed over the ranges, on rows aliased r:
 * `d` is the row's day, or its month's first day for month rows; `where` holds the
 * conditions on r besides the date (tenant, scope, filters). Columns are the
 * measures and dimensions the caller needs, by name (both tables have them).
 */
export function dayAndMonthRows(rollup: MonthlyRollup, columns: readonly string[], where: Prisma.Sql, ranges: readonly TaggedRange[]): Prisma.Sql {
  const cols = Prisma.raw(columns.map((c) => `r.${c}`).join(", "));
  const daily = Prisma.raw(rollup.daily);
  const monthly = Prisma.raw(rollup.monthly);
  const parts: Prisma.Sql[] = [];
  for (const range of ranges) {
    if (range.from !== null && range.from > range.to) continue;
    // Whole months [first, last] (first null: unbounded) and the days left at either end.
    let split: { months: [string | null, string] | null; days: [string | null, string][] };
    if (range.byDay) split = { months: null, days: [[range.from, range.to]] };
    else if (range.from !== null) split = splitByMonths(range.from, range.to);
    else {
      // Everything up to `to`: every month before to's, and to's own month whole if `to` ends it.
      const last = bucketStart(range.to, "month");
      const endsMonth = addDays(nextBucket(last, "month"), -1) === range.to;
      split = endsMonth ? { months: [null, last], days: [] } : { months: [null, addDays(last, -1)], days: [[last, range.to]] };
    }
    for (const [a, b] of split.days) {
      parts.push(Prisma.sql`SELECT ${range.tag}::text AS tag, r.day AS d, ${cols} FROM ${daily} r
        WHERE ${where} ${a === null ? Prisma.empty : Prisma.sql`AND r.day >= ${a}::date`} AND r.day <= ${b}::date`);
    }
    if (split.months) {
      const [a, b] = split.months;
      parts.push(Prisma.sql`SELECT ${range.tag}::text AS tag, r.month AS d, ${cols} FROM ${monthly} r
        WHERE ${where} ${a === null ? Prisma.empty : Prisma.sql`AND r.month >= ${a}::date`} AND r.month <= ${b}::date`);
    }
  }
  // No range at all: an empty set of the same shape.
  if (!parts.length) return Prisma.sql`SELECT NULL::text AS tag, NULL::date AS d, ${cols} FROM ${daily} r WHERE false`;
  return Prisma.join(parts, " UNION ALL ");
}
