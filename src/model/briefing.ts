// The home page's findings: a few sentences a non-specialist can read, each computed from the data
// at build time (src/index.md.ts) and linking to the page that shows it. Pure; every number comes
// from the inputs, none is typed here.
import {formatInteger, formatPercent, plural} from "../lib/format.js";
import {stability} from "./needs-index.js";
import {defaultWeights, weightsFor, type LevelIndex, type NeedsData} from "./needs-model.js";
import {ruleOptions} from "./needs-regional.js";
import {demandPlaces, PRESETS} from "./placement-scenarios.js";
import {familyGapRows, nearestByFamily, sitesByFamily, type Famille, type SupplySite} from "./supply-gap.js";

export interface Finding {
  id: string;
  title: string;
  /** plain French, no HTML */
  text: string;
  href: string;
  link: string;
  /** a small table under the sentence, when the finding has one row per category */
  table?: {header: string[]; rows: string[][]; caption: string};
}

export interface BriefingCommune {
  code: string;
  departement: string;
  couronne: string;
  population: number;
  /** need quintile of the region-wide index (5 = most in need), null without an index */
  quintile: number | null;
  /** share of the weight draws that put it in the top quintile, NaN when never scored */
  stable: number;
  /** poverty pockets (IRIS), null where the commune is not split into IRIS */
  poches: number | null;
}

/** "38,2 % en Seine-Saint-Denis, 19,0 % dans le Val-d'Oise et 14,1 % dans le Val-de-Marne" */
const IN_DEPARTEMENT: Record<string, string> = {
  "75": "à Paris",
  "77": "en Seine-et-Marne",
  "78": "dans les Yvelines",
  "91": "dans l'Essonne",
  "92": "dans les Hauts-de-Seine",
  "93": "en Seine-Saint-Denis",
  "94": "dans le Val-de-Marne",
  "95": "dans le Val-d'Oise"
};

const listFr = (items: string[]) => (items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} et ${items.at(-1)}`);

/** Who lives in the communes of the top need quintile, and in which départements. */
export function topQuintileFinding(communes: readonly BriefingCommune[]): Finding {
  const top = communes.filter((c) => c.quintile === 5);
  const people = top.reduce((a, c) => a + c.population, 0);
  const total = communes.reduce((a, c) => a + c.population, 0);
  const byDep = new Map<string, number>();
  for (const c of top) byDep.set(c.departement, (byDep.get(c.departement) ?? 0) + c.population);
  const leading = [...byDep].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 3);
  const gc = top.filter((c) => c.couronne === "grande_couronne").length;
  const where = leading.map(([dep, n]) => `${formatPercent(n / people)} ${Object.hasOwn(IN_DEPARTEMENT, dep) ? IN_DEPARTEMENT[dep] : `dans le ${dep}`}`);
  return {
    id: "quintile-eleve",
    title: "Où les besoins sont les plus élevés",
    text:
      `${formatInteger(people)} habitants, soit ${formatPercent(people / total)} des Franciliens, vivent dans les ${plural(top.length, "commune")} du cinquième le plus en besoin (indice régional de besoins sociaux) : ` +
      `${listFr(where)}. ${gc === 0 ? "Aucune n'est en grande couronne." : gc === 1 ? "L'une d'elles est en grande couronne." : `${formatInteger(gc)} d'entre elles sont en grande couronne.`}`,
    href: "./besoins",
    link: "La carte et le tableau des besoins"
  };
}

/** How many of the top-quintile communes stay there whatever the weights. */
export function stabilityFinding(communes: readonly BriefingCommune[], {draws, threshold = 0.8}: {draws: number; threshold?: number}): Finding {
  const top = communes.filter((c) => c.quintile === 5);
  const steady = top.filter((c) => c.stable >= threshold).length;
  return {
    id: "stabilite",
    title: "Un classement qui ne tient pas aux poids",
    text: `Sur les ${plural(top.length, "commune")} du cinquième le plus en besoin, ${formatInteger(steady)} (${formatPercent(steady / top.length)}) y restent dans au moins ${formatInteger(100 * threshold)}\u202f% des ${formatInteger(draws)} jeux de poids tirés au hasard (chaque poids multiplié par 0,5 à 1,5) : pour elles, le diagnostic ne dépend pas du choix des poids.`,
    href: "./besoins?indicateur=stabilite",
    link: "La carte de la stabilité du classement"
  };
}

export interface BriefingPlace {
  code: string;
  chomeurs: number | null;
  personnesPauvres: number | null;
}

/** Who has no support site of each family within the radius: the unemployed (known everywhere), and the poor where their number is published. */
export function supplyFinding(places: readonly BriefingPlace[], nearest: Map<string, Map<string, number>>, familles: readonly Famille[], radiusKm: number): Finding {
  const unemployed = familyGapRows(places, nearest, familles, radiusKm, {weightOf: (p) => p.chomeurs});
  const poor = familyGapRows(places, nearest, familles, radiusKm, {weightOf: (p) => p.personnesPauvres});
  const totalUnemployed = places.reduce((a, p) => a + (p.chomeurs ?? 0), 0);
  const totalPoor = places.reduce((a, p) => a + (p.personnesPauvres ?? 0), 0);
  const knownPoor = places.filter((p) => p.personnesPauvres !== null).length;
  const order = unemployed.map((r, i) => i).sort((a, b) => unemployed[b].pauvresSans - unemployed[a].pauvresSans);
  // The sentence reads the families drawn from full public directories; a partial compilation would make a gap of its own gaps.
  const [worst, second] = order.filter((i) => !familles[i].partiel).map((i) => unemployed[i]);
  const km = formatInteger(radiusKm);
  const partial = familles.filter((f) => f.partiel).map((f) => `« ${f.libelle.toLowerCase()} »`);
  return {
    id: "offre",
    title: "L'accompagnement hors de portée",
    text:
      `${formatPercent(worst.pauvresSans / totalUnemployed)} des chômeurs de 15 à 64 ans (${formatInteger(Math.round(worst.pauvresSans))} personnes) vivent à plus de ${km} km de toute structure recensée de la famille « ${worst.libelle.toLowerCase()} » ; ` +
      `${formatPercent(second.pauvresSans / totalUnemployed)} pour « ${second.libelle.toLowerCase()} ». Le tableau donne chaque famille, pour les chômeurs et pour les personnes pauvres là où leur nombre est publié (${plural(knownPoor, "lieu", "lieux")} sur ${formatInteger(places.length)})${partial.length ? ` ; ${listFr(partial)} ${partial.length > 1 ? "reposent" : "repose"} sur un recensement partiel` : ""}.`,
    href: "./implantation",
    link: "L'écart entre besoins et offre, famille par famille",
    table: {
      caption: `Part de la population sans site de la famille à moins de ${km} km (distance à vol d'oiseau depuis le centre de la commune, de l'arrondissement à Paris)`,
      header: ["Famille (millésime)", "Chômeurs de 15 à 64 ans", "Personnes pauvres (là où publié)"],
      rows: order.map((i) => [
        `${unemployed[i].libelle} (${unemployed[i].millesime ?? "millésime inconnu"}${familles[i].partiel ? ", recensement partiel" : ""})`,
        `${formatPercent(unemployed[i].pauvresSans / totalUnemployed)} (${formatInteger(Math.round(unemployed[i].pauvresSans))})`,
        `${formatPercent(poor[i].pauvresSans / totalPoor)} (${formatInteger(Math.round(poor[i].pauvresSans))})`
      ])
    }
  };
}

/** Poverty pockets (IRIS) that the commune average hides: those in communes outside the top quintile. */
export function pocketsFinding(communes: readonly BriefingCommune[], {seuil}: {seuil: number}): Finding {
  const split = communes.filter((c) => c.poches !== null);
  const pockets = split.reduce((a, c) => a + (c.poches ?? 0), 0);
  const hidden = split.filter((c) => c.quintile !== 5).reduce((a, c) => a + (c.poches ?? 0), 0);
  const hiddenCommunes = split.filter((c) => c.quintile !== 5 && (c.poches ?? 0) > 0).length;
  return {
    id: "poches",
    title: "Des poches de pauvreté que la moyenne cache",
    text:
      `Dans les ${plural(split.length, "commune")} découpées en IRIS (quartiers d'environ 2 000 habitants), ${plural(pockets, "IRIS", "IRIS")} ${pockets > 1 ? "comptent" : "compte"} au moins ${formatInteger(seuil)} % d'habitants sous le seuil de bas revenus déclarés. ` +
      `${formatInteger(hidden)} d'entre eux (${formatPercent(pockets ? hidden / pockets : NaN)}) sont dans ${plural(hiddenCommunes, "commune")} qui ${hiddenCommunes > 1 ? "ne sont" : "n'est"} pas du cinquième le plus en besoin : la moyenne communale les cache.`,
    href: "./besoins?indicateur=poches_pauvrete",
    link: "La carte des poches de pauvreté"
  };
}

export interface BriefingSupply {
  /** demand places with planar km (the Implantation page's data: communes and Paris arrondissements) */
  places: {code: string; niveau: string; x: number; y: number; chomeurs: number | null; personnesPauvres: number | null}[];
  sites: SupplySite[];
  familles: Famille[];
}

export const STABILITY_DRAWS = 1000;
/** The Implantation page's default radius (the couveuses preset, whose demand is the unemployed). */
export const RADIUS_KM = PRESETS.couveuses.radiusKm;

/**
 * The home page's findings, from the page data of /besoins (the region-wide index of the communes
 * with the default weights, its stability by the very draws the page makes) and of /implantation
 * (the distances the page measures, its default radius).
 */
export function homeFindings(data: NeedsData, index: LevelIndex, supply: BriefingSupply): Finding[] {
  const level = data.niveaux.commune;
  const shares = stability(index.input, weightsFor(index.input, defaultWeights(data)), {draws: STABILITY_DRAWS, spread: 0.5, normalized: index.normalized, ...ruleOptions(data.indices.regional)}).topQuintileShare;
  const communes: BriefingCommune[] = level.codes.map((code, i) => ({
    code,
    departement: level.departement?.[i] ?? code.slice(0, 2),
    couronne: level.couronne?.[i] ?? "",
    population: level.population[i] ?? 0,
    quintile: index.result.quintile[i] || null,
    stable: shares[i],
    poches: level.valeurs.poches_pauvrete?.[i] ?? null
  }));
  const places = demandPlaces(supply.places);
  const nearest = nearestByFamily(places, sitesByFamily(supply.sites));
  const seuil = data.indicators.find((d) => d.id === "poches_pauvrete")?.seuil;
  return [
    topQuintileFinding(communes),
    stabilityFinding(communes, {draws: STABILITY_DRAWS}),
    supplyFinding(places, nearest, supply.familles, RADIUS_KM),
    ...(seuil !== undefined ? [pocketsFinding(communes, {seuil})] : [])
  ];
}
