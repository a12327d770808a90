// What the placement optimiser covers, as a choice with a stated meaning, and where it may put a
// site. Pure: the page builds the need scores and sets, this module only combines them.
//
// Demand (issue: "placement demand for the whole region"). The optimiser maximises the demand
// within reach of a site; what counts as demand decides the answer, so each choice says what it
// counts and how much of the region it knows:
//   - chomeurs: unemployed aged 15-64 (census 2018), published for every commune — the people a
//     couveuse serves first (testing an activity before creating it), and known everywhere;
//   - besoin: inhabitants weighted by the region-wide need index (population × score, the score
//     being in [0, 1]): a commune at the top of the index counts all its inhabitants, one at the
//     bottom almost none — the breadth of need a Fabrique à initiatives works on;
//   - pauvres: persons below the poverty line (Filosofi 2021), the most direct count of need but
//     secret in 800 communes (750,776 inhabitants), which then weigh nothing.
// Nothing is estimated: a place whose count is unknown is listed as unknown and carries no weight.
import type {Demand} from "./placement.js";
import type {Place} from "./placement-scenarios.js";

export type DemandKind = "chomeurs" | "besoin" | "pauvres";
export const DEMAND_KINDS: DemandKind[] = ["chomeurs", "besoin", "pauvres"];

export interface DemandDef {
  label: string;
  /** what one unit of demand is, for sentences ("12 000 chômeurs de 15 à 64 ans") */
  unit: string;
  source: string;
  meaning: string;
}

export const DEMANDS: Record<DemandKind, DemandDef> = {
  chomeurs: {
    label: "Chômeurs de 15 à 64 ans",
    unit: "chômeurs de 15 à 64 ans",
    source: "INSEE, recensement 2018 (comparateur de territoires 2022)",
    meaning: "les personnes sans emploi qui en cherchent un, premières concernées par une couveuse (tester une activité avant de la créer) ; publié pour toutes les communes"
  },
  besoin: {
    label: "Habitants pondérés par l'indice régional de besoins",
    unit: "habitants pondérés par le besoin",
    source: "INSEE, populations légales 2023 ; indice régional de besoins (page Besoins, poids par défaut)",
    meaning: "chaque habitant compte pour l'indice régional de sa commune (entre 0 et 1) : une commune en tête de l'indice compte tous ses habitants, une commune en queue presque aucun"
  },
  pauvres: {
    label: "Personnes sous le seuil de pauvreté",
    unit: "personnes sous le seuil de pauvreté",
    source: "INSEE, Filosofi 2021 (personnes des ménages fiscaux × taux de pauvreté)",
    meaning: "le compte le plus direct du besoin, mais sous secret statistique dans la plupart des petites communes, qui ne pèsent alors rien"
  }
};

/** A demand place with the census count the page data carries (loaders/placement.ts). */
export interface DemandPlace extends Place {
  chomeurs: number | null;
}

export interface DemandCoverage {
  places: number;
  knownPlaces: number;
  population: number;
  knownPopulation: number;
  /** Σ demand over the known places */
  total: number;
}

/**
 * The optimiser's demand points for a choice of demand, among `places` (already one per place:
 * Paris by arrondissement, see demandPlaces). `need` maps a place code to its need score in
 * [0, 1] (NaN or absent = no score), required for "besoin".
 */
export function demandOf(places: DemandPlace[], kind: DemandKind, need?: Map<string, number>): {demand: Demand[]; unknown: DemandPlace[]; coverage: DemandCoverage} {
  if (kind === "besoin" && !need) throw new Error("La demande « besoin » demande les scores de l'indice régional.");
  const weightOf = (p: DemandPlace): number | null => {
    if (kind === "chomeurs") return p.chomeurs;
    if (kind === "pauvres") return p.personnesPauvres;
    const s = need!.get(p.code);
    return s === undefined || Number.isNaN(s) ? null : p.population * s;
  };
  const demand: Demand[] = [];
  const unknown: DemandPlace[] = [];
  const coverage: DemandCoverage = {places: places.length, knownPlaces: 0, population: 0, knownPopulation: 0, total: 0};
  for (const p of places) {
    const w = weightOf(p);
    coverage.population += p.population;
    if (w === null || !Number.isFinite(w) || w < 0) {
      unknown.push(p);
      continue;
    }
    demand.push({code: p.code, x: p.x, y: p.y, weight: w});
    coverage.knownPlaces++;
    coverage.knownPopulation += p.population;
    coverage.total += w;
  }
  return {demand, unknown, coverage};
}

/**
 * Where a site may go. minQuintile: 0 = anywhere, else only communes whose region-wide need
 * quintile is ≥ minQuintile (1 … 5; a commune without one is left out); quartiers: also (or, with
 * minQuintile 0, only) communes in the `quartiers` set — communes known to have a quartier
 * prioritaire or a poverty pocket.
 */
export interface CandidateRule {
  minQuintile: number;
  quartiers: boolean;
}
export const NO_RESTRICTION: CandidateRule = {minQuintile: 0, quartiers: false};

export function restrictCandidates<C extends {code: string}>(candidates: C[], rule: CandidateRule, quintileOf: Map<string, number>, quartiers: Set<string>): C[] {
  if (rule.minQuintile === 0 && !rule.quartiers) return candidates;
  return candidates.filter((c) => (rule.minQuintile > 0 && (quintileOf.get(c.code) ?? 0) >= rule.minQuintile) || (rule.quartiers && quartiers.has(c.code)));
}

export interface DemandChoice {
  demande: DemandKind;
  candidats: CandidateRule;
}

/** Which demand each preset uses: a demand known in every commune for both (the target). */
export const PRESET_DEMAND: Record<string, DemandChoice> = {
  couveuses: {demande: "chomeurs", candidats: NO_RESTRICTION},
  fabriques: {demande: "besoin", candidats: NO_RESTRICTION}
};

/** The permalink part of the demand choice: only what differs from the preset's. */
export function encodeDemandChoice(choice: DemandChoice, preset: string): Record<string, string> {
  const base = PRESET_DEMAND[preset] ?? PRESET_DEMAND.couveuses;
  const out: Record<string, string> = {};
  if (choice.demande !== base.demande) out.demande = choice.demande;
  if (choice.candidats.minQuintile !== base.candidats.minQuintile) out.besoinmin = String(choice.candidats.minQuintile);
  if (choice.candidats.quartiers !== base.candidats.quartiers) out.quartiers = choice.candidats.quartiers ? "1" : "0";
  return out;
}

/**
 * Reads the demand choice from the query string; a value that is not one of the choices is
 * replaced by the preset's and reported in French (the page shows the sentence), never silently.
 */
export function decodeDemandChoice(query: string, preset: string): {choice: DemandChoice; problems: string[]} {
  const p = new URLSearchParams(query);
  const base = PRESET_DEMAND[preset] ?? PRESET_DEMAND.couveuses;
  const problems: string[] = [];
  let demande = base.demande;
  const rawDemand = p.get("demande");
  if (rawDemand !== null) {
    if ((DEMAND_KINDS as string[]).includes(rawDemand)) demande = rawDemand as DemandKind;
    else problems.push(`Paramètre « demande » inconnu : « ${rawDemand} » (attendu : ${DEMAND_KINDS.join(", ")}) ; la demande du préréglage est utilisée.`);
  }
  let minQuintile = base.candidats.minQuintile;
  const rawMin = p.get("besoinmin");
  if (rawMin !== null) {
    const q = Number(rawMin);
    if (rawMin.trim() !== "" && Number.isInteger(q) && q >= 0 && q <= 5) minQuintile = q;
    else problems.push(`Seuil de besoin « besoinmin » invalide : « ${rawMin} » (attendu : un quintile entier de 0, sans restriction, à 5) ; le réglage du préréglage est utilisé.`);
  }
  let quartiers = base.candidats.quartiers;
  const rawQ = p.get("quartiers");
  if (rawQ !== null) {
    if (rawQ === "1" || rawQ === "0") quartiers = rawQ === "1";
    else problems.push(`Paramètre « quartiers » invalide : « ${rawQ} » (attendu : 1 ou 0) ; il est ignoré.`);
  }
  return {choice: {demande, candidats: {minQuintile, quartiers}}, problems};
}
