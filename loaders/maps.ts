// The map layers: pack geometry joined to warehouse attributes, and the levels above the commune.
import type {DuckDBConnection} from "@duckdb/node-api";
import type {FeatureCollection, MultiPolygon, Polygon} from "geojson";
import {readFileSync} from "node:fs";
import {type LayerGroup} from "./geo.js";
import {locateById} from "./pack.js";
import {readFeatureCollection} from "./read/geojson.js";
import {rows} from "./warehouse.js";

type Polygons = Polygon | MultiPolygon;
export type CommuneFeatures = FeatureCollection<Polygons, {code: string} & Record<string, unknown>>;

/** Level → TopoJSON object name and the commune column that carries its code. */
export const LEVELS = [
  {niveau: "departement", object: "departements", column: "code_departement"},
  {niveau: "couronne", object: "couronnes", column: "code_couronne"},
  {niveau: "epci", object: "epci", column: "code_epci"},
  {niveau: "ept", object: "ept", column: "code_ept"},
  {niveau: "zone_emploi", object: "zones_emploi", column: "code_zone_emploi"},
  {niveau: "bassin", object: "bassins", column: "code_bassin"}
] as const;

async function readPackCollection(id: string) {
  const path = await locateById(id);
  return readFeatureCollection(readFileSync(path), path);
}

/** Commune polygons (WGS84) with the given mart_communes columns as properties, sorted by code. */
export async function communeFeatures(connection: DuckDBConnection, columns: string[]): Promise<CommuneFeatures> {
  const geometry = await readPackCollection("communes_geometrie");
  const attributes = new Map((await rows(connection, `select code_commune, ${columns.join(", ")} from mart_communes`)).map((r) => [r.code_commune as string, r]));
  const features = geometry.features
    .map((f) => {
      const code = String(f.properties.codgeo);
      const {code_commune: _, ...properties} = attributes.get(code) ?? {};
      return {type: "Feature" as const, id: code, properties: {code, ...properties}, geometry: f.geometry as Polygons};
    })
    .sort((a, b) => a.id.localeCompare(b.id));
  return {type: "FeatureCollection", features};
}

export async function arrondissementFeatures(connection: DuckDBConnection): Promise<CommuneFeatures> {
  const geometry = await readPackCollection("paris_arrondissements");
  const attributes = new Map((await rows(connection, "select * from mart_arrondissements_paris")).map((r) => [r.code_arrondissement as string, r]));
  return {
    type: "FeatureCollection",
    features: geometry.features.map((f) => {
      const code = String(f.properties.codgeo);
      const {code_arrondissement: _, ...properties} = attributes.get(code) ?? {};
      return {type: "Feature", id: code, properties: {code, ...properties}, geometry: f.geometry as Polygons};
    })
  };
}

/** The level groupings (commune → territory code, and labels), from the warehouse. */
export async function levelGroups(connection: DuckDBConnection): Promise<LayerGroup[]> {
  const communes = await rows(connection, `select code_commune, ${LEVELS.map((l) => l.column).join(", ")} from mart_communes`);
  const territoires = await rows(connection, "select niveau, code, libelle from mart_territoires");
  return LEVELS.map((level) => {
    const keys = new Map(communes.map((c) => [c.code_commune as string, (c[level.column] as string | null) ?? null]));
    const labels = new Map(territoires.filter((t) => t.niveau === level.niveau).map((t) => [t.code as string, t.libelle as string]));
    return {object: level.object, key: (code) => keys.get(code) ?? null, label: (code) => labels.get(code) ?? code};
  });
}
