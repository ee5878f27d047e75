// Adjusted Rand index (Hubert & Arabie 1985): agreement between two
// partitions of the same items, corrected for chance — 1 for identical
// partitions (whatever the label numbers), about 0 for independent ones.
// Used to test that k-means recovers planted clusters and to measure how
// stable clusters are from one month to the next.
//
//   ARI = (Σᵢⱼ C(nᵢⱼ,2) − E) / (½(Σᵢ C(aᵢ,2) + Σⱼ C(bⱼ,2)) − E),
//   E = Σᵢ C(aᵢ,2) · Σⱼ C(bⱼ,2) / C(n,2)
//
// over the contingency table nᵢⱼ with row sums aᵢ and column sums bⱼ. When
// both partitions are trivial in the same way (all one cluster, or all
// singletons) the denominator is 0 and the index is 1 (as scikit-learn).

const pairs = (m: number) => (m * (m - 1)) / 2;

export function adjustedRandIndex(a: ArrayLike<number | string>, b: ArrayLike<number | string>): number {
  const n = a.length;
  if (b.length !== n) throw new RangeError(`partitions of ${n} and ${b.length} items`);
  const rowIds = new Map<number | string, number>();
  const colIds = new Map<number | string, number>();
  const rowOf = new Int32Array(n);
  const colOf = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let r = rowIds.get(a[i]);
    if (r === undefined) rowIds.set(a[i], (r = rowIds.size));
    let c = colIds.get(b[i]);
    if (c === undefined) colIds.set(b[i], (c = colIds.size));
    rowOf[i] = r;
    colOf[i] = c;
  }
  const R = rowIds.size;
  const C = colIds.size;
  const cells = new Map<number, number>();
  const rows = new Float64Array(R);
  const cols = new Float64Array(C);
  for (let i = 0; i < n; i++) {
    const key = rowOf[i] * C + colOf[i];
    cells.set(key, (cells.get(key) ?? 0) + 1);
    rows[rowOf[i]]++;
    cols[colOf[i]]++;
  }
  let index = 0;
  for (const v of cells.values()) index += pairs(v);
  let sumRows = 0;
  for (const v of rows) sumRows += pairs(v);
  let sumCols = 0;
  for (const v of cols) sumCols += pairs(v);
  const total = pairs(n);
  if (total === 0) return 1;
  const expected = (sumRows * sumCols) / total;
  const max = (sumRows + sumCols) / 2;
  if (max === expected) return 1;
  return (index - expected) / (max - expected);
}
