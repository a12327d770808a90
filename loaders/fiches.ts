// The territory sheet's data beyond the indicators (those are in besoins.json): each place's nearest
// support site of each family, each territory's sites and reach by family (mart_offre_territoires),
// the territories a commune belongs to, the département and couronne a territory lies in when it
// lies in one only, and the sources the sheet cites with their vintages (the registry).
import type {DuckDBConnection} from "@duckdb/node-api";
import {readFinanceurs} from "./aides.js";
import {readRegistry} from "./registry.js";
import {rows} from "./warehouse.js";
import type {FicheData} from "../src/model/fiche.js";

const LEVELS = ["ept", "epci", "zone_emploi", "bassin", "departement"];
// The sources a sheet cites: the territories, the indicators (their own ids are in besoins.json) and the supply.
const SHEET_SOURCES = ["communes_reference", "communes_population_2026", "epci_ept_membership", "bassins_bmo_2024", "paris_arrondissements", "filosofi_2021_iris", "france_services_2024", "france_travail_2019", "siae_2019", "structures_compilation", "tiers_lieux_2019"];

export async function ficheData(db: DuckDBConnection): Promise<FicheData> {
  const familles = await rows(db, "select famille as id, libelle from ref_familles order by ordre");
  const vintages = new Map(
    (await rows(db, "select famille, min(left(millesime, 4)) as debut, max(left(millesime, 4)) as fin from mart_sites group by famille")).map((r) => [r.famille as string, r.debut === r.fin ? String(r.debut) : `${r.debut} à ${r.fin}`])
  );
  const names: string[] = [];
  const nameIndex = new Map<string, number>();
  const idOf = (name: string | null) => {
    if (name === null) return null;
    if (!nameIndex.has(name)) nameIndex.set(name, names.push(name) - 1);
    return nameIndex.get(name)!;
  };
  const lieux: FicheData["lieux"] = {};
  for (const r of await rows(db, "select d.* from mart_distances_familles d join ref_familles f using (famille) order by d.niveau, d.code, f.ordre")) {
    (lieux[`${r.niveau}:${r.code}`] ??= []).push([r.distance_km as number | null, idOf(r.site_le_plus_proche as string | null), Number(r.sites_a_moins_de_5_km)]);
  }
  const territoires: FicheData["territoires"] = {};
  for (const r of await rows(db, "select * from mart_offre_territoires")) {
    (territoires[`${r.niveau}:${r.code}`] ??= []).push([Number(r.sites), r.part_population_a_5_km as number, r.part_chomeurs_a_5_km as number]);
  }
  const appartenances: FicheData["appartenances"] = {};
  for (const r of await rows(db, "select code_commune, code_ept, code_epci, code_zone_emploi, code_bassin from mart_communes order by code_commune")) {
    appartenances[r.code_commune as string] = Object.fromEntries(
      Object.entries({ept: r.code_ept, epci: r.code_epci, zone_emploi: r.code_zone_emploi, bassin: r.code_bassin}).filter(([, v]) => v !== null)
    ) as Record<string, string>;
  }
  const references: FicheData["references"] = {};
  for (const niveau of LEVELS) {
    const column = niveau === "departement" ? "code_departement" : `code_${niveau}`;
    for (const r of await rows(
      db,
      `select ${column} as code, count(distinct code_departement) as n_dep, min(code_departement) as departement, count(distinct code_couronne) as n_cour, min(code_couronne) as couronne
       from mart_communes where ${column} is not null group by ${column} order by ${column}`
    )) {
      // a territory across two départements (or couronnes) is set against the region only there
      references[`${niveau}:${r.code}`] = {departement: niveau !== "departement" && Number(r.n_dep) === 1 ? (r.departement as string) : null, couronne: Number(r.n_cour) === 1 ? (r.couronne as string) : null};
    }
  }
  // The aid recorded there, per funder and year (mart_aides_territoires); the funders' names, units, publication thresholds and partial years.
  const aides: FicheData["aides"] = {};
  for (const r of await rows(db, "select * from mart_aides_territoires")) {
    (aides[`${r.niveau}:${r.code}`] ??= []).push([r.financeur as string, Number(r.annee), Number(r.nombre), r.montant as number | null, r.lieu as string, r.source as string]);
  }
  const financeurs = readFinanceurs().map((f) => ({code: f.code, libelle: f.libelle, mention: f.mention ?? null, unite: f.unite ?? (["aide", "aides"] as [string, string]), partielles: Object.keys(f.partielles ?? {}).map(Number)}));
  const registry = readRegistry();
  const sources = SHEET_SOURCES.map((id) => {
    const s = registry.find((x) => x.id === id);
    if (!s) throw new Error(`loaders/fiches.ts: source ${id} is not in data/sources.json`);
    return {id, title: s.title, vintage: s.vintage, licence: s.licence};
  });
  const cite = (id: string) => {
    const s = registry.find((x) => x.id === id);
    if (!s) throw new Error(`loaders/fiches.ts: source ${id} is not in data/sources.json`);
    return {id, title: s.title, vintage: s.vintage, licence: s.licence};
  };
  const sourcesAides = Object.fromEntries([...new Set(Object.values(aides).flatMap((list) => list.map((r) => r[5])))].sort().map((id) => [id, cite(id)]));
  return {aides, financeurs, sourcesAides, familles: familles.map((f) => ({id: f.id as string, libelle: f.libelle as string, millesime: vintages.get(f.id as string) ?? null})), sites: names, lieux, territoires, appartenances, references, sources};
}
