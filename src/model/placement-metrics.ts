// What a placement proposal does for the demand, whatever the objective that produced it: the share
// of demand weight within the radius of an open site, and the weighted mean and 90th-percentile
// distance from demand to its nearest open site (existing structures and proposed sites alike).
// Planar km, Euclidean, as in placement.ts. Pure: no DOM, no imports beyond types.
import type {Demand} from "./placement.js";

export interface DemandMetrics {
  /** Σ weight of the demand points (the caller leaves unknown demand out and reports it apart). */
  totalWeight: number;
  /** Σ weight within radiusKm (inclusive) of an open site. */
  coveredWeight: number;
  /** coveredWeight / totalWeight; null when there is no demand. */
  coverage: number | null;
  /** Σ weight·distance / Σ weight; null when there is no demand or no open site. */
  meanKm: number | null;
  /** The smallest distance d such that at least 90 % of the demand weight is within d of an open
   * site; null when there is no demand or no open site. */
  p90Km: number | null;
}

/** Distance from each demand point to the nearest of `sites` (Infinity when there is none). */
export function nearestDistances(demand: readonly {x: number; y: number}[], sites: readonly {x: number; y: number}[]): Float64Array {
  const out = new Float64Array(demand.length).fill(Infinity);
  for (let j = 0; j < demand.length; j++) {
    const {x, y} = demand[j];
    let best = Infinity;
    for (const s of sites) {
      const d2 = (s.x - x) ** 2 + (s.y - y) ** 2;
      if (d2 < best) best = d2;
    }
    out[j] = Math.sqrt(best);
  }
  return out;
}

/** Coverage, mean and 90th-percentile distance of the demand, given each point's nearest-site distance. */
export function demandMetrics(demand: readonly Demand[], distances: Float64Array, radiusKm: number): DemandMetrics {
  let total = 0;
  let covered = 0;
  let weighted = 0;
  for (let j = 0; j < demand.length; j++) {
    const w = demand[j].weight;
    total += w;
    if (distances[j] <= radiusKm) covered += w;
    if (w > 0) weighted += w * distances[j];
  }
  if (!(total > 0)) return {totalWeight: total, coveredWeight: covered, coverage: null, meanKm: null, p90Km: null};
  if (!Number.isFinite(weighted)) return {totalWeight: total, coveredWeight: covered, coverage: covered / total, meanKm: null, p90Km: null};
  const order = Array.from(demand.keys()).sort((a, b) => distances[a] - distances[b] || a - b);
  let cumulative = 0;
  let p90 = 0;
  for (const j of order) {
    cumulative += demand[j].weight;
    p90 = distances[j];
    // a relative tolerance so that 0.9 × total reached exactly is not missed by rounding
    if (cumulative >= 0.9 * total * (1 - 1e-12)) break;
  }
  return {totalWeight: total, coveredWeight: covered, coverage: covered / total, meanKm: weighted / total, p90Km: p90};
}
