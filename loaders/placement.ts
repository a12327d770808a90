// Inputs of the Implantation page: the demand points (communes, Paris by arrondissement) and the
// candidate communes with their centroids in lon/lat and in planar kilometres, their territories (an
// arrondissement's are its commune's, from the warehouse's mart_demande: nothing about Paris is
// written here), and the recorded support structures the warehouse loaded from the pack
// (mart_structures; their rejected lines are in the published rejets table), and the supply layer:
// every placed site of each family (mart_sites) and what each family counts, with its vintage; the
// demand counts the page offers (mart_demande) and the communes known to host a QPV.
import type {DuckDBConnection} from "@duckdb/node-api";
import {readFileSync} from "node:fs";
import {arrondissementFeatures, communeFeatures} from "./maps.js";
import {readRegistry} from "./registry.js";
import {STRUCTURE_SOURCES} from "./structures.js";
import {rows} from "./warehouse.js";
import type {Structure} from "../src/model/structures.js";
import {structuresSchema} from "./schemas.js";

export async function placementData(db: DuckDBConnection) {
  const communes = await communeFeatures(db, ["nom_commune", "code_departement", "code_couronne", "code_bassin", "population"]);
  const arrondissements = await arrondissementFeatures(db);
  const demande = new Map((await rows(db, "select * from mart_demande")).map((r) => [r.code as string, r]));
  // Centroids taken in the projected plane by the warehouse (loaders/locate.ts, mart_centroides).
  const centroides = new Map((await rows(db, "select niveau, code, longitude, latitude, x_km, y_km from mart_centroides")).map((r) => [`${r.niveau}:${r.code}`, r]));
  const place = (f: (typeof communes.features)[number], niveau: "commune" | "arrondissement") => {
    const c = centroides.get(`${niveau}:${f.properties.code}`);
    if (!c) throw new Error(`mart_centroides has no centroid for ${niveau} ${f.properties.code}`);
    const [lon, lat, x, y] = [c.longitude, c.latitude, c.x_km, c.y_km] as number[];
    const p = f.properties as Record<string, unknown>;
    const d = demande.get(f.properties.code);
    // A commune's territories are its own; an arrondissement's are its commune's (mart_demande).
    const t = niveau === "commune" ? p : (d ?? {});
    return {
      code: f.properties.code,
      nom: (p.nom_commune ?? p.nom_arrondissement) as string,
      niveau,
      departement: t.code_departement as string,
      couronne: t.code_couronne as string,
      bassin: t.code_bassin as string,
      population: p.population as number,
      lon: Math.round(lon * 1e5) / 1e5,
      lat: Math.round(lat * 1e5) / 1e5,
      x,
      y,
      personnesPauvres: (d?.personnes_pauvres as number | null) ?? null,
      statut: (d?.statut as string | null) ?? null,
      chomeurs: (d?.chomeurs_15_64 as number | null) ?? null
    };
  };
  const places = [...communes.features.map((f) => place(f, "commune")), ...arrondissements.features.map((f) => place(f, "arrondissement"))];
  const files = new Map(readRegistry().map((s) => [s.id, s.pack_file ?? s.project_file]));
  // The model's Structure, field for field (date_information_origine only when the date was rewritten).
  const structures = (
    await rows(
      db,
      `select id, nom, type, code_commune, latitude, longitude, echelle, date_information, source_url, remarque,
         fichier as source, localisable, _line as line, type_origine, date_information_origine from mart_structures`
    )
  ).map(({date_information_origine, ...s}) => ({...s, ...(date_information_origine === null ? {} : {date_information_origine})}) as Structure);
  // One entry per rejected line (a line with two problems is one structure set aside).
  const structureRejects = (
    await rows(
      db,
      `select source, ligne, list(colonne order by colonne) as columns, list(raison order by colonne) as reasons from mart_rejects
       where source in (${STRUCTURE_SOURCES.map((s) => `'${s.source}'`).join(", ")}) group by source, ligne order by source, ligne`
    )
  ).map(({source, ligne, columns, reasons}) => ({file: files.get(source as string), line: ligne, columns, reasons}));
  // The merged communes as the build derives them once (int_fusions), for the validators' hints,
  // here and in the page's import (page data `fusions`).
  const fusions = (await rows(db, "select f.code_ancien, f.code_nouveau, c.nom_commune as nom_nouveau from int_fusions f left join mart_communes c on c.code_commune = f.code_nouveau order by f.code_ancien")) as {code_ancien: string; code_nouveau: string; nom_nouveau: string | null}[];
  const bassins = await rows(db, "select code, libelle from mart_territoires where niveau = 'bassin' order by code");
  // The supply layer (mart_sites): every site with a point, in lon/lat (planar km: toKm in the page).
  // Only what the page draws and measures; the full table is on the Données page.
  const sites = (
    await rows(
      db,
      `select source, nom, type, famille, round(longitude, 5) as lon, round(latitude, 5) as lat,
         compte_distances = 'oui' as compte, mobile = 'oui' as mobile
       from mart_sites where longitude is not null order by source, ligne`
    )
  );
  const types = await rows(db, "select distinct source, type, libelle_type as libelle, famille from mart_sites order by source, type");
  // Each family: its sources with their vintage, and how many sites are loaded, placed, counted.
  const offre = JSON.parse(readFileSync(new URL("../data/offre.json", import.meta.url), "utf8")) as {familles: {id: string; libelle: string; description: string}[]};
  const counts = new Map(
    (
      await rows(
        db,
        `select famille, count(*) as sites, count(longitude) as localises, count(*) filter (where compte_distances = 'oui') as comptes,
           list(distinct source order by source) as sources, min(left(millesime, 4)) as debut, max(left(millesime, 4)) as fin
         from mart_sites group by famille`
      )
    ).map((r) => [r.famille as string, r])
  );
  const registry = readRegistry();
  const familles = offre.familles.map((f) => {
    const c = counts.get(f.id);
    return {
      ...f,
      sites: c?.sites ?? 0,
      localises: c?.localises ?? 0,
      comptes: c?.comptes ?? 0,
      millesime: c ? (c.debut === c.fin ? String(c.debut) : `${c.debut} à ${c.fin}`) : null,
      sources: ((c?.sources as string[] | undefined) ?? []).map((id) => {
        const source = registry.find((r) => r.id === id)!;
        return {id, title: source.title, vintage: source.vintage, licence: source.licence};
      })
    };
  });
  const siteRejects = await rows(db, `select source, count(distinct ligne) as n from mart_rejects where source in (select distinct source from mart_sites) group by source order by source`);
  // Communes known to host a quartier prioritaire: those that signed a contrat de ville alone. The
  // QPVs of intercommunal contrats cannot be placed in a commune (no 2015 EPCI → commune table).
  const qpv = await rows(db, "select code_signataire as code from mart_qpv_contrats where type_signataire = 'COMMUNE_INSEE' order by code");
  const communesQpv = qpv.map((r) => r.code as string);
  return {places, communesQpv, structures, structureRejects, structuresSchema: structuresSchema(), fusions, bassins, sites, types, familles, siteRejects};
}
