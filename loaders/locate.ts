// Where things are, computed once per build and staged for the SQL models:
// - raw_centroides: the centroid of every commune and Paris arrondissement (lon/lat and planar km);
// - raw_points: for every published point of a supply source, its planar km and the commune (and
//   Paris arrondissement) whose contour contains it — null when no contour of the region does.
// Why TypeScript and not SQL: DuckDB's spatial extension is downloaded at run time, which an
// offline build cannot do; the planar geometry is d3's (src/lib/geometry.ts).
import type {DuckDBConnection} from "@duckdb/node-api";
import type {MultiPolygon, Polygon} from "geojson";
import {readFileSync} from "node:fs";
import {planarCentroid, pointLocator} from "../src/lib/geometry.js";
import {idfProjection, toKm} from "../src/lib/projection.js";
import {createTable, type Columns} from "./append.js";
import {locate, type PackOptions} from "./pack.js";
import {readFeatureCollection} from "./read/geojson.js";
import {getSource, type Source} from "./registry.js";
import {rows} from "./warehouse.js";

/** Staged tables holding published coordinates: the source id, line and lon/lat columns. */
export const POINT_TABLES = [
  {table: "raw_france_services_2024", source: "'france_services_2024'", line: "_line", lon: "longitude", lat: "latitude"},
  {table: "raw_france_travail_2019", source: "'france_travail_2019'", line: "_line", lon: "DN_LONGITUDE", lat: "DN_LATITUDE"},
  {table: "raw_structures", source: "source_id", line: "line", lon: "longitude", lat: "latitude"}
];

type Polygons = Polygon | MultiPolygon;

async function features(id: string, registry: Source[], pack: PackOptions) {
  const path = await locate(getSource(id, registry), pack);
  return readFeatureCollection(readFileSync(path), path).features.map((f) => ({key: String(f.properties.codgeo), geometry: f.geometry as Polygons}));
}

/** Writes positional rows (values in the order of `columns`) into a new table. */
function create(connection: DuckDBConnection, table: string, columns: Columns, data: unknown[][]) {
  return createTable(connection, table, columns, data.map((row) => Object.fromEntries(columns.map(([name], i) => [name, row[i]]))));
}

export async function stageLocations(connection: DuckDBConnection, registry: Source[], pack: PackOptions): Promise<void> {
  const projection = idfProjection();
  const communes = await features("communes_geometrie", registry, pack);
  const arrondissements = await features("paris_arrondissements", registry, pack);

  const centroids = [
    ...communes.map((f) => ["commune", f] as const),
    ...arrondissements.map((f) => ["arrondissement", f] as const)
  ].map(([niveau, f]) => {
    const [lon, lat] = planarCentroid(f.geometry, projection);
    const [x, y] = toKm([lon, lat]);
    return [niveau, f.key, lon, lat, x, y];
  });
  await create(connection, "raw_centroides", [["niveau", "VARCHAR"], ["code", "VARCHAR"], ["longitude", "DOUBLE"], ["latitude", "DOUBLE"], ["x_km", "DOUBLE"], ["y_km", "DOUBLE"]], centroids);

  const inCommune = pointLocator(communes, projection);
  const inArrondissement = pointLocator(arrondissements, projection);
  const points: unknown[][] = [];
  for (const t of POINT_TABLES) {
    const published = await rows(connection, `select ${t.source} as source, ${t.line} as line, "${t.lon}" as lon, "${t.lat}" as lat from ${t.table} where "${t.lon}" is not null and "${t.lat}" is not null order by 1, 2`);
    for (const p of published) {
      const lonLat: [number, number] = [p.lon as number, p.lat as number];
      const [x, y] = toKm(lonLat);
      const commune = inCommune(lonLat);
      points.push([p.source, p.line, lonLat[0], lonLat[1], x, y, commune, commune === "75056" ? inArrondissement(lonLat) : null]);
    }
  }
  await create(
    connection,
    "raw_points",
    [["source", "VARCHAR"], ["_line", "INTEGER"], ["longitude", "DOUBLE"], ["latitude", "DOUBLE"], ["x_km", "DOUBLE"], ["y_km", "DOUBLE"], ["code_commune_point", "VARCHAR"], ["code_arrondissement_point", "VARCHAR"]],
    points
  );
}
