// The Explorer's logic, pure and tested in node: from the table registry, one view per level
// (commune, département, EPCI…) joining every table keyed at that level and pivoting long tables;
// the query builder's state, its permalink (hostile values ignored and listed), and its SQL, where
// every user value is a `?` parameter and every identifier is checked against the catalogue.

export type ColumnType = "texte" | "entier" | "décimal";

export interface RegistryColumn {
  name: string;
  type: ColumnType;
  unit: string;
  description: string;
}

export interface RegistryTable {
  id: string;
  title: string;
  primaryKey?: string[];
  pivot?: {name: string; value: string; status?: string};
  columns: RegistryColumn[];
}

export interface CatalogColumn {
  name: string;
  label: string;
  type: ColumnType;
  unit: string;
  /** The column holding this value's status (secret statistique…), when there is one. */
  status?: string;
}

export interface Category {
  column: string;
  label: string;
  values: {code: string; label: string}[];
}

export interface Level {
  id: string;
  label: string;
  /** The DuckDB view of the level (niveau_<id>). */
  view: string;
  key: string;
  name: string;
  /** The object of the projected TopoJSON drawing this level, if any. */
  topo: string | null;
  count: number;
  columns: CatalogColumn[];
  categories: Category[];
}

export const COMMUNE = "commune";
const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;
const same = (a: string[] | undefined, b: string[]) => !!a && a.length === b.length && a.every((x, i) => x === b[i]);

/** Tables whose rows are communes (primary key [code_commune]) or territories ([niveau, code]). */
export function communeTables(tables: RegistryTable[]): RegistryTable[] {
  return tables.filter((t) => same(t.primaryKey, ["code_commune"]));
}
export function territoryTables(tables: RegistryTable[]): RegistryTable[] {
  return tables.filter((t) => same(t.primaryKey, ["niveau", "code"]));
}
/** Long tables keyed by [niveau, code, <pivot name>]. */
export function pivotTables(tables: RegistryTable[]): RegistryTable[] {
  return tables.filter((t) => t.pivot && same(t.primaryKey, ["niveau", "code", t.pivot.name]));
}

export interface PivotVariable {
  /** The value of the pivot column (an indicator id). */
  id: string;
  label: string;
  unit: string;
}

export interface LevelSpec {
  id: string;
  /** Variables of each pivot table present at this level. */
  pivots: Map<string, PivotVariable[]>;
}

/**
 * The view of one level: the level's base table (the first keyed at that level), the other tables
 * keyed at that level, and one column per pivoted variable (plus its status), all by left join
 * so no row is lost. Identifiers come from the registry; values are SQL literals of registry data.
 */
export function levelView(tables: RegistryTable[], spec: LevelSpec): {sql: string; key: string; name: string; columns: CatalogColumn[]} {
  const isCommune = spec.id === COMMUNE;
  const keyed = isCommune ? communeTables(tables) : territoryTables(tables);
  if (!keyed.length) throw new Error(`explorer: no table is keyed at level ${spec.id}`);
  const key = isCommune ? "code_commune" : "code";
  const base = keyed[0];
  const label = (c: RegistryColumn) => `${c.name}${c.unit ? ` (${c.unit})` : ""}`;
  const columns: CatalogColumn[] = [];
  const seen = new Set<string>();
  const select: string[] = [];
  const joins: string[] = [];
  keyed.forEach((table, t) => {
    const alias = `t${t}`;
    for (const c of table.columns) {
      if (c.name === "niveau" || seen.has(c.name)) continue;
      seen.add(c.name);
      select.push(`${alias}.${quote(c.name)}`);
      columns.push({name: c.name, label: label(c), type: c.type, unit: c.unit});
    }
    if (t > 0) joins.push(`left join ${quote(table.id)} ${alias} on ${alias}.${quote(key)} = t0.${quote(key)}${isCommune ? "" : ` and ${alias}."niveau" = t0."niveau"`}`);
  });
  pivotTables(tables).forEach((table, p) => {
    const {name, value, status} = table.pivot!;
    const valueType = table.columns.find((c) => c.name === value)?.type ?? "décimal";
    const variables = spec.pivots.get(table.id) ?? [];
    if (!variables.length) return;
    const alias = `p${p}`;
    const parts: string[] = [];
    for (const v of variables) {
      let column = v.id;
      while (seen.has(column)) column = `${column}_${table.id}`;
      seen.add(column);
      parts.push(`max(${quote(value)}) filter (where ${quote(name)} = ${literal(v.id)}) as ${quote(column)}`);
      select.push(`${alias}.${quote(column)}`);
      const statusColumn = status ? `${column}_statut` : undefined;
      if (status && statusColumn) {
        seen.add(statusColumn);
        parts.push(`max(${quote(status)}) filter (where ${quote(name)} = ${literal(v.id)}) as ${quote(statusColumn)}`);
        select.push(`${alias}.${quote(statusColumn)}`);
      }
      columns.push({name: column, label: `${v.label}${v.unit ? ` (${v.unit})` : ""}`, type: valueType, unit: v.unit, status: statusColumn});
      if (statusColumn) columns.push({name: statusColumn, label: `${v.label} : statut`, type: "texte", unit: ""});
    }
    joins.push(
      `left join (select "code" as "__key", ${parts.join(", ")} from ${quote(table.id)} where "niveau" = ${literal(spec.id)} group by "code") ${alias} on ${alias}."__key" = t0.${quote(key)}`
    );
  });
  const where = isCommune ? "" : `\nwhere t0."niveau" = ${literal(spec.id)}`;
  const name = base.columns.find((c) => c.type === "texte" && c.name !== key && c.name !== "niveau")?.name ?? key;
  return {sql: `select ${select.join(", ")}\nfrom ${quote(base.id)} t0\n${joins.join("\n")}${where}`, key, name, columns};
}

export const viewName = (level: string) => `niveau_${level.replace(/[^a-z0-9_]/gi, "_")}`;

/**
 * Category filters of a level: each code_X column with a nom_X beside it and at most `max`
 * distinct values (département, couronne, bassin…). Values are given by the caller (the build).
 */
export function categoryColumns(columns: CatalogColumn[]): {column: string; labelColumn: string}[] {
  const names = new Set(columns.map((c) => c.name));
  return columns
    .filter((c) => c.type === "texte" && c.name.startsWith("code_") && names.has(`nom_${c.name.slice(5)}`))
    .map((c) => ({column: c.name, labelColumn: `nom_${c.name.slice(5)}`}));
}

// ---------------------------------------------------------------- builder state and permalink

export type Filter =
  | {column: string; op: "ge" | "le"; value: number}
  | {column: string; op: "q"; value: number[]}
  | {column: string; op: "in"; value: string[]};

export interface BuilderState {
  niveau: string;
  filters: Filter[];
  columns: string[];
  sort: {column: string; desc: boolean} | null;
}

export interface ExplorerState {
  mode: "builder" | "sql";
  builder: BuilderState;
  /** SQL received by a permalink: shown, never run before the user asks. */
  sql: string | null;
}

export const MAX_FILTERS = 12;
export const MAX_SQL_LENGTH = 20_000;
const NUMBER = /^-?\d{1,15}(\.\d{1,15})?$/;

const numericColumn = (level: Level, name: string) => level.columns.find((c) => c.name === name && c.type !== "texte");

/**
 * The first view: communes in the highest quintile of the first indicator that has a status column
 * (an indicator of the pivoted table), sorted by it, so the page opens on a question, not a dump.
 */
export function defaultState(levels: Level[]): ExplorerState {
  const level = levels.find((l) => l.id === COMMUNE) ?? levels[0];
  const indicator = level.columns.find((c) => c.status && c.type !== "texte");
  const builder: BuilderState = indicator
    ? {niveau: level.id, filters: [{column: indicator.name, op: "q", value: [5]}], columns: [], sort: {column: indicator.name, desc: true}}
    : {niveau: level.id, filters: [], columns: [], sort: null};
  return {mode: "builder", builder, sql: null};
}

/** Shown in the notice: what a permalink asked for that was ignored (text, never HTML). */
const shorten = (s: string) => (s.length > 60 ? `${s.slice(0, 57)}…` : s);

/**
 * Reads a permalink's query string. Anything unknown or malformed (a column not in the level, an
 * operator not offered, a value that is not a plain number, a category code the level does not
 * have) is dropped and listed in `ignored`, so the page can say so.
 */
export function decodeState(search: string, levels: Level[]): {state: ExplorerState; ignored: string[]} {
  const params = new URLSearchParams(search);
  const state = defaultState(levels);
  const ignored: string[] = [];
  const niveau = params.get("niveau");
  if (["niveau", "filtre", "colonnes", "tri"].some((k) => params.has(k))) state.builder = {niveau: state.builder.niveau, filters: [], columns: [], sort: null};
  const level = levels.find((l) => l.id === niveau) ?? levels.find((l) => l.id === state.builder.niveau)!;
  if (niveau !== null && level.id !== niveau) ignored.push(`niveau « ${shorten(niveau)} »`);
  state.builder.niveau = level.id;
  const byName = new Map(level.columns.map((c) => [c.name, c]));
  for (const raw of params.getAll("filtre")) {
    const [column = "", op = "", ...rest] = raw.split(":");
    const value = rest.join(":");
    const filter = parseFilter(level, byName, column, op, value);
    if (!filter || state.builder.filters.length >= MAX_FILTERS) ignored.push(`filtre « ${shorten(raw)} »`);
    else state.builder.filters.push(filter);
  }
  for (const name of (params.get("colonnes") ?? "").split(",").filter(Boolean)) {
    if (byName.has(name) && !state.builder.columns.includes(name)) state.builder.columns.push(name);
    else ignored.push(`colonne « ${shorten(name)} »`);
  }
  const tri = params.get("tri");
  if (tri) {
    const desc = tri.startsWith("-");
    const column = desc ? tri.slice(1) : tri;
    if (byName.has(column)) state.builder.sort = {column, desc};
    else ignored.push(`tri « ${shorten(tri)} »`);
  }
  const mode = params.get("mode");
  if (mode === "sql") state.mode = "sql";
  else if (mode !== null && mode !== "constructeur") ignored.push(`mode « ${shorten(mode)} »`);
  const sql = params.get("sql");
  if (sql !== null) {
    if (sql.length <= MAX_SQL_LENGTH) state.sql = sql;
    else ignored.push(`requête SQL de ${sql.length} caractères (au plus ${MAX_SQL_LENGTH})`);
  }
  return {state, ignored};
}

function parseFilter(level: Level, byName: Map<string, CatalogColumn>, column: string, op: string, value: string): Filter | null {
  if (!byName.has(column)) return null;
  if (op === "ge" || op === "le") {
    if (!numericColumn(level, column) || !NUMBER.test(value)) return null;
    return {column, op, value: Number(value)};
  }
  if (op === "q") {
    if (!numericColumn(level, column)) return null;
    const parts = value.split(",");
    if (!parts.length || parts.some((p) => !/^[1-5]$/.test(p))) return null;
    return {column, op, value: [...new Set(parts.map(Number))].sort()};
  }
  if (op === "in") {
    const category = level.categories.find((c) => c.column === column);
    const known = new Set(category?.values.map((v) => v.code));
    const codes = value.split(",");
    if (!category || !codes.length || codes.some((c) => !known.has(c))) return null;
    return {column, op, value: [...new Set(codes)]};
  }
  return null;
}

export function encodeState(state: ExplorerState): string {
  const params = new URLSearchParams();
  if (state.mode === "sql") {
    params.set("mode", "sql");
    if (state.sql) params.set("sql", state.sql);
    return params.toString();
  }
  const b = state.builder;
  params.set("niveau", b.niveau);
  for (const f of b.filters) params.append("filtre", `${f.column}:${f.op}:${Array.isArray(f.value) ? f.value.join(",") : String(f.value)}`);
  if (b.columns.length) params.set("colonnes", b.columns.join(","));
  if (b.sort) params.set("tri", `${b.sort.desc ? "-" : ""}${b.sort.column}`);
  return params.toString();
}

// ---------------------------------------------------------------- builder SQL

export const TOTAL = "__total";

/** The columns a result shows: key, name, chosen columns, filtered ones, and the status of each value shown. */
export function resultColumns(level: Level, state: BuilderState): string[] {
  const byName = new Map(level.columns.map((c) => [c.name, c]));
  const wanted = [level.key, level.name, ...state.columns, ...state.filters.map((f) => f.column), ...(state.sort ? [state.sort.column] : [])];
  const out: string[] = [];
  for (const name of wanted) {
    const column = byName.get(name);
    if (!column || out.includes(name)) continue;
    out.push(name);
    if (column.status && !out.includes(column.status)) out.push(column.status);
  }
  return out;
}

/**
 * The builder's query: identifiers checked against the level's columns (an unknown one throws),
 * every value a `?` parameter. Quintiles are computed over the level's rows that have a value:
 * ceil(5 × cumulative share), so the highest value is always in quintile 5 and equal values share a
 * quintile, even on a level of three couronnes (ntile(5) would leave quintile 5 empty there); rows
 * without a value pass no filter on that column.
 */
export function builderQuery(level: Level, state: BuilderState, limit: number): {sql: string; params: (string | number)[]} {
  const byName = new Map(level.columns.map((c) => [c.name, c]));
  const id = (name: string) => {
    if (!byName.has(name)) throw new Error(`colonne inconnue au niveau ${level.id} : ${name}`);
    return quote(name);
  };
  const params: (string | number)[] = [];
  const where: string[] = [];
  const quintiles: string[] = [];
  state.filters.forEach((f, i) => {
    if (f.op === "ge" || f.op === "le") {
      where.push(`${id(f.column)} ${f.op === "ge" ? ">=" : "<="} ?`);
      params.push(f.value);
    } else if (f.op === "q") {
      const q = quote(`__q${i}`);
      quintiles.push(`case when ${id(f.column)} is not null then ceil(5 * cume_dist() over (partition by ${id(f.column)} is not null order by ${id(f.column)})) end as ${q}`);
      where.push(`${q} in (${f.value.map(() => "?").join(", ")})`);
      params.push(...f.value);
    } else if (f.op === "in") {
      where.push(`${id(f.column)} in (${f.value.map(() => "?").join(", ")})`);
      params.push(...f.value);
    }
  });
  const columns = resultColumns(level, state).map(id);
  const order = state.sort ? `${id(state.sort.column)} ${state.sort.desc ? "desc" : "asc"} nulls last, ${id(level.key)}` : id(level.key);
  const from = quintiles.length ? `(select *, ${quintiles.join(", ")} from ${quote(level.view)})` : quote(level.view);
  params.push(limit);
  return {
    sql: `select ${columns.join(", ")}, count(*) over () as ${TOTAL} from ${from} as t${where.length ? ` where ${where.join(" and ")}` : ""} order by ${order} limit ?`,
    params
  };
}
