/** Pearson's correlation of two equally long series; null when either has no variance. */
export function pearson(u: ArrayLike<number>, v: ArrayLike<number>): number | null {
  const n = Math.min(u.length, v.length);
  if (n < 2) return null;
  let mu = 0;
  let mv = 0;
  for (let i = 0; i < n; i++) {
    mu += u[i]!;
    mv += v[i]!;
  }
  mu /= n;
  mv /= n;
  let suv = 0;
  let suu = 0;
  let svv = 0;
  for (let i = 0; i < n; i++) {
    suv += (u[i]! - mu) * (v[i]! - mv);
    suu += (u[i]! - mu) ** 2;
    svv += (v[i]! - mv) ** 2;
  }
  return suu > 0 && svv > 0 ? suv / Math.sqrt(suu * svv) : null;
}
