/** Validators for the files offered on /donnees. Each throws an Error explaining what is wrong. */
import {csvParse, dsvFormat, type DSVRowArray} from "d3-dsv";
import {readFileSync} from "node:fs";
import {mkdtemp, rm, writeFile} from "node:fs/promises";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {DuckDBInstance} from "@duckdb/node-api";

const BOM = "\uFEFF";
const decoder = new TextDecoder("utf-8", {fatal: true, ignoreBOM: true});

function utf8(bytes: Uint8Array, what: string): string {
  try {
    return decoder.decode(bytes);
  } catch {
    throw new Error(`${what} is not valid UTF-8`);
  }
}

function checkTable(rows: DSVRowArray<string>, what: string): void {
  const {columns} = rows;
  if (!columns.length || columns.every((c) => c.trim() === "")) throw new Error(`${what}: empty header row`);
  const blank = columns.filter((c) => c.trim() === "");
  if (blank.length) throw new Error(`${what}: header has ${blank.length} empty column name(s): ${JSON.stringify(columns)}`);
  if (rows.length < 1) throw new Error(`${what}: no data row`);
}

/** UTF-8, comma-separated, header row, ≥ 1 data row. Returns the number of data rows. */
export function checkCsv(bytes: Uint8Array, what = "CSV"): number {
  let text = utf8(bytes, what);
  if (text.startsWith(BOM)) text = text.slice(1);
  const rows = csvParse(text);
  checkTable(rows, what);
  if (rows.columns.length < 2 && rows.columns[0]?.includes(";"))
    throw new Error(`${what}: looks semicolon-separated, expected commas (header: ${rows.columns[0]})`);
  return rows.length;
}

/**
 * UTF-8 with BOM, `;`-separated, decimal comma: no number may be written with a decimal point.
 * Returns the number of values written with a decimal comma (a table may have no decimal at all:
 * callers check that at least one csv-excel download has some).
 */
export function checkCsvExcel(bytes: Uint8Array, what = "CSV (Excel)", {textColumns: texts = new Set<string>()}: {textColumns?: ReadonlySet<string>} = {}): number {
  const text = utf8(bytes, what);
  if (!text.startsWith(BOM)) throw new Error(`${what}: missing UTF-8 BOM`);
  const rows = dsvFormat(";").parse(text.slice(1));
  checkTable(rows, what);
  if (rows.columns.length < 2) throw new Error(`${what}: only one column; is it really ';'-separated? (${rows.columns[0]})`);
  const decimalComma = /^\s*-?\d+,\d+\s*$/;
  const decimalPoint = /^\s*-?\d+\.\d+\s*$/;
  let commas = 0;
  for (const row of rows) {
    for (const [column, value] of Object.entries(row)) {
      if (value === undefined) continue;
      if (decimalComma.test(value)) commas++;
      // A text column holds a source's text as read, e.g. a SIRET that a spreadsheet wrote 88163512200016.0
      // (French Excel and LibreOffice keep it as text: the point is not their decimal separator).
      else if (decimalPoint.test(value) && !texts.has(column)) throw new Error(`${what}: ${column} = ${value} uses a decimal point, expected a comma`);
    }
  }
  return commas;
}

/** GeoJSON FeatureCollection whose every position lies within Île-de-France (WGS84). Returns the feature count. */
export function checkGeojson(
  bytes: Uint8Array,
  what = "GeoJSON",
  bounds = {lon: [1, 3.6], lat: [48, 49.3]}
): number {
  let json: {type?: unknown; features?: unknown};
  try {
    json = JSON.parse(utf8(bytes, what));
  } catch (error) {
    throw new Error(`${what}: invalid JSON (${(error as Error).message})`);
  }
  if (json.type !== "FeatureCollection") throw new Error(`${what}: type is ${JSON.stringify(json.type)}, expected FeatureCollection`);
  if (!Array.isArray(json.features) || json.features.length === 0) throw new Error(`${what}: no features`);
  let positions = 0;
  const visit = (coordinates: unknown): void => {
    if (!Array.isArray(coordinates)) return;
    if (typeof coordinates[0] === "number") {
      const [lon, lat] = coordinates as number[];
      positions++;
      if (!(lon >= bounds.lon[0] && lon <= bounds.lon[1] && lat >= bounds.lat[0] && lat <= bounds.lat[1]))
        throw new Error(`${what}: position [${lon}, ${lat}] outside lon ${bounds.lon.join("–")} / lat ${bounds.lat.join("–")} (not WGS84?)`);
      return;
    }
    for (const c of coordinates) visit(c);
  };
  const visitGeometry = (geometry: {type?: string; coordinates?: unknown; geometries?: unknown[]} | null): void => {
    if (!geometry) return;
    if (geometry.type === "GeometryCollection") for (const g of geometry.geometries ?? []) visitGeometry(g as typeof geometry);
    else visit(geometry.coordinates);
  };
  for (const feature of json.features as {geometry?: Parameters<typeof visitGeometry>[0]}[]) visitGeometry(feature.geometry ?? null);
  if (positions === 0) throw new Error(`${what}: features have no coordinates`);
  return json.features.length;
}

/** Writes the bytes to a temporary file and counts rows with DuckDB's read_parquet. Returns the row count. */
export async function checkParquet(bytes: Uint8Array, what = "Parquet"): Promise<number> {
  const magic = "PAR1";
  const head = String.fromCharCode(...bytes.subarray(0, 4));
  if (head !== magic) throw new Error(`${what}: not a Parquet file (starts with ${JSON.stringify(head)})`);
  const dir = await mkdtemp(join(tmpdir(), "e2e-parquet-"));
  const file = join(dir, "download.parquet");
  try {
    await writeFile(file, bytes);
    const instance = await DuckDBInstance.create(":memory:");
    const connection = await instance.connect();
    try {
      const reader = await connection.runAndReadAll(`SELECT count(*) AS n FROM read_parquet('${file.replaceAll("'", "''")}')`);
      const n = Number(reader.getRows()[0]?.[0] ?? 0);
      if (!(n > 0)) throw new Error(`${what}: read_parquet returned ${n} rows`);
      return n;
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  } finally {
    await rm(dir, {recursive: true, force: true});
  }
}

/** The data dictionary: any non-empty document; parsed further when it is CSV or JSON. */
export function checkDictionnaire(bytes: Uint8Array, url: string, what = "Dictionnaire"): number {
  if (bytes.length === 0) throw new Error(`${what}: empty file`);
  const path = new URL(url).pathname.toLowerCase();
  if (path.endsWith(".csv")) {
    const text = utf8(bytes, what);
    return text.startsWith(BOM) && text.split("\n", 1)[0].includes(";") ? checkCsvExcel(bytes, what) : checkCsv(bytes, what);
  }
  if (path.endsWith(".json")) {
    JSON.parse(utf8(bytes, what));
    return 1;
  }
  return bytes.length;
}

/** Projected TopoJSON for pages: a Topology whose objects are non-empty geometry collections. */
export function checkTopojson(bytes: Uint8Array, what = "TopoJSON"): number {
  const topo = JSON.parse(utf8(bytes, what));
  if (topo?.type !== "Topology" || !topo.transform || !Array.isArray(topo.arcs)) throw new Error(`${what}: not a quantised TopoJSON Topology`);
  const objects = Object.values(topo.objects ?? {}) as {geometries?: unknown[]}[];
  if (objects.length === 0 || objects.some((o) => !o.geometries?.length)) throw new Error(`${what}: an object has no geometry`);
  return objects.reduce((n, o) => n + o.geometries!.length, 0);
}

// Loaded once: a pause of seconds between two fetches lets the server close a kept-alive
// connection that undici then reuses ("fetch failed").
let excelizeReady: Promise<Awaited<ReturnType<typeof import("excelize-wasm").init>>> | undefined;
async function excelize() {
  const {createRequire} = await import("node:module");
  const require = createRequire(import.meta.url);
  const {init} = require("excelize-wasm") as typeof import("excelize-wasm");
  return (excelizeReady ??= init(require.resolve("excelize-wasm/excelize.wasm.gz")));
}

/** An Excel workbook: a zip that excelize opens, with the data, Dictionnaire and Sources et licence sheets. Returns the data rows. */
export async function checkXlsx(bytes: Uint8Array, what = "xlsx"): Promise<number> {
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw new Error(`${what}: not a zip file (an .xlsx is one)`);
  const f = (await excelize()).OpenReader(bytes);
  if (f.error) throw new Error(`${what}: ${f.error}`);
  const sheets = f.GetSheetList().list;
  for (const name of ["Données", "Dictionnaire", "Sources et licence"]) if (!sheets.includes(name)) throw new Error(`${what}: no "${name}" sheet (sheets: ${sheets.join(", ")})`);
  const rows = f.GetRows("Données").result;
  if (rows.length < 2 || rows[0].some((h) => h === "")) throw new Error(`${what}: no header or no data row`);
  return rows.length - 1;
}

/** The text columns (type "texte" in data/tables.json) of the published table a download URL names. */
function textColumns(url: string): Set<string> {
  const name = new URL(url).pathname.split("/").at(-1)!.split(".")[0].replace(/-excel$/, "");
  const tables = JSON.parse(readFileSync(new URL("../../data/tables.json", import.meta.url), "utf8")).tables as {id: string; columns: {name: string; type: string}[]}[];
  return new Set(tables.find((t) => t.id === name)?.columns.filter((c) => c.type === "texte").map((c) => c.name) ?? []);
}

export const FORMATS = ["csv", "csv-excel", "xlsx", "parquet", "geojson", "dictionnaire", "topojson"] as const;
export type Format = (typeof FORMATS)[number];

/** Validates one download according to its data-download format. Returns a count (rows, features…). */
export async function checkDownload(format: string, bytes: Uint8Array, url: string): Promise<number> {
  const what = `${format} ${new URL(url).pathname}`;
  switch (format) {
    case "csv":
      return checkCsv(bytes, what);
    case "csv-excel":
      return checkCsvExcel(bytes, what, {textColumns: textColumns(url)});
    case "parquet":
      return checkParquet(bytes, what);
    case "xlsx":
      return checkXlsx(bytes, what);
    case "geojson":
      return checkGeojson(bytes, what);
    case "dictionnaire":
      return checkDictionnaire(bytes, url, what);
    case "topojson":
      return checkTopojson(bytes, what);
    default:
      throw new Error(`${what}: unknown data-download format ${JSON.stringify(format)}`);
  }
}
