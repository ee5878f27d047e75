// Calendar-day ranges in list filters (interactions, tickets): a day is a day in the
// tenant's time zone, inclusive at both ends. Pure (client forms import the schemas
// that use it); the SQL half is day-range-sql.ts.

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** "2026-02-30" and "2026-13-01" are not days. */
export function parseDay(value: string | undefined): string | null {
  if (!value || !DAY.test(value)) return null;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value ? value : null;
}

export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (m) => `\\${m}`);
}
