// The models' input for a scoring run (lib/analytics/scoring/run.ts), read in one
// pass over the day's staged order aggregates (lib/analytics/features/compute.ts:
// scoring_order_features, live customers with a purchase — the rows
// customer_features gets): each customer's x, t_x and T in days and, for repeat
// buyers, the mean spend per repeat purchase day z̄ (Gamma-Gamma's input: what was
// paid after the first day). Node then counts the distinct (x, t_x, T) triplets
// the BG/NBD is fitted on and takes the median repeat interval. One COPY of a
// million rows costs the database less than three passes (a GROUP BY into the
// triplets, the repeat buyers, and a sort for the median: 4.7 s on the 1M bench).
//
// The same read carries what the run's other Node work needs of every customer
// (CustomerValues): F and M as the settings say and the total paid in cents, for
// the R/F/M cuts (rfm/cuts.ts) and the clusters (clusters-input.ts), and, when the
// clusters are fitted on a sample, each customer's place in it (sampleKey). R is
// T − t_x (as_of − last purchase), the tenure T.
import type pg from "pg";
import { stagedFeature } from "@/lib/analytics/features/compute";
import { copyNumbers } from "@/lib/analytics/scoring/copy-numbers";
import { medianRepeatInterval } from "@/lib/analytics/models/churn-risk";
import type { RepeatSpend, Triplets } from "@/lib/analytics/scoring/model";

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Every customer's numbers, in one order: x, t_x, T and R (T − t_x) in days, F and M as the settings say (M and the total in cents). */
export type CustomerValues = {
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  recency: Float64Array;
  frequency: Float64Array;
  monetaryCents: Float64Array;
  totalCents: Float64Array;
  /** sampleKey(customer_id, seed) when a sample seed was asked for */
  sampleKey: Float64Array | null;
};

export type ModelInput = { trip: Triplets; spend: RepeatSpend; median: number | null; values: CustomerValues };

/**
 * A customer's place in a seeded sample (SQL over a uuid column `id`): the
 * sample is the customers with the smallest keys (ties by their features:
 * clusters-sample.ts and clusters-input.ts take the same customers). The 64-bit
 * hash shifted to 53 bits, so Node reads it exactly as a double.
 */
export const sampleKey = (id: string, seed: number) => {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer (got ${seed})`);
  return `(uuid_hash_extended(${id}, ${seed}::bigint) >> 11)`;
};

export async function readModelInput(
  client: pg.PoolClient,
  asOf: string,
  o: { frequency: "purchase_days" | "orders"; monetary: "total" | "mean"; sampleSeed: number | null },
): Promise<ModelInput> {
  if (!DATE.test(asOf)) throw new Error(`asOf must be a date YYYY-MM-DD (got ${asOf})`);
  // customer_features' columns as its INSERT computes them (features/compute.ts).
  const f = stagedFeature(`DATE '${asOf}'`);
  const columns = [
    f.x, f.tx, f.tenure_days, f.zbar, `(${f.total_paid} * 100)::bigint`,
    ...(o.frequency === "orders" ? [f.orders] : []),
    ...(o.monetary === "mean" ? [`(${f.mean_paid} * 100)::bigint`] : []),
    ...(o.sampleSeed !== null ? [sampleKey("b.customer_id", o.sampleSeed)] : []),
  ];
  const read = await copyNumbers(client, `SELECT ${columns.join(", ")} FROM scoring_order_features b`, columns.length);
  const [x, tx, T, z, totalCents] = read as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
  let next = 5;
  const frequency = o.frequency === "orders" ? read[next++]! : x.map((v) => v + 1);
  const monetaryCents = o.monetary === "mean" ? read[next++]! : totalCents;
  const sampleKeys = o.sampleSeed !== null ? read[next++]! : null;
  const trip = countTriplets(x, tx, T);
  return {
    trip,
    spend: repeatSpend(x, z),
    median: medianRepeatInterval({ frequency: trip.x, recency: trip.tx, T: trip.T, weights: trip.w }),
    values: { x, tx, T, recency: T.map((t, i) => t - tx[i]!), frequency, monetaryCents, totalCents, sampleKey: sampleKeys },
  };
}

/** The distinct (x, t_x, T) of whole-day rows and how many rows have each, in order of first appearance. */
export function countTriplets(x: Float64Array, tx: Float64Array, T: Float64Array): Triplets {
  // Keyed by x, then by t_x · 2^26 + T (both whole days, well below 2^26 ≈ 184,000 years).
  const byX = new Map<number, Map<number, number>>();
  const out = { x: [] as number[], tx: [] as number[], T: [] as number[], w: [] as number[] };
  for (let i = 0; i < x.length; i++) {
    if (!(tx[i]! >= 0 && tx[i]! < 2 ** 26 && T[i]! >= 0 && T[i]! < 2 ** 26)) throw new RangeError(`a purchase history of ${tx[i]} / ${T[i]} days is out of range`);
    let inner = byX.get(x[i]!);
    if (!inner) byX.set(x[i]!, (inner = new Map()));
    const key = tx[i]! * 2 ** 26 + T[i]!;
    const at = inner.get(key);
    if (at === undefined) {
      inner.set(key, out.x.length);
      out.x.push(x[i]!);
      out.tx.push(tx[i]!);
      out.T.push(T[i]!);
      out.w.push(1);
    } else out.w[at]!++;
  }
  return { x: Float64Array.from(out.x), tx: Float64Array.from(out.tx), T: Float64Array.from(out.T), w: Float64Array.from(out.w) };
}

/** The repeat buyers' (x, z̄). */
function repeatSpend(x: Float64Array, z: Float64Array): RepeatSpend {
  let n = 0;
  for (let i = 0; i < x.length; i++) if (x[i]! > 0) n++;
  const sx = new Float64Array(n);
  const sz = new Float64Array(n);
  for (let i = 0, k = 0; i < x.length; i++) {
    if (x[i]! > 0) {
      sx[k] = x[i]!;
      sz[k++] = z[i]!;
    }
  }
  return { x: sx, z: sz };
}
