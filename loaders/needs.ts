// The data of the Besoins page: every level's territories with their indicator values and statuses,
// in columns (compact JSON), plus the indicator dictionary, themes and the ZE unemployment series.
import type {DuckDBConnection} from "@duckdb/node-api";
import {readFileSync} from "node:fs";
import {fileURLToPath} from "node:url";
import {readRegistry} from "./registry.js";
import {rows} from "./warehouse.js";
import type {IndexRuleDef, IndicatorDef, LevelData, RejectedDef, ThemeDef} from "../src/model/needs-model.js";
import type {Fusion} from "../src/model/search.js";

export const NIVEAUX = ["commune", "arrondissement", "ept", "epci", "zone_emploi", "bassin", "departement", "couronne", "region"] as const;

export interface Dictionary {
  themes: ThemeDef[];
  indicators: IndicatorDef[];
  indices: {regional: IndexRuleDef; detaille: IndexRuleDef};
  rejetes: RejectedDef[];
}

export function readDictionary(): Dictionary {
  return JSON.parse(readFileSync(fileURLToPath(new URL("../data/indicators.json", import.meta.url)), "utf8"));
}

/**
 * The units of a level, with a commune's or an arrondissement's département and couronne. An
 * arrondissement's are those of its commune in the COG (the population file's commune column, as
 * in mart_demande.sql), never constants written here.
 */
export async function territoryUnits(db: DuckDBConnection, niveau: string): Promise<Record<string, unknown>[]> {
  if (niveau === "commune") return rows(db, "select code_commune as code, nom_commune as nom, population, code_departement as departement, code_couronne as couronne from mart_communes order by code");
  if (niveau === "arrondissement") {
    return rows(
      db,
      `select a.code_arrondissement as code, a.nom_arrondissement as nom, a.population, c.code_departement as departement, c.code_couronne as couronne
       from mart_arrondissements_paris a
       join stg_paris_arrondissements_population p using (code_arrondissement)
       join mart_communes c on c.code_commune = p.code_commune
       order by code`
    );
  }
  return rows(db, `select code, libelle as nom, population from mart_territoires where niveau = '${niveau}' order by code`);
}

export async function needsData(db: DuckDBConnection) {
  const dictionary = readDictionary();
  const niveaux: Record<string, LevelData> = {};
  for (const niveau of NIVEAUX) {
    const list = await territoryUnits(db, niveau);
    const index = new Map(list.map((u, i) => [u.code as string, i]));
    const data: LevelData = {
      codes: list.map((u) => u.code as string),
      noms: list.map((u) => u.nom as string),
      population: list.map((u) => (u.population as number) ?? null),
      valeurs: {},
      statuts: {},
      methodes: {},
      couverture: {}
    };
    if (niveau === "commune" || niveau === "arrondissement") {
      data.departement = list.map((u) => u.departement as string);
      data.couronne = list.map((u) => u.couronne as string);
    }
    for (const indicator of dictionary.indicators) {
      const empty = () => list.map(() => null);
      data.valeurs[indicator.id] = empty();
      data.statuts[indicator.id] = list.map(() => "absent");
      data.methodes[indicator.id] = empty();
      data.couverture[indicator.id] = empty();
    }
    for (const r of await rows(db, `select * from mart_indicateurs where niveau = '${niveau}'`)) {
      const i = index.get(r.code as string);
      if (i === undefined) throw new Error(`mart_indicateurs: ${niveau} ${r.code} is not a known territory`);
      const id = r.indicateur as string;
      data.valeurs[id][i] = (r.valeur as number) ?? null;
      data.statuts[id][i] = (r.statut as string) ?? null;
      data.methodes[id][i] = (r.methode as string) ?? null;
      data.couverture[id][i] = (r.couverture_population as number) ?? null;
    }
    niveaux[niveau] = data;
  }
  const series = await rows(db, "select code_zone_emploi as code, trimestre, taux from mart_chomage_ze order by code, trimestre");
  const chomageZe: Record<string, [string, number][]> = {};
  for (const s of series) (chomageZe[s.code as string] ??= []).push([s.trimestre as string, s.taux as number]);
  const sources = Object.fromEntries(readRegistry().map((s) => [s.id, {title: s.title, vintage: s.vintage, licence: s.licence}]));
  // Merged communes, for the search ("Pierrefitte-sur-Seine" leads to Saint-Denis) and the portraits.
  const fusions: Fusion[] = (await rows(db, "select * from mart_communes_fusionnees")).map((r) => ({
    code: r.code_ancien as string,
    nom: (r.nom_ancien as string | null) ?? null,
    departement: r.code_departement as string,
    vers: r.code_nouveau as string,
    nomVers: r.nom_nouveau as string,
    annee: r.annee_fusion === null ? null : Number(r.annee_fusion)
  }));
  return {...dictionary, niveaux, chomageZe, sources, fusions};
}
