// A calendar-day range [from, to] in the tenant's time zone as conditions on a
// timestamptz column; nothing for an open end.
import { Prisma } from "@/lib/generated/prisma/client.ts";

export function dayRangeSql(column: Prisma.Sql, from: string | null, to: string | null, timeZone: string): Prisma.Sql[] {
  const out: Prisma.Sql[] = [];
  if (from) out.push(Prisma.sql`${column} >= ((${from}::date)::timestamp AT TIME ZONE ${timeZone})`);
  if (to) out.push(Prisma.sql`${column} < ((${to}::date + 1)::timestamp AT TIME ZONE ${timeZone})`);
  return out;
}
