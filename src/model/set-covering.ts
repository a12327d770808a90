// The location set covering problem (Toregas, Swain, ReVelle & Bergman 1971) with existing sites
// fixed as open: the fewest new sites such that every demand point whose weight is at least
// `minWeight` (and positive) lies within R of an open site. Planar km, Euclidean, "within R"
// inclusive, as in placement.ts.
//
// A required point that no candidate reaches and no existing site covers cannot be covered by any
// choice: it is reported in `uncoverable`, and the rest is solved (never silently dropped).
//
// Method:
// - greedy (Chvátal 1979): repeatedly the candidate covering the most uncovered required points
//   (ties: more weight, then the smaller code), then every pick whose points are all covered by the
//   others is dropped (last picked first);
// - a lower bound by packing: required points taken one by one (fewest covering candidates first)
//   when none of their candidates covers a point already taken; no site can cover two taken points,
//   so at least that many sites are needed;
// - exact search when the greedy is above the bound: depth-first, branching on the candidates of
//   the uncovered point with the fewest of them, for sizes bound, bound + 1, …, greedy − 1 (the
//   first size that succeeds is the optimum); abandoned past `nodeLimit` search nodes, in which
//   case the greedy answer is returned with its bound and optimal = false.
//
// Determinism: candidates in code order (string code-unit order, then input index), no clock.
import {coverageSets, type Candidate, type Demand, type Existing} from "./placement.js";

export interface SetCoverOptions {
  radiusKm: number;
  /** Required demand: weight ≥ minWeight (and > 0). Default 0: every point with a positive weight. */
  minWeight?: number;
  existing?: Existing[];
  /** Largest number of search nodes of the exact search (default 20,000). */
  nodeLimit?: number;
  /** "auto" (default): greedy, then the exact search when needed; "greedy": no exact search. */
  method?: "auto" | "greedy";
}

export interface SetCoverPick {
  code: string;
  /** Required points this site covers that no earlier pick and no existing site covers. */
  covered: string[];
}

export interface SetCoverResult {
  picks: SetCoverPick[];
  /** Codes of the required demand points. */
  required: string[];
  /** Required points already within R of an existing site. */
  alreadyCovered: string[];
  /** Required points no candidate and no existing site reaches. */
  uncoverable: string[];
  /** Proven lower bound on the number of new sites needed to cover the coverable required points. */
  lowerBound: number;
  optimal: boolean;
  method: "greedy" | "exact";
  /** Search nodes used by the exact search (0 when not run). */
  nodes: number;
}

export const DEFAULT_SET_COVER_NODE_LIMIT = 20_000;

export function setCovering(demand: Demand[], candidates: Candidate[], options: SetCoverOptions): SetCoverResult {
  const {radiusKm, minWeight = 0, existing = [], nodeLimit = DEFAULT_SET_COVER_NODE_LIMIT, method = "auto"} = options;
  if (!(Number.isFinite(minWeight) && minWeight >= 0)) throw new RangeError(`minWeight must be finite and ≥ 0, got ${minWeight}`);
  for (const p of demand) if (!(Number.isFinite(p.weight) && p.weight >= 0)) throw new RangeError(`demand ${p.code}: weight must be finite and ≥ 0, got ${p.weight}`);
  const requiredIdx = demand.flatMap((p, j) => (p.weight > 0 && p.weight >= minWeight ? [j] : []));
  const required = requiredIdx.map((j) => demand[j]);
  const covers = coverageSets(required, candidates, radiusKm); // candidate → required indices
  const pre = new Uint8Array(required.length);
  if (existing.length) {
    const byExisting = coverageSets(required, existing.map((e, i) => ({code: `e${i}`, x: e.x, y: e.y})), radiusKm);
    for (const set of byExisting) for (const j of set) pre[j] = 1;
  }
  const coveringOf: number[][] = required.map(() => []);
  const order = Array.from(candidates.keys()).sort((a, b) => (candidates[a].code < candidates[b].code ? -1 : candidates[a].code > candidates[b].code ? 1 : a - b));
  for (const i of order) for (const j of covers[i]) coveringOf[j].push(i);
  const target = required.flatMap((_, j) => (!pre[j] && coveringOf[j].length > 0 ? [j] : []));
  const uncoverable = required.flatMap((p, j) => (!pre[j] && coveringOf[j].length === 0 ? [p.code] : []));

  // Greedy
  const count = new Int32Array(required.length); // open picks covering each point
  const open: number[] = [];
  let left = target.length;
  while (left > 0) {
    let best = -1, bestN = 0, bestW = 0;
    for (const i of order) {
      let c = 0, wsum = 0;
      for (const j of covers[i]) if (!pre[j] && count[j] === 0) {
        c++;
        wsum += required[j].weight;
      }
      if (c > bestN || (c === bestN && c > 0 && wsum > bestW)) {
        best = i;
        bestN = c;
        bestW = wsum;
      }
    }
    open.push(best);
    for (const j of covers[best]) if (!pre[j] && count[j]++ === 0) left--;
  }
  for (let t = open.length - 1; t >= 0; t--) {
    const i = open[t];
    if (covers[i].every((j) => pre[j] || count[j] > 1)) {
      for (const j of covers[i]) count[j]--;
      open.splice(t, 1);
    }
  }

  // Lower bound by packing
  const used = new Uint8Array(candidates.length);
  let lowerBound = 0;
  for (const j of [...target].sort((a, b) => coveringOf[a].length - coveringOf[b].length || a - b)) {
    if (coveringOf[j].some((i) => used[i])) continue;
    lowerBound++;
    for (const i of coveringOf[j]) used[i] = 1;
  }

  // Exact search for sizes lowerBound .. greedy − 1
  let best = open;
  let exact = open.length === lowerBound;
  let nodes = 0;
  if (!exact && method === "auto") {
    const cnt = new Int32Array(required.length);
    const chosen: number[] = [];
    let aborted = false;
    const dfs = (budget: number): boolean => {
      if (++nodes > nodeLimit) {
        aborted = true;
        return false;
      }
      let pick = -1;
      for (const j of target) if (cnt[j] === 0 && (pick < 0 || coveringOf[j].length < coveringOf[pick].length)) pick = j;
      if (pick < 0) return true;
      if (budget === 0) return false;
      for (const i of coveringOf[pick]) {
        chosen.push(i);
        for (const j of covers[i]) cnt[j]++;
        if (dfs(budget - 1)) return true;
        for (const j of covers[i]) cnt[j]--;
        chosen.pop();
        if (aborted) return false;
      }
      return false;
    };
    for (let size = lowerBound; size < open.length && !aborted; size++) {
      if (dfs(size)) {
        best = [...chosen];
        exact = true;
        break;
      }
    }
    if (!aborted && !exact) exact = true; // no smaller cover exists: the greedy one is optimal
  }

  // Report in greedy order within the chosen set: most newly covered first, then code
  const seen = new Uint8Array(required.length);
  const remaining = [...best];
  const picks: SetCoverPick[] = [];
  while (remaining.length) {
    let at = 0, atN = -1;
    remaining.forEach((i, r) => {
      const c = covers[i].filter((j) => !pre[j] && !seen[j]).length;
      if (c > atN || (c === atN && order.indexOf(i) < order.indexOf(remaining[at]))) {
        at = r;
        atN = c;
      }
    });
    const i = remaining.splice(at, 1)[0];
    const newly = Array.from(covers[i]).filter((j) => !pre[j] && !seen[j]);
    for (const j of newly) seen[j] = 1;
    picks.push({code: candidates[i].code, covered: newly.map((j) => required[j].code)});
  }
  return {
    picks,
    required: required.map((p) => p.code),
    alreadyCovered: required.flatMap((p, j) => (pre[j] ? [p.code] : [])),
    uncoverable,
    lowerBound,
    optimal: exact,
    method: nodes > 0 ? "exact" : "greedy",
    nodes
  };
}
