// What the placement optimiser covers, as a choice with a stated meaning, and where it may put a
// site — for every objective (src/model/placement-proposal.ts: maximal covering, p-median, set
// covering). Pure: the page builds the need scores and sets, this module only combines them.
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
import {formatDecimal, formatInteger, formatPercent, plural} from "../lib/format.js";
import type {Demand} from "./placement.js";
import type {DemandMetrics} from "./placement-metrics.js";
import type {Place} from "./placement-scenarios.js";

export type DemandKind = "chomeurs" | "besoin" | "pauvres";
export const DEMAND_KINDS: DemandKind[] = ["chomeurs", "besoin", "pauvres"];

export interface DemandDef {
  label: string;
  /** a few words, for scenario titles */
  short: string;
  /** what one unit of demand is, for sentences ("12 000 chômeurs de 15 à 64 ans") */
  unit: string;
  source: string;
  meaning: string;
}

export const DEMANDS: Record<DemandKind, DemandDef> = {
  chomeurs: {
    label: "Chômeurs de 15 à 64 ans",
    short: "chômeurs",
    unit: "chômeurs de 15 à 64 ans",
    source: "INSEE, recensement 2018, comparateur de territoires 2022",
    meaning: "les personnes sans emploi qui en cherchent un, premières concernées par une couveuse (tester une activité avant de la créer) ; publié pour toutes les communes"
  },
  besoin: {
    label: "Habitants pondérés par l'indice régional de besoins",
    short: "habitants × besoin",
    unit: "habitants pondérés par le besoin",
    source: "INSEE, populations légales 2023, et indice régional de besoins de la page Besoins aux poids par défaut",
    meaning: "chaque habitant compte pour l'indice régional de sa commune (entre 0 et 1) : une commune en tête de l'indice compte tous ses habitants, une commune en queue presque aucun"
  },
  pauvres: {
    label: "Personnes sous le seuil de pauvreté",
    short: "personnes pauvres",
    unit: "personnes sous le seuil de pauvreté",
    source: "INSEE, Filosofi 2021 : personnes des ménages fiscaux × taux de pauvreté",
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

/** Where the proposal limited to places of need may put its sites, by default: need quintile 4 or 5, or a known quartier. */
export const NEED_CANDIDATES: CandidateRule = {minQuintile: 4, quartiers: true};

/**
 * Which demand each preset uses — a demand known in every commune for both — and the rule of the
 * proposal shown beside the unrestricted one.
 */
export const PRESET_DEMAND: Record<string, DemandChoice> = {
  couveuses: {demande: "chomeurs", candidats: NEED_CANDIDATES},
  fabriques: {demande: "besoin", candidats: NEED_CANDIDATES}
};

/** The permalink part of the demand choice: only what differs from the preset's. */
export function encodeDemandChoice(choice: DemandChoice, preset: string): Record<string, string> {
  const base = Object.hasOwn(PRESET_DEMAND, preset) ? PRESET_DEMAND[preset] : PRESET_DEMAND.couveuses;
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
  const base = Object.hasOwn(PRESET_DEMAND, preset) ? PRESET_DEMAND[preset] : PRESET_DEMAND.couveuses;
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

/** The placement inputs with the chosen demand in place of the default one (persons in poverty). */
export function withDemand<T extends {demand: Demand[]; unknown: Place[]}>(inputs: T, chosen: {demand: Demand[]; unknown: DemandPlace[]}): T {
  return {...inputs, demand: chosen.demand, unknown: chosen.unknown};
}

/**
 * Candidate communes whose own demand is known: a commune is a demand place itself, or, for Paris
 * (75056, the candidate placementInputs builds), through its arrondissements (all of them known).
 */
export function candidateCoverage(candidates: {code: string}[], demand: Demand[], unknown: {code: string; niveau: string}[]): {candidates: number; known: number} {
  const known = new Set(demand.map((d) => d.code));
  const parisKnown = !unknown.some((p) => p.niveau === "arrondissement");
  return {candidates: candidates.length, known: candidates.filter((c) => known.has(c.code) || (c.code === "75056" && parisKnown)).length};
}

/** Communes where a quartier prioritaire is known (commune-signed contrats de ville) or a poverty pocket was measured. */
export function quartiersOf(communesQpv: string[], pockets: {codes: string[]; values: (number | null)[]}): Set<string> {
  const out = new Set(communesQpv);
  pockets.codes.forEach((code, i) => {
    if ((pockets.values[i] ?? 0) > 0) out.add(code);
  });
  return out;
}

/** "communes du quintile 4 ou 5 de l'indice régional, ou avec un quartier prioritaire connu ou une poche de pauvreté" */
export function ruleLabel(rule: CandidateRule): string {
  const need = rule.minQuintile === 5 ? "communes du quintile 5 de l'indice régional" : rule.minQuintile === 4 ? "communes des quintiles 4 et 5 de l'indice régional" : rule.minQuintile > 0 ? `communes des quintiles ${rule.minQuintile} à 5 de l'indice régional` : "";
  const q = rule.quartiers ? "communes avec un quartier prioritaire connu ou une poche de pauvreté (IRIS)" : "";
  return need && q ? `${need}, ou ${q}` : need || q || "toutes les communes";
}

/** The sentence on the demand under the proposals: what it counts, where it comes from, what of it is known. */
export function demandSentence(kind: DemandKind, coverage: DemandCoverage, candidates: {candidates: number; known: number}): string {
  const d = DEMANDS[kind];
  const unknown = coverage.places - coverage.knownPlaces;
  return (
    `Demande : ${d.label.toLowerCase()} — ${d.meaning} (${d.source}), au centroïde de chaque commune, Paris par arrondissement. ` +
    `Connue pour ${plural(coverage.knownPlaces, "lieu", "lieux")} sur ${formatInteger(coverage.places)} (${formatPercent(coverage.population ? coverage.knownPopulation / coverage.population : NaN)} de la population) et pour ${formatInteger(candidates.known)} des ${formatInteger(candidates.candidates)} communes candidates` +
    (unknown > 0 ? ` ; ${plural(unknown, "lieu", "lieux")} sans valeur (${formatInteger(coverage.population - coverage.knownPopulation)} habitants) : leur demande n'est pas estimée, elle n'entre pas dans le calcul.` : ".")
  );
}

/** What a proposal achieves, whatever its objective: its sites and the demand within R once they are open. */
export interface ProposalOutcome {
  picks: {code: string}[];
  after: DemandMetrics;
}

const km = (x: number | null) => (x === null ? "n.d." : `${formatDecimal(x, 1)} km`);

/**
 * The two proposals side by side — every candidate, and only the places of need — with the
 * coverage each achieves: the demand within R of an open site (recorded structures included), its
 * share of the known demand, and the demand's mean distance to the nearest open site.
 */
export function restrictionSentence(free: ProposalOutcome, limited: ProposalOutcome | null, unit: string, rule: CandidateRule, limitedCandidates: number, radiusKm: number): string {
  const sites = (o: ProposalOutcome) => (o.picks.length ? plural(o.picks.length, "site", "sites") : "aucun site");
  const reach = (o: ProposalOutcome) => `${formatPercent(o.after.coverage ?? NaN)} de la demande connue ; distance moyenne ${km(o.after.meanKm)}`;
  const head = `Sites libres : ${sites(free)}, ${formatInteger(free.after.coveredWeight)} ${unit} à moins de ${formatInteger(radiusKm)} km d'une structure ou d'un site (${reach(free)}).`;
  if (!limited) return `${head} Choisissez des communes de besoin pour voir où iraient les sites s'ils devaient y être.`;
  if (limitedCandidates === 0) return `${head} Aucune commune candidate n'est parmi les ${ruleLabel(rule)} : pas de proposition limitée.`;
  const diff = Math.round(limited.after.coveredWeight) - Math.round(free.after.coveredWeight);
  return `${head} Sites limités aux ${ruleLabel(rule)} (${plural(limitedCandidates, "commune candidate", "communes candidates")}) : ${sites(limited)}, ${formatInteger(limited.after.coveredWeight)} (${reach(limited)}), soit ${diff === 0 ? "autant" : `${formatInteger(Math.abs(diff))} ${diff < 0 ? "de moins" : "de plus"}`} à portée.`;
}

/** The sites of the two proposals, rank by rank ("—" where one has fewer). */
export function restrictionRows(free: ProposalOutcome, limited: ProposalOutcome, label: (code: string) => string): string[][] {
  return Array.from({length: Math.max(free.picks.length, limited.picks.length)}, (_, i) => [String(i + 1), free.picks[i] ? label(free.picks[i].code) : "—", limited.picks[i] ? label(limited.picks[i].code) : "—"]);
}
