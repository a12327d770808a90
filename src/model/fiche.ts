// The territory sheet (fiche territoire), pure: what one A4 page says about a commune, an
// arrondissement, an EPT, an EPCI, a zone d'emploi, a bassin or a département — its need index,
// rank and stability at its level, its key indicators against its département, couronne and the
// region (with the picture of src/model/distribution.ts), the nearest support sites by family or,
// for a larger territory, the sites in it and the share of its people within 5 km, its poverty
// pockets, and the sources with their vintages. The page (src/fiche.md) lays it out; the report
// command prints it.
import {formatDecimal, formatEuroRounded, formatInteger, formatPercent, plural} from "../lib/format.js";
import {distributionStrips, type Strip} from "./distribution.js";
import type {NeedsData} from "./needs-model.js";
import {mergerNote} from "./needs-view.js";
import {pocketsOf} from "./poches.js";
import {levelName, type Territory, type TerritoryRef} from "./territories.js";
import {cellTextShort, indicatorCell, nameOf, populationOf, profileIndicators, rankPhrase, type NeedFacts} from "./territory-profile.js";

/** src/data/fiches.json (loaders/fiches.ts). */
export interface FicheData {
  familles: {id: string; libelle: string; millesime: string | null}[];
  /** names of the nearest sites, indexed by `lieux` */
  sites: string[];
  /** "commune:93027" → per family (familles' order): [distance km, index of the nearest site's name, sites within 5 km] */
  lieux: Record<string, [number | null, number | null, number][]>;
  /** "ept:T6" → per family: [sites in the territory, share of the population within 5 km, share of the unemployed within 5 km] */
  territoires: Record<string, [number, number, number][]>;
  /** commune code → the codes of its ept, epci, zone_emploi, bassin */
  appartenances: Record<string, Record<string, string>>;
  /** "ept:T6" → its département and couronne when it lies in one only */
  references: Record<string, {departement: string | null; couronne: string | null}>;
  sources: {id: string; title: string; vintage: string; licence: string}[];
  /** "departement:93" → per funder and year: [funder code, year, records, amount in €, where the source places them, source id] (mart_aides_territoires) */
  aides: Record<string, [string, number, number, number | null, string, string][]>;
  /** the funders (data/aides/financeurs.json): name, what must be written beside their figures, unit, partial years */
  financeurs: {code: string; libelle: string; mention: string | null; unite: [string, string]; partielles: number[]}[];
  /** the sources of the aid rows, by id */
  sourcesAides: Record<string, {id: string; title: string; vintage: string; licence: string}>;
}

export interface IrisRowLite {
  code: string;
  taux: number | null;
}

export interface Fiche {
  title: string;
  /** "Commune · 93027 · Seine-Saint-Denis (93)" */
  subtitle: string;
  /** the larger territories a commune belongs to */
  parents: string[];
  population: string;
  note: string | null;
  need: {measure: string; score: string; rank: string; stability: string; standsOn: string};
  references: {departement: TerritoryRef | null; couronne: TerritoryRef | null; region: TerritoryRef};
  /** indicator rows: label, territory, then département, couronne, region (those that exist) */
  indicators: {header: string[]; rows: string[][]};
  strips: Strip[];
  supply: {caption: string; header: string[]; rows: string[][]};
  pockets: string | null;
  /** the aid recorded there: one row per funder, never summed across funders; or a sentence saying none is */
  aid: {caption: string; header: string[]; rows: string[][]; none: string | null};
  /** "Filosofi 2021 (…, revenus 2021)": each source with its vintage; the licences are said once, in `licences` */
  sources: string[];
  licences: string;
}

const PARENT_LEVELS = ["ept", "epci", "zone_emploi", "bassin"];

/** Where each source places an aid (mart_aides_territoires' lieu). */
const AID_PLACE: Record<string, string> = {
  siege: "siège du bénéficiaire",
  departement_employeur: "département de l'employeur",
  lieu_action: "lieu d'action cité"
};

/**
 * The aid recorded in a territory: for each funder, its latest complete year there (a year the source
 * covers only in part is taken only when it is the only one), with the number of records and their
 * amount. One row per funder: funders are never summed.
 */
export function aidOf(fiche: Pick<FicheData, "aides" | "financeurs">, key: string): {rows: string[][]; sources: string[]} {
  const recorded = Object.hasOwn(fiche.aides, key) ? fiche.aides[key] : [];
  const rows: string[][] = [];
  const sources: string[] = [];
  for (const f of fiche.financeurs) {
    const years = recorded.filter((r) => r[0] === f.code);
    if (!years.length) continue;
    const complete = years.filter((r) => !f.partielles.includes(r[1]));
    const [, annee, nombre, montant, lieu, source] = (complete.length ? complete : years).reduce((a, b) => (b[1] > a[1] ? b : a));
    const partial = f.partielles.includes(annee);
    rows.push([
      `${f.libelle}${f.mention ? ` (${f.mention})` : ""}`,
      `${annee}${partial ? " (année partielle)" : ""}`,
      plural(nombre, f.unite[0], f.unite[1]),
      montant === null ? "non publié" : formatEuroRounded(montant),
      Object.hasOwn(AID_PLACE, lieu) ? AID_PLACE[lieu] : lieu
    ]);
    sources.push(source);
  }
  return {rows, sources};
}

function referencesFor(data: NeedsData, fiche: FicheData, ref: TerritoryRef): Fiche["references"] {
  const region = {niveau: "region", code: "11"};
  const level = data.niveaux[ref.niveau];
  const i = level?.codes.indexOf(ref.code) ?? -1;
  if ((ref.niveau === "commune" || ref.niveau === "arrondissement") && i >= 0) {
    const dep = level.departement?.[i] ?? null;
    const cour = level.couronne?.[i] === "paris" ? null : level.couronne?.[i] ?? null; // Paris: a département and a couronne, set against once
    return {departement: dep ? {niveau: "departement", code: dep} : null, couronne: cour ? {niveau: "couronne", code: cour} : null, region};
  }
  const key = `${ref.niveau}:${ref.code}`;
  const r = Object.hasOwn(fiche.references, key) ? fiche.references[key] : null;
  return {departement: r?.departement ? {niveau: "departement", code: r.departement} : null, couronne: r?.couronne && r.couronne !== "paris" ? {niveau: "couronne", code: r.couronne} : null, region};
}

/** The sheet of one territory. `facts` is its need measure at its level, `topShare` the share of the weight draws that put it in the top quintile. */
export function ficheOf(data: NeedsData, fiche: FicheData, t: Territory, {facts, topShare, draws, iris = null, note = null}: {facts: NeedFacts | null; topShare: number | null; draws: number; iris?: IrisRowLite[] | null; note?: string | null}): Fiche {
  const refs = referencesFor(data, fiche, t);
  const level = levelName(t.niveau);
  const depName = refs.departement ? `${nameOf(data, refs.departement)} (${refs.departement.code})` : null;
  const parents =
    t.niveau === "commune" && Object.hasOwn(fiche.appartenances, t.code)
      ? PARENT_LEVELS.flatMap((n) => {
          const code = fiche.appartenances[t.code][n];
          return code && data.niveaux[n]?.codes.includes(code) && !(n === "ept" && code === "T1") ? [`${levelName(n).singular} ${nameOf(data, {niveau: n, code})}`] : [];
        })
      : [];

  const need = facts
    ? {
        measure: facts.measure,
        score: facts.score === null ? "non calculé" : formatDecimal(facts.score, 3),
        rank: rankPhrase(t.niveau, facts),
        stability:
          facts.score === null || facts.rank === null || topShare === null || Number.isNaN(topShare)
            ? "sans objet (pas de rang)"
            : `dans le cinquième le plus en besoin pour ${formatPercent(topShare)} des ${formatInteger(draws)} jeux de poids tirés (chaque poids × 0,5 à 1,5)`,
        standsOn: facts.standsOn
      }
    : {measure: data.indices.regional.label, score: "—", rank: "—", stability: "—", standsOn: "—"};

  const marked = [
    {ref: t as TerritoryRef, head: nameOf(data, t)},
    ...(refs.departement ? [{ref: refs.departement, head: nameOf(data, refs.departement)}] : []),
    ...(refs.couronne ? [{ref: refs.couronne, head: nameOf(data, refs.couronne)}] : []),
    {ref: refs.region, head: "Île-de-France"}
  ];
  const indicators = {
    header: ["Indicateur", ...marked.map((m) => m.head)],
    // short labels on the printed page; each indicator's source and vintage are under Sources
    rows: profileIndicators(data, t.niveau).map((d) => [d.short, ...marked.map((m) => cellTextShort(indicatorCell(data, m.ref.niveau, m.ref.code, d)))])
  };

  const lieu = t.niveau === "commune" || t.niveau === "arrondissement";
  const key = `${t.niveau}:${t.code}`;
  const supply = lieu
    ? {
        caption: "Site le plus proche de chaque famille (à vol d'oiseau depuis le centre du territoire) et nombre de sites à moins de 5 km",
        header: ["Famille (millésime)", "Site le plus proche", "Distance", "Sites à 5 km"],
        rows: fiche.familles.map((f, j) => {
          const row = Object.hasOwn(fiche.lieux, key) ? fiche.lieux[key][j] : undefined;
          const name = row && row[1] !== null ? fiche.sites[row[1]] ?? "—" : "—";
          return [`${f.libelle} (${f.millesime ?? "millésime inconnu"})`, name, row && row[0] !== null ? `${formatDecimal(row[0], 1)} km` : "aucun site", row ? formatInteger(row[2]) : "—"];
        })
      }
    : {
        caption: "Sites recensés qui reçoivent le public, dans le territoire, et part de ses habitants et de ses chômeurs vivant à moins de 5 km d'un site de la famille",
        header: ["Famille (millésime)", "Sites dans le territoire", "Habitants à 5 km", "Chômeurs à 5 km"],
        rows: fiche.familles.map((f, j) => {
          const row = Object.hasOwn(fiche.territoires, key) ? fiche.territoires[key][j] : undefined;
          return [`${f.libelle} (${f.millesime ?? "millésime inconnu"})`, row ? formatInteger(row[0]) : "—", row ? formatPercent(row[1]) : "—", row ? formatPercent(row[2]) : "—"];
        })
      };

  const seuil = data.indicators.find((d) => d.id === "poches_pauvrete")?.seuil;
  let pockets: string | null = null;
  if (iris?.length && seuil !== undefined) {
    const p = pocketsOf(iris, seuil);
    pockets = `${p.poches === 0 ? "Aucun IRIS" : plural(p.poches, "IRIS", "IRIS")} sur ${plural(p.iris, "IRIS", "IRIS")} ${p.poches > 1 ? "comptent" : "compte"} au moins ${formatInteger(seuil)} % d'habitants sous le seuil de bas revenus déclarés${p.max === null ? "" : ` (taux le plus élevé : ${formatDecimal(p.max, 0)} %)`}. Revenu déclaré (Filosofi 2021) : ce taux ne se compare pas au taux de pauvreté.`;
  } else if (!lieu && seuil !== undefined) {
    const d = data.indicators.find((x) => x.id === "poches_pauvrete")!;
    const c = indicatorCell(data, t.niveau, t.code, d);
    if (c.value !== null) pockets = `${c.value === 0 ? "Aucun IRIS" : plural(c.value, "IRIS", "IRIS")} de ses communes ${c.value > 1 ? "comptent" : "compte"} au moins ${formatInteger(seuil)} % d'habitants sous le seuil de bas revenus déclarés (Filosofi 2021, revenu déclaré).`;
  }

  const aidRows = aidOf(fiche, key);
  const aid = {
    caption: "Dernière année complète de chaque financeur ; les financeurs ne s'additionnent pas",
    header: ["Financeur", "Année", "Nombre", "Montant", "Placées au"],
    rows: aidRows.rows,
    none: aidRows.rows.length
      ? null
      : `Aucune aide enregistrée ici dans les sources chargées (subventions de la Ville de Paris placées au siège du bénéficiaire, postes de l'État par département, aides régionales de 2019 au lieu d'action cité).`
  };
  const aidSources = [...new Set(aidRows.sources)].filter((id) => Object.hasOwn(fiche.sourcesAides, id)).map((id) => fiche.sourcesAides[id]);

  const indicatorSources = [...new Set(profileIndicators(data, t.niveau).map((d) => d.source))].filter((id) => Object.hasOwn(data.sources, id)).map((id) => ({id, ...data.sources[id]}));
  const cited = [...indicatorSources, ...fiche.sources.filter((s) => !indicatorSources.some((x) => x.id === s.id)), ...aidSources];
  const sources = cited.map((s) => `${s.title} (${s.vintage})`);
  const licences = [...new Set(cited.map((s) => s.licence))].join(" ; ");
  const merger = t.niveau === "commune" ? mergerNote(data, t.code) : null;

  return {
    title: t.nom,
    subtitle: [level.singular.charAt(0).toUpperCase() + level.singular.slice(1), t.code, ...(depName ? [depName] : [])].join(" · "),
    parents,
    population: `${formatInteger(populationOf(data, t))} habitants (population municipale 2023)`,
    note: [note, merger].filter((x): x is string => x !== null).join(" ") || null,
    need,
    references: refs,
    indicators,
    strips: distributionStrips(data, t, {references: refs}),
    supply,
    pockets,
    aid,
    sources,
    licences
  };
}
