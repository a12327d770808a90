// The Explorer's catalogue, computed at build time from the table registry and the warehouse: the
// levels (commune, then every niveau of the territory table), the view of each level (which
// tables join, which variables the long tables pivot into), the category filters and their values,
// the saved queries (data/requetes-explorateur/*.sql). New registry tables flow in without code.
import type {DuckDBConnection} from "@duckdb/node-api";
import {readdirSync, readFileSync} from "node:fs";
import {join} from "node:path";
import {fileURLToPath} from "node:url";
import {categoryColumns, COMMUNE, levelView, pivotTables, territoryTables, viewName, type Category, type Level, type PivotVariable} from "../src/model/explorer.js";
import {NIVEAUX} from "../src/model/needs-model.js";
import {LEVELS} from "./maps.js";
import {readTables, type PublishedTable} from "./tables.js";
import {rows} from "./warehouse.js";

const DATA = fileURLToPath(new URL("../data/", import.meta.url));
export const QUERIES_DIR = join(DATA, "requetes-explorateur");

const LEVEL_LABELS = new Map<string, string>([
  ...NIVEAUX.map((n) => [n.id, n.id === COMMUNE ? "Communes" : n.label] as [string, string]),
  ["region", "Région"]
]);
const TOPO = new Map<string, string>([[COMMUNE, "communes"], ...LEVELS.map((l) => [l.niveau, l.object] as [string, string])]);

export interface SavedQuery {
  id: string;
  title: string;
  question: string;
  sql: string;
}

/** Saved queries: a .sql file whose first lines are `-- titre:` and `-- question:`. */
export function readSavedQueries(dir = QUERIES_DIR): SavedQuery[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".sql"))
    .sort()
    .map((file) => {
      const text = readFileSync(join(dir, file), "utf8");
      const header = (name: string) => new RegExp(`^--\\s*${name}:\\s*(.+)$`, "m").exec(text)?.[1].trim();
      const title = header("titre");
      if (!title) throw new Error(`${join(dir, file)}: the first line must be "-- titre: …"`);
      const sql = text.split("\n").filter((l) => !/^--\s*(titre|question):/.test(l)).join("\n").trim();
      return {id: file.replace(/\.sql$/, ""), title, question: header("question") ?? "", sql};
    });
}

function indicatorLabels(): Map<string, PivotVariable> {
  const {indicators} = JSON.parse(readFileSync(join(DATA, "indicators.json"), "utf8")) as {indicators: {id: string; label: string; unit: string; vintage?: string}[]};
  return new Map(indicators.map((i) => [i.id, {id: i.id, label: i.vintage ? `${i.label}, ${i.vintage}` : i.label, unit: i.unit}]));
}


export interface Catalog {
  levels: Level[];
  views: {name: string; sql: string}[];
  tables: {id: string; title: string; licence: string; rows: number; columns: {name: string; type: string; unit: string; description: string}[]}[];
  queries: SavedQuery[];
}

export async function explorerCatalog(db: DuckDBConnection, tables: PublishedTable[] = readTables()): Promise<Catalog> {
  const martOf = new Map(tables.map((t) => [t.id, t.mart]));
  const territories = territoryTables(tables)[0];
  const niveaux = territories
    ? (await rows(db, `select niveau, count(*)::int as n from ${martOf.get(territories.id)} group by niveau`)).map((r) => r.niveau as string)
    : [];
  const order = (id: string) => {
    const i = NIVEAUX.findIndex((n) => n.id === id);
    return i < 0 ? NIVEAUX.length : i;
  };
  const levelIds = [COMMUNE, ...niveaux.filter((n) => n !== COMMUNE).sort((a, b) => order(a) - order(b) || a.localeCompare(b))];
  const labels = indicatorLabels();
  const pivots = new Map<string, Map<string, PivotVariable[]>>(levelIds.map((l) => [l, new Map()]));
  for (const table of pivotTables(tables)) {
    const present = await rows(db, `select distinct niveau, ${table.pivot!.name} as v from ${martOf.get(table.id)} order by 1, 2`);
    for (const r of present) {
      const byTable = pivots.get(r.niveau as string);
      if (!byTable) continue;
      const list = byTable.get(table.id) ?? [];
      const id = r.v as string;
      list.push(labels.get(id) ?? {id, label: id, unit: ""});
      byTable.set(table.id, list);
    }
    // The dictionary's order, not the alphabet's.
    const rank = (id: string) => [...labels.keys()].indexOf(id);
    for (const byTable of pivots.values()) byTable.get(table.id)?.sort((a, b) => rank(a.id) - rank(b.id));
  }
  const levels: Level[] = [];
  const views: {name: string; sql: string}[] = [];
  for (const id of levelIds) {
    const view = levelView(tables, {id, pivots: pivots.get(id)!});
    const name = viewName(id);
    views.push({name, sql: view.sql});
    // The same SQL over the warehouse's marts gives the level's row count and category values.
    const overMarts = tables.reduce((sql, t) => sql.replaceAll(`"${t.id}"`, martOf.get(t.id)!), view.sql);
    const [{n}] = await rows(db, `select count(*)::int as n from (${overMarts})`);
    const categories: Category[] = [];
    for (const {column, labelColumn} of categoryColumns(view.columns)) {
      const values = await rows(db, `select distinct "${column}" as code, "${labelColumn}" as label from (${overMarts}) where "${column}" is not null order by 1`);
      if (values.length < 2 || values.length > 30) continue; // a filter needs a choice, and a short list
      categories.push({column, label: labelColumn.slice(4).replace(/_/g, " "), values: values.map((v) => ({code: v.code as string, label: v.label as string}))});
    }
    levels.push({id, label: LEVEL_LABELS.get(id) ?? id, view: name, key: view.key, name: view.name, topo: TOPO.get(id) ?? null, count: n as number, columns: view.columns, categories});
  }
  const counts = await Promise.all(tables.map(async (t) => (await rows(db, `select count(*)::int as n from ${t.mart}`))[0].n as number));
  return {
    levels,
    views,
    tables: tables.map((t, i) => ({id: t.id, title: t.title, licence: t.licence, rows: counts[i], columns: t.columns.map(({name, type, unit, description}) => ({name, type, unit, description}))})),
    queries: readSavedQueries()
  };
}

/** Registers every published table under its id (as the Explorer's browser database does), and the level views. */
export async function registerExplorerTables(db: DuckDBConnection, catalog: Catalog, tables: PublishedTable[] = readTables()): Promise<void> {
  for (const t of tables) await db.run(`create or replace temp view "${t.id}" as select * from ${t.mart}`);
  for (const v of catalog.views) await db.run(`create or replace temp view "${v.name}" as ${v.sql}`);
}
