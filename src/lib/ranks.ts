// Rank statistics, no DOM, no domain: average ranks with ties, Spearman's rank correlation.

/** 1-based ranks in ascending order; tied values share the mean of the ranks they span ("1, 2.5, 2.5, 4"). NaN stays NaN. */
export function averageRanks(values: ArrayLike<number>): Float64Array {
  const out = new Float64Array(values.length).fill(NaN);
  const order: number[] = [];
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) order.push(i);
  order.sort((a, b) => values[a] - values[b]);
  for (let start = 0; start < order.length; ) {
    let end = start + 1;
    while (end < order.length && values[order[end]] === values[order[start]]) end++;
    const rank = (start + 1 + end) / 2; // mean of start+1 … end
    for (let k = start; k < end; k++) out[order[k]] = rank;
    start = end;
  }
  return out;
}

/**
 * Spearman's rank correlation on the pairs where both values are numbers: the Pearson correlation
 * of their average ranks (ranked among those pairs), which handles ties. NaN with fewer than 2
 * pairs or when one side is constant.
 */
export function spearman(a: ArrayLike<number>, b: ArrayLike<number>): {n: number; rho: number} {
  if (a.length !== b.length) throw new Error(`Séries de longueurs différentes : ${a.length} et ${b.length}.`);
  const keep: number[] = [];
  for (let i = 0; i < a.length; i++) if (!Number.isNaN(a[i]) && !Number.isNaN(b[i])) keep.push(i);
  const n = keep.length;
  if (n < 2) return {n, rho: NaN};
  const ra = averageRanks(keep.map((i) => a[i]));
  const rb = averageRanks(keep.map((i) => b[i]));
  const mean = (n + 1) / 2; // mean of average ranks is always (n + 1) / 2
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let k = 0; k < n; k++) {
    const x = ra[k] - mean;
    const y = rb[k] - mean;
    sab += x * y;
    saa += x * x;
    sbb += y * y;
  }
  return {n, rho: saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : NaN};
}
