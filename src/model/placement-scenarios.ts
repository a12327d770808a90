// The Implantation page's glue, pure: presets, scenario <-> URL, and the inputs of the optimiser
// built from the page data (demand, candidates, existing structures in planar km).
import {toKm} from "../lib/projection.js";
import {decodeDemandChoice, encodeDemandChoice, PRESET_DEMAND, type CandidateRule, type DemandKind} from "./placement-demand.js";

export interface Place { code: string; nom: string; niveau: string; departement: string; couronne: string; bassin: string; population: number; lon: number; lat: number; x: number; y: number; personnesPauvres: number | null; statut: string | null }
export interface StructureRow { id: string; nom: string; type: string; code_commune: string | null; latitude: number | null; longitude: number | null; localisable: boolean; source: string }

export type Objective = "couverture" | "p_median" | "ensemble_couvrant";
export const OBJECTIVE_IDS: readonly Objective[] = ["couverture", "p_median", "ensemble_couvrant"];

export interface Scenario {
  preset: "couveuses" | "fabriques";
  /** What the optimiser does (src/model/placement-proposal.ts). */
  objective: Objective;
  k: number;
  radiusKm: number;
  couronnes: string[];
  minPopulation: number;
  excluded: string[];
  existingTypes: string[];
  onePerGroup: boolean;
  /** Ensemble couvrant: every place with at least this much demand must be within R. */
  minWeight: number;
  /** Families of the support offer read in the gap ("no employment or insertion support within R"). */
  gapFamilies: string[];
  /** What the optimiser counts as demand, whatever the objective (src/model/placement-demand.ts). */
  demande: DemandKind;
  /** Where the proposal shown beside the free one may put its sites: the places of need. */
  candidats: CandidateRule;
}

/**
 * Couveuses: local access for people starting an activity, so a short radius (5 km, about a
 * quarter of an hour by public transport in the petite couronne) and sites outside Paris, where
 * proposition 10 asks for them. Fabriques à initiatives: detection of needs at territory scale, so
 * a wide radius (15 km) and at most one per bassin d'emploi, the scale at which the CRESS works.
 */
export const PRESETS: Record<Scenario["preset"], Omit<Scenario, "preset">> = {
  couveuses: {objective: "couverture", k: 5, radiusKm: 5, couronnes: ["petite_couronne", "grande_couronne"], minPopulation: 0, excluded: [], existingTypes: ["couveuse", "cae", "incubateur_ess", "pepiniere"], onePerGroup: false, minWeight: 1000, gapFamilies: ["emploi", "insertion"], ...PRESET_DEMAND.couveuses},
  fabriques: {objective: "couverture", k: 5, radiusKm: 15, couronnes: ["paris", "petite_couronne", "grande_couronne"], minPopulation: 0, excluded: [], existingTypes: ["fabrique_a_initiatives", "dla"], onePerGroup: true, minWeight: 1000, gapFamilies: ["emploi", "insertion"], ...PRESET_DEMAND.fabriques}
};

export function encodeScenario(s: Scenario): string {
  const base = PRESETS[s.preset];
  const p = new URLSearchParams({preset: s.preset});
  if (s.objective !== base.objective) p.set("objectif", s.objective);
  if (s.k !== base.k) p.set("k", String(s.k));
  if (s.radiusKm !== base.radiusKm) p.set("r", String(s.radiusKm));
  if (s.couronnes.join() !== base.couronnes.join()) p.set("couronnes", s.couronnes.join(","));
  if (s.minPopulation) p.set("popmin", String(s.minPopulation));
  if (s.excluded.length) p.set("exclus", s.excluded.join(","));
  if (s.existingTypes.join() !== base.existingTypes.join()) p.set("offre", s.existingTypes.join(","));
  if (s.onePerGroup !== base.onePerGroup) p.set("unparbassin", s.onePerGroup ? "1" : "0");
  if (s.minWeight !== base.minWeight) p.set("seuil", String(s.minWeight));
  if (s.gapFamilies.join() !== base.gapFamilies.join()) p.set("familles", s.gapFamilies.join(","));
  for (const [key, value] of Object.entries(encodeDemandChoice(s, s.preset))) p.set(key, value);
  return p.toString();
}

/**
 * The scenario of a permalink. Every value is checked against what it may be (`types`: the known
 * structure types); anything else falls back to the preset, so no URL text is ever used as a key.
 * The demand and the places of need fall back the same way; decodeDemandChoice says what it could
 * not read, for the page to show.
 */
export function decodeScenario(query: string, {types, families = []}: {types: readonly string[]; families?: readonly string[]}): Scenario {
  const knownTypes = new Set(types);
  const knownFamilies = new Set(families);
  const p = new URLSearchParams(query);
  const preset = p.get("preset") === "fabriques" ? "fabriques" : "couveuses";
  const base = PRESETS[preset];
  const objective = OBJECTIVE_IDS.find((o) => o === p.get("objectif"));
  const int = (v: string | null, min: number, max: number, fallback: number) => {
    const n = Number(v);
    return v !== null && Number.isFinite(n) && n >= min && n <= max ? n : fallback;
  };
  const list = (v: string | null, ok: (x: string) => boolean, fallback: string[]) => (v === null ? fallback : v.split(",").filter(ok));
  const {choice} = decodeDemandChoice(query, preset);
  return {
    preset,
    objective: objective ?? base.objective,
    k: Math.round(int(p.get("k"), 1, 15, base.k)),
    radiusKm: int(p.get("r"), 1, 50, base.radiusKm),
    couronnes: list(p.get("couronnes"), (c) => ["paris", "petite_couronne", "grande_couronne"].includes(c), base.couronnes),
    minPopulation: int(p.get("popmin"), 0, 1e7, 0),
    excluded: list(p.get("exclus"), (c) => /^\d[0-9AB]\d{3}$/.test(c), []),
    existingTypes: list(p.get("offre"), (c) => knownTypes.has(c), base.existingTypes),
    onePerGroup: p.has("unparbassin") ? p.get("unparbassin") === "1" : base.onePerGroup,
    minWeight: int(p.get("seuil"), 0, 1e7, base.minWeight),
    gapFamilies: list(p.get("familles"), (c) => knownFamilies.has(c), base.gapFamilies),
    demande: choice.demande,
    candidats: choice.candidats
  };
}

/** Where a structure is, in km: its coordinates, else its commune's centroid; null if not locatable. */
export function structurePoint(s: StructureRow, centroids: Map<string, Place>): {x: number; y: number} | null {
  if (s.latitude !== null && s.longitude !== null) {
    const [x, y] = toKm([s.longitude, s.latitude]);
    return {x, y};
  }
  const c = s.code_commune ? centroids.get(s.code_commune) : undefined;
  return c ? {x: c.x, y: c.y} : null;
}

/** The places that carry demand: Paris by its arrondissements when they are there, never also as 75056. */
export function demandPlaces<P extends Pick<Place, "code" | "niveau">>(places: P[]): P[] {
  const byArrondissement = places.some((p) => p.niveau === "arrondissement");
  return byArrondissement ? places.filter((p) => p.code !== "75056") : places;
}

export function placementInputs(places: Place[], structures: StructureRow[], s: Scenario) {
  const centroids = new Map(places.filter((p) => p.niveau === "commune").map((p) => [p.code, p]));
  // Paris as a whole is a candidate (75056, at its centroid), its arrondissements are demand points.
  const parisArr = places.filter((p) => p.niveau === "arrondissement");
  if (parisArr.length && !centroids.has("75056")) {
    const pop = parisArr.reduce((a, p) => a + p.population, 0);
    centroids.set("75056", {...parisArr[0], code: "75056", nom: "Paris", niveau: "commune", population: pop, x: parisArr.reduce((a, p) => a + p.x * p.population, 0) / pop, y: parisArr.reduce((a, p) => a + p.y * p.population, 0) / pop});
  }
  const demandAt = demandPlaces(places);
  const known = demandAt.filter((p) => p.personnesPauvres !== null);
  const unknown = demandAt.filter((p) => p.personnesPauvres === null);
  const demand = known.map((p) => ({code: p.code, x: p.x, y: p.y, weight: p.personnesPauvres!}));
  const excluded = new Set(s.excluded);
  const candidates = [...centroids.values()]
    .filter((p) => s.couronnes.includes(p.couronne) && p.population >= s.minPopulation && !excluded.has(p.code))
    .map((p) => ({code: p.code, x: p.x, y: p.y, group: p.bassin}));
  const types = new Set(s.existingTypes);
  const chosen = structures.filter((st) => types.has(st.type));
  const located = chosen.map((st) => ({st, point: st.localisable ? structurePoint(st, centroids) : null}));
  return {
    demand,
    candidates,
    existing: located.filter((l) => l.point).map((l) => l.point!),
    unknown,
    centroids,
    structuresCounted: located.filter((l) => l.point).map((l) => l.st),
    structuresNotLocated: located.filter((l) => !l.point).map((l) => l.st)
  };
}

/**
 * The unmet-need gap of a place: its need quintile (index, 1–5, null when not computed) crossed
 * with the recorded structures within reach. 0 = need quintile 5 and no structure within R
 * ("besoin élevé, offre recensée faible"), 1 = quintile 5 with some structure, 2 = quintile 4 and
 * none, 3 = any other place with an index, 4 = no index (statistical secrecy).
 */
export function gapClass(quintile: number | null, structuresWithin: number): 0 | 1 | 2 | 3 | 4 {
  if (quintile === null) return 4;
  if (quintile === 5) return structuresWithin === 0 ? 0 : 1;
  return quintile === 4 && structuresWithin === 0 ? 2 : 3;
}

/** How many of the points lie within radiusKm of (x, y) — planar km, inclusive. */
export function countWithin(points: {x: number; y: number}[], x: number, y: number, radiusKm: number): number {
  let n = 0;
  for (const p of points) if ((p.x - x) ** 2 + (p.y - y) ** 2 <= radiusKm * radiusKm) n++;
  return n;
}

/** Per group (bassin): known demand (persons in poverty unless `weightOf` says otherwise), that with
 * no structure within reach, and that still without one once the proposed sites' coverage is added.
 * Unknown demand is counted apart. */
export function gapByGroup(places: Place[], existing: {x: number; y: number}[], radiusKm: number, coveredBySites: Set<string>, weightOf: (p: Place) => number | null = (p) => p.personnesPauvres) {
  const groups = new Map<string, {pauvres: number; sansOffre: number; apres: number; inconnus: number}>();
  for (const p of demandPlaces(places)) {
    const g = groups.get(p.bassin) ?? {pauvres: 0, sansOffre: 0, apres: 0, inconnus: 0};
    const w = weightOf(p);
    if (w === null) g.inconnus++;
    else {
      g.pauvres += w;
      if (countWithin(existing, p.x, p.y, radiusKm) === 0) {
        g.sansOffre += w;
        if (!coveredBySites.has(p.code)) g.apres += w;
      }
    }
    groups.set(p.bassin, g);
  }
  return groups;
}
