/**
 * Micro-benchmark of the needs index (src/components/needs-index.ts), in node.
 * `npx tsx bench/needs-index.ts` prints a table; bench/run.ts may call benchNeedsIndex().
 *
 * Synthetic but realistic input, from a seeded PRNG: 1,266 communes, 9 indicators in 3 themes,
 * driven by a shared latent "need" plus noise, with ~40 % missing (secret) on three indicators and
 * a few % on others. Medians over RUNS runs after a warm-up, in ms:
 *   normalizeAll            percentile ranks of the 9 indicators
 *   computeIndex            one set of weights with precomputed normalised values (target ≤ 16 ms)
 *   stability_1000_draws    Monte Carlo, 1,000 draws, run directly (target ≤ 300 ms)
 */
import {pathToFileURL} from "node:url";
import {computeIndex, normalizeAll, stability} from "../src/model/needs-index.js";
import type {IndexInput, IndicatorSpec, Weights} from "../src/model/needs-index.js";
import {mulberry32} from "../src/lib/random.js";
import {median, timeMedian as timeMedianOf} from "./timing.js";

const UNITS = 1266;
const RUNS = 21;
const WARMUP = 3;


export function syntheticInput(seed = 42): {input: IndexInput; weights: Weights} {
  const random = mulberry32(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  // [id, theme, direction, share missing, mean, sd, loading on the latent need]
  const specs: [string, string, IndicatorSpec["direction"], number, number, number, number][] = [
    ["taux_pauvrete", "revenus", "besoin_si_eleve", 0.4, 14, 6, 1],
    ["niveau_vie_median", "revenus", "besoin_si_faible", 0.05, 24000, 4000, -1],
    ["part_minima", "revenus", "besoin_si_eleve", 0.4, 8, 3, 0.8],
    ["taux_chomage", "emploi", "besoin_si_eleve", 0, 9, 3, 0.9],
    ["part_peu_diplomes", "emploi", "besoin_si_eleve", 0.02, 25, 8, 0.7],
    ["demandeurs_longue_duree", "emploi", "besoin_si_eleve", 0.4, 45, 8, 0.5],
    ["part_rsa", "prestations", "besoin_si_eleve", 0.1, 4, 2, 0.9],
    ["part_aah", "prestations", "besoin_si_eleve", 0, 3, 1, 0.4],
    ["part_apl", "prestations", "besoin_si_eleve", 0.05, 20, 7, 0.8]
  ];
  const codes = Array.from({length: UNITS}, (_, i) => String(75000 + i));
  const latent = Float64Array.from(codes, () => gauss());
  const values: Record<string, Float64Array> = {};
  for (const [id, , , missing, mean, sd, loading] of specs) {
    values[id] = Float64Array.from(latent, (z) => {
      if (random() < missing) return NaN;
      // rounded to one decimal, as published, so that ties occur
      return Math.round((mean + sd * (loading * z + 0.6 * gauss())) * 10) / 10;
    });
  }
  const indicators = specs.map(([id, theme, direction]) => ({id, theme, direction}));
  const weights: Weights = {
    themes: {revenus: 0.5, emploi: 0.25, prestations: 0.25},
    indicators: Object.fromEntries(specs.map(([id]) => [id, 1]))
  };
  return {input: {codes, indicators, values}, weights};
}


const timeMedian = (fn: () => unknown, runs = RUNS) => timeMedianOf(fn, runs, WARMUP);

/** Medians in ms, keyed by measure. */
export async function benchNeedsIndex(): Promise<Record<string, number>> {
  const {input, weights} = syntheticInput();
  const normalized = normalizeAll(input);
  return {
    normalizeAll_ms: timeMedian(() => normalizeAll(input)),
    computeIndex_ms: timeMedian(() => computeIndex(input, weights, {normalized})),
    stability_1000_draws_ms: timeMedian(() => stability(input, weights, {draws: 1000, normalized}))
  };
}

const TARGETS: Record<string, number> = {computeIndex_ms: 16, stability_1000_draws_ms: 300};

async function main(): Promise<void> {
  const results = await benchNeedsIndex();
  const {input} = syntheticInput();
  const scored = computeIndex(input, syntheticInput().weights).score.filter((s) => !Number.isNaN(s)).length;
  console.log(`needs index: ${UNITS} units, ${input.indicators.length} indicators, ${scored} scored; medians of ${RUNS} runs (node ${process.version})`);
  console.table(
    Object.entries(results).map(([measure, ms]) => ({
      measure,
      "median (ms)": Number(ms.toFixed(2)),
      target: TARGETS[measure] ? `≤ ${TARGETS[measure]} ms` : "",
      ok: TARGETS[measure] ? (ms <= TARGETS[measure] ? "yes" : "NO") : ""
    }))
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
