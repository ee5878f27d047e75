// The day's R/F/M quintile scores as cuts on the values (rfm/sql.ts,
// quintileCutsSql), worked out in Node from every customer's value, which the
// scoring run has already read with the models' input
// (lib/analytics/scoring/model-input.ts): one sort of a million numbers instead
// of three GROUP BYs in the database on the run's critical path.
//
// A customer's score is rfm_quintile of its RANK(): 1 + the customers with a
// strictly lower value (higher, for recency, ranked DESC), so customers with the
// same value share the score of the first of them. The score is monotone in the
// value, so each score is kept as one bound: the smallest value scoring it
// (ascending), the largest (descending).
import { quintileOfRank, type QuintileCut } from "@/lib/analytics/rfm/sql";

/**
 * The cuts of one measure over `values` (every customer's, n = values.length),
 * highest score first; `text` writes a value as the SQL literal the column is
 * compared with.
 */
export function quintileCuts(values: ArrayLike<number>, direction: "ASC" | "DESC", text: (v: number) => string): QuintileCut[] {
  const n = values.length;
  const sorted = Float64Array.from(values).sort();
  if (direction === "DESC") sorted.reverse();
  const cuts: QuintileCut[] = [];
  for (let i = 0; i < n; ) {
    const v = sorted[i]!;
    if (!Number.isFinite(v)) throw new RangeError(`not a finite value: ${v}`);
    // i + 1 is the rank of v: the first row of its tie.
    const score = quintileOfRank(i + 1, n);
    if (cuts.length === 0 || cuts[cuts.length - 1]!.score !== score) cuts.push({ score, bound: text(v) });
    while (i < n && sorted[i] === v) i++;
  }
  return cuts.reverse();
}

/** A whole number of cents as yuan with two decimals ("-1.50"), as numeric(…, 2) prints it. */
export function centsText(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`not a whole number of cents: ${cents}`);
  const a = Math.abs(cents);
  return `${cents < 0 ? "-" : ""}${Math.floor(a / 100)}.${String(a % 100).padStart(2, "0")}`;
}

/** A whole number as SQL text. */
export function integerText(v: number): string {
  if (!Number.isSafeInteger(v)) throw new RangeError(`not a whole number: ${v}`);
  return String(v);
}
