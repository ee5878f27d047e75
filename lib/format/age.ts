// Whole years between a birthday (a calendar date) and today's calendar date.
export function ageOn(birthday: Date, today: Date): number | null {
  const b = { y: birthday.getUTCFullYear(), m: birthday.getUTCMonth(), d: birthday.getUTCDate() };
  const t = { y: today.getUTCFullYear(), m: today.getUTCMonth(), d: today.getUTCDate() };
  let age = t.y - b.y;
  if (t.m < b.m || (t.m === b.m && t.d < b.d)) age -= 1;
  return age >= 0 && age < 150 ? age : null;
}

/** Today's calendar date in a time zone, as a UTC midnight Date (the shape of a `date` column). */
export function todayIn(timeZone: string, now = new Date()): Date {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
  return new Date(`${parts}T00:00:00Z`);
}
