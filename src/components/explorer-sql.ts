// The Explorer's SQL mode: an editor, saved queries answering the report's questions, and the
// dictionary of every table and level view at hand. SQL received by a permalink is shown, not run.
import {textTable} from "./dictionary.js";

export interface SqlTable {
  id: string;
  title: string;
  rows?: number;
  columns: {name: string; type: string; unit?: string; description?: string; label?: string}[];
}

export interface SavedQuery {
  id: string;
  title: string;
  question: string;
  sql: string;
}

export interface SqlPanel {
  element: HTMLElement;
  value(): string;
  set(sql: string): void;
}

export function SqlPanel({tables, views, queries, initial, onRun}: {tables: SqlTable[]; views: SqlTable[]; queries: SavedQuery[]; initial: string; onRun: (sql: string) => void}): SqlPanel {
  const element = document.createElement("div");
  element.className = "explorer-sql";

  const saved = document.createElement("select");
  saved.id = "requetes-enregistrees";
  saved.append(new Option("— choisir —", ""));
  for (const q of queries) saved.append(new Option(q.title, q.id));
  const savedLabel = document.createElement("label");
  savedLabel.htmlFor = saved.id;
  savedLabel.textContent = "Requêtes enregistrées";
  const question = document.createElement("p");
  question.className = "hint";

  const editor = document.createElement("textarea");
  editor.id = "requete-sql";
  editor.rows = 10;
  editor.spellcheck = false;
  editor.value = initial;
  const editorLabel = document.createElement("label");
  editorLabel.htmlFor = editor.id;
  editorLabel.textContent = "Requête SQL (DuckDB) — Ctrl+Entrée pour exécuter";

  const run = document.createElement("button");
  run.type = "button";
  run.className = "sql-run";
  run.textContent = "Exécuter";
  run.addEventListener("click", () => onRun(editor.value));
  editor.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      onRun(editor.value);
    }
  });
  saved.addEventListener("change", () => {
    const q = queries.find((x) => x.id === saved.value);
    if (!q) return;
    editor.value = q.sql;
    question.textContent = q.question;
    onRun(q.sql);
  });

  const dictionary = document.createElement("details");
  dictionary.className = "sql-dictionary";
  const summary = document.createElement("summary");
  summary.textContent = "Tables et colonnes disponibles";
  dictionary.append(summary);
  const describe = (t: SqlTable, kind: string) => {
    const d = document.createElement("details");
    const s = document.createElement("summary");
    const code = document.createElement("code");
    code.textContent = t.id;
    s.append(code, document.createTextNode(` — ${t.title}${t.rows !== undefined ? ` (${t.rows} lignes)` : ""}`));
    d.append(s, textTable(["Colonne", "Type", "Description"], t.columns.map((c) => [c.name, c.type, c.description ?? c.label ?? ""]), {caption: `${kind} ${t.id}`, className: "dictionary"}));
    return d;
  };
  dictionary.append(...tables.map((t) => describe(t, "Table")), ...views.map((v) => describe(v, "Vue")));

  element.append(savedLabel, saved, question, editorLabel, editor, run, dictionary);
  return {element, value: () => editor.value, set: (sql) => (editor.value = sql)};
}
