// Territories of every level, named by their code as the site shows it: "93027" (commune), "75119"
// (arrondissement), "T6" (EPT), "200057867" (EPCI), "1109" (zone d'emploi), "93" (département).
// A code that two levels share — the zones d'emploi 1107, 1108, 1109 and 1115 are also bassin codes —
// is written with its level: "bassin:1107". Shared by the comparison, the similar territories, the
// territory sheet and `npm run report -- --territoire`, so that a code means the same thing
// everywhere and a wrong one gets the same French sentence. Pure; lookups are Maps (codes come from
// URLs and the command line).
import type {NeedsData} from "./needs-model.js";
import {mergedPhrase, type Fusion, type Place} from "./search.js";

export interface LevelName {
  id: string;
  /** "commune", "EPT": what one territory of the level is called */
  singular: string;
  /** "des communes", "des EPT" */
  plural: string;
}

/** The levels a territory can be named at, in the site's order. */
export const LEVELS: LevelName[] = [
  {id: "commune", singular: "commune", plural: "communes"},
  {id: "arrondissement", singular: "arrondissement de Paris", plural: "arrondissements de Paris"},
  {id: "ept", singular: "EPT", plural: "EPT"},
  {id: "epci", singular: "EPCI", plural: "EPCI"},
  {id: "zone_emploi", singular: "zone d'emploi", plural: "zones d'emploi"},
  {id: "bassin", singular: "bassin d'emploi", plural: "bassins d'emploi"},
  {id: "departement", singular: "département", plural: "départements"},
  {id: "couronne", singular: "couronne", plural: "couronnes"},
  {id: "region", singular: "région", plural: "régions"}
];
const LEVEL_BY_ID = new Map(LEVELS.map((l) => [l.id, l]));

export function levelName(niveau: string): LevelName {
  return LEVEL_BY_ID.get(niveau) ?? {id: niveau, singular: niveau, plural: niveau};
}

export interface TerritoryRef {
  niveau: string;
  code: string;
}

export interface Territory extends TerritoryRef {
  nom: string;
  /** the text the site writes for it in URLs and the report command: "93027", "bassin:1107" */
  key: string;
}

export type Resolution =
  | {ok: true; territory: Territory; /** set when a merged commune was named: what the page says */ note: string | null}
  | {ok: false; problem: string};

export interface TerritoryIndex {
  /** every territory of the given levels */
  all: Territory[];
  resolve(text: string): Resolution;
  get(ref: TerritoryRef): Territory | null;
}

const EXPECTED =
  "un code de commune (93027), d'arrondissement de Paris (75119), d'EPT (T6), d'EPCI (200054781), de zone d'emploi (1112), de bassin d'emploi (bassin:1107) ou de département (93)";

/**
 * The territories of `levels` in the page data, and how a code written by a reader resolves to one.
 * A merged commune resolves to the commune it joined, with a note saying so; with
 * `{merged: "refuse"}` (the report command, which names its file after the code) it is a problem
 * that names the code to use instead.
 */
export function territoryIndex(data: Pick<NeedsData, "niveaux" | "fusions">, levels: readonly string[] = LEVELS.filter((l) => l.id !== "region" && l.id !== "couronne").map((l) => l.id), {merged = "follow"}: {merged?: "follow" | "refuse"} = {}): TerritoryIndex {
  const byLevel = new Map<string, Map<string, string>>();
  const byCode = new Map<string, string[]>();
  for (const niveau of levels) {
    const level = data.niveaux[niveau];
    if (!level) continue;
    byLevel.set(niveau, new Map(level.codes.map((c, i) => [c, level.noms[i]])));
    for (const code of level.codes) byCode.set(code, [...(byCode.get(code) ?? []), niveau]);
  }
  const keyOf = (niveau: string, code: string) => ((byCode.get(code)?.length ?? 0) > 1 ? `${niveau}:${code}` : code);
  const make = (niveau: string, code: string): Territory => ({niveau, code, nom: byLevel.get(niveau)!.get(code)!, key: keyOf(niveau, code)});
  const get = ({niveau, code}: TerritoryRef) => (byLevel.get(niveau)?.has(code) ? make(niveau, code) : null);
  const fusions = new Map<string, Fusion>((data.fusions ?? []).map((f) => [f.code, f]));

  const resolve = (text: string): Resolution => {
    const raw = text.trim();
    if (raw === "") return {ok: false, problem: `Aucun territoire indiqué : il faut ${EXPECTED}.`};
    const shown = raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
    const colon = raw.indexOf(":");
    if (colon >= 0) {
      const niveau = raw.slice(0, colon);
      const code = raw.slice(colon + 1);
      if (!byLevel.has(niveau)) return {ok: false, problem: `« ${shown} » : le niveau « ${niveau.slice(0, 20)} » n'existe pas ; niveaux possibles : ${[...byLevel.keys()].join(", ")}.`};
      const t = get({niveau, code});
      if (t) return {ok: true, territory: t, note: null};
      if (niveau === "commune" && fusions.has(code)) return viaMerger(code);
      return {ok: false, problem: `« ${shown} » : aucun ${levelName(niveau).singular} n'a le code « ${code.slice(0, 20)} ».`};
    }
    const levelsOf = byCode.get(raw) ?? [];
    if (levelsOf.length === 1) return {ok: true, territory: make(levelsOf[0], raw), note: null};
    if (levelsOf.length > 1) {
      const options = levelsOf.map((n) => `${make(n, raw).nom}, ${levelName(n).singular} (${n}:${raw})`);
      return {ok: false, problem: `Le code « ${shown} » désigne plusieurs territoires : ${options.join(" ; ")}. Précisez le niveau, par exemple « ${levelsOf[1]}:${raw} ».`};
    }
    if (fusions.has(raw) && byLevel.has("commune")) return viaMerger(raw);
    return {ok: false, problem: `Territoire inconnu : « ${shown} ». Il faut ${EXPECTED}.`};
  };

  const viaMerger = (code: string): Resolution => {
    const f = fusions.get(code)!;
    const target = get({niveau: "commune", code: f.vers});
    const name = f.nom ? `${f.nom} (${code})` : `La commune ${code}`;
    const phrase = mergedPhrase({code: f.vers, nom: `${f.nomVers} (${f.vers})`, annee: f.annee});
    if (!target) return {ok: false, problem: `${name} n'existe plus : commune ${phrase}, qui n'est pas dans les données.`};
    if (merged === "refuse") return {ok: false, problem: `${name} n'existe plus : commune ${phrase}. Utilisez le code ${f.vers}.`};
    return {ok: true, territory: target, note: `${name} : commune ${phrase}, qui est montrée à sa place.`};
  };

  const all = [...byLevel.entries()].flatMap(([niveau, names]) => [...names.keys()].map((code) => make(niveau, code)));
  return {all, resolve, get};
}

/**
 * Places for a search box over every level: the communes, arrondissements and merged communes of
 * the commune search, then each EPT, EPCI, zone d'emploi, bassin and département, labelled with its
 * level ("Plaine Commune (EPT)").
 */
export function territoryPlaces(communePlaces: Place[], index: TerritoryIndex): Place[] {
  const others = index.all
    .filter((t) => t.niveau !== "commune" && t.niveau !== "arrondissement")
    .map((t): Place => ({code: t.code, nom: t.nom, departement: "", kind: "territoire", niveau: t.niveau, levelLabel: levelName(t.niveau).singular}));
  return [...communePlaces, ...others];
}

/** The territory a place of the search stands for (a merged commune: the commune it joined). */
export function placeRef(place: Place): TerritoryRef {
  if (place.mergedInto) return {niveau: "commune", code: place.mergedInto.code};
  if (place.kind === "territoire") return {niveau: place.niveau!, code: place.code};
  return {niveau: place.kind === "arrondissement" ? "arrondissement" : "commune", code: place.code};
}

/** The territory's portrait on the Besoins page: "./besoins?selection=93027", "./besoins?niveau=ept&selection=T6". */
export function besoinsHref({niveau, code}: TerritoryRef): string {
  const params = new URLSearchParams();
  if (niveau !== "commune" && niveau !== "arrondissement") params.set("niveau", niveau);
  params.set("selection", code);
  return `./besoins?${params}`;
}

/** The links a territory offers: its sheet, its similar territories, a comparison starting with it. */
export function territoryLinks(t: Pick<Territory, "key" | "niveau" | "code">): {fiche: string; semblables: string; comparer: string; besoins: string} {
  const k = encodeURIComponent(t.key).replace(/%3A/gi, ":");
  return {fiche: `./fiche?territoire=${k}`, semblables: `./semblables?territoire=${k}`, comparer: `./comparer?t=${k}`, besoins: besoinsHref(t)};
}

/** The portrait's buttons: the sheet, similar territories (not for an arrondissement: it is not a commune), a comparison. */
export function portraitActions(index: TerritoryIndex, ref: TerritoryRef): {label: string; href: string}[] {
  const t = index.get(ref);
  if (!t) return [];
  const links = territoryLinks(t);
  return [
    {label: "Fiche territoire (une page A4)", href: links.fiche},
    ...(t.niveau === "arrondissement" ? [] : [{label: "Territoires semblables", href: links.semblables}]),
    {label: "Comparer avec d'autres territoires", href: links.comparer}
  ];
}
