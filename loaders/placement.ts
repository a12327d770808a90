// Inputs of the Implantation page: the demand points (communes, Paris by arrondissement) and the
// candidate communes with their centroids in lon/lat and in planar kilometres, and the recorded
// support structures read from the pack through the project's structures schema.
import type {DuckDBConnection} from "@duckdb/node-api";
import {geoPath} from "d3-geo";
import type {Geometry} from "geojson";
import {idfProjection, projectCollection} from "./geo.js";
import {readFileSync} from "node:fs";
import {arrondissementFeatures, communeFeatures} from "./maps.js";
import {locateById} from "./pack.js";
import {rows} from "./warehouse.js";
import {toKm} from "../src/lib/projection.js";
import {fromCompilation, fromTiersLieux, fusionsFrom} from "../src/model/structures.js";
import {structuresSchema} from "./schemas.js";

export async function placementData(db: DuckDBConnection) {
  const communes = await communeFeatures(db, ["nom_commune", "code_departement", "code_couronne", "code_bassin", "nom_bassin", "population"]);
  const arrondissements = await arrondissementFeatures(db);
  const demande = new Map((await rows(db, "select code, personnes_pauvres, statut from mart_demande")).map((r) => [r.code as string, r]));
  // The pack's polygons follow RFC 7946 (exterior rings counter-clockwise), which d3's spherical
  // functions read as the rest of the globe: take the centroid in the projected plane, where ring
  // order does not matter, and bring it back to lon/lat.
  const projection = idfProjection();
  const point = (f: {geometry: Geometry}) => {
    const [projected] = projectCollection({type: "FeatureCollection", features: [{type: "Feature", properties: {}, geometry: f.geometry as never}]}, projection).features;
    return projection.invert!(geoPath().centroid(projected)) as [number, number];
  };
  const places = [...communes.features, ...arrondissements.features].map((f) => {
    const [lon, lat] = point(f as never);
    const [x, y] = toKm([lon, lat]);
    const p = f.properties as Record<string, unknown>;
    const d = demande.get(f.properties.code);
    const arrondissement = /^751(0[1-9]|1\d|20)$/.test(f.properties.code);
    return {
      code: f.properties.code,
      nom: (p.nom_commune ?? p.nom_arrondissement) as string,
      niveau: arrondissement ? "arrondissement" : "commune",
      departement: arrondissement ? "75" : (p.code_departement as string),
      couronne: arrondissement ? "paris" : (p.code_couronne as string),
      bassin: arrondissement ? "1107" : (p.code_bassin as string),
      population: p.population as number,
      lon: Math.round(lon * 1e5) / 1e5,
      lat: Math.round(lat * 1e5) / 1e5,
      x,
      y,
      personnesPauvres: (d?.personnes_pauvres as number | null) ?? null,
      statut: (d?.statut as string | null) ?? null
    };
  });
  const codes = new Set(communes.features.map((f) => f.properties.code));
  // The merged communes as the build derives them once (int_fusions), for the validators' hints,
  // here and in the page's import (page data `fusions`).
  const fusions = (await rows(db, "select f.code_ancien, f.code_nouveau, c.nom_commune as nom_nouveau from int_fusions f left join mart_communes c on c.code_commune = f.code_nouveau order by f.code_ancien")) as {code_ancien: string; code_nouveau: string; nom_nouveau: string | null}[];
  const schema = structuresSchema();
  const context = {schema, communes: codes, fusions: fusionsFrom(fusions)};
  const compilation = await locateById("structures_compilation");
  const tiersLieux = await locateById("tiers_lieux_2019");
  const fromPack = [
    fromCompilation(readFileSync(compilation), "supply/structures_accompagnement_idf_compilation.csv", context),
    fromTiersLieux(readFileSync(tiersLieux), "supply/tiers_lieux_cget2019_idf.csv", context)
  ];
  const bassins = await rows(db, "select code, libelle from mart_territoires where niveau = 'bassin' order by code");
  return {
    places,
    structures: fromPack.flatMap((r) => r.rows),
    structureRejects: fromPack.flatMap((r) => r.rejects),
    structuresSchema: schema,
    fusions,
    bassins
  };
}
