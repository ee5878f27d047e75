// Per-customer (frequency, recency, T, monetary) summaries from a transaction
// list, with an optional holdout period: the inputs of the BG/NBD and
// Gamma-Gamma models, built with the conventions of the published analyses
// (Fader, Hardie & Lee 2005; lifetimes' summary_data_from_transaction_data):
//
// - transactions on the same day are one purchase (amounts summed);
// - frequency = number of purchase days after the first (repeat purchases);
// - recency = time from the first to the last purchase day;
// - T = time from the first purchase day to the end of calibration;
// - monetary = mean amount per repeat purchase day (first day excluded), 0 if none;
// - holdout frequency = purchase days in (calibration end, holdout end].
//
// Days are integers (days since 1970-01-01, UTC) so the arithmetic is exact;
// `unitDays` turns them into the model's time unit (7 for weeks).

export interface DayTransaction {
  customerId: number | string;
  /** whole days since 1970-01-01 (UTC) */
  day: number;
  amount: number;
}

export interface SummaryOptions {
  /** last day of the calibration period (inclusive) */
  calibrationEnd: number;
  /** last day of the holdout period (inclusive); no holdout columns when absent */
  holdoutEnd?: number;
  /** days per model time unit; default 1 */
  unitDays?: number;
  /** round recency, T and monetary to this many decimals (the published CDNOW files use 2) */
  decimals?: number;
}

export interface CustomerSummary {
  customerId: number | string;
  firstDay: number;
  frequency: number;
  recency: number;
  T: number;
  monetary: number;
  /** repeat purchase days in the holdout period (when holdoutEnd is given) */
  holdoutFrequency?: number;
  /** length of the holdout period in model time units */
  holdoutDuration?: number;
}

export function dayNumberFromParts(year: number, month: number, day: number): number {
  return Math.round(Date.UTC(year, month - 1, day) / 86_400_000);
}

/** "YYYY-MM-DD" or "YYYYMMDD" → whole days since 1970-01-01. */
export function dayNumber(date: string): number {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(date.trim());
  if (!m) throw new Error(`not a date: ${date}`);
  return dayNumberFromParts(Number(m[1]), Number(m[2]), Number(m[3]));
}

export function summarizeTransactions(transactions: readonly DayTransaction[], options: SummaryOptions): CustomerSummary[] {
  const unit = options.unitDays ?? 1;
  const round =
    options.decimals === undefined
      ? (v: number) => v
      : (v: number) => {
          const f = 10 ** options.decimals!;
          // Nudge by a relative epsilon so values like 30.425 (binary 30.42499…) round half up as written.
          return Math.round(v * f * (1 + 1e-12)) / f;
        };
  // customer → day → amount
  const byCustomer = new Map<number | string, Map<number, number>>();
  for (const t of transactions) {
    let days = byCustomer.get(t.customerId);
    if (!days) {
      days = new Map();
      byCustomer.set(t.customerId, days);
    }
    days.set(t.day, (days.get(t.day) ?? 0) + t.amount);
  }
  const out: CustomerSummary[] = [];
  for (const [customerId, days] of byCustomer) {
    const sorted = [...days.keys()].sort((u, v) => u - v);
    const first = sorted[0];
    if (first > options.calibrationEnd) continue;
    let last = first;
    let repeats = 0;
    let repeatAmount = 0;
    let holdout = 0;
    for (let k = 1; k < sorted.length; k++) {
      const d = sorted[k];
      if (d <= options.calibrationEnd) {
        repeats++;
        repeatAmount += days.get(d)!;
        last = d;
      } else if (options.holdoutEnd !== undefined && d <= options.holdoutEnd) {
        holdout++;
      }
    }
    const summary: CustomerSummary = {
      customerId,
      firstDay: first,
      frequency: repeats,
      recency: round((last - first) / unit),
      T: round((options.calibrationEnd - first) / unit),
      monetary: repeats > 0 ? round(repeatAmount / repeats) : 0,
    };
    if (options.holdoutEnd !== undefined) {
      summary.holdoutFrequency = holdout;
      summary.holdoutDuration = (options.holdoutEnd - options.calibrationEnd) / unit;
    }
    out.push(summary);
  }
  out.sort((u, v) =>
    typeof u.customerId === "number" && typeof v.customerId === "number"
      ? u.customerId - v.customerId
      : String(u.customerId).localeCompare(String(v.customerId)),
  );
  return out;
}

/** Column view of summaries, as the model functions take them. */
export function summaryColumns(rows: readonly CustomerSummary[]) {
  const n = rows.length;
  const frequency = new Float64Array(n);
  const recency = new Float64Array(n);
  const T = new Float64Array(n);
  const monetary = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    frequency[i] = rows[i].frequency;
    recency[i] = rows[i].recency;
    T[i] = rows[i].T;
    monetary[i] = rows[i].monetary;
  }
  return { frequency, recency, T, monetary };
}
