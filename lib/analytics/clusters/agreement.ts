// How far two clusterings of the same points agree, whatever their cluster
// numbers: the share of points in the same cluster under the best one-to-one
// matching of the two sets of labels (every matching tried: k ≤ 8 here, 40,320
// at most). verify:cdnow compares the big-tenant shortcut (k-means on a sample)
// with k-means on everyone this way.

/** Share of points whose labels agree under the best matching of a's clusters to b's (labels 0..k−1, the same k). */
export function labelAgreement(a: ArrayLike<number>, b: ArrayLike<number>, k: number): number {
  if (a.length !== b.length) throw new RangeError(`${a.length} labels against ${b.length}`);
  if (!Number.isInteger(k) || k < 1 || k > 8) throw new RangeError(`k must be 1..8, got ${k}`);
  const n = a.length;
  if (n === 0) return 1;
  const counts = new Float64Array(k * k);
  for (let i = 0; i < n; i++) {
    const [u, v] = [a[i]!, b[i]!];
    if (!(Number.isInteger(u) && u >= 0 && u < k && Number.isInteger(v) && v >= 0 && v < k)) throw new RangeError(`point ${i}: labels ${u}, ${v} not in 0..${k - 1}`);
    counts[u * k + v]!++;
  }
  let best = 0;
  const used = new Array<boolean>(k).fill(false);
  const search = (u: number, sum: number) => {
    if (u === k) {
      best = Math.max(best, sum);
      return;
    }
    for (let v = 0; v < k; v++) {
      if (used[v]) continue;
      used[v] = true;
      search(u + 1, sum + counts[u * k + v]!);
      used[v] = false;
    }
  };
  search(0, 0);
  return best / n;
}
