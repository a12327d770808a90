// Where to open k new support sites ("Fabriques à initiatives", couveuses): the maximal covering
// location problem (MCLP, Church & ReVelle 1974). Given demand points weighted by the population in
// need, candidate sites and a radius R, choose at most k sites maximising the weight of the demand
// within R of a chosen site. Demand already within R of an existing structure counts as covered
// and brings no gain.
//
// Coordinates are PLANAR KILOMETRES and distance is Euclidean: the caller projects lon/lat first
// (e.g. Lambert-93 metres / 1000, or a local equirectangular projection
// x = 6371·Δλ·cos φ0, y = 6371·Δφ with angles in radians — at the latitude of Paris the error of
// the latter is well under 1 % over the region). "Within R" is inclusive: dx² + dy² ≤ R².
//
// The objective f(S) = weight of the demand covered by S and not by an existing structure is a
// weighted coverage function: monotone and submodular. Hence:
//   - greedy (pick the largest marginal gain, k times) achieves f ≥ (1 − 1/e)·OPT ≈ 0.632·OPT
//     (Nemhauser, Wolsey & Fisher 1978) under the cardinality constraint alone;
//   - with "at most one site per group" (a partition matroid intersected with |S| ≤ k, still a
//     matroid) greedy achieves f ≥ OPT/2 (Fisher, Nemhauser & Wolsey 1978).
// These are worst-case guarantees; the data-dependent bound below is usually far tighter.
//
// Upper bound (the "online bound" of Leskovec et al. 2007, the inequality behind Minoux's 1978
// accelerated greedy), computed at every intermediate
// greedy solution S_i (i = 0..k, S_0 = ∅) with the exact marginal gains δ_c(S_i) = f(S_i ∪ {c}) − f(S_i):
//   B_i = f(S_i) + sum of the k largest values among
//           - without onePerGroup: δ_c(S_i) over all candidates c;
//           - with onePerGroup: M_g = max_{c in group g} δ_c(S_i) over all groups g (candidates
//             without a group are each their own group), groups already used by S_i included.
//   B_∞ = f(V), the weight covered by opening every candidate (beyond existing structures).
//   upperBound = min(B_∞, B_0, …, B_k).
// Proof sketch: let O be any feasible solution (|O| ≤ k, at most one per group if required). By
// monotonicity f(O) ≤ f(S_i ∪ O) ≤ f(V). Adding the elements of O \ S_i to S_i one at a time,
// submodularity makes each increment ≤ its gain with respect to S_i, so
// f(S_i ∪ O) ≤ f(S_i) + Σ_{c ∈ O} δ_c(S_i). O has at most k elements (and, with onePerGroup, at
// most one per group, so δ_c ≤ M_{group(c)} over distinct groups); since every δ ≥ 0, that sum is
// at most the sum of the k largest δ (resp. M). Hence OPT ≤ B_i for every i. (Up to floating-point
// rounding of the sums, ~1e-13 relative.) `optimal` is true when the greedy value reaches the bound
// within 1e-9 relative — then the greedy solution is proven optimal.
//
// Greedy implementation: rather than lazy evaluations (CELF), the exact gain of every candidate
// is maintained incrementally through an inverted index (demand → candidates covering it): when a
// demand point becomes covered its weight is subtracted from the gain of each candidate covering
// it. Total cost O(Σ|cover|) for the whole run, plus O(k·m log m) for the bounds, and the bound
// needs the exact gains of all candidates at every step anyway. A per-candidate count of uncovered
// positive-weight demand makes "gain = 0" exact (no rounding residue).
//
// Exhaustive search: when the number of subsets to enumerate is ≤ `exhaustiveLimit` (default
// 200,000) — C(p, min(k, p)) where p = number of candidates with a positive gain after existing
// structures (a candidate with zero gain never helps), or Σ_{j ≤ min(k,p)} C(p, j) with
// onePerGroup (smaller feasible sets must be considered when groups run out) — every subset is
// evaluated by depth-first search and the exact optimum returned (method "exhaustive"). Picks are
// then listed in greedy order within the optimal set, so that gains are marginal and sum to
// coveredWeight; a site of that set whose marginal gain is 0 is dropped, as the greedy would.
//
// Determinism: ties (gains equal within 1e-12 relative) go to the smaller code (string code-unit
// order, not locale), then to the smaller input index; among optimal sets the exhaustive search
// keeps the first in lexicographic order of codes.
//
// Pure: no DOM, no imports.

export interface Demand {
  code: string;
  x: number;
  y: number;
  /** Population in need, finite and ≥ 0 (the caller filters unknowns out and reports them). */
  weight: number;
}
export interface Candidate {
  code: string;
  x: number;
  y: number;
  /** e.g. the bassin d'emploi, for "at most one site per group". */
  group?: string;
}
export interface Existing {
  x: number;
  y: number;
}
export interface PlacementOptions {
  /** Number of sites to open, integer ≥ 0. */
  k: number;
  /** Coverage radius in km, ≥ 0 (inclusive). */
  radiusKm: number;
  existing?: Existing[];
  /** At most one new site per candidate group (candidates without a group are unrestricted). */
  onePerGroup?: boolean;
  /** "auto" (default): exhaustive when small enough, else greedy. "exhaustive" ignores the limit. */
  method?: "auto" | "greedy" | "exhaustive";
  /** Largest number of subsets the "auto" method enumerates (default 200,000). */
  exhaustiveLimit?: number;
}
export interface Pick {
  code: string;
  /** Marginal covered weight when picked, in pick order. */
  gain: number;
  /** Demand codes newly covered by this site (not by existing structures nor earlier picks). */
  covered: string[];
}
export interface PlacementResult {
  /** In pick order; fewer than k when no candidate (allowed by the groups) has a positive gain. */
  picks: Pick[];
  /** Covered by the new sites only (beyond existing structures) = Σ picks[].gain. */
  coveredWeight: number;
  /** Covered by existing structures. */
  alreadyCovered: number;
  totalWeight: number;
  /** Proven upper bound on the best achievable coveredWeight for this k (see the header). */
  upperBound: number;
  /** coveredWeight ≥ upperBound·(1 − 1e-9), or proven by exhaustive search. */
  optimal: boolean;
  method: "greedy" | "exhaustive";
  ms?: number;
}

export const DEFAULT_EXHAUSTIVE_LIMIT = 200_000;
const TIE = 1e-12;
const OPTIMAL_TOLERANCE = 1e-9;

// ---------------------------------------------------------------------------------------------
// Coverage. A uniform grid over the SITES (candidates, or existing structures), cell side R/CELLS_PER_R,
// cells stored row-major with their points' coordinates copied in that order; each demand point,
// taken in ascending order, scans row by row only the run of cells meeting its disc (one contiguous
// slice per row), so a small constant multiple of the points in the disc are tested instead of all
// m, with no square root per pair. Querying from the demand side yields the inverted index (demand → sites)
// directly, and its transpose (site → demand) comes out in ascending demand order without sorting.
// The number of cells is capped at ~4m (the side doubles until it fits), so a tiny R over a wide
// area does not allocate a huge grid.

const CELLS_PER_R = 2;

export interface Grid {
  n: number;
  minX: number;
  minY: number;
  cell: number;
  nx: number;
  ny: number;
  start: Int32Array; // cell c holds the slots start[c] .. start[c + 1] - 1, cells row-major
  id: Int32Array; // point index of each slot (ascending within a cell)
  gx: Float64Array; // coordinates of each slot
  gy: Float64Array;
}

function checkPoint(p: {x: number; y: number}, what: string): void {
  if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) throw new RangeError(`${what}: non-finite coordinates (${p.x}, ${p.y})`);
}

function checkRadius(r: number): void {
  if (!(Number.isFinite(r) && r >= 0)) throw new RangeError(`radiusKm must be finite and ≥ 0, got ${r}`);
}

export function buildGrid(points: readonly {x: number; y: number; code?: string}[], r: number, what: string): Grid {
  const n = points.length;
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    const p = points[i];
    checkPoint(p, `${what} ${p.code ?? i}`);
    if (p.x < minX) minX = p.x;
    if (p.x > maxX) maxX = p.x;
    if (p.y < minY) minY = p.y;
    if (p.y > maxY) maxY = p.y;
  }
  if (n === 0) {
    return {n, minX: 0, minY: 0, cell: 1, nx: 0, ny: 0, start: new Int32Array(1), id: new Int32Array(0), gx: new Float64Array(0), gy: new Float64Array(0)};
  }
  const w = maxX - minX;
  const h = maxY - minY;
  let cell = r > 0 ? r / CELLS_PER_R : Math.max(w, h) / Math.ceil(Math.sqrt(n));
  if (!(cell > 0)) cell = 1;
  const maxCells = 4 * n + 64;
  let nx = Math.floor(w / cell) + 1;
  let ny = Math.floor(h / cell) + 1;
  while (nx * ny > maxCells) {
    cell *= 2;
    nx = Math.floor(w / cell) + 1;
    ny = Math.floor(h / cell) + 1;
  }
  const cellOf = new Int32Array(n);
  const start = new Int32Array(nx * ny + 1);
  for (let i = 0; i < n; i++) {
    const cx = Math.min(nx - 1, Math.floor((points[i].x - minX) / cell));
    const cy = Math.min(ny - 1, Math.floor((points[i].y - minY) / cell));
    const c = cy * nx + cx;
    cellOf[i] = c;
    start[c + 1]++;
  }
  for (let c = 0; c < nx * ny; c++) start[c + 1] += start[c];
  const fill = start.slice(0, nx * ny);
  const id = new Int32Array(n);
  const gx = new Float64Array(n);
  const gy = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const slot = fill[cellOf[i]]++; // stable: ascending within a cell
    id[slot] = i;
    gx[slot] = points[i].x;
    gy[slot] = points[i].y;
  }
  return {n, minX, minY, cell, nx, ny, start, id, gx, gy};
}

/**
 * Writes into `buffer` (room for g.n) the indices of the grid points with dx² + dy² ≤ r², in grid
 * order — a fixed total order (cell row, cell column, index) — and returns their number.
 */
export function queryGrid(g: Grid, qx: number, qy: number, r: number, buffer: Int32Array): number {
  if (g.n === 0) return 0;
  const r2 = r * r;
  // a hair wider than r so that rounding never drops a boundary cell
  const reach = r * (1 + 1e-9) + 1e-9;
  const {start, id, gx, gy, nx, cell, minX, minY} = g;
  const y0 = Math.max(0, Math.floor((qy - reach - minY) / cell));
  const y1 = Math.min(g.ny - 1, Math.floor((qy + reach - minY) / cell));
  let count = 0;
  for (let cy = y0; cy <= y1; cy++) {
    // half-width of the disc over this row of cells
    const low = minY + cy * cell;
    const gap = qy < low ? low - qy : qy > low + cell ? qy - low - cell : 0;
    const half = Math.sqrt(Math.max(0, reach * reach - gap * gap)) * (1 + 1e-12) + 1e-12;
    const x0 = Math.max(0, Math.floor((qx - half - minX) / cell));
    const x1 = Math.min(nx - 1, Math.floor((qx + half - minX) / cell));
    if (x0 > x1) continue;
    for (let t = start[cy * nx + x0], end = start[cy * nx + x1 + 1]; t < end; t++) {
      const dx = gx[t] - qx;
      const dy = gy[t] - qy;
      if (dx * dx + dy * dy <= r2) buffer[count++] = id[t];
    }
  }
  return count;
}

interface Coverage {
  /** Candidate c covers demand items[start[c] .. start[c + 1]), ascending. */
  start: Int32Array;
  items: Int32Array;
  /** Demand j is covered by candidates inv[invStart[j] .. invStart[j + 1]). */
  invStart: Int32Array;
  inv: Int32Array;
}

function coverage(demand: readonly Demand[], candidates: readonly Candidate[], r: number): Coverage {
  checkRadius(r);
  const n = demand.length;
  const m = candidates.length;
  const grid = buildGrid(candidates, r, "candidate");
  const buffer = new Int32Array(m);
  const invStart = new Int32Array(n + 1);
  let inv = new Int32Array(Math.max(64, 8 * n));
  let total = 0;
  for (let j = 0; j < n; j++) {
    const d = demand[j];
    checkPoint(d, `demand ${d.code ?? j}`);
    const h = queryGrid(grid, d.x, d.y, r, buffer);
    if (total + h > inv.length) {
      const grown = new Int32Array(Math.max(2 * inv.length, total + h));
      grown.set(inv.subarray(0, total));
      inv = grown;
    }
    inv.set(buffer.subarray(0, h), total);
    total += h;
    invStart[j + 1] = total;
  }
  inv = inv.subarray(0, total);
  const start = new Int32Array(m + 1);
  for (let t = 0; t < total; t++) start[inv[t] + 1]++;
  for (let c = 0; c < m; c++) start[c + 1] += start[c];
  const fill = start.slice(0, m);
  const items = new Int32Array(total);
  for (let j = 0; j < n; j++) for (let t = invStart[j]; t < invStart[j + 1]; t++) items[fill[inv[t]]++] = j;
  return {start, items, invStart, inv};
}

/**
 * For each candidate, the indices (ascending) of the demand points within `radiusKm` (inclusive):
 * dx² + dy² ≤ R², grid-indexed (see above), no O(n·m) scan.
 */
export function coverageSets(demand: Demand[], candidates: Candidate[], radiusKm: number): Int32Array[] {
  const {start, items} = coverage(demand, candidates, radiusKm);
  return candidates.map((_, c) => items.slice(start[c], start[c + 1]));
}

// ---------------------------------------------------------------------------------------------

function now(): number {
  return typeof performance !== "undefined" ? performance.now() : Date.now();
}

/** C(p, j) summed over j = lo..hi, or Infinity as soon as it exceeds `cap`. */
function countSubsets(p: number, lo: number, hi: number, cap: number): number {
  let c = 1; // C(p, 0)
  let total = 0;
  for (let j = 0; j <= hi; j++) {
    if (j > 0) c = (c * (p - j + 1)) / j;
    if (j >= lo) total += c;
    if (total > cap) return Infinity;
  }
  return Math.round(total);
}

interface Instance {
  demand: Demand[];
  candidates: Candidate[];
  w: Float64Array;
  covers: Int32Array[]; // candidate → demand (ascending)
  invStart: Int32Array; // demand → candidates
  inv: Int32Array;
  pre: Uint8Array; // covered by an existing structure
  group: Int32Array; // -1 = no group
  groupCount: number;
  k: number;
  onePerGroup: boolean;
}

function codeBefore(inst: Instance, a: number, b: number): boolean {
  const ca = inst.candidates[a].code;
  const cb = inst.candidates[b].code;
  return ca < cb || (ca === cb && a < b);
}

/** Is candidate a (gain ga) preferred to b (gain gb)? Larger gain, then smaller code. */
function preferred(inst: Instance, a: number, ga: number, b: number, gb: number): boolean {
  if (b < 0) return true;
  const tol = TIE * Math.max(Math.abs(ga), Math.abs(gb));
  if (ga > gb + tol) return true;
  if (ga < gb - tol) return false;
  return codeBefore(inst, a, b);
}

/** Sum of the `k` largest of values[0..len) (all ≥ 0); sorts `values` in place. */
function topKSum(values: Float64Array, len: number, k: number): number {
  const view = values.subarray(0, len);
  view.sort();
  let sum = 0;
  for (let t = len - 1; t >= Math.max(0, len - k); t--) sum += view[t];
  return sum;
}

function greedy(inst: Instance): {picks: Pick[]; covered: number; upperBound: number} {
  const {demand, candidates, w, covers, invStart, inv, pre, group, groupCount, k, onePerGroup} = inst;
  const n = demand.length;
  const m = candidates.length;

  const covered = pre.slice();
  const gain = new Float64Array(m);
  const live = new Int32Array(m); // uncovered positive-weight demand points in the cover
  for (let c = 0; c < m; c++) {
    const cover = covers[c];
    let g = 0;
    let count = 0;
    for (let t = 0; t < cover.length; t++) {
      const j = cover[t];
      if (!covered[j] && w[j] > 0) {
        g += w[j];
        count++;
      }
    }
    gain[c] = g;
    live[c] = count;
  }
  // B_∞ = f(V)
  let upper = 0;
  for (let j = 0; j < n; j++) if (!covered[j] && invStart[j + 1] > invStart[j]) upper += w[j];

  const picked = new Uint8Array(m);
  const usedGroup = new Uint8Array(groupCount);
  const groupMax = new Float64Array(groupCount);
  const values = new Float64Array(m + groupCount);
  const picks: Pick[] = [];
  let f = 0;

  for (let step = 0; ; step++) {
    // bound B_step at S_step
    let len = 0;
    if (onePerGroup) {
      groupMax.fill(0);
      for (let c = 0; c < m; c++) {
        if (live[c] === 0) continue;
        const g = group[c];
        if (g < 0) values[len++] = gain[c];
        else if (gain[c] > groupMax[g]) groupMax[g] = gain[c];
      }
      for (let g = 0; g < groupCount; g++) if (groupMax[g] > 0) values[len++] = groupMax[g];
    } else {
      for (let c = 0; c < m; c++) if (live[c] > 0) values[len++] = gain[c];
    }
    upper = Math.min(upper, f + topKSum(values, len, k));
    if (step === k) break;

    let best = -1;
    for (let c = 0; c < m; c++) {
      if (live[c] === 0 || picked[c]) continue;
      if (onePerGroup && group[c] >= 0 && usedGroup[group[c]]) continue;
      if (preferred(inst, c, gain[c], best, best < 0 ? 0 : gain[best])) best = c;
    }
    if (best < 0) break; // nothing left to gain (within the groups still open)

    picked[best] = 1;
    if (group[best] >= 0) usedGroup[group[best]] = 1;
    const cover = covers[best];
    const newly: string[] = [];
    let g = 0;
    for (let t = 0; t < cover.length; t++) {
      const j = cover[t];
      if (covered[j]) continue;
      covered[j] = 1;
      newly.push(demand[j].code);
      const wj = w[j];
      if (!(wj > 0)) continue;
      g += wj;
      for (let u = invStart[j], end = invStart[j + 1]; u < end; u++) {
        const c = inv[u];
        if (--live[c] === 0) gain[c] = 0;
        else gain[c] -= wj;
      }
    }
    f += g;
    picks.push({code: candidates[best].code, gain: g, covered: newly});
  }
  return {picks, covered: f, upperBound: Math.max(f, upper)};
}

/** Exact optimum by depth-first enumeration over `pool` (candidate indices sorted by code). */
function exhaustive(inst: Instance, pool: number[]): number[] {
  const {w, covers, pre, group, groupCount, onePerGroup} = inst;
  const p = pool.length;
  const kk = Math.min(inst.k, p);
  const count = new Int32Array(w.length);
  const usedGroup = new Uint8Array(groupCount);
  const chosen = new Int32Array(kk);
  let best = -1;
  let bestSet: number[] = [];

  const consider = (value: number, depth: number) => {
    if (best < 0 || value > best + TIE * best) {
      best = value;
      bestSet = Array.from(chosen.subarray(0, depth));
    }
  };
  // value is the parent's value plus a freshly summed gain: no add/subtract drift along the search
  const dfs = (from: number, depth: number, value: number): void => {
    if (depth === kk) return consider(value, depth);
    let extended = false;
    for (let t = from; t < p; t++) {
      if (!onePerGroup && p - t < kk - depth) break; // cannot reach size kk any more
      const c = pool[t];
      const g = group[c];
      if (onePerGroup && g >= 0 && usedGroup[g]) continue;
      const cover = covers[c];
      let gain = 0;
      for (let u = 0; u < cover.length; u++) {
        const j = cover[u];
        if (count[j]++ === 0 && !pre[j]) gain += w[j];
      }
      if (onePerGroup && g >= 0) usedGroup[g] = 1;
      chosen[depth] = c;
      dfs(t + 1, depth + 1, value + gain);
      if (onePerGroup && g >= 0) usedGroup[g] = 0;
      for (let u = 0; u < cover.length; u++) count[cover[u]]--;
      extended = true;
    }
    if (!extended) consider(value, depth); // maximal: no feasible candidate left to add
  };
  dfs(0, 0, 0);
  return bestSet;
}

/** Picks of a fixed set, in greedy order within the set (largest marginal gain, then code). */
function orderPicks(inst: Instance, set: number[]): {picks: Pick[]; covered: number} {
  const covered = inst.pre.slice();
  const remaining = [...set];
  const picks: Pick[] = [];
  let f = 0;
  while (remaining.length) {
    let bestAt = -1;
    let bestGain = 0;
    for (let r = 0; r < remaining.length; r++) {
      const cover = inst.covers[remaining[r]];
      let g = 0;
      for (let t = 0; t < cover.length; t++) if (!covered[cover[t]]) g += inst.w[cover[t]];
      if (bestAt < 0 || preferred(inst, remaining[r], g, remaining[bestAt], bestGain)) {
        bestAt = r;
        bestGain = g;
      }
    }
    if (!(bestGain > 0)) break; // the rest adds nothing: not opened, as in the greedy
    const c = remaining.splice(bestAt, 1)[0];
    const cover = inst.covers[c];
    const newly: string[] = [];
    let g = 0;
    for (let t = 0; t < cover.length; t++) {
      const j = cover[t];
      if (covered[j]) continue;
      covered[j] = 1;
      newly.push(inst.demand[j].code);
      g += inst.w[j];
    }
    f += g;
    picks.push({code: inst.candidates[c].code, gain: g, covered: newly});
  }
  return {picks, covered: f};
}

/**
 * Choose at most `options.k` candidates maximising the demand weight newly covered within
 * `options.radiusKm`, beyond what existing structures already cover. Greedy with a proven upper
 * bound, or exact enumeration on small instances (see the header for guarantees and the bound).
 * Throws RangeError on invalid input (k not an integer ≥ 0, negative or non-finite radius or weight,
 * non-finite coordinates).
 */
export function placeSites(demand: Demand[], candidates: Candidate[], options: PlacementOptions): PlacementResult {
  const t0 = now();
  const {k, radiusKm, existing = [], onePerGroup = false, method = "auto", exhaustiveLimit = DEFAULT_EXHAUSTIVE_LIMIT} = options;
  if (!(Number.isInteger(k) && k >= 0)) throw new RangeError(`k must be an integer ≥ 0, got ${k}`);
  checkRadius(radiusKm);
  const n = demand.length;
  const w = new Float64Array(n);
  let totalWeight = 0;
  for (let j = 0; j < n; j++) {
    const weight = demand[j].weight;
    if (!(Number.isFinite(weight) && weight >= 0)) {
      throw new RangeError(`demand ${demand[j].code}: weight must be finite and ≥ 0, got ${weight}`);
    }
    w[j] = weight;
    totalWeight += weight;
  }

  const cov = coverage(demand, candidates, radiusKm);
  const covers = candidates.map((_, c) => cov.items.subarray(cov.start[c], cov.start[c + 1]));
  // covered by an existing structure: grid over the structures, one query per demand point
  const pre = new Uint8Array(n);
  if (existing.length) {
    const grid = buildGrid(existing, radiusKm, "existing structure");
    const buffer = new Int32Array(existing.length);
    for (let j = 0; j < n; j++) if (queryGrid(grid, demand[j].x, demand[j].y, radiusKm, buffer) > 0) pre[j] = 1;
  }
  let alreadyCovered = 0;
  for (let j = 0; j < n; j++) if (pre[j]) alreadyCovered += w[j];

  const groupIds = new Map<string, number>();
  const group = Int32Array.from(candidates, (c) => {
    if (c.group === undefined) return -1;
    let id = groupIds.get(c.group);
    if (id === undefined) groupIds.set(c.group, (id = groupIds.size));
    return id;
  });
  const inst: Instance = {demand, candidates, w, covers, invStart: cov.invStart, inv: cov.inv, pre, group, groupCount: groupIds.size, k, onePerGroup};

  // candidates with a positive gain after existing structures, sorted by code
  const pool: number[] = [];
  for (let c = 0; c < candidates.length; c++) {
    const cover = covers[c];
    for (let t = 0; t < cover.length; t++) {
      if (!pre[cover[t]] && w[cover[t]] > 0) {
        pool.push(c);
        break;
      }
    }
  }
  pool.sort((a, b) => (codeBefore(inst, a, b) ? -1 : 1));

  let useExhaustive = method === "exhaustive";
  if (method === "auto") {
    const kk = Math.min(k, pool.length);
    const subsets = countSubsets(pool.length, onePerGroup ? 0 : kk, kk, exhaustiveLimit);
    useExhaustive = subsets <= exhaustiveLimit;
  }

  let result: Omit<PlacementResult, "alreadyCovered" | "totalWeight" | "ms">;
  if (useExhaustive) {
    const {picks, covered} = orderPicks(inst, exhaustive(inst, pool));
    result = {picks, coveredWeight: covered, upperBound: covered, optimal: true, method: "exhaustive"};
  } else {
    const {picks, covered, upperBound} = greedy(inst);
    const optimal = covered >= upperBound * (1 - OPTIMAL_TOLERANCE);
    result = {picks, coveredWeight: covered, upperBound, optimal, method: "greedy"};
  }
  return {...result, alreadyCovered, totalWeight, ms: now() - t0};
}
