/**
 * Micro-benchmark of the site placement solver (src/components/placement.ts), in node.
 * `npx tsx bench/placement.ts` prints a table; bench/run.ts may call benchPlacement().
 *
 * Synthetic but realistic input, from a seeded PRNG: 1,266 communes in a 120 km × 100 km box with a
 * dense core (Paris σ ≈ 3 km, petite couronne σ ≈ 10 km) and a sparse grande couronne, weights
 * (population in need) log-normal, 30 existing structures drawn mostly in the core, 25 groups
 * (a 5 × 5 grid standing for the bassins d'emploi). Every commune is both demand and candidate.
 * Medians over RUNS runs after WARMUP warm-up runs, in ms:
 *   coverageSets_R{5,15}            the grid-indexed coverage sets alone
 *   placeSites_k10_R{5,15}          the whole solve (coverage sets, greedy, bound); target ≤ 1 s in the browser
 *   placeSites_k10_R15_onePerGroup  the same with at most one site per group
 *   placeSites_k15_R15              k = 15, the largest the page offers
 *   propose_{couverture,p_median}_k10, propose_ensemble_couvrant_R5_min500
 *                                   each objective through src/model/placement-proposal.ts, with the
 *                                   before/after measures; target ≤ 1 s in the browser
 */
import {pathToFileURL} from "node:url";
import {coverageSets, placeSites} from "../src/model/placement.js";
import type {Candidate, Demand, Existing, PlacementOptions} from "../src/model/placement.js";
import {propose, type ProposalOptions} from "../src/model/placement-proposal.js";
import {mulberry32} from "../src/lib/random.js";
import {median, timeMedian as timeMedianOf} from "./timing.js";

const UNITS = 1266;
const RUNS = 21;
const WARMUP = 3;


export function syntheticPlacement(seed = 42): {demand: Demand[]; candidates: Candidate[]; existing: Existing[]} {
  const random = mulberry32(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const W = 120;
  const H = 100;
  const clamp = (v: number, max: number) => Math.min(max, Math.max(0, v));
  const demand: Demand[] = [];
  for (let i = 0; i < UNITS; i++) {
    const u = random();
    let x: number, y: number;
    if (u < 0.1) [x, y] = [60 + 3 * gauss(), 50 + 3 * gauss()]; // Paris
    else if (u < 0.4) [x, y] = [60 + 10 * gauss(), 50 + 10 * gauss()]; // petite couronne
    else [x, y] = [random() * W, random() * H]; // grande couronne
    x = clamp(x, W);
    y = clamp(y, H);
    const urban = Math.exp(-((x - 60) ** 2 + (y - 50) ** 2) / (2 * 15 ** 2));
    // log-normal, median ≈ 150 in rural communes, ≈ 1,100 near the centre
    const weight = Math.round(Math.exp(Math.log(150) + 2 * urban + 1.2 * gauss()));
    demand.push({code: String(75000 + i), x, y, weight});
  }
  const candidates: Candidate[] = demand.map((d) => ({
    code: d.code,
    x: d.x,
    y: d.y,
    group: `b${Math.min(4, Math.floor(d.x / (W / 5)))}${Math.min(4, Math.floor(d.y / (H / 5)))}`
  }));
  const existing: Existing[] = [];
  while (existing.length < 30) {
    const d = demand[Math.floor(random() * UNITS)];
    // mostly where the population is
    if (random() < 0.25 + 0.75 * Math.exp(-((d.x - 60) ** 2 + (d.y - 50) ** 2) / (2 * 20 ** 2))) existing.push({x: d.x, y: d.y});
  }
  return {demand, candidates, existing};
}


const timeMedian = (fn: () => unknown, runs = RUNS) => timeMedianOf(fn, runs, WARMUP);

const SCENARIOS: Record<string, Omit<PlacementOptions, "existing">> = {
  placeSites_k10_R5_ms: {k: 10, radiusKm: 5},
  placeSites_k10_R15_ms: {k: 10, radiusKm: 15},
  placeSites_k10_R15_onePerGroup_ms: {k: 10, radiusKm: 15, onePerGroup: true},
  placeSites_k15_R15_ms: {k: 15, radiusKm: 15}
};

const OBJECTIVES: Record<string, Omit<ProposalOptions, "existing">> = {
  propose_couverture_k10_R5_ms: {objective: "couverture", k: 10, radiusKm: 5},
  propose_p_median_k10_ms: {objective: "p_median", k: 10, radiusKm: 5},
  // every commune with at least 500 persons in need within 5 km
  propose_ensemble_couvrant_R5_min500_ms: {objective: "ensemble_couvrant", k: 0, radiusKm: 5, minWeight: 500}
};
const OBJECTIVE_RUNS = 9;

/** Medians in ms, keyed by measure. */
export function benchPlacement(): Record<string, number> {
  const {demand, candidates, existing} = syntheticPlacement();
  const results: Record<string, number> = {
    coverageSets_R5_ms: timeMedian(() => coverageSets(demand, candidates, 5)),
    coverageSets_R15_ms: timeMedian(() => coverageSets(demand, candidates, 15))
  };
  for (const [name, options] of Object.entries(SCENARIOS)) {
    results[name] = timeMedian(() => placeSites(demand, candidates, {...options, existing}));
  }
  // The three objectives through one entry point, k = 10 over all candidates, with the measures
  // every proposal reports (coverage, mean and 90th-percentile distance before and after).
  for (const [name, options] of Object.entries(OBJECTIVES)) {
    results[name] = timeMedian(() => propose(demand, candidates, {...options, existing}), OBJECTIVE_RUNS);
  }
  return results;
}

const TARGETS: Record<string, number> = Object.fromEntries([...Object.keys(SCENARIOS), ...Object.keys(OBJECTIVES)].map((name) => [name, 1000]));

function main(): void {
  const results = benchPlacement();
  const {demand, candidates, existing} = syntheticPlacement();
  const sizes = coverageSets(demand, candidates, 15).map((s) => s.length);
  console.log(
    `placement: ${demand.length} demand points = candidates, ${existing.length} existing structures; ` +
      `mean cover ${(sizes.reduce((a, b) => a + b, 0) / sizes.length).toFixed(0)} points at R = 15 km; ` +
      `medians of ${RUNS} runs after ${WARMUP} warm-up (node ${process.version})`
  );
  console.table(
    Object.entries(results).map(([measure, ms]) => ({
      measure,
      "median (ms)": Number(ms.toFixed(2)),
      target: TARGETS[measure] ? `≤ ${TARGETS[measure]} ms (browser)` : "",
      ok: TARGETS[measure] ? (ms <= TARGETS[measure] ? "yes" : "NO") : ""
    }))
  );
  console.table(
    Object.entries(SCENARIOS).map(([name, options]) => {
      const r = placeSites(demand, candidates, {...options, existing});
      return {
        scenario: name.replace(/^placeSites_|_ms$/g, ""),
        method: r.method,
        picks: r.picks.length,
        "already covered %": Number(((100 * r.alreadyCovered) / r.totalWeight).toFixed(1)),
        "new covered %": Number(((100 * r.coveredWeight) / r.totalWeight).toFixed(1)),
        "greedy / bound": Number((r.coveredWeight / r.upperBound).toFixed(4)),
        optimal: r.optimal
      };
    })
  );
  console.table(
    Object.entries(OBJECTIVES).map(([name, options]) => {
      const p = propose(demand, candidates, {...options, existing});
      return {
        objective: options.objective,
        picks: p.picks.length,
        "coverage before → after %": `${(100 * p.before.coverage!).toFixed(1)} → ${(100 * p.after.coverage!).toFixed(1)}`,
        "mean km before → after": `${p.before.meanKm!.toFixed(2)} → ${p.after.meanKm!.toFixed(2)}`,
        "p90 km after": Number(p.after.p90Km!.toFixed(2)),
        proof: `${p.proof.kind} ${Number(p.proof.value.toFixed(1))} (${p.proof.method})`,
        optimal: p.proof.optimal
      };
    })
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
