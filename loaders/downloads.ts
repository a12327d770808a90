// Every published table (data/tables.json) in every format, one archive per folder of the site:
// src/data/csv.zip.ts writes data/csv.zip, from which Framework extracts data/csv/<table>.csv (its
// archive feature), in process. One loader run per format instead of one per table and format:
// each run is a node process, tsx and a warehouse open (≈ 0.7 s; 63 of them for 10 tables in 7
// formats). Which formats, folders and extensions: src/lib/downloads.ts, shared with the Données page.
import type {DuckDBConnection} from "@duckdb/node-api";
import JSZip from "jszip";
import {formatCsv} from "../src/lib/csv.js";
import {DOWNLOAD_FORMATS, formatsOf, type DownloadFormat} from "../src/lib/downloads.js";
import {mergedFeatures} from "./geo.js";
import {arrondissementFeatures, communeFeatures, levelGroups, LEVELS} from "./maps.js";
import {readRegistry} from "./registry.js";
import {readTables, tableRows, toArrow, toParquet, type PublishedTable} from "./tables.js";
import {writeWorkbook} from "./xlsx.js";

type Produce = (db: DuckDBConnection, table: PublishedTable) => Promise<string | Uint8Array>;

export interface Archive {
  /** The folder of the site (and the archive's name): data/<folder>/<table>.<ext>. */
  folder: string;
  ext: string;
  applies: (table: PublishedTable) => boolean;
  produce: Produce;
}

const columnsOf = (table: PublishedTable) => table.columns.map((c) => c.name);

/** The data dictionary of a table: column, type, unit, description, and its source's title, vintage, licence. */
export function dictionaryCsv(table: PublishedTable): string {
  const sources = new Map(readRegistry().map((s) => [s.id, s]));
  const rows = table.columns.map((c) => ({
    colonne: c.name,
    type: c.type,
    unite: c.unit,
    description: c.description,
    source: sources.get(c.source)?.title ?? c.source,
    millesime: sources.get(c.source)?.vintage ?? "",
    licence: sources.get(c.source)?.licence ?? ""
  }));
  return formatCsv(["colonne", "type", "unite", "description", "source", "millesime", "licence"], rows, "utf8");
}

/** A table with its geometry as GeoJSON in WGS84 (RFC 7946). */
export async function geojson(db: DuckDBConnection, table: PublishedTable): Promise<string> {
  if (table.geometry === "points") {
    // One point per row (longitude, latitude); a row without a place keeps a null geometry (RFC 7946 §3.2).
    const features = (await tableRows(db, table)).map((r) => ({
      type: "Feature",
      geometry: r.longitude === null || r.latitude === null ? null : {type: "Point", coordinates: [r.longitude, r.latitude]},
      properties: r
    }));
    return JSON.stringify({type: "FeatureCollection", features});
  }
  const columns = columnsOf(table).filter((c) => c !== "code_commune");
  if (table.geometry === "communes") return JSON.stringify(await communeFeatures(db, columns));
  if (table.geometry === "arrondissements_paris") return JSON.stringify(await arrondissementFeatures(db));
  if (table.geometry !== "territoires") throw new Error(`table "${table.id}" has no geometry`);
  // Each level is the exact union of its communes; the region and its couronnes included.
  const communes = await communeFeatures(db, []);
  const groups = await levelGroups(db);
  const attributes = new Map((await tableRows(db, table)).map((r) => [`${r.niveau}:${r.code}`, r]));
  const region = {object: "region", key: () => "11", label: () => "Île-de-France"};
  const features = [{niveau: "region"}, ...LEVELS].flatMap((level, i) =>
    mergedFeatures(communes, i === 0 ? region : groups[i - 1]).features.map((f) => ({...f, properties: attributes.get(`${level.niveau}:${f.id}`)}))
  );
  return JSON.stringify({type: "FeatureCollection", features});
}

/** How each download format of src/lib/downloads.ts is written. */
const PRODUCERS: Record<DownloadFormat["format"], Produce> = {
  csv: async (db, t) => formatCsv(columnsOf(t), await tableRows(db, t), "utf8"),
  "csv-excel": async (db, t) => formatCsv(columnsOf(t), await tableRows(db, t), "excel-fr"),
  xlsx: async (db, t) => writeWorkbook({table: t, rows: await tableRows(db, t), sources: readRegistry()}),
  parquet: (db, t) => toParquet(db, t),
  geojson,
  dictionnaire: async (_db, t) => dictionaryCsv(t)
};

/** Every archive the site unpacks: one per download format, and the Arrow tables the pages and the Explorer read. */
export const ARCHIVES: Archive[] = [
  ...DOWNLOAD_FORMATS.map((f) => ({folder: f.folder, ext: f.ext, applies: (t: PublishedTable) => formatsOf(t).includes(f), produce: PRODUCERS[f.format]})),
  {folder: "tables", ext: "arrow", applies: () => true, produce: async (db, t) => toArrow(t, await tableRows(db, t))}
];

/** Fixed, so that the same pack gives the same archive (no clock in loaders). */
const ENTRY_DATE = new Date(Date.UTC(2026, 0, 1));

/** The archive of one folder: <table>.<ext> for each published table the format applies to. */
export async function downloadArchive(folder: string, db: DuckDBConnection, tables = readTables()): Promise<Uint8Array> {
  const format = ARCHIVES.find((d) => d.folder === folder);
  if (!format) throw new Error(`no download format for the folder "${folder}" (src/lib/downloads.ts, loaders/downloads.ts)`);
  const zip = new JSZip();
  for (const table of tables.filter(format.applies)) {
    zip.file(`${table.id}.${format.ext}`, await format.produce(db, table), {date: ENTRY_DATE, createFolders: false});
  }
  // Stored, not deflated: Framework unpacks it at once and ships each file on its own.
  return zip.generateAsync({type: "uint8array", compression: "STORE"});
}
