// Inputs of the Implantation page: the demand points (communes, Paris by arrondissement) and the
// candidate communes with their centroids in lon/lat and in planar kilometres, their territories (an
// arrondissement's are its commune's, from the warehouse's mart_demande: nothing about Paris is
// written here), and the recorded support structures the warehouse loaded from the pack
// (mart_structures; their rejected lines are in the published rejets table).
import type {DuckDBConnection} from "@duckdb/node-api";
import {geoPath} from "d3-geo";
import type {Geometry} from "geojson";
import {idfProjection, projectCollection} from "./geo.js";
import {arrondissementFeatures, communeFeatures} from "./maps.js";
import {readRegistry} from "./registry.js";
import {STRUCTURE_SOURCES} from "./structures.js";
import {rows} from "./warehouse.js";
import {toKm} from "../src/lib/projection.js";
import type {Structure} from "../src/model/structures.js";
import {structuresSchema} from "./schemas.js";

export async function placementData(db: DuckDBConnection) {
  const communes = await communeFeatures(db, ["nom_commune", "code_departement", "code_couronne", "code_bassin", "population"]);
  const arrondissements = await arrondissementFeatures(db);
  const demande = new Map((await rows(db, "select * from mart_demande")).map((r) => [r.code as string, r]));
  // The pack's polygons follow RFC 7946 (exterior rings counter-clockwise), which d3's spherical
  // functions read as the rest of the globe: take the centroid in the projected plane, where ring
  // order does not matter, and bring it back to lon/lat.
  const projection = idfProjection();
  const point = (f: {geometry: Geometry}) => {
    const [projected] = projectCollection({type: "FeatureCollection", features: [{type: "Feature", properties: {}, geometry: f.geometry as never}]}, projection).features;
    return projection.invert!(geoPath().centroid(projected)) as [number, number];
  };
  const place = (f: (typeof communes.features)[number], niveau: "commune" | "arrondissement") => {
    const [lon, lat] = point(f as never);
    const [x, y] = toKm([lon, lat]);
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
      statut: (d?.statut as string | null) ?? null
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
  return {places, structures, structureRejects, structuresSchema: structuresSchema(), fusions, bassins};
}
