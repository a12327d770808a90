// The Explorer: builder and SQL modes over DuckDB-Wasm, one result view (count, map, table, exports,
// permalink). Messages are French and text only; a failing, cut or cancelled query leaves every
// control usable.
import {formatInteger, plural} from "../lib/format.js";
import {builderQuery, encodeState, resultColumns, TOTAL, viewName, type ExplorerState, type Level} from "../model/explorer.js";
import type {Topology} from "topojson-specification";
import {QueryError, type QueryResult, type Runner} from "./duckdb-runner.js";
import {BuilderForm} from "./explorer-builder.js";
import {ExportButtons} from "./explorer-export.js";
import {ExplorerMap} from "./explorer-map.js";
import {SqlPanel, type SavedQuery, type SqlTable} from "./explorer-sql.js";
import {DISPLAY_ROWS, ResultTable, type ColumnInfo} from "./explorer-table.js";

export interface ExplorerOptions {
  levels: Level[];
  tables: SqlTable[];
  queries: SavedQuery[];
  runner: Runner;
  topo: Topology;
  initial: ExplorerState;
  /** What the permalink asked for and was ignored. */
  ignored: string[];
  onState: (query: string) => void;
}

function paragraph(className: string, text = ""): HTMLParagraphElement {
  const p = document.createElement("p");
  p.className = className;
  p.textContent = text;
  return p;
}

export function Explorer({levels, tables, queries, runner, topo, initial, ignored, onState}: ExplorerOptions): HTMLElement {
  const root = document.createElement("div");
  root.className = "explorer";
  let state: ExplorerState = structuredClone(initial);

  const notice = paragraph("notice explorer-notice");
  notice.setAttribute("role", "status");
  if (ignored.length) notice.textContent = `Lien incomplet ou modifié : ignoré ${ignored.join(", ")}. Le reste du lien est appliqué.`;
  else notice.hidden = true;

  // Mode switch: two radio buttons in a fieldset (keyboard: arrows).
  const modes = document.createElement("fieldset");
  modes.className = "explorer-modes";
  const legend = document.createElement("legend");
  legend.textContent = "Mode";
  modes.append(legend);
  for (const [value, text] of [["builder", "Constructeur de requête"], ["sql", "SQL"]] as const) {
    const input = document.createElement("input");
    input.type = "radio";
    input.name = "explorer-mode";
    input.id = `mode-${value}`;
    input.value = value;
    input.checked = state.mode === value;
    const label = document.createElement("label");
    label.htmlFor = input.id;
    label.textContent = text;
    input.addEventListener("change", () => setMode(value));
    modes.append(input, label);
  }

  const status = paragraph("explorer-count");
  status.setAttribute("aria-live", "polite");
  const error = paragraph("explorer-error");
  error.setAttribute("role", "alert");
  error.hidden = true;
  const warning = paragraph("explorer-warning");
  warning.hidden = true;
  const permalink = document.createElement("a");
  permalink.className = "explorer-permalink";
  permalink.textContent = "Lien permanent vers cette requête";
  const map = ExplorerMap(topo);
  const tableSlot = document.createElement("div");
  let last: {columns: string[]; rows: Record<string, unknown>[]; name: string} | null = null;
  const exports = ExportButtons(() => last);

  const results = document.createElement("section");
  results.className = "explorer-results";
  results.setAttribute("aria-label", "Résultat");
  const resultsHeading = document.createElement("h2");
  resultsHeading.textContent = "Résultat";
  results.append(resultsHeading, status, error, warning, permalink, exports, map.element, tableSlot);

  const builder = BuilderForm(levels, state.builder, (b) => {
    state = {...state, builder: b};
    void runBuilder();
  });
  const sql = SqlPanel({
    tables,
    views: levels.map((l) => ({id: l.view, title: `vue de l'explorateur, niveau ${l.label}`, rows: l.count, columns: l.columns.map((c) => ({name: c.name, type: c.type, label: c.label}))})),
    queries,
    initial: state.sql ?? queries[0]?.sql ?? `select * from ${viewName("commune")} limit 10`,
    onRun: (text) => void runSql(text)
  });
  if (state.sql !== null) {
    const held = paragraph("notice", "Requête SQL reçue par un lien : relisez-la, puis cliquez sur « Exécuter ». Elle n'est jamais exécutée d'office.");
    sql.element.prepend(held);
  }

  function updateLink(): void {
    const query = encodeState(state);
    permalink.href = `?${query}`;
    onState(query);
  }

  function showError(e: unknown): void {
    const message = e instanceof QueryError ? e.message : (e as Error)?.message ?? String(e);
    error.textContent = e instanceof QueryError && e.kind === "timeout" ? message : `La requête a échoué. Message de DuckDB : ${message}`;
    error.hidden = false;
    status.textContent = "Aucun résultat (voir le message ci-dessous).";
    root.dataset.state = "error";
  }

  function render(result: QueryResult, columns: ColumnInfo[], total: number, object: string | null, codes: Set<string>, name: string, label: string): void {
    error.hidden = true;
    const shown = result.rows.length;
    status.textContent = `${plural(total, "ligne")}${total > shown ? `, dont ${formatInteger(shown)} chargées` : ""} (${formatInteger(Math.round(result.ms))} ms).`;
    const notes: string[] = [];
    if (result.truncated || total > shown) notes.push(`Résultat limité à ${formatInteger(runner.maxRows)} lignes : les suivantes ne sont ni affichées ni exportées. Affinez les filtres ou ajoutez une clause LIMIT.`);
    if (shown > DISPLAY_ROWS) notes.push(`Le tableau montre les ${DISPLAY_ROWS} premières lignes ; les exports contiennent les ${formatInteger(shown)}.`);
    warning.textContent = notes.join(" ");
    warning.hidden = notes.length === 0;
    map.show(object, codes, label);
    tableSlot.replaceChildren(ResultTable(columns, result.rows, label));
    last = {columns: columns.map((c) => c.name), rows: result.rows, name};
    root.dataset.state = "ready";
  }

  let generation = 0;
  async function runBuilder(): Promise<void> {
    const mine = ++generation;
    const started = performance.now();
    updateLink();
    const level = levels.find((l) => l.id === state.builder.niveau)!;
    root.dataset.state = "running";
    try {
      const {sql: text, params} = builderQuery(level, state.builder, runner.maxRows);
      const result = await runner.query(text, params);
      if (mine !== generation) return;
      const names = resultColumns(level, state.builder);
      const byName = new Map(level.columns.map((c) => [c.name, c]));
      const columns = names.map((n) => ({name: n, status: byName.get(n)?.status}));
      const total = Number(result.rows[0]?.[TOTAL] ?? 0);
      for (const row of result.rows) delete row[TOTAL];
      const codes = new Set(result.rows.map((r) => String(r[level.key])));
      render(result, columns, total, level.topo, codes, `explorateur-${level.id}`, `${level.label} répondant aux filtres`);
      performance.measure("explorer-query", {start: started, end: performance.now()});
    } catch (e) {
      if (mine === generation) showError(e);
    }
  }

  async function runSql(text: string): Promise<void> {
    const mine = ++generation;
    state = {...state, sql: text};
    updateLink();
    root.dataset.state = "running";
    status.textContent = "Requête en cours…";
    try {
      const result = await runner.query(text);
      if (mine !== generation) return;
      const names = result.columns.map((c) => c.name);
      const statusOf = (n: string) => (names.includes(`${n}_statut`) ? `${n}_statut` : undefined);
      let object: string | null = null;
      let key = "";
      if (names.includes("code_commune")) [object, key] = ["communes", "code_commune"];
      else if (names.includes("niveau") && names.includes("code")) {
        const level = levels.find((l) => l.id === result.rows[0]?.niveau);
        [object, key] = [level?.topo ?? null, "code"];
      } else if (names.includes("code")) {
        // A level view queried directly: its name says which level.
        const level = levels.find((l) => new RegExp(`\\b${l.view}\\b`).test(text));
        [object, key] = [level?.topo ?? null, "code"];
      }
      const codes = new Set(result.rows.map((r) => String(r[key])));
      render(result, names.map((n) => ({name: n, status: statusOf(n)})), result.rows.length, object, codes, "explorateur-sql", "Résultat de la requête SQL");
      if (result.truncated) status.textContent = `Plus de ${plural(runner.maxRows, "ligne")} : seules les ${formatInteger(runner.maxRows)} premières sont chargées (${formatInteger(Math.round(result.ms))} ms).`;
    } catch (e) {
      if (mine === generation) showError(e);
    }
  }

  function setMode(mode: "builder" | "sql"): void {
    state = {...state, mode};
    builder.element.hidden = mode !== "builder";
    sql.element.hidden = mode !== "sql";
    if (mode === "builder") void runBuilder();
    else updateLink();
  }

  builder.element.hidden = state.mode !== "builder";
  sql.element.hidden = state.mode !== "sql";
  root.append(notice, modes, builder.element, sql.element, results);
  root.dataset.state = "idle";
  return Object.assign(root, {
    /** Runs the first query (the builder's, or nothing in SQL mode) and resolves when it is shown. */
    start: async () => (state.mode === "builder" ? runBuilder() : updateLink())
  });
}
