// The p-median problem (Hakimi 1964; ReVelle & Swain 1970) with existing sites fixed as open:
// choose k new sites among the candidates minimising the demand-weighted distance
//   cost(S) = Σ_j w_j · min(e_j, min_{i ∈ S} d_ij),
// where e_j is the distance from demand j to its nearest existing site (∞ when there is none).
// Planar km, Euclidean, as in placement.ts. Opening a site never raises the cost, so "at most k"
// and "exactly k" have the same optimum.
//
// Method:
// - exhaustive: when C(m, k) ≤ exhaustiveLimit, every k-subset is evaluated (depth-first, the
//   running minimum distance kept per depth): the exact optimum, method "exhaustive";
// - otherwise a heuristic: greedy addition (each step the candidate that lowers the cost most),
//   then vertex substitution (Teitz & Bart 1968) — swap one chosen site for one candidate while the
//   best swap lowers the cost — evaluated in O(m·n) per pass with the gain/loss decomposition of
//   Whitaker (1983) and Resende & Werneck (2007): with d1_j the distance to the nearest open site,
//   d2_j the distance once that site is removed, and s the site removed, c the site added,
//     Δ(c, s) = −Σ_j w_j·max(0, d1_j − d_cj) + Σ_{j: nearest(j) = s, d_cj ≥ d1_j} w_j·(min(d2_j, d_cj) − d1_j).
// - a lower bound by Lagrangian relaxation of the assignment constraints (Cornuéjols, Fisher &
//   Nemhauser 1977): for any multipliers λ,
//     L(λ) = Σ_j λ_j + Σ_j min(0, w_j·e_j − λ_j) + (sum of the k smallest ρ_i),  ρ_i = Σ_j min(0, w_j·d_ij − λ_j)
//   is ≤ the optimum (assigning j to an existing site costs w_j·e_j and needs no new site); λ is
//   improved by subgradient steps (Held, Wolfe & Crowder 1974). `optimal` when the heuristic's
//   cost reaches the bound within 1e-9 relative. (Up to floating-point rounding of the sums.)
//
// Determinism: ties go to the smaller code (string code-unit order), then the input index; no
// clock, no randomness. Demand of weight 0 never changes the cost and is left out of the sums.
import {buildGrid, queryGrid, type Candidate, type Demand, type Existing} from "./placement.js";

export interface PMedianOptions {
  /** Number of new sites, integer ≥ 0. */
  k: number;
  existing?: Existing[];
  /** "auto" (default): exhaustive when C(m, k) ≤ exhaustiveLimit, else heuristic with a bound. */
  method?: "auto" | "heuristic" | "exhaustive";
  /** Largest number of subsets "auto" enumerates (default 20,000). */
  exhaustiveLimit?: number;
  /** Subgradient iterations of the lower bound (default 100). */
  boundIterations?: number;
}

export interface PMedianPick {
  code: string;
  /** Cost saved when added, in the order listed (greedy order within the final set); Infinity for
   * the first pick when nothing was open before. */
  saving: number;
}

export interface PMedianResult {
  picks: PMedianPick[];
  /** Σ w·distance to the nearest open site (existing and new); Infinity when nothing is open. */
  cost: number;
  /** The same with the existing sites only. */
  costBefore: number;
  /** Proven lower bound on the best cost for this k (= cost when exhaustive). */
  lowerBound: number;
  optimal: boolean;
  method: "heuristic" | "exhaustive";
}

export const DEFAULT_PMEDIAN_EXHAUSTIVE_LIMIT = 20_000;
const REL = 1e-12;

function binomial(m: number, k: number, cap: number): number {
  let c = 1;
  for (let j = 1; j <= k; j++) {
    c = (c * (m - k + j)) / j;
    if (c > cap) return Infinity;
  }
  return Math.round(c);
}

interface Instance {
  n: number;
  m: number;
  w: Float64Array;
  /** Candidate-major distances: d[i * n + j]. */
  d: Float64Array;
  /** Nearest existing site per demand point (Infinity when none). */
  e: Float64Array;
  candidates: Candidate[];
  /** The demand points kept (weight > 0), in the order of w. */
  points: Demand[];
  order: Int32Array; // candidate indices by code, then index
}

function costOf(inst: Instance, set: number[]): number {
  const {n, w, d, e} = inst;
  let cost = 0;
  for (let j = 0; j < n; j++) {
    let best = e[j];
    for (const i of set) if (d[i * n + j] < best) best = d[i * n + j];
    cost += w[j] * best;
  }
  return cost;
}

/** Greedy order within a set, with the marginal saving of each pick. */
function orderBySaving(inst: Instance, set: number[]): PMedianPick[] {
  const {n, w, d} = inst;
  const cur = Float64Array.from(inst.e);
  const remaining = [...set].sort((a, b) => rank(inst, a) - rank(inst, b));
  const picks: PMedianPick[] = [];
  while (remaining.length) {
    let bestAt = 0;
    let bestSaving = -1;
    for (let r = 0; r < remaining.length; r++) {
      const i = remaining[r];
      let s = 0;
      for (let j = 0; j < n; j++) if (d[i * n + j] < cur[j]) s += Number.isFinite(cur[j]) ? w[j] * (cur[j] - d[i * n + j]) : Infinity;
      if (s > bestSaving * (1 + REL) || bestSaving < 0) {
        bestSaving = s;
        bestAt = r;
      }
    }
    const i = remaining.splice(bestAt, 1)[0];
    for (let j = 0; j < n; j++) if (d[i * n + j] < cur[j]) cur[j] = d[i * n + j];
    picks.push({code: inst.candidates[i].code, saving: bestSaving});
  }
  return picks;
}

const rankCache = new WeakMap<Instance, Int32Array>();
function rank(inst: Instance, i: number): number {
  let r = rankCache.get(inst);
  if (!r) {
    r = new Int32Array(inst.m);
    inst.order.forEach((c, position) => (r![c] = position));
    rankCache.set(inst, r);
  }
  return r[i];
}

function greedy(inst: Instance, k: number): number[] {
  const {n, m, w, d, order} = inst;
  const cur = Float64Array.from(inst.e);
  const chosen = new Uint8Array(m);
  const set: number[] = [];
  for (let t = 0; t < Math.min(k, m); t++) {
    let best = -1;
    let bestCost = Infinity;
    for (const i of order) {
      if (chosen[i]) continue;
      let cost = 0;
      const row = i * n;
      for (let j = 0; j < n; j++) cost += w[j] * (d[row + j] < cur[j] ? d[row + j] : cur[j]);
      if (best < 0 || cost < bestCost - REL * Math.abs(bestCost)) {
        best = i;
        bestCost = cost;
      }
    }
    chosen[best] = 1;
    set.push(best);
    for (let j = 0; j < n; j++) if (d[best * n + j] < cur[j]) cur[j] = d[best * n + j];
  }
  return set;
}

/** Vertex substitution until no swap lowers the cost (bounded by maxPasses). */
function interchange(inst: Instance, start: number[], maxPasses = 200): number[] {
  const {n, m, w, d, e, order} = inst;
  const set = [...start];
  const k = set.length;
  if (k === 0 || k >= m) return set;
  const inSet = new Uint8Array(m);
  for (const i of set) inSet[i] = 1;
  const d1 = new Float64Array(n);
  const d2 = new Float64Array(n);
  const near = new Int32Array(n); // position in `set` of the nearest open site, -1 if existing
  const loss = new Float64Array(k);
  let cost = costOf(inst, set);
  for (let pass = 0; pass < maxPasses; pass++) {
    for (let j = 0; j < n; j++) {
      let a = e[j], b = Infinity, at = -1; // nearest and second nearest among open sites (existing: e only)
      for (let s = 0; s < k; s++) {
        const v = d[set[s] * n + j];
        if (v < a) {
          b = a;
          a = v;
          at = s;
        } else if (v < b) b = v;
      }
      d1[j] = a;
      near[j] = at;
      d2[j] = at < 0 ? a : Math.min(b, e[j]);
    }
    let bestDelta = 0;
    let bestAdd = -1;
    let bestRemove = -1;
    for (const c of order) {
      if (inSet[c]) continue;
      const row = c * n;
      let gain = 0;
      loss.fill(0);
      for (let j = 0; j < n; j++) {
        const dc = d[row + j];
        if (dc < d1[j]) gain += w[j] * (d1[j] - dc);
        else if (near[j] >= 0) loss[near[j]] += w[j] * ((dc < d2[j] ? dc : d2[j]) - d1[j]);
      }
      for (let s = 0; s < k; s++) {
        const delta = loss[s] - gain;
        if (delta < bestDelta - REL * Math.abs(cost)) {
          bestDelta = delta;
          bestAdd = c;
          bestRemove = s;
        }
      }
    }
    if (bestAdd < 0) break;
    inSet[set[bestRemove]] = 0;
    inSet[bestAdd] = 1;
    set[bestRemove] = bestAdd;
    cost = costOf(inst, set); // recomputed, so rounding never accumulates across passes
  }
  return set;
}

/** Exact optimum by enumeration of the k-subsets (candidates in code order; the first optimum kept). */
function exhaustive(inst: Instance, k: number): number[] {
  const {n, m, w, d, order} = inst;
  const kk = Math.min(k, m);
  const levels = Array.from({length: kk + 1}, (_, t) => (t === 0 ? Float64Array.from(inst.e) : new Float64Array(n)));
  const chosen = new Int32Array(kk);
  let best = Infinity;
  let bestSet: number[] = [];
  const dfs = (from: number, depth: number) => {
    if (depth === kk) {
      const cur = levels[depth];
      let cost = 0;
      for (let j = 0; j < n; j++) cost += w[j] * cur[j];
      if (cost < best - REL * Math.abs(best) || bestSet.length === 0) {
        best = cost;
        bestSet = Array.from(chosen);
      }
      return;
    }
    for (let t = from; t <= m - (kk - depth); t++) {
      const i = order[t];
      const prev = levels[depth];
      const next = levels[depth + 1];
      const row = i * n;
      for (let j = 0; j < n; j++) next[j] = d[row + j] < prev[j] ? d[row + j] : prev[j];
      chosen[depth] = i;
      dfs(t + 1, depth + 1);
    }
  };
  dfs(0, 0);
  return bestSet;
}

/** The `k` entries of values[] with the smallest values among idx[0..count), ascending (ties: smaller index). */
export function smallest(values: Float64Array, idx: number[], count: number, k: number): number[] {
  const out: number[] = [];
  const before = (a: number, b: number) => values[a] < values[b] || (values[a] === values[b] && a < b);
  for (let t = 0; t < count; t++) {
    const i = idx[t];
    if (out.length === k && !before(i, out[k - 1])) continue;
    if (out.length === k) out.pop();
    let at = out.length;
    out.push(i);
    while (at > 0 && before(i, out[at - 1])) {
      out[at] = out[at - 1];
      at--;
    }
    out[at] = i;
  }
  return out;
}

/**
 * Lagrangian lower bound, subgradient optimisation from the heuristic's assignment costs. Only the
 * pairs with w_j·d_ij < λ_j contribute to ρ_i, i.e. the candidates within λ_j / w_j of demand j:
 * they are found through the candidates' grid (placement.ts), so an iteration costs the number of
 * such pairs, not n·m.
 */
function lowerBound(inst: Instance, k: number, upper: number, set: number[], iterations: number): number {
  const {n, m, w, d, e, candidates, points} = inst;
  if (k >= m) return upper; // every candidate open: the heuristic's set is the only one
  const lambda = new Float64Array(n);
  const start = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    let best = e[j];
    for (const i of set) if (d[i * n + j] < best) best = d[i * n + j];
    lambda[j] = w[j] * best;
    start[j] = best;
  }
  const typical = Float64Array.from(start).sort()[n >> 1];
  const grid = buildGrid(candidates, Number.isFinite(typical) && typical > 0 ? typical : 1, "candidate");
  const buffer = new Int32Array(m);
  const c0 = new Float64Array(n);
  for (let j = 0; j < n; j++) c0[j] = Number.isFinite(e[j]) ? w[j] * e[j] : Infinity;
  const rho = new Float64Array(m);
  const idx = new Array<number>(m).fill(0);
  const g = new Float64Array(n);
  let bestBound = -Infinity;
  let theta = 2;
  let stall = 0;
  for (let it = 0; it < iterations; it++) {
    let bound = 0;
    for (let j = 0; j < n; j++) bound += lambda[j] + (c0[j] < lambda[j] ? c0[j] - lambda[j] : 0);
    rho.fill(0);
    let touched = 0;
    for (let j = 0; j < n; j++) {
      if (!(lambda[j] > 0)) continue;
      const found = queryGrid(grid, points[j].x, points[j].y, lambda[j] / w[j], buffer);
      for (let t = 0; t < found; t++) {
        const i = buffer[t];
        const v = w[j] * d[i * n + j] - lambda[j];
        if (v < 0) {
          if (rho[i] === 0) idx[touched++] = i;
          rho[i] += v;
        }
      }
    }
    // the k most negative ρ; the untouched candidates have ρ = 0 and add nothing (ties by index:
    // any choice gives the same bound)
    const chosen = smallest(rho, idx, touched, k);
    for (const i of chosen) bound += rho[i];
    if (!Number.isFinite(bound)) break;
    if (bestBound === -Infinity || bound > bestBound + REL * Math.abs(bestBound)) {
      bestBound = bound;
      stall = 0;
    } else if (++stall >= 5) {
      theta /= 2;
      stall = 0;
    }
    if (upper - bestBound <= 1e-9 * Math.abs(upper)) break;
    // subgradient: 1 − (assigned to an existing site) − (number of chosen new sites j is assigned to)
    let norm = 0;
    for (let j = 0; j < n; j++) g[j] = 1 - (c0[j] < lambda[j] ? 1 : 0);
    for (const i of chosen) {
      const row = i * n;
      for (let j = 0; j < n; j++) if (w[j] * d[row + j] < lambda[j]) g[j] -= 1;
    }
    for (let j = 0; j < n; j++) norm += g[j] * g[j];
    if (norm === 0) break; // the relaxed solution is feasible: its bound is the optimum
    const step = (theta * (upper - bound)) / norm;
    for (let j = 0; j < n; j++) lambda[j] = Math.max(0, lambda[j] + step * g[j]); // any λ gives a valid bound; λ ≥ 0 loses nothing (a negative λ_j only lowers L)
  }
  return Math.min(bestBound, upper);
}

/**
 * Choose k new sites minimising the demand-weighted distance, existing sites fixed as open.
 * Throws RangeError on invalid input (k not an integer ≥ 0, negative or non-finite weight,
 * non-finite coordinates).
 */
export function pMedian(demand: Demand[], candidates: Candidate[], options: PMedianOptions): PMedianResult {
  const {k, existing = [], method = "auto", exhaustiveLimit = DEFAULT_PMEDIAN_EXHAUSTIVE_LIMIT, boundIterations = 100} = options;
  if (!(Number.isInteger(k) && k >= 0)) throw new RangeError(`k must be an integer ≥ 0, got ${k}`);
  for (const p of [...demand, ...candidates, ...existing]) {
    if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) throw new RangeError(`non-finite coordinates (${p.x}, ${p.y})`);
  }
  for (const p of demand) if (!(Number.isFinite(p.weight) && p.weight >= 0)) throw new RangeError(`demand ${p.code}: weight must be finite and ≥ 0, got ${p.weight}`);
  const kept = demand.filter((p) => p.weight > 0);
  const n = kept.length;
  const m = candidates.length;
  const w = Float64Array.from(kept, (p) => p.weight);
  const d = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    const c = candidates[i];
    for (let j = 0; j < n; j++) d[i * n + j] = Math.sqrt((c.x - kept[j].x) ** 2 + (c.y - kept[j].y) ** 2);
  }
  const e = new Float64Array(n).fill(Infinity);
  for (let j = 0; j < n; j++) for (const s of existing) e[j] = Math.min(e[j], Math.sqrt((s.x - kept[j].x) ** 2 + (s.y - kept[j].y) ** 2));
  const order = Int32Array.from(
    Array.from(candidates.keys()).sort((a, b) => (candidates[a].code < candidates[b].code ? -1 : candidates[a].code > candidates[b].code ? 1 : a - b))
  );
  const inst: Instance = {n, m, w, d, e, candidates, points: kept, order};
  let costBefore = 0;
  for (let j = 0; j < n; j++) costBefore += w[j] * e[j];
  if (n === 0) costBefore = 0;

  const kk = Math.min(k, m);
  const useExhaustive = method === "exhaustive" || (method === "auto" && binomial(m, kk, exhaustiveLimit) <= exhaustiveLimit);
  if (useExhaustive) {
    const set = exhaustive(inst, kk);
    const cost = n === 0 ? 0 : costOf(inst, set);
    return {picks: orderBySaving(inst, set), cost, costBefore, lowerBound: cost, optimal: true, method: "exhaustive"};
  }
  const set = interchange(inst, greedy(inst, kk));
  const cost = n === 0 ? 0 : costOf(inst, set);
  const bound = n === 0 ? 0 : lowerBound(inst, kk, cost, set, boundIterations);
  return {picks: orderBySaving(inst, set), cost, costBefore, lowerBound: bound, optimal: cost <= bound * (1 + 1e-9), method: "heuristic"};
}
