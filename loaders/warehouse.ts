// The build-time warehouse: stage every registered source into DuckDB, run the SQL models
// (stg_ → int_ → mart_), then the invariant checks. A broken invariant stops the build.
import {DuckDBInstance, type DuckDBConnection} from "@duckdb/node-api";
import {existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync} from "node:fs";
import {dirname, join} from "node:path";
import {fileURLToPath} from "node:url";
import {createTable, type Columns, type ColumnType} from "./append.js";
import {fingerprint as inputsFingerprint, warehouseInputs} from "./fingerprint.js";
import {locate, packOptionsFromEnv, type PackOptions} from "./pack.js";
import type {CsvProblem} from "../src/lib/csv-parse.js";
import {propertiesAsRecords, readFeatureCollection} from "./read/geojson.js";
import {readTable, statusColumn, typeRecords, type ColumnSpec, type Row} from "./read/table.js";
import {getSource, readRegistry, type Source} from "./registry.js";
import {STAGED, type Staged} from "./staging.js";
import {structuresSchema} from "./schemas.js";
import {stageLocations} from "./locate.js";
import {readStructureSources, stageStructures} from "./structures.js";
import {stageAides} from "./aides.js";

const here = dirname(fileURLToPath(import.meta.url));
export const SQL_DIR = join(here, "sql");
export const CHECKS_DIR = join(here, "checks");
export const WAREHOUSE_PATH = join(here, "..", "data", "warehouse.duckdb");

export class InvariantError extends Error {}

export interface Check {
  name: string;
  description: string;
  sql: string;
}

export interface CheckResult extends Check {
  violations: Record<string, unknown>[];
}

export interface Reject extends CsvProblem {
  source: string;
}

/** Rows as plain JS objects; BIGINT/HUGEINT become numbers (all our counts are far below 2^53). */
export async function rows(connection: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
  const reader = await connection.runAndReadAll(sql);
  return reader.getRowObjectsJS().map((row) =>
    Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === "bigint" ? Number(v) : v]))
  );
}

const sqlType = (spec: ColumnSpec): ColumnType => {
  const type = typeof spec === "string" ? spec : spec.type;
  return type === "integer" ? "BIGINT" : type === "decimal" ? "DOUBLE" : "VARCHAR";
};

/** Creates raw_<source> (declared columns + _line) and appends the typed rows. */
export async function stageRows(connection: DuckDBConnection, staged: Staged, typedRows: Row[]): Promise<void> {
  const columns: [string, ColumnType][] = [];
  for (const [name, spec] of Object.entries(staged.columns)) {
    columns.push([name, sqlType(spec)]);
    if (sqlType(spec) === "DOUBLE") columns.push([statusColumn(name), "VARCHAR"]);
  }
  columns.push(["_line", "INTEGER"]);
  await createTable(connection, staged.table, columns, typedRows);
}

/** Reads one registered source from the pack into typed rows and rejects. */
export async function readStaged(staged: Staged, source: Source, pack: PackOptions): Promise<{rows: Row[]; rejects: Reject[]; sourceRows: number}> {
  const path = await locate(source, pack);
  const bytes = readFileSync(path);
  const file = source.pack_file ?? source.project_file!;
  const typed =
    staged.format === "csv"
      ? readTable(bytes, file, staged.columns)
      : typeRecords(Object.keys(staged.columns), propertiesAsRecords(readFeatureCollection(bytes, file), Object.keys(staged.columns)), file, staged.columns);
  return {rows: typed.rows, rejects: typed.rejects.map((r) => ({...r, source: staged.source})), sourceRows: typed.sourceRows};
}

export function readChecks(dir = CHECKS_DIR): Check[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".sql"))
    .sort()
    .map((file) => {
      const sql = readFileSync(join(dir, file), "utf8");
      return {name: file.replace(/\.sql$/, ""), description: sql.split("\n")[0].replace(/^--\s*/, ""), sql};
    });
}

/**
 * The models of a folder in dependency order: a model runs after every model its SQL names, and the
 * layers never point backwards (stg_ reads raw_ only, int_ reads stg_/int_, mart_ reads any).
 */
export function modelOrder(dir = SQL_DIR): {name: string; sql: string}[] {
  const layer = (name: string) => ["stg_", "int_", "mart_"].findIndex((p) => name.startsWith(p));
  const models = readdirSync(dir)
    .filter((f) => f.endsWith(".sql") && layer(f) >= 0)
    .sort()
    .map((f) => ({name: f.replace(/\.sql$/, ""), sql: readFileSync(join(dir, f), "utf8")}));
  const names = new Set(models.map((m) => m.name));
  const deps = new Map(models.map((m) => [m.name, [...m.sql.replace(/--.*$/gm, "").matchAll(/\b(?:stg|int|mart)_\w+/g)].map((x) => x[0]).filter((n) => names.has(n) && n !== m.name)]));
  for (const [name, ds] of deps) {
    const backwards = ds.find((d) => layer(d) > layer(name));
    if (backwards) throw new Error(`loaders/sql/${name}.sql reads ${backwards}, a later layer: move the logic or rename the model.`);
  }
  const ordered: {name: string; sql: string}[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (name: string, path: string[]) => {
    if (state.get(name) === "done") return;
    if (state.get(name) === "visiting") throw new Error(`loaders/sql: circular dependency ${[...path, name].join(" → ")}`);
    state.set(name, "visiting");
    for (const d of deps.get(name)!) visit(d, [...path, name]);
    state.set(name, "done");
    ordered.push(models.find((m) => m.name === name)!);
  };
  for (const m of models) visit(m.name, []);
  return ordered;
}

/** The functions the models share (sql/macros.sql), created before any model runs. */
export async function runMacros(connection: DuckDBConnection, dir = SQL_DIR): Promise<void> {
  const path = join(dir, "macros.sql");
  if (!existsSync(path)) return;
  try {
    await connection.run(readFileSync(path, "utf8"));
  } catch (error) {
    throw new Error(`loaders/sql/macros.sql: ${(error as Error).message}`);
  }
}

export async function runModels(connection: DuckDBConnection, dir = SQL_DIR): Promise<string[]> {
  const models = modelOrder(dir);
  await runMacros(connection, dir);
  for (const {name, sql} of models) {
    try {
      await connection.run(`create or replace table ${name} as\n${sql}`);
    } catch (error) {
      throw new Error(`loaders/sql/${name}.sql: ${(error as Error).message}`);
    }
  }
  return models.map((m) => m.name);
}

/** Project-owned reference tables (data/*.json) that the SQL joins, e.g. how each indicator aggregates
 * and the precision it is published at. */
export async function loadReferences(connection: DuckDBConnection): Promise<void> {
  const dictionary = JSON.parse(readFileSync(join(here, "..", "data", "indicators.json"), "utf8"));
  await connection.run("create or replace table ref_indicateurs (id VARCHAR, theme VARCHAR, direction VARCHAR, aggregation VARCHAR, recombinable BOOLEAN, source VARCHAR, decimals INTEGER, seuil DOUBLE)");
  const appender = await connection.createAppender("ref_indicateurs");
  for (const i of dictionary.indicators) {
    if (!Number.isInteger(i.decimals)) throw new Error(`data/indicators.json: indicator "${i.id}" has no "decimals" (the precision its values are published at, that of its source).`);
    for (const v of [i.id, i.theme, i.direction, i.aggregation]) appender.appendVarchar(v);
    appender.appendBoolean(i.recombinable);
    appender.appendVarchar(i.source);
    appender.appendInteger(i.decimals);
    if (typeof i.seuil === "number") appender.appendDouble(i.seuil);
    else appender.appendNull();
    appender.endRow();
  }
  appender.closeSync();
  // The supply families and the type of each site, by source (data/offre.json).
  const offre = JSON.parse(readFileSync(join(here, "..", "data", "offre.json"), "utf8"));
  await connection.run("create or replace table ref_familles (famille VARCHAR, libelle VARCHAR, ordre INTEGER)");
  const familles = await connection.createAppender("ref_familles");
  offre.familles.forEach((f: {id: string; libelle: string}, i: number) => {
    familles.appendVarchar(f.id);
    familles.appendVarchar(f.libelle);
    familles.appendInteger(i + 1);
    familles.endRow();
  });
  familles.closeSync();
  await connection.run("create or replace table ref_types_sites (source VARCHAR, type VARCHAR, libelle VARCHAR, famille VARCHAR, accueil_public BOOLEAN, mobile BOOLEAN)");
  const types = await connection.createAppender("ref_types_sites");
  for (const t of offre.types as {sources: string[]; type: string; libelle: string; famille: string; accueil_public: boolean; mobile: boolean}[]) {
    for (const source of t.sources) {
      for (const v of [source, t.type, t.libelle, t.famille]) types.appendVarchar(v);
      types.appendBoolean(t.accueil_public);
      types.appendBoolean(t.mobile);
      types.endRow();
    }
  }
  types.closeSync();
  // The registry's licence and vintage, so a published row names its own.
  await connection.run("create or replace table ref_sources (source VARCHAR, licence VARCHAR, millesime VARCHAR)");
  const sources = await connection.createAppender("ref_sources");
  for (const s of readRegistry()) {
    for (const v of [s.id, s.licence, s.vintage]) sources.appendVarchar(v);
    sources.endRow();
  }
  sources.closeSync();
}

export async function runChecks(connection: DuckDBConnection, checks = readChecks()): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const check of checks) results.push({...check, violations: await rows(connection, check.sql)});
  return results;
}

export function assertChecks(results: CheckResult[]): void {
  const failed = results.filter((r) => r.violations.length > 0);
  if (failed.length === 0) return;
  const lines = failed.map((r) => `- ${r.name} (${r.description}): ${r.violations.length} violation(s), e.g. ${JSON.stringify(r.violations.slice(0, 3))}`);
  throw new InvariantError(`The warehouse breaks ${failed.length} invariant(s):\n${lines.join("\n")}`);
}

/** raw_parse_rejects: every source line not loaded, one row per problem, with what was expected. */
async function stageRejects(connection: DuckDBConnection, rejects: Reject[]): Promise<void> {
  const columns: Columns = [["source", "VARCHAR"], ["ligne", "INTEGER"], ["colonne", "VARCHAR"], ["valeur", "VARCHAR"], ["raison", "VARCHAR"]];
  await createTable(connection, "raw_parse_rejects", columns, rejects.map((r) => ({source: r.source, ligne: r.line, colonne: r.column, valeur: r.value, raison: `attendu : ${r.expected}`})));
}

/** raw_source_rows: per source, the data lines read and the rows loaded (checked against the rejects). */
async function stageSourceRows(connection: DuckDBConnection, counts: {source: string; sourceRows: number; loaded: number}[]): Promise<void> {
  const columns: Columns = [["source", "VARCHAR"], ["lignes_source", "INTEGER"], ["lignes_chargees", "INTEGER"]];
  await createTable(connection, "raw_source_rows", columns, counts.map((c) => ({source: c.source, lignes_source: c.sourceRows, lignes_chargees: c.loaded})));
}

/** Stages every source, runs the models and the checks; returns the rejects. */
export async function populate(connection: DuckDBConnection, pack: PackOptions = packOptionsFromEnv(), {registry = readRegistry()}: {registry?: Source[]} = {}): Promise<{rejects: Reject[]; checks: CheckResult[]}> {
  const rejects: Reject[] = [];
  const counts: {source: string; sourceRows: number; loaded: number}[] = [];
  for (const staged of STAGED) {
    const result = await readStaged(staged, getSource(staged.source, registry), pack);
    await stageRows(connection, staged, result.rows);
    rejects.push(...result.rejects);
    counts.push({source: staged.source, sourceRows: result.sourceRows, loaded: result.rows.length});
  }
  // Support structures go through the structures model, against the COG 2026 communes just staged.
  const communes = new Set((await rows(connection, "select codgeo from raw_communes_reference")).map((r) => r.codgeo as string));
  // (no merged-commune hints: the pack's files carry COG 2026 codes; int_fusions does not exist yet)
  const structures = await readStructureSources(registry, {schema: structuresSchema(), communes}, pack);
  await stageStructures(connection, structures);
  for (const file of structures) {
    rejects.push(...file.rejects);
    counts.push({source: file.source, sourceRows: file.sourceRows, loaded: file.rows.length});
  }
  // Centroids and the commune of every published point (planar geometry, in TypeScript).
  await stageLocations(connection, registry, pack);
  await stageRejects(connection, rejects);
  await stageSourceRows(connection, counts);
  await stageAides(connection, registry, pack);
  await loadReferences(connection);
  await runModels(connection);
  const checks = await runChecks(connection);
  assertChecks(checks);
  return {rejects, checks};
}

/** A fingerprint of everything the warehouse is built from (loaders/fingerprint.ts), so a stale file is rebuilt. */
export function fingerprint(): string {
  return inputsFingerprint(warehouseInputs());
}

/** Per supply source: rows of the file, sites loaded, lines rejected (the sites_rows_accounted invariant). */
export const SITES_SUMMARY = `select l.source, l.lignes_source,
  (select count(*) from mart_sites m where m.source = l.source) as sites,
  (select count(distinct ligne) from mart_rejects r where r.source = l.source) as rejetees
from raw_source_rows l where l.source in (select distinct source from int_sites) order by l.source`;

/** Builds data/warehouse.duckdb atomically (temp file, then rename) and reports to stderr. */
export async function buildWarehouse(path = WAREHOUSE_PATH): Promise<void> {
  mkdirSync(dirname(path), {recursive: true});
  const temp = `${path}.${process.pid}.tmp`;
  rmSync(temp, {force: true});
  const instance = await DuckDBInstance.create(temp);
  const connection = await instance.connect();
  try {
    await populate(connection);
    await connection.run(`create table meta_build as select '${fingerprint()}' as fingerprint`);
    const [summary] = await rows(connection, "select (select count(*) from mart_communes) as communes, (select sum(population) from mart_communes) as population, (select count(*) from mart_rejects) as rejects");
    const bySource = await rows(connection, "select source, count(*) as n from mart_rejects group by source order by source");
    process.stderr.write(
      `warehouse: ${summary.communes} communes, population ${summary.population}, ${readChecks().length} invariants hold; ` +
        `${summary.rejects} source rows not loaded (${bySource.map((r) => `${r.source}: ${r.n}`).join(", ")}), listed in rejets.csv\n`
    );
    const sites = await rows(connection, SITES_SUMMARY);
    process.stderr.write(
      `supply: ${sites.reduce((n, s) => n + (s.sites as number), 0)} sites loaded — ${sites.map((s) => `${s.source}: ${s.lignes_source} rows = ${s.sites} loaded + ${s.rejetees} rejected`).join("; ")}\n`
    );
  } catch (error) {
    connection.closeSync();
    instance.closeSync();
    rmSync(temp, {force: true}); // a failed build leaves nothing a later run could trust
    throw error;
  }
  connection.closeSync();
  instance.closeSync();
  renameSync(temp, path);
}

/** Opens the warehouse read-only, (re)building it first when missing or stale. */
export async function openWarehouse(path = WAREHOUSE_PATH): Promise<DuckDBConnection> {
  if (existsSync(path)) {
    const instance = await DuckDBInstance.create(path, {access_mode: "READ_ONLY"});
    const connection = await instance.connect();
    const stamp = await rows(connection, "select fingerprint from meta_build").catch(() => []);
    if (stamp[0]?.fingerprint === fingerprint()) return connection;
    connection.closeSync();
    instance.closeSync();
  }
  await buildWarehouse(path);
  const instance = await DuckDBInstance.create(path, {access_mode: "READ_ONLY"});
  return instance.connect();
}
