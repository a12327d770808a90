// p-median, set covering and the measures every proposal reports: a hand-made line instance (values
// worked out by hand below), then random small instances checked against brute force.
import {describe, expect, it} from "vitest";
import {mulberry32} from "../src/lib/random.js";
import {pMedian, smallest} from "../src/model/p-median.js";
import type {Candidate, Demand, Existing} from "../src/model/placement.js";
import {demandMetrics, nearestDistances} from "../src/model/placement-metrics.js";
import {propose, statusChanges} from "../src/model/placement-proposal.js";
import {setCovering} from "../src/model/set-covering.js";

// The line instance of test/placement.test.ts: demand at x = 0…5, weights 1 1 3 3 1 1 (total 10);
// candidates A (x = −1), B (1), C (2.5), D (4).
const LINE: Demand[] = [1, 1, 3, 3, 1, 1].map((weight, i) => ({code: `d${i}`, x: i, y: 0, weight}));
const SITES: Candidate[] = [
  {code: "A", x: -1, y: 0},
  {code: "B", x: 1, y: 0},
  {code: "C", x: 2.5, y: 0},
  {code: "D", x: 4, y: 0}
];
const sorted = (codes: {code: string}[]) => codes.map((p) => p.code).sort();

describe("p-median on the line instance", () => {
  it("one site: the central C, whose weighted distance is 11", () => {
    // A 1+2+9+12+5+6 = 35; B 1+0+3+6+3+4 = 17; C 2.5+1.5+1.5+1.5+1.5+2.5 = 11; D 4+3+6+3+0+1 = 17.
    const r = pMedian(LINE, SITES, {k: 1});
    expect(sorted(r.picks)).toEqual(["C"]);
    expect(r.cost).toBe(11);
    expect(r.optimal).toBe(true);
    expect(r.costBefore).toBe(Infinity); // nothing open before
  });

  it("two sites: three pairs tie at 8 (BC, BD, CD); the exhaustive search keeps the first in code order", () => {
    // BC 1+0+1.5+1.5+1.5+2.5; BD 1+0+3+3+0+1; CD 2.5+1.5+1.5+1.5+0+1 — all 8; AC 9.5, AD 13, AB 17.
    const r = pMedian(LINE, SITES, {k: 2});
    expect(r.method).toBe("exhaustive");
    expect(sorted(r.picks)).toEqual(["B", "C"]);
    expect(r.cost).toBe(8);
  });

  it("an existing site at x = 5 stays open: one new site, C, brings 25 down to 8", () => {
    // Before: distances 5 4 3 2 1 0 → 5+4+9+6+1+0 = 25. With C: 2.5+1.5+1.5+1.5+1+0 = 8 (B 11, D 16, A 19).
    const r = pMedian(LINE, SITES, {k: 1, existing: [{x: 5, y: 0}]});
    expect(r.costBefore).toBe(25);
    expect(sorted(r.picks)).toEqual(["C"]);
    expect(r.cost).toBe(8);
    expect(r.picks[0].saving).toBe(17);
  });

  it("the heuristic with its Lagrangian bound reaches and proves the same optimum", () => {
    const r = pMedian(LINE, SITES, {k: 1, existing: [{x: 5, y: 0}], method: "heuristic"});
    expect(r.method).toBe("heuristic");
    expect(r.cost).toBe(8);
    expect(r.lowerBound).toBeLessThanOrEqual(8);
    expect(r.lowerBound).toBeGreaterThan(0);
  });

  it("rejects a k that is not a whole number ≥ 0 and a negative weight", () => {
    expect(() => pMedian(LINE, SITES, {k: 1.5})).toThrow(RangeError);
    expect(() => pMedian([{code: "x", x: 0, y: 0, weight: -1}], SITES, {k: 1})).toThrow(RangeError);
  });
});

describe("the k smallest multipliers' sums, as the bound picks them", () => {
  it("keeps exactly k indices, smallest values first, ties to the smaller index", () => {
    const values = Float64Array.from([0, -3, -1, -3, -2, 0]);
    // among indices 1..4 (−3, −1, −3, −2): the three smallest are 1 (−3), 3 (−3), 4 (−2)
    expect(smallest(values, [2, 4, 3, 1], 4, 3)).toEqual([1, 3, 4]);
    expect(smallest(values, [2, 4], 2, 3)).toEqual([4, 2]); // fewer than k: all of them, sorted
    expect(smallest(values, [5, 0, 1], 3, 1)).toEqual([1]);
  });
});

describe("set covering on the line instance (R = 1)", () => {
  it("covers the six points with two sites, B and D, and proves two are needed", () => {
    // d1 is reached only by B, d4 only by D: no site covers both, so two at least.
    const r = setCovering(LINE, SITES, {radiusKm: 1});
    expect(sorted(r.picks)).toEqual(["B", "D"]);
    expect(r.lowerBound).toBe(2);
    expect(r.optimal).toBe(true);
    expect(r.picks.flatMap((p) => p.covered).sort()).toEqual(["d0", "d1", "d2", "d3", "d4", "d5"]);
  });

  it("with a threshold of 3, only d2 and d3 must be covered: C alone does it", () => {
    const r = setCovering(LINE, SITES, {radiusKm: 1, minWeight: 3});
    expect(r.required).toEqual(["d2", "d3"]);
    expect(sorted(r.picks)).toEqual(["C"]);
    expect(r.optimal).toBe(true);
  });

  it("counts what an existing site already covers and reports a point no candidate reaches", () => {
    const demand = [...LINE, {code: "d9", x: 9, y: 0, weight: 5}];
    const r = setCovering(demand, SITES, {radiusKm: 1, existing: [{x: 5, y: 0}]});
    expect(r.alreadyCovered).toEqual(["d4", "d5"]);
    expect(r.uncoverable).toEqual(["d9"]);
    // d0…d3 remain: B (d0 d1 d2), then C and D both add d3 with weight 3 → C, the smaller code.
    expect(r.picks.map((p) => p.code)).toEqual(["B", "C"]);
    expect(r.lowerBound).toBe(2);
  });
});

describe("the measures of a proposal", () => {
  it("coverage, mean and 90th-percentile distance of the demand, worked by hand", () => {
    // One site at 2.5: distances 2.5 1.5 0.5 0.5 1.5 2.5; within 1: d2, d3 → 6 of 10.
    // Mean (2.5 + 1.5 + 1.5 + 1.5 + 1.5 + 2.5) / 10 = 1.1. Cumulated weight by distance: 0.5 → 6,
    // 1.5 → 8, 2.5 → 10: 90 % (9) is first reached at 2.5.
    const m = demandMetrics(LINE, nearestDistances(LINE, [{x: 2.5, y: 0}]), 1);
    expect(m).toEqual({totalWeight: 10, coveredWeight: 6, coverage: 0.6, meanKm: 1.1, p90Km: 2.5});
  });

  it("says nothing rather than zero when there is no demand or no site", () => {
    expect(demandMetrics([], new Float64Array(0), 1)).toEqual({totalWeight: 0, coveredWeight: 0, coverage: null, meanKm: null, p90Km: null});
    expect(demandMetrics(LINE, nearestDistances(LINE, []), 1).meanKm).toBeNull();
  });

  it("every objective reports before and after on the same demand, and which points change status", () => {
    const existing = [{x: 5, y: 0}];
    const cover = propose(LINE, SITES, {objective: "couverture", k: 1, radiusKm: 1, existing});
    const median = propose(LINE, SITES, {objective: "p_median", k: 1, radiusKm: 1, existing});
    const set = propose(LINE, SITES, {objective: "ensemble_couvrant", k: 0, radiusKm: 1, existing});
    expect(cover.before).toEqual(median.before);
    expect(cover.before.coveredWeight).toBe(2); // d4 (1 km) and d5 (0 km)
    // Covering with one site: B adds d0 d1 d2 (5), C d2 d3 (6), D d3 (3) → C, 8 of 10 covered.
    expect(cover.picks.map((p) => p.code)).toEqual(["C"]);
    expect(cover.after.coveredWeight).toBe(8);
    expect(median.picks.map((p) => p.code)).toEqual(["C"]);
    expect(set.after.coverage).toBe(1);
    expect(set.proof).toMatchObject({kind: "borne_inferieure", value: 2, optimal: true});
    expect(statusChanges(cover, set)).toEqual({gained: ["d0", "d1"], lost: []});
  });
});

// ------------------------------------------------------------------------------- brute force

function randomInstance(seed: number) {
  const random = mulberry32(seed);
  const n = 4 + Math.floor(random() * 9);
  const m = 3 + Math.floor(random() * 6);
  const demand: Demand[] = Array.from({length: n}, (_, j) => ({code: `d${j}`, x: random() * 10, y: random() * 10, weight: random() < 0.15 ? 0 : Math.round(random() * 20)}));
  const candidates: Candidate[] = Array.from({length: m}, (_, i) => ({code: `c${i}`, x: random() * 10, y: random() * 10}));
  const existing: Existing[] = random() < 0.5 ? [] : Array.from({length: 1 + Math.floor(random() * 2)}, () => ({x: random() * 10, y: random() * 10}));
  return {demand, candidates, existing, random};
}

function subsets<T>(items: T[], size: number): T[][] {
  if (size === 0) return [[]];
  if (items.length < size) return [];
  const [first, ...rest] = items;
  return [...subsets(rest, size - 1).map((s) => [first, ...s]), ...subsets(rest, size)];
}

const dist = (a: {x: number; y: number}, b: {x: number; y: number}) => Math.hypot(a.x - b.x, a.y - b.y);

function bruteMedian(demand: Demand[], candidates: Candidate[], existing: Existing[], k: number): number {
  let best = Infinity;
  for (const set of subsets(candidates, Math.min(k, candidates.length))) {
    const open = [...existing, ...set];
    const cost = demand.reduce((s, p) => (p.weight > 0 ? s + p.weight * Math.min(...open.map((o) => dist(o, p))) : s), 0);
    best = Math.min(best, cost);
  }
  return best;
}

describe("p-median against brute force on 200 random small instances", () => {
  it("the exhaustive answer is the optimum; the heuristic is never better, its bound never above it", () => {
    let heuristicOptimal = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const {demand, candidates, existing, random} = randomInstance(seed);
      const k = 1 + Math.floor(random() * 3);
      const optimum = bruteMedian(demand, candidates, existing, k);
      const exact = pMedian(demand, candidates, {k, existing, method: "exhaustive"});
      const heuristic = pMedian(demand, candidates, {k, existing, method: "heuristic"});
      const tol = 1e-9 * Math.max(1, optimum);
      expect(exact.cost, `seed ${seed}`).toBeCloseTo(optimum, 9);
      expect(heuristic.cost, `seed ${seed}`).toBeGreaterThanOrEqual(optimum - tol);
      expect(heuristic.lowerBound, `seed ${seed}`).toBeLessThanOrEqual(optimum + tol);
      if (heuristic.optimal) {
        expect(heuristic.cost, `seed ${seed}`).toBeCloseTo(optimum, 9);
        heuristicOptimal++;
      }
      expect(exact.picks.length).toBe(Math.min(k, candidates.length));
    }
    // the bound is not vacuous: it proves most of these small instances optimal
    expect(heuristicOptimal).toBeGreaterThan(100);
  });
});

describe("set covering against brute force on 200 random small instances", () => {
  it("finds the fewest sites, covering every coverable required point, with a bound never above", () => {
    for (let seed = 1; seed <= 200; seed++) {
      const {demand, candidates, existing, random} = randomInstance(1000 + seed);
      const radiusKm = 2 + random() * 4;
      const minWeight = random() < 0.5 ? 0 : 8;
      const r = setCovering(demand, candidates, {radiusKm, minWeight, existing});
      const required = demand.filter((p) => p.weight > 0 && p.weight >= minWeight);
      const pending = required.filter((p) => !existing.some((e) => dist(e, p) <= radiusKm));
      const coverable = pending.filter((p) => candidates.some((c) => dist(c, p) <= radiusKm));
      expect(r.uncoverable.sort(), `seed ${seed}`).toEqual(pending.filter((p) => !coverable.includes(p)).map((p) => p.code).sort());
      let fewest = Infinity;
      for (let size = 0; size <= candidates.length && fewest === Infinity; size++) {
        if (subsets(candidates, size).some((set) => coverable.every((p) => set.some((c) => dist(c, p) <= radiusKm)))) fewest = size;
      }
      const chosen = r.picks.map((p) => candidates.find((c) => c.code === p.code)!);
      expect(coverable.every((p) => chosen.some((c) => dist(c, p) <= radiusKm)), `seed ${seed}`).toBe(true);
      expect(r.optimal, `seed ${seed}`).toBe(true);
      expect(r.picks.length, `seed ${seed}`).toBe(fewest);
      expect(r.lowerBound, `seed ${seed}`).toBeLessThanOrEqual(fewest);
    }
  });
});
