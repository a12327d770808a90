// One entry point for the three objectives planners use (PySAL spopt, ArcGIS location-allocation):
// maximal covering (placement.ts), p-median (p-median.ts) and set covering (set-covering.ts).
// Whatever the objective, a proposal reports the same measures of the demand before and after —
// coverage within R, mean and 90th-percentile distance to the nearest open site — and the proof
// its solver gives (an upper bound for covering, a lower bound for p-median and set covering).
//
// Inputs stay generic: the demand is any list of weighted points (persons in poverty today; the
// unemployed or a need-weighted population tomorrow) and the candidates any list of points (every
// commune, or only the high-need ones): choosing them is the caller's business.
import {pMedian, type PMedianResult} from "./p-median.js";
import {placeSites, type Candidate, type Demand, type Existing, type PlacementResult} from "./placement.js";
import {demandMetrics, nearestDistances, type DemandMetrics} from "./placement-metrics.js";
import {setCovering, type SetCoverResult} from "./set-covering.js";

export type Objective = "couverture" | "p_median" | "ensemble_couvrant";

export const OBJECTIVES: Record<Objective, string> = {
  couverture: "Couverture maximale : le plus de demande à moins de R avec k sites",
  p_median: "p-médiane : la distance moyenne la plus courte avec k sites",
  ensemble_couvrant: "Ensemble couvrant : le moins de sites pour que toute la demande au-dessus d'un seuil soit à moins de R"
};

export interface ProposalOptions {
  objective: Objective;
  /** Sites to open (couverture, p_median). */
  k: number;
  /** The radius of "covered" (every objective reports coverage within it; set covering requires it). */
  radiusKm: number;
  existing?: Existing[];
  /** Couverture only: at most one new site per candidate group. */
  onePerGroup?: boolean;
  /** Ensemble couvrant only: demand points of at least this weight must be covered. */
  minWeight?: number;
}

export interface Proposal {
  objective: Objective;
  /** In the solver's order; `value` is the marginal covered weight (couverture), cost saved
   * (p_median) or number of required points newly covered (ensemble_couvrant). */
  picks: {code: string; value: number}[];
  before: DemandMetrics;
  after: DemandMetrics;
  /** Demand codes within R of an open site once the picks are open. */
  coveredAfter: string[];
  proof: {kind: "borne_superieure" | "borne_inferieure"; value: number; optimal: boolean; method: string};
  /** Ensemble couvrant: required points that no candidate can reach (reported, not dropped). */
  uncoverable: string[];
  /** The solver's own result, for what only that objective says. */
  detail: {objective: "couverture"; result: PlacementResult} | {objective: "p_median"; result: PMedianResult} | {objective: "ensemble_couvrant"; result: SetCoverResult};
}

export function propose(demand: Demand[], candidates: Candidate[], options: ProposalOptions): Proposal {
  const {objective, k, radiusKm, existing = [], onePerGroup = false, minWeight = 0} = options;
  let picks: Proposal["picks"];
  let proof: Proposal["proof"];
  let uncoverable: string[] = [];
  let detail: Proposal["detail"];
  if (objective === "couverture") {
    const r = placeSites(demand, candidates, {k, radiusKm, existing, onePerGroup});
    picks = r.picks.map((p) => ({code: p.code, value: p.gain}));
    proof = {kind: "borne_superieure", value: r.upperBound, optimal: r.optimal, method: r.method};
    detail = {objective, result: r};
  } else if (objective === "p_median") {
    const r = pMedian(demand, candidates, {k, existing});
    picks = r.picks.map((p) => ({code: p.code, value: p.saving}));
    proof = {kind: "borne_inferieure", value: r.lowerBound, optimal: r.optimal, method: r.method};
    detail = {objective, result: r};
  } else {
    const r = setCovering(demand, candidates, {radiusKm, minWeight, existing});
    picks = r.picks.map((p) => ({code: p.code, value: p.covered.length}));
    proof = {kind: "borne_inferieure", value: r.lowerBound, optimal: r.optimal, method: r.method};
    uncoverable = r.uncoverable;
    detail = {objective, result: r};
  }
  const byCode = new Map(candidates.map((c) => [c.code, c]));
  const opened = [...existing, ...picks.map((p) => byCode.get(p.code)!)];
  const before = nearestDistances(demand, existing);
  const after = nearestDistances(demand, opened);
  return {
    objective,
    picks,
    before: demandMetrics(demand, before, radiusKm),
    after: demandMetrics(demand, after, radiusKm),
    coveredAfter: demand.flatMap((p, j) => (after[j] <= radiusKm ? [p.code] : [])),
    proof,
    uncoverable,
    detail
  };
}

/** The demand points whose status (within R of an open site or not) differs between two proposals. */
export function statusChanges(a: Proposal, b: Proposal): {gained: string[]; lost: string[]} {
  const inA = new Set(a.coveredAfter);
  const inB = new Set(b.coveredAfter);
  return {gained: b.coveredAfter.filter((c) => !inA.has(c)), lost: a.coveredAfter.filter((c) => !inB.has(c))};
}
