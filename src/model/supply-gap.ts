// The gap read by family of the support offer: for every place, the distance to the nearest site of
// each family (access to rights, employment, insertion, entrepreneurship, tiers-lieux) that receives
// the public, and whether the families a reader chose have a site within R — "high need, no
// employment or insertion support within 5 km". Pure; planar km from lon/lat (src/lib/projection.ts).
import {toKm} from "../lib/projection.js";

export interface SupplySite {
  source: string;
  nom: string;
  type: string;
  famille: string;
  lon: number;
  lat: number;
  /** Receives the public and has a place: counts in distances. */
  compte: boolean;
  /** A bus: the point is its base. */
  mobile: boolean;
}

export interface Famille {
  id: string;
  libelle: string;
  description: string;
  sites: number;
  localises: number;
  comptes: number;
  /** "2019", or "2008 à 2024" when the family's sites carry several years. */
  millesime: string | null;
  /** A compilation or an old survey rather than a full public directory (data/offre.json). */
  partiel?: boolean;
  sources: {id: string; title: string; vintage: string; licence: string}[];
}

/** The counted sites of each family, in planar km. */
export function sitesByFamily(sites: readonly SupplySite[]): Map<string, {x: number; y: number}[]> {
  const out = new Map<string, {x: number; y: number}[]>();
  for (const s of sites) {
    if (!s.compte) continue;
    const [x, y] = toKm([s.lon, s.lat]);
    const list = out.get(s.famille) ?? [];
    list.push({x, y});
    out.set(s.famille, list);
  }
  return out;
}

/** For each place, the distance (km) to the nearest counted site of each family; Infinity when the family has none. */
export function nearestByFamily(places: readonly {code: string; x: number; y: number}[], byFamily: Map<string, {x: number; y: number}[]>): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const p of places) {
    const distances = new Map<string, number>();
    for (const [famille, points] of byFamily) {
      let best = Infinity;
      for (const q of points) {
        const d2 = (q.x - p.x) ** 2 + (q.y - p.y) ** 2;
        if (d2 < best) best = d2;
      }
      distances.set(famille, Math.sqrt(best));
    }
    out.set(p.code, distances);
  }
  return out;
}

/** Is some site of the chosen families within radiusKm (inclusive)? No family chosen: no support counted. */
export function supportWithin(distances: Map<string, number> | undefined, families: readonly string[], radiusKm: number): boolean {
  if (!distances) return false;
  return families.some((f) => (distances.get(f) ?? Infinity) <= radiusKm);
}

export interface FamilyGapRow {
  famille: string;
  libelle: string;
  millesime: string | null;
  /** Demand places (communes, Paris by arrondissement) with no site of the family within R. */
  lieuxSans: number;
  /** Their known demand (persons in poverty unless `weightOf` says otherwise). */
  pauvresSans: number;
  /** Places with no site of the family within R whose demand is unknown (statistical secrecy). */
  inconnusSans: number;
  /** Communes of high need (`highNeed`: need quintile 4 or 5 of the region-wide index) with no site of the family within R. */
  besoinSans: number;
  /** Distance from the farthest place to its nearest site of the family (km). */
  distanceMax: number | null;
}

type GapPlace = {code: string; personnesPauvres: number | null};
export interface FamilyGapOptions<P extends GapPlace> {
  /** A place's demand, null when unknown; persons in poverty by default. */
  weightOf?: (p: P) => number | null;
  /** Codes of the communes of high need (need quintile 4 or 5 of the region-wide index). */
  highNeed?: readonly string[];
}

/** One row per family: how much known demand, and how many communes of high need, have no site of that family within R. */
export function familyGapRows<P extends GapPlace>(
  places: readonly P[],
  nearest: Map<string, Map<string, number>>,
  familles: readonly Famille[],
  radiusKm: number,
  {weightOf = (p) => p.personnesPauvres, highNeed = []}: FamilyGapOptions<P> = {}
): FamilyGapRow[] {
  const beyond = (code: string, famille: string) => (nearest.get(code)?.get(famille) ?? Infinity) > radiusKm;
  return familles.map((f) => {
    let lieuxSans = 0, pauvresSans = 0, inconnusSans = 0, distanceMax = -Infinity;
    for (const p of places) {
      const d = nearest.get(p.code)?.get(f.id) ?? Infinity;
      if (d > distanceMax) distanceMax = d;
      if (d <= radiusKm) continue;
      lieuxSans++;
      const w = weightOf(p);
      if (w === null) inconnusSans++;
      else pauvresSans += w;
    }
    const besoinSans = highNeed.filter((code) => beyond(code, f.id)).length;
    return {famille: f.id, libelle: f.libelle, millesime: f.millesime, lieuxSans, pauvresSans, inconnusSans, besoinSans, distanceMax: Number.isFinite(distanceMax) ? distanceMax : null};
  });
}

/** Colours of the families' small dots: dark, colour-blind-safe hues (Paul Tol's "muted" scheme, and
 * black) that stand out on the red and orange gap classes and differ from the structure types'. */
export const FAMILY_COLORS = new Map([
  ["acces_droits", "#332288"],
  ["emploi", "#117733"],
  ["insertion", "#000000"],
  ["entrepreneuriat", "#999933"],
  ["lieux", "#44AA99"]
]);

/** Imported structures (staff file) join the family their file gives, else that of their type:
 * tiers-lieux, or entrepreneurship. */
export function withImported(byFamily: Map<string, {x: number; y: number}[]>, points: readonly {type: string; famille?: string | null; x: number; y: number}[]): Map<string, {x: number; y: number}[]> {
  const out = new Map([...byFamily].map(([f, list]) => [f, [...list]]));
  for (const p of points) {
    const famille = p.famille ?? (p.type === "tiers_lieu" ? "lieux" : "entrepreneuriat");
    out.set(famille, [...(out.get(famille) ?? []), {x: p.x, y: p.y}]);
  }
  return out;
}

/** The sentence that says which families the gap reads, with each family's vintage. */
export function familiesRead(familles: readonly Famille[], chosen: readonly string[]): string {
  const read = familles.filter((f) => chosen.includes(f.id));
  if (!read.length) return "aucune famille de l'offre n'est lue : toute commune de besoin élevé apparaît sans offre à portée";
  return read.map((f) => `${f.libelle.toLowerCase()} (${f.millesime ?? "millésime inconnu"})`).join(", ");
}

/** The page's table of the families: the gap rows with each family's sources and site counts. */
export function familyTable<P extends GapPlace>(places: readonly P[], nearest: Map<string, Map<string, number>>, familles: readonly Famille[], radiusKm: number, options: FamilyGapOptions<P> = {}) {
  return familyGapRows(places, nearest, familles, radiusKm, options).map((r, i) => ({
    ...r,
    sites: familles[i].sites,
    comptes: familles[i].comptes,
    sources: familles[i].sources.map((s) => `${s.title} (${s.vintage})`).join(" ; ")
  }));
}
