// What the Implantation page shows, pure: the scenario read from the controls, the summary of the
// optimiser's result, the shortlist, how often each site is chosen again when the need index's
// weights move, the unmet-need gap of each commune and bassin, and the comparison of two scenarios.
// The page loads the data, calls these and shows what they return (src/implantation.md).
import {formatDecimal, formatInteger, formatPercent} from "../lib/format.js";
import {NO_DATA} from "../lib/palettes.js";
import {mulberry32} from "../lib/random.js";
import {classOfBreaks, defaultWeights, quintileBreaks, type NeedsData} from "./needs-model.js";
import {normalizeAll} from "./needs-index.js";
import {inputFor, needsIndices} from "./needs-regional.js";
import {placeSites, type Demand, type PlacementResult} from "./placement.js";
import {countWithin, gapByGroup, gapClass, placementInputs, type Place, type Scenario} from "./placement-scenarios.js";

export type PlacementInputs = ReturnType<typeof placementInputs>;
export interface PlacementData {
  places: Place[];
  bassins: {code: string; libelle: string}[];
}

const CODE = /^\d[0-9AB]\d{3}$/;

/** The scenario of the controls: the excluded communes are typed as free text ("93066, 94081"),
 * the places of need as two controls (a need quintile, and the quartiers). */
export function scenarioFrom(preset: Scenario["preset"], form: Omit<Scenario, "preset" | "excluded" | "candidats"> & {excluded: string; minQuintile: number; quartiers: boolean}): Scenario {
  const {minQuintile, quartiers, ...rest} = form;
  return {preset, ...rest, excluded: form.excluded.split(/[\s,;]+/).filter((c) => CODE.test(c)), candidats: {minQuintile, quartiers}};
}

export function nameOf(data: PlacementData): (code: string) => string {
  const names = new Map(data.places.map((p) => [p.code, p.nom]));
  return (code) => (code === "75056" ? "Paris" : names.get(code) ?? code);
}

export function bassinName(data: PlacementData): (code: string | undefined) => string {
  const names = new Map(data.bassins.map((b) => [b.code, b.libelle]));
  return (code) => (code === undefined ? "—" : names.get(code) ?? code);
}

/** A run of the summary's text; `strong` runs are the figures a reader looks for. */
export interface Run {
  text: string;
  strong?: boolean;
}

/**
 * The sentence under the shortlist: how many sites, how many people in poverty they reach beyond
 * the recorded structures, and how close to the best possible the choice is proven to be.
 */
export function placementSummary(result: PlacementResult, inputs: PlacementInputs, scenario: Scenario, solveMs: number, unit = "personnes sous le seuil de pauvreté"): Run[] {
  const known = inputs.demand.reduce((s, d) => s + d.weight, 0);
  const radius = `${formatInteger(scenario.radiusKm)} km`;
  const total = `sur une demande connue de ${formatInteger(known)} (${formatPercent(known ? (result.alreadyCovered + result.coveredWeight) / known : NaN)} à portée au total).`;
  const n = result.picks.length;
  if (n === 0) {
    const why = inputs.candidates.length
      ? `aucune commune candidate ne couvre, à moins de ${radius}, de demande (${unit}) que les structures recensées ne couvrent déjà`
      : "aucune commune n'est candidate (choisissez au moins une couronne, baissez la population minimale ou retirez des exclusions)";
    return [
      {text: "Aucun site n'est proposé", strong: true},
      {text: ` : ${why}. Les structures recensées couvrent ${formatInteger(result.alreadyCovered)} ${unit}, ${total} Calcul : ${formatDecimal(solveMs, 0)} ms.`}
    ];
  }
  const guarantee = scenario.onePerGroup ? "1/2" : "1 − 1/e ≈ 63 %";
  const proof: Run[] = result.optimal
    ? [{text: "C'est la meilleure solution possible", strong: true}, {text: ` (${result.method === "exhaustive" ? "vérifiée par recherche exhaustive" : "elle atteint la borne supérieure calculée"}).`}]
    : [
        {text: `Borne supérieure de l'optimum : ${formatInteger(result.upperBound)} ; la solution en atteint au moins `},
        {text: formatPercent(result.coveredWeight / result.upperBound), strong: true},
        {text: ` (garantie théorique de l'algorithme glouton : ${guarantee}).`}
      ];
  return [
    {text: n === 1 ? "Le " : "Les "},
    {text: n === 1 ? "site proposé" : `${formatInteger(n)} sites proposés`, strong: true},
    {text: n === 1 ? " couvre " : " couvrent "},
    {text: formatInteger(result.coveredWeight), strong: true},
    {text: ` ${unit} à moins de ${radius}, en plus des ${formatInteger(result.alreadyCovered)} déjà à portée d'une structure recensée, ${total} `},
    ...proof,
    {text: ` Calcul : ${formatDecimal(solveMs, 0)} ms.`}
  ];
}

/** What the demand leaves out and what supply is counted, said under the summary. */
export function demandNote(inputs: PlacementInputs): {unknownPlaces: number; unknownPopulation: number; located: number; notLocated: number} {
  return {
    unknownPlaces: inputs.unknown.length,
    unknownPopulation: inputs.unknown.reduce((s, p) => s + p.population, 0),
    located: inputs.structuresCounted.length,
    notLocated: inputs.structuresNotLocated.length
  };
}

/**
 * How often each site is chosen again when the demand is weighted by need: `draws` draws of the
 * index weights (each ×U(0.5, 1.5), seeded), each demand point reweighed by the region-wide index
 * of the draw — by default demand × (0.5 + index) —, the optimiser re-run each time. Counts of
 * people do not depend on the weights: the draws weigh the other dimensions of need. `pause` lets
 * a page breathe every 10 draws.
 */
export async function pickStability(
  needs: NeedsData,
  inputs: PlacementInputs,
  scenario: Scenario,
  {draws = 100, seed = 7, pause = async () => {}, reweigh = (p: Demand, score: number) => p.weight * (0.5 + score)}: {draws?: number; seed?: number; pause?: () => Promise<void>; reweigh?: (p: Demand, score: number) => number} = {}
): Promise<Map<string, number>> {
  const weights = defaultWeights(needs);
  const normalized = normalizeAll(inputFor(needs, "commune", "detaille")); // does not depend on the weights
  const byCode = new Map(needs.niveaux.commune.codes.map((c, i) => [c, i]));
  const random = mulberry32(seed);
  const jitter = (w: Record<string, number>) => Object.fromEntries(Object.entries(w).map(([k, v]) => [k, v * (0.5 + random())]));
  const counts = new Map<string, number>();
  for (let d = 0; d < draws; d++) {
    const index = needsIndices(needs, "commune", {themes: jitter(weights.themes), indicators: jitter(weights.indicators)}, normalized).regional;
    const demand = inputs.demand.map((p) => {
      // a Paris arrondissement carries Paris's index (arrondissements are not ranked)
      const s = index.result.score[byCode.get(p.code) ?? byCode.get("75056")!];
      return {...p, weight: s === undefined || Number.isNaN(s) ? 0 : reweigh(p, s)};
    });
    const {picks} = placeSites(demand, inputs.candidates, {k: scenario.k, radiusKm: scenario.radiusKm, existing: inputs.existing, onePerGroup: scenario.onePerGroup});
    for (const pick of picks) counts.set(pick.code, (counts.get(pick.code) ?? 0) + 1);
    if (d % 10 === 9) await pause();
  }
  return new Map([...counts].map(([c, n]) => [c, n / draws]));
}

/** The gap classes of the map, from high need and no site of the families read within reach (0) to no index (4). */
export const GAP = [
  {color: "#b2182b", label: "Besoin élevé (quintile 5), aucun site des familles lues à portée"},
  {color: "#ef8a62", label: "Besoin élevé, au moins un site des familles lues à portée"},
  {color: "#fddbc7", label: "Besoin assez élevé (quintile 4), aucun site des familles lues à portée"},
  {color: "#f7f7f7", label: "Autres communes dotées d'un indice"},
  {color: NO_DATA, label: "Indice régional non calculé (moins de la moitié du poids publiée)"}
] as const;

/**
 * Each commune's gap class: its need quintile (region-wide index, default weights) crossed with
 * whether the support read in the gap (`supported`: a site of the chosen families within R) reaches it.
 */
export function gapClasses(needs: NeedsData, supported: (code: string) => boolean): Map<string, number> {
  const communes = needsIndices(needs, "commune", defaultWeights(needs)).regional;
  const breaks = quintileBreaks(communes.result);
  return new Map(
    needs.niveaux.commune.codes.map((code, i) => {
      const q = classOfBreaks(breaks, communes.result.score[i]);
      return [code, gapClass(q === null ? null : q + 1, supported(code) ? 1 : 0)];
    })
  );
}

/** Colour-blind-safe colours for the structure types (Okabe & Ito, then greys and browns). */
const TYPE_COLORS = ["#0072B2", "#009E73", "#CC79A7", "#56B4E9", "#E69F00", "#D55E00", "#F0E442", "#000000", "#999999", "#7f3b08", "#542788"];
export function typeColors(types: readonly string[]): Map<string, string> {
  return new Map(types.map((t, i) => [t, TYPE_COLORS[i % TYPE_COLORS.length]]));
}

/** The map's legend: the gap classes, then each structure type shown. */
export function placementLegend(inputs: PlacementInputs, colors: Map<string, string>, labels: Map<string, string>) {
  const used = [...new Set(inputs.structuresCounted.map((s) => s.type))];
  return [...GAP, ...used.map((t) => ({color: colors.get(t) ?? "#999999", label: `Structure recensée : ${labels.get(t) ?? t}`}))];
}

export interface BassinRow {
  code: string;
  bassin: string;
  pauvres: number;
  sans: number;
  part: number | null;
  apres: number;
  inconnus: number;
}

/** By bassin: the known demand (the poor unless `weightOf` says otherwise), that with no recorded
 * structure within reach, before and after the proposed sites (`coveredAfter`: the demand places
 * within R of an open site once they are open). */
export function bassinRows(data: PlacementData, inputs: PlacementInputs, radiusKm: number, coveredAfter: Set<string>, weightOf?: (p: Place) => number | null): BassinRow[] {
  const name = bassinName(data);
  return [...gapByGroup(data.places, inputs.existing, radiusKm, coveredAfter, weightOf)].map(([code, b]) => ({
    code,
    bassin: name(code),
    pauvres: b.pauvres,
    sans: b.sansOffre,
    part: b.pauvres ? b.sansOffre / b.pauvres : null,
    apres: b.apres,
    inconnus: b.inconnus
  }));
}

/** Five classes of 20 % for the bassin map. */
export const SHARE_COLORS = ["#fee5d9", "#fcae91", "#fb6a4a", "#de2d26", "#a50f15"] as const;
export const shareClass = (share: number | null | undefined) => (share === null || share === undefined ? null : Math.min(4, Math.floor(share * 5)));
